package authingtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// restCall sends one REST request and decodes the envelope.
func restCall(t *testing.T, srv *Server, token, method, path, body string) (status int, env map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatalf("%s %s: not JSON (HTTP %d): %s", method, path, resp.StatusCode, raw)
	}
	return resp.StatusCode, env
}

// TestRESTFlow walks the REST endpoints in order, each step on the state
// the steps before it left; "$id" in a path or body is the user's id.
func TestRESTFlow(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	out := gql(t, srv, "", `mutation($p: String!) { loginByUsername(input: {username: "bob", password: $p}) { id } }`,
		map[string]any{"p": encrypt(t, srv, "secret1")})
	if errorCode(out) != 2004 {
		t.Fatalf("login before seeding: %v", out)
	}
	id, err := srv.SeedUser(SeedUser{Username: "bob", Password: "secret1"})
	if err != nil {
		t.Fatal(err)
	}
	out = gql(t, srv, "", `mutation($p: String!) { loginByUsername(input: {username: "bob", password: $p}) { token } }`,
		map[string]any{"p": encrypt(t, srv, "secret1")})
	user, _ := dig(out, "data", "loginByUsername", "token").(string)
	gql(t, srv, admin, `mutation { createRole(code: "editor") { code } }`, nil)
	gql(t, srv, admin, `mutation($id: String!) { assignRole(roleCode: "editor", userIds: [$id]) { code } }`, map[string]any{"id": id})
	gql(t, srv, admin, `mutation($id: String!) { allow(namespace: "books", resource: "book:2", action: "book:write", userId: $id) { code } }`, map[string]any{"id": id})

	pool := srv.UserPoolID
	steps := []struct {
		name, token, method, path, body string
		wantCode                        int
		wantData                        any    // compared when not nil
		wantKey                         string // a key data must hold, when not ""
	}{
		{"well-known", "", "GET", "/api/v2/.well-known", "", 200, map[string]any{"publicKey": srv.PublicKeyPEM}, ""},
		{"me", user, "GET", "/api/v2/users/me", "", 200, nil, "username"},
		{"me without token", "", "GET", "/api/v2/users/me", "", 2020, nil, ""},
		{"user detail", admin, "GET", "/api/v2/users/$id", "", 200, nil, "arn"},
		{"user detail unknown", admin, "GET", "/api/v2/users/nope", "", 2004, nil, ""},
		{"user detail as end user", user, "GET", "/api/v2/users/$id", "", 2020, nil, ""},
		{"has role", admin, "GET", "/api/v2/users/$id/has-role?roleCode=editor", "", 200, true, ""},
		{"has role by code", admin, "GET", "/api/v2/users/$id/has-role?code=editor", "", 200, true, ""},
		{"has no role", admin, "GET", "/api/v2/users/$id/has-role?roleCode=admin", "", 200, false, ""},
		{"login status", admin, "GET", "/api/v2/users/login-status?userId=$id", "", 200, nil, "isLogin"},
		{"send sms", "", "POST", "/api/v2/sms/send", `{"phone":"13800000000"}`, 200, nil, ""},
		{"create namespace", admin, "POST", "/api/v2/resource-namespace/" + pool, `{"code":"books","name":"Books"}`, 200, nil, "id"},
		{"list namespaces", admin, "GET", "/api/v2/resource-namespace/" + pool + "?page=1&limit=10", "", 200, nil, "total"},
		{"create resource", admin, "POST", "/api/v2/resources", `{"namespace":"books","code":"book","type":"DATA","actions":[{"name":"read","description":"r"}]}`, 200, nil, "actions"},
		{"list resources", admin, "GET", "/api/v2/resources?namespace=books", "", 200, nil, "totalCount"},
		{"resource detail", admin, "GET", "/api/v2/resources/detail?namespace=books&code=book", "", 200, nil, "code"},
		{"permission batch", admin, "POST", "/api/v2/acl/check-resource-permission-batch",
			`{"userId":"$id","namespace":"books","resources":["book:2:write","book:1:read"]}`, 200,
			// Only the permitted resources, each {code, actions}.
			[]any{map[string]any{"code": "book:2", "actions": []any{"book:write"}}}, ""},
		{"resources of a kind", admin, "POST", "/api/v2/acl/get-authorized-resources-of-resource-kind",
			`{"userId":"$id","namespace":"books","resource":"book"}`, 200,
			[]any{map[string]any{"code": "book:2", "actions": []any{"book:write"}}}, ""},
		{"revoke", admin, "POST", "/api/v2/acl/revoke-resource",
			`{"namespace":"books","resource":"book:2","opts":[{"targetType":"USER","targetIdentifiers":["$id"]}]}`, 200, nil, ""},
		{"resources of a kind after revoke", admin, "POST", "/api/v2/acl/get-authorized-resources-of-resource-kind",
			`{"userId":"$id","namespace":"books","resource":"book"}`, 200, []any{}, ""},
		{"delete resource", admin, "DELETE", "/api/v2/resources/book?namespace=books", "", 200, nil, ""},
		{"kick", admin, "POST", "/api/v2/users/kick", `{"userIds":["$id"]}`, 200, nil, ""},
		{"me after kick", user, "GET", "/api/v2/users/me", "", 2020, nil, ""},
	}
	for _, st := range steps {
		path := strings.ReplaceAll(st.path, "$id", id)
		body := strings.ReplaceAll(st.body, "$id", id)
		status, env := restCall(t, srv, st.token, st.method, path, body)
		code, _ := env["code"].(float64)
		if status != http.StatusOK || int(code) != st.wantCode {
			t.Errorf("%s: HTTP %d, code %v, want 200 and %d: %v", st.name, status, env["code"], st.wantCode, trim(env))
			continue
		}
		if st.wantData != nil {
			if diff := cmp.Diff(st.wantData, env["data"]); diff != "" {
				t.Errorf("%s: data mismatch (-want +got):\n%s", st.name, diff)
			}
		}
		if st.wantKey != "" {
			if m, _ := env["data"].(map[string]any); m == nil || m[st.wantKey] == nil {
				t.Errorf("%s: data has no %q: %v", st.name, st.wantKey, trim(env))
			}
		}
	}
}

func TestUnknownRESTPath(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	status, env := restCall(t, srv, "", "PATCH", "/api/v2/nothing/here", "")
	want := map[string]any{"code": float64(404), "message": "authingtest: PATCH /api/v2/nothing/here is not implemented", "data": nil}
	if diff := cmp.Diff(want, env); status != http.StatusNotFound || diff != "" {
		t.Errorf("HTTP %d; envelope mismatch (-want +got):\n%s", status, diff)
	}
}

func TestUnknownUserIDIs2004WithPath(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	out := gql(t, srv, adminToken(t, srv), "query {\n  u: user(id: \"nope\") { id }\n}", nil)
	want := []any{map[string]any{
		"message":    map[string]any{"code": float64(2004), "message": "用户不存在", "data": nil},
		"locations":  []any{map[string]any{"line": float64(2), "column": float64(3)}},
		"path":       []any{"u"},
		"extensions": map[string]any{"code": "INTERNAL_SERVER_ERROR"},
	}}
	if diff := cmp.Diff(want, out["errors"]); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"u": nil}, out["data"]); diff != "" {
		t.Errorf("data mismatch (-want +got):\n%s", diff)
	}
}
