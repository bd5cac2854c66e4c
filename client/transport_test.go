package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// scripted is a server that answers the n-th request with the n-th reply
// (the last one repeats) and counts requests.
type scripted struct {
	srv     *httptest.Server
	count   atomic.Int32
	bodies  chan []byte
	replies []reply
}

type reply struct {
	status  int
	header  map[string]string
	body    string
	stall   time.Duration // wait this long (or until the client leaves) before answering
	hangup  bool          // close the connection without answering
	bodyLen int           // Content-Length to announce when larger than body (truncation)
}

func newScripted(t *testing.T, replies ...reply) *scripted {
	t.Helper()
	s := &scripted{replies: replies, bodies: make(chan []byte, 64)}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(s.count.Add(1)) - 1
		b, _ := io.ReadAll(r.Body)
		select {
		case s.bodies <- b:
		default:
		}
		if n >= len(s.replies) {
			n = len(s.replies) - 1
		}
		rp := s.replies[n]
		if rp.stall > 0 {
			select {
			case <-time.After(rp.stall):
			case <-r.Context().Done():
				return
			}
		}
		if rp.hangup {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		for k, v := range rp.header {
			w.Header().Set(k, v)
		}
		if rp.bodyLen > len(rp.body) {
			w.Header().Set("Content-Length", itoa(rp.bodyLen))
		}
		status := rp.status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		io.WriteString(w, rp.body)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// testClients returns a management client (with a fixed token, so only the
// call under test reaches the server) and an authentication client.
func (s *scripted) clients(t *testing.T, maxRetries int, extra func(*connOptions)) (*ManagementClient, *AuthenticationClient) {
	t.Helper()
	mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: "pool-secret-for-tests",
		Host: s.srv.URL, PublicKey: testPublicKeyPEM(), MaxRetries: Int(maxRetries)})
	if err != nil {
		t.Fatal(err)
	}
	mc.tokens.token, mc.tokens.exp = testMgmtToken, time.Now().Add(24*time.Hour)
	mc.conn.backoff = time.Millisecond
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: s.srv.URL,
		PublicKey: testPublicKeyPEM(), MaxRetries: Int(maxRetries)})
	if err != nil {
		t.Fatal(err)
	}
	ac.conn.backoff = time.Millisecond
	if extra != nil {
		extra(mc.conn.opts)
		extra(ac.conn.opts)
	}
	return mc, ac
}

var (
	usersOK = string(readFileOrEmpty("../testdata/responses/users.json"))
	loginOK = string(readFileOrEmpty("../testdata/responses/loginByUsername.json"))
)

func readFileOrEmpty(path string) []byte {
	b, _ := readFile(path)
	return b
}

// callQuery is the representative query (Users.List); callMutation the
// representative mutation (LoginByUsername).
func callQuery(ctx context.Context, mc *ManagementClient) (any, error) {
	return mc.Users.List(ctx, nil)
}

func callMutation(ctx context.Context, ac *AuthenticationClient) (any, error) {
	return ac.LoginByUsername(ctx, "bob", "p@ssw0rd", nil)
}

func TestFailuresAreErrors(t *testing.T) {
	errorObject := string(readFileOrEmpty("../testdata/responses/error.user-not-found.json"))
	errorString := string(readFileOrEmpty("../testdata/responses/error.graphql-validation.json"))
	html502 := string(readFileOrEmpty("../testdata/responses/gateway-502.html"))
	tests := []struct {
		name       string
		reply      reply
		wantCode   int
		wantStatus int
		wantIn     string
	}{
		{"authing error object", reply{body: errorObject}, 2004, 200, "用户不存在"},
		{"plain string error", reply{body: errorString}, 0, 200, `Cannot query field \"nope\"`},
		{"HTML 502", reply{status: 502, body: html502}, 0, 502, "502 Bad Gateway"},
		{"empty 200", reply{body: ""}, 0, 200, "empty body"},
		{"non-JSON 200", reply{body: "<html>oops</html>"}, 0, 200, "malformed response"},
		{"truncated JSON", reply{body: `{"data":{"users":{"totalCount":1,"list":[{"id":"x"`}, 0, 200, "malformed response"},
		{"neither data nor errors", reply{body: `{}`}, 0, 200, "no data and no errors"},
		{"null data", reply{body: `{"data":null}`}, 0, 200, "no data and no errors"},
		{"errors not a list", reply{body: `{"errors":{"message":"x"}}`}, 0, 200, "malformed errors"},
		{"several errors report the last code", reply{body: `{"errors":[{"message":{"code":2006,"message":"a"}},{"message":{"code":2004,"message":"b"}}]}`}, 2004, 200, "and 1 more errors"},
		{"HTTP 500 with Authing error", reply{status: 500, body: errorObject}, 2004, 500, "用户不存在"},
	}
	for _, tt := range tests {
		for _, kind := range []string{"query", "mutation"} {
			t.Run(tt.name+"/"+kind, func(t *testing.T) {
				s := newScripted(t, tt.reply)
				mc, ac := s.clients(t, 0, nil)
				var got any
				var err error
				if kind == "query" {
					got, err = callQuery(context.Background(), mc)
				} else {
					got, err = callMutation(context.Background(), ac)
				}
				if err == nil {
					t.Fatalf("got %v and no error", got)
				}
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("error %v (%T) is not *Error", err, err)
				}
				if e.Code != tt.wantCode || e.StatusCode != tt.wantStatus {
					t.Errorf("code, status = %d, %d; want %d, %d (%v)", e.Code, e.StatusCode, tt.wantCode, tt.wantStatus, err)
				}
				wantOp := map[string]string{"query": "Users.List", "mutation": "LoginByUsername"}[kind]
				wantReq := map[string]string{"query": "Users", "mutation": "LoginByUsername"}[kind]
				if e.Operation != wantOp || e.Request != wantReq {
					t.Errorf("Operation, Request = %q, %q; want %q, %q", e.Operation, e.Request, wantOp, wantReq)
				}
				if !strings.Contains(strings.ReplaceAll(err.Error(), `"`, `\"`), tt.wantIn) && !strings.Contains(err.Error(), tt.wantIn) {
					t.Errorf("error %q does not contain %q", err, tt.wantIn)
				}
			})
		}
	}
}

func TestErrorsIsCode(t *testing.T) {
	s := newScripted(t, reply{body: string(readFileOrEmpty("../testdata/responses/error.wrong-password.json"))})
	_, ac := s.clients(t, 0, nil)
	_, err := callMutation(context.Background(), ac)
	if !errors.Is(err, ErrWrongPassword) {
		t.Fatalf("errors.Is(%v, ErrWrongPassword) = false", err)
	}
	if errors.Is(err, ErrUserNotFound) {
		t.Fatalf("errors.Is(%v, ErrUserNotFound) = true", err)
	}
}

func TestRetries(t *testing.T) {
	tooMany := reply{status: 429, header: map[string]string{"Retry-After": "0"}, body: "slow down"}
	busy := reply{body: `{"errors":[{"message":{"code":1000,"message":"系统繁忙"}}]}`}
	tests := []struct {
		name      string
		replies   []reply
		mutation  bool
		retries   int
		wantCalls int32
		wantErr   bool
	}{
		{"query retried after 429 with Retry-After", []reply{tooMany, {body: usersOK}}, false, 2, 2, false},
		{"query retried after 502, 503, 504", []reply{{status: 502}, {status: 503}, {status: 504}, {body: usersOK}}, false, 3, 4, false},
		{"query retried on code 1000", []reply{busy, {body: usersOK}}, false, 2, 2, false},
		{"query gives up after MaxRetries", []reply{{status: 503}}, false, 2, 3, true},
		{"retries off", []reply{{status: 503}, {body: usersOK}}, false, 0, 1, true},
		{"query retried after connection reset", []reply{{hangup: true}, {body: usersOK}}, false, 2, 2, false},
		{"mutation not retried after 429", []reply{tooMany, {body: loginOK}}, true, 2, 1, true},
		{"mutation not retried after 502", []reply{{status: 502}, {body: loginOK}}, true, 2, 1, true},
		{"mutation not retried on code 1000", []reply{busy, {body: loginOK}}, true, 2, 1, true},
		{"mutation not retried after connection reset", []reply{{hangup: true}, {body: loginOK}}, true, 2, 1, true},
		{"no retry on an Authing error", []reply{{body: string(readFileOrEmpty("../testdata/responses/error.user-not-found.json"))}, {body: usersOK}}, false, 2, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScripted(t, tt.replies...)
			mc, ac := s.clients(t, tt.retries, nil)
			var err error
			if tt.mutation {
				_, err = callMutation(context.Background(), ac)
			} else {
				_, err = callQuery(context.Background(), mc)
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error: %v", err, tt.wantErr)
			}
			if got := s.count.Load(); got != tt.wantCalls {
				t.Errorf("server saw %d requests, want %d", got, tt.wantCalls)
			}
		})
	}
}

func TestRetryResendsSameEncryptedPassword(t *testing.T) {
	// A connection that cannot be made is provably unsent, so even a
	// mutation is retried; the retry must carry the same ciphertext.
	s := newScripted(t, reply{body: loginOK})
	_, ac := s.clients(t, 2, nil)
	body1, err := json.Marshal(map[string]string{"x": "y"})
	if err != nil || body1 == nil {
		t.Fatal(err)
	}
	tries := 0
	var sent [][]byte
	ac.conn.opts.httpClient = &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		sent = append(sent, b)
		tries++
		if tries == 1 {
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
		}
		return http.DefaultTransport.RoundTrip(rewind(r, b))
	})}
	if _, err := callMutation(context.Background(), ac); err != nil {
		t.Fatal(err)
	}
	if len(sent) != 2 || !bytes.Equal(sent[0], sent[1]) {
		t.Fatalf("sent %d bodies; equal: %v", len(sent), len(sent) == 2 && bytes.Equal(sent[0], sent[1]))
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func rewind(r *http.Request, body []byte) *http.Request {
	r2 := r.Clone(r.Context())
	r2.Body = io.NopCloser(bytes.NewReader(body))
	return r2
}

func TestRetryAfterBeyondDeadlineIsNotAwaited(t *testing.T) {
	s := newScripted(t, reply{status: 429, header: map[string]string{"Retry-After": "30"}}, reply{body: usersOK})
	mc, _ := s.clients(t, 2, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := callQuery(ctx, mc)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 429 {
		t.Fatalf("err = %v, want the 429 *Error", err)
	}
	if time.Since(start) > time.Second {
		t.Errorf("waited %v for a Retry-After past the deadline", time.Since(start))
	}
	if s.count.Load() != 1 {
		t.Errorf("requests = %d, want 1", s.count.Load())
	}
}

func TestOversizedBody(t *testing.T) {
	big := `{"data":{"users":{"totalCount":1,"list":[],"pad":"` + strings.Repeat("x", 4096) + `"}}}`
	s := newScripted(t, reply{body: big})
	mc, _ := s.clients(t, 0, func(o *connOptions) { o.maxResponseBytes = 1024 })
	_, err := callQuery(context.Background(), mc)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(e.Message, "exceeds 1024 bytes") {
		t.Fatalf("err = %v, want an oversized-body *Error", err)
	}
}

func TestTruncatedBodyIsAnError(t *testing.T) {
	// The server promises more bytes than it sends and hangs up.
	s := newScripted(t, reply{body: `{"data":{"users":`, bodyLen: 4096})
	mc, _ := s.clients(t, 0, nil)
	if got, err := callQuery(context.Background(), mc); err == nil {
		t.Fatalf("got %v and no error", got)
	}
}

func TestContext(t *testing.T) {
	t.Run("cancelled before the call", func(t *testing.T) {
		s := newScripted(t, reply{body: usersOK})
		mc, _ := s.clients(t, 2, nil)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := callQuery(ctx, mc)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if s.count.Load() != 0 {
			t.Errorf("a cancelled call reached the server")
		}
	})
	t.Run("deadline passes while the server is slow", func(t *testing.T) {
		s := newScripted(t, reply{body: usersOK, stall: 5 * time.Second})
		mc, _ := s.clients(t, 2, nil)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		_, err := callQuery(ctx, mc)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want context.DeadlineExceeded", err)
		}
	})
	t.Run("Timeout bounds one attempt", func(t *testing.T) {
		s := newScripted(t, reply{body: usersOK, stall: 5 * time.Second})
		mc, _ := s.clients(t, 0, func(o *connOptions) { o.timeout = 50 * time.Millisecond })
		start := time.Now()
		_, err := callQuery(context.Background(), mc)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want context.DeadlineExceeded", err)
		}
		if time.Since(start) > 2*time.Second {
			t.Errorf("call took %v with a 50ms timeout", time.Since(start))
		}
	})
}

func TestUnsetFieldsAreAbsentOnTheWire(t *testing.T) {
	s := newScripted(t, reply{body: `{"data":{"updateUser":` + userJSON(t) + `}}`})
	mc, _ := s.clients(t, 0, nil)
	_, err := generated.UpdateUser(context.Background(), mc.gql, String("u1"), &authing.UpdateUserInput{
		Nickname: String("Bob"), Blocked: Bool(false), LoginsCount: Int(0),
	})
	if err != nil {
		t.Fatal(err)
	}
	var sent struct {
		Variables map[string]any `json:"variables"`
	}
	if err := json.Unmarshal(<-s.bodies, &sent); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"id": "u1", "input": map[string]any{"nickname": "Bob", "blocked": false, "loginsCount": float64(0)}}
	if !jsonEqual(sent.Variables, want) {
		t.Errorf("variables = %v, want exactly %v (unset fields absent, zero values sent)", sent.Variables, want)
	}
}

func userJSON(t *testing.T) string {
	var v map[string]any
	if err := json.Unmarshal([]byte(loginOK), &v); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(v["data"].(map[string]any)["loginByUsername"])
	return string(b)
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func TestSecretsNeverLoggedOrInErrors(t *testing.T) {
	const secret, password = "pool-secret-XYZZY", "p@ss-PLUGH"
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := newScripted(t, reply{body: string(readFileOrEmpty("../testdata/responses/error.wrong-password.json"))})
	mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: secret, Host: s.srv.URL,
		PublicKey: testPublicKeyPEM(), Logger: logger, MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: s.srv.URL,
		PublicKey: testPublicKeyPEM(), Logger: logger, MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	_, err1 := mc.Token(context.Background())
	_, err2 := ac.LoginByUsername(context.Background(), "bob", password, nil)
	_, err3 := ac.WithAccessToken("user-token-QUUX").GetCurrentUser(context.Background())
	if err1 == nil || err2 == nil || err3 == nil {
		t.Fatalf("want errors, got %v, %v, %v", err1, err2, err3)
	}
	if logs.Len() == 0 {
		t.Fatal("the logger received nothing; the test would prove nothing")
	}
	for _, leak := range []string{secret, password, "user-token-QUUX"} {
		for name, text := range map[string]string{"logs": logs.String(), "token error": err1.Error(), "login error": err2.Error(), "user error": err3.Error()} {
			if strings.Contains(text, leak) {
				t.Errorf("%s contain %q:\n%s", name, leak, text)
			}
		}
	}
}

func TestNoLoggerIsSilentAndOptionsAreValidated(t *testing.T) {
	bad := []AuthenticationOptions{
		{},
		{UserPoolID: "p", Host: "ftp://x"},
		{UserPoolID: "p", Lang: "fr-FR"},
		{UserPoolID: "p", MaxRetries: Int(-1)},
		{UserPoolID: "p", PublicKey: "not a key"},
	}
	for _, o := range bad {
		if ac, err := NewAuthenticationClient(o); err == nil || ac != nil || !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("NewAuthenticationClient(%+v) = %v, %v; want nil and ErrInvalidArgument", o, ac, err)
		}
	}
	if _, err := NewManagementClient(ManagementOptions{UserPoolID: "p"}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("NewManagementClient without Secret: %v", err)
	}
}

func TestPublicKeyFromWellKnown(t *testing.T) {
	var wellKnown atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v2/.well-known" {
			wellKnown.Add(1)
			json.NewEncoder(w).Encode(map[string]any{"code": 200, "data": map[string]string{"publicKey": testPublicKeyPEM()}})
			return
		}
		var body struct {
			Variables struct {
				Input struct{ Password string } `json:"input"`
			} `json:"variables"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		if got := decryptPasswords(body.Variables.Input.Password); got != "rsa(p@ssw0rd)" {
			t.Errorf("password decrypts to %v", got)
		}
		io.WriteString(w, loginOK)
	}))
	defer srv.Close()
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := ac.LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := wellKnown.Load(); n != 1 {
		t.Errorf(".well-known fetched %d times, want once per client", n)
	}
}

func TestCallerValuesNotModified(t *testing.T) {
	s := newScripted(t, reply{body: loginOK})
	_, ac := s.clients(t, 0, nil)
	opts := &LoginOptions{ClientIP: String("10.0.0.1")}
	password := "p@ssw0rd"
	if _, err := ac.LoginByUsername(context.Background(), "bob", password, opts); err != nil {
		t.Fatal(err)
	}
	if password != "p@ssw0rd" || *opts.ClientIP != "10.0.0.1" || opts.AutoRegister != nil {
		t.Errorf("caller's values changed: %q %+v", password, opts)
	}
}

func readFile(path string) ([]byte, error) { return os.ReadFile(path) }
