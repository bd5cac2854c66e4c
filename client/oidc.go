package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/authing-go/authing/internal/jsontime"
	"golang.org/x/oauth2"
)

// OIDC and OAuth 2.0 on the application's own host (AuthenticationOptions
// AppHost), for programs that log users in with the authorization code
// flow rather than with passwords. These endpoints answer plain JSON, not
// Authing's {code, message, data} envelope, and report failures the OAuth
// way ({"error": "invalid_grant", "error_description": "..."}); both become
// an *Error. Secrets (the app secret, tokens, codes, PKCE verifiers) never
// appear in error messages or logs.

// OIDCAddress is the standard address claim.
type OIDCAddress struct {
	Formatted     string `json:"formatted,omitempty"`
	StreetAddress string `json:"street_address,omitempty"`
	Locality      string `json:"locality,omitempty"`
	Region        string `json:"region,omitempty"`
	PostalCode    string `json:"postal_code,omitempty"`
	Country       string `json:"country,omitempty"`
}

// OIDCUserInfo holds the standard OIDC claims of a user (null claims are
// zero values). Claims keeps every claim the server sent, standard or not,
// so custom claims are read from it.
type OIDCUserInfo struct {
	Subject           string       `json:"sub"`
	Name              string       `json:"name,omitempty"`
	GivenName         string       `json:"given_name,omitempty"`
	FamilyName        string       `json:"family_name,omitempty"`
	MiddleName        string       `json:"middle_name,omitempty"`
	Nickname          string       `json:"nickname,omitempty"`
	PreferredUsername string       `json:"preferred_username,omitempty"`
	Profile           string       `json:"profile,omitempty"`
	Picture           string       `json:"picture,omitempty"`
	Website           string       `json:"website,omitempty"`
	Email             string       `json:"email,omitempty"`
	EmailVerified     bool         `json:"email_verified,omitempty"`
	Gender            string       `json:"gender,omitempty"`
	Birthdate         string       `json:"birthdate,omitempty"`
	Zoneinfo          string       `json:"zoneinfo,omitempty"`
	Locale            string       `json:"locale,omitempty"`
	PhoneNumber       string       `json:"phone_number,omitempty"`
	PhoneVerified     bool         `json:"phone_number_verified,omitempty"`
	Address           *OIDCAddress `json:"address,omitempty"`
	// UpdatedAt is when the profile last changed (Authing sends an ISO
	// 8601 string, other providers Unix seconds); zero when not sent.
	UpdatedAt time.Time      `json:"updated_at,omitzero"`
	Claims    map[string]any `json:"-"`
}

// UnmarshalJSON fills the typed fields and keeps all claims in Claims.
func (u *OIDCUserInfo) UnmarshalJSON(b []byte) error {
	type plain OIDCUserInfo
	return unmarshalWithClaims(b, (*plain)(u), &u.Claims)
}

// IntrospectionResult is the answer of IntrospectToken (RFC 7662). An
// invalid, expired or revoked token gives Active false and nothing else.
type IntrospectionResult struct {
	Active    bool   `json:"active"`
	Subject   string `json:"sub,omitempty"`
	ClientID  string `json:"client_id,omitempty"`
	Scope     string `json:"scope,omitempty"`
	TokenType string `json:"token_type,omitempty"`
	// ExpiresAt and IssuedAt are the exp and iat claims; zero when not sent.
	ExpiresAt time.Time `json:"exp,omitzero"`
	IssuedAt  time.Time `json:"iat,omitzero"`
	Issuer    string    `json:"iss,omitempty"`
	JWTID     string    `json:"jti,omitempty"`
}

// UnmarshalJSON decodes a IntrospectionResult; dates that are "" or null are left unset.
func (r *IntrospectionResult) UnmarshalJSON(b []byte) error {
	type plain IntrospectionResult
	return jsontime.Unmarshal(b, (*plain)(r))
}

// TokenValidation is the answer of ValidateToken: the claims of a valid
// token. Claims keeps every claim, including the profile claims of an ID
// token.
type TokenValidation struct {
	Subject string `json:"sub"`
	// Audience is the aud claim, which JWT allows as a string or a list.
	Audience []string `json:"-"`
	Issuer   string   `json:"iss,omitempty"`
	// ExpiresAt and IssuedAt are the exp and iat claims; zero when not sent.
	ExpiresAt time.Time `json:"exp,omitzero"`
	IssuedAt  time.Time `json:"iat,omitzero"`
	// Scope and JWTID come with access tokens, Nonce and AtHash with ID
	// tokens.
	Scope  string         `json:"scope,omitempty"`
	JWTID  string         `json:"jti,omitempty"`
	Nonce  string         `json:"nonce,omitempty"`
	AtHash string         `json:"at_hash,omitempty"`
	Claims map[string]any `json:"-"`
}

// UnmarshalJSON fills the typed fields, reads aud in either form and keeps
// all claims in Claims.
func (v *TokenValidation) UnmarshalJSON(b []byte) error {
	type plain TokenValidation
	if err := unmarshalWithClaims(b, (*plain)(v), &v.Claims); err != nil {
		return err
	}
	v.Audience = nil
	switch aud := v.Claims["aud"].(type) {
	case string:
		v.Audience = []string{aud}
	case []any:
		for _, a := range aud {
			if s, ok := a.(string); ok {
				v.Audience = append(v.Audience, s)
			}
		}
	}
	return nil
}

// unmarshalWithClaims decodes b into typed and all of its members into
// claims.
func unmarshalWithClaims(b []byte, typed any, claims *map[string]any) error {
	if err := jsontime.Unmarshal(b, typed); err != nil {
		return err
	}
	*claims = nil
	return json.Unmarshal(b, claims)
}

// AuthorizeURLOptions are the parameters of BuildAuthorizeURL.
type AuthorizeURLOptions struct {
	// RedirectURI defaults to AuthenticationOptions.RedirectURI; one of
	// them is required.
	RedirectURI string
	// ResponseType defaults to "code".
	ResponseType string
	// ResponseMode is "query", "fragment" or "form_post"; not sent when
	// empty.
	ResponseMode string
	// Scope defaults to "openid profile email phone address". A scope with
	// offline_access also sends prompt=consent, which Authing needs to
	// issue a refresh token.
	Scope string
	// State, Nonce and CodeVerifier are used as given; each one left
	// empty is made from crypto/rand. All three come back in the
	// AuthorizeRequest: keep them (in the user's session) to check the
	// state when the user comes back, exchange the code with the verifier
	// and check the ID token's nonce (VerifyIDToken).
	State        string
	Nonce        string
	CodeVerifier string
	// CodeChallengeMethod is how the PKCE challenge is made from the
	// verifier: "S256" (the default) or "plain".
	CodeChallengeMethod string
	// NoPKCE sends no code challenge, for a confidential client of a
	// provider that does not take PKCE; AuthorizeRequest.CodeVerifier is
	// then empty. Public clients need PKCE.
	NoPKCE bool
}

// AuthorizeRequest is an authorization request: the URL to send the user
// to, and the values it carries that the program checks and sends later.
type AuthorizeRequest struct {
	URL   string
	State string
	Nonce string
	// CodeVerifier is the PKCE verifier, for
	// CodeExchangeOptions.CodeVerifier; empty with NoPKCE.
	CodeVerifier string
}

const defaultOIDCScope = "openid profile email phone address"

// BuildAuthorizeURL returns the authorization request of the code flow:
// the URL of the application's OIDC authorization endpoint,
// {AppHost}/oidc/auth?client_id=...&redirect_uri=...&state=...&nonce=...
// &code_challenge=..., built by x/oauth2, with the state, nonce and PKCE
// verifier it used. It makes no network call. AppHost and AppID are
// required.
func (ac *AuthenticationClient) BuildAuthorizeURL(opts *AuthorizeURLOptions) (*AuthorizeRequest, error) {
	const op = "BuildAuthorizeURL"
	if err := ac.needApp(op); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &AuthorizeURLOptions{}
	}
	conf, err := ac.oauth2Config(op, TokenAuthNone, strings.Fields(opts.Scope))
	if err != nil {
		return nil, err
	}
	if opts.RedirectURI != "" {
		conf.RedirectURL = opts.RedirectURI
	}
	if conf.RedirectURL == "" {
		return nil, argError(op, "a redirect URI is required (AuthorizeURLOptions or AuthenticationOptions.RedirectURI)")
	}
	req := &AuthorizeRequest{State: opts.State, Nonce: opts.Nonce}
	if req.State == "" {
		req.State = randomToken(16)
	}
	if req.Nonce == "" {
		req.Nonce = randomToken(16)
	}
	params := []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("nonce", req.Nonce)}
	for k, v := range map[string]string{"response_type": opts.ResponseType, "response_mode": opts.ResponseMode} {
		if v != "" {
			params = append(params, oauth2.SetAuthURLParam(k, v))
		}
	}
	if !opts.NoPKCE {
		pkce, err := pkceParams(op, opts, req)
		if err != nil {
			return nil, err
		}
		params = append(params, pkce...)
	}
	if slices.Contains(conf.Scopes, "offline_access") {
		params = append(params, oauth2.SetAuthURLParam("prompt", "consent"))
	}
	req.URL = conf.AuthCodeURL(req.State, params...)
	return req, nil
}

// pkceParams sets req's verifier and returns the challenge parameters.
func pkceParams(op string, opts *AuthorizeURLOptions, req *AuthorizeRequest) ([]oauth2.AuthCodeOption, error) {
	req.CodeVerifier = opts.CodeVerifier
	if req.CodeVerifier == "" {
		req.CodeVerifier = GenerateCodeVerifier()
	} else if err := checkVerifier(op, req.CodeVerifier); err != nil {
		return nil, err
	}
	switch opts.CodeChallengeMethod {
	case "", "S256":
		return []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(req.CodeVerifier)}, nil
	case "plain":
		return []oauth2.AuthCodeOption{oauth2.SetAuthURLParam("code_challenge", req.CodeVerifier),
			oauth2.SetAuthURLParam("code_challenge_method", "plain")}, nil
	}
	return nil, argError(op, "code challenge method %q: want S256 or plain", opts.CodeChallengeMethod)
}

// LogoutURLOptions are the parameters of BuildLogoutURL.
type LogoutURLOptions struct {
	// Expert uses the OIDC end-session endpoint (RP-initiated logout)
	// instead of Authing's hosted logout page.
	Expert bool
	// RedirectURI is where the user lands after logging out. In expert
	// mode it is sent as post_logout_redirect_uri and needs IDToken.
	RedirectURI string
	// IDToken is the user's ID token, sent as id_token_hint (expert mode).
	IDToken string
}

// BuildLogoutURL returns the URL that ends the user's session on the
// application's host and then redirects: in expert mode
// {AppHost}/oidc/session/end?id_token_hint=...&post_logout_redirect_uri=...,
// otherwise {AppHost}/login/profile/logout?redirect_uri=.... It makes no
// network call. AppHost is required.
func (ac *AuthenticationClient) BuildLogoutURL(opts *LogoutURLOptions) (string, error) {
	const op = "BuildLogoutURL"
	if err := ac.needAppHost(op); err != nil {
		return "", err
	}
	if opts == nil {
		opts = &LogoutURLOptions{}
	}
	q := url.Values{}
	u := ac.opts.AppHost + "/login/profile/logout"
	if opts.Expert {
		u = ac.opts.AppHost + "/oidc/session/end"
		if opts.RedirectURI != "" && opts.IDToken == "" {
			return "", argError(op, "expert mode needs the ID token to redirect after logout")
		}
		if opts.IDToken != "" {
			q.Set("id_token_hint", opts.IDToken)
		}
		if opts.RedirectURI != "" {
			q.Set("post_logout_redirect_uri", opts.RedirectURI)
		}
	} else if opts.RedirectURI != "" {
		q.Set("redirect_uri", opts.RedirectURI)
	}
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u, nil
}

// TokenAuthMethod is how the application authenticates to the token,
// revocation and introspection endpoints; it must match the method set
// for the application in the Authing console.
type TokenAuthMethod string

// The token endpoint authentication methods of OAuth 2.0 (RFC 7591).
const (
	// TokenAuthClientSecretPost sends client_id and client_secret in the
	// form body.
	TokenAuthClientSecretPost TokenAuthMethod = "client_secret_post"
	// TokenAuthClientSecretBasic sends them as HTTP Basic authentication.
	TokenAuthClientSecretBasic TokenAuthMethod = "client_secret_basic"
	// TokenAuthNone sends only client_id: a public client, such as one
	// using PKCE.
	TokenAuthNone TokenAuthMethod = "none"
)

// GetUserInfoByAccessToken returns the claims of the token's user with
// GET {AppHost}/oidc/me, the token sent as Bearer. AppHost is required.
func (ac *AuthenticationClient) GetUserInfoByAccessToken(ctx context.Context, accessToken string) (*OIDCUserInfo, error) {
	const op = "GetUserInfoByAccessToken"
	ctx = withOp(ctx, op)
	if accessToken == "" {
		return nil, argError(op, "access token is required")
	}
	if err := ac.needAppHost(op); err != nil {
		return nil, err
	}
	var out *OIDCUserInfo
	if err := ac.appCall(ctx, oidcCall{op: op, method: http.MethodGet, path: "/oidc/me", bearer: accessToken}, &out); err != nil {
		return nil, err
	}
	if out == nil || out.Subject == "" {
		return nil, noResult(op)
	}
	return out, nil
}

// RevokeToken revokes an access or refresh token with
// POST {AppHost}/oidc/token/revocation (form: token, client_id and, when
// AppSecret is set, client_secret). It is never retried. AppHost and AppID
// are required.
func (ac *AuthenticationClient) RevokeToken(ctx context.Context, token string) error {
	const op = "RevokeToken"
	ctx = withOp(ctx, op)
	if token == "" {
		return argError(op, "token is required")
	}
	if err := ac.needApp(op); err != nil {
		return err
	}
	call := oidcCall{op: op, method: http.MethodPost, path: "/oidc/token/revocation", form: url.Values{"token": {token}}}
	if err := ac.clientAuth(op, &call, ac.tokenAuthMethod()); err != nil {
		return err
	}
	return ac.appCall(ctx, call, nil)
}

// IntrospectToken asks whether a token is active with
// POST {AppHost}/oidc/token/introspection (form: token, client_id and,
// when AppSecret is set, client_secret), and returns its claims. An
// inactive token is not an error: the result has Active false. AppHost
// and AppID are required.
func (ac *AuthenticationClient) IntrospectToken(ctx context.Context, token string) (*IntrospectionResult, error) {
	const op = "IntrospectToken"
	ctx = withOp(ctx, op)
	if token == "" {
		return nil, argError(op, "token is required")
	}
	if err := ac.needApp(op); err != nil {
		return nil, err
	}
	call := oidcCall{op: op, method: http.MethodPost, path: "/oidc/token/introspection", form: url.Values{"token": {token}}}
	if err := ac.clientAuth(op, &call, ac.tokenAuthMethod()); err != nil {
		return nil, err
	}
	var out *IntrospectionResult
	if err := ac.appCall(ctx, call, &out); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, noResult(op)
	}
	return out, nil
}

// ValidateTokenOptions name the token ValidateToken checks: set exactly
// one.
type ValidateTokenOptions struct {
	IDToken     string
	AccessToken string
}

// ValidateToken has the application's host verify an ID or access token
// with GET {AppHost}/api/v2/oidc/validate_token?id_token=... (or
// ?access_token=...), and returns its claims. An invalid token is an
// *Error (Authing answers code 400). AppHost is required. VerifyIDToken
// checks an ID token without the round trip.
func (ac *AuthenticationClient) ValidateToken(ctx context.Context, opts ValidateTokenOptions) (*TokenValidation, error) {
	const op = "ValidateToken"
	ctx = withOp(ctx, op)
	if (opts.IDToken == "") == (opts.AccessToken == "") {
		return nil, argError(op, "set exactly one of IDToken and AccessToken")
	}
	if err := ac.needAppHost(op); err != nil {
		return nil, err
	}
	q := url.Values{}
	if opts.IDToken != "" {
		q.Set("id_token", opts.IDToken)
	} else {
		q.Set("access_token", opts.AccessToken)
	}
	var out *TokenValidation
	if err := ac.appCall(ctx, oidcCall{op: op, method: http.MethodGet, path: "/api/v2/oidc/validate_token", query: q}, &out); err != nil {
		return nil, err
	}
	if out == nil || len(out.Claims) == 0 {
		return nil, noResult(op)
	}
	return out, nil
}

// needApp checks the options the OIDC helpers that identify the
// application need.
func (ac *AuthenticationClient) needApp(op string) error {
	if ac.opts.AppHost == "" || ac.opts.AppID == "" {
		return argError(op, "AuthenticationOptions.AppHost and AppID are required")
	}
	return nil
}

// needAppHost checks that the application's host is known.
func (ac *AuthenticationClient) needAppHost(op string) error {
	if ac.opts.AppHost == "" {
		return argError(op, "AuthenticationOptions.AppHost is required")
	}
	return nil
}

// oidcCall is one request to the application's host.
type oidcCall struct {
	op     string
	method string
	path   string
	query  url.Values
	form   url.Values // sent urlencoded when not nil
	bearer string     // sent as Bearer when set
	// basicUser and basicPass, when basicUser is set, are sent as HTTP
	// Basic authentication (client_secret_basic).
	basicUser, basicPass string
}

// clientAuth adds the application's credentials to call as method says.
func (ac *AuthenticationClient) clientAuth(op string, call *oidcCall, method TokenAuthMethod) error {
	switch method {
	case TokenAuthNone:
		call.form.Set("client_id", ac.opts.AppID)
		return nil
	case TokenAuthClientSecretPost, TokenAuthClientSecretBasic:
	default:
		return argError(op, "token auth method %q: want client_secret_post, client_secret_basic or none", string(method))
	}
	if ac.opts.AppSecret == "" {
		return argError(op, "AuthenticationOptions.AppSecret is required by %s", string(method))
	}
	if method == TokenAuthClientSecretBasic {
		// RFC 6749 section 2.3.1: both are form-encoded before Basic.
		call.basicUser, call.basicPass = url.QueryEscape(ac.opts.AppID), url.QueryEscape(ac.opts.AppSecret)
		return nil
	}
	call.form.Set("client_id", ac.opts.AppID)
	call.form.Set("client_secret", ac.opts.AppSecret)
	return nil
}

// appCall sends call to the application's host without Authing's headers
// and decodes the plain JSON answer into out (nil to ignore the body).
// GETs are retried like queries; POSTs never once sent, since codes and
// refresh tokens are single-use.
func (ac *AuthenticationClient) appCall(ctx context.Context, call oidcCall, out any) error {
	u := ac.opts.AppHost + call.path
	if len(call.query) > 0 {
		u += "?" + call.query.Encode()
	}
	r := &request{op: call.op, method: call.method, url: u, token: call.bearer, noHeaders: true,
		idempotent: call.method == http.MethodGet}
	if call.form != nil {
		r.body, r.form = []byte(call.form.Encode()), true
	}
	c := ac.conn
	if call.basicUser != "" {
		c = withBasicAuth(c, u, call.basicUser, call.basicPass)
	}
	return c.do(ctx, r, oauthDecoder(call.op, out))
}

// withBasicAuth returns a copy of c whose HTTP client adds Basic
// authentication to the requests for rawURL's host, and only to those: a
// redirect to another host never receives the credentials. The copy
// shares everything else (pool, timeouts, retries, logger).
func withBasicAuth(c *conn, rawURL, user, pass string) *conn {
	host := ""
	if u, err := url.Parse(rawURL); err == nil {
		host = u.Host
	}
	hc := http.Client{}
	if c.opts.httpClient != nil {
		hc = *c.opts.httpClient
	}
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	hc.Transport = basicAuthTransport{base: base, host: host, user: user, pass: pass}
	o := *c.opts
	o.httpClient = &hc
	cc := *c
	cc.opts = &o
	return &cc
}

// basicAuthTransport adds Basic authentication for one host.
type basicAuthTransport struct {
	base             http.RoundTripper
	host, user, pass string
}

// RoundTrip sends req, with the credentials when it goes to the host.
func (t basicAuthTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != t.host {
		return t.base.RoundTrip(req)
	}
	r := req.Clone(req.Context()) // a RoundTripper must not modify req
	r.SetBasicAuth(t.user, t.pass)
	return t.base.RoundTrip(r)
}

// oauthDecoder decodes the plain JSON of the protocol endpoints into out.
// OAuth errors {"error", "error_description"} and Authing's {code,
// message} errors become *Error; so do HTML, empty and non-JSON bodies, as
// in statusError. A success body that is not JSON is never quoted, since
// it may hold tokens.
func oauthDecoder(op string, out any) decoder {
	return func(status int, header http.Header, body []byte) error {
		trimmed := bytes.TrimSpace(body)
		if len(trimmed) == 0 {
			if success(status) && out == nil {
				return nil // revocation answers 200 with no body
			}
			return statusError(op, status, header, body)
		}
		if !json.Valid(trimmed) {
			if !success(status) {
				return statusError(op, status, header, body)
			}
			return &Error{StatusCode: status, Operation: op,
				Message: "malformed response: not JSON (" + http.DetectContentType(trimmed) + ")"}
		}
		var e struct {
			authingMessage
			Error       string `json:"error"`
			Description string `json:"error_description"`
		}
		if trimmed[0] == '{' {
			_ = json.Unmarshal(trimmed, &e) // members of other types are not errors
		}
		if e.Error != "" {
			msg := e.Error
			if e.Description != "" {
				msg += ": " + e.Description
			}
			return &Error{StatusCode: status, Operation: op, Message: msg, OAuthError: e.Error,
				retryAfter: header.Get("Retry-After")}
		}
		// A claim named code alone is not an error: Authing's errors
		// carry a message, or a failure status.
		if c := e.code(); c != 0 && c != 200 && (e.Message != "" || !success(status)) {
			ae := &Error{Code: c, StatusCode: status, Operation: op, Message: e.Message, retryAfter: header.Get("Retry-After")}
			if len(e.Data) > 0 && string(e.Data) != "null" {
				ae.Data = e.Data
			}
			return ae
		}
		if !success(status) {
			return statusError(op, status, header, body)
		}
		if out == nil {
			return nil
		}
		if err := json.Unmarshal(trimmed, out); err != nil {
			return &Error{StatusCode: status, Operation: op, cause: err, Message: "malformed response: " + err.Error()}
		}
		return nil
	}
}
