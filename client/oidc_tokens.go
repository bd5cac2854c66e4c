package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// The token endpoint goes through golang.org/x/oauth2 (and its
// clientcredentials package), with this client's *http.Client: the code
// exchange with PKCE, refreshes, client credentials, the client
// authentication styles and the OAuth error answers are x/oauth2's. What
// comes back is an *oauth2.Token (with Expiry; the ID token is
// tok.Extra("id_token")), which oauth2.NewClient and TokenSource turn into
// an authenticated, self-refreshing *http.Client. Errors are *Error as
// everywhere else: an OAuth error answer has Kind KindServer and its code
// in OAuthError.

// OAuth2Config returns the application's x/oauth2 configuration: AppID
// and AppSecret as the client's credentials, {AppHost}/oidc/auth and
// {AppHost}/oidc/token as the endpoints, the auth style of
// TokenEndpointAuthMethod, RedirectURI, and scopes (default: "openid
// profile email phone address"). Use it with OAuth2Context for calls of
// x/oauth2 itself. AppHost and AppID are required; it makes no network
// call.
func (ac *AuthenticationClient) OAuth2Config(scopes ...string) (*oauth2.Config, error) {
	const op = "OAuth2Config"
	if err := ac.needApp(op); err != nil {
		return nil, err
	}
	return ac.oauth2Config(op, ac.tokenAuthMethod(), scopes)
}

// oauth2Config is OAuth2Config for an authentication method.
func (ac *AuthenticationClient) oauth2Config(op string, method TokenAuthMethod, scopes []string) (*oauth2.Config, error) {
	if len(scopes) == 0 {
		scopes = strings.Fields(defaultOIDCScope)
	}
	conf := &oauth2.Config{ClientID: ac.opts.AppID, RedirectURL: ac.opts.RedirectURI, Scopes: scopes,
		Endpoint: oauth2.Endpoint{AuthURL: ac.opts.AppHost + "/oidc/auth", TokenURL: ac.opts.AppHost + "/oidc/token",
			AuthStyle: oauth2.AuthStyleInParams}}
	switch method {
	case TokenAuthNone:
	case TokenAuthClientSecretPost, TokenAuthClientSecretBasic:
		if ac.opts.AppSecret == "" {
			return nil, argError(op, "AuthenticationOptions.AppSecret is required by %s", string(method))
		}
		conf.ClientSecret = ac.opts.AppSecret
		if method == TokenAuthClientSecretBasic {
			conf.Endpoint.AuthStyle = oauth2.AuthStyleInHeader
		}
	default:
		return nil, argError(op, "token auth method %q: want client_secret_post, client_secret_basic or none", string(method))
	}
	return conf, nil
}

// OAuth2Context returns ctx carrying this client's *http.Client as
// oauth2.HTTPClient, so that x/oauth2 and go-oidc calls made with it share
// the client's transport, connection pool, redirect policy and Logger.
func (ac *AuthenticationClient) OAuth2Context(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, ac.oauth2HTTPClient())
}

// oauth2HTTPClient is the HTTP client of the calls x/oauth2 and go-oidc
// make: a copy of the client's own, whose requests Timeout bounds (a
// TokenSource refreshes and go-oidc fetches keys outside any call of
// ours) and whose transport also logs each request when there is a
// Logger, as the client's other calls are logged.
func (ac *AuthenticationClient) oauth2HTTPClient() *http.Client {
	cp := *ac.conn.opts.httpClient
	if cp.Timeout == 0 {
		cp.Timeout = ac.conn.opts.timeout
	}
	if ac.conn.opts.logger != nil {
		cp.Transport = loggingTransport{base: cp.Transport, conn: ac.conn}
	}
	return &cp
}

// loggingTransport logs each request as conn logs its own: operation and
// duration, a warning for a failure; never the request or its answer.
type loggingTransport struct {
	base http.RoundTripper
	conn *conn
}

// RoundTrip sends req through the base transport and logs it.
func (t loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	start := time.Now()
	resp, err := base.RoundTrip(req)
	op, _ := OperationName(req.Context())
	logged := err
	if err == nil && !success(resp.StatusCode) {
		logged = &Error{StatusCode: resp.StatusCode, Message: http.StatusText(resp.StatusCode)}
	}
	t.conn.log(req.Context(), &request{op: op}, 0, time.Since(start), logged, false)
	return resp, err
}

// tokenAuthMethod is how the token, refresh, revocation and introspection
// calls authenticate: TokenEndpointAuthMethod, or else with the secret in
// the form when there is one and as a public client otherwise.
func (ac *AuthenticationClient) tokenAuthMethod() TokenAuthMethod {
	switch {
	case ac.opts.TokenEndpointAuthMethod != "":
		return ac.opts.TokenEndpointAuthMethod
	case ac.opts.AppSecret == "":
		return TokenAuthNone
	}
	return TokenAuthClientSecretPost
}

// CodeExchangeOptions are the optional values of GetAccessTokenByCode.
type CodeExchangeOptions struct {
	// CodeVerifier is the PKCE verifier whose challenge started the flow
	// (AuthorizeRequest.CodeVerifier).
	CodeVerifier string
	// RedirectURI defaults to AuthenticationOptions.RedirectURI; it must
	// be the one the authorization request used.
	RedirectURI string
	// AuthMethod defaults to AuthenticationOptions.TokenEndpointAuthMethod.
	// The secret methods need AuthenticationOptions.AppSecret; none needs
	// a CodeVerifier.
	AuthMethod TokenAuthMethod
}

// GetAccessTokenByCode exchanges an authorization code for tokens with
// POST {AppHost}/oidc/token (form: grant_type=authorization_code, code,
// redirect_uri, code_verifier and the client's credentials), through
// x/oauth2. The ID token, when the scope had openid, is
// tok.Extra("id_token"); check it with VerifyIDToken. It is never retried:
// a code can be used once. AppHost and AppID are required.
func (ac *AuthenticationClient) GetAccessTokenByCode(ctx context.Context, code string, opts *CodeExchangeOptions) (*oauth2.Token, error) {
	const op = "GetAccessTokenByCode"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	if err := ac.needApp(op); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &CodeExchangeOptions{}
	}
	method := opts.AuthMethod
	if method == "" {
		method = ac.tokenAuthMethod()
	}
	if method == TokenAuthNone && opts.CodeVerifier == "" {
		return nil, argError(op, "a code exchange without the app secret needs a PKCE code verifier")
	}
	conf, err := ac.oauth2Config(op, method, nil)
	if err != nil {
		return nil, err
	}
	if opts.RedirectURI != "" {
		conf.RedirectURL = opts.RedirectURI
	}
	var params []oauth2.AuthCodeOption
	if opts.CodeVerifier != "" {
		params = append(params, oauth2.VerifierOption(opts.CodeVerifier))
	}
	return ac.tokenCall(ctx, op, []string{code, opts.CodeVerifier}, func(ctx context.Context) (*oauth2.Token, error) {
		return conf.Exchange(ctx, code, params...)
	})
}

// GetNewAccessTokenByRefreshToken uses a refresh token for new tokens with
// POST {AppHost}/oidc/token (form: grant_type=refresh_token,
// refresh_token and the client's credentials), through x/oauth2. The
// answer carries the next refresh token when the provider rotates them
// (authingtest does). To refresh as needed, use TokenSource instead. It is
// never retried. AppHost and AppID are required.
func (ac *AuthenticationClient) GetNewAccessTokenByRefreshToken(ctx context.Context, refreshToken string) (*oauth2.Token, error) {
	const op = "GetNewAccessTokenByRefreshToken"
	ctx = withOp(ctx, op)
	if refreshToken == "" {
		return nil, argError(op, "refresh token is required")
	}
	if err := ac.needApp(op); err != nil {
		return nil, err
	}
	conf, err := ac.oauth2Config(op, ac.tokenAuthMethod(), nil)
	if err != nil {
		return nil, err
	}
	return ac.tokenCall(ctx, op, []string{refreshToken}, func(ctx context.Context) (*oauth2.Token, error) {
		return conf.TokenSource(ctx, &oauth2.Token{RefreshToken: refreshToken}).Token()
	})
}

// TokenSource returns an oauth2.TokenSource that hands out tok while it is
// valid and refreshes it with its refresh token (through this client's
// HTTP client) when it expires; oauth2.NewClient(ctx, ts) makes an
// *http.Client that sends it. ctx is used for the refreshes, so it must
// outlive the source. AppHost and AppID are required.
func (ac *AuthenticationClient) TokenSource(ctx context.Context, tok *oauth2.Token) (oauth2.TokenSource, error) {
	const op = "TokenSource"
	if err := ac.needApp(op); err != nil {
		return nil, err
	}
	conf, err := ac.oauth2Config(op, ac.tokenAuthMethod(), nil)
	if err != nil {
		return nil, err
	}
	ctx = withOp(ctx, op)
	return refreshingSource{ac: ac, ctx: ctx, src: conf.TokenSource(ac.OAuth2Context(ctx), tok)}, nil
}

// refreshingSource is x/oauth2's refreshing source whose failures are
// *Error, like those of every other call.
type refreshingSource struct {
	ac  *AuthenticationClient
	ctx context.Context
	src oauth2.TokenSource
}

// Token returns the current token, refreshed when it has expired.
func (s refreshingSource) Token() (*oauth2.Token, error) {
	tok, err := s.src.Token()
	if err != nil {
		return nil, s.ac.oauth2Error(s.ctx, "TokenSource", err)
	}
	return tok, nil
}

// ClientCredentials are the access key and secret of a programmatic
// access account (see ACL.CreateProgrammaticAccessAccount), both required
// by GetAccessTokenByClientCredentials.
type ClientCredentials struct {
	AccessKey    string
	AccessSecret string
}

// ClientCredentialsConfig returns the clientcredentials configuration of a
// programmatic access account: its key and secret sent in the form to
// {AppHost}/oidc/token, with scopes. Its TokenSource(OAuth2Context(ctx))
// fetches a new token whenever the last one expires. AppHost is required.
func (ac *AuthenticationClient) ClientCredentialsConfig(creds ClientCredentials, scopes ...string) (*clientcredentials.Config, error) {
	const op = "ClientCredentialsConfig"
	if len(scopes) == 0 || creds.AccessKey == "" || creds.AccessSecret == "" {
		return nil, argError(op, "scope, access key and access secret are required")
	}
	if err := ac.needAppHost(op); err != nil {
		return nil, err
	}
	return &clientcredentials.Config{ClientID: creds.AccessKey, ClientSecret: creds.AccessSecret,
		TokenURL: ac.opts.AppHost + "/oidc/token", Scopes: scopes, AuthStyle: oauth2.AuthStyleInParams}, nil
}

// GetAccessTokenByClientCredentials gets a machine-to-machine token with
// scope for the programmatic access account of creds, with
// POST {AppHost}/oidc/token (form: grant_type=client_credentials, scope,
// client_id=AccessKey, client_secret=AccessSecret), through
// clientcredentials. It is never retried. AppHost is required; the
// account's key stands for AppID.
func (ac *AuthenticationClient) GetAccessTokenByClientCredentials(ctx context.Context, creds ClientCredentials, scope string) (*oauth2.Token, error) {
	const op = "GetAccessTokenByClientCredentials"
	ctx = withOp(ctx, op)
	conf, err := ac.ClientCredentialsConfig(creds, strings.Fields(scope)...)
	if err != nil {
		return nil, withOperation(op, err)
	}
	return ac.tokenCall(ctx, op, []string{creds.AccessSecret}, conf.Token)
}

// tokenCall runs a call of x/oauth2 bounded by the client's Timeout, with
// the client's HTTP client, and turns its failure into an *Error without
// secrets.
func (ac *AuthenticationClient) tokenCall(ctx context.Context, op string, secrets []string,
	call func(context.Context) (*oauth2.Token, error)) (*oauth2.Token, error) {
	tctx, cancel := context.WithTimeout(ac.OAuth2Context(ctx), ac.conn.opts.timeout)
	defer cancel()
	tok, err := call(tctx)
	if err != nil {
		return nil, ac.oauth2Error(withSecrets(ctx, secrets...), op, err)
	}
	return tok, nil
}

// oauth2Error turns an error of x/oauth2 into an *Error: an answer of the
// token endpoint (OAuth's error, Authing's envelope, an HTML page) as the
// other protocol calls decode it, a refused redirect as it was, a
// transport failure KindNetwork or KindContext, anything else (an answer
// without access_token) KindMalformed. Secrets are redacted.
func (ac *AuthenticationClient) oauth2Error(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	var re *oauth2.RetrieveError
	var ue *url.Error
	switch {
	case errors.As(err, &e):
		cp := *e
		e = &cp
	case errors.As(err, &re) && re.Response != nil:
		e, _ = oauthDecoder(op, new(map[string]any))(re.Response.StatusCode, re.Response.Header, re.Body).(*Error)
		if e == nil {
			e = &Error{StatusCode: re.Response.StatusCode, Message: "malformed response: " + re.Error(), cause: err}
		}
	case ctx.Err() != nil:
		e = contextError(op, ctx.Err())
	case errors.As(err, &ue):
		e = transportError(ctx, 0, ue.Err)
	default:
		e = &Error{Kind: KindMalformed, Message: "malformed response: " + err.Error(), cause: err}
	}
	if e.Kind == "" {
		e.Kind = inferKind(e)
	}
	e.Operation = op
	e.Message = ac.conn.redact(ctx, &request{op: op}, e.Message)
	return e
}
