package client

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// sharedHTTPClient returns the one *http.Client that every client built
// without Options.HTTPClient uses, so that creating a client per incoming
// request reuses one connection pool. It is created on first use and never
// changed afterwards.
var sharedHTTPClient = sync.OnceValue(func() *http.Client {
	return guardRedirects(&http.Client{Transport: newTransport()})
})

// newTransport is http.DefaultTransport's configuration with more idle
// connections per host: an SDK talks to one or two hosts, many requests
// at a time.
func newTransport() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   10 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   128,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
}

// guardRedirects returns a copy of hc (hc itself is never changed) that
// follows a redirect only within the origin (scheme, host and port) of
// the original request, which is always the configured Host or AppHost:
// a redirect elsewhere would resend the request body (a password, the
// pool secret) and headers to a server the caller never named. hc's own
// CheckRedirect, if any, is then asked as usual.
func guardRedirects(hc *http.Client) *http.Client {
	guarded := *hc
	own := hc.CheckRedirect
	guarded.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if !sameOrigin(req.URL, via[0].URL) {
			status := 0
			if req.Response != nil {
				status = req.Response.StatusCode
			}
			return &Error{Kind: KindHTTP, StatusCode: status,
				Message: fmt.Sprintf("refused a redirect to %s://%s: it leaves the configured host", req.URL.Scheme, req.URL.Host)}
		}
		if own != nil {
			return own(req, via)
		}
		if len(via) >= 10 { // net/http's default policy
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
	return &guarded
}

// sameOrigin reports whether a and b have the same scheme and host (port
// included).
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Host, b.Host)
}
