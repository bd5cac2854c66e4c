package authingtest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The OIDC provider of the server's applications: discovery and JWKS, the
// authorization code flow (with PKCE), refresh tokens, client credentials
// for programmatic access accounts, userinfo, introspection, revocation
// and validation. It checks what a real provider checks: the client's
// authentication on every grant as the application registered it,
// single-use and short-lived codes, PKCE methods, refresh token rotation
// and expiry, and that a token is revoked only by its own client. Errors
// are OAuth's ({"error", "error_description"}) with the codes a real
// provider answers.
//
// GET /oidc/auth logs in the user of the request's Bearer token (there
// is no login page yet), and redirects with a code.

// oidcConfig is the OIDC part of an application's configuration, named
// as Authing's oidcConfig. Zero values take the defaults of
// withDefaults.
type oidcConfig struct {
	// TokenEndpointAuthMethod is client_secret_post (the default),
	// client_secret_basic or none (a public client, which must use PKCE).
	TokenEndpointAuthMethod string `json:"token_endpoint_auth_method,omitempty"`
	// IntrospectionEndpointAuthMethod and RevocationEndpointAuthMethod
	// default to TokenEndpointAuthMethod.
	IntrospectionEndpointAuthMethod string `json:"introspection_endpoint_auth_method,omitempty"`
	RevocationEndpointAuthMethod    string `json:"revocation_endpoint_auth_method,omitempty"`
	// IDTokenSignedResponseAlg is RS256 (the default, verified with the
	// JWKS) or HS256 (verified with the application's secret).
	IDTokenSignedResponseAlg string `json:"id_token_signed_response_alg,omitempty"`
	// Lifetimes in seconds.
	AuthorizationCodeExpire int `json:"authorization_code_expire,omitempty"`
	AccessTokenExpire       int `json:"access_token_expire,omitempty"`
	IDTokenExpire           int `json:"id_token_expire,omitempty"`
	RefreshTokenExpire      int `json:"refresh_token_expire,omitempty"`
}

// withDefaults fills the zero values: client_secret_post, RS256, codes
// for 10 minutes, access and ID tokens for an hour, refresh tokens for 14
// days.
func (c oidcConfig) withDefaults() oidcConfig {
	def := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	defInt := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.TokenEndpointAuthMethod, authSecretPost)
	def(&c.IntrospectionEndpointAuthMethod, c.TokenEndpointAuthMethod)
	def(&c.RevocationEndpointAuthMethod, c.TokenEndpointAuthMethod)
	def(&c.IDTokenSignedResponseAlg, "RS256")
	defInt(&c.AuthorizationCodeExpire, 600)
	defInt(&c.AccessTokenExpire, 3600)
	defInt(&c.IDTokenExpire, 3600)
	defInt(&c.RefreshTokenExpire, 14*24*3600)
	return c
}

// merge sets the non-zero fields of o on c.
func (c oidcConfig) merge(o oidcConfig) oidcConfig {
	for _, p := range []struct{ dst, src *string }{
		{&c.TokenEndpointAuthMethod, &o.TokenEndpointAuthMethod},
		{&c.IntrospectionEndpointAuthMethod, &o.IntrospectionEndpointAuthMethod},
		{&c.RevocationEndpointAuthMethod, &o.RevocationEndpointAuthMethod},
		{&c.IDTokenSignedResponseAlg, &o.IDTokenSignedResponseAlg},
	} {
		if *p.src != "" {
			*p.dst = *p.src
		}
	}
	for _, p := range []struct{ dst, src *int }{
		{&c.AuthorizationCodeExpire, &o.AuthorizationCodeExpire}, {&c.AccessTokenExpire, &o.AccessTokenExpire},
		{&c.IDTokenExpire, &o.IDTokenExpire}, {&c.RefreshTokenExpire, &o.RefreshTokenExpire},
	} {
		if *p.src > 0 {
			*p.dst = *p.src
		}
	}
	return c
}

// valid reports whether the configuration names known methods.
func (c oidcConfig) valid() bool {
	methods := []string{authSecretPost, authSecretBasic, authNone}
	return slices.Contains(methods, c.TokenEndpointAuthMethod) &&
		slices.Contains(methods, c.IntrospectionEndpointAuthMethod) &&
		slices.Contains(methods, c.RevocationEndpointAuthMethod) &&
		(c.IDTokenSignedResponseAlg == "RS256" || c.IDTokenSignedResponseAlg == "HS256")
}

func seconds(n int) time.Duration { return time.Duration(n) * time.Second }

// The client authentication methods of RFC 7591.
const (
	authSecretPost  = "client_secret_post"
	authSecretBasic = "client_secret_basic"
	authNone        = "none"
)

type authCode struct {
	appID, userID, redirectURI, scope, nonce string
	challenge, method                        string
	expires, authTime                        time.Time
	// used marks a redeemed code; accessIDs and refresh are what its
	// grant issued (through refreshes too), revoked when the code is
	// presented again (RFC 6749 4.1.2).
	used      bool
	accessIDs []string
	refresh   string
}

type refreshRec struct {
	appID, userID, scope string
	issued, expires      time.Time
	code                 string // the authorization code the grant started with
}

// oidcState holds codes and refresh tokens; st.mu guards it.
type oidcState struct {
	codes   map[string]*authCode
	refresh map[string]*refreshRec
}

// oidcAPI is the OIDC provider's table; its answers are OAuth's raw
// bodies, not Authing's envelope.
// Authing serves its OAuth 2.0 provider at the same paths under /oauth;
// the official SDKs pick one by the application's protocol, and both
// answer alike here. Userinfo takes GET and POST.
func (s *Server) oidcAPI() api {
	var routes []route
	for _, base := range []string{"/oidc", "/oauth"} {
		routes = append(routes,
			route{"POST " + base + "/token", raw(s.oidcToken)},
			route{"GET " + base + "/me", raw(s.oidcUserInfo)},
			route{"POST " + base + "/me", raw(s.oidcUserInfo)},
			route{"POST " + base + "/token/revocation", raw(s.oidcRevoke)},
			route{"POST " + base + "/token/introspection", raw(s.oidcIntrospect)},
		)
	}
	return api{routes: append(routes,
		route{"GET /oidc/auth", raw(s.oidcAuthorize)},
		route{"GET /oidc/.well-known/openid-configuration", raw(s.oidcDiscovery)},
		route{"GET /oidc/.well-known/jwks.json", raw(s.oidcJWKS)},
		route{"GET /api/v2/oidc/validate_token", raw(s.oidcValidate)},
	)}
}

// oauthErr is an OAuth error answer (RFC 6749 section 5.2).
type oauthErr struct {
	status      int
	code, desc  string
	basicClient bool // the client tried HTTP Basic: answer a challenge
}

func invalidGrant(desc string) *oauthErr {
	return &oauthErr{status: http.StatusBadRequest, code: "invalid_grant", desc: desc}
}

func invalidRequest(desc string) *oauthErr {
	return &oauthErr{status: http.StatusBadRequest, code: "invalid_request", desc: desc}
}

func (e *oauthErr) write(w http.ResponseWriter) {
	if e.basicClient && e.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="authingtest"`)
	}
	w.Header().Set("Cache-Control", "no-store")
	oauthError(w, e.status, e.code, e.desc)
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// issuerOf is the issuer the request sees: its own scheme and host, so
// that discovery, tokens and verification agree however the server is
// reached.
func issuerOf(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + "/oidc"
}

// oidcDiscovery is the OpenID Provider Metadata (OpenID Connect Discovery
// 1.0), at Authing's path.
func (s *Server) oidcDiscovery(w http.ResponseWriter, r *http.Request) {
	iss := issuerOf(r)
	methods := []string{authSecretPost, authSecretBasic, authNone}
	writeJSON(w, http.StatusOK, map[string]any{
		"issuer":                                iss,
		"authorization_endpoint":                iss + "/auth",
		"token_endpoint":                        iss + "/token",
		"userinfo_endpoint":                     iss + "/me",
		"jwks_uri":                              iss + "/.well-known/jwks.json",
		"revocation_endpoint":                   iss + "/token/revocation",
		"introspection_endpoint":                iss + "/token/introspection",
		"response_types_supported":              []string{"code"},
		"response_modes_supported":              []string{"query"},
		"grant_types_supported":                 []string{"authorization_code", "refresh_token", "client_credentials"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256", "HS256"},
		"scopes_supported":                      []string{"openid", "profile", "email", "phone", "offline_access"},
		"claims_supported": []string{"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "name",
			"nickname", "preferred_username", "picture", "updated_at", "email", "email_verified", "phone_number",
			"phone_number_verified"},
		"token_endpoint_auth_methods_supported":         methods,
		"revocation_endpoint_auth_methods_supported":    methods,
		"introspection_endpoint_auth_methods_supported": methods,
		"code_challenge_methods_supported":              []string{"S256", "plain"},
	})
}

// oidcJWKS is the JSON Web Key Set of the RS256 ID tokens.
func (s *Server) oidcJWKS(w http.ResponseWriter, r *http.Request) {
	k, err := s.signingKey()
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"keys": []any{k.jwk()}})
}

// verifierSyntax is RFC 7636's code_verifier and code_challenge syntax.
var verifierSyntax = regexp.MustCompile(`^[A-Za-z0-9\-._~]{43,128}$`)

// oidcAuthorize answers the authorization request of the code flow. An
// unknown client or redirect URI answers 400; the other errors go back
// to the redirect URI, as RFC 6749 section 4.1.2.1 says.
func (s *Server) oidcAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	app := s.findApp(q.Get("client_id"))
	if app == nil {
		oauthError(w, http.StatusBadRequest, "invalid_client", "unknown client_id")
		return
	}
	redirect := q.Get("redirect_uri")
	if !slices.Contains(app.RedirectURIs, redirect) {
		oauthError(w, http.StatusBadRequest, "invalid_request", "redirect_uri is not registered")
		return
	}
	target, _ := url.Parse(redirect)
	if e := authorizeRequestError(app, q); e != nil {
		redirectWith(w, r, target, q.Get("state"), map[string]string{"error": e.code, "error_description": e.desc})
		return
	}
	rq, _ := s.newRequest(r)
	userID, err := rq.user()
	if err != nil {
		oauthError(w, http.StatusUnauthorized, "login_required",
			"authing-local has no login page: send the user's token (from a login) as Bearer")
		return
	}
	method := q.Get("code_challenge_method")
	if method == "" && q.Get("code_challenge") != "" {
		method = "plain" // RFC 7636 section 4.3
	}
	now := s.now()
	code := randomHex(16)
	s.st.addAuthCode(now, code, &authCode{appID: app.ID, userID: userID, redirectURI: redirect, scope: q.Get("scope"),
		nonce: q.Get("nonce"), challenge: q.Get("code_challenge"), method: method, authTime: now,
		expires: now.Add(seconds(app.OIDCConfig.withDefaults().AuthorizationCodeExpire))})
	redirectWith(w, r, target, q.Get("state"), map[string]string{"code": code})
}

// authorizeRequestError checks an authorization request of a known
// client to a registered redirect URI.
func authorizeRequestError(app *appRec, q url.Values) *oauthErr {
	challenge, method := q.Get("code_challenge"), q.Get("code_challenge_method")
	switch {
	case q.Get("response_type") != "code":
		return &oauthErr{code: "unsupported_response_type", desc: "only response_type=code is supported"}
	case !hasScope(q.Get("scope"), "openid"):
		return invalidRequest("openid scope must be requested")
	case method != "" && method != "S256" && method != "plain":
		return invalidRequest("code_challenge_method must be S256 or plain")
	case method != "" && challenge == "":
		return invalidRequest("code_challenge_method without code_challenge")
	case challenge != "" && !verifierSyntax.MatchString(challenge):
		return invalidRequest("code_challenge must be 43 to 128 characters of [A-Za-z0-9-._~]")
	case challenge == "" && app.OIDCConfig.withDefaults().TokenEndpointAuthMethod == authNone:
		return invalidRequest("a public client (token_endpoint_auth_method none) must use PKCE")
	}
	return nil
}

// redirectWith redirects to target with params and the state.
func redirectWith(w http.ResponseWriter, r *http.Request, target *url.URL, state string, params map[string]string) {
	u := *target
	tq := u.Query()
	for k, v := range params {
		tq.Set(k, v)
	}
	if state != "" {
		tq.Set("state", state)
	}
	u.RawQuery = tq.Encode()
	http.Redirect(w, r, u.String(), http.StatusFound)
}

func hasScope(scopes, scope string) bool {
	return slices.Contains(strings.Fields(scopes), scope)
}

// authenticateClient authenticates the client of a token, revocation or
// introspection request (RFC 6749 section 2.3) by the method the
// application registered for the endpoint (pick reads it from the
// configuration): HTTP Basic, the form, or none at all for a public
// client. Using another method than the registered one is invalid_client,
// as with Authing's provider.
func (s *Server) authenticateClient(r *http.Request, pick func(oidcConfig) string) (*appRec, *oauthErr) {
	id, secret, used, e := clientAuthentication(r)
	if e != nil {
		return nil, e
	}
	app := s.findApp(id)
	if app == nil {
		return nil, &oauthErr{status: http.StatusUnauthorized, code: "invalid_client", desc: "client authentication failed: unknown client",
			basicClient: used == authSecretBasic}
	}
	if want := pick(app.OIDCConfig.withDefaults()); want != used {
		return nil, &oauthErr{status: http.StatusUnauthorized, code: "invalid_client", basicClient: used == authSecretBasic,
			desc: "the client is registered for " + want + " authentication, the request used " + used}
	}
	if used != authNone && subtle.ConstantTimeCompare([]byte(secret), []byte(app.Secret)) != 1 {
		return nil, &oauthErr{status: http.StatusUnauthorized, code: "invalid_client", desc: "client authentication failed: wrong client_secret",
			basicClient: used == authSecretBasic}
	}
	return app, nil
}

// clientAuthentication reads the client's id and secret and the method
// it used. Two methods at once, or none of them, is invalid_request.
func clientAuthentication(r *http.Request) (id, secret, method string, e *oauthErr) {
	formID, formSecret := r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	if u, p, ok := r.BasicAuth(); ok {
		if formSecret != "" {
			return "", "", "", invalidRequest("client authentication must use only one method")
		}
		// RFC 6749 section 2.3.1: both are form-encoded before Basic.
		id, secret = formUnescape(u), formUnescape(p)
		if formID != "" && formID != id {
			return "", "", "", invalidRequest("client_id differs from the Basic credentials")
		}
		return id, secret, authSecretBasic, nil
	}
	if formID == "" {
		return "", "", "", invalidRequest("no client authentication (client_id) in the request")
	}
	if formSecret != "" {
		return formID, formSecret, authSecretPost, nil
	}
	return formID, "", authNone, nil
}

func formUnescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// parseOAuthForm reads an urlencoded body of at most maxBody bytes.
func parseOAuthForm(w http.ResponseWriter, r *http.Request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		invalidRequest("malformed form body").write(w)
		return false
	}
	return true
}

func (s *Server) oidcToken(w http.ResponseWriter, r *http.Request) {
	if !parseOAuthForm(w, r) {
		return
	}
	var e *oauthErr
	switch grant := r.PostForm.Get("grant_type"); grant {
	case "authorization_code":
		e = s.codeGrant(w, r)
	case "refresh_token":
		e = s.refreshGrant(w, r)
	case "client_credentials":
		e = s.clientCredentialsGrant(w, r)
	case authingTokenGrant:
		e = s.authingTokenGrant(w, r)
	case "":
		e = invalidRequest("grant_type is required")
	default:
		e = &oauthErr{status: http.StatusBadRequest, code: "unsupported_grant_type", desc: "grant_type " + grant + " is not supported"}
	}
	if e != nil {
		e.write(w)
	}
}

func tokenMethod(c oidcConfig) string { return c.TokenEndpointAuthMethod }

// codeGrant redeems an authorization code, once. A code presented again
// revokes the tokens it issued.
func (s *Server) codeGrant(w http.ResponseWriter, r *http.Request) *oauthErr {
	app, e := s.authenticateClient(r, tokenMethod)
	if e != nil {
		return e
	}
	code := r.PostForm.Get("code")
	if code == "" {
		return invalidRequest("code is required")
	}
	c, first := s.st.redeemAuthCode(code)
	switch {
	case c == nil || c.appID != app.ID:
		return invalidGrant("the authorization code is invalid or was issued to another client")
	case !first:
		s.st.revokeCodeGrant(c)
		return invalidGrant("the authorization code was already used; its tokens are revoked")
	case s.now().After(c.expires):
		return invalidGrant("the authorization code has expired")
	case c.redirectURI != r.PostForm.Get("redirect_uri"):
		return invalidGrant("redirect_uri does not match the authorization request")
	}
	if e := checkPKCE(c, r.PostForm.Get("code_verifier")); e != nil {
		return e
	}
	out, err := s.tokenResponse(r, app, grant{userID: c.userID, scope: c.scope, nonce: c.nonce, authTime: c.authTime, code: code})
	if err != nil {
		return &oauthErr{status: http.StatusInternalServerError, code: "server_error", desc: err.Error()}
	}
	writeTokenJSON(w, out)
	return nil
}

// checkPKCE checks a code verifier against the code's challenge (RFC
// 7636 section 4.6).
func checkPKCE(c *authCode, verifier string) *oauthErr {
	if c.challenge == "" {
		if verifier != "" {
			return invalidGrant("code_verifier sent, but the authorization request had no code_challenge")
		}
		return nil
	}
	if !verifierSyntax.MatchString(verifier) {
		return invalidGrant("code_verifier is missing or malformed")
	}
	want := verifier
	if c.method == "S256" {
		sum := sha256.Sum256([]byte(verifier))
		want = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	if subtle.ConstantTimeCompare([]byte(want), []byte(c.challenge)) != 1 {
		return invalidGrant("code_verifier does not match the code_challenge")
	}
	return nil
}

// refreshGrant uses a refresh token, once: it is rotated, the answer
// carries its successor.
func (s *Server) refreshGrant(w http.ResponseWriter, r *http.Request) *oauthErr {
	app, e := s.authenticateClient(r, tokenMethod)
	if e != nil {
		return e
	}
	token := r.PostForm.Get("refresh_token")
	if token == "" {
		return invalidRequest("refresh_token is required")
	}
	rt := s.st.takeRefreshToken(token, app.ID)
	switch {
	case rt == nil:
		return invalidGrant("the refresh token is invalid, was used already, or was issued to another client")
	case s.now().After(rt.expires):
		return invalidGrant("the refresh token has expired")
	}
	if scope := r.PostForm.Get("scope"); scope != "" {
		for _, sc := range strings.Fields(scope) {
			if !hasScope(rt.scope, sc) {
				return &oauthErr{status: http.StatusBadRequest, code: "invalid_scope", desc: "scope " + sc + " was not granted"}
			}
		}
		rt.scope = scope
	}
	out, err := s.tokenResponse(r, app, grant{userID: rt.userID, scope: rt.scope, code: rt.code})
	if err != nil {
		return &oauthErr{status: http.StatusInternalServerError, code: "server_error", desc: err.Error()}
	}
	writeTokenJSON(w, out)
	return nil
}

// authingTokenGrant is Authing's grant type that exchanges a user's
// Authing token (the JS SDK's getAccessTokenByIdToken) for OIDC tokens.
const authingTokenGrant = "http://authing.cn/oidc/grant_type/authing_token"

// authingTokenGrant answers OIDC tokens of the authenticated client for
// the user of form field token.
func (s *Server) authingTokenGrant(w http.ResponseWriter, r *http.Request) *oauthErr {
	app, e := s.authenticateClient(r, tokenMethod)
	if e != nil {
		return e
	}
	c, err := s.verify(r.PostForm.Get("token"))
	if err != nil || c.Kind != "user" {
		return invalidGrant("the token is not a valid user token")
	}
	out, err := s.tokenResponse(r, app, grant{userID: c.Subject, scope: r.PostForm.Get("scope")})
	if err != nil {
		return &oauthErr{status: http.StatusInternalServerError, code: "server_error", desc: err.Error()}
	}
	writeTokenJSON(w, out)
	return nil
}

// clientCredentialsGrant answers a programmatic access account's token;
// the account's key and secret come as Basic or in the form.
func (s *Server) clientCredentialsGrant(w http.ResponseWriter, r *http.Request) *oauthErr {
	id, secret, used, e := clientAuthentication(r)
	if e != nil {
		return e
	}
	acct := s.st.account(id)
	if acct == nil || !acct.Enabled || used == authNone || !secretOK(secret, acct.Secret) {
		return &oauthErr{status: http.StatusUnauthorized, code: "invalid_client", desc: "client authentication failed",
			basicClient: used == authSecretBasic}
	}
	scope := r.PostForm.Get("scope")
	token, _, err := s.issueAccessToken(acct.ID, acct.ID, scope, seconds(acct.TokenLifetime))
	if err != nil {
		return &oauthErr{status: http.StatusInternalServerError, code: "server_error", desc: err.Error()}
	}
	writeTokenJSON(w, map[string]any{"access_token": token, "token_type": "Bearer",
		"expires_in": acct.TokenLifetime, "scope": scope})
	return nil
}

func secretOK(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func writeTokenJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, v)
}

// grant is what a token response is issued for: the user, the scope, the
// nonce and login time (from the authorization request) and the code the
// grant started with.
type grant struct {
	userID, scope, nonce, code string
	authTime                   time.Time
}

// tokenResponse issues an access token, an ID token when the scope has
// openid, and a refresh token when it has offline_access, and records
// them with the grant's code.
func (s *Server) tokenResponse(r *http.Request, app *appRec, g grant) (map[string]any, error) {
	cfg := app.OIDCConfig.withDefaults()
	access, accessID, err := s.issueAccessToken(app.ID, g.userID, g.scope, seconds(cfg.AccessTokenExpire))
	if err != nil {
		return nil, err
	}
	out := map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": cfg.AccessTokenExpire, "scope": g.scope}
	if hasScope(g.scope, "openid") {
		id, err := s.signIDToken(issuerOf(r), app, g.userID, g.scope, g.nonce, access, g.authTime)
		if err != nil {
			return nil, err
		}
		out["id_token"] = id
	}
	refresh := ""
	if hasScope(g.scope, "offline_access") {
		refresh = randomHex(24)
		now := s.now()
		s.st.addRefreshToken(refresh, &refreshRec{appID: app.ID, userID: g.userID, scope: g.scope, issued: now,
			expires: now.Add(seconds(cfg.RefreshTokenExpire)), code: g.code}, now)
		out["refresh_token"] = refresh
	}
	s.st.recordCodeGrant(g.code, accessID, refresh)
	return out, nil
}

// bearerOrParam reads an access token as RFC 6750 allows: the Bearer
// header, the access_token form field or the access_token query parameter.
func bearerOrParam(r *http.Request) string {
	if token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && token != "" {
		return token
	}
	return r.FormValue("access_token")
}

// oidcUserInfo answers the claims of the access token's scope (OpenID
// Connect Core 5.3 and 5.4): profile, email and phone.
func (s *Server) oidcUserInfo(w http.ResponseWriter, r *http.Request) {
	c, err := s.verify(bearerOrParam(r))
	if err != nil || c.Kind != "oidc" {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		oauthError(w, http.StatusUnauthorized, "invalid_token", "the access token is invalid or expired")
		return
	}
	if !hasScope(c.Scope, "openid") {
		w.Header().Set("WWW-Authenticate", `Bearer error="insufficient_scope"`)
		oauthError(w, http.StatusForbidden, "insufficient_scope", "the access token has no openid scope")
		return
	}
	p := s.st.userProfile(c.Subject)
	if p == nil {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		oauthError(w, http.StatusUnauthorized, "invalid_token", "the token's user no longer exists")
		return
	}
	writeJSON(w, http.StatusOK, scopedClaims(c.Subject, c.Scope, p))
}

// scopedClaims are a user's standard claims for a scope.
func scopedClaims(sub, scope string, p map[string]any) map[string]any {
	out := map[string]any{"sub": sub}
	add := func(claims map[string]any) {
		for k, v := range claims {
			out[k] = v
		}
	}
	if hasScope(scope, "profile") {
		add(map[string]any{"name": p["name"], "nickname": p["nickname"], "preferred_username": p["username"],
			"picture": p["photo"], "updated_at": p["updatedAt"], "given_name": p["givenName"],
			"family_name": p["familyName"], "gender": p["gender"], "birthdate": p["birthdate"]})
	}
	if hasScope(scope, "email") {
		add(map[string]any{"email": p["email"], "email_verified": p["emailVerified"] == true})
	}
	if hasScope(scope, "phone") {
		add(map[string]any{"phone_number": p["phone"], "phone_number_verified": p["phoneVerified"] == true})
	}
	return out
}

func revocationMethod(c oidcConfig) string    { return c.RevocationEndpointAuthMethod }
func introspectionMethod(c oidcConfig) string { return c.IntrospectionEndpointAuthMethod }

// oidcRevoke revokes an access or refresh token (RFC 7009) of the
// authenticated client; an unknown token is not an error, a token of
// another client is refused.
func (s *Server) oidcRevoke(w http.ResponseWriter, r *http.Request) {
	if !parseOAuthForm(w, r) {
		return
	}
	app, e := s.authenticateClient(r, revocationMethod)
	if e != nil {
		e.write(w)
		return
	}
	token := r.PostForm.Get("token")
	if token == "" {
		invalidRequest("token is required").write(w)
		return
	}
	if !s.st.revokeRefreshToken(token, app.ID) {
		invalidRequest("the token was issued to another client").write(w)
		return
	}
	if c, err := s.verify(token); err == nil && c.Kind == "oidc" {
		if c.ClientID != app.ID {
			invalidRequest("the token was issued to another client").write(w)
			return
		}
		s.st.revokeToken(c.ID)
	}
	w.WriteHeader(http.StatusOK)
}

// oidcIntrospect answers whether a token of the authenticated client is
// active (RFC 7662); another client's token is not active for it.
func (s *Server) oidcIntrospect(w http.ResponseWriter, r *http.Request) {
	if !parseOAuthForm(w, r) {
		return
	}
	app, e := s.authenticateClient(r, introspectionMethod)
	if e != nil {
		e.write(w)
		return
	}
	token := r.PostForm.Get("token")
	if token == "" {
		invalidRequest("token is required").write(w)
		return
	}
	inactive := map[string]any{"active": false}
	if rt := s.st.refreshToken(token); rt != nil {
		if rt.appID != app.ID || s.now().After(rt.expires) {
			writeJSON(w, http.StatusOK, inactive)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"active": true, "sub": rt.userID, "client_id": rt.appID, "scope": rt.scope,
			"exp": rt.expires.Unix(), "iat": rt.issued.Unix(), "iss": issuerOf(r)})
		return
	}
	c, err := s.verify(token)
	if err != nil || c.Kind != "oidc" || c.ClientID != app.ID {
		writeJSON(w, http.StatusOK, inactive)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"active": true, "sub": c.Subject, "client_id": c.ClientID, "scope": c.Scope,
		"token_type": "Bearer", "exp": c.ExpiresAt.Unix(), "iat": c.IssuedAt.Unix(), "iss": issuerOf(r), "jti": c.ID})
}

// oidcValidate is Authing's token check: the claims of a valid ID or
// access token, or code 400 in the envelope.
func (s *Server) oidcValidate(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var out map[string]any
	if token := q.Get("id_token"); token != "" {
		out, _ = s.verifyIDToken(token)
		// A login's token is an ID token in Authing's model: the JS SDK's
		// tests validate user.token as id_token.
		if c, err := s.verify(token); out == nil && err == nil && c.Kind == "user" {
			out = map[string]any{"sub": c.Subject, "iss": issuerOf(r), "exp": c.ExpiresAt.Unix(), "iat": c.IssuedAt.Unix()}
		}
	} else if c, err := s.verify(q.Get("access_token")); err == nil && c.Kind == "oidc" {
		out = map[string]any{"sub": c.Subject, "iss": issuerOf(r), "exp": c.ExpiresAt.Unix(), "iat": c.IssuedAt.Unix(),
			"jti": c.ID, "scope": c.Scope, "aud": c.ClientID}
	}
	if out == nil {
		writeJSON(w, http.StatusOK, map[string]any{"code": errTokenNotValid.code, "message": errTokenNotValid.text(langOf(r))})
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// addAuthCode adds a code and forgets those expired before now.
func (st *state) addAuthCode(now time.Time, code string, c *authCode) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for k, old := range st.oidc.codes {
		if now.After(old.expires) {
			delete(st.oidc.codes, k)
		}
	}
	st.oidc.codes[code] = c
}

// redeemAuthCode returns a copy of a code's grant and whether this is
// its first use; it marks the code used.
func (st *state) redeemAuthCode(code string) (*authCode, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.oidc.codes[code]
	if c == nil {
		return nil, false
	}
	first := !c.used
	c.used = true
	cp := *c
	return &cp, first
}

// recordCodeGrant notes the tokens a code's grant issued; refresh, when
// set, replaces the rotated one.
func (st *state) recordCodeGrant(code, accessID, refresh string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if c := st.oidc.codes[code]; c != nil {
		c.accessIDs = append(c.accessIDs, accessID)
		if refresh != "" {
			c.refresh = refresh
		}
	}
}

// revokeCodeGrant revokes what a reused code issued.
func (st *state) revokeCodeGrant(c *authCode) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, id := range c.accessIDs {
		st.revokedIDs[id] = true
	}
	delete(st.oidc.refresh, c.refresh)
}

// addRefreshToken adds a refresh token and forgets those expired
// before now.
func (st *state) addRefreshToken(token string, rt *refreshRec, now time.Time) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for k, old := range st.oidc.refresh {
		if now.After(old.expires) {
			delete(st.oidc.refresh, k)
		}
	}
	st.oidc.refresh[token] = rt
}

// refreshToken returns a copy of a refresh token's grant, or nil.
func (st *state) refreshToken(token string) *refreshRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	rt := st.oidc.refresh[token]
	if rt == nil {
		return nil
	}
	cp := *rt
	return &cp
}

// takeRefreshToken removes a refresh token of appID and returns its
// grant; a token of another client is left alone.
func (st *state) takeRefreshToken(token, appID string) *refreshRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	rt := st.oidc.refresh[token]
	if rt == nil || rt.appID != appID {
		return nil
	}
	delete(st.oidc.refresh, token)
	return rt
}

// revokeRefreshToken deletes a refresh token of appID. It reports false
// only for a token of another client.
func (st *state) revokeRefreshToken(token, appID string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	rt := st.oidc.refresh[token]
	if rt == nil {
		return true
	}
	if rt.appID != appID {
		return false
	}
	delete(st.oidc.refresh, token)
	return true
}

// updateOIDCConfig changes the set fields of an application's oidcConfig.
func (s *Server) updateOIDCConfig(appID string, change oidcConfig) (any, error) {
	if !change.withDefaults().valid() {
		return nil, errIncomplete
	}
	now := timestamp(s.now())
	return s.st.changeApp(appID, func(a *appRec) {
		a.OIDCConfig, a.UpdatedAt = a.OIDCConfig.merge(change).withDefaults(), now
	})
}

// SeedApplication describes an application for SeedApplication.
type SeedApplication struct {
	Name         string
	RedirectURIs []string
	// TokenEndpointAuthMethod is how the application's client
	// authenticates to the token, revocation and introspection
	// endpoints: "client_secret_post" (the default),
	// "client_secret_basic", or "none" for a public client, which must
	// use PKCE.
	TokenEndpointAuthMethod string
	// IDTokenSigningAlg is "RS256" (the default: verified with the JWKS at
	// /oidc/.well-known/jwks.json) or "HS256" (verified with the
	// application's secret).
	IDTokenSigningAlg string
}

// SeedApplication creates an application directly (no request) and
// returns its id, the OIDC client_id, and its secret. The same settings
// can be sent as oidcConfig with POST /api/v2/applications/{id}.
func (s *Server) SeedApplication(a SeedApplication) (id, secret string, err error) {
	cfg := oidcConfig{TokenEndpointAuthMethod: a.TokenEndpointAuthMethod, IDTokenSignedResponseAlg: a.IDTokenSigningAlg}.withDefaults()
	if a.Name == "" || !cfg.valid() {
		return "", "", errIncomplete
	}
	now := timestamp(s.now())
	rec := &appRec{ID: newID(), Name: a.Name, Identifier: a.Name, UserPoolID: s.UserPoolID, RedirectURIs: a.RedirectURIs,
		Secret: randomHex(16), OIDCConfig: cfg, CreatedAt: now, UpdatedAt: now}
	s.st.addApp(rec)
	return rec.ID, rec.Secret, nil
}
