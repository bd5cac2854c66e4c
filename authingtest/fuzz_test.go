package authingtest

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzGraphQLRequest sends arbitrary bodies to the GraphQL endpoint in
// process, with and without the management token: every one must get a
// JSON answer, never a panic.
func FuzzGraphQLRequest(f *testing.F) {
	for _, seed := range []string{
		`{"query":"{ users { totalCount list { id username roles { list { code } } } } }"}`,
		`{"query":"query($id: String!) { user(id: $id) { ...F } } fragment F on User { id email }","variables":{"id":"x"}}`,
		`{"query":"mutation { registerByUsername(input: {username: \"a\", password: \"b\"}) { id } }"}`,
		`{"query":"{ a: users(page: -1, limit: 0) { totalCount } b: roles { list { users { totalCount } } } }"}`,
		`{"query":"{ __typename }"}`, `{"query":"{"}`, `{}`, `[]`, `null`, `{"query":1}`,
	} {
		f.Add(seed)
	}
	// Each input gets a fresh server, so a run does not slow down as the
	// inputs before it fill the store; one RSA key keeps that cheap.
	key, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		srv, err := NewUnstartedServer(WithRSAKey(key))
		if err != nil {
			t.Fatal(err)
		}
		admin, _, _, err := srv.issue("")
		if err != nil {
			t.Fatal(err)
		}
		h := srv.Handler()
		for _, token := range []string{"", admin} {
			req := httptest.NewRequest(http.MethodPost, "/graphql/v2", strings.NewReader(body))
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("answer is not JSON (HTTP %d): %q", rec.Code, rec.Body.String())
			}
		}
	})
}
