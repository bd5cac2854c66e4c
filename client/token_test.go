package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// tokenServer issues management tokens and answers other calls with the
// users list; hooks change its behaviour per test.
type tokenServer struct {
	srv        *httptest.Server
	tokenCalls atomic.Int32
	otherCalls atomic.Int32
	issued     atomic.Int32
	exp        func() int64                      // exp of the next token
	iat        func() int64                      // iat of the next token; nil: now
	lastAuth   atomic.Value                      // Authorization of the last other call
	accessErr  string                            // non-empty: accessToken answers this body
	other      func(authorization string) string // body for other calls; nil: users list
	delay      time.Duration                     // slows accessToken answers
}

func newTokenServer(t *testing.T) *tokenServer {
	ts := &tokenServer{exp: func() int64 { return time.Now().Add(24 * time.Hour).Unix() }}
	ts.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			OperationName string `json:"operationName"`
		}
		b, _ := io.ReadAll(r.Body)
		json.Unmarshal(b, &body)
		if body.OperationName == "AccessToken" {
			ts.tokenCalls.Add(1)
			time.Sleep(ts.delay)
			if ts.accessErr != "" {
				io.WriteString(w, ts.accessErr)
				return
			}
			n := ts.issued.Add(1)
			iat := time.Now().Unix()
			if ts.iat != nil {
				iat = ts.iat()
			}
			json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"accessToken": map[string]any{
				"accessToken": "token-" + itoa(int(n)), "exp": ts.exp(), "iat": iat}}})
			return
		}
		ts.otherCalls.Add(1)
		ts.lastAuth.Store(r.Header.Get("Authorization"))
		if ts.other != nil {
			io.WriteString(w, ts.other(r.Header.Get("Authorization")))
			return
		}
		io.WriteString(w, usersOK)
	}))
	t.Cleanup(ts.srv.Close)
	return ts
}

func (ts *tokenServer) client(t *testing.T, opts ManagementOptions) *ManagementClient {
	t.Helper()
	opts.Host = ts.srv.URL
	if opts.UserPoolID == "" {
		opts.UserPoolID = testPoolID
	}
	if opts.Secret == "" {
		opts.Secret = "pool-secret-for-tests"
	}
	mc, err := NewManagementClient(opts)
	if err != nil {
		t.Fatal(err)
	}
	return mc
}

func TestTokenFetchedOnceForConcurrentCallers(t *testing.T) {
	ts := newTokenServer(t)
	ts.delay = 50 * time.Millisecond // keep the fetch in flight while all callers arrive
	mc := ts.client(t, ManagementOptions{})
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if _, err := mc.Users.List(context.Background(), nil); err != nil {
				errs <- err
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := ts.tokenCalls.Load(); n != 1 {
		t.Errorf("accessToken requested %d times by 64 concurrent first calls, want 1", n)
	}
	if n := ts.otherCalls.Load(); n != 64 {
		t.Errorf("%d list calls reached the server, want 64", n)
	}
}

func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	ts := newTokenServer(t)
	now := time.Now()
	ts.exp = func() int64 { return now.Add(2 * time.Hour).Unix() }
	mc := ts.client(t, ManagementOptions{TokenRefreshMargin: time.Hour})
	clock := now
	mc.tokens.now = func() time.Time { return clock }
	ctx := context.Background()
	first, err := mc.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	clock = now.Add(30 * time.Minute) // 90 minutes left: still good
	if tok, _ := mc.Token(ctx); tok != first {
		t.Errorf("token replaced with 90 minutes left")
	}
	clock = now.Add(61 * time.Minute) // 59 minutes left: inside the margin
	second, err := mc.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if second == first || ts.tokenCalls.Load() != 2 {
		t.Errorf("token not refreshed inside the margin: %q -> %q, %d fetches", first, second, ts.tokenCalls.Load())
	}
}

func TestRejectedTokenIsRefreshedAndRetriedOnce(t *testing.T) {
	for _, code := range []int{2020, 2206} {
		ts := newTokenServer(t)
		body := `{"errors":[{"message":{"code":` + itoa(code) + `,"message":"expired"}}]}`
		ts.other = func(auth string) string {
			if auth == "Bearer token-1" {
				return body
			}
			return usersOK
		}
		mc := ts.client(t, ManagementOptions{})
		if _, err := mc.Users.List(context.Background(), nil); err != nil {
			t.Fatalf("code %d: %v", code, err)
		}
		if ts.tokenCalls.Load() != 2 || ts.otherCalls.Load() != 2 {
			t.Errorf("code %d: %d token fetches and %d calls, want 2 and 2", code, ts.tokenCalls.Load(), ts.otherCalls.Load())
		}
	}
}

func TestRejectedTwiceIsReturnedWithoutLoop(t *testing.T) {
	ts := newTokenServer(t)
	ts.other = func(string) string { return `{"errors":[{"message":{"code":2020,"message":"尚未登录"}}]}` }
	mc := ts.client(t, ManagementOptions{})
	_, err := mc.Users.List(context.Background(), nil)
	if !errors.Is(err, ErrNotLoggedIn) {
		t.Fatalf("err = %v, want ErrNotLoggedIn", err)
	}
	if ts.tokenCalls.Load() != 2 || ts.otherCalls.Load() != 2 {
		t.Errorf("%d token fetches and %d calls, want 2 and 2", ts.tokenCalls.Load(), ts.otherCalls.Load())
	}
}

func TestWrongSecret(t *testing.T) {
	ts := newTokenServer(t)
	ts.accessErr = `{"errors":[{"message":{"code":1001,"message":"用户池密钥不正确"}}],"data":null}`
	const secret = "very-secret-SHOULD-NOT-LEAK"
	var logs bytes.Buffer
	mc := ts.client(t, ManagementOptions{Secret: secret, MaxRetries: Int(3),
		Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	_, err := mc.Token(context.Background())
	if !errors.Is(err, ErrForbidden) {
		t.Fatalf("err = %v, want the server's code 1001", err)
	}
	if _, err := mc.Users.List(context.Background(), nil); err == nil {
		t.Fatal("a call with a wrong secret succeeded")
	}
	if n := ts.tokenCalls.Load(); n != 2 {
		t.Errorf("accessToken requested %d times for two calls, want 2 (no retry loop)", n)
	}
	if ts.otherCalls.Load() != 0 {
		t.Error("a call was sent without a token")
	}
	if strings.Contains(err.Error(), secret) || strings.Contains(logs.String(), secret) {
		t.Errorf("the secret leaked:\nerror: %v\nlogs: %s", err, logs.String())
	}
	if logs.Len() == 0 {
		t.Error("nothing was logged; the leak check proved nothing")
	}
}

func TestClientsNeverShareTokens(t *testing.T) {
	a, b := newTokenServer(t), newTokenServer(t)
	mcA := a.client(t, ManagementOptions{UserPoolID: "pool-a"})
	mcB := b.client(t, ManagementOptions{UserPoolID: "pool-b"})
	mcA2 := a.client(t, ManagementOptions{UserPoolID: "pool-a2"})
	ctx := context.Background()
	for _, mc := range []*ManagementClient{mcA, mcB, mcA2} {
		if _, err := mc.Token(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if a.tokenCalls.Load() != 2 || b.tokenCalls.Load() != 1 {
		t.Errorf("token fetches: host A %d (two clients), host B %d; want 2 and 1", a.tokenCalls.Load(), b.tokenCalls.Load())
	}
}

func TestCancelledCallerDoesNotFailOthers(t *testing.T) {
	ts := newTokenServer(t)
	ts.delay = 100 * time.Millisecond
	mc := ts.client(t, ManagementOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := mc.Token(ctx); done <- err }()
	time.Sleep(10 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: %v", err)
	}
	if n := ts.tokenCalls.Load(); n != 1 {
		t.Errorf("accessToken requested %d times, want 1", n)
	}
	// A call whose context ends while it waits names itself.
	fresh := ts.client(t, ManagementOptions{})
	ctx2, cancel2 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel2()
	if _, err := fresh.Users.List(ctx2, nil); !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "authing: Users: waiting for the management token") {
		t.Errorf("call waiting for the token: %v", err)
	}
	if _, err := mc.Token(context.Background()); err != nil {
		t.Errorf("a patient caller failed after another gave up: %v", err)
	}
}

// fakeClock is a settable clock for tokenSource.now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestTokenExpiringBetweenCallsIsReplaced(t *testing.T) {
	ts := newTokenServer(t)
	ts.exp = func() int64 { return time.Now().Add(2 * time.Second).Unix() }
	mc := ts.client(t, ManagementOptions{TokenRefreshMargin: time.Millisecond})
	clock := &fakeClock{t: time.Now()}
	mc.tokens.now = clock.now
	ctx := context.Background()
	if _, err := mc.Users.List(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := ts.lastAuth.Load(); got != "Bearer token-1" {
		t.Fatalf("first call sent %v", got)
	}
	clock.add(3 * time.Second) // token-1 has expired
	if _, err := mc.Users.List(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got := ts.lastAuth.Load(); got != "Bearer token-2" {
		t.Errorf("call after expiry sent %v, want the new token", got)
	}
	if n := ts.tokenCalls.Load(); n != 2 {
		t.Errorf("accessToken requested %d times, want 2", n)
	}
}

// A token living less than the refresh margin (one hour by default) used to
// be stale on arrival: every call fetched a new one.
func TestShortLivedTokenIsReused(t *testing.T) {
	ts := newTokenServer(t)
	ts.exp = func() int64 { return time.Now().Add(10 * time.Minute).Unix() }
	mc := ts.client(t, ManagementOptions{}) // margin: one hour
	clock := &fakeClock{t: time.Now()}
	mc.tokens.now = clock.now
	ctx := context.Background()
	for range 20 {
		if _, err := mc.Users.List(ctx, nil); err != nil {
			t.Fatal(err)
		}
		clock.add(10 * time.Second)
	}
	if n := ts.tokenCalls.Load(); n != 1 {
		t.Fatalf("accessToken requested %d times for 20 calls in 200s of a 10-minute token, want 1", n)
	}
	clock.add(5 * time.Minute) // past half of its life: replaced
	if _, err := mc.Users.List(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if n := ts.tokenCalls.Load(); n != 2 {
		t.Errorf("accessToken requested %d times after half the token's life, want 2", n)
	}
}

// The token's lifetime is read on the server's clock (exp - iat), so a
// server clock far from ours changes nothing.
func TestTokenLifetimeIgnoresClockSkew(t *testing.T) {
	for _, skew := range []time.Duration{-48 * time.Hour, 48 * time.Hour} {
		ts := newTokenServer(t)
		ts.iat = func() int64 { return time.Now().Add(skew).Unix() }
		ts.exp = func() int64 { return time.Now().Add(skew + 2*time.Hour).Unix() }
		mc := ts.client(t, ManagementOptions{TokenRefreshMargin: time.Hour})
		clock := &fakeClock{t: time.Now()}
		mc.tokens.now = clock.now
		ctx := context.Background()
		for range 5 {
			if _, err := mc.Token(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if n := ts.tokenCalls.Load(); n != 1 {
			t.Errorf("server clock %v: accessToken requested %d times for 5 calls, want 1", skew, n)
		}
		clock.add(61 * time.Minute) // inside the margin of a 2-hour token
		if _, err := mc.Token(ctx); err != nil {
			t.Fatal(err)
		}
		if n := ts.tokenCalls.Load(); n != 2 {
			t.Errorf("server clock %v: token not replaced inside the margin (%d fetches)", skew, n)
		}
	}
}

func TestTokenSchedule(t *testing.T) {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	s := &tokenSource{margin: time.Hour}
	for _, tc := range []struct {
		name               string
		g                  tokenGrant
		wantExp, wantAfter time.Duration // relative to start
	}{
		{"long-lived", tokenGrant{exp: start.Add(24 * time.Hour), iat: start}, 24 * time.Hour, 23 * time.Hour},
		{"shorter than the margin", tokenGrant{exp: start.Add(30 * time.Minute), iat: start}, 30 * time.Minute, 15 * time.Minute},
		{"no iat", tokenGrant{exp: start.Add(3 * time.Hour)}, 3 * time.Hour, 2 * time.Hour},
		{"server ahead", tokenGrant{exp: start.Add(50 * time.Hour), iat: start.Add(48 * time.Hour)}, 2 * time.Hour, time.Hour},
		{"already expired", tokenGrant{exp: start.Add(-time.Minute)}, -time.Minute, 0},
	} {
		exp, at := s.schedule(start, tc.g)
		if exp.Sub(start) != tc.wantExp || at.Sub(start) != tc.wantAfter {
			t.Errorf("%s: exp %v, refresh %v; want %v, %v", tc.name, exp.Sub(start), at.Sub(start), tc.wantExp, tc.wantAfter)
		}
	}
}

// TestTokenFetchKeepsCallerValues checks that the fetch sees the values of
// the context of the caller that started it (trace and log values), not
// its cancellation, and names itself AccessToken.
func TestTokenFetchKeepsCallerValues(t *testing.T) {
	type traceKey struct{}
	seen := make(chan context.Context, 1)
	release := make(chan struct{})
	s := &tokenSource{margin: time.Minute, now: time.Now, fetch: func(ctx context.Context) (tokenGrant, error) {
		seen <- ctx
		<-release
		return tokenGrant{token: "t", exp: time.Now().Add(time.Hour)}, ctx.Err()
	}}
	caller, cancel := context.WithCancel(context.WithValue(withOp(context.Background(), "Users.List"), traceKey{}, "trace-1"))
	done := make(chan error, 1)
	go func() { _, err := s.get(caller); done <- err }()
	ctx := <-seen
	cancel()
	if err := <-done; err == nil {
		t.Error("the cancelled caller got no error")
	}
	close(release)
	if ctx.Value(traceKey{}) != "trace-1" {
		t.Error("the fetch lost the caller's values")
	}
	if op, _ := OperationName(ctx); op != "AccessToken" {
		t.Errorf("the fetch is named %q, want AccessToken", op)
	}
	if tok, err := s.get(context.Background()); err != nil || tok != "t" {
		t.Errorf("after the caller gave up, get = %q, %v; want the fetched token", tok, err)
	}
}
