package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestKeyFetchWaitersLeaveOnTheirOwnDeadline checks that a caller waiting
// for the shared public-key fetch leaves when its own context ends, while
// the fetch goes on for the caller that is still waiting.
func TestKeyFetchWaitersLeaveOnTheirOwnDeadline(t *testing.T) {
	arrived, release := make(chan struct{}), make(chan struct{})
	var released atomic.Bool
	var fetches atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v2/.well-known" {
			if fetches.Add(1) == 1 {
				close(arrived)
			}
			<-release
			json.NewEncoder(w).Encode(map[string]any{"code": 200, "data": map[string]string{"publicKey": testPublicKeyPEM()}})
			return
		}
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, loginOK)
	}))
	defer srv.Close()
	releaseOnce := func() {
		if released.CompareAndSwap(false, true) {
			close(release)
		}
	}
	defer releaseOnce()
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}

	first := make(chan error, 1)
	go func() {
		_, err := ac.LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil)
		first <- err
	}()
	<-arrived // the fetch is in flight

	type result struct {
		err         error
		whileHeld   bool
		serverCalls int32
	}
	second := make(chan result, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		_, err := ac.LoginByUsername(ctx, "carol", "p@ssw0rd", nil)
		second <- result{err, !released.Load(), fetches.Load()}
	}()
	select {
	case res := <-second:
		if !res.whileHeld {
			t.Error("the second caller returned only after the key server answered")
		}
		var e *Error
		if !errors.As(res.err, &e) || e.Kind != KindContext || !errors.Is(res.err, context.DeadlineExceeded) {
			t.Errorf("second caller: err = %v, want a KindContext *Error matching DeadlineExceeded", res.err)
		}
		if res.serverCalls != 1 {
			t.Errorf("the second caller started its own fetch: %d fetches", res.serverCalls)
		}
	case <-time.After(5 * time.Second):
		releaseOnce()
		t.Fatal("the second caller, with a 200ms deadline, was still waiting after 5s")
	}
	releaseOnce()
	if err := <-first; err != nil {
		t.Fatalf("first caller: %v", err)
	}
	if _, err := ac.LoginByUsername(context.Background(), "dave", "p@ssw0rd", nil); err != nil {
		t.Fatal(err)
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf(".well-known fetched %d times, want once", n)
	}
}

// TestKeyFetchFailureIsNotCached checks that a failed key fetch is tried
// again by the next call.
func TestKeyFetchFailureIsNotCached(t *testing.T) {
	var fetches atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v2/.well-known" {
			if fetches.Add(1) == 1 {
				w.WriteHeader(http.StatusNotFound)
				return
			}
			json.NewEncoder(w).Encode(map[string]any{"code": 200, "data": map[string]string{"publicKey": testPublicKeyPEM()}})
			return
		}
		io.Copy(io.Discard, r.Body)
		io.WriteString(w, loginOK)
	}))
	defer srv.Close()
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: srv.URL, MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ac.LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindHTTP || e.StatusCode != 404 {
		t.Fatalf("first call: err = %v, want the key fetch's HTTP 404 *Error", err)
	}
	if _, err := ac.LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil); err != nil {
		t.Fatalf("second call: %v", err)
	}
	if n := fetches.Load(); n != 2 {
		t.Errorf(".well-known fetched %d times, want 2", n)
	}
}

// TestRedirectToAnotherHostIsRefused checks that a 307 or 308 to another
// host never receives the request body (here the pool secret of the
// accessToken query) or the credentials, and that the caller's
// *http.Client is left as it was.
func TestRedirectToAnotherHostIsRefused(t *testing.T) {
	for _, tc := range []struct {
		status int
		own    bool // the caller supplies its *http.Client
	}{{http.StatusTemporaryRedirect, true}, {http.StatusPermanentRedirect, true}, {http.StatusTemporaryRedirect, false}} {
		status := tc.status
		t.Run(fmt.Sprintf("%d own client %v", status, tc.own), func(t *testing.T) {
			const secret = "pool-secret-REDIRECTED"
			var otherBodies atomic.Int32
			var otherGot []byte
			other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				if otherBodies.Add(1) == 1 {
					otherGot = append(b, []byte(r.Header.Get("Authorization"))...)
				}
				io.WriteString(w, `{"data":{"accessToken":{"accessToken":"stolen","exp":9999999999,"iat":1}}}`)
			}))
			defer other.Close()
			host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body)
				http.Redirect(w, r, other.URL+r.URL.Path, status)
			}))
			defer host.Close()
			hc := &http.Client{}
			opts := ManagementOptions{UserPoolID: testPoolID, Secret: secret, Host: host.URL, MaxRetries: Int(0)}
			if tc.own {
				opts.HTTPClient = hc
			}
			mc, err := NewManagementClient(opts)
			if err != nil {
				t.Fatal(err)
			}
			_, err = mc.Token(context.Background())
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindHTTP || e.StatusCode != status {
				t.Errorf("err = %v, want a KindHTTP *Error with status %d", err, status)
			}
			if n := otherBodies.Load(); n != 0 {
				t.Errorf("the other host received %d requests; the first carried %q", n, otherGot)
			}
			if hc.CheckRedirect != nil {
				t.Error("the caller's *http.Client was modified")
			}
		})
	}
}

// TestRedirectOnTheSameHostIsFollowed checks that the guard lets a
// redirect within the configured host through, and still asks the
// caller's own CheckRedirect.
func TestRedirectOnTheSameHostIsFollowed(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if r.URL.Path == "/graphql/v2" {
			http.Redirect(w, r, srv.URL+"/graphql/v2/moved", http.StatusTemporaryRedirect)
			return
		}
		io.WriteString(w, loginOK)
	}))
	defer srv.Close()
	var asked atomic.Int32
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		asked.Add(1)
		return nil
	}}
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: srv.URL,
		PublicKey: testPublicKeyPEM(), HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := callMutation(context.Background(), ac); err != nil {
		t.Fatalf("a same-host redirect failed: %v", err)
	}
	if asked.Load() != 1 {
		t.Errorf("the caller's CheckRedirect was asked %d times, want 1", asked.Load())
	}
}

// echoServer answers every request with an Authing error whose message
// echoes what the client sent: the body with the plain password decrypted,
// the Authorization header and the query, plus extra.
func echoServer(t *testing.T, extra string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var v any
		plain := ""
		if json.Unmarshal(body, &v) == nil {
			b, _ := json.Marshal(decryptPasswords(v))
			plain = string(b)
		}
		msg := "invalid request " + string(body) + " decrypted " + plain + " auth " + r.Header.Get("Authorization") +
			" query " + r.URL.RawQuery + " " + extra
		if r.URL.Path != "/graphql/v2" {
			json.NewEncoder(w).Encode(map[string]any{"code": 2006, "message": msg})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{
			"message": map[string]any{"code": 2006, "message": msg}}}})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestServerEchoIsRedacted checks that no secret the client knows reaches
// an error or a log through a server message that echoes the request.
func TestServerEchoIsRedacted(t *testing.T) {
	const (
		poolSecret = "pool-secret-ECHOED"
		appSecret  = "app-secret-ECHOED"
		password   = "p@ss-ECHOED"
		userToken  = "user-token-ECHOED"
	)
	mgmtSrv := echoServer(t, "and the secret "+poolSecret)
	srv := echoServer(t, "and the secret "+appSecret)
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: poolSecret, Host: mgmtSrv.URL,
		Logger: logger, MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: srv.URL, PublicKey: testPublicKeyPEM(),
		AppSecret: appSecret, Logger: logger, MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}

	_, errToken := mc.Token(context.Background())
	// The service layer marks the plain password it encrypts.
	_, errLogin := ac.LoginByUsername(withSecrets(context.Background(), password), "bob", password, nil)
	_, errMe := ac.WithAccessToken(userToken).GetCurrentUser(context.Background())
	errs := map[string]error{"token": errToken, "login": errLogin, "current user": errMe}
	for name, err := range errs {
		var e *Error
		if !errors.As(err, &e) || e.Code != 2006 {
			t.Fatalf("%s: err = %v, want the echo's *Error", name, err)
		}
		if !strings.Contains(e.Message, redacted) {
			t.Errorf("%s: message %q redacts nothing; the test proves nothing", name, e.Message)
		}
	}
	encrypted := regexp.MustCompile(`"password":"([^"]+)"`)
	for _, leak := range []string{poolSecret, appSecret, password, userToken} {
		for name, text := range map[string]string{"logs": logs.String(), "token error": errToken.Error(),
			"login error": errLogin.Error(), "current user error": errMe.Error()} {
			if strings.Contains(text, leak) {
				t.Errorf("%s contain %q:\n%s", name, leak, text)
			}
			if m := encrypted.FindStringSubmatch(text); m != nil && m[1] != redacted {
				t.Errorf("%s contain the encrypted password %q", name, m[1])
			}
		}
	}
}

func TestSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"password": true, "newPassword": true, "oldPassword": true, "secret": true, "client_secret": true,
		"accessToken": true, "refresh_token": true, "id_token_hint": true, "mfaToken": true, "token": true,
		"code_verifier": true, "ticket": true,
		"username": false, "email": false, "userPoolId": false, "query": false, "code": false,
	} {
		if got := secretName(name); got != want {
			t.Errorf("secretName(%q) = %v, want %v", name, got, want)
		}
	}
}

// truncatingServer announces a Content-Length of 4096 and sends only body
// before hanging up.
func truncatingServer(t *testing.T, body string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n" + body)
		buf.Flush()
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestBodyCutShortIsMalformed checks that a body shorter than its
// Content-Length is a KindMalformed *Error, read whole (REST) or as a
// stream (GraphQL).
func TestBodyCutShortIsMalformed(t *testing.T) {
	srv := truncatingServer(t, `{"data":{"loginByUsername":{"id":"x"`)
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: srv.URL,
		PublicKey: testPublicKeyPEM(), MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	rest := truncatingServer(t, `{"code":200,"data":{"publicKey":"`)
	keyless, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: rest.URL, MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	for name, client := range map[string]*AuthenticationClient{"GraphQL stream": ac, "REST .well-known": keyless} {
		t.Run(name, func(t *testing.T) {
			_, err := client.LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil)
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindMalformed || !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Fatalf("err = %v (%T), want a KindMalformed *Error matching io.ErrUnexpectedEOF", err, err)
			}
		})
	}
}

// TestConfiguredKeyIsParsedOnce checks that the key the constructor
// parses while validating PublicKey is the one passwords are encrypted
// with: it is ready before any call.
func TestConfiguredKeyIsParsedOnce(t *testing.T) {
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: "https://example.invalid",
		PublicKey: testPublicKeyPEM()})
	if err != nil {
		t.Fatal(err)
	}
	key := ac.conn.keys.key.Load()
	if key == nil {
		t.Fatal("the constructor's key is not the one in use: it would be parsed again at the first encryption")
	}
	got, err := ac.conn.keys.get(context.Background(), "test")
	if err != nil || got != key {
		t.Fatalf("get = %p, %v; want the constructor's key %p", got, err, key)
	}
	if !key.Equal(&testKey().PublicKey) {
		t.Error("the stored key is not the configured one")
	}
}

// TestSharedFetchErrorsAreOwnCopies checks that the callers sharing one
// failed fetch (the public key, the management token) each get their own
// *Error, so that naming their operation on it (withOperation) does not
// race the others or change the shared value.
func TestSharedFetchErrorsAreOwnCopies(t *testing.T) {
	shared := &Error{Kind: KindHTTP, StatusCode: 404, Operation: "GET /api/v2/.well-known", Message: "Not Found"}
	ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	kf := &keyFetch{done: make(chan struct{}), err: shared}
	close(kf.done)
	ac.conn.keys.inflight = kf // a fetch that has just failed
	tf := &tokenFetch{done: make(chan struct{}), err: shared}
	close(tf.done)
	waiters := map[string]func(op string) error{
		"key": func(op string) error {
			_, err := ac.conn.keys.get(context.Background(), op)
			return err
		},
		"token": func(string) error {
			_, err := tf.wait(context.Background())
			return err
		},
	}
	for name, wait := range waiters {
		t.Run(name, func(t *testing.T) {
			var got []*Error
			for _, op := range []string{"LoginByUsername", "LoginByEmail"} {
				var e *Error
				if err := withOperation(op, wait(op)); !errors.As(err, &e) {
					t.Fatalf("err = %v, want *Error", err)
				}
				got = append(got, e)
			}
			if got[0] == got[1] || got[0] == shared {
				t.Error("the callers share one *Error value")
			}
			if got[0].Operation != "LoginByUsername" || got[1].Operation != "LoginByEmail" ||
				shared.Operation != "GET /api/v2/.well-known" {
				t.Errorf("operations = %q, %q, shared %q", got[0].Operation, got[1].Operation, shared.Operation)
			}
		})
	}
}

// TestWrappedDecoderErrorIsRedacted checks that a decoder's error that
// wraps an *Error in text quoting a secret comes back as the redacted
// *Error itself.
func TestWrappedDecoderErrorIsRedacted(t *testing.T) {
	const token = "user-token-WRAPPED"
	s := newScripted(t, reply{body: `{}`})
	_, ac := s.clients(t, 0, nil)
	r := &request{op: "GET /api/v2/users/me", method: http.MethodGet, url: s.srv.URL + "/api/v2/users/me", token: token}
	err := ac.conn.do(context.Background(), r, func(int, http.Header, []byte) error {
		inner := &Error{Kind: KindServer, Code: 2020, Message: "token " + token + " expired"}
		return fmt.Errorf("decoding with %s: %w", token, inner)
	})
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("err = %v (%T), want the *Error itself", err, err)
	}
	if strings.Contains(err.Error(), token) || e.Code != 2020 || e.Request != r.op {
		t.Errorf("err = %q (code %d, request %q), want code 2020 for %s without the token", err, e.Code, e.Request, r.op)
	}
}
