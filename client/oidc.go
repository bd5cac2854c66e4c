package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// OIDC and OAuth 2.0 on the application's own host (AuthenticationOptions
// AppHost), for programs that log users in with the authorization code
// flow rather than with passwords.

// TokenSet is what the token endpoint returns.
type TokenSet struct {
	AccessToken  string `json:"access_token"`
	IDToken      string `json:"id_token,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	Scope        string `json:"scope,omitempty"`
}

// UserInfo holds the standard OIDC claims of a user; Claims keeps every
// claim the server sent, standard or not.
type UserInfo struct {
	Subject           string         `json:"sub"`
	Name              string         `json:"name,omitempty"`
	Nickname          string         `json:"nickname,omitempty"`
	PreferredUsername string         `json:"preferred_username,omitempty"`
	Picture           string         `json:"picture,omitempty"`
	Email             string         `json:"email,omitempty"`
	EmailVerified     bool           `json:"email_verified,omitempty"`
	PhoneNumber       string         `json:"phone_number,omitempty"`
	PhoneVerified     bool           `json:"phone_number_verified,omitempty"`
	UpdatedAt         string         `json:"updated_at,omitempty"`
	Claims            map[string]any `json:"-"`
}

// UnmarshalJSON keeps all claims in Claims besides the typed fields.
func (u *UserInfo) UnmarshalJSON(b []byte) error {
	type plain UserInfo
	if err := json.Unmarshal(b, (*plain)(u)); err != nil {
		return err
	}
	return json.Unmarshal(b, &u.Claims)
}

// Introspection is the answer of IntrospectToken (RFC 7662).
type Introspection struct {
	Active    bool   `json:"active"`
	Subject   string `json:"sub,omitempty"`
	ClientID  string `json:"client_id,omitempty"`
	Scope     string `json:"scope,omitempty"`
	TokenType string `json:"token_type,omitempty"`
	ExpiresAt int64  `json:"exp,omitempty"`
	IssuedAt  int64  `json:"iat,omitempty"`
	Issuer    string `json:"iss,omitempty"`
}

// AuthorizeURLOptions are the parameters of BuildAuthorizeURL.
type AuthorizeURLOptions struct {
	// RedirectURI defaults to AuthenticationOptions.RedirectURI.
	RedirectURI string
	// ResponseType defaults to "code".
	ResponseType string
	// ResponseMode is "query", "fragment" or "form_post"; unset by default.
	ResponseMode string
	// Scope defaults to "openid profile email phone address".
	Scope string
	// State and Nonce are random when empty; set them to check them when
	// the user comes back.
	State string
	Nonce string
	// CodeChallenge and CodeChallengeMethod ("S256" or "plain") enable
	// PKCE; see GenerateCodeChallenge and CodeChallengeDigest.
	CodeChallenge       string
	CodeChallengeMethod string
}

// BuildAuthorizeURL returns the URL of the application's OIDC
// authorization endpoint, {AppHost}/oidc/auth, to send a user to. It makes
// no network call.
func (ac *AuthenticationClient) BuildAuthorizeURL(opts *AuthorizeURLOptions) (string, error) {
	const op = "BuildAuthorizeURL"
	if err := ac.needApp(op); err != nil {
		return "", err
	}
	if opts == nil {
		opts = &AuthorizeURLOptions{}
	}
	q := url.Values{"client_id": {ac.opts.AppID}}
	set := func(k, v, def string) {
		if v == "" {
			v = def
		}
		if v != "" {
			q.Set(k, v)
		}
	}
	set("redirect_uri", opts.RedirectURI, ac.opts.RedirectURI)
	set("response_type", opts.ResponseType, "code")
	set("response_mode", opts.ResponseMode, "")
	set("scope", opts.Scope, "openid profile email phone address")
	set("state", opts.State, randomToken(16))
	set("nonce", opts.Nonce, randomToken(16))
	set("code_challenge", opts.CodeChallenge, "")
	if opts.CodeChallenge != "" {
		set("code_challenge_method", opts.CodeChallengeMethod, "S256")
	}
	if q.Get("redirect_uri") == "" {
		return "", argError(op, "a redirect URI is required (option or AuthenticationOptions.RedirectURI)")
	}
	if strings.Contains(" "+q.Get("scope")+" ", " offline_access ") {
		q.Set("prompt", "consent") // required for a refresh token
	}
	return ac.opts.AppHost + "/oidc/auth?" + q.Encode(), nil
}

// LogoutURLOptions are the parameters of BuildLogoutURL.
type LogoutURLOptions struct {
	// Expert uses the OIDC end-session endpoint, which needs IDToken.
	Expert      bool
	RedirectURI string
	IDToken     string
}

// BuildLogoutURL returns the URL that ends the user's session on the
// application's host and then redirects: {AppHost}/oidc/session/end for
// Expert, {AppHost}/login/profile/logout otherwise.
func (ac *AuthenticationClient) BuildLogoutURL(opts *LogoutURLOptions) (string, error) {
	const op = "BuildLogoutURL"
	if err := ac.needApp(op); err != nil {
		return "", err
	}
	if opts == nil {
		opts = &LogoutURLOptions{}
	}
	if opts.Expert {
		if opts.IDToken == "" {
			return "", argError(op, "expert mode needs the ID token")
		}
		q := url.Values{"id_token_hint": {opts.IDToken}}
		if opts.RedirectURI != "" {
			q.Set("post_logout_redirect_uri", opts.RedirectURI)
		}
		return ac.opts.AppHost + "/oidc/session/end?" + q.Encode(), nil
	}
	u := ac.opts.AppHost + "/login/profile/logout"
	if opts.RedirectURI != "" {
		u += "?" + url.Values{"redirect_uri": {opts.RedirectURI}}.Encode()
	}
	return u, nil
}

// CodeExchangeOptions are the optional values of GetAccessTokenByCode.
type CodeExchangeOptions struct {
	// CodeVerifier is the PKCE verifier whose challenge started the flow.
	CodeVerifier string
	// RedirectURI defaults to AuthenticationOptions.RedirectURI.
	RedirectURI string
}

// GetAccessTokenByCode exchanges an authorization code for tokens with
// POST {AppHost}/oidc/token (client_secret_post, or PKCE when opts has a
// verifier). It is never retried: a code can be used once.
func (ac *AuthenticationClient) GetAccessTokenByCode(ctx context.Context, code string, opts *CodeExchangeOptions) (*TokenSet, error) {
	const op = "GetAccessTokenByCode"
	if code == "" {
		return nil, argError(op, "code is required")
	}
	if opts == nil {
		opts = &CodeExchangeOptions{}
	}
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}}
	redirect := opts.RedirectURI
	if redirect == "" {
		redirect = ac.opts.RedirectURI
	}
	if redirect != "" {
		form.Set("redirect_uri", redirect)
	}
	if opts.CodeVerifier != "" {
		form.Set("code_verifier", opts.CodeVerifier)
	}
	return ac.tokenRequest(ctx, op, form, opts.CodeVerifier == "")
}

// GetNewAccessTokenByRefreshToken uses a refresh token for new tokens with
// POST {AppHost}/oidc/token.
func (ac *AuthenticationClient) GetNewAccessTokenByRefreshToken(ctx context.Context, refreshToken string) (*TokenSet, error) {
	const op = "GetNewAccessTokenByRefreshToken"
	if refreshToken == "" {
		return nil, argError(op, "refresh token is required")
	}
	return ac.tokenRequest(ctx, op, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refreshToken}}, true)
}

// GetAccessTokenByClientCredentials gets a machine-to-machine token for a
// programmatic access account (its key and secret) with
// POST {AppHost}/oidc/token.
func (ac *AuthenticationClient) GetAccessTokenByClientCredentials(ctx context.Context, scope, accessKey, accessSecret string) (*TokenSet, error) {
	const op = "GetAccessTokenByClientCredentials"
	if scope == "" || accessKey == "" || accessSecret == "" {
		return nil, argError(op, "scope, access key and access secret are required")
	}
	if ac.opts.AppHost == "" {
		return nil, argError(op, "AuthenticationOptions.AppHost is required")
	}
	form := url.Values{"grant_type": {"client_credentials"}, "scope": {scope},
		"client_id": {accessKey}, "client_secret": {accessSecret}}
	var out TokenSet
	err := ac.appCall(ctx, op, http.MethodPost, "/oidc/token", form, "", &out)
	return &out, err
}

// tokenRequest posts to the token endpoint with the app's credentials.
func (ac *AuthenticationClient) tokenRequest(ctx context.Context, op string, form url.Values, withSecret bool) (*TokenSet, error) {
	if err := ac.needApp(op); err != nil {
		return nil, err
	}
	form.Set("client_id", ac.opts.AppID)
	if withSecret {
		if ac.opts.AppSecret == "" {
			return nil, argError(op, "AuthenticationOptions.AppSecret is required (or use PKCE)")
		}
		form.Set("client_secret", ac.opts.AppSecret)
	}
	var out TokenSet
	if err := ac.appCall(ctx, op, http.MethodPost, "/oidc/token", form, "", &out); err != nil {
		return nil, err
	}
	if out.AccessToken == "" {
		return nil, noResult(op)
	}
	return &out, nil
}

// GetUserInfoByAccessToken returns the claims of the token's user with
// GET {AppHost}/oidc/me.
func (ac *AuthenticationClient) GetUserInfoByAccessToken(ctx context.Context, accessToken string) (*UserInfo, error) {
	const op = "GetUserInfoByAccessToken"
	if accessToken == "" {
		return nil, argError(op, "access token is required")
	}
	if ac.opts.AppHost == "" {
		return nil, argError(op, "AuthenticationOptions.AppHost is required")
	}
	var out UserInfo
	if err := ac.appCall(ctx, op, http.MethodGet, "/oidc/me", nil, accessToken, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// RevokeToken revokes an access or refresh token with
// POST {AppHost}/oidc/token/revocation.
func (ac *AuthenticationClient) RevokeToken(ctx context.Context, token string) error {
	const op = "RevokeToken"
	if token == "" {
		return argError(op, "token is required")
	}
	if err := ac.needApp(op); err != nil {
		return err
	}
	form := url.Values{"token": {token}, "client_id": {ac.opts.AppID}, "client_secret": {ac.opts.AppSecret}}
	return ac.appCall(ctx, op, http.MethodPost, "/oidc/token/revocation", form, "", nil)
}

// IntrospectToken asks whether a token is active with
// POST {AppHost}/oidc/token/introspection.
func (ac *AuthenticationClient) IntrospectToken(ctx context.Context, token string) (*Introspection, error) {
	const op = "IntrospectToken"
	if token == "" {
		return nil, argError(op, "token is required")
	}
	if err := ac.needApp(op); err != nil {
		return nil, err
	}
	form := url.Values{"token": {token}, "client_id": {ac.opts.AppID}, "client_secret": {ac.opts.AppSecret}}
	var out Introspection
	if err := ac.appCall(ctx, op, http.MethodPost, "/oidc/token/introspection", form, "", &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ValidateTokenOptions name the token ValidateToken checks: set one.
type ValidateTokenOptions struct {
	IDToken     string
	AccessToken string
}

// ValidateToken has the application's host verify an ID or access token
// with GET {AppHost}/api/v2/oidc/validate_token, and returns its claims.
func (ac *AuthenticationClient) ValidateToken(ctx context.Context, opts ValidateTokenOptions) (map[string]any, error) {
	const op = "ValidateToken"
	if (opts.IDToken == "") == (opts.AccessToken == "") {
		return nil, argError(op, "set exactly one of IDToken and AccessToken")
	}
	if ac.opts.AppHost == "" {
		return nil, argError(op, "AuthenticationOptions.AppHost is required")
	}
	q := url.Values{}
	if opts.IDToken != "" {
		q.Set("id_token", opts.IDToken)
	} else {
		q.Set("access_token", opts.AccessToken)
	}
	var out map[string]any
	if err := ac.appCall(ctx, op, http.MethodGet, "/api/v2/oidc/validate_token?"+q.Encode(), nil, "", &out); err != nil {
		return nil, err
	}
	return out, nil
}

// needApp checks the options the OIDC helpers need.
func (ac *AuthenticationClient) needApp(op string) error {
	if ac.opts.AppHost == "" || ac.opts.AppID == "" {
		return argError(op, "AuthenticationOptions.AppHost and AppID are required")
	}
	return nil
}

// appCall sends a request to the application's host. Forms are
// urlencoded; token, when set, is sent as Bearer. POSTs are not retried.
func (ac *AuthenticationClient) appCall(ctx context.Context, op, method, path string, form url.Values, token string, out any) error {
	r := &request{op: op, method: method, url: ac.opts.AppHost + path, token: token, noHeaders: true,
		idempotent: method == http.MethodGet}
	if form != nil {
		r.body, r.form = []byte(form.Encode()), true
	}
	return ac.conn.do(ctx, r, plainJSONDecoder(op, out))
}

// plainJSONDecoder decodes the protocol endpoints' plain JSON (no Authing
// envelope); OAuth errors {"error", "error_description"} and the envelope's
// error form both become *Error.
func plainJSONDecoder(op string, out any) decoder {
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
			return &Error{StatusCode: status, Operation: op, Message: "malformed response: " + snippet(body)}
		}
		var e struct {
			Error       string      `json:"error"`
			Description string      `json:"error_description"`
			Code        json.Number `json:"code"`
			Message     string      `json:"message"`
		}
		_ = json.Unmarshal(trimmed, &e)
		if e.Error != "" {
			msg := e.Error
			if e.Description != "" {
				msg += ": " + e.Description
			}
			return &Error{StatusCode: status, Operation: op, Message: msg, Kind: e.Error}
		}
		if c, err := e.Code.Int64(); err == nil && c != 200 && c != 0 {
			return &Error{Code: int(c), StatusCode: status, Operation: op, Message: e.Message}
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
