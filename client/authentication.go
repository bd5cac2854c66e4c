package client

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// AuthenticationOptions configures an AuthenticationClient. The zero value
// of every field but UserPoolID means a sensible default.
type AuthenticationOptions struct {
	// UserPoolID is the user pool's id (required).
	UserPoolID string
	// AppID is the application's id; needed by application-scoped calls
	// (MFA, application lists) and the OIDC helpers.
	AppID string
	// AppHost is the application's own host, such as
	// "https://myapp.authing.cn", where the OIDC/OAuth endpoints live.
	AppHost string
	// AppSecret is the application's secret, sent by the OIDC code and
	// refresh-token exchanges.
	AppSecret string
	// RedirectURI is the default redirect URI of the OIDC helpers.
	RedirectURI string
	// TokenEndpointAuthMethod is how the application authenticates to the
	// token, revocation and introspection endpoints, as set for it in the
	// console: by default TokenAuthClientSecretPost when AppSecret is set
	// and TokenAuthNone (a public client, which uses PKCE) otherwise.
	TokenEndpointAuthMethod TokenAuthMethod
	// Host is the API host; default DefaultHost.
	Host string
	// TenantID is sent as x-authing-app-tenant-id when set.
	TenantID string
	// Lang is the language of server messages: "zh-CN" or "en-US".
	Lang string
	// Timeout bounds each HTTP attempt; default 10s.
	Timeout time.Duration
	// HTTPClient sends the requests; by default all clients share one
	// client with a tuned connection pool.
	HTTPClient *http.Client
	// Logger receives one debug record per request (operation, attempt,
	// duration) and a warning per failure; nil logs nothing. Variables,
	// headers and bodies are never logged.
	Logger *slog.Logger
	// MaxRetries is how many times a failed query is retried; nil means 2,
	// Int(0) turns retries off.
	MaxRetries *int
	// MaxResponseBytes caps the size of a response body; default 16 MiB.
	MaxResponseBytes int64
	// PublicKey is the PEM RSA public key passwords are encrypted with.
	// When empty, the public cloud's key is used for DefaultHost, and for
	// other hosts the key is read once from {Host}/api/v2/.well-known.
	PublicKey string
}

// AuthenticationClient makes the calls that need no end-user token:
// registrations, logins, verification codes, password resets by code, the
// OIDC, OAuth and CAS helpers, and public checks. Build one per application
// and share it: it holds no user session, so it is safe for concurrent use
// like an http.Client, and no call changes what another call sees.
//
// Logins and registrations return the *authing.User with its Token and
// TokenExpiredAt set. Calls made as that user go through the UserClient that
// WithAccessToken returns for the token.
//
// Calls whose only answer is a message return it as a *authing.CommonMessage
// when the server sends one (the GraphQL mutations) and just an error when
// it sends none (the REST calls such as SendSMSCode).
type AuthenticationClient struct {
	*clientConfig
	gql *gqlClient // sends no token
}

// clientConfig is what an AuthenticationClient and the UserClients made
// from it share: settings, connection pool and key cache.
type clientConfig struct {
	conn *conn
	opts AuthenticationOptions
	idv  *idVerifier // VerifyIDToken's go-oidc verifier, made on first use
}

// NewAuthenticationClient validates opts and returns a client. It makes no
// network call.
func NewAuthenticationClient(opts AuthenticationOptions) (*AuthenticationClient, error) {
	if strings.TrimSpace(opts.UserPoolID) == "" {
		return nil, argError("NewAuthenticationClient", "UserPoolID is required")
	}
	co, err := buildConn(sharedOptions{host: opts.Host, appID: opts.AppID, userPoolID: opts.UserPoolID,
		tenantID: opts.TenantID, lang: opts.Lang, publicKey: opts.PublicKey, timeout: opts.Timeout,
		httpClient: opts.HTTPClient, logger: opts.Logger, maxRetries: opts.MaxRetries, maxResponseBytes: opts.MaxResponseBytes,
		secrets: []string{opts.AppSecret}})
	if err != nil {
		return nil, err
	}
	opts.AppHost = strings.TrimRight(opts.AppHost, "/")
	switch opts.TokenEndpointAuthMethod {
	case "", TokenAuthNone, TokenAuthClientSecretPost, TokenAuthClientSecretBasic:
	default:
		return nil, argError("NewAuthenticationClient", "TokenEndpointAuthMethod %q: want client_secret_post, client_secret_basic or none",
			string(opts.TokenEndpointAuthMethod))
	}
	c := newConn(co)
	return &AuthenticationClient{clientConfig: &clientConfig{conn: c, opts: opts, idv: &idVerifier{}},
		gql: &gqlClient{conn: c, token: noToken}}, nil
}

// noToken is the token source of calls made without an end user.
func noToken(context.Context, string) (string, error) { return "", nil }
