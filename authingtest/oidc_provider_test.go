package authingtest_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/authing-go/authing/authingtest"
	"github.com/golang-jwt/jwt/v5"
)

// The provider's tests speak plain HTTP, as any OAuth client would.

const rpCallback = "https://rp.example.com/cb"

// oidcApp is a registered client: its id, secret and how it authenticates.
type oidcApp struct {
	id, secret, method string
}

// provider is a server with bob logged in and four applications.
type provider struct {
	t                            *testing.T
	srv                          *authingtest.Server
	userToken                    string
	post, basic, public, another oidcApp
}

func newProvider(t *testing.T) *provider {
	t.Helper()
	srv := authingtest.NewServer()
	t.Cleanup(srv.Close)
	p := &provider{t: t, srv: srv}
	if _, err := srv.SeedUser(authingtest.SeedUser{Username: "bob", Email: "bob@example.com", Password: "passw0rd"}); err != nil {
		t.Fatal(err)
	}
	seed := func(name, method, alg string) oidcApp {
		id, secret, err := srv.SeedApplication(authingtest.SeedApplication{Name: name, RedirectURIs: []string{rpCallback},
			TokenEndpointAuthMethod: method, IDTokenSigningAlg: alg})
		if err != nil {
			t.Fatal(err)
		}
		if method == "" {
			method = "client_secret_post"
		}
		return oidcApp{id: id, secret: secret, method: method}
	}
	p.post, p.basic = seed("post", "", ""), seed("basic", "client_secret_basic", "")
	p.public, p.another = seed("public", "none", ""), seed("another", "", "HS256")
	p.userToken = signIn(t, srv.URL, "bob", "passw0rd")
	return p
}

// signIn logs a user in with POST /api/v3/signin and returns their token.
func signIn(t *testing.T, base, username, password string) string {
	t.Helper()
	body := `{"connection":"PASSWORD","passwordPayload":{"username":"` + username + `","password":"` + password + `"}}`
	resp, err := http.Post(base+"/api/v3/signin", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data struct {
			AccessToken string `json:"access_token"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.Data.AccessToken == "" {
		t.Fatalf("sign-in: %v, %+v", err, out)
	}
	return out.Data.AccessToken
}

// authorize sends the user to the authorization endpoint and returns the
// query of the redirect back: a code, or an error.
func (p *provider) authorize(app oidcApp, params url.Values) url.Values {
	p.t.Helper()
	q := url.Values{"client_id": {app.id}, "redirect_uri": {rpCallback}, "response_type": {"code"},
		"scope": {"openid profile email offline_access"}, "state": {"st"}}
	for k, v := range params {
		q[k] = v
	}
	req, _ := http.NewRequest(http.MethodGet, p.srv.URL+"/oidc/auth?"+q.Encode(), nil)
	req.Header.Set("Authorization", "Bearer "+p.userToken)
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil {
		p.t.Fatalf("authorize answered %d", resp.StatusCode)
	}
	if loc.Query().Get("state") != "st" {
		p.t.Errorf("state came back as %q", loc.Query().Get("state"))
	}
	return loc.Query()
}

// pkce returns a verifier and its S256 challenge.
func pkce(seed string) (verifier, challenge string) {
	verifier = strings.Repeat(seed, 43)[:43]
	sum := sha256.Sum256([]byte(verifier))
	return verifier, base64.RawURLEncoding.EncodeToString(sum[:])
}

// code returns a code of app, with an S256 challenge of verifier when it
// is set.
func (p *provider) code(app oidcApp, verifier string) string {
	p.t.Helper()
	params := url.Values{}
	if verifier != "" {
		_, challenge := pkce(verifier)
		params = url.Values{"code_challenge": {challenge}, "code_challenge_method": {"S256"}}
	}
	q := p.authorize(app, params)
	if q.Get("code") == "" {
		p.t.Fatalf("no code: %v", q)
	}
	return q.Get("code")
}

// call posts form to path with app's credentials, sent as app's method
// says, and returns the status and the decoded answer.
func (p *provider) call(path string, app oidcApp, form url.Values) (int, map[string]any) {
	p.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, p.srv.URL+path, nil)
	switch app.method {
	case "client_secret_basic":
		req.SetBasicAuth(url.QueryEscape(app.id), url.QueryEscape(app.secret))
	case "client_secret_post":
		form.Set("client_id", app.id)
		form.Set("client_secret", app.secret)
	case "none":
		form.Set("client_id", app.id)
	}
	req.Body = io.NopCloser(strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out) // revocation answers no body
	return resp.StatusCode, out
}

// exchange redeems a code.
func (p *provider) exchange(app oidcApp, code, verifier string) (int, map[string]any) {
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {rpCallback}}
	if verifier != "" {
		form.Set("code_verifier", verifier)
	}
	return p.call("/oidc/token", app, form)
}

// tokens runs the code flow for app and returns its token response.
func (p *provider) tokens(app oidcApp) map[string]any {
	p.t.Helper()
	verifier, _ := pkce("v")
	status, out := p.exchange(app, p.code(app, verifier), verifier)
	if status != http.StatusOK {
		p.t.Fatalf("code exchange: %d %v", status, out)
	}
	return out
}

func (p *provider) refresh(app oidcApp, token string) (int, map[string]any) {
	return p.call("/oidc/token", app, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {token}})
}

func (p *provider) active(app oidcApp, token string) bool {
	p.t.Helper()
	_, out := p.call("/oidc/token/introspection", app, url.Values{"token": {token}})
	return out["active"] == true
}

func with(app oidcApp, change func(*oidcApp)) oidcApp {
	change(&app)
	return app
}

// TestOIDCProviderRefusesMisuse runs each misuse of the provider that a
// real one refuses, and checks the OAuth error it answers.
func TestOIDCProviderRefusesMisuse(t *testing.T) {
	type answer struct {
		status int
		err    string
	}
	fromRedirect := func(q url.Values) answer { return answer{http.StatusFound, q.Get("error")} }
	fromBody := func(status int, out map[string]any) answer {
		e, _ := out["error"].(string)
		return answer{status, e}
	}
	verifier, challenge := pkce("v")
	cases := []struct {
		name string
		run  func(p *provider) answer
		want answer
	}{
		{"wrong client_secret on a PKCE exchange", func(p *provider) answer {
			return fromBody(p.exchange(with(p.post, func(a *oidcApp) { a.secret = "wrong" }), p.code(p.post, verifier), verifier))
		}, answer{401, "invalid_client"}},
		{"confidential client without its secret on a PKCE exchange", func(p *provider) answer {
			return fromBody(p.exchange(with(p.post, func(a *oidcApp) { a.method = "none" }), p.code(p.post, verifier), verifier))
		}, answer{401, "invalid_client"}},
		{"secret in the form for a client_secret_basic client", func(p *provider) answer {
			return fromBody(p.exchange(with(p.basic, func(a *oidcApp) { a.method = "client_secret_post" }), p.code(p.basic, verifier), verifier))
		}, answer{401, "invalid_client"}},
		{"wrong secret as Basic", func(p *provider) answer {
			return fromBody(p.exchange(with(p.basic, func(a *oidcApp) { a.secret = "wrong" }), p.code(p.basic, ""), ""))
		}, answer{401, "invalid_client"}},
		{"a secret sent by a public client", func(p *provider) answer {
			return fromBody(p.exchange(with(p.public, func(a *oidcApp) { a.method = "client_secret_post"; a.secret = "x" }), p.code(p.public, verifier), verifier))
		}, answer{401, "invalid_client"}},
		{"unknown client", func(p *provider) answer {
			return fromBody(p.exchange(oidcApp{id: "nobody", secret: "x", method: "client_secret_post"}, "c", ""))
		}, answer{401, "invalid_client"}},
		{"Basic and form secret at once", func(p *provider) answer {
			return fromBody(p.call("/oidc/token", p.basic, url.Values{"grant_type": {"authorization_code"}, "code": {"c"},
				"client_secret": {p.basic.secret}}))
		}, answer{400, "invalid_request"}},
		{"BOGUS code_challenge_method", func(p *provider) answer {
			return fromRedirect(p.authorize(p.post, url.Values{"code_challenge": {challenge}, "code_challenge_method": {"BOGUS"}}))
		}, answer{302, "invalid_request"}},
		{"malformed code_challenge", func(p *provider) answer {
			return fromRedirect(p.authorize(p.post, url.Values{"code_challenge": {"short"}, "code_challenge_method": {"S256"}}))
		}, answer{302, "invalid_request"}},
		{"public client without PKCE", func(p *provider) answer {
			return fromRedirect(p.authorize(p.public, nil))
		}, answer{302, "invalid_request"}},
		{"response_type token", func(p *provider) answer {
			return fromRedirect(p.authorize(p.post, url.Values{"response_type": {"token"}}))
		}, answer{302, "unsupported_response_type"}},
		{"no openid scope", func(p *provider) answer {
			return fromRedirect(p.authorize(p.post, url.Values{"scope": {"profile"}}))
		}, answer{302, "invalid_request"}},
		{"wrong code_verifier", func(p *provider) answer {
			other, _ := pkce("w")
			return fromBody(p.exchange(p.public, p.code(p.public, verifier), other))
		}, answer{400, "invalid_grant"}},
		{"the challenge sent as the verifier of S256", func(p *provider) answer {
			return fromBody(p.exchange(p.public, p.code(p.public, verifier), challenge))
		}, answer{400, "invalid_grant"}},
		{"no code_verifier for a PKCE code", func(p *provider) answer {
			return fromBody(p.exchange(p.post, p.code(p.post, verifier), ""))
		}, answer{400, "invalid_grant"}},
		{"reused code", func(p *provider) answer {
			code := p.code(p.public, verifier)
			if status, out := p.exchange(p.public, code, verifier); status != 200 {
				t.Errorf("first use: %d %v", status, out)
			}
			return fromBody(p.exchange(p.public, code, verifier))
		}, answer{400, "invalid_grant"}},
		{"code of another client", func(p *provider) answer {
			return fromBody(p.exchange(p.another, p.code(p.post, ""), ""))
		}, answer{400, "invalid_grant"}},
		{"expired code", func(p *provider) answer {
			code := p.code(p.post, "")
			p.srv.Advance(11 * time.Minute)
			return fromBody(p.exchange(p.post, code, ""))
		}, answer{400, "invalid_grant"}},
		{"another redirect_uri at the exchange", func(p *provider) answer {
			return fromBody(p.call("/oidc/token", p.post, url.Values{"grant_type": {"authorization_code"},
				"code": {p.code(p.post, "")}, "redirect_uri": {"https://evil.example.com/cb"}}))
		}, answer{400, "invalid_grant"}},
		{"one app revokes another's access token", func(p *provider) answer {
			access := p.tokens(p.post)["access_token"].(string)
			a := fromBody(p.call("/oidc/token/revocation", p.another, url.Values{"token": {access}}))
			if !p.active(p.post, access) {
				t.Error("another client's revocation revoked the token")
			}
			return a
		}, answer{400, "invalid_request"}},
		{"one app revokes another's refresh token", func(p *provider) answer {
			refresh := p.tokens(p.post)["refresh_token"].(string)
			a := fromBody(p.call("/oidc/token/revocation", p.another, url.Values{"token": {refresh}}))
			if status, out := p.refresh(p.post, refresh); status != 200 {
				t.Errorf("the refresh token stopped working: %d %v", status, out)
			}
			return a
		}, answer{400, "invalid_request"}},
		{"expired refresh token", func(p *provider) answer {
			refresh := p.tokens(p.post)["refresh_token"].(string)
			p.srv.Advance(15 * 24 * time.Hour)
			return fromBody(p.refresh(p.post, refresh))
		}, answer{400, "invalid_grant"}},
		{"rotated refresh token used again", func(p *provider) answer {
			refresh := p.tokens(p.public)["refresh_token"].(string)
			if status, out := p.refresh(p.public, refresh); status != 200 || out["refresh_token"] == refresh {
				t.Errorf("first refresh: %d %v", status, out)
			}
			return fromBody(p.refresh(p.public, refresh))
		}, answer{400, "invalid_grant"}},
		{"refresh token of another client", func(p *provider) answer {
			return fromBody(p.refresh(p.another, p.tokens(p.post)["refresh_token"].(string)))
		}, answer{400, "invalid_grant"}},
		{"refresh with a wrong secret", func(p *provider) answer {
			refresh := p.tokens(p.post)["refresh_token"].(string)
			return fromBody(p.refresh(with(p.post, func(a *oidcApp) { a.secret = "wrong" }), refresh))
		}, answer{401, "invalid_client"}},
		{"refresh widening the scope", func(p *provider) answer {
			refresh := p.tokens(p.post)["refresh_token"].(string)
			return fromBody(p.call("/oidc/token", p.post, url.Values{"grant_type": {"refresh_token"},
				"refresh_token": {refresh}, "scope": {"openid admin"}}))
		}, answer{400, "invalid_scope"}},
		{"introspection with a wrong secret", func(p *provider) answer {
			return fromBody(p.call("/oidc/token/introspection", with(p.post, func(a *oidcApp) { a.secret = "wrong" }),
				url.Values{"token": {"x"}}))
		}, answer{401, "invalid_client"}},
		{"authing_token grant with a wrong secret", func(p *provider) answer {
			return fromBody(p.call("/oidc/token", with(p.post, func(a *oidcApp) { a.secret = "wrong" }), url.Values{
				"grant_type": {"http://authing.cn/oidc/grant_type/authing_token"}, "token": {p.userToken}, "scope": {"openid"}}))
		}, answer{401, "invalid_client"}},
		{"authing_token grant with an access token", func(p *provider) answer {
			access := p.tokens(p.post)["access_token"].(string)
			return fromBody(p.call("/oidc/token", p.post, url.Values{
				"grant_type": {"http://authing.cn/oidc/grant_type/authing_token"}, "token": {access}, "scope": {"openid"}}))
		}, answer{400, "invalid_grant"}},
		{"unsupported grant type", func(p *provider) answer {
			return fromBody(p.call("/oidc/token", p.post, url.Values{"grant_type": {"password"}}))
		}, answer{400, "unsupported_grant_type"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.run(newProvider(t)); got != tc.want {
				t.Errorf("answer = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestOIDCProviderTokens checks what the grants issue: claims, rotation,
// userinfo by scope, introspection and revocation by the token's client.
func TestOIDCProviderTokens(t *testing.T) {
	p := newProvider(t)
	// HS256 ID tokens are signed with the application's secret.
	out := p.tokens(p.another)
	access, _ := out["access_token"].(string)
	var c jwt.MapClaims
	_, err := jwt.ParseWithClaims(out["id_token"].(string), &c, func(*jwt.Token) (any, error) { return []byte(p.another.secret), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithAudience(p.another.id), jwt.WithIssuer(p.srv.URL+"/oidc"))
	if err != nil {
		t.Fatalf("HS256 ID token: %v", err)
	}
	sum := sha256.Sum256([]byte(access))
	if c["at_hash"] != base64.RawURLEncoding.EncodeToString(sum[:16]) || c["email"] != "bob@example.com" || c["exp"] == nil {
		t.Errorf("ID token claims = %v", c)
	}
	if out["expires_in"] != float64(3600) || out["token_type"] != "Bearer" {
		t.Errorf("token response = %v", out)
	}

	// Userinfo answers the claims of the scope.
	req, _ := http.NewRequest(http.MethodGet, p.srv.URL+"/oidc/me", nil)
	req.Header.Set("Authorization", "Bearer "+access)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var info map[string]any
	json.NewDecoder(resp.Body).Decode(&info)
	resp.Body.Close()
	if info["email"] != "bob@example.com" || info["preferred_username"] != "bob" || info["phone_number"] != nil {
		t.Errorf("userinfo for openid profile email = %v", info)
	}

	// Introspection is per client; revocation by the token's own client works.
	_, in := p.call("/oidc/token/introspection", p.another, url.Values{"token": {access}})
	if in["active"] != true || in["client_id"] != p.another.id || in["scope"] != "openid profile email offline_access" {
		t.Errorf("introspection = %v", in)
	}
	if p.active(p.post, access) {
		t.Error("a token is active for a client it was not issued to")
	}
	if status, _ := p.call("/oidc/token/revocation", p.another, url.Values{"token": {access}}); status != 200 {
		t.Errorf("revocation by the token's client = %d", status)
	}
	if p.active(p.another, access) {
		t.Error("a revoked token is active")
	}
	if status, _ := p.call("/oidc/token/revocation", p.another, url.Values{"token": {"unknown"}}); status != 200 {
		t.Errorf("revoking an unknown token = %d, want 200 (RFC 7009)", status)
	}

	// A code presented again revokes its grant, refreshed tokens included.
	verifier, _ := pkce("r")
	code := p.code(p.public, verifier)
	_, first := p.exchange(p.public, code, verifier)
	_, fresh := p.refresh(p.public, first["refresh_token"].(string))
	if !p.active(p.public, fresh["access_token"].(string)) || !p.active(p.public, fresh["refresh_token"].(string)) {
		t.Fatalf("refreshed tokens inactive: %v", fresh)
	}
	if status, _ := p.exchange(p.public, code, verifier); status != http.StatusBadRequest {
		t.Errorf("reused code answered %d", status)
	}
	for _, name := range []string{"access_token", "refresh_token"} {
		if p.active(p.public, fresh[name].(string)) {
			t.Errorf("the refreshed %s of a reused code is still active", name)
		}
	}
}

// TestOIDCConfigOverREST sets an application's oidcConfig as a program in
// another language would, and checks that the provider follows it.
func TestOIDCConfigOverREST(t *testing.T) {
	e := newEnv(t)
	app, err := e.mc.Applications.Create(e.ctx, "spa", "spa", []string{rpCallback}, "")
	noErr(t, "create app", err)
	token, err := e.mc.Token(e.ctx)
	noErr(t, "management token", err)
	update := func(body string) int {
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/api/v2/applications/"+app.ID, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		noErr(t, "update", err)
		defer resp.Body.Close()
		var env struct {
			Code int `json:"code"`
		}
		json.NewDecoder(resp.Body).Decode(&env)
		return env.Code
	}
	if code := update(`{"oidcConfig": {"token_endpoint_auth_method": "private_key_jwt"}}`); code == 200 {
		t.Error("an unknown auth method was accepted")
	}
	if code := update(`{"oidcConfig": {"token_endpoint_auth_method": "none", "id_token_signed_response_alg": "HS256"}}`); code != 200 {
		t.Fatalf("update answered code %d", code)
	}
	if _, err := e.srv.SeedUser(authingtest.SeedUser{Username: "bob", Email: "bob@example.com", Password: "passw0rd"}); err != nil {
		t.Fatal(err)
	}
	p := &provider{t: t, srv: e.srv, userToken: signIn(t, e.srv.URL, "bob", "passw0rd")}
	public := oidcApp{id: app.ID, secret: app.Secret, method: "none"}
	out := p.tokens(public)
	if _, err := jwt.Parse(out["id_token"].(string), func(*jwt.Token) (any, error) { return []byte(app.Secret), nil },
		jwt.WithValidMethods([]string{"HS256"})); err != nil {
		t.Errorf("the ID token is not HS256 with the app secret: %v", err)
	}
	if status, body := p.exchange(with(public, func(a *oidcApp) { a.method = "client_secret_post" }), p.code(public, "v"), strings.Repeat("v", 43)); status != 401 {
		t.Errorf("a secret from a client registered as public: %d %v", status, body)
	}
}
