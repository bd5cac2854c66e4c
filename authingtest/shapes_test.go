package authingtest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Regression tests of answers whose shape broke the official SDKs; they
// speak raw HTTP, as those SDKs do.

// loginUser registers a user and logs in, returning its id and token.
func loginUser(t *testing.T, srv *Server, username string) (id, token string) {
	t.Helper()
	out := gql(t, srv, "", register, map[string]any{"u": username, "p": encrypt(t, srv, "secret1")})
	if errorCode(out) != 0 {
		t.Fatalf("register %s: %v", username, out)
	}
	out = gql(t, srv, "", `mutation($u: String!, $p: String!) { loginByUsername(input: {username: $u, password: $p}) { id token } }`,
		map[string]any{"u": username, "p": encrypt(t, srv, "secret1")})
	id, _ = dig(out, "data", "loginByUsername", "id").(string)
	token, _ = dig(out, "data", "loginByUsername", "token").(string)
	if id == "" || token == "" {
		t.Fatalf("login %s: %v", username, out)
	}
	return id, token
}

// TestOwnUserAnswersCarryTheCallersToken checks that reading or changing
// one's own user answers the caller's token: the JS SDK stores the answer
// as its session, and a null token logs it out.
func TestOwnUserAnswersCarryTheCallersToken(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	id, token := loginUser(t, srv, "alice")
	tests := []struct {
		name string
		call func() (any, any)
	}{
		{"query user", func() (any, any) {
			out := gql(t, srv, token, `{ user { id token } }`, nil)
			return dig(out, "data", "user", "id"), dig(out, "data", "user", "token")
		}},
		{"mutation updateUser", func() (any, any) {
			out := gql(t, srv, token, `mutation { updateUser(input: {nickname: "al"}) { id token } }`, nil)
			return dig(out, "data", "updateUser", "id"), dig(out, "data", "updateUser", "token")
		}},
		{"GET /api/v2/users/me", func() (any, any) {
			_, env := send(t, srv, "GET", "/api/v2/users/me", token, "", nil)
			return dig(env, "data", "id"), dig(env, "data", "token")
		}},
	}
	for _, tt := range tests {
		gotID, gotToken := tt.call()
		if diff := cmp.Diff([]any{id, token}, []any{gotID, gotToken}); diff != "" {
			t.Errorf("%s: (-want +got) [id, token]:\n%s", tt.name, diff)
		}
	}
}

// TestSetUdvDecodesJSONValues checks that setUdv stores what the official
// SDKs send JSON-encoded as the value itself, as setUdvBatch does.
func TestSetUdvDecodesJSONValues(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	id, token := loginUser(t, srv, "bob")
	for _, key := range []string{"school", "age", "plain"} {
		out := gql(t, srv, admin, `mutation($k: String!) { setUdf(targetType: USER, key: $k, dataType: STRING, label: $k) { key } }`,
			map[string]any{"k": key})
		if errorCode(out) != 0 {
			t.Fatalf("setUdf %s: %v", key, out)
		}
	}
	set := `mutation($id: String!, $k: String!, $v: String!) { setUdv(targetType: USER, targetId: $id, key: $k, value: $v) { key } }`
	for key, sent := range map[string]string{"school": `"av"`, "age": `18`, "plain": `as is`} {
		if out := gql(t, srv, token, set, map[string]any{"id": id, "k": key, "v": sent}); errorCode(out) != 0 {
			t.Fatalf("setUdv %s: %v", key, out)
		}
	}
	out := gql(t, srv, token, `query($id: String!) { udv(targetType: USER, targetId: $id) { key value } }`, map[string]any{"id": id})
	got := map[string]any{}
	list, _ := dig(out, "data", "udv").([]any)
	for _, item := range list {
		got[str(dig(item, "key"))] = dig(item, "value")
	}
	want := map[string]any{"school": "av", "age": "18", "plain": "as is"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("values read back (-want +got):\n%s", diff)
	}
}

// TestOrgImportTakesTheOfficialBody checks POST /api/v2/orgs/import with
// the body both official SDKs send, {filetype: "json", file}, the file
// being the tree's JSON text (Python) or the tree (JS), and the old
// {data: tree}.
func TestOrgImportTakesTheOfficialBody(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	tree := map[string]any{"name": "Acme", "code": "acme", "children": []any{map[string]any{"name": "R&D", "code": "rd"}}}
	text, _ := json.Marshal(tree)
	bodies := map[string]any{
		"file as JSON text": map[string]any{"filetype": "json", "file": string(text)},
		"file as object":    map[string]any{"filetype": "json", "file": tree},
		"data":              map[string]any{"data": tree},
	}
	for name, body := range bodies {
		_, env := send(t, srv, "POST", "/api/v2/orgs/import", admin, "", body)
		orgID, _ := dig(env, "data", "id").(string)
		if env["code"] != float64(200) || orgID == "" {
			t.Errorf("%s: %v", name, env)
			continue
		}
		_, exp := send(t, srv, "GET", "/api/v2/orgs/export?org_id="+orgID, admin, "", nil)
		got := []any{dig(exp, "data", "0", "code"), dig(exp, "data", "0", "children", "0", "code")}
		if diff := cmp.Diff([]any{"acme", "rd"}, got); diff != "" {
			t.Errorf("%s: exported tree (-want +got):\n%s", name, diff)
		}
	}
	_, env := send(t, srv, "POST", "/api/v2/orgs/import", admin, "", map[string]any{"filetype": "json", "file": "not json"})
	if env["code"] != float64(2231) {
		t.Errorf("malformed file: %v", env)
	}
}

// TestConcreteRoutesAreNotShadowed checks that routes with a literal
// segment where another route has a wildcard reach their own handler.
func TestConcreteRoutesAreNotShadowed(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	bulk := map[string]any{"bulk": []any{
		map[string]any{"code": "books", "type": "DATA", "namespace": "default", "actions": []any{map[string]any{"name": "books:read"}}},
		map[string]any{"code": "pens", "type": "API", "namespace": "default", "actions": []any{}},
	}}
	if _, env := send(t, srv, "POST", "/api/v2/resources/bulk", admin, "", bulk); env["code"] != float64(200) {
		t.Fatalf("resources/bulk: %v", env)
	}
	_, env := send(t, srv, "GET", "/api/v2/resources?namespace=default", admin, "", nil)
	if got := []any{dig(env, "data", "totalCount"), dig(env, "data", "list", "0", "code"), dig(env, "data", "list", "1", "type")}; !cmp.Equal(got, []any{float64(2), "books", "API"}) {
		t.Errorf("resources after bulk: %v", got)
	}
	if _, env := send(t, srv, "POST", "/api/v2/resources/bulk", admin, "", bulk); env["code"] != float64(2026) {
		t.Errorf("bulk of existing resources: %v", env)
	}
}

// TestUserPrincipalRouteIsNotShadowed checks that the user's own
// principal authentication is not read as the user whose id is
// "principal_authentication".
func TestUserPrincipalRouteIsNotShadowed(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	id, token := loginUser(t, srv, "carol")
	body := map[string]any{"type": "P", "name": "Carol", "idCard": "110101199001011234"}
	if _, env := send(t, srv, "POST", "/api/v2/users/principal_authentication", token, "", body); env["code"] != float64(200) {
		t.Fatalf("POST users/principal_authentication: %v", env)
	}
	_, env := send(t, srv, "GET", "/api/v2/users/principal_authentication", token, "", nil)
	got := []any{env["code"], dig(env, "data", "userId"), dig(env, "data", "principalName"), dig(env, "data", "principalType")}
	if diff := cmp.Diff([]any{float64(200), id, "Carol", "P"}, got); diff != "" {
		t.Errorf("GET users/principal_authentication (-want +got):\n%s", diff)
	}
}

// TestUserDetailCustomDataFlag checks GET /api/v2/users/{id} with the
// with_custom_data values of both SDKs: true (JS) and 1 (Python) add
// customData, 0 and false do not.
func TestUserDetailCustomDataFlag(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	id, _ := loginUser(t, srv, "gina")
	if out := gql(t, srv, admin, `mutation { setUdf(targetType: USER, key: "school", dataType: STRING, label: "s") { key } }`, nil); errorCode(out) != 0 {
		t.Fatal(out)
	}
	for flag, want := range map[string]bool{"true": true, "1": true, "0": false, "false": false} {
		_, env := send(t, srv, "GET", "/api/v2/users/"+id+"?with_custom_data="+flag, admin, "", nil)
		data, _ := env["data"].(map[string]any)
		if _, got := data["customData"]; got != want || dig(env, "data", "id") != id {
			t.Errorf("with_custom_data=%s: customData present %v, want %v (%v)", flag, got, want, env)
		}
	}
}

// TestLoginStatusNamesUserAndApplications checks the shape the JS SDK's
// spec reads from GET /api/v2/users/login-status: isLogin, the user, and
// the applications the user logged in to.
func TestLoginStatusNamesUserAndApplications(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	_, app := send(t, srv, "POST", "/api/v2/applications", admin, "", map[string]any{"name": "Shop", "identifier": "shop", "redirectUris": []any{"http://x"}})
	appID, _ := dig(app, "data", "id").(string)
	if appID == "" {
		t.Fatalf("create application: %v", app)
	}
	id, _ := loginUser(t, srv, "hank")
	body := mustJSON(map[string]any{"query": `mutation($p: String!) { loginByUsername(input: {username: "hank", password: $p}) { id } }`,
		"variables": map[string]any{"p": encrypt(t, srv, "secret1")}})
	req, _ := http.NewRequest("POST", srv.URL+"/graphql/v2", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-authing-app-id", appID)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	_, env := send(t, srv, "GET", "/api/v2/users/login-status?userId="+id, admin, "", nil)
	got := []any{dig(env, "data", "isLogin"), dig(env, "data", "user", "id"), dig(env, "data", "application", "0", "id")}
	if diff := cmp.Diff([]any{true, id, appID}, got); diff != "" {
		t.Errorf("login-status (-want +got):\n%s", diff)
	}
}

// TestPrincipalDetailIsTheCloudsOrNull checks the administrator's view of
// a verification: null before any (the JS SDK declares PrincipalDetail |
// null), then the cloud's PrincipalDetail keys.
func TestPrincipalDetailIsTheCloudsOrNull(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	id, _ := loginUser(t, srv, "dora")
	admin := adminToken(t, srv)
	path := "/api/v2/users/" + id + "/management/principal_authentication"
	if _, env := send(t, srv, "GET", path, admin, "", nil); env["code"] != float64(200) || env["data"] != nil {
		t.Errorf("before any verification: %v, want code 200 and null data", env)
	}
	body := map[string]any{"type": "P", "name": "Dora", "idCard": "110101199001011234", "ext": ""}
	send(t, srv, "POST", path, admin, "", body)
	_, env := send(t, srv, "GET", path, admin, "", nil)
	data, _ := env["data"].(map[string]any)
	for _, k := range []string{"id", "userId", "userPoolId", "principalType", "principalName", "principalCode", "authenticationTime", "createdAt", "updatedAt"} {
		if _, ok := data[k]; !ok {
			t.Errorf("PrincipalDetail lacks %q: %v", k, data)
		}
	}
	for _, k := range []string{"type", "name", "idCard", "authenticated"} {
		if _, ok := data[k]; ok {
			t.Errorf("PrincipalDetail carries %q, which the cloud does not send: %v", k, data)
		}
	}
}
