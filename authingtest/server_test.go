package authingtest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var _ = flag.Bool("update", false, "rewrite golden files (unused here)")

// gql posts a GraphQL document and returns the decoded body.
func gql(t testing.TB, srv *Server, token, query string, vars map[string]any) map[string]any {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return post(t, srv, token, body)
}

func post(t testing.TB, srv *Server, token string, body []byte) map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql/v2", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("response is not JSON (HTTP %d): %s", resp.StatusCode, raw)
	}
	return out
}

func encrypt(t testing.TB, srv *Server, password string) string {
	t.Helper()
	block, _ := pem.Decode([]byte(srv.PublicKeyPEM))
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := rsa.EncryptPKCS1v15(rand.Reader, key.(*rsa.PublicKey), []byte(password)) //lint:ignore SA1019 the protocol's scheme
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(enc)
}

func adminToken(t testing.TB, srv *Server) string {
	t.Helper()
	out := gql(t, srv, "", `query($p: String!, $s: String!) { accessToken(userPoolId: $p, secret: $s) { accessToken } }`,
		map[string]any{"p": srv.UserPoolID, "s": srv.Secret})
	tok, _ := dig(out, "data", "accessToken", "accessToken").(string)
	if tok == "" {
		t.Fatalf("no management token: %v", out)
	}
	return tok
}

// dig walks nested maps and lists ("0" indexes a list).
func dig(v any, path ...string) any {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			var i int
			fmt.Sscan(p, &i)
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func errorCode(out map[string]any) int {
	code, _ := dig(out, "errors", "0", "message", "code").(float64)
	return int(code)
}

func userCount(t testing.TB, srv *Server, admin string) int {
	t.Helper()
	n, _ := dig(gql(t, srv, admin, `{ users(limit: 1) { totalCount } }`, nil), "data", "users", "totalCount").(float64)
	return int(n)
}

const register = `mutation($u: String!, $p: String!) { registerByUsername(input: {username: $u, password: $p}) { id username } }`

func TestSelectionsAreExecutedGenerically(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	id, err := srv.SeedUser(SeedUser{Username: "bob", Email: "bob@example.com", Password: "secret1"})
	if err != nil {
		t.Fatal(err)
	}
	gql(t, srv, admin, `mutation { createRole(code: "editor", namespace: "books") { code } }`, nil)
	gql(t, srv, admin, `mutation($id: String!) { assignRole(namespace: "books", roleCode: "editor", userIds: [$id]) { code } }`, map[string]any{"id": id})

	out := gql(t, srv, admin, `
		query Q($id: String!, $ns: String, $withMail: Boolean!) {
			me: user(id: $id) {
				...Basics
				mail: email @include(if: $withMail)
				phone @skip(if: true)
				bookRoles: roles(namespace: $ns) { totalCount list { code namespace } }
				noRoles: roles(namespace: "other") { totalCount }
				__typename
			}
		}
		fragment Basics on User { id ... on User { username } }`,
		map[string]any{"id": id, "ns": "books", "withMail": true})
	want := map[string]any{"data": map[string]any{"me": map[string]any{
		"id": id, "username": "bob", "mail": "bob@example.com",
		"bookRoles":  map[string]any{"totalCount": float64(1), "list": []any{map[string]any{"code": "editor", "namespace": "books"}}},
		"noRoles":    map[string]any{"totalCount": float64(0)},
		"__typename": "User",
	}}}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("selection mismatch (-want +got):\n%s", diff)
	}
	// Keys come back in selection order.
	body, _ := json.Marshal(map[string]any{"query": `query($id: String!) { user(id: $id) { username id } }`, "variables": map[string]any{"id": id}})
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql/v2", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+admin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(raw), `{"username":"bob","id":"`) {
		t.Errorf("fields not in selection order: %s", raw)
	}
}

func TestUnimplementedRootFieldIsNamed(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	out := gql(t, srv, adminToken(t, srv), `{ socialConnections { provider } }`, nil)
	msg, _ := dig(out, "errors", "0", "message", "message").(string)
	if !strings.Contains(msg, `"socialConnections"`) {
		t.Errorf("error does not name the field: %v", out)
	}
}

func TestAuthingErrorShapes(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	if _, err := srv.SeedUser(SeedUser{Username: "bob", Password: "secret1"}); err != nil {
		t.Fatal(err)
	}
	login := `mutation($u: String!, $p: String!) { loginByUsername(input: {username: $u, password: $p}) { id token } }`
	tests := []struct {
		name, username, password string
		want                     int
	}{
		{"unknown user", "alice", encrypt(t, srv, "secret1"), 2004},
		{"wrong password", "bob", encrypt(t, srv, "nope-nope"), 2006},
		{"undecryptable password", "bob", "bm90IGVuY3J5cHRlZA==", 2016},
	}
	for _, tt := range tests {
		out := gql(t, srv, "", login, map[string]any{"u": tt.username, "p": tt.password})
		if got := errorCode(out); got != tt.want {
			t.Errorf("%s: code %d, want %d: %v", tt.name, got, tt.want, out)
		}
		// The field failed, not the request: it is null, data is not.
		if diff := cmp.Diff(map[string]any{"loginByUsername": nil}, out["data"]); diff != "" {
			t.Errorf("%s: data mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	out := gql(t, srv, "", `{ users { totalCount } }`, nil)
	if errorCode(out) != 2020 {
		t.Errorf("management call without token: %v", out)
	}
	out = gql(t, srv, "", `query { accessToken(userPoolId: "x", secret: "y") { accessToken } }`, nil)
	if errorCode(out) != 2224 {
		t.Errorf("accessToken for another pool: %v", out)
	}
	out = gql(t, srv, "", `query($p: String!) { accessToken(userPoolId: $p, secret: "wrong") { accessToken } }`, map[string]any{"p": srv.UserPoolID})
	if errorCode(out) != 1001 || strings.Contains(fmt.Sprint(out), srv.Secret) {
		t.Errorf("accessToken with a wrong secret: %v", out)
	}
}

func TestConcurrentRegistrations(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	password := encrypt(t, srv, "secret1")

	var wg sync.WaitGroup
	errs := make(chan string, 200)
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out := gql(t, srv, "", register, map[string]any{"u": fmt.Sprintf("user%03d", i), "p": password})
			if out["errors"] != nil {
				errs <- fmt.Sprint(out["errors"])
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("distinct registration failed: %s", e)
	}
	if n := userCount(t, srv, admin); n != 200 {
		t.Errorf("%d users after 200 registrations", n)
	}

	codes := make(chan int, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes <- errorCode(gql(t, srv, "", register, map[string]any{"u": "same-name", "p": password}))
		}()
	}
	wg.Wait()
	close(codes)
	ok, dup := 0, 0
	for c := range codes {
		switch c {
		case 0:
			ok++
		case 2026:
			dup++
		default:
			t.Errorf("unexpected code %d", c)
		}
	}
	if ok != 1 || dup != 49 {
		t.Errorf("same-name registrations: %d succeeded, %d got 2026; want 1 and 49", ok, dup)
	}
}

func TestBadInputLeavesServerAndDataIntact(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	if _, err := srv.SeedUser(SeedUser{Username: "bob", Password: "secret1"}); err != nil {
		t.Fatal(err)
	}
	deep := "{ users { list { id } } }"
	for i := 0; i < 20; i++ {
		deep = strings.Replace(deep, "{ id }", "{ id roles { list { users { list { id } } } } }", 1)
	}
	huge, _ := json.Marshal(map[string]any{"query": "{ users { totalCount } }" + strings.Repeat(" ", 10<<20)})
	bodies := map[string][]byte{
		"malformed JSON":  []byte(`{"query": "{ users { totalCount } }"`),
		"not an object":   []byte(`[1, 2, 3]`),
		"syntax error":    mustJSON(map[string]any{"query": "{ users { totalCount }"}),
		"unknown field":   mustJSON(map[string]any{"query": "{ users { nope } }"}),
		"10 MB query":     huge,
		"deep selections": mustJSON(map[string]any{"query": deep}),
		"bad variables":   mustJSON(map[string]any{"query": `query($p: Int) { users(page: $p) { totalCount } }`, "variables": map[string]any{"p": "x"}}),
		"wrong operation": mustJSON(map[string]any{"query": "query A { users { totalCount } }", "operationName": "B"}),
	}
	for name, body := range bodies {
		out := post(t, srv, admin, body)
		if out["errors"] == nil || out["data"] != nil {
			t.Errorf("%s: want an error and no data, got %v", name, trim(out))
		}
	}
	if n := userCount(t, srv, admin); n != 1 {
		t.Errorf("users after bad input: %d, want 1", n)
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func trim(v any) string {
	s := fmt.Sprint(v)
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}

func TestTokensExpireWithTheClock(t *testing.T) {
	srv := NewServer(WithTokenLifetime(time.Hour))
	defer srv.Close()
	out := gql(t, srv, "", register, map[string]any{"u": "bob", "p": encrypt(t, srv, "secret1")})
	if out["errors"] != nil {
		t.Fatal(out)
	}
	out = gql(t, srv, "", `mutation($p: String!) { loginByUsername(input: {username: "bob", password: $p}) { token } }`,
		map[string]any{"p": encrypt(t, srv, "secret1")})
	token, _ := dig(out, "data", "loginByUsername", "token").(string)
	status := `query($t: String) { checkLoginStatus(token: $t) { status code } }`
	if got := dig(gql(t, srv, "", status, map[string]any{"t": token}), "data", "checkLoginStatus", "status"); got != true {
		t.Fatalf("fresh token status = %v", got)
	}
	srv.Advance(2 * time.Hour)
	if got := dig(gql(t, srv, "", status, map[string]any{"t": token}), "data", "checkLoginStatus", "status"); got != false {
		t.Errorf("expired token status = %v", got)
	}
	out = gql(t, srv, token, `mutation { updateUser(input: {nickname: "x"}) { id } }`, nil)
	if errorCode(out) != 2206 {
		t.Errorf("call with an expired token: %v", out)
	}
}

func TestVerificationCodes(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/api/v2/sms/send", "application/json", strings.NewReader(`{"phone":"13800000000"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	code, ok := srv.LastSMSCode("13800000000")
	if !ok || len(code) != 6 {
		t.Fatalf("LastSMSCode = %q, %v", code, ok)
	}
	reg := `mutation($c: String!) { registerByPhoneCode(input: {phone: "13800000000", code: $c}) { phone } }`
	if c := errorCode(gql(t, srv, "", reg, map[string]any{"c": "000000x"})); c != 2001 {
		t.Errorf("wrong code: %d", c)
	}
	srv.Advance(10 * time.Minute)
	if c := errorCode(gql(t, srv, "", reg, map[string]any{"c": code})); c != 2300 {
		t.Errorf("expired code: %d", c)
	}
}

func TestWellKnownServesThePublicKey(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/v2/.well-known")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Code int
		Data struct{ PublicKey string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if out.Code != 200 || out.Data.PublicKey != srv.PublicKeyPEM {
		t.Errorf("well-known = %+v", out)
	}
	r2, _ := http.Get(srv.URL + "/api/v2/no/such/path")
	r2.Body.Close()
	if r2.StatusCode != 404 {
		t.Errorf("unknown REST path: HTTP %d", r2.StatusCode)
	}
}

func BenchmarkUsersQuery(b *testing.B) {
	srv := NewServer()
	defer srv.Close()
	for i := 0; i < 10; i++ {
		if _, err := srv.SeedUser(SeedUser{Username: fmt.Sprintf("user%d", i), Password: "secret1"}); err != nil {
			b.Fatal(err)
		}
	}
	admin := adminToken(b, srv)
	body := mustJSON(map[string]any{"query": `{ users(page: 1, limit: 10) { totalCount list { id arn username email phone nickname createdAt updatedAt loginsCount blocked } } }`})
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			post(b, srv, admin, body)
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

func BenchmarkLogin(b *testing.B) {
	srv := NewServer()
	defer srv.Close()
	if _, err := srv.SeedUser(SeedUser{Username: "bob", Password: "secret1"}); err != nil {
		b.Fatal(err)
	}
	body := mustJSON(map[string]any{"query": `mutation($p: String!) { loginByUsername(input: {username: "bob", password: $p}) { id token } }`,
		"variables": map[string]any{"p": encrypt(b, srv, "secret1")}})
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			post(b, srv, "", body)
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
