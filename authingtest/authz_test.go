package authingtest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestEndUserCannotRaiseItself checks that updateUser (the SDKs'
// updateProfile) with an end user's token refuses the fields only an
// administrator sets, naming the field, and changes nothing; the
// management token may set them.
func TestEndUserCannotRaiseItself(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	id, token := loginUser(t, srv, "dave")
	update := `mutation($id: String, $in: UpdateUserInput!) { updateUser(id: $id, input: $in) { id emailVerified loginsCount } }`
	inputs := map[string]any{
		"emailVerified": true, "phoneVerified": true, "blocked": true, "loginsCount": 99,
		"lastLogin": "2030-01-01T00:00:00Z", "lastIP": "10.0.0.1",
	}
	for field, v := range inputs {
		for _, withID := range []bool{false, true} {
			vars := map[string]any{"in": map[string]any{field: v, "nickname": "raised"}}
			if withID {
				vars["id"] = id
			}
			out := gql(t, srv, token, update, vars)
			msg, _ := dig(out, "errors", "0", "message", "message").(string)
			if errorCode(out) != 1001 || !strings.Contains(msg, field) || out["data"] != nil {
				t.Errorf("%s (id given: %v): want 1001 naming the field, got %v", field, withID, out)
			}
		}
	}
	// Fields the schema's UpdateUserInput does not have never get through.
	for _, field := range []string{"status", "signedUp", "registerSource"} {
		out := gql(t, srv, token, update, map[string]any{"in": map[string]any{field: "x"}})
		if out["data"] != nil || !strings.Contains(fmtErrors(out), field) {
			t.Errorf("%s: want a refusal naming the field, got %v", field, out)
		}
	}
	me := gql(t, srv, token, `{ user { nickname emailVerified blocked loginsCount lastIP } }`, nil)
	want := map[string]any{"nickname": nil, "emailVerified": false, "blocked": false, "loginsCount": float64(1), "lastIP": nil}
	if diff := cmp.Diff(want, dig(me, "data", "user")); diff != "" {
		t.Errorf("the user changed (-want +got):\n%s", diff)
	}
	out := gql(t, srv, admin, update, map[string]any{"id": id, "in": map[string]any{"emailVerified": true, "loginsCount": 5}})
	if got := []any{dig(out, "data", "updateUser", "emailVerified"), dig(out, "data", "updateUser", "loginsCount")}; !cmp.Equal(got, []any{true, float64(5)}) {
		t.Errorf("the administrator could not set the fields: %v", out)
	}
}

// fmtErrors is the text of a GraphQL answer's errors.
func fmtErrors(out map[string]any) string {
	var b strings.Builder
	list, _ := out["errors"].([]any)
	for _, e := range list {
		b.WriteString(str(dig(e, "message")) + str(dig(e, "message", "message")) + "\n")
	}
	return b.String()
}

// TestEndUserReachesOnlyItself checks that an end user's token reads and
// changes only its own user: any other user answers 2020 and is left as
// it was.
func TestEndUserReachesOnlyItself(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	_, token := loginUser(t, srv, "erin")
	other, _ := loginUser(t, srv, "frank")
	out := gql(t, srv, admin, `mutation { setUdf(targetType: USER, key: "school", dataType: STRING, label: "s") { key } }`, nil)
	if errorCode(out) != 0 {
		t.Fatal(out)
	}
	vars := map[string]any{"id": other}
	tests := []struct{ name, query string }{
		{"user", `query($id: String) { user(id: $id) { id } }`},
		{"updateUser", `mutation($id: String) { updateUser(id: $id, input: {nickname: "hacked"}) { id } }`},
		{"refreshToken", `mutation($id: String) { refreshToken(id: $id) { token } }`},
		{"udv", `query($id: String!) { udv(targetType: USER, targetId: $id) { key } }`},
		{"setUdv", `mutation($id: String!) { setUdv(targetType: USER, targetId: $id, key: "school", value: "x") { key } }`},
		{"removeUdv", `mutation($id: String!) { removeUdv(targetType: USER, targetId: $id, key: "school") { key } }`},
	}
	for _, tt := range tests {
		out := gql(t, srv, token, tt.query, vars)
		if errorCode(out) != 2020 || out["data"] != nil {
			t.Errorf("%s of another user: want 2020, got %v", tt.name, out)
		}
	}
	status, env := send(t, srv, "GET", "/api/v2/users/"+other, token, "", nil)
	if status != 200 || env["code"] != float64(2020) {
		t.Errorf("REST user detail of another user: HTTP %d %v", status, env)
	}
	got := gql(t, srv, admin, `query($id: String, $tid: String!) { user(id: $id) { nickname } udv(targetType: USER, targetId: $tid) { key } }`,
		map[string]any{"id": other, "tid": other})
	want := map[string]any{"user": map[string]any{"nickname": nil}, "udv": []any{}}
	if diff := cmp.Diff(want, got["data"]); diff != "" {
		t.Errorf("the other user changed (-want +got):\n%s", diff)
	}
}
