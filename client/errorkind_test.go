package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestErrorKind checks that every failure is an *Error whose Kind says
// where it arose, and that the causes stay reachable.
func TestErrorKind(t *testing.T) {
	wrongPassword := string(readFileOrEmpty("../testdata/responses/error.wrong-password.json"))
	html502 := string(readFileOrEmpty("../testdata/responses/gateway-502.html"))
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name     string
		reply    reply
		ctx      context.Context
		deadline time.Duration // the caller's deadline, when set
		timeout  time.Duration // Timeout of one attempt, when set
		closed   bool          // the server is gone before the call
		username string
		want     ErrorKind
		is       []error // each must match with errors.Is
		isNot    []error // none may match
		asOpErr  bool    // errors.As(err, **net.OpError) must succeed
	}{
		{name: "wrong password", reply: reply{body: wrongPassword}, want: KindServer,
			is: []error{ErrWrongPassword}, isNot: []error{ErrInvalidArgument, ErrNotFound}},
		{name: "gateway page", reply: reply{status: 502, body: html502}, want: KindHTTP},
		{name: "not JSON", reply: reply{body: "<html>oops</html>"}, want: KindMalformed},
		{name: "empty 200", reply: reply{body: ""}, want: KindMalformed},
		{name: "connection refused", closed: true, want: KindNetwork, asOpErr: true},
		{name: "hang-up", reply: reply{hangup: true}, want: KindNetwork},
		{name: "attempt timeout", reply: reply{stall: 5 * time.Second}, timeout: 50 * time.Millisecond,
			want: KindNetwork, is: []error{context.DeadlineExceeded}},
		{name: "cancelled", reply: reply{body: loginOK}, ctx: cancelled, want: KindContext,
			is: []error{context.Canceled}},
		{name: "deadline", reply: reply{stall: 5 * time.Second}, deadline: 50 * time.Millisecond,
			want: KindContext, is: []error{context.DeadlineExceeded}},
		{name: "empty username", reply: reply{body: loginOK}, username: "-", want: KindInvalidArgument,
			is: []error{ErrInvalidArgument}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScripted(t, tt.reply)
			_, ac := s.clients(t, 0, func(o *connOptions) {
				if tt.timeout > 0 {
					o.timeout = tt.timeout
				}
			})
			if tt.closed {
				s.srv.Close()
			}
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			if tt.deadline > 0 {
				ctx = deadlineCtx(t, tt.deadline)
			}
			username := "bob"
			if tt.username == "-" {
				username = ""
			}
			_, err := ac.LoginByUsername(ctx, username, "p@ssw0rd", nil)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (%T), want an *Error", err, err)
			}
			if e.Kind != tt.want {
				t.Errorf("Kind = %q, want %q (%v)", e.Kind, tt.want, err)
			}
			for _, target := range tt.is {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(%v, %v) = false", err, target)
				}
			}
			for _, target := range tt.isNot {
				if errors.Is(err, target) {
					t.Errorf("errors.Is(%v, %v) = true", err, target)
				}
			}
			var opErr *net.OpError
			if tt.asOpErr && !errors.As(err, &opErr) {
				t.Errorf("errors.As(%v, *net.OpError) = false", err)
			}
			if tt.want != KindInvalidArgument && e.Request != "LoginByUsername" {
				t.Errorf("Request = %q, want LoginByUsername", e.Request)
			}
		})
	}
}

func deadlineCtx(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// TestGraphQLCodeIsNotKind checks that GraphQL's extensions.code has its
// own field: a wrong password is KindServer, whatever class the GraphQL
// layer gives it.
func TestGraphQLCodeIsNotKind(t *testing.T) {
	s := newScripted(t, reply{body: string(readFileOrEmpty("../testdata/responses/error.wrong-password.json"))})
	_, ac := s.clients(t, 0, nil)
	_, err := callMutation(context.Background(), ac)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want *Error", err)
	}
	if e.Kind != KindServer || e.GraphQLCode != "INTERNAL_SERVER_ERROR" || e.Code != 2006 {
		t.Errorf("Kind, GraphQLCode, Code = %q, %q, %d; want server, INTERNAL_SERVER_ERROR, 2006",
			e.Kind, e.GraphQLCode, e.Code)
	}
}

// TestLocalErrorsMatchTheirSentinelOnly checks the errors made without a
// request: each is an *Error and matches its own sentinel, not another.
func TestLocalErrorsMatchTheirSentinelOnly(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		kind  ErrorKind
		is    error
		isNot []error
	}{
		{"argument", argError("Users.Get", "id is required"), KindInvalidArgument, ErrInvalidArgument,
			[]error{ErrNotFound, ErrNotLoggedIn}},
		{"not logged in", notLoggedIn("GetCurrentUser"), KindInvalidArgument, ErrNotLoggedIn,
			[]error{ErrInvalidArgument, ErrNotFound}},
		{"not found", notFound("Roles.Get", "role admin"), KindServer, ErrNotFound,
			[]error{ErrInvalidArgument, ErrUserNotFound}},
		{"user not found", userNotFound("Users.Get"), KindServer, ErrUserNotFound,
			[]error{ErrInvalidArgument, ErrNotLoggedIn}},
		{"user not found is a not found", userNotFound("Users.Get"), KindServer, ErrNotFound,
			[]error{ErrInvalidArgument}},
		{"expired token is not logged in", &Error{Kind: KindServer, Code: int(ErrLoginExpired)}, KindServer, ErrNotLoggedIn,
			[]error{ErrNotFound, ErrInvalidArgument}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e *Error
			if !errors.As(tt.err, &e) || e.Kind != tt.kind {
				t.Fatalf("%v (%T): want an *Error of kind %q", tt.err, tt.err, tt.kind)
			}
			if !errors.Is(tt.err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", tt.err, tt.is)
			}
			for _, target := range tt.isNot {
				if errors.Is(tt.err, target) {
					t.Errorf("errors.Is(%v, %v) = true", tt.err, target)
				}
			}
		})
	}
}

func TestWithOperation(t *testing.T) {
	plain := errors.New("plain")
	e := &Error{Kind: KindServer, Code: 2004, Operation: "Users", Request: "Users", Message: "用户不存在"}
	wrapped := errors.Join(errors.New("context"), e)
	tests := []struct {
		name    string
		err     error
		wantOp  string // Operation of the *Error in the chain; "" when there is none
		wantMsg string
	}{
		{"nil", nil, "", ""},
		{"plain error unchanged", plain, "", "plain"},
		{"*Error", &Error{Kind: KindServer, Code: 2004, Operation: "Users", Request: "Users", Message: "m"},
			"Users.List", "authing: Users.List: Users: code 2004: m"},
		{"*Error in a chain", wrapped, "Users.List", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withOperation("Users.List", tt.err)
			if got != tt.err {
				t.Fatalf("withOperation returned %v, want the same error %v", got, tt.err)
			}
			var ge *Error
			if errors.As(got, &ge) != (tt.wantOp != "") {
				t.Fatalf("errors.As = %v, want %v", !(tt.wantOp != ""), tt.wantOp != "")
			}
			if ge != nil && ge.Operation != tt.wantOp {
				t.Errorf("Operation = %q, want %q", ge.Operation, tt.wantOp)
			}
			if tt.wantMsg != "" && got.Error() != tt.wantMsg {
				t.Errorf("Error() = %q, want %q", got.Error(), tt.wantMsg)
			}
		})
	}
	if e.Request != "Users" {
		t.Errorf("withOperation changed Request to %q", e.Request)
	}
}

// TestManagementTokenWaitIsContextError checks that a caller who stops
// waiting for the shared management token fetch gets a KindContext *Error.
func TestManagementTokenWaitIsContextError(t *testing.T) {
	s := newScripted(t, reply{stall: 500 * time.Millisecond})
	mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: "s", Host: s.srv.URL,
		HTTPClient: &http.Client{}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = mc.Users.List(deadlineCtx(t, 50*time.Millisecond), nil)
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindContext || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v (%T), want a KindContext *Error matching DeadlineExceeded", err, err)
	}
}

// TestUnsendableArgumentsAreInvalidArgument checks that a request the
// client cannot encode (a password too long for the key, a body JSON
// cannot encode) fails before any request as KindInvalidArgument.
func TestUnsendableArgumentsAreInvalidArgument(t *testing.T) {
	s := newScripted(t, reply{body: loginOK})
	mc, ac := s.clients(t, 0, nil)
	_, errPassword := ac.LoginByUsername(context.Background(), "bob", strings.Repeat("p", 4096), nil)
	errBody := mc.gql.rest(context.Background(), restCall{method: http.MethodPost, path: "/api/v2/x",
		body: map[string]any{"bad": make(chan int)}}, nil)
	for name, err := range map[string]error{"long password": errPassword, "unencodable body": errBody} {
		var e *Error
		if !errors.As(err, &e) || e.Kind != KindInvalidArgument || !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v (%T), want a KindInvalidArgument *Error", name, err, err)
		}
	}
	if n := s.count.Load(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}
