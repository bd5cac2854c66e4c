package authingtest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
)

// envelope decodes a REST answer in Authing's envelope.
func envelope(t *testing.T, res confResponse) (code float64, data any) {
	t.Helper()
	var env struct {
		Code float64
		Data any
	}
	if err := json.Unmarshal(res.body, &env); err != nil {
		t.Fatalf("not JSON: %s", res.body)
	}
	return env.Code, env.Data
}

// TestOAuthAndOIDCRoutes checks the /oauth twins of the OIDC routes and
// every way userinfo takes its token.
func TestOAuthAndOIDCRoutes(t *testing.T) {
	for _, base := range []string{"/oidc", "/oauth"} {
		c := newConformanceServer(t)
		form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {c.fx["$refreshToken"]},
			"client_id": {c.fx["$appId"]}, "client_secret": {c.fx["$appSecret"]}}
		var set map[string]any
		if err := json.Unmarshal(c.do("POST", base+"/token", nil, "", form).body, &set); err != nil || set["access_token"] == nil {
			t.Fatalf("%s/token: %v %v", base, set, err)
		}
		token := str(set["access_token"])
		for name, res := range map[string]confResponse{
			"GET bearer": c.do("GET", base+"/me", nil, token, nil),
			"GET query":  c.do("GET", base+"/me", url.Values{"access_token": {token}}, "", nil),
			"POST form":  c.do("POST", base+"/me", nil, "", url.Values{"access_token": {token}}),
		} {
			var claims map[string]any
			if err := json.Unmarshal(res.body, &claims); err != nil || claims["sub"] != c.fx["$userId"] {
				t.Errorf("%s/me %s: %d %s", base, name, res.status, res.body)
			}
		}
		revoke := url.Values{"token": {token}, "client_id": {c.fx["$appId"]}, "client_secret": {c.fx["$appSecret"]}}
		c.do("POST", base+"/token/revocation", nil, "", revoke)
		if res := c.do("GET", base+"/me", nil, token, nil); res.status != 401 {
			t.Errorf("%s/me after revocation: %d %s", base, res.status, res.body)
		}
	}
}

// TestCASSession checks GET /cas/session with and without a login.
func TestCASSession(t *testing.T) {
	c := newConformanceServer(t)
	var got struct {
		Session  map[string]any
		UserInfo map[string]any
	}
	if err := json.Unmarshal(c.do("GET", "/cas/session", nil, c.fx["$userToken"], nil).body, &got); err != nil {
		t.Fatal(err)
	}
	if got.UserInfo["id"] != c.fx["$userId"] || got.Session["_id"] == nil {
		t.Errorf("session = %+v", got)
	}
	if res := c.do("GET", "/cas/session", nil, "", nil); string(res.body) != "null" {
		t.Errorf("without a login: %s, want null", res.body)
	}
}

// TestMFAImportAndBound checks TOTP import, the bound status and unbinding.
func TestMFAImportAndBound(t *testing.T) {
	c := newConformanceServer(t)
	m, user := c.fx["$mgmt"], c.fx["$userId"]
	bound := func() any {
		_, d := envelope(t, c.do("GET", "/api/v2/users/"+user+"/mfa-bound", nil, m, nil))
		return d
	}
	if got := bound(); got.(map[string]any)["OTP"] != false {
		t.Errorf("bound before import = %v", got)
	}
	code, data := envelope(t, c.do("POST", "/api/v2/mfa/totp/import", nil, m, map[string]any{"userId": user, "secret": "JBSWY3DPEHPK3PXP"}))
	if code != 200 || data.(map[string]any)["secret"] != "JBSWY3DPEHPK3PXP" {
		t.Fatalf("import: %v %v", code, data)
	}
	if got := bound(); got.(map[string]any)["OTP"] != true {
		t.Errorf("bound after import = %v", got)
	}
	login := `mutation($i:LoginByUsernameInput!){loginByUsername(input:$i){id}}`
	res := c.do("POST", "/graphql/v2", nil, "", map[string]any{"query": login, "variables": map[string]any{
		"i": map[string]any{"username": c.fx["$username"], "password": c.encrypt(c.fx["$password"])}}})
	if !strings.Contains(string(res.body), `"code":1635`) {
		t.Errorf("login after import did not ask for MFA: %s", res.body)
	}
	for _, tc := range []struct {
		query url.Values
		user  string
		want  float64
	}{
		{url.Values{"type": {"SMS"}}, user, 2231},
		{url.Values{"type": {"OTP"}}, "000000000000000000000000", 2004},
		{url.Values{"type": {"OTP"}}, user, 200},
	} {
		if code, _ := envelope(t, c.do("DELETE", "/api/v2/users/"+tc.user+"/mfa-bound", tc.query, m, nil)); code != tc.want {
			t.Errorf("DELETE mfa-bound %v of %s: code %v, want %v", tc.query, tc.user, code, tc.want)
		}
	}
	if got := bound(); got.(map[string]any)["OTP"] != false {
		t.Errorf("bound after unbinding = %v", got)
	}
}

// sendEmailCode sends a code by sendEmail and reads it from the outbox.
func (c *confClient) sendEmailCode(email string) string {
	c.gql("", `mutation($e:String!){sendEmail(email:$e,scene:VERIFY_CODE){code}}`, map[string]any{"e": email})
	msgs := c.srv.st.outbox.sentTo(email)
	if len(msgs) == 0 {
		c.t.Fatalf("no code sent to %s", email)
	}
	return msgs[len(msgs)-1].Code
}

// TestEmailCodeRoutes registers and logs in with e-mailed codes.
func TestEmailCodeRoutes(t *testing.T) {
	c := newConformanceServer(t)
	const email = "coded@example.com"
	if code, _ := envelope(t, c.do("POST", "/api/v2/register/email-code", nil, "", map[string]any{"email": email, "code": "000000"})); code != 2001 {
		t.Errorf("register with a wrong code: %v, want 2001", code)
	}
	res := c.do("POST", "/api/v2/register/email-code", nil, "",
		map[string]any{"email": email, "code": c.sendEmailCode(email), "generateToken": true, "profile": map[string]any{"nickname": "Cody"}})
	code, data := envelope(t, res)
	user, _ := data.(map[string]any)
	if code != 200 || user["email"] != email || user["nickname"] != "Cody" || str(user["token"]) == "" || user["emailVerified"] != true {
		t.Fatalf("register: %v %v", code, data)
	}
	code, data = envelope(t, c.do("POST", "/api/v2/login/email-code", nil, "", map[string]any{"email": email, "code": c.sendEmailCode(email)}))
	if login, _ := data.(map[string]any); code != 200 || login["id"] != user["id"] || str(login["token"]) == "" {
		t.Errorf("login: %v %v", code, data)
	}
}

// TestSignin checks the v3 sign-in by password: its statusCode envelope
// and a token the v2 API accepts.
func TestSignin(t *testing.T) {
	c := newConformanceServer(t)
	for _, tc := range []struct {
		payload map[string]any
		want    float64
	}{
		{map[string]any{"account": c.fx["$email"], "password": c.fx["$password"]}, 200},
		{map[string]any{"username": c.fx["$username"], "password": "wrong-pass"}, 2006},
		{map[string]any{"phone": "13911111111", "password": c.fx["$password"]}, 2004},
	} {
		var out struct {
			StatusCode float64
			Data       map[string]any
		}
		res := c.do("POST", "/api/v3/signin", nil, "", map[string]any{"connection": "PASSWORD", "passwordPayload": tc.payload})
		if err := json.Unmarshal(res.body, &out); err != nil || out.StatusCode != tc.want {
			t.Errorf("signin %v: %s, want statusCode %v", tc.payload, res.body, tc.want)
			continue
		}
		if tc.want != 200 {
			continue
		}
		if code, me := envelope(t, c.do("GET", "/api/v2/users/me", nil, str(out.Data["access_token"]), nil)); code != 200 || me.(map[string]any)["id"] != c.fx["$userId"] {
			t.Errorf("users/me with the signin token: %v %v", code, me)
		}
	}
}

// TestApplicationPublicConfigAndCounts checks public-config (no token, no
// secret) and the statistics counts.
func TestApplicationPublicConfigAndCounts(t *testing.T) {
	c := newConformanceServer(t)
	code, data := envelope(t, c.do("GET", "/api/v2/applications/"+c.fx["$appId"]+"/public-config", nil, "", nil))
	if cfg, _ := data.(map[string]any); code != 200 || cfg["userPoolId"] != c.srv.UserPoolID || cfg["secret"] != nil {
		t.Errorf("public-config: %v %v", code, data)
	}
	m := c.fx["$mgmt"]
	if code, n := envelope(t, c.do("GET", "/api/v2/analysis/total-login-count", nil, m, nil)); code != 200 || n != float64(2) {
		t.Errorf("total-login-count = %v %v, want the 2 users the fixtures logged in", code, n)
	}
	count := func() any {
		_, n := envelope(t, c.do("GET", "/api/v2/analysis/exist-defined-field-count", url.Values{"definedFieldKey": {c.fx["$udfKey"]}}, m, nil))
		return n
	}
	if n := count(); n != float64(0) {
		t.Errorf("users with the field before any value = %v", n)
	}
	c.gql(m, `mutation($id:String!,$k:String!){setUdv(targetType:USER,targetId:$id,key:$k,value:"\"v\""){key}}`,
		map[string]any{"id": c.fx["$userId"], "k": c.fx["$udfKey"]})
	if n := count(); n != float64(1) {
		t.Errorf("users with the field after setUdv = %v", n)
	}
}

// TestUserpoolTypes checks updateUserpool answers UserPoolType objects for
// the codes it is given.
func TestUserpoolTypes(t *testing.T) {
	c := newConformanceServer(t)
	data := c.gql(c.fx["$mgmt"], `mutation{updateUserpool(input:{userpoolTypes:["EDUCATION"]}){userpoolTypes{code name}}}`, nil)
	types := data["updateUserpool"].(map[string]any)["userpoolTypes"].([]any)
	if len(types) != 1 || types[0].(map[string]any)["code"] != "EDUCATION" {
		t.Errorf("userpoolTypes = %v", types)
	}
}

// TestRouteHeaderNamesThePattern checks a literal route is not shadowed by
// a pattern with a parameter, and that the header names the pattern.
func TestRouteHeaderNamesThePattern(t *testing.T) {
	c := newConformanceServer(t)
	for path, want := range map[string]string{
		"/api/v2/users/principal_authentication": "GET /api/v2/users/principal_authentication",
		"/api/v2/users/" + c.fx["$userId"]:       "GET /api/v2/users/{id}",
	} {
		if got := c.do("GET", path, nil, c.fx["$userToken"], nil).header.Get("X-Authing-Local-Route"); got != want {
			t.Errorf("GET %s answered by %q, want %q", path, got, want)
		}
	}
}

// TestPrincipalAuthenticationShapes checks the user's own verification is
// null before one, and that the Python SDK's query-string body verifies
// with the cloud's PrincipalDetail fields.
func TestPrincipalAuthenticationShapes(t *testing.T) {
	c := newConformanceServer(t)
	mine := "/api/v2/users/principal_authentication"
	if code, data := envelope(t, c.do("GET", mine, nil, c.fx["$userToken"], nil)); code != 200 || data != nil {
		t.Errorf("before verification: %v %v, want 200 and null", code, data)
	}
	q := url.Values{"type": {"P"}, "name": {"Zhang San"}, "idCard": {"110101199003070000"}}
	path := "/api/v2/users/" + c.fx["$userId"] + "/management/principal_authentication"
	if code, _ := envelope(t, c.do("POST", path, q, c.fx["$mgmt"], nil)); code != 200 {
		t.Fatalf("verification by query string: code %v", code)
	}
	code, data := envelope(t, c.do("GET", mine, nil, c.fx["$userToken"], nil))
	p, _ := data.(map[string]any)
	if code != 200 || p["principalName"] != "Zhang San" || p["principalType"] != "P" || p["userPoolId"] != c.srv.UserPoolID {
		t.Errorf("after verification: %v %v", code, data)
	}
}

// TestApplicationShape checks applications answer the cloud's Application
// fields, and that the type and the default strategy change.
func TestApplicationShape(t *testing.T) {
	c := newConformanceServer(t)
	path, m := "/api/v2/applications/"+c.fx["$appId"], c.fx["$mgmt"]
	get := func() map[string]any {
		code, data := envelope(t, c.do("GET", path, nil, m, nil))
		if code != 200 {
			t.Fatalf("GET application: %v %v", code, data)
		}
		return data.(map[string]any)
	}
	a := get()
	if a["protocol"] != "oidc" || a["appType"] != "INDIVIDUAL" || a["permissionStrategy"].(map[string]any)["defaultStrategy"] != "ALLOW_ALL" {
		t.Errorf("application = %v", a)
	}
	for _, body := range []map[string]any{{"appType": "BOTH"}, {"permissionStrategy": map[string]any{"defaultStrategy": "DENY_ALL"}}} {
		if code, data := envelope(t, c.do("POST", path, nil, m, body)); code != 200 {
			t.Errorf("POST %v: %v %v", body, code, data)
		}
	}
	if a := get(); a["appType"] != "BOTH" || a["permissionStrategy"].(map[string]any)["defaultStrategy"] != "DENY_ALL" {
		t.Errorf("after the changes: appType %v, strategy %v", a["appType"], a["permissionStrategy"])
	}
}

// TestAuthingTokenGrant checks the JS SDK's getAccessTokenByIdToken grant:
// a user's token for OIDC tokens of that user, an end user's only.
func TestAuthingTokenGrant(t *testing.T) {
	c := newConformanceServer(t)
	for _, tc := range []struct {
		token string
		want  int
	}{{c.fx["$userToken"], 200}, {c.fx["$mgmt"], 400}, {"not-a-token", 400}} {
		form := url.Values{"grant_type": {authingTokenGrant}, "token": {tc.token}, "scope": {"openid profile"},
			"client_id": {c.fx["$appId"]}, "client_secret": {c.fx["$appSecret"]}}
		res := c.do("POST", "/oauth/token", nil, "", form)
		if res.status != tc.want {
			t.Errorf("token %.10s...: HTTP %d %s, want %d", tc.token, res.status, res.body, tc.want)
			continue
		}
		if tc.want != 200 {
			continue
		}
		var set map[string]any
		if err := json.Unmarshal(res.body, &set); err != nil {
			t.Fatal(err)
		}
		var claims map[string]any
		if err := json.Unmarshal(c.do("GET", "/oidc/me", nil, str(set["access_token"]), nil).body, &claims); err != nil || claims["sub"] != c.fx["$userId"] {
			t.Errorf("userinfo of the exchanged token: %v %v", claims, err)
		}
	}
}

// TestLogFilters checks the JS SDK's filters of the user-action log:
// userId, eventType, and start and end in epoch milliseconds.
func TestLogFilters(t *testing.T) {
	c := newConformanceServer(t)
	total := func(q url.Values) any {
		code, data := envelope(t, c.do("GET", "/api/v2/analysis/user-action", q, c.fx["$mgmt"], nil))
		if code != 200 {
			t.Fatalf("user-action %v: code %v", q, code)
		}
		return data.(map[string]any)["totalCount"]
	}
	now := c.srv.now()
	for _, tc := range []struct {
		q    url.Values
		want float64
	}{
		{url.Values{}, 2}, // the fixtures' two logins
		{url.Values{"userId": {c.fx["$userId"]}}, 1},
		{url.Values{"eventType": {"loginByUsername"}}, 2},
		{url.Values{"eventType": {"registerByEmail"}}, 0},
		{url.Values{"start": {fmt.Sprint(now.Add(time.Hour).UnixMilli())}}, 0},
		{url.Values{"end": {fmt.Sprint(now.Add(time.Hour).UnixMilli())}}, 2},
	} {
		if got := total(tc.q); got != tc.want {
			t.Errorf("user-action %v: totalCount %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestValidateToken checks validate_token takes an OIDC ID token and a
// login's token as id_token, an OIDC access token as access_token, and
// answers code 400 for anything else.
func TestValidateToken(t *testing.T) {
	c := newConformanceServer(t)
	for _, tc := range []struct {
		param, token string
		valid        bool
	}{
		{"id_token", c.fx["$idToken"], true},
		{"id_token", c.fx["$userToken"], true},
		{"access_token", c.fx["$accessToken"], true},
		{"access_token", c.fx["$userToken"], false},
		{"id_token", "not-a-token", false},
	} {
		var got map[string]any
		res := c.do("GET", "/api/v2/oidc/validate_token", url.Values{tc.param: {tc.token}}, "", nil)
		if err := json.Unmarshal(res.body, &got); err != nil {
			t.Fatal(err)
		}
		if valid := got["sub"] == c.fx["$userId"]; valid != tc.valid || (!valid && got["code"] != float64(400)) {
			t.Errorf("%s %.12s...: %s, want valid %v", tc.param, tc.token, res.body, tc.valid)
		}
	}
}
