package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/oauth2"
)

func TestBuildAuthorizeURL(t *testing.T) {
	r := newReplay(t, "rest.ok.json")
	ac := r.authClient("")
	verifier := strings.Repeat("v", 43)
	challenge := oauth2.S256ChallengeFromVerifier(verifier)
	base := url.Values{"client_id": {testAppID}, "redirect_uri": {"https://example.com/callback"},
		"response_type": {"code"}, "scope": {defaultOIDCScope}, "state": {"s1"}, "nonce": {"n1"},
		"code_challenge": {challenge}, "code_challenge_method": {"S256"}}
	with := func(kv ...string) url.Values {
		q := url.Values{}
		for k, v := range base {
			q[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == "" {
				q.Del(kv[i])
				continue
			}
			q.Set(kv[i], kv[i+1])
		}
		return q
	}
	given := AuthorizeURLOptions{State: "s1", Nonce: "n1", CodeVerifier: verifier}
	tests := []struct {
		name string
		opts AuthorizeURLOptions
		want url.Values
	}{
		{"defaults, PKCE S256", given, base},
		{"every option", AuthorizeURLOptions{RedirectURI: "https://example.com/other", ResponseType: "code id_token",
			ResponseMode: "form_post", Scope: "openid email", State: "s1", Nonce: "n1", CodeVerifier: verifier, CodeChallengeMethod: "plain"},
			with("redirect_uri", "https://example.com/other", "response_type", "code id_token", "response_mode", "form_post",
				"scope", "openid email", "code_challenge", verifier, "code_challenge_method", "plain")},
		{"no PKCE", AuthorizeURLOptions{State: "s1", Nonce: "n1", NoPKCE: true}, with("code_challenge", "", "code_challenge_method", "")},
		{"offline access asks consent", AuthorizeURLOptions{State: "s1", Nonce: "n1", CodeVerifier: verifier, Scope: "openid offline_access"},
			with("scope", "openid offline_access", "prompt", "consent")},
		{"offline_access must be a whole scope", AuthorizeURLOptions{State: "s1", Nonce: "n1", CodeVerifier: verifier, Scope: "openid offline_accessible"},
			with("scope", "openid offline_accessible")},
	}
	for _, tt := range tests {
		req, err := ac.BuildAuthorizeURL(&tt.opts)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		u, err := url.Parse(req.URL)
		if err != nil || u.Scheme+"://"+u.Host != r.srv.URL || u.Path != "/oidc/auth" {
			t.Errorf("%s: URL %s, want %s/oidc/auth?...", tt.name, req.URL, r.srv.URL)
			continue
		}
		if diff := cmp.Diff(tt.want, u.Query()); diff != "" {
			t.Errorf("%s: BuildAuthorizeURL() query mismatch (-want +got):\n%s", tt.name, diff)
		}
	}

	// What is generated comes back: random, and the values the URL carries.
	a, err := ac.BuildAuthorizeURL(nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := ac.BuildAuthorizeURL(nil)
	ua, _ := url.Parse(a.URL)
	qa := ua.Query()
	if qa.Get("state") != a.State || qa.Get("nonce") != a.Nonce || qa.Get("code_challenge") != oauth2.S256ChallengeFromVerifier(a.CodeVerifier) {
		t.Errorf("the request %+v does not return the values its URL carries", a)
	}
	for name, v := range map[string][2]string{"state": {a.State, b.State}, "nonce": {a.Nonce, b.Nonce},
		"verifier": {a.CodeVerifier, b.CodeVerifier}} {
		if len(v[0]) < 20 || v[0] == v[1] {
			t.Errorf("generated %s %q, then %q: want random values", name, v[0], v[1])
		}
	}

	noRedirect, _ := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppID: testAppID, AppHost: r.srv.URL})
	noHost, _ := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppID: testAppID, RedirectURI: "https://x"})
	noID, _ := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppHost: r.srv.URL, RedirectURI: "https://x"})
	for name, c := range map[string]struct {
		ac   *AuthenticationClient
		opts *AuthorizeURLOptions
	}{
		"no redirect URI":  {noRedirect, nil},
		"no AppHost":       {noHost, nil},
		"no AppID":         {noID, nil},
		"unknown method":   {ac, &AuthorizeURLOptions{CodeChallengeMethod: "MD5"}},
		"lowercase method": {ac, &AuthorizeURLOptions{CodeChallengeMethod: "s256"}},
		"bad verifier":     {ac, &AuthorizeURLOptions{CodeVerifier: "short"}},
	} {
		if _, err := c.ac.BuildAuthorizeURL(c.opts); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
}

func TestBuildLogoutURL(t *testing.T) {
	r := newReplay(t, "rest.ok.json")
	ac := r.authClient("")
	host := r.srv.URL
	tests := []struct {
		name string
		opts *LogoutURLOptions
		want string
	}{
		{"hosted page", nil, host + "/login/profile/logout"},
		{"hosted page with redirect", &LogoutURLOptions{RedirectURI: "https://example.com/bye?a=1"},
			host + "/login/profile/logout?redirect_uri=https%3A%2F%2Fexample.com%2Fbye%3Fa%3D1"},
		{"hosted page ignores the ID token", &LogoutURLOptions{IDToken: "idt"}, host + "/login/profile/logout"},
		{"expert", &LogoutURLOptions{Expert: true, IDToken: "idt", RedirectURI: "https://example.com/bye"},
			host + "/oidc/session/end?id_token_hint=idt&post_logout_redirect_uri=https%3A%2F%2Fexample.com%2Fbye"},
		{"expert without redirect", &LogoutURLOptions{Expert: true, IDToken: "idt"}, host + "/oidc/session/end?id_token_hint=idt"},
		{"expert bare", &LogoutURLOptions{Expert: true}, host + "/oidc/session/end"},
	}
	for _, tt := range tests {
		got, err := ac.BuildLogoutURL(tt.opts)
		if err != nil || got != tt.want {
			t.Errorf("%s: BuildLogoutURL = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	if _, err := ac.BuildLogoutURL(&LogoutURLOptions{Expert: true, RedirectURI: "https://example.com/bye"}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("expert redirect without ID token: err = %v, want ErrInvalidArgument", err)
	}
	noHost, _ := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID})
	if _, err := noHost.BuildLogoutURL(nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("no AppHost: err = %v, want ErrInvalidArgument", err)
	}
}

func TestOAuthDecoder(t *testing.T) {
	const secretBody = `{"access_token":"eyJ-secret-access-token","refresh_to`
	tests := []struct {
		name    string
		status  int
		body    string
		noOut   bool
		want    *Error // nil: success
		notIn   string // must not appear in the error
		wantSub string // expected result subject on success
	}{
		{name: "OAuth error", status: 400, body: `{"error":"invalid_grant","error_description":"code expired"}`,
			want: &Error{StatusCode: 400, OAuthError: "invalid_grant", Message: "invalid_grant: code expired"}},
		{name: "OAuth error with 200", status: 200, body: `{"error":"invalid_client"}`,
			want: &Error{StatusCode: 200, OAuthError: "invalid_client", Message: "invalid_client"}},
		{name: "Authing error", status: 200, body: `{"code":400,"message":"id_token 不合法"}`,
			want: &Error{StatusCode: 200, Code: 400, Message: "id_token 不合法"}},
		{name: "gateway statusCode", status: 401, body: `{"statusCode":401,"message":"Unauthorized"}`,
			want: &Error{StatusCode: 401, Code: 401, Message: "Unauthorized"}},
		{name: "HTML", status: 502, body: "<html><body>Bad gateway</body></html>",
			want: &Error{StatusCode: 502, Message: "Bad Gateway: <html><body>Bad gateway</body></html>"}},
		{name: "empty failure", status: 503, body: "", want: &Error{StatusCode: 503, Message: "Service Unavailable (empty body)"}},
		{name: "empty success with a result expected", status: 200, body: " ", want: &Error{StatusCode: 200, Message: "OK (empty body)"}},
		{name: "empty success, no result expected", status: 200, body: "", noOut: true},
		{name: "JSON failure without error fields", status: 500, body: `{}`, want: &Error{StatusCode: 500, Message: "Internal Server Error: {}"}},
		{name: "truncated token answer", status: 200, body: secretBody,
			want: &Error{StatusCode: 200, Message: "malformed response: not JSON (text/plain; charset=utf-8)"}, notIn: "secret"},
		{name: "wrong shape", status: 200, body: `[1]`,
			want: &Error{StatusCode: 200, Message: "malformed response: json: cannot unmarshal array into Go value of type client.plain"}}, // the typed half of UnmarshalJSON
		{name: "a claim named code", status: 200, body: `{"sub":"u1","code":5}`, wantSub: "u1"},
		{name: "claims", status: 200, body: `{"sub":"u1","aud":"a"}`, wantSub: "u1"},
	}
	for _, tt := range tests {
		var out *TokenValidation
		var target any = &out
		if tt.noOut {
			target = nil
		}
		err := oauthDecoder("Op", target)(tt.status, http.Header{}, []byte(tt.body))
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			} else if !tt.noOut && (out == nil || out.Subject != tt.wantSub) {
				t.Errorf("%s: result %+v, want subject %q", tt.name, out, tt.wantSub)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: err = %v, want *Error", tt.name, err)
			continue
		}
		tt.want.Operation = "Op"
		got := &Error{Code: e.Code, Message: e.Message, StatusCode: e.StatusCode, Operation: e.Operation, OAuthError: e.OAuthError}
		if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(Error{})); diff != "" {
			t.Errorf("%s: oauthDecoder() error mismatch (-want +got):\n%s", tt.name, diff)
		}
		if tt.notIn != "" && strings.Contains(err.Error(), tt.notIn) {
			t.Errorf("%s: the error quotes the body: %v", tt.name, err)
		}
	}
}

// TestOIDCErrorsAndRetries checks that token-endpoint POSTs are sent once
// even with retries on, GETs are retried, and no secret reaches an error.
func TestOIDCErrorsAndRetries(t *testing.T) {
	newClient := func(r *replay) *AuthenticationClient {
		ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppID: testAppID, AppHost: r.srv.URL,
			Host: r.srv.URL, AppSecret: "app-secret-for-tests", RedirectURI: "https://example.com/callback", MaxRetries: Int(2)})
		if err != nil {
			t.Fatal(err)
		}
		ac.conn.backoff, ac.conn.maxBackoff = time.Millisecond, time.Millisecond
		return ac
	}
	ctx := context.Background()
	secrets := []string{"app-secret-for-tests", "used-code", "refresh-token-1", "verifier"}

	r := newReplay(t, "oidc.error.json")
	r.status = http.StatusBadRequest
	ac := newClient(r)
	_, err := ac.GetAccessTokenByCode(ctx, "used-code", nil)
	var e *Error
	if !errors.As(err, &e) || e.OAuthError != "invalid_grant" || e.StatusCode != 400 || !strings.Contains(e.Message, "授权码无效") {
		t.Fatalf("err = %v, want the OAuth error", err)
	}

	r = newReplay(t, "gateway-502.html")
	r.status = http.StatusServiceUnavailable
	ac = newClient(r)
	errs := map[string]error{}
	_, errs["GetAccessTokenByCode"] = ac.GetAccessTokenByCode(ctx, "used-code", &CodeExchangeOptions{CodeVerifier: strings.Repeat("verifier", 6)})
	_, errs["GetNewAccessTokenByRefreshToken"] = ac.GetNewAccessTokenByRefreshToken(ctx, "refresh-token-1")
	errs["RevokeToken"] = ac.RevokeToken(ctx, "refresh-token-1")
	_, errs["IntrospectToken"] = ac.IntrospectToken(ctx, "refresh-token-1")
	if len(r.requests) != 4 {
		t.Errorf("4 token-endpoint POSTs made %d requests; they must never be retried", len(r.requests))
	}
	_, errs["GetUserInfoByAccessToken"] = ac.GetUserInfoByAccessToken(ctx, "refresh-token-1")
	if len(r.requests) != 4+3 {
		t.Errorf("a failing GET was sent %d times, want 3 (retried twice)", len(r.requests)-4)
	}
	for name, err := range errs {
		if !errors.As(err, &e) || e.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("%s: err = %v, want HTTP 503", name, err)
		}
		for _, s := range secrets {
			if err != nil && strings.Contains(err.Error(), s) {
				t.Errorf("%s: the error %q contains a secret", name, err)
			}
		}
	}
}

// TestOIDCPublicClient checks what a client without an app secret sends:
// only its id, never an empty client_secret.
func TestOIDCPublicClient(t *testing.T) {
	r := newReplay(t, "oidc.token.json")
	r.responses["POST /oidc/token/revocation"] = "oidc.empty.json"
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppID: testAppID, AppHost: r.srv.URL,
		RedirectURI: "https://example.com/callback", MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := ac.GetNewAccessTokenByRefreshToken(ctx, "rt"); err != nil {
		t.Fatal(err)
	}
	if err := ac.RevokeToken(ctx, "rt"); err != nil {
		t.Fatal(err)
	}
	want := []any{"client_id=" + testAppID + "&grant_type=refresh_token&refresh_token=rt", "client_id=" + testAppID + "&token=rt"}
	var got []any
	for _, req := range r.requests {
		got = append(got, req.Body)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("public client bodies mismatch (-want +got):\n%s", diff)
	}
	// A code exchange needs the secret or a verifier.
	for name, opts := range map[string]*CodeExchangeOptions{
		"default":    nil,
		"post":       {AuthMethod: TokenAuthClientSecretPost, CodeVerifier: strings.Repeat("v", 43)},
		"basic":      {AuthMethod: TokenAuthClientSecretBasic},
		"none":       {AuthMethod: TokenAuthNone},
		"bad method": {AuthMethod: "private_key_jwt", CodeVerifier: strings.Repeat("v", 43)},
	} {
		if _, err := ac.GetAccessTokenByCode(ctx, "code", opts); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	if len(r.requests) != 2 {
		t.Errorf("invalid exchanges sent %d requests", len(r.requests)-2)
	}
}

// TestOIDCArgs checks that missing arguments and options fail before any
// request.
func TestOIDCArgs(t *testing.T) {
	r := newReplay(t, "oidc.token.json")
	ctx := context.Background()
	full := r.authClient("")
	noApp, _ := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: r.srv.URL, AppSecret: "s"})
	noID, _ := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: r.srv.URL, AppHost: r.srv.URL, AppSecret: "s"})
	errs := map[string]error{}
	_, errs["code: empty"] = full.GetAccessTokenByCode(ctx, "", nil)
	_, errs["code: no app"] = noApp.GetAccessTokenByCode(ctx, "c", nil)
	_, errs["code: no app id"] = noID.GetAccessTokenByCode(ctx, "c", nil)
	_, errs["refresh: empty"] = full.GetNewAccessTokenByRefreshToken(ctx, "")
	_, errs["refresh: no app id"] = noID.GetNewAccessTokenByRefreshToken(ctx, "rt")
	_, errs["client credentials: no scope"] = full.GetAccessTokenByClientCredentials(ctx, ClientCredentials{AccessKey: "ak", AccessSecret: "sk"}, "")
	_, errs["client credentials: no secret"] = full.GetAccessTokenByClientCredentials(ctx, ClientCredentials{AccessKey: "ak"}, "s")
	_, errs["client credentials: no app host"] = noApp.GetAccessTokenByClientCredentials(ctx, ClientCredentials{AccessKey: "ak", AccessSecret: "sk"}, "s")
	_, errs["userinfo: empty"] = full.GetUserInfoByAccessToken(ctx, "")
	_, errs["userinfo: no app host"] = noApp.GetUserInfoByAccessToken(ctx, "at")
	errs["revoke: empty"] = full.RevokeToken(ctx, "")
	errs["revoke: no app id"] = noID.RevokeToken(ctx, "t")
	_, errs["introspect: empty"] = full.IntrospectToken(ctx, "")
	_, errs["introspect: no app"] = noApp.IntrospectToken(ctx, "t")
	_, errs["validate: neither"] = full.ValidateToken(ctx, ValidateTokenOptions{})
	_, errs["validate: both"] = full.ValidateToken(ctx, ValidateTokenOptions{IDToken: "i", AccessToken: "a"})
	_, errs["validate: no app host"] = noApp.ValidateToken(ctx, ValidateTokenOptions{IDToken: "i"})
	_, errs["ticket v1: no app id"] = noID.ValidateTicketV1(ctx, "ST-1", "https://example.com")
	_, errs["ticket v2: empty"] = full.ValidateTicketV2(ctx, "", "https://example.com")
	for name, err := range errs {
		if !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
		if err != nil && strings.Contains(err.Error(), "app-secret-for-tests") {
			t.Errorf("%s: the error contains the app secret", name)
		}
	}
	if len(r.requests) != 0 {
		t.Errorf("%d requests sent for invalid calls", len(r.requests))
	}
}

// TestOIDCNullAnswers checks that an answer without a result is an error,
// never an empty value.
func TestOIDCNullAnswers(t *testing.T) {
	for _, body := range []string{"null", "{}"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, body) }))
		ac, _ := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppID: testAppID, AppHost: srv.URL,
			AppSecret: "s", MaxRetries: Int(0)})
		ctx := context.Background()
		errs := map[string]error{}
		_, errs["token"] = ac.GetNewAccessTokenByRefreshToken(ctx, "rt")
		_, errs["userinfo"] = ac.GetUserInfoByAccessToken(ctx, "at")
		_, errs["validate"] = ac.ValidateToken(ctx, ValidateTokenOptions{IDToken: "i"})
		if body == "null" {
			_, errs["introspect"] = ac.IntrospectToken(ctx, "t")
		}
		for name, err := range errs {
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("%s answering %s: err = %v, want *Error", name, body, err)
			}
		}
		srv.Close()
	}
}

// TestBasicAuthStaysOnAppHost checks that client_secret_basic credentials
// go to the application's host and that a redirect to another host is not
// followed.
func TestBasicAuthStaysOnAppHost(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{}
	record := func(name string, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		seen[name] = r.Header.Get("Authorization")
	}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record("other", r)
		io.WriteString(w, `{"access_token":"at","token_type":"Bearer","expires_in":60}`)
	}))
	defer other.Close()
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		record("app", r)
		http.Redirect(w, r, other.URL+"/oidc/token", http.StatusTemporaryRedirect)
	}))
	defer app.Close()
	ac, _ := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppID: "app1", AppHost: app.URL,
		AppSecret: "s:1", RedirectURI: "https://example.com/cb", MaxRetries: Int(0)})
	// The redirect leaves the application's host, so it is refused: the
	// code and the credentials reach only the host configured.
	got, err := ac.GetAccessTokenByCode(context.Background(), "code", &CodeExchangeOptions{AuthMethod: TokenAuthClientSecretBasic})
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindHTTP {
		t.Fatalf("GetAccessTokenByCode = %+v, %v; want the refused redirect's KindHTTP *Error", got, err)
	}
	req, _ := http.NewRequest("GET", "/", nil)
	req.SetBasicAuth("app1", "s%3A1") // the secret is form-encoded first (RFC 6749 2.3.1)
	if want := req.Header.Get("Authorization"); seen["app"] != want {
		t.Errorf("app host got Authorization %q, want %q", seen["app"], want)
	}
	if auth, reached := seen["other"]; reached {
		t.Errorf("the redirect target was reached (Authorization %q)", auth)
	}
	// The client's own HTTP client is untouched.
	if _, ok := ac.conn.opts.httpClient.Transport.(basicAuthTransport); ok {
		t.Error("the shared HTTP client now adds Basic authentication")
	}
}

// TestOAuth2ErrorKinds checks the *Error of each way a token call through
// x/oauth2 can fail, and that no secret reaches its message.
func TestOAuth2ErrorKinds(t *testing.T) {
	answer := func(status int, body string) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			io.WriteString(w, body)
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name  string
		host  string
		ctx   context.Context
		kind  ErrorKind
		oauth string
	}{
		{"OAuth error echoing the secret", answer(400, `{"error":"invalid_client","error_description":"bad app-secret-for-tests"}`),
			context.Background(), KindServer, "invalid_client"},
		{"gateway page", answer(502, "<html>Bad gateway</html>"), context.Background(), KindHTTP, ""},
		{"no access token", answer(200, `{"token_type":"Bearer"}`), context.Background(), KindMalformed, ""},
		{"Authing's envelope on failure", answer(400, `{"code":2004,"message":"user not found"}`), context.Background(), KindServer, ""},
		{"connection refused", closed.URL, context.Background(), KindNetwork, ""},
		{"cancelled", closed.URL, cancelled, KindContext, ""},
	}
	for _, tt := range tests {
		ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppID: testAppID, AppHost: tt.host,
			AppSecret: "app-secret-for-tests", RedirectURI: "https://example.com/cb"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = ac.GetNewAccessTokenByRefreshToken(tt.ctx, "refresh-token-secret")
		var e *Error
		if !errors.As(err, &e) || e.Kind != tt.kind || e.OAuthError != tt.oauth || e.Operation != "GetNewAccessTokenByRefreshToken" {
			t.Errorf("%s: err = %#v, want Kind %s, OAuthError %q", tt.name, err, tt.kind, tt.oauth)
			continue
		}
		for _, secret := range []string{"app-secret-for-tests", "refresh-token-secret"} {
			if strings.Contains(err.Error(), secret) {
				t.Errorf("%s: %q contains a secret", tt.name, err)
			}
		}
	}
}

// TestVerifyIDTokenFailures checks VerifyIDToken's refusals without a
// provider: malformed and HS256 tokens locally, and a key fetch that
// cannot connect as KindNetwork.
func TestVerifyIDTokenFailures(t *testing.T) {
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	ac, _ := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppID: testAppID, AppHost: closed.URL,
		AppSecret: "app-secret-for-tests"})
	hs := func(claims jwt.MapClaims, secret string) string {
		s, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
		return s
	}
	valid := jwt.MapClaims{"iss": closed.URL + "/oidc", "aud": testAppID, "sub": "u1", "exp": time.Now().Add(time.Hour).Unix(),
		"iat": time.Now().Unix(), "nonce": "n1"}
	with := func(k string, v any) jwt.MapClaims {
		c := jwt.MapClaims{}
		for kk, vv := range valid {
			c[kk] = vv
		}
		c[k] = v
		return c
	}
	ctx := context.Background()
	if c, err := ac.VerifyIDToken(ctx, hs(valid, "app-secret-for-tests"), &IDTokenOptions{Nonce: "n1"}); err != nil || c.Subject != "u1" {
		t.Fatalf("a valid HS256 token: %+v, %v", c, err)
	}
	for name, token := range map[string]string{
		"not a JWT":        "abc",
		"another secret":   hs(valid, "other"),
		"another issuer":   hs(with("iss", "https://evil.example.com/oidc"), "app-secret-for-tests"),
		"another audience": hs(with("aud", "other-app"), "app-secret-for-tests"),
		"expired":          hs(with("exp", time.Now().Add(-time.Minute).Unix()), "app-secret-for-tests"),
		"another nonce":    hs(with("nonce", "n2"), "app-secret-for-tests"),
	} {
		if _, err := ac.VerifyIDToken(ctx, token, &IDTokenOptions{Nonce: "n1"}); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	rs := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RS256","kid":"k"}`)) + "." +
		base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"u1"}`)) + ".c2ln"
	_, err := ac.VerifyIDToken(ctx, rs, nil)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindNetwork || e.Operation != "VerifyIDToken" {
		t.Errorf("RS256 with no reachable JWKS: err = %#v, want KindNetwork", err)
	}
}

// TestOAuth2CallsAreLogged checks that a token call through x/oauth2 is
// logged like the client's own calls: its operation, and no secret.
func TestOAuth2CallsAreLogged(t *testing.T) {
	r := newReplay(t, "oidc.error.json")
	r.status = http.StatusBadRequest
	var logs bytes.Buffer
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppID: testAppID, AppHost: r.srv.URL,
		AppSecret: "app-secret-for-tests", Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ac.GetNewAccessTokenByRefreshToken(context.Background(), "refresh-token-secret"); err == nil {
		t.Fatal("no error from a 400 answer")
	}
	out := logs.String()
	if !strings.Contains(out, "operation=GetNewAccessTokenByRefreshToken") || !strings.Contains(out, "level=WARN") {
		t.Errorf("log = %q, want a warning naming the operation", out)
	}
	for _, secret := range []string{"app-secret-for-tests", "refresh-token-secret"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log contains %q", secret)
		}
	}
}

// TestTokenSourceRefreshIsBounded checks that a refresh a TokenSource makes
// on its own, outside any call of the client, still ends after Timeout.
func TestTokenSourceRefreshIsBounded(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, AppID: testAppID, AppHost: srv.URL,
		AppSecret: "s", Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := ac.TokenSource(context.Background(), &oauth2.Token{RefreshToken: "rt"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = ts.Token()
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindNetwork || e.Operation != "TokenSource" {
		t.Fatalf("a refresh against a server that never answers: %#v, want a KindNetwork *Error", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the refresh took %v, want about Timeout (100ms)", took)
	}
}
