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

func TestUserClientUserID(t *testing.T) {
	tests := []struct {
		name    string
		token   string
		want    string
		wantErr error
	}{
		{name: "sub claim", token: signedToken(t, jwt.MapClaims{"sub": "from-sub", "data": map[string]any{"id": "from-data"}}), want: "from-sub"},
		{name: "data.id claim", token: signedToken(t, jwt.MapClaims{"data": map[string]any{"id": "from-data"}}), want: "from-data"},
		{name: "expired token still names its user", token: signedToken(t, jwt.MapClaims{"sub": "old", "exp": 1}), want: "old"},
		{name: "opaque token", token: "not-a-jwt", wantErr: ErrNotLoggedIn},
		{name: "no id claim", token: signedToken(t, jwt.MapClaims{"iat": 1}), wantErr: ErrNotLoggedIn},
		{name: "no token", wantErr: ErrNotLoggedIn},
	}
	r := newReplay(t, "rest.ok.json")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := r.authClient("").WithAccessToken(tt.token).userID("test")
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("userID() error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("userID() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestListRolesUsesTokenDataID(t *testing.T) {
	r := newReplay(t, "auth.myRoles.json")
	ac := r.authClient("")
	if _, err := ac.WithAccessToken(signedToken(t, jwt.MapClaims{"data": map[string]any{"id": "user-from-data"}})).ListRoles(context.Background(), ""); err != nil {
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

func TestRegistrationWithoutTokenHasNone(t *testing.T) {
	// A registration without ForceLogin returns a user without a token, and
	// a client bound to that empty token fails before any request.
	r := newReplay(t, "auth.registerByEmail.json")
	ac := r.authClient("")
	u, err := ac.RegisterByEmail(context.Background(), "bob@example.com", "p@ssw0rd", nil)
	if err != nil {
		t.Fatal(err)
	}
	if u.Token != "" {
		t.Errorf("registration without ForceLogin returned token %q", u.Token)
	}
	if _, err := ac.WithAccessToken(u.Token).UpdateProfile(context.Background(), &authing.UpdateUserInput{Nickname: String("x")}); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("UpdateProfile with no token: err = %v, want ErrNotLoggedIn", err)
	}
	if len(r.requests) != 1 {
		t.Errorf("%d requests, want only the registration", len(r.requests))
	}
}

func TestUserClientIsImmutable(t *testing.T) {
	r := newReplay(t, "auth.updateUser.json")
	uc := r.authClient("").WithAccessToken(testUserToken)
	if _, err := uc.UpdateProfile(context.Background(), &authing.UpdateUserInput{Nickname: String("Bobby")}); err != nil {
		t.Fatal(err)
	}
	if _, err := uc.UpdateProfile(context.Background(), &authing.UpdateUserInput{Nickname: String("Bob")}); err != nil {
		t.Fatal(err)
	}
	if uc.Token() != testUserToken {
		t.Errorf("Token() = %q after two updates, want the bound token", uc.Token())
	}
	for i, req := range r.requests {
		if got := req.Headers["Authorization"]; got != "Bearer "+testUserToken {
			t.Errorf("request %d sent Authorization %q", i, got)
		}
	}
}

func TestGetCurrentUser(t *testing.T) {
	r := newReplay(t, "auth.usersMe.json")
	u, err := r.authClient("").WithAccessToken(testUserToken).GetCurrentUser(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if u.ID == "" {
		t.Errorf("GetCurrentUser() = %+v, want a user", u)
	}
}

func TestRefreshTokenReturnsNewToken(t *testing.T) {
	r := newReplay(t, "loginByUsername.json")
	r.responses["RefreshToken"] = "auth.refreshToken.json"
	ac := r.authClient("")
	ctx := context.Background()
	before, err := ac.LoginByUsername(ctx, "bob", "p@ssw0rd", nil)
	if err != nil {
		t.Fatal(err)
	}
	uc := ac.WithAccessToken(before.Token)
	rt, err := uc.RefreshToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rt.Token == "" || rt.Token == before.Token {
		t.Errorf("RefreshToken() = %q, want a new token", rt.Token)
	}
	if uc.Token() != before.Token {
		t.Error("RefreshToken changed the client's bound token")
	}
	if got := r.requests[1].Headers["Authorization"]; got != "Bearer "+before.Token {
		t.Errorf("RefreshToken sent Authorization %q, want the old token", got)
	}
}

func TestLogout(t *testing.T) {
	ctx := context.Background()
	t.Run("success", func(t *testing.T) {
		r := newReplay(t, "rest.ok.json")
		if err := r.authClient("").WithAccessToken(testUserToken).Logout(ctx); err != nil {
			t.Fatal(err)
		}
		if got := r.requests[0].Headers["Authorization"]; got != "Bearer "+testUserToken {
			t.Errorf("Logout sent Authorization %q", got)
		}
	})
	t.Run("failure is an error", func(t *testing.T) {
		r := newReplay(t, "rest.error-not-logged-in.json")
		err := r.authClient("").WithAccessToken(testUserToken).Logout(ctx)
		if !errors.Is(err, ErrNotLoggedIn) {
			t.Fatalf("Logout() error = %v, want ErrNotLoggedIn", err)
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
	ok, err := ac.WithAccessToken(testUserToken).HasRole(context.Background(), RoleRef{Code: "no-such-role"})
	if err != nil || ok {
		t.Errorf("HasRole(no-such-role) = %v, %v; want false, nil", ok, err)
	}
}

func TestListApplicationsIter(t *testing.T) {
	r := newReplay(t, "auth.applications.json")
	ac := r.authClient(testUserToken)
	var ids []string
	for app, err := range ac.WithAccessToken(testUserToken).ListApplicationsIter(context.Background(), &ListOptions{Limit: 1}) {
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
		"LoginByEmail": func() (any, error) { return ac.LoginByEmail(ctx, "a@b.c", "x", nil) },
		"UpdateProfile": func() (any, error) {
			return ac.WithAccessToken(testUserToken).UpdateProfile(ctx, &authing.UpdateUserInput{Nickname: String("x")})
		},
		"RefreshToken":     func() (any, error) { return ac.WithAccessToken(testUserToken).RefreshToken(ctx) },
		"CheckLoginStatus": func() (any, error) { return ac.CheckLoginStatus(ctx, "t") },
		"ListRoles":        func() (any, error) { return ac.WithAccessToken(testUserToken).ListRoles(ctx, "") },
		"ListDepartments":  func() (any, error) { return ac.WithAccessToken(testUserToken).ListDepartments(ctx) },
		"SendEmail":        func() (any, error) { return ac.SendEmail(ctx, "a@b.c", authing.EmailSceneVerifyEmail) },
		"GetCurrentUser":   func() (any, error) { return ac.WithAccessToken(testUserToken).GetCurrentUser(ctx) },
		"GetSecurityLevel": func() (any, error) { return ac.WithAccessToken(testUserToken).GetSecurityLevel(ctx) },
		"ListApplications": func() (any, error) { return ac.WithAccessToken(testUserToken).ListApplications(ctx, nil) },
	}
	for name, call := range calls {
		if _, err := call(); err == nil {
			t.Errorf("%s: a null result gave no error", name)
		}
	}
}

func TestAuthenticationArgumentsSendNothing(t *testing.T) {
	r := newReplay(t, "rest.ok.json")
	ac := r.authClient(testUserToken)
	ctx := context.Background()
	calls := map[string]func() error{
		"LoginByEmail":          func() error { _, err := ac.LoginByEmail(ctx, "", "x", nil); return err },
		"LoginByPhoneCode":      func() error { _, err := ac.LoginByPhoneCode(ctx, "138", "", nil); return err },
		"LoginByPhonePassword":  func() error { _, err := ac.LoginByPhonePassword(ctx, "138", "", nil); return err },
		"LoginBySubAccount":     func() error { _, err := ac.LoginBySubAccount(ctx, "", "x", nil); return err },
		"RegisterByUsername":    func() error { _, err := ac.RegisterByUsername(ctx, "", "x", nil); return err },
		"RegisterByPhoneCode":   func() error { _, err := ac.RegisterByPhoneCode(ctx, "138", "", nil); return err },
		"SendEmail":             func() error { _, err := ac.SendEmail(ctx, "a@b.c", ""); return err },
		"CheckPasswordStrength": func() error { _, err := ac.CheckPasswordStrength(ctx, ""); return err },
		"ResetPasswordByPhoneCode": func() error {
			_, err := ac.ResetPasswordByPhoneCode(ctx, PhoneCode{Phone: "138", Code: "1"}, "")
			return err
		},
		"ResetPasswordByEmailCode":       func() error { _, err := ac.ResetPasswordByEmailCode(ctx, EmailCode{Code: "1"}, "x"); return err },
		"ResetPasswordByFirstLoginToken": func() error { _, err := ac.ResetPasswordByFirstLoginToken(ctx, "", "x"); return err },
		"ResetPasswordWithForceReset":    func() error { _, err := ac.ResetPasswordWithForceReset(ctx, "t", PasswordChange{New: "x"}); return err },
		"UpdatePassword": func() error {
			_, err := ac.WithAccessToken(testUserToken).UpdatePassword(ctx, PasswordChange{Old: "old"})
			return err
		},
		"UpdatePhone": func() error { _, err := ac.WithAccessToken(testUserToken).UpdatePhone(ctx, "", "1", nil); return err },
		"UpdateEmail": func() error {
			_, err := ac.WithAccessToken(testUserToken).UpdateEmail(ctx, "a@b.c", "", nil)
			return err
		},
		"BindPhone":     func() error { _, err := ac.WithAccessToken(testUserToken).BindPhone(ctx, "138", ""); return err },
		"BindEmail":     func() error { _, err := ac.WithAccessToken(testUserToken).BindEmail(ctx, "", "1"); return err },
		"LinkAccount":   func() error { return ac.LinkAccount(ctx, "p", "") },
		"UnlinkAccount": func() error { return ac.UnlinkAccount(ctx, "", "github") },
		"ListAuthorizedResources": func() error {
			_, err := ac.WithAccessToken(testUserToken).ListAuthorizedResources(ctx, "", "")
			return err
		},
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
