package authingtest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Regression tests, in GraphQL and REST as the official SDKs send them, of
// cloud behaviours the local server once lacked: org
// nodes in access control, custom data, allowed applications, the password
// verdict, log and access-policy records, agreement ids and success
// messages.

// codesOf lists the code of each object of a list at path in out.
func codesOf(out map[string]any, path ...string) []string {
	list, _ := dig(out, path...).([]any)
	var codes []string
	for _, o := range list {
		if m, ok := o.(map[string]any); ok {
			codes = append(codes, str(m["code"]))
		}
	}
	slices.Sort(codes)
	return codes
}

func TestCloudOrgNodesInAccessControl(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	id, _ := loginUser(t, srv, "alice")
	org := gql(t, srv, admin, `mutation { createOrg(name: "Acme", code: "acme") { id rootNode { id } } }`, nil)
	orgID, root := str(dig(org, "data", "createOrg", "id")), str(dig(org, "data", "createOrg", "rootNode", "id"))
	child := gql(t, srv, admin, `mutation($o: String!, $p: String!) { addNodeV2(orgId: $o, parentNodeId: $p, name: "Sales", code: "sales") { id } }`,
		map[string]any{"o": orgID, "p": root})
	childID := str(dig(child, "data", "addNodeV2", "id"))
	gql(t, srv, admin, `mutation($n: String!, $u: String!) { addMember(nodeId: $n, userIds: [$u]) { id } }`, map[string]any{"n": childID, "u": id})
	gql(t, srv, admin, `mutation { createRole(code: "staff") { code } }`, nil)
	gql(t, srv, admin, `mutation { assignRole(roleCode: "staff", nodeCodes: ["acme"]) { code } }`, nil)
	gql(t, srv, admin, `mutation($n: String!) { authorizeResource(namespace: "default", resource: "reports:q1", resourceType: DATA,
		opts: [{targetType: ORG, targetIdentifier: $n, actions: ["read"]}]) { code } }`, map[string]any{"n": childID})
	gql(t, srv, admin, `mutation { createRole(namespace: "shop", code: "clerk") { code } }`, nil)
	gql(t, srv, admin, `mutation($u: String!) { authorizeResource(namespace: "shop", resource: "orders:1", resourceType: DATA,
		opts: [{targetType: USER, targetIdentifier: $u, actions: ["read"]}]) { code } }`, map[string]any{"u": id})

	// A role given to the root node is listed for it and for its child.
	for name, node := range map[string]string{"root": root, "child": childID} {
		out := gql(t, srv, admin, `query($id: String!) { nodeById(id: $id) { roles { list { code } } } }`, map[string]any{"id": node})
		if got := codesOf(out, "data", "nodeById", "roles", "list"); !slices.Equal(got, []string{"staff"}) {
			t.Errorf("roles of the %s node = %v, want [staff]", name, got)
		}
	}
	// The user's resources include the node's grant; without a namespace,
	// every namespace's.
	q := `query($id: String!, $ns: String) { user(id: $id) { authorizedResources(namespace: $ns) { list { code } } } }`
	for ns, want := range map[string][]string{"": {"orders:1", "reports:q1"}, "default": {"reports:q1"}} {
		vars := map[string]any{"id": id}
		if ns != "" {
			vars["ns"] = ns
		}
		if got := codesOf(gql(t, srv, admin, q, vars), "data", "user", "authorizedResources", "list"); !slices.Equal(got, want) {
			t.Errorf("authorizedResources(namespace %q) = %v, want %v", ns, got, want)
		}
	}
}

func TestCloudCustomData(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	for _, f := range [][2]string{{"school", "STRING"}, {"age", "NUMBER"}, {"born", "DATETIME"}} {
		key, typ := f[0], f[1]
		gql(t, srv, admin, `mutation($k: String!, $t: UDFDataType!) { setUdf(targetType: USER, key: $k, dataType: $t, label: $k) { key } }`,
			map[string]any{"k": key, "t": typ})
	}
	// createUser's params (values as the official SDKs send them: raw JSON).
	out := gql(t, srv, admin, `mutation($p: String!) { createUser(userInfo: {username: "carol"}, params: $p) { id customData { key value } } }`,
		map[string]any{"p": `[{"key":"school","value":"MIT"},{"key":"age","value":18}]`})
	id := str(dig(out, "data", "createUser", "id"))
	want := []any{map[string]any{"key": "school", "value": "MIT"}, map[string]any{"key": "age", "value": "18"}}
	if diff := cmp.Diff(want, dig(out, "data", "createUser", "customData")); diff != "" {
		t.Errorf("customData after createUser (only set fields; -want +got):\n%s", diff)
	}
	// A registration's params.
	reg := gql(t, srv, "", `mutation($u: String!, $p: String!, $params: String) { registerByUsername(input: {username: $u, password: $p, params: $params}) { id } }`,
		map[string]any{"u": "dave", "p": encrypt(t, srv, "secret1"), "params": `[{"key":"school","value":"PKU"}]`})
	udv := gql(t, srv, admin, `query($id: String!) { udv(targetType: USER, targetId: $id) { key value } }`,
		map[string]any{"id": str(dig(reg, "data", "registerByUsername", "id"))})
	if diff := cmp.Diff([]any{map[string]any{"key": "school", "value": "PKU"}}, dig(udv, "data", "udv")); diff != "" {
		t.Errorf("custom data after registration (-want +got):\n%s", diff)
	}
	// setUdv as the SDKs send it (JSON-encoded): a DATETIME reads back as set.
	set := gql(t, srv, admin, `mutation($id: String!) { setUdv(targetType: USER, targetId: $id, key: "born", value: "\"2021-03-04T05:06:07.000Z\"") { key value } }`,
		map[string]any{"id": id})
	if got := dig(set, "data", "setUdv", "2", "value"); got != "2021-03-04T05:06:07.000Z" {
		t.Errorf("DATETIME reads back %v: %v", got, set)
	}
	// A value of the wrong type is refused, and nothing is stored.
	bad := gql(t, srv, admin, `mutation($id: String!) { setUdv(targetType: USER, targetId: $id, key: "age", value: "\"old\"") { key } }`,
		map[string]any{"id": id})
	if errorCode(bad) != 2231 {
		t.Errorf("a string for a NUMBER field: %v, want code 2231", bad)
	}
	// REST detail with the Python SDK's with_custom_data=1 carries it.
	_, env := send(t, srv, "GET", "/api/v2/users/"+id+"?with_custom_data=1", admin, "", nil)
	if got := dig(env, "data", "customData", "0", "key"); got != "school" {
		t.Errorf("GET users/{id}?with_custom_data=1: customData %v", dig(env, "data", "customData"))
	}
}

func TestCloudRESTAnswers(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	id, token := loginUser(t, srv, "alice")
	call := func(method, path, tok string, body any) map[string]any {
		t.Helper()
		_, env := send(t, srv, method, path, tok, "", body)
		return env
	}
	// The password verdict is in data; a weak password is no error.
	weak := call("POST", "/api/v2/password/check", admin, map[string]any{"password": "abc"})
	if weak["code"] != float64(200) || dig(weak, "data", "0", "valid") != false {
		t.Errorf("password check of abc: %v, want code 200 and valid false", weak)
	}
	// Applications a user may use: all, less one that denies the user.
	var apps []string
	for _, name := range []string{"open", "closed"} {
		env := call("POST", "/api/v2/applications", admin, map[string]any{"name": name, "identifier": name, "redirectUris": []string{"https://example.com"}})
		apps = append(apps, str(dig(env, "data", "id")))
	}
	call("POST", "/api/v2/applications/"+apps[1]+"/authorization/deny", admin, map[string]any{"targetType": "USER", "targetIdentifiers": []string{id}})
	allowed := call("GET", "/api/v2/users/me/applications/allowed", token, nil)
	if got := dig(allowed, "data", "list", "0", "id"); got != apps[0] || dig(allowed, "data", "totalCount") != float64(1) {
		t.Errorf("allowed applications: %v, want only %s", allowed, apps[0])
	}
	// An access record carries the effect in its policy's statements.
	rec := call("GET", "/api/v2/applications/"+apps[1]+"/authorization/records", admin, nil)
	if dig(rec, "data", "list", "0", "effect") != nil || dig(rec, "data", "list", "0", "policy", "statements", "0", "effect") != "DENY" {
		t.Errorf("access record: %v", dig(rec, "data", "list", "0"))
	}
	// Agreement ids sorted as strings (Python) or numbers (JS).
	a1 := call("POST", "/api/v2/applications/"+apps[0]+"/agreements", admin, map[string]any{"title": "Terms"})
	a2 := call("POST", "/api/v2/applications/"+apps[0]+"/agreements", admin, map[string]any{"title": "Privacy"})
	idText := func(env map[string]any) string { return fmt.Sprint(dig(env, "data", "id")) }
	// An agreement defaults to required, zh-CN, and an update that omits
	// them keeps them.
	changed := call("PUT", "/api/v2/applications/"+apps[0]+"/agreements/"+idText(a1), admin, map[string]any{"title": "Terms v2"})
	got := []any{dig(a1, "data", "required"), dig(a1, "data", "lang"), dig(a1, "data", "userPoolId"), dig(changed, "data", "required"), dig(changed, "data", "title")}
	if diff := cmp.Diff([]any{true, "zh-CN", srv.UserPoolID, true, "Terms v2"}, got); diff != "" {
		t.Errorf("agreement defaults and update (-want +got):\n%s", diff)
	}
	for _, ids := range []any{[]any{idText(a2), idText(a1)}, []any{dig(a1, "data", "id"), dig(a2, "data", "id")}} {
		if env := call("POST", "/api/v2/applications/"+apps[0]+"/agreements/sort", admin, map[string]any{"ids": ids}); env["code"] != float64(200) {
			t.Errorf("agreements/sort %v: %v", ids, env)
		}
	}
	// Log records: ua and geoip objects, the cloud's keys. An administrator's
	// GraphQL mutation is audited.
	gql(t, srv, admin, `mutation { createRole(code: "audited") { code } }`, nil)
	actions := call("GET", "/api/v2/analysis/user-action", admin, nil)
	if _, ok := dig(actions, "data", "list", "0", "ua").(map[string]any); !ok || dig(actions, "data", "list", "0", "user", "id") != id {
		t.Errorf("user action record: %v", dig(actions, "data", "list", "0"))
	}
	audit := call("GET", "/api/v2/analysis/audit", admin, nil)
	if _, ok := dig(audit, "data", "list", "0", "ua").(map[string]any); !ok || dig(audit, "data", "list", "0", "eventType") == nil {
		t.Errorf("audit record: %v", dig(audit, "data", "list", "0"))
	}
	// Success messages name what succeeded.
	for path, want := range map[string]string{"/api/v2/orgs/export": "导出数据成功", "/api/v2/applications": "获取成功"} {
		if env := call("GET", path, admin, nil); env["message"] != want {
			t.Errorf("GET %s: message %v, want %s", path, env["message"], want)
		}
	}
	if env := call("GET", "/api/v2/users/me", token, nil); env["message"] != "获取用户信息成功" {
		t.Errorf("GET users/me: message %v", env["message"])
	}
}

// TestCloudLoginParamsAndHasRole checks that a login's params set the
// user's custom values, and has-role with the Python SDK's code key.
func TestCloudLoginParamsAndHasRole(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	id, _ := loginUser(t, srv, "erin")
	gql(t, srv, admin, `mutation { setUdf(targetType: USER, key: "team", dataType: STRING, label: "Team") { key } }`, nil)
	gql(t, srv, "", `mutation($p: String!) { loginByUsername(input: {username: "erin", password: $p, params: "[{\"key\":\"team\",\"value\":\"blue\"}]"}) { id } }`,
		map[string]any{"p": encrypt(t, srv, "secret1")})
	udv := gql(t, srv, admin, `query($id: String!) { udv(targetType: USER, targetId: $id) { key value } }`, map[string]any{"id": id})
	if diff := cmp.Diff([]any{map[string]any{"key": "team", "value": "blue"}}, dig(udv, "data", "udv")); diff != "" {
		t.Errorf("custom data after a login with params (-want +got):\n%s", diff)
	}
	gql(t, srv, admin, `mutation($u: String!) { createRole(code: "ops") { code } assignRole(roleCode: "ops", userIds: [$u]) { code } }`, map[string]any{"u": id})
	for _, key := range []string{"code", "roleCode"} {
		if _, env := send(t, srv, "GET", "/api/v2/users/"+id+"/has-role?"+key+"=ops", admin, "", nil); env["data"] != true {
			t.Errorf("has-role?%s=ops: %v", key, env)
		}
	}
}

// TestCloudRESTRegistrationCustomData checks that the JS SDK's REST
// registration by email code stores its customData object.
func TestCloudRESTRegistrationCustomData(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	gql(t, srv, admin, `mutation { setUdf(targetType: USER, key: "age", dataType: NUMBER, label: "Age") { key } }`, nil)
	gql(t, srv, "", `mutation { sendEmail(email: "fay@example.com", scene: VERIFY_CODE) { code } }`, nil)
	code, ok := srv.LastEmailCode("fay@example.com")
	if !ok {
		t.Fatal("no code sent")
	}
	_, env := send(t, srv, "POST", "/api/v2/register/email-code", "", "", map[string]any{"email": "fay@example.com", "code": code,
		"customData": map[string]any{"age": 30}})
	id := str(dig(env, "data", "id"))
	udv := gql(t, srv, admin, `query($id: String!) { udv(targetType: USER, targetId: $id) { key value } }`, map[string]any{"id": id})
	if diff := cmp.Diff([]any{map[string]any{"key": "age", "value": "30"}}, dig(udv, "data", "udv")); diff != "" {
		t.Errorf("custom data after a REST registration (-want +got):\n%s (answer %v)", diff, env)
	}
}
