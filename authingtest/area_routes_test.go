package authingtest

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
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
