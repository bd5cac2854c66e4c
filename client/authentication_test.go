package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/authing-go/authing"
	"github.com/golang-jwt/jwt/v5"
)

// signedToken returns a JWT carrying claims; the key does not matter, the
// client reads tokens without verifying them.
func signedToken(t *testing.T, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte("test-key"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCurrentUserID(t *testing.T) {
	tests := []struct {
		name    string
		token   string
		user    *authing.User // stored after the token is set
		want    string
		wantErr error
	}{
		{name: "sub claim", token: signedToken(t, jwt.MapClaims{"sub": "from-sub", "data": map[string]any{"id": "from-data"}}), want: "from-sub"},
		{name: "data.id claim", token: signedToken(t, jwt.MapClaims{"data": map[string]any{"id": "from-data"}}), want: "from-data"},
		{name: "stored user first", token: signedToken(t, jwt.MapClaims{"sub": "from-sub"}), user: &authing.User{ID: "stored"}, want: "stored"},
		{name: "expired token still names its user", token: signedToken(t, jwt.MapClaims{"sub": "old", "exp": 1}), want: "old"},
		{name: "opaque token", token: "not-a-jwt", wantErr: ErrInvalidArgument},
		{name: "no id claim", token: signedToken(t, jwt.MapClaims{"iat": 1}), wantErr: ErrInvalidArgument},
		{name: "not logged in", wantErr: ErrNotLoggedIn},
	}
	r := newReplay(t, "rest.ok.json")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ac := r.authClient(tt.token)
			if tt.user != nil {
				ac.mu.Lock()
				ac.user = tt.user
				ac.mu.Unlock()
			}
			got, err := ac.CheckLoggedIn()
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("CheckLoggedIn() error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("CheckLoggedIn() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestListRolesUsesTokenDataID(t *testing.T) {
	r := newReplay(t, "auth.myRoles.json")
	ac := r.authClient(signedToken(t, jwt.MapClaims{"data": map[string]any{"id": "user-from-data"}}))
	if _, err := ac.ListRoles(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	vars, _ := r.requests[0].Variables.(map[string]any)
	if vars["id"] != "user-from-data" {
		t.Errorf("MyRoles sent id %v, want user-from-data", vars["id"])
	}
	if _, ok := vars["namespace"]; ok {
		t.Errorf("MyRoles sent an empty namespace: %v", vars)
	}
}

func TestRegistrationWithoutTokenReplacesSession(t *testing.T) {
	// Logged in as another user, registering someone without ForceLogin
	// must not leave the old token paired with the new user.
	r := newReplay(t, "auth.registerByEmail.json")
	ac := r.authClient(testUserToken)
	u, err := ac.RegisterByEmail(context.Background(), "bob@example.com", "p@ssw0rd", nil)
	if err != nil {
		t.Fatal(err)
	}
	if ac.CurrentUser() != u || ac.AccessToken() != "" {
		t.Errorf("after registration: user %p token %q; want %p and no token", ac.CurrentUser(), ac.AccessToken(), u)
	}
	if _, err := ac.UpdateProfile(context.Background(), &authing.UpdateUserInput{Nickname: String("x")}); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("UpdateProfile after a token-less registration: err = %v, want ErrNotLoggedIn", err)
	}
}

func TestUpdateProfileStoresUserKeepsToken(t *testing.T) {
	r := newReplay(t, "auth.updateUser.json")
	ac := r.authClient(testUserToken)
	u, err := ac.UpdateProfile(context.Background(), &authing.UpdateUserInput{Nickname: String("Bobby")})
	if err != nil {
		t.Fatal(err)
	}
	if ac.CurrentUser() != u || ac.AccessToken() != testUserToken {
		t.Errorf("after UpdateProfile: user %p token %q; want %p and the original token", ac.CurrentUser(), ac.AccessToken(), u)
	}
}

func TestGetCurrentUserStoresUser(t *testing.T) {
	r := newReplay(t, "auth.usersMe.json")
	ac := r.authClient(testUserToken)
	u, err := ac.GetCurrentUser(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ac.CurrentUser() != u || u.ID == "" || ac.AccessToken() != testUserToken {
		t.Errorf("after GetCurrentUser: user %p (id %q) token %q", ac.CurrentUser(), u.ID, ac.AccessToken())
	}
}

func TestRefreshTokenStoresToken(t *testing.T) {
	r := newReplay(t, "loginByUsername.json")
	r.responses["RefreshToken"] = "auth.refreshToken.json"
	ac := r.authClient("")
	ctx := context.Background()
	before, err := ac.LoginByUsername(ctx, "bob", "p@ssw0rd", nil)
	if err != nil {
		t.Fatal(err)
	}
	oldToken := before.Token
	rt, err := ac.RefreshToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ac.AccessToken() != rt.Token || rt.Token == oldToken {
		t.Errorf("AccessToken() = %q, want the refreshed %q", ac.AccessToken(), rt.Token)
	}
	if cu := ac.CurrentUser(); cu == nil || cu.Token == "" || cu.Token != rt.Token || cu.ID != before.ID {
		t.Errorf("stored user not updated with the refreshed token: %+v", cu)
	}
	if before.Token != oldToken {
		t.Error("RefreshToken modified the user value returned by the login")
	}
	if got := r.requests[1].Headers["Authorization"]; got != "Bearer "+oldToken {
		t.Errorf("RefreshToken sent Authorization %q, want the old token", got)
	}
}

func TestLogout(t *testing.T) {
	ctx := context.Background()
	t.Run("success clears the session", func(t *testing.T) {
		r := newReplay(t, "rest.ok.json")
		ac := r.authClient(testUserToken)
		if err := ac.Logout(ctx); err != nil {
			t.Fatal(err)
		}
		if ac.AccessToken() != "" || ac.CurrentUser() != nil {
			t.Error("Logout kept the token or user")
		}
	})
	t.Run("failure keeps the session", func(t *testing.T) {
		r := newReplay(t, "rest.error-not-logged-in.json")
		ac := r.authClient(testUserToken)
		var e *Error
		if err := ac.Logout(ctx); !errors.As(err, &e) {
			t.Fatalf("Logout() error = %v, want *Error", err)
		}
		if ac.AccessToken() != testUserToken {
			t.Error("a failed Logout forgot the token")
		}
	})
}

func TestCheckLoginStatusExplicitToken(t *testing.T) {
	// An explicit token is checked even when the client is logged out.
	r := newReplay(t, "checkLoginStatus.json")
	ac := r.authClient("")
	if _, err := ac.CheckLoginStatus(context.Background(), "someone-elses-token"); err != nil {
		t.Fatal(err)
	}
	vars, _ := r.requests[0].Variables.(map[string]any)
	if vars["token"] != "someone-elses-token" {
		t.Errorf("checkLoginStatus sent token %v", vars["token"])
	}
	if h := r.requests[0].Headers["Authorization"]; h != "" {
		t.Errorf("a logged-out client sent Authorization %q", h)
	}
}

func TestHasRoleMissing(t *testing.T) {
	r := newReplay(t, "auth.myRoles.json")
	ac := r.authClient(testUserToken)
	ok, err := ac.HasRole(context.Background(), "no-such-role", "")
	if err != nil || ok {
		t.Errorf("HasRole(no-such-role) = %v, %v; want false, nil", ok, err)
	}
}

func TestListApplicationsAll(t *testing.T) {
	r := newReplay(t, "auth.applications.json")
	ac := r.authClient(testUserToken)
	var ids []string
	for app, err := range ac.ListApplicationsIter(context.Background(), &ListOptions{Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, app.ID)
	}
	if len(ids) != 1 || ids[0] != "5f7a9a1cb9b49dcd5c021e41" {
		t.Errorf("ListApplicationsIter() = %v", ids)
	}
	if len(r.requests) != 1 || r.requests[0].Query != "limit=1&page=1" {
		t.Errorf("requests = %+v, want one with limit=1&page=1", r.requests)
	}
}

func TestAuthenticationNullResults(t *testing.T) {
	// A null result without an error is an error, never (nil, nil).
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if req.URL.Path == "/graphql/v2" {
			w.Write([]byte(`{"data":{"loginByEmail":null,"updateUser":null,"refreshToken":null,"checkLoginStatus":null,"user":null,"sendEmail":null}}`))
			return
		}
		w.Write([]byte(`{"code":200,"message":"ok","data":null}`))
	}))
	t.Cleanup(srv.Close)
	ac := (&replay{t: t, srv: srv}).authClient(testUserToken)
	ctx := context.Background()
	calls := map[string]func() (any, error){
		"LoginByEmail":     func() (any, error) { return ac.LoginByEmail(ctx, "a@b.c", "x", nil) },
		"UpdateProfile":    func() (any, error) { return ac.UpdateProfile(ctx, &authing.UpdateUserInput{Nickname: String("x")}) },
		"RefreshToken":     func() (any, error) { return ac.RefreshToken(ctx) },
		"CheckLoginStatus": func() (any, error) { return ac.CheckLoginStatus(ctx, "") },
		"ListRoles":        func() (any, error) { return ac.ListRoles(ctx, "") },
		"ListDepartments":  func() (any, error) { return ac.ListDepartments(ctx) },
		"SendEmail":        func() (any, error) { return ac.SendEmail(ctx, "a@b.c", authing.EmailSceneVerifyEmail) },
		"GetCurrentUser":   func() (any, error) { return ac.GetCurrentUser(ctx) },
		"GetSecurityLevel": func() (any, error) { return ac.GetSecurityLevel(ctx) },
		"ListApplications": func() (any, error) { return ac.ListApplications(ctx, nil) },
	}
	for name, call := range calls {
		if _, err := call(); err == nil {
			t.Errorf("%s: a null result gave no error", name)
		}
	}
	if ac.AccessToken() != testUserToken {
		t.Error("a null result changed the session")
	}
}

func TestAuthenticationArgumentsSendNothing(t *testing.T) {
	r := newReplay(t, "rest.ok.json")
	ac := r.authClient(testUserToken)
	ctx := context.Background()
	calls := map[string]func() error{
		"LoginByEmail":                   func() error { _, err := ac.LoginByEmail(ctx, "", "x", nil); return err },
		"LoginByPhoneCode":               func() error { _, err := ac.LoginByPhoneCode(ctx, "138", "", nil); return err },
		"LoginByPhonePassword":           func() error { _, err := ac.LoginByPhonePassword(ctx, "138", "", nil); return err },
		"LoginBySubAccount":              func() error { _, err := ac.LoginBySubAccount(ctx, "", "x", nil); return err },
		"RegisterByUsername":             func() error { _, err := ac.RegisterByUsername(ctx, "", "x", nil); return err },
		"RegisterByPhoneCode":            func() error { _, err := ac.RegisterByPhoneCode(ctx, "138", "", nil); return err },
		"SendEmail":                      func() error { _, err := ac.SendEmail(ctx, "a@b.c", ""); return err },
		"CheckPasswordStrength":          func() error { _, err := ac.CheckPasswordStrength(ctx, ""); return err },
		"ResetPasswordByPhoneCode":       func() error { _, err := ac.ResetPasswordByPhoneCode(ctx, "138", "1", ""); return err },
		"ResetPasswordByEmailCode":       func() error { _, err := ac.ResetPasswordByEmailCode(ctx, "", "1", "x"); return err },
		"ResetPasswordByFirstLoginToken": func() error { _, err := ac.ResetPasswordByFirstLoginToken(ctx, "", "x"); return err },
		"ResetPasswordWithForceReset":    func() error { _, err := ac.ResetPasswordWithForceReset(ctx, "t", "", "x"); return err },
		"UpdatePassword":                 func() error { _, err := ac.UpdatePassword(ctx, "", "old"); return err },
		"UpdatePhone":                    func() error { _, err := ac.UpdatePhone(ctx, "", "1", nil); return err },
		"UpdateEmail":                    func() error { _, err := ac.UpdateEmail(ctx, "a@b.c", "", nil); return err },
		"BindPhone":                      func() error { _, err := ac.BindPhone(ctx, "138", ""); return err },
		"BindEmail":                      func() error { _, err := ac.BindEmail(ctx, "", "1"); return err },
		"LinkAccount":                    func() error { return ac.LinkAccount(ctx, "p", "") },
		"UnlinkAccount":                  func() error { return ac.UnlinkAccount(ctx, "", "github") },
		"ListAuthorizedResources":        func() error { _, err := ac.ListAuthorizedResources(ctx, "", ""); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	if len(r.requests) != 0 {
		t.Errorf("%d requests reached the server", len(r.requests))
	}
}
