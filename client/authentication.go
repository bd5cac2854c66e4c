package client

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/authing-go/authing"
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
	// Host is the API host; default DefaultHost.
	Host string
	// TenantID is sent as x-authing-app-tenant-id when set.
	TenantID string
	// Lang is the language of server messages: "zh-CN" or "en-US".
	Lang string
	// AccessToken starts the client logged in as the token's user.
	AccessToken string
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

// AuthenticationClient acts as one end user: it registers, logs in and
// edits the user's own account. Login and registration store the returned
// user's token on the client, and later calls send it.
//
// Calls whose only answer is a message return it as a *CommonMessage when
// the server sends one (the GraphQL mutations) and just an error when it
// sends none (the REST calls such as SendSMSCode, Logout, LinkAccount).
//
// An AuthenticationClient is safe for concurrent use. Creating one is
// cheap (no network, no new connection pool); WithAccessToken is cheaper
// still, for one client per incoming request.
type AuthenticationClient struct {
	conn      *conn
	gql       *gqlClient // sends the token when there is one
	authedGQL *gqlClient // fails with ErrNotLoggedIn when there is none
	opts      AuthenticationOptions

	mu    sync.RWMutex
	token string
	user  *authing.User
}

// NewAuthenticationClient validates opts and returns a client. It makes no
// network call.
func NewAuthenticationClient(opts AuthenticationOptions) (*AuthenticationClient, error) {
	if strings.TrimSpace(opts.UserPoolID) == "" {
		return nil, argError("NewAuthenticationClient", "UserPoolID is required")
	}
	co, err := buildConn(sharedOptions{host: opts.Host, appID: opts.AppID, userPoolID: opts.UserPoolID,
		tenantID: opts.TenantID, lang: opts.Lang, publicKey: opts.PublicKey, timeout: opts.Timeout,
		httpClient: opts.HTTPClient, logger: opts.Logger, maxRetries: opts.MaxRetries, maxResponseBytes: opts.MaxResponseBytes})
	if err != nil {
		return nil, err
	}
	opts.AppHost = strings.TrimRight(opts.AppHost, "/")
	return newAuthenticationClient(newConn(co), opts, opts.AccessToken), nil
}

func newAuthenticationClient(c *conn, opts AuthenticationOptions, token string) *AuthenticationClient {
	opts.AccessToken = "" // the live token is ac.token; the options keep none
	ac := &AuthenticationClient{conn: c, opts: opts, token: token}
	ac.gql = &gqlClient{conn: c, token: ac.optionalToken}
	ac.authedGQL = &gqlClient{conn: c, token: func(_ context.Context, op string) (string, error) {
		return ac.requireToken(op)
	}}
	return ac
}

// WithAccessToken returns a new client for the user of token that shares
// this client's settings, connection pool and key cache.
func (ac *AuthenticationClient) WithAccessToken(token string) *AuthenticationClient {
	return newAuthenticationClient(ac.conn, ac.opts, token)
}

// AccessToken returns the end user's current token, or "" when the client
// is not logged in.
func (ac *AuthenticationClient) AccessToken() string {
	ac.mu.RLock()
	defer ac.mu.RUnlock()
	return ac.token
}

// SetAccessToken makes the client act as the user of token ("" logs the
// client out locally). It forgets the cached current user.
func (ac *AuthenticationClient) SetAccessToken(token string) {
	ac.mu.Lock()
	defer ac.mu.Unlock()
	ac.token, ac.user = token, nil
}

// CurrentUser returns the user stored by the last login, registration or
// GetCurrentUser call, or nil. It makes no network call.
func (ac *AuthenticationClient) CurrentUser() *authing.User {
	ac.mu.RLock()
	defer ac.mu.RUnlock()
	return ac.user
}

// ClearCurrentUser forgets the stored user and token.
func (ac *AuthenticationClient) ClearCurrentUser() { ac.SetAccessToken("") }

// optionalToken sends the token when there is one; used by calls that
// work logged in or not.
func (ac *AuthenticationClient) optionalToken(context.Context, string) (string, error) {
	return ac.AccessToken(), nil
}

// requireToken returns the token, or ErrNotLoggedIn without any network
// call when there is none.
func (ac *AuthenticationClient) requireToken(op string) (string, error) {
	if tok := ac.AccessToken(); tok != "" {
		return tok, nil
	}
	return "", notLoggedIn(op)
}

// authed returns a GraphQL client that fails with ErrNotLoggedIn before any
// network call when the client has no token.
func (ac *AuthenticationClient) authed() *gqlClient { return ac.authedGQL }
