package authingtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// These tests pin the executor to the spec's "Executing Fields" and
// "Handling Field Errors" (GraphQL, October 2021, 6.4): a field that
// fails is null with its error listed, the other fields keep their data,
// and a null in a non-null position goes up to the nearest nullable
// field, or makes data null. Resolvers are stubbed with the values under
// test and every request goes over HTTP.

// stubbed is a server whose root query fields named in roots answer what
// the stubs say; a nil stub removes the field, as if not implemented.
func stubbed(t *testing.T, roots map[string]rootResolver) *Server {
	t.Helper()
	srv := NewServer()
	t.Cleanup(srv.Close)
	for name, r := range roots {
		if r == nil {
			delete(srv.query, name)
			continue
		}
		srv.query[name] = r
	}
	return srv
}

// graphqlCall posts a document and returns the decoded response.
func graphqlCall(t *testing.T, srv *Server, query string) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	resp, err := http.Post(srv.URL+"/graphql/v2", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("HTTP %d, not JSON: %s", resp.StatusCode, raw)
	}
	return out
}

// reported is what a test checks of one error: where and what.
type reported struct {
	Path    string // the path's steps joined with dots
	Code    int
	Message string
}

func reportedErrors(t *testing.T, out map[string]any) []reported {
	t.Helper()
	list, _ := out["errors"].([]any)
	var got []reported
	for _, item := range list {
		e, _ := item.(map[string]any)
		var steps []string
		for _, s := range e["path"].([]any) {
			steps = append(steps, fmt.Sprint(s))
		}
		msg, _ := e["message"].(map[string]any)
		if msg == nil {
			t.Fatalf("error message is not Authing's {code, message, data} object: %v", e)
		}
		code, _ := msg["code"].(float64)
		text, _ := msg["message"].(string)
		got = append(got, reported{strings.Join(steps, "."), int(code), text})
	}
	return got
}

func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad test data %s: %v", s, err)
	}
	return v
}

// returns is a root resolver that answers v.
func returns(v any) rootResolver {
	return func(*request, map[string]any) (any, error) { return v, nil }
}

// fails is a root resolver that fails with err.
func fails(err error) rootResolver {
	return func(*request, map[string]any) (any, error) { return nil, err }
}

var aRole = returns(obj{"id": "r1", "namespace": "default", "code": "r", "arn": "arn:r"})

func TestFieldErrorsAndNullPropagation(t *testing.T) {
	tests := []struct {
		name     string
		roots    map[string]rootResolver
		query    string
		wantData string
		wantErrs []reported
	}{{
		name:     "a failing root field is null, its sibling keeps its data",
		roots:    map[string]rootResolver{"user": fails(errUserNotFound), "role": aRole},
		query:    `{ user(id: "x") { id } role(code: "r") { code } }`,
		wantData: `{"user": null, "role": {"code": "r"}}`,
		wantErrs: []reported{{"user", 2004, "用户不存在"}},
	}, {
		name:     "every failing field is listed, in order",
		roots:    map[string]rootResolver{"user": fails(errUserNotFound), "role": fails(errNotLoggedIn)},
		query:    `{ role(code: "r") { code } user(id: "x") { id } }`,
		wantData: `{"role": null, "user": null}`,
		wantErrs: []reported{{"role", 2020, "尚未登录，无权限访问此请求"}, {"user", 2004, "用户不存在"}},
	}, {
		name:     "aliases name the path",
		roots:    map[string]rootResolver{"user": byID(map[string]obj{"1": {"id": "1", "arn": "a", "userPoolId": "p"}})},
		query:    `{ a: user(id: "1") { id } b: user(id: "2") { id } }`,
		wantData: `{"a": {"id": "1"}, "b": null}`,
		wantErrs: []reported{{"b", 2004, "用户不存在"}},
	}, {
		name:     "null for a non-null field makes its nullable parent null",
		roots:    map[string]rootResolver{"user": returns(obj{"id": nil, "username": "bob"}), "role": aRole},
		query:    `{ user { username id } role(code: "r") { code } }`,
		wantData: `{"user": null, "role": {"code": "r"}}`,
		wantErrs: []reported{{"user.id", 500, "Cannot return null for non-nullable field User.id."}},
	}, {
		name:     "a null reaching the root makes data null",
		roots:    map[string]rootResolver{"isActionAllowed": returns(nil), "role": aRole},
		query:    `{ role(code: "r") { code } isActionAllowed(resource: "a", action: "b", userId: "c") }`,
		wantData: `null`,
		wantErrs: []reported{{"isActionAllowed", 500, "Cannot return null for non-nullable field Query.isActionAllowed."}},
	}, {
		name:     "an error in a non-null root field makes data null",
		roots:    map[string]rootResolver{"isActionAllowed": fails(errNotLoggedIn)},
		query:    `{ isActionAllowed(resource: "a", action: "b", userId: "c") }`,
		wantData: `null`,
		wantErrs: []reported{{"isActionAllowed", 2020, "尚未登录，无权限访问此请求"}},
	}, {
		name:     "a non-null list that is null goes up through the non-null root field",
		roots:    map[string]rootResolver{"users": returns(obj{"totalCount": 1, "list": nil})},
		query:    `{ users { totalCount list { id } } }`,
		wantData: `null`,
		wantErrs: []reported{{"users.list", 500, "Cannot return null for non-nullable field PaginatedUsers.list."}},
	}, {
		name: "a null item of [Role!]! nulls the list, then the nullable User.roles",
		roots: map[string]rootResolver{"user": returns(obj{"id": "u1", "username": "bob",
			"roles": obj{"totalCount": 2, "list": []obj{{"code": "a"}, nil}}})},
		query:    `{ user { id roles { totalCount list { code } } username } }`,
		wantData: `{"user": {"id": "u1", "roles": null, "username": "bob"}}`,
		wantErrs: []reported{{"user.roles.list.1", 500, "Cannot return null for non-nullable field PaginatedRoles.list."}},
	}, {
		name:     "a null item of a list of nullable items is just null",
		roots:    map[string]rootResolver{"user": returns(obj{"id": "u1", "identities": []any{obj{"provider": "x"}, nil}})},
		query:    `{ user { id identities { provider } } }`,
		wantData: `{"user": {"id": "u1", "identities": [{"provider": "x"}, null]}}`,
	}, {
		name: "an error inside a nullable item nulls that item only",
		roots: map[string]rootResolver{"user": returns(obj{"id": "u1", "customData": []obj{
			{"key": "k", "dataType": "STRING"}, {"key": nil, "dataType": "STRING"}}})},
		query:    `{ user { id customData { key } } }`,
		wantData: `{"user": {"id": "u1", "customData": [{"key": "k"}, null]}}`,
		wantErrs: []reported{{"user.customData.1.key", 500, "Cannot return null for non-nullable field UserCustomData.key."}},
	}, {
		name: "a nested resolver's error keeps the parent's other fields",
		roots: map[string]rootResolver{"user": returns(obj{"id": "u1", "username": "bob",
			"roles": resolver(func(map[string]any) (any, error) { return nil, errNotLoggedIn })})},
		query:    `{ user { id roles { totalCount } username } }`,
		wantData: `{"user": {"id": "u1", "roles": null, "username": "bob"}}`,
		wantErrs: []reported{{"user.roles", 2020, "尚未登录，无权限访问此请求"}},
	}, {
		name:     "an unimplemented root field is a field error like any other",
		roots:    map[string]rootResolver{"user": nil, "role": aRole},
		query:    `{ user(id: "x") { id } role(code: "r") { code } }`,
		wantData: `{"user": null, "role": {"code": "r"}}`,
		wantErrs: []reported{{"user", 500, `authingtest: root field "user" is not implemented`}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := graphqlCall(t, stubbed(t, tt.roots), tt.query)
			if diff := cmp.Diff(decodeJSON(t, tt.wantData), out["data"]); diff != "" {
				t.Errorf("data mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantErrs, reportedErrors(t, out)); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
			if _, ok := out["data"]; !ok {
				t.Errorf("no data entry: %v", out)
			}
		})
	}
}

// byID answers the user of the given id, or 2004.
func byID(users map[string]obj) rootResolver {
	return func(_ *request, args map[string]any) (any, error) {
		if u, ok := users[argString(args, "id")]; ok {
			return u, nil
		}
		return nil, errUserNotFound
	}
}

// TestFieldErrorShape checks one whole error object: Authing's message
// object, the field's location and the path, list indexes as numbers.
func TestFieldErrorShape(t *testing.T) {
	srv := stubbed(t, map[string]rootResolver{"user": returns(obj{"id": "u1",
		"roles": obj{"totalCount": 1, "list": []obj{{"id": "r1", "namespace": "n", "code": "c", "arn": "a",
			"users": resolver(func(map[string]any) (any, error) { return nil, errNotLoggedIn })}}}})})
	out := graphqlCall(t, srv, "{\n  user {\n    roles {\n      list {\n        code\n        members: users { totalCount }\n      }\n    }\n  }\n}")
	want := []any{map[string]any{
		"message":    map[string]any{"code": float64(2020), "message": "尚未登录，无权限访问此请求", "data": nil},
		"locations":  []any{map[string]any{"line": float64(6), "column": float64(9)}},
		"path":       []any{"user", "roles", "list", float64(0), "members"},
		"extensions": map[string]any{"code": "INTERNAL_SERVER_ERROR"},
	}}
	if diff := cmp.Diff(want, out["errors"]); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
	// Role.users is non-null: the role (an item of [Role!]!) is lost, so
	// the list, then the nullable User.roles.
	if diff := cmp.Diff(decodeJSON(t, `{"user": {"roles": null}}`), out["data"]); diff != "" {
		t.Errorf("data mismatch (-want +got):\n%s", diff)
	}
}

// TestMutationFieldErrorKeepsEarlierFields runs two registrations in one
// mutation with the real resolvers: the second fails (the user exists),
// the first's data and effect stay.
func TestMutationFieldErrorKeepsEarlierFields(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	body, _ := json.Marshal(map[string]any{
		"query": `mutation($p: String!) {
			a: registerByUsername(input: {username: "ann", password: $p}) { username }
			b: registerByUsername(input: {username: "ann", password: $p}) { username }
		}`,
		"variables": map[string]any{"p": encrypt(t, srv, "secret1")},
	})
	resp, err := http.Post(srv.URL+"/graphql/v2", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(decodeJSON(t, `{"a": {"username": "ann"}, "b": null}`), out["data"]); diff != "" {
		t.Errorf("data mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]reported{{"b", 2026, "用户已存在"}}, reportedErrors(t, out)); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
	if _, err := srv.SeedUser(SeedUser{Username: "ann", Password: "secret1"}); err == nil {
		t.Error("the first registration did not stay: ann could be seeded again")
	}
}
