package authingtest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOfficialRESTRoutesKeepState walks the REST routes the official JS
// SDK sends for users, roles, policies, ACL and orgs, each step reading
// what the steps before it changed.
func TestOfficialRESTRoutesKeepState(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	ann, _ := loginUser(t, srv, "ann")
	ben, _ := loginUser(t, srv, "ben")
	call := func(method, path string, body any) map[string]any {
		t.Helper()
		_, env := send(t, srv, method, path, admin, "", body)
		if env["code"] != float64(200) {
			t.Fatalf("%s %s: %v", method, path, env)
		}
		return env
	}
	pool := "/api/v2/resource-namespace/" + srv.UserPoolID
	call("POST", pool, map[string]any{"code": "shop", "name": "Shop"})
	got := call("PUT", pool+"/code/shop", map[string]any{"name": "Store"})
	if dig(got, "data", "name") != "Store" {
		t.Errorf("namespace update by code: %v", got)
	}

	grant := map[string]any{"namespace": "shop", "opts": []any{map[string]any{"targetType": "USER", "targetIdentifiers": []any{ann},
		"resources": []any{map[string]any{"code": "books:1", "actions": []any{"books:read"}, "resourceType": "DATA"}}}}}
	isAllowed := map[string]any{"userId": ann, "namespace": "shop", "resource": "books:1", "action": "books:read"}
	call("POST", "/api/v2/acl/authorize-resources", grant)
	if got := call("POST", "/api/v2/acl/is-allowed", isAllowed); dig(got, "data", "allowed") != true {
		t.Errorf("is-allowed after authorize-resources: %v", got)
	}
	batch := call("POST", "/api/v2/acl/list-authorized-resources-batch", map[string]any{"namespace": "shop",
		"targets": []any{map[string]any{"targetType": "USER", "targetIdentifier": ann}, map[string]any{"targetType": "USER", "targetIdentifier": ben}}})
	want := []any{"books:1", []any{"books:read"}, float64(0)}
	if diff := cmp.Diff(want, []any{dig(batch, "data", "0", "list", "0", "code"), dig(batch, "data", "0", "list", "0", "actions"),
		dig(batch, "data", "1", "totalCount")}); diff != "" {
		t.Errorf("list-authorized-resources-batch (-want +got):\n%s", diff)
	}
	call("POST", "/api/v2/acl/revoke-resources", grant)
	if got := call("POST", "/api/v2/acl/is-allowed", isAllowed); dig(got, "data", "allowed") != false {
		t.Errorf("is-allowed after revoke-resources: %v", got)
	}
	call("DELETE", pool+"/code/shop", nil)
	if _, env := send(t, srv, "DELETE", pool+"/code/shop", admin, "", nil); env["code"] != float64(3005) {
		t.Errorf("second delete of the namespace: %v", env)
	}
}

// TestOfficialUserRoleOrgRoutes checks the lists of users, role users,
// policy assignments and orgs the JS SDK reads over REST.
func TestOfficialUserRoleOrgRoutes(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	ann, _ := loginUser(t, srv, "ann")
	ben, _ := loginUser(t, srv, "ben")
	for _, q := range []string{
		`mutation { createRole(code: "editor") { code } }`,
		`mutation($u: [String!]) { assignRole(roleCode: "editor", userIds: $u) { code } }`,
		`mutation { createPolicy(code: "p1", statements: [{resource: "books:*", actions: ["books:read"]}]) { code } }`,
		`mutation($u: [String!]!) { addPolicyAssignments(policies: ["p1"], targetType: USER, targetIdentifiers: $u) { code } }`,
		`mutation { createOrg(name: "Acme", code: "acme") { id } }`,
	} {
		if out := gql(t, srv, admin, q, map[string]any{"u": []any{ann, ben}}); errorCode(out) != 0 {
			t.Fatalf("%s: %v", q, out)
		}
	}
	tests := []struct {
		method, path string
		body         any
		read         []string
		want         any
	}{
		{"POST", "/api/v2/users/batch", map[string]any{"ids": []any{"ben", "nobody"}, "type": "username", "withCustomData": true},
			[]string{"data", "0", "id"}, ben},
		{"POST", "/api/v2/users/filter", map[string]any{"filter": []any{map[string]any{"key": "username", "value": "ann"}}},
			[]string{"data", "list", "0", "id"}, ann},
		{"POST", "/api/v2/roles/roleUsers", map[string]any{"code": "editor", "search": "BE", "page": 1, "limit": 10},
			[]string{"data", "list", "0", "username"}, "ben"},
		{"POST", "/api/v2/roles/roleUsers", map[string]any{"code": "editor"}, []string{"data", "totalCount"}, float64(2)},
		{"GET", "/api/v2/policies/assignments/by-target?namespace=default&policy_code=p1&target_type=USER", nil,
			[]string{"data", "totalCount"}, float64(2)},
		{"GET", "/api/v2/orgs/count", nil, []string{"data", "count"}, float64(1)},
		{"GET", "/api/v2/orgs?page=1&limit=10", nil, []string{"data", "0", "rootNode", "code"}, "acme"},
	}
	for _, tt := range tests {
		_, env := send(t, srv, tt.method, tt.path, admin, "", tt.body)
		if got := dig(env, tt.read...); !cmp.Equal(got, tt.want) {
			t.Errorf("%s %s: %v = %v, want %v (%v)", tt.method, tt.path, tt.read, got, tt.want, env)
		}
	}
}
