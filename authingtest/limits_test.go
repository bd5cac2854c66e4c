package authingtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// rawPost posts a GraphQL document and returns the body as sent, so tests
// can see duplicate keys that decoding into a map would hide.
func rawPost(t *testing.T, srv *Server, token, query string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql/v2", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return string(raw)
}

func TestFieldsSharingAResponseKeyAreMerged(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	if _, err := srv.SeedUser(SeedUser{Username: "bob", Email: "bob@example.com", Password: "secret1"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, query, want string
	}{
		{"same field twice", `{ users { totalCount } users { list { username } } }`,
			`{"data":{"users":{"totalCount":1,"list":[{"username":"bob"}]}}}`},
		{"field and fragment", `{ users { list { username } } ...F } fragment F on Query { users { list { email username } } }`,
			`{"data":{"users":{"list":[{"username":"bob","email":"bob@example.com"}]}}}`},
		{"fragment spread twice", `{ ...F ...F users { totalCount } } fragment F on Query { users { list { username } } }`,
			`{"data":{"users":{"list":[{"username":"bob"}],"totalCount":1}}}`},
		{"alias and name", `{ n: users { totalCount } users { totalCount } n: users { list { username } } }`,
			`{"data":{"n":{"totalCount":1,"list":[{"username":"bob"}]},"users":{"totalCount":1}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, rawPost(t, srv, admin, tt.query)); diff != "" {
				t.Errorf("response mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// fragmentChain is a document whose fragment i spreads fragment i+1 twice:
// 2^n fields once expanded, from a few lines.
func fragmentChain(n int) string {
	var b strings.Builder
	b.WriteString("query { ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { users { totalCount } }\n", n)
	return b.String()
}

func TestDocumentLimits(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	tests := []struct {
		name, query, wantError string
	}{
		{"fragment chain over the limit", fragmentChain(40), "expands to over 10000 fields"},
		{"one field repeated", "{" + strings.Repeat("users { totalCount } ", 40000) + "}", "selections; the limit is 2000"},
		{"many aliases", "{" + strings.Repeat("a: users { totalCount } b: users { totalCount } ", 10000) + "}", "selections; the limit is 2000"},
		{"nested too deep", "{ users { list { " + strings.Repeat("roles { list { users { list { ", 4) + "id" + strings.Repeat(" } } } }", 4) + " } } }", "nest 19 deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			out := post(t, srv, admin, mustJSON(map[string]any{"query": tt.query}))
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v to refuse", d)
			}
			msg, _ := dig(out, "errors", "0", "message").(string)
			if !strings.Contains(msg, tt.wantError) || out["data"] != nil {
				t.Errorf("got %s, want an error containing %q", trim(out), tt.wantError)
			}
		})
	}
	// A chain under the limit runs, and its fields merge into one.
	want := `{"data":{"users":{"totalCount":0}}}`
	if diff := cmp.Diff(want, rawPost(t, srv, admin, fragmentChain(12))); diff != "" {
		t.Errorf("fragment chain of 12 (-want +got):\n%s", diff)
	}
}

// TestFanOutIsBounded: a small document over a large pool must not make
// the server work without end.
func TestFanOutIsBounded(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	for i := 0; i < 300; i++ {
		if _, err := srv.SeedUser(SeedUser{Username: fmt.Sprintf("u%d", i), Password: "secret1"}); err != nil {
			t.Fatal(err)
		}
	}
	gql(t, srv, admin, `mutation { createRole(code: "all") { code } }`, nil)
	ids := make([]any, 0, 300)
	for _, u := range dig(gql(t, srv, admin, `{ users(limit: 300) { list { id } } }`, nil), "data", "users", "list").([]any) {
		ids = append(ids, u.(map[string]any)["id"])
	}
	gql(t, srv, admin, `mutation($ids: [String!]) { assignRole(roleCode: "all", userIds: $ids) { code } }`, map[string]any{"ids": ids})
	out := gql(t, srv, admin, `{ users(limit: 300) { list { id email phone roles { list { users(limit: 300) { list { id username email phone nickname } } } } } } }`, nil)
	if msg, _ := dig(out, "errors", "0", "message", "message").(string); !strings.Contains(msg, "exceed") {
		t.Errorf("a 300 x 300 x 5 fan-out was answered: %v", trim(out))
	}
}
