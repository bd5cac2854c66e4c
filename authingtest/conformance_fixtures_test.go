package authingtest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// conformanceKey is one RSA key for every server of the conformance
// test: generating a key per server would dominate its run time.
var conformanceKey = sync.OnceValues(func() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, 1024) })

// confClient sends requests to one server's handler in process.
type confClient struct {
	t   *testing.T
	srv *Server
	fx  map[string]string // fixture values by placeholder name, "$userId"
	// authingErr is the Authing error the last request was answered with,
	// "" when it was answered with data.
	authingErr string
}

// confResponse is one answer: status, headers and body.
type confResponse struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request; body is JSON unless it is url.Values (a form).
func (c *confClient) do(method, path string, query url.Values, token string, body any) confResponse {
	var rd io.Reader
	contentType := ""
	switch b := body.(type) {
	case nil:
	case url.Values:
		rd, contentType = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			c.t.Fatalf("%s %s: encoding the body: %v", method, path, err)
		}
		rd, contentType = bytes.NewReader(raw), "application/json"
	}
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	r := httptest.NewRequest(method, path, rd)
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	r.Header.Set("x-authing-userpool-id", c.srv.UserPoolID)
	if app := c.fx["$appId"]; app != "" {
		r.Header.Set("x-authing-app-id", app)
	}
	if token != "" {
		r.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	c.srv.Handler().ServeHTTP(w, r)
	return confResponse{status: w.Code, header: w.Header(), body: w.Body.Bytes()}
}

// gql runs one GraphQL operation and returns its data, failing the test
// on any error: fixtures must be created.
func (c *confClient) gql(token, query string, vars map[string]any) map[string]any {
	c.t.Helper()
	res := c.do("POST", "/graphql/v2", nil, token, map[string]any{"query": query, "variables": vars})
	var out struct {
		Data   map[string]any
		Errors []any
	}
	if err := json.Unmarshal(res.body, &out); err != nil || len(out.Errors) > 0 || out.Data == nil {
		c.t.Fatalf("fixture %q: %s", query, res.body)
	}
	return out.Data
}

// rest sends one REST request and returns the envelope's data, failing
// the test unless the envelope's code is 200.
func (c *confClient) rest(method, path, token string, body any) any {
	c.t.Helper()
	res := c.do(method, path, nil, token, body)
	var env struct {
		Code int
		Data any
	}
	if err := json.Unmarshal(res.body, &env); err != nil || env.Code != 200 {
		c.t.Fatalf("fixture %s %s: %d %s", method, path, res.status, res.body)
	}
	return env.Data
}

// encrypt encrypts a password as Authing's SDKs do.
func (c *confClient) encrypt(password string) string {
	key, err := conformanceKey()
	if err != nil {
		c.t.Fatal(err)
	}
	enc, err := rsa.EncryptPKCS1v15(rand.Reader, &key.PublicKey, []byte(password)) //lint:ignore SA1019 required by the Authing protocol
	if err != nil {
		c.t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(enc)
}

// newConformanceServer starts a fresh server with the objects requests
// name: a logged-in user, a second user, a role, a group, a policy, an org
// with a node, custom fields, a namespace with a resource, an application
// with an agreement and a programmatic access account, OIDC tokens and a
// CAS ticket. Their ids are in c.fx.
func newConformanceServer(t *testing.T) *confClient {
	t.Helper()
	key, err := conformanceKey()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := NewUnstartedServer(WithRSAKey(key))
	if err != nil {
		t.Fatal(err)
	}
	srv.URL = "http://authing-local.test"
	c := &confClient{t: t, srv: srv, fx: map[string]string{
		"$pool": srv.UserPoolID, "$secret": srv.Secret, "$username": "conf-user", "$email": "conf-user@example.com",
		"$phone": "13800000000", "$password": "conf-pass-1", "$roleCode": "conf-role", "$groupCode": "conf-group",
		"$policyCode": "conf-policy", "$nodeCode": "conf-node", "$namespace": "conf-ns", "$resourceCode": "conf-res",
		"$udfKey": "conf_key", "$envKey": "conf-env", "$redirect": "http://127.0.0.1:9/callback",
	}}
	tok := c.gql("", `query($p:String!,$s:String!){accessToken(userPoolId:$p,secret:$s){accessToken}}`,
		map[string]any{"p": srv.UserPoolID, "s": srv.Secret})
	c.fx["$mgmt"] = str(tok["accessToken"].(map[string]any)["accessToken"])
	c.users()
	c.rbac()
	c.org()
	c.acl()
	c.apps()
	c.protocols()
	c.codes()
	c.mfa()
	return c
}

// codes sends a code to each address the requests use and keeps it as
// $code_<name>.
func (c *confClient) codes() {
	for name, addr := range map[string]string{"phone": "phone:" + c.fx["$phone"], "newPhone": "phone:13900000001",
		"email": "email:" + c.fx["$email"], "newEmail": "email:conf-new@example.com"} {
		c.fx["$code_"+name] = c.srv.st.sendCode(c.srv, addr)
	}
}

// mfa gives the second user a TOTP authenticator (secret JBSWY3DPEHPK3PXP,
// recovery code conf-recovery) and a face, and starts a login of it that
// waits for its second factor: $mfaToken, with $totp a current code.
func (c *confClient) mfa() {
	const secret = "JBSWY3DPEHPK3PXP"
	c.rest("POST", "/api/v2/mfa/totp/import", c.fx["$mgmt"],
		map[string]any{"userId": c.fx["$userId2"], "secret": secret, "recoveryCode": "conf-recovery"})
	login := `mutation($i:LoginByUsernameInput!){loginByUsername(input:$i){id}}`
	res := c.do("POST", "/graphql/v2", nil, "", map[string]any{"query": login, "variables": map[string]any{
		"i": map[string]any{"username": "conf-user-2", "password": c.encrypt(c.fx["$password"])}}})
	var out struct {
		Errors []struct {
			Message struct{ Data struct{ MfaToken string } }
		}
	}
	if err := json.Unmarshal(res.body, &out); err != nil || len(out.Errors) == 0 || out.Errors[0].Message.Data.MfaToken == "" {
		c.t.Fatalf("fixture MFA login: %s", res.body)
	}
	c.fx["$mfaToken"] = out.Errors[0].Message.Data.MfaToken
	c.rest("POST", "/api/v2/mfa/face/associate", c.fx["$mfaToken"],
		map[string]any{"photoA": "http://127.0.0.1:9/face.png", "photoB": "http://127.0.0.1:9/face.png"})
	code, err := TOTPCode(secret, c.srv.now())
	if err != nil {
		c.t.Fatal(err)
	}
	c.fx["$totp"] = code
}

func (c *confClient) users() {
	create := `mutation($u:CreateUserInput!){createUser(userInfo:$u){id}}`
	u := c.gql(c.fx["$mgmt"], create, map[string]any{"u": map[string]any{"username": c.fx["$username"],
		"email": c.fx["$email"], "phone": c.fx["$phone"], "password": c.encrypt(c.fx["$password"])}})
	c.fx["$userId"] = str(u["createUser"].(map[string]any)["id"])
	u2 := c.gql(c.fx["$mgmt"], create, map[string]any{"u": map[string]any{"username": "conf-user-2",
		"password": c.encrypt(c.fx["$password"])}})
	c.fx["$userId2"] = str(u2["createUser"].(map[string]any)["id"])
	login := `mutation($i:LoginByUsernameInput!){loginByUsername(input:$i){token}}`
	for name, user := range map[string]string{"$userToken": c.fx["$username"], "$userToken2": "conf-user-2"} {
		l := c.gql("", login, map[string]any{"i": map[string]any{"username": user, "password": c.encrypt(c.fx["$password"])}})
		c.fx[name] = str(l["loginByUsername"].(map[string]any)["token"])
	}
}

func (c *confClient) rbac() {
	m := c.fx["$mgmt"]
	r := c.gql(m, `mutation($c:String!){createRole(code:$c){id}}`, map[string]any{"c": c.fx["$roleCode"]})
	c.fx["$roleId"] = str(r["createRole"].(map[string]any)["id"])
	c.gql(m, `mutation($c:String!,$u:[String!]){assignRole(roleCode:$c,userIds:$u){code}}`,
		map[string]any{"c": c.fx["$roleCode"], "u": []string{c.fx["$userId"]}})
	c.gql(m, `mutation($c:String!){createGroup(code:$c,name:"Conf group"){code}}`, map[string]any{"c": c.fx["$groupCode"]})
	c.gql(m, `mutation($c:String,$u:[String!]!){addUserToGroup(code:$c,userIds:$u){code}}`,
		map[string]any{"c": c.fx["$groupCode"], "u": []string{c.fx["$userId"]}})
	c.gql(m, `mutation($c:String!,$s:[PolicyStatementInput!]!){createPolicy(code:$c,statements:$s){code}}`,
		map[string]any{"c": c.fx["$policyCode"], "s": []any{map[string]any{
			"resource": c.fx["$resourceCode"] + ":*", "actions": []string{"read"}, "effect": "ALLOW"}}})
	c.gql(m, `mutation($p:[String!]!,$u:[String!]){addPolicyAssignments(policies:$p,targetType:USER,targetIdentifiers:$u){code}}`,
		map[string]any{"p": []string{c.fx["$policyCode"]}, "u": []string{c.fx["$userId"]}})
	for _, target := range []string{"USER", "ROLE"} {
		c.gql(m, `mutation($k:String!){setUdf(targetType:`+target+`,key:$k,dataType:STRING,label:"Conf"){key}}`,
			map[string]any{"k": c.fx["$udfKey"]})
	}
}

func (c *confClient) org() {
	m := c.fx["$mgmt"]
	o := c.gql(m, `mutation{createOrg(name:"Conf org",code:"conf-org"){id rootNode{id}}}`, nil)["createOrg"].(map[string]any)
	c.fx["$orgId"] = str(o["id"])
	c.fx["$rootNodeId"] = str(o["rootNode"].(map[string]any)["id"])
	n := c.gql(m, `mutation($o:String!,$p:String,$c:String){addNodeV2(orgId:$o,parentNodeId:$p,name:"Conf node",code:$c){id}}`,
		map[string]any{"o": c.fx["$orgId"], "p": c.fx["$rootNodeId"], "c": c.fx["$nodeCode"]})
	c.fx["$nodeId"] = str(n["addNodeV2"].(map[string]any)["id"])
	c.gql(m, `mutation($n:String,$u:[String!]!){addMember(nodeId:$n,userIds:$u){id}}`,
		map[string]any{"n": c.fx["$nodeId"], "u": []string{c.fx["$userId"]}})
}

func (c *confClient) acl() {
	m := c.fx["$mgmt"]
	ns := c.rest("POST", "/api/v2/resource-namespace/"+c.srv.UserPoolID, m,
		map[string]any{"code": c.fx["$namespace"], "name": "Conf namespace"}).(map[string]any)
	c.fx["$namespaceId"] = fmt.Sprint(ns["id"])
	res := c.rest("POST", "/api/v2/resources", m, map[string]any{"namespace": c.fx["$namespace"],
		"code": c.fx["$resourceCode"], "type": "DATA", "actions": []any{map[string]any{"name": "read", "description": "read"}}})
	c.fx["$resourceId"] = fmt.Sprint(res.(map[string]any)["id"])
	c.rest("POST", "/api/v2/env", m, map[string]any{"key": c.fx["$envKey"], "value": "v"})
}

func (c *confClient) apps() {
	m := c.fx["$mgmt"]
	app := c.rest("POST", "/api/v2/applications", m, map[string]any{"name": "Conf app", "identifier": "conf-app",
		"redirectUris": []string{c.fx["$redirect"]}}).(map[string]any)
	c.fx["$appId"], c.fx["$appSecret"] = str(app["id"]), str(app["secret"])
	ag := c.rest("POST", "/api/v2/applications/"+c.fx["$appId"]+"/agreements", m,
		map[string]any{"title": "Terms", "required": true, "lang": "zh-CN"}).(map[string]any)
	c.fx["$agreementId"] = fmt.Sprint(ag["id"])
	paa := c.rest("POST", "/api/v2/applications/"+c.fx["$appId"]+"/programmatic-access-accounts", m,
		map[string]any{"tokenLifetime": 600, "remarks": "conf"}).(map[string]any)
	c.fx["$paaId"] = str(paa["id"])
}

// protocols logs the user in to the application over OIDC (tokens) and
// CAS (a ticket).
func (c *confClient) protocols() {
	q := url.Values{"client_id": {c.fx["$appId"]}, "redirect_uri": {c.fx["$redirect"]}, "response_type": {"code"},
		"scope": {"openid profile email phone offline_access"}}
	res := c.do("GET", "/oidc/auth", q, c.fx["$userToken"], nil)
	loc, err := url.Parse(res.header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		c.t.Fatalf("fixture /oidc/auth: %d %s", res.status, res.body)
	}
	form := url.Values{"grant_type": {"authorization_code"}, "code": {loc.Query().Get("code")},
		"redirect_uri": {c.fx["$redirect"]}, "client_id": {c.fx["$appId"]}, "client_secret": {c.fx["$appSecret"]}}
	res = c.do("POST", "/oidc/token", nil, "", form)
	var set map[string]any
	if err := json.Unmarshal(res.body, &set); err != nil || set["access_token"] == nil {
		c.t.Fatalf("fixture /oidc/token: %d %s", res.status, res.body)
	}
	c.fx["$accessToken"], c.fx["$idToken"], c.fx["$refreshToken"] = str(set["access_token"]), str(set["id_token"]), str(set["refresh_token"])
	service := "http://127.0.0.1:9/cas"
	res = c.do("GET", "/cas-idp/"+c.fx["$appId"]+"/login", url.Values{"service": {service}}, c.fx["$userToken"], nil)
	loc, err = url.Parse(res.header.Get("Location"))
	if err != nil || loc.Query().Get("ticket") == "" {
		c.t.Fatalf("fixture /cas-idp/login: %d %s", res.status, res.body)
	}
	c.fx["$ticket"], c.fx["$service"] = loc.Query().Get("ticket"), service
}
