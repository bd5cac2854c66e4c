package authingtest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Regression tests, over raw HTTP as the official SDKs send it, of ACL
// behaviours where the server once agreed only with our client: the
// cloud's, as Authing's Python SDK tests state them.

func TestCloudACLAnswers(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	id, _ := loginUser(t, srv, "alice")
	admin := adminToken(t, srv)
	call := func(method, path string, body any) map[string]any {
		t.Helper()
		_, env := send(t, srv, method, path, admin, "", body)
		return env
	}
	for _, res := range []string{"books:1", "books:2", "films:1"} {
		gql(t, srv, admin, `mutation($r: String!, $u: String!) { allow(resource: $r, action: "books:read", userId: $u, namespace: "default") { code } }`,
			map[string]any{"r": res, "u": id})
	}
	// Only the permitted resources, each {code, actions}.
	batch := call("POST", "/api/v2/acl/check-resource-permission-batch", map[string]any{"userId": id, "namespace": "default",
		"resources": []string{"books:1:read", "books:3:read", "books:2:read"}})
	want := []any{map[string]any{"code": "books:1", "actions": []any{"books:read"}}, map[string]any{"code": "books:2", "actions": []any{"books:read"}}}
	if diff := cmp.Diff(want, batch["data"]); diff != "" {
		t.Errorf("check-resource-permission-batch (-want +got):\n%s", diff)
	}
	none := call("POST", "/api/v2/acl/check-resource-permission-batch", map[string]any{"userId": id, "namespace": "default",
		"resources": []string{"books:9:read"}})
	if diff := cmp.Diff([]any{}, none["data"]); diff != "" {
		t.Errorf("nothing permitted: want [] (-want +got):\n%s", diff)
	}
	kind := call("POST", "/api/v2/acl/get-authorized-resources-of-resource-kind", map[string]any{"userId": id, "namespace": "default", "resource": "books"})
	if diff := cmp.Diff(want, kind["data"]); diff != "" {
		t.Errorf("get-authorized-resources-of-resource-kind (-want +got):\n%s", diff)
	}
	// Revoking the kind removes the grants on each resource of it.
	call("POST", "/api/v2/acl/revoke-resource", map[string]any{"namespace": "default", "resource": "books",
		"opts": []any{map[string]any{"targetType": "USER", "targetIdentifier": id}}})
	kind = call("POST", "/api/v2/acl/get-authorized-resources-of-resource-kind", map[string]any{"userId": id, "namespace": "default", "resource": "books"})
	if diff := cmp.Diff([]any{}, kind["data"]); diff != "" {
		t.Errorf("after revoking books (-want +got):\n%s", diff)
	}
	// Unknown namespaces: update 3003, delete 3005.
	pool := "/api/v2/resource-namespace/" + srv.UserPoolID
	for _, c := range []struct {
		method, path string
		code         float64
	}{{"PUT", pool + "/424242", 3003}, {"PUT", pool + "/code/nope", 3003}, {"DELETE", pool + "/424242", 3005}, {"DELETE", pool + "/code/nope", 3005}} {
		if env := call(c.method, c.path, map[string]any{"name": "x"}); env["code"] != c.code {
			t.Errorf("%s %s: %v, want code %v", c.method, c.path, env, c.code)
		}
	}
}
