package client

import (
	"crypto/rsa"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultHost is the Authing public cloud's API host.
const DefaultHost = "https://core.authing.cn"

// Version is this SDK's version, sent in the x-authing-sdk-version header.
const Version = "0.1.0"

const (
	defaultTimeout          = 10 * time.Second
	defaultMaxRetries       = 2
	defaultMaxResponseBytes = 16 << 20
)

// String returns a pointer to v, for optional string fields.
func String(v string) *string { return &v }

// Bool returns a pointer to v, for optional boolean fields: Bool(false) is
// sent as false, a nil *bool is not sent at all.
func Bool(v bool) *bool { return &v }

// Int returns a pointer to v, for optional integer fields.
func Int(v int) *int { return &v }

// connOptions are the settings both clients share, after defaults.
type connOptions struct {
	host             string
	appID            string
	userPoolID       string
	tenantID         string
	lang             string
	timeout          time.Duration
	httpClient       *http.Client
	logger           *slog.Logger
	maxRetries       int
	maxResponseBytes int64
	publicKey        *rsa.PublicKey // PublicKey parsed, or nil
	secrets          []string       // redacted from every message: the pool and app secrets
}

// sharedOptions are the fields AuthenticationOptions and
// ManagementOptions have in common, as buildConn reads them.
type sharedOptions struct {
	host, appID, userPoolID, tenantID, lang, publicKey string
	timeout                                            time.Duration
	httpClient                                         *http.Client
	logger                                             *slog.Logger
	maxRetries                                         *int
	maxResponseBytes                                   int64
	// secrets are the client's own secrets (ManagementOptions.Secret,
	// AuthenticationOptions.AppSecret), redacted from every message.
	secrets []string
}

// buildConn validates the shared options and fills in defaults.
func buildConn(s sharedOptions) (*connOptions, error) {
	host, lang, maxRetries, publicKey := s.host, s.lang, s.maxRetries, s.publicKey
	o := &connOptions{
		host: DefaultHost, appID: s.appID, userPoolID: s.userPoolID, tenantID: s.tenantID, lang: lang,
		timeout: s.timeout, httpClient: s.httpClient, logger: s.logger, maxRetries: defaultMaxRetries,
		maxResponseBytes: s.maxResponseBytes, secrets: s.secrets,
	}
	if host != "" {
		u, err := url.Parse(host)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, argError("", "Host %q is not an http(s) URL", host)
		}
		o.host = strings.TrimRight(host, "/")
	}
	switch lang {
	case "", "zh-CN", "en-US":
	default:
		return nil, argError("", "Lang %q: want \"zh-CN\" or \"en-US\"", lang)
	}
	if o.timeout <= 0 {
		o.timeout = defaultTimeout
	}
	if o.httpClient == nil {
		o.httpClient = sharedHTTPClient() // guarded once for all clients
	} else {
		o.httpClient = guardRedirects(o.httpClient)
	}
	if maxRetries != nil {
		if *maxRetries < 0 {
			return nil, argError("", "MaxRetries %d is negative", *maxRetries)
		}
		o.maxRetries = *maxRetries
	}
	if o.maxResponseBytes <= 0 {
		o.maxResponseBytes = defaultMaxResponseBytes
	}
	if publicKey != "" {
		key, err := parsePublicKey(publicKey)
		if err != nil {
			return nil, argError("", "PublicKey: %v", err)
		}
		o.publicKey = key // the one key passwords are encrypted with
	}
	return o, nil
}
