package client_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/authingtest"
	"github.com/authing-go/authing/client"
)

// sharedClient starts a local server and one AuthenticationClient for it,
// as a web application builds it once at start-up.
func sharedClient(t *testing.T, opts ...authingtest.Option) (*authingtest.Server, *client.AuthenticationClient) {
	t.Helper()
	srv := authingtest.NewServer(opts...)
	t.Cleanup(srv.Close)
	ac, err := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: srv.UserPoolID, Host: srv.URL,
		AppID: "app1", MaxRetries: client.Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	return srv, ac
}

// tokenSubject reads the sub claim of a token without verifying it.
func tokenSubject(t *testing.T, token string) string {
	var claims jwt.RegisteredClaims
	if _, _, err := jwt.NewParser().ParseUnverified(token, &claims); err != nil {
		t.Errorf("token %q: %v", token, err)
	}
	return claims.Subject
}

// TestSharedClientServesEachUserTheirOwn runs 100 users through one
// AuthenticationClient at once: each registers, logs in, binds its token,
// sets a nickname of its own and reads it back, and refreshes its token.
// Every answer must belong to the goroutine that asked.
func TestSharedClientServesEachUserTheirOwn(t *testing.T) {
	_, ac := sharedClient(t)
	ctx := context.Background()
	const users = 100
	var wg sync.WaitGroup
	errs := make(chan error, users)
	for i := range users {
		wg.Go(func() {
			if err := oneUserSession(ctx, ac, fmt.Sprintf("user%03d", i)); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// oneUserSession is one user's requests, as one handler would make them.
func oneUserSession(ctx context.Context, ac *client.AuthenticationClient, name string) error {
	registered, err := ac.RegisterByUsername(ctx, name, "passw0rd-"+name, nil)
	if err != nil {
		return fmt.Errorf("%s: register: %w", name, err)
	}
	u, err := ac.LoginByUsername(ctx, name, "passw0rd-"+name, nil)
	if err != nil {
		return fmt.Errorf("%s: login: %w", name, err)
	}
	if u.ID != registered.ID || u.Username != name || u.Token == "" {
		return fmt.Errorf("%s: login answered user %s (%s) with token %q", name, u.Username, u.ID, u.Token)
	}
	uc := ac.WithAccessToken(u.Token)
	nick := "nick-" + name
	if p, err := uc.UpdateProfile(ctx, &authing.UpdateUserInput{Nickname: &nick}); err != nil || p.ID != u.ID || p.Nickname != nick {
		return fmt.Errorf("%s: update profile: %v, %+v", name, err, p)
	}
	me, err := uc.GetCurrentUser(ctx)
	if err != nil || me.ID != u.ID || me.Nickname != nick {
		return fmt.Errorf("%s: current user: %v, %+v", name, err, me)
	}
	rt, err := uc.RefreshToken(ctx)
	if err != nil {
		return fmt.Errorf("%s: refresh: %w", name, err)
	}
	var claims jwt.RegisteredClaims
	if _, _, err := jwt.NewParser().ParseUnverified(rt.Token, &claims); err != nil || claims.Subject != u.ID {
		return fmt.Errorf("%s: refreshed token is for %q (%v), want %s", name, claims.Subject, err, u.ID)
	}
	if again, err := ac.WithAccessToken(rt.Token).GetCurrentUser(ctx); err != nil || again.ID != u.ID {
		return fmt.Errorf("%s: current user with the refreshed token: %v, %+v", name, err, again)
	}
	return nil
}

// TestFailedLoginLeavesOthersAlone is the sequence that used to answer
// with the wrong user: Alice logs in, Bob's login fails, and a profile
// update for Alice that finishes after Bob's login.
func TestFailedLoginLeavesOthersAlone(t *testing.T) {
	srv, ac := sharedClient(t)
	ctx := context.Background()
	for _, name := range []string{"alice", "bob"} {
		if _, err := srv.SeedUser(authingtest.SeedUser{Username: name, Password: "passw0rd"}); err != nil {
			t.Fatal(err)
		}
	}
	alice, err := ac.LoginByUsername(ctx, "alice", "passw0rd", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ac.LoginByUsername(ctx, "bob", "wrong", nil); !errors.Is(err, client.ErrWrongPassword) {
		t.Fatalf("Bob's wrong login: %v, want ErrWrongPassword", err)
	}
	uc := ac.WithAccessToken(alice.Token)
	if me, err := uc.GetCurrentUser(ctx); err != nil || me.Username != "alice" {
		t.Fatalf("after Bob's failed login, the current user is %+v (%v), want alice", me, err)
	}
	// Alice's update starts, Bob logs in, then Alice's update returns.
	bobIn := make(chan *authing.User)
	go func() {
		bob, err := ac.LoginByUsername(ctx, "bob", "passw0rd", nil)
		if err != nil {
			t.Error(err)
		}
		bobIn <- bob
	}()
	bob := <-bobIn
	updated, err := uc.UpdateProfile(ctx, &authing.UpdateUserInput{Company: client.String("Alice Inc.")})
	if err != nil || updated.Username != "alice" {
		t.Fatalf("Alice's update answered %+v (%v)", updated, err)
	}
	if uc.Token() != alice.Token {
		t.Error("Alice's client changed its token")
	}
	if sub := tokenSubject(t, bob.Token); sub == alice.ID {
		t.Error("Bob's login returned Alice's token")
	}
	if me, err := ac.WithAccessToken(bob.Token).GetCurrentUser(ctx); err != nil || me.Username != "bob" || me.Company != "" {
		t.Errorf("Bob's client answers %+v (%v), want bob without Alice's company", me, err)
	}
}

// TestErrorRouting is the table a handler routes errors by: one errors.Is
// target per case, and every failure an *Error with a documented Kind.
func TestErrorRouting(t *testing.T) {
	srv, ac := sharedClient(t, authingtest.WithTokenLifetime(time.Hour))
	ctx := context.Background()
	bobID, err := srv.SeedUser(authingtest.SeedUser{Username: "bob", Password: "passw0rd"})
	if err != nil {
		t.Fatal(err)
	}
	bob, err := ac.LoginByUsername(ctx, "bob", "passw0rd", nil)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := client.NewManagementClient(client.ManagementOptions{UserPoolID: srv.UserPoolID, Secret: srv.Secret, Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	expired := func() error {
		srv.Advance(2 * time.Hour)
		defer srv.Advance(-2 * time.Hour)
		_, err := ac.WithAccessToken(bob.Token).GetCurrentUser(ctx)
		return err
	}
	tests := []struct {
		name  string
		call  func() error
		is    error
		isNot []error
		kind  client.ErrorKind
	}{
		{"missing token", func() error { _, err := ac.WithAccessToken("").GetCurrentUser(ctx); return err },
			client.ErrNotLoggedIn, []error{client.ErrInvalidArgument}, client.KindInvalidArgument},
		{"malformed token, local check", func() error {
			_, err := ac.WithAccessToken("garbage").HasRole(ctx, client.RoleRef{Code: "admin"})
			return err
		},
			client.ErrNotLoggedIn, []error{client.ErrInvalidArgument}, client.KindInvalidArgument},
		{"malformed token, server check", func() error { _, err := ac.WithAccessToken("garbage").GetCurrentUser(ctx); return err },
			client.ErrNotLoggedIn, nil, client.KindServer},
		{"expired token", expired, client.ErrNotLoggedIn, nil, client.KindServer},
		{"unknown user", func() error { _, err := mc.Users.Detail(ctx, "no-such-user", false); return err },
			client.ErrNotFound, nil, client.KindServer},
		{"unknown user, its code", func() error { _, err := ac.LoginByUsername(ctx, "nobody", "passw0rd", nil); return err },
			client.ErrUserNotFound, nil, client.KindServer},
		{"unknown role", func() error { _, err := mc.Roles.Detail(ctx, "no-such-role", ""); return err },
			client.ErrNotFound, []error{client.ErrUserNotFound}, client.KindServer},
		{"wrong password", func() error { _, err := ac.LoginByUsername(ctx, "bob", "wrong", nil); return err },
			client.ErrWrongPassword, []error{client.ErrNotFound}, client.KindServer},
		{"invalid argument", func() error { _, err := mc.Users.Detail(ctx, "", false); return err },
			client.ErrInvalidArgument, []error{client.ErrNotFound}, client.KindInvalidArgument},
		{"cancelled context", func() error { _, err := mc.Users.Detail(cancelled, bobID, false); return err },
			context.Canceled, nil, client.KindContext},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var e *client.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (%T), want *client.Error", err, err)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			for _, target := range tt.isNot {
				if errors.Is(err, target) {
					t.Errorf("errors.Is(%v, %v) = true", err, target)
				}
			}
			if e.Kind != tt.kind {
				t.Errorf("Kind = %q, want %q (%v)", e.Kind, tt.kind, err)
			}
			if e.Operation == "" {
				t.Errorf("no Operation in %v", err)
			}
		})
	}
}

// TestErrorNamesTheGoMethod checks the one vocabulary of Error.Operation:
// the Go method the caller called, with the wire call in Request.
func TestErrorNamesTheGoMethod(t *testing.T) {
	srv, ac := sharedClient(t)
	ctx := context.Background()
	mc, err := client.NewManagementClient(client.ManagementOptions{UserPoolID: srv.UserPoolID, Secret: srv.Secret, Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	tests := []struct {
		call          func() error
		op, request   string
		requestPrefix bool
	}{
		{func() error { _, err := ac.LoginByUsername(ctx, "nobody", "passw0rd", nil); return err }, "LoginByUsername", "LoginByUsername", false},
		{func() error { _, err := ac.WithAccessToken("garbage").GetCurrentUser(ctx); return err }, "GetCurrentUser", "GET /api/v2/users/me", false},
		{func() error {
			_, err := mc.Users.Update(ctx, "no-such-user", &authing.UpdateUserInput{Nickname: client.String("x")})
			return err
		}, "Users.Update", "UpdateUser", false},
		{func() error { _, err := mc.Statistics.ListUserActions(cancelled, nil); return err }, "Statistics.ListUserActions", "", true},
		{func() error { _, err := mc.Roles.AddUsers(ctx, "no-such-role", []string{"u"}, ""); return err }, "Roles.AddUsers", "AssignRole", false},
	}
	for _, tt := range tests {
		err := tt.call()
		var e *client.Error
		if !errors.As(err, &e) {
			t.Errorf("%s: err = %v, want *client.Error", tt.op, err)
			continue
		}
		if e.Operation != tt.op || (!tt.requestPrefix && e.Request != tt.request) {
			t.Errorf("Operation, Request = %q, %q; want %q, %q (%v)", e.Operation, e.Request, tt.op, tt.request, err)
		}
	}
}
