package authingtest

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The OIDC provider of the server's applications: the authorization code
// flow (with PKCE), refresh tokens, client credentials for programmatic
// access accounts, userinfo, introspection, revocation and validation.
// GET /oidc/auth logs in the user of the request's Bearer token (there
// is no login page), and redirects with a code.

type authCode struct {
	appID, userID, redirectURI, scope, nonce string
	challenge, method                        string
	expires                                  time.Time
}

type refreshRec struct {
	appID, userID, scope string
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
		route{"GET /api/v2/oidc/validate_token", raw(s.oidcValidate)},
	)}
}

func oauthError(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

func (s *Server) oidcAuthorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	app := s.findApp(q.Get("client_id"))
	if app == nil {
		oauthError(w, http.StatusBadRequest, "invalid_client", "unknown client_id")
		return
	}
	redirect := q.Get("redirect_uri")
	allowed := false
	for _, u := range app.RedirectURIs {
		allowed = allowed || u == redirect
	}
	if !allowed {
		oauthError(w, http.StatusBadRequest, "invalid_request", "redirect_uri is not registered")
		return
	}
	if q.Get("response_type") != "code" {
		oauthError(w, http.StatusBadRequest, "unsupported_response_type", "only code is supported")
		return
	}
	rq, _ := s.newRequest(r)
	userID, err := rq.user()
	if err != nil {
		oauthError(w, http.StatusUnauthorized, "login_required", "send the user's token as Bearer")
		return
	}
	code := randomHex(16)
	s.st.addAuthCode(code, &authCode{appID: app.ID, userID: userID, redirectURI: redirect, scope: q.Get("scope"),
		nonce: q.Get("nonce"), challenge: q.Get("code_challenge"), method: q.Get("code_challenge_method"),
		expires: s.now().Add(10 * time.Minute)})
	target, _ := url.Parse(redirect)
	tq := target.Query()
	tq.Set("code", code)
	if st := q.Get("state"); st != "" {
		tq.Set("state", st)
	}
	target.RawQuery = tq.Encode()
	http.Redirect(w, r, target.String(), http.StatusFound)
}

// clientCredentials reads client_id and client_secret from the form or
// from HTTP Basic authentication.
func clientCredentials(r *http.Request) (id, secret string) {
	if u, p, ok := r.BasicAuth(); ok {
		return u, p
	}
	return r.PostFormValue("client_id"), r.PostFormValue("client_secret")
}

func secretOK(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func (s *Server) oidcToken(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "malformed form body")
		return
	}
	clientID, secret := clientCredentials(r)
	switch r.PostFormValue("grant_type") {
	case "authorization_code":
		s.codeGrant(w, r, clientID, secret)
	case "refresh_token":
		s.refreshGrant(w, r, clientID, secret)
	case "client_credentials":
		s.clientCredentialsGrant(w, r, clientID, secret)
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type "+r.PostFormValue("grant_type")+" is not supported")
	}
}

func (s *Server) refreshGrant(w http.ResponseWriter, r *http.Request, clientID, secret string) {
	app := s.findApp(clientID)
	if app == nil || !secretOK(secret, app.Secret) {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "client authentication failed")
		return
	}
	rt := s.st.refreshToken(r.PostFormValue("refresh_token"))
	if rt == nil || rt.appID != clientID {
		oauthError(w, http.StatusBadRequest, "invalid_grant", "unknown refresh token")
		return
	}
	s.writeTokens(w, app, rt.userID, rt.scope, "", false)
}

// clientCredentialsGrant answers a programmatic access account's token.
func (s *Server) clientCredentialsGrant(w http.ResponseWriter, r *http.Request, clientID, secret string) {
	acct := s.st.account(clientID)
	if acct == nil || !acct.Enabled || !secretOK(secret, acct.Secret) {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "client authentication failed")
		return
	}
	token, _, _, err := s.issueKind(acct.ID, "oidc", time.Duration(acct.TokenLifetime)*time.Second)
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"access_token": token, "token_type": "Bearer",
		"expires_in": acct.TokenLifetime, "scope": r.PostFormValue("scope")})
}

func (s *Server) codeGrant(w http.ResponseWriter, r *http.Request, clientID, secret string) {
	c := s.st.takeAuthCode(r.PostFormValue("code"))
	if c == nil || c.appID != clientID || s.now().After(c.expires) {
		oauthError(w, http.StatusBadRequest, "invalid_grant", "授权码无效或已过期")
		return
	}
	if c.redirectURI != r.PostFormValue("redirect_uri") {
		oauthError(w, http.StatusBadRequest, "invalid_grant", "redirect_uri does not match")
		return
	}
	app := s.findApp(clientID)
	if c.challenge != "" {
		verifier := r.PostFormValue("code_verifier")
		want := verifier
		if c.method == "" || c.method == "S256" {
			sum := sha256.Sum256([]byte(verifier))
			want = base64.RawURLEncoding.EncodeToString(sum[:])
		}
		if verifier == "" || want != c.challenge {
			oauthError(w, http.StatusBadRequest, "invalid_grant", "code_verifier does not match the challenge")
			return
		}
	} else if app == nil || !secretOK(secret, app.Secret) {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "client authentication failed")
		return
	}
	s.writeTokens(w, app, c.userID, c.scope, c.nonce, true)
}

// writeTokens answers an access token, an ID token, and a refresh token
// when the scope asks for offline access.
func (s *Server) writeTokens(w http.ResponseWriter, app *appRec, userID, scope, nonce string, withID bool) {
	ttl := time.Hour
	access, _, _, err := s.issueKind(userID, "oidc", ttl)
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", err.Error())
		return
	}
	out := map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": int(ttl.Seconds()), "scope": scope}
	if withID && strings.Contains(" "+scope+" ", " openid ") {
		id, _, _, err := s.issueWith(userID, "id", ttl, nonce)
		if err == nil {
			out["id_token"] = id
		}
	}
	if strings.Contains(" "+scope+" ", " offline_access ") {
		rt := randomHex(24)
		s.st.addRefreshToken(rt, &refreshRec{appID: app.ID, userID: userID, scope: scope})
		out["refresh_token"] = rt
	}
	writeJSON(w, http.StatusOK, out)
}

// bearerOrParam reads an access token as RFC 6750 allows: the Bearer
// header, the access_token form field or the access_token query parameter.
func bearerOrParam(r *http.Request) string {
	if token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && token != "" {
		return token
	}
	return r.FormValue("access_token")
}

func (s *Server) oidcUserInfo(w http.ResponseWriter, r *http.Request) {
	c, err := s.verify(bearerOrParam(r))
	if err != nil || c.Kind != "oidc" {
		oauthError(w, http.StatusUnauthorized, "invalid_token", "the access token is invalid or expired")
		return
	}
	p := s.st.userProfile(c.Subject)
	if p == nil {
		oauthError(w, http.StatusUnauthorized, "invalid_token", "the token's user no longer exists")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sub": c.Subject, "name": p["name"], "nickname": p["nickname"],
		"preferred_username": p["username"], "picture": p["photo"], "email": p["email"], "email_verified": p["emailVerified"],
		"phone_number": p["phone"], "phone_number_verified": p["phoneVerified"], "updated_at": p["updatedAt"]})
}

func (s *Server) oidcRevoke(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	r.ParseForm()
	clientID, secret := clientCredentials(r)
	if app := s.findApp(clientID); app == nil || !secretOK(secret, app.Secret) {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "client authentication failed")
		return
	}
	token := r.PostFormValue("token")
	s.st.deleteRefreshToken(token)
	if c, err := s.verify(token); err == nil {
		s.st.revokeToken(c.ID)
	}
	w.WriteHeader(http.StatusOK)
}

func (s *Server) oidcIntrospect(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	r.ParseForm()
	clientID, secret := clientCredentials(r)
	if app := s.findApp(clientID); app == nil || !secretOK(secret, app.Secret) {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "client authentication failed")
		return
	}
	c, err := s.verify(r.PostFormValue("token"))
	if err != nil || c.Kind != "oidc" {
		writeJSON(w, http.StatusOK, map[string]any{"active": false})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"active": true, "sub": c.Subject, "client_id": clientID, "token_type": "Bearer",
		"exp": c.ExpiresAt.Unix(), "iat": c.IssuedAt.Unix(), "iss": "authingtest"})
}

func (s *Server) oidcValidate(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	token, kind := q.Get("id_token"), "id"
	if token == "" {
		token, kind = q.Get("access_token"), "oidc"
	}
	c, err := s.verify(token)
	if err != nil || c.Kind != kind {
		writeJSON(w, http.StatusOK, map[string]any{"code": errTokenNotValid.code, "message": errTokenNotValid.text(langOf(r))})
		return
	}
	claims := map[string]any{"sub": c.Subject, "iss": "authingtest", "exp": c.ExpiresAt.Unix(), "iat": c.IssuedAt.Unix()}
	if c.Nonce != "" {
		claims["nonce"] = c.Nonce
	}
	writeJSON(w, http.StatusOK, claims)
}

func (st *state) addAuthCode(code string, c *authCode) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.oidc.codes[code] = c
}

// takeAuthCode returns an authorization code's grant, once.
func (st *state) takeAuthCode(code string) *authCode {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := st.oidc.codes[code]
	delete(st.oidc.codes, code)
	return c
}

func (st *state) addRefreshToken(token string, rt *refreshRec) {
	st.mu.Lock()
	defer st.mu.Unlock()
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

func (st *state) deleteRefreshToken(token string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.oidc.refresh, token)
}
