package client

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const (
	testPoolID = "5f7a993eb9b49dcd5c021e40"
	testAppID  = "5f7a9a1cb9b49dcd5c021e41"
	// testUserToken is a JWT (unsigned for practical purposes) whose sub is
	// the user of the recorded responses.
	testUserToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1ZjdkZGZlNjJiYTgxOTgwMjQyMjM2MmUiLCJkYXRhIjp7ImlkIjoiNWY3ZGRmZTYyYmE4MTk4MDI0MjIzNjJlIiwidXNlclBvb2xJZCI6IjVmN2E5OTNlYjliNDlkY2Q1YzAyMWU0MCJ9LCJpYXQiOjE2MDIxMzk0MTIsImV4cCI6NDEwMjQ0NDgwMH0.c2lnbmF0dXJlLW5vdC1jaGVja2Vk"
	testMgmtToken = "management-token-for-tests"
)

// testKey is the RSA key pair the replay server "owns": clients encrypt
// with its public half, goldens hold what it decrypts.
var testKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		panic(err) // only in tests: no entropy means no test can run
	}
	return k
})

func testPublicKeyPEM() string {
	der, err := x509.MarshalPKIXPublicKey(&testKey().PublicKey)
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

// recordedRequest is what a golden file holds for one request.
type recordedRequest struct {
	Method        string            `json:"method"`
	Path          string            `json:"path"`
	Query         string            `json:"query,omitempty"`
	Headers       map[string]string `json:"headers"`
	OperationName string            `json:"operationName,omitempty"`
	Variables     any               `json:"variables,omitempty"`
	Body          any               `json:"body,omitempty"`
}

var recordedHeaders = []string{"Authorization", "Content-Type", "X-Authing-App-Id", "X-Authing-Lang",
	"X-Authing-Request-From", "X-Authing-Sdk-Version", "X-Authing-Userpool-Id"}

// replay is a recorded-response server: it answers every request with a
// file from testdata/responses (the accessToken query with a fixed
// management token) and records what it was sent.
type replay struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	requests  []recordedRequest
	responses map[string]string // "OperationName" or "METHOD /path" -> response file
	fallback  string
	status    int
	// shapes checks each REST answer against the cloud's shape (golden
	// cases); tests of malformed answers leave it off.
	shapes bool
}

func readTestdata(t *testing.T, elem ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"..", "testdata"}, elem...)...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newReplay starts a replay server answering with the response file (under
// testdata/responses) for every request.
func newReplay(t *testing.T, response string) *replay {
	t.Helper()
	r := &replay{t: t, responses: map[string]string{}, fallback: response, status: http.StatusOK}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *replay) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	rec := recordedRequest{Method: req.Method, Path: req.URL.Path, Query: req.URL.RawQuery, Headers: map[string]string{}}
	for _, h := range recordedHeaders {
		if v := req.Header.Get(h); v != "" {
			rec.Headers[h] = v
		}
	}
	key := req.Method + " " + req.URL.Path
	if req.URL.Path == "/graphql/v2" {
		var gq struct {
			OperationName string `json:"operationName"`
			Variables     any    `json:"variables"`
		}
		if err := json.Unmarshal(body, &gq); err != nil {
			http.Error(w, "bad graphql body", http.StatusBadRequest)
			return
		}
		rec.OperationName, rec.Variables, key = gq.OperationName, decryptPasswords(gq.Variables), gq.OperationName
		if gq.OperationName == "AccessToken" {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"data":{"accessToken":{"accessToken":"`+testMgmtToken+`","exp":4102444800,"iat":1602139412}}}`)
			return
		}
	} else if len(body) > 0 {
		var v any
		if err := json.Unmarshal(body, &v); err == nil {
			rec.Body = decryptPasswords(v)
		} else {
			rec.Body = string(body)
		}
	}
	r.mu.Lock()
	r.requests = append(r.requests, rec)
	file := r.fallback
	if f, ok := r.responses[key]; ok {
		file = f
	}
	status := r.status
	r.mu.Unlock()
	answer := readTestdata(r.t, "responses", file)
	if r.shapes && req.URL.Path != "/graphql/v2" {
		checkRESTShape(r.t, req, status, answer)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(answer)
}

// decryptPasswords replaces every string the test key can decrypt with
// "rsa(<plaintext>)", so goldens are stable and prove what was encrypted.
func decryptPasswords(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = decryptPasswords(e)
		}
	case []any:
		for i, e := range x {
			x[i] = decryptPasswords(e)
		}
	case string:
		if raw, err := base64.StdEncoding.DecodeString(x); err == nil && len(raw) == testKey().Size() {
			//lint:ignore SA1019 the protocol's scheme
			if plain, err := rsa.DecryptPKCS1v15(nil, testKey(), raw); err == nil {
				return "rsa(" + string(plain) + ")"
			}
		}
	}
	return v
}

// authClient returns an AuthenticationClient for the replay server, logged
// in with testUserToken unless token is "".
func (r *replay) authClient(token string) *AuthenticationClient {
	r.t.Helper()
	ac, err := NewAuthenticationClient(AuthenticationOptions{
		UserPoolID: testPoolID, AppID: testAppID, Host: r.srv.URL, AppHost: r.srv.URL,
		AppSecret: "app-secret-for-tests", RedirectURI: "https://example.com/callback",
		PublicKey: testPublicKeyPEM(), MaxRetries: Int(0),
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return ac
}

// mgmtClient returns a ManagementClient for the replay server.
func (r *replay) mgmtClient() *ManagementClient {
	r.t.Helper()
	mc, err := NewManagementClient(ManagementOptions{
		UserPoolID: testPoolID, Secret: "pool-secret-for-tests", Host: r.srv.URL,
		PublicKey: testPublicKeyPEM(), MaxRetries: Int(0),
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return mc
}

// checkGolden compares the recorded requests with testdata/golden/<name>.json,
// or rewrites that file with -update.
func (r *replay) checkGolden(name string) {
	r.t.Helper()
	r.mu.Lock()
	got, err := json.MarshalIndent(r.requests, "", "  ")
	r.mu.Unlock()
	if err != nil {
		r.t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("..", "testdata", "golden", goldenFileName(name))
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			r.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		r.t.Fatalf("%v (run go test ./... -update to create it)", err)
	}
	var wantV, gotV any
	if err := json.Unmarshal(want, &wantV); err != nil {
		r.t.Fatalf("golden %s: %v", path, err)
	}
	if err := json.Unmarshal(got, &gotV); err != nil {
		r.t.Fatal(err)
	}
	if diff := cmp.Diff(wantV, gotV); diff != "" {
		r.t.Errorf("%s: request mismatch with %s (-want +got):\n%s", name, path, diff)
	}
}

func goldenFileName(name string) string {
	return strings.NewReplacer("/", "_", " ", "_").Replace(name) + ".json"
}

// responseData returns the part of a response file a result should match:
// data.<field> for GraphQL (dotted paths walk deeper), data for a REST
// envelope when field is "".
func responseData(t *testing.T, file, field string) any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(readTestdata(t, "responses", file), &v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var cur any = v["data"]
	if field != "" {
		for _, part := range strings.Split(field, ".") {
			m, ok := cur.(map[string]any)
			if !ok {
				t.Fatalf("%s: no %q in data", file, field)
			}
			cur = m[part]
		}
	}
	return cur
}

// asJSONValue round-trips v through JSON, for comparing Go results with
// recorded JSON.
func asJSONValue(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// comparable normalizes a JSON value for comparing a recorded response
// with a decoded result: the model types read null as the zero value ("",
// false, 0, an empty list), so those are dropped on both sides, and dates
// are compared as instants, since a time.Time re-encodes "…00.000Z" as
// "…00Z".
func comparable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if e = comparable(e); e != nil {
				out[k] = e
			}
		}
		return out
	case []any:
		if len(x) == 0 {
			return nil
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = comparable(e)
		}
		return out
	case string:
		if x == "" {
			return nil
		}
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
		return x
	case bool:
		if !x {
			return nil
		}
	case float64:
		if x == 0 {
			return nil
		}
	}
	return v
}

// goldenTest is one method called against one recorded response.
type goldenTest struct {
	name     string            // also the golden file name: "Users.List"
	response string            // file under testdata/responses answering every request
	routes   map[string]string // per-operation or per-"METHOD /path" response files
	loggedIn *bool             // default true: the AuthenticationClient has testUserToken
	call     func(ctx context.Context, ac *AuthenticationClient, mc *ManagementClient) (any, error)
	// The result is checked against, in order of preference: want (with
	// cmp.Diff), or the JSON at resultPath in the response ("-" skips the
	// check, for methods whose result is only an error).
	want       any
	resultPath string
}

// runGolden runs every case as a subtest: it checks the request against
// its golden file and the decoded result.
func runGolden(t *testing.T, tests []goldenTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newReplay(t, tt.response)
			r.shapes = true
			for k, v := range tt.routes {
				r.responses[k] = v
			}
			token := testUserToken
			if tt.loggedIn != nil && !*tt.loggedIn {
				token = ""
			}
			got, err := tt.call(context.Background(), r.authClient(token), r.mgmtClient())
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			r.checkGolden(tt.name)
			switch {
			case tt.want != nil:
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("%s() mismatch (-want +got):\n%s", tt.name, diff)
				}
			case tt.resultPath == "-":
			default:
				want := comparable(responseData(t, tt.response, tt.resultPath))
				if diff := cmp.Diff(want, comparable(asJSONValue(t, got))); diff != "" {
					t.Errorf("%s() result differs from %s (-want +got):\n%s", tt.name, tt.response, diff)
				}
			}
		})
	}
}
