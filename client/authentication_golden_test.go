package client

import (
	"context"
	"errors"
	"testing"

	"github.com/authing-go/authing"
)

// authCase builds a golden case for an AuthenticationClient method.
func authCase(name, response, resultPath string, call func(ctx context.Context, ac *AuthenticationClient) (any, error)) goldenTest {
	return goldenTest{name: name, response: response, resultPath: resultPath,
		call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
			return call(ctx, ac)
		}}
}

func TestGoldenAuthentication(t *testing.T) {
	loggedOut := false
	profile := &authing.RegisterProfile{Nickname: String("Bob")}
	tests := []goldenTest{
		authCase("LoginByEmail", "auth.loginByEmail.json", "loginByEmail", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.LoginByEmail(ctx, "bob@example.com", "p@ssw0rd", &LoginOptions{CaptchaCode: String("x7k2")})
		}),
		authCase("LoginByPhonePassword", "auth.loginByPhonePassword.json", "loginByPhonePassword", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.LoginByPhonePassword(ctx, "13800000000", "p@ssw0rd", nil)
		}),
		authCase("LoginByPhoneCode", "auth.loginByPhoneCode.json", "loginByPhoneCode", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.LoginByPhoneCode(ctx, "13800000000", "123456", &PhoneCodeLoginOptions{PhoneCountryCode: String("+86")})
		}),
		authCase("LoginBySubAccount", "auth.loginBySubAccount.json", "loginBySubAccount", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.LoginBySubAccount(ctx, "bob-ops", "p@ssw0rd", &LoginOptions{ClientIP: String("203.0.113.7")})
		}),
		authCase("RegisterByEmail", "auth.registerByEmail.json", "registerByEmail", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.RegisterByEmail(ctx, "bob@example.com", "p@ssw0rd", &RegisterOptions{Profile: profile, ForceLogin: Bool(false)})
		}),
		authCase("RegisterByUsername", "auth.registerByUsername.json", "registerByUsername", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.RegisterByUsername(ctx, "bob", "p@ssw0rd", &RegisterOptions{Params: String(`[{"key":"school","value":"MIT"}]`)})
		}),
		authCase("RegisterByPhoneCode", "auth.registerByPhoneCode.json", "registerByPhoneCode", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.RegisterByPhoneCode(ctx, "13800000000", "123456", &PhoneRegisterOptions{Password: String("p@ssw0rd")})
		}),
		authCase("RegisterByPhoneCode (all options)", "auth.registerByPhoneCode.json", "registerByPhoneCode", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.RegisterByPhoneCode(ctx, "13800000000", "123456", &PhoneRegisterOptions{
				RegisterOptions: RegisterOptions{Profile: &authing.RegisterProfile{Nickname: String("Bob"), Company: String("Example Inc.")},
					ForceLogin: Bool(true), GenerateToken: Bool(false), ClientIP: String("203.0.113.7"),
					Params: String(`[{"key":"school","value":"MIT"}]`), Context: String(`{"source":"web"}`)},
				PhoneCountryCode: String("+86"),
			})
		}),
		authCase("SendEmail", "auth.sendEmail.json", "sendEmail", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.SendEmail(ctx, "bob@example.com", authing.EmailSceneResetPasswordVerifyCode)
		}),
		authCase("SendSMSCode", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return nil, ac.SendSMSCode(ctx, "13800000000")
		}),
		authCase("CheckPasswordStrength", "auth.checkPasswordStrength.json", "checkPasswordStrength", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.CheckPasswordStrength(ctx, "Str0ng-enough")
		}),
		authCase("ResetPasswordByPhoneCode", "auth.resetPassword.json", "resetPassword", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ResetPasswordByPhoneCode(ctx, PhoneCode{Phone: "13800000000", Code: "123456"}, "n3w-p@ss")
		}),
		authCase("ResetPasswordByEmailCode", "auth.resetPassword.json", "resetPassword", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ResetPasswordByEmailCode(ctx, EmailCode{Email: "bob@example.com", Code: "123456"}, "n3w-p@ss")
		}),
		authCase("ResetPasswordByFirstLoginToken", "auth.resetPasswordByFirstLoginToken.json", "resetPasswordByFirstLoginToken", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ResetPasswordByFirstLoginToken(ctx, "first-login-token", "n3w-p@ss")
		}),
		authCase("ResetPasswordWithForceReset", "auth.resetPasswordByForceResetToken.json", "resetPasswordByForceResetToken", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ResetPasswordWithForceReset(ctx, "force-reset-token", PasswordChange{Old: "old-p@ss", New: "n3w-p@ss"})
		}),
		authCase("UpdateProfile", "auth.updateUser.json", "updateUser", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).UpdateProfile(ctx, &authing.UpdateUserInput{Nickname: String("Bobby"), Company: String("Example Inc.")})
		}),
		authCase("UpdatePassword", "auth.updatePassword.json", "updatePassword", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).UpdatePassword(ctx, PasswordChange{Old: "old-p@ss", New: "n3w-p@ss"})
		}),
		authCase("UpdatePassword (no old password)", "auth.updatePassword.json", "updatePassword", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).UpdatePassword(ctx, PasswordChange{New: "n3w-p@ss"})
		}),
		authCase("UpdatePhone", "auth.updatePhone.json", "updatePhone", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).UpdatePhone(ctx, "13900000000", "123456", &UpdatePhoneOptions{OldPhone: String("13800000000"), OldPhoneCode: String("654321")})
		}),
		authCase("UpdateEmail", "auth.updateEmail.json", "updateEmail", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).UpdateEmail(ctx, "new@example.com", "123456", nil)
		}),
		authCase("BindPhone", "auth.bindPhone.json", "bindPhone", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).BindPhone(ctx, "13900000000", "123456")
		}),
		authCase("UnbindPhone", "auth.unbindPhone.json", "unbindPhone", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).UnbindPhone(ctx)
		}),
		authCase("BindEmail", "auth.bindEmail.json", "bindEmail", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).BindEmail(ctx, "new@example.com", "123456")
		}),
		authCase("UnbindEmail", "auth.unbindEmail.json", "unbindEmail", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).UnbindEmail(ctx)
		}),
		authCase("GetCurrentUser", "auth.usersMe.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).GetCurrentUser(ctx)
		}),
		authCase("CheckLoginStatus", "checkLoginStatus.json", "checkLoginStatus", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.CheckLoginStatus(ctx, testUserToken)
		}),
		authCase("RefreshToken", "auth.refreshToken.json", "refreshToken", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).RefreshToken(ctx)
		}),
		authCase("Logout", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return nil, ac.WithAccessToken(testUserToken).Logout(ctx)
		}),
		authCase("LinkAccount", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return nil, ac.LinkAccount(ctx, "primary-token", "secondary-token")
		}),
		authCase("UnlinkAccount", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return nil, ac.UnlinkAccount(ctx, "primary-token", "github")
		}),
		authCase("ListRoles", "auth.myRoles.json", "user.roles", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).ListRoles(ctx, "default")
		}),
		{name: "HasRole", response: "auth.myRoles.json", want: true,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.WithAccessToken(testUserToken).HasRole(ctx, RoleRef{Code: "admin"})
			}},
		authCase("ListAuthorizedResources", "auth.myAuthorizedResources.json", "user.authorizedResources", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).ListAuthorizedResources(ctx, "default", authing.ResourceData)
		}),
		authCase("ListDepartments", "auth.myDepartments.json", "user.departments", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).ListDepartments(ctx)
		}),
		{name: "IsUserExists", response: "auth.isUserExists.json", want: true, loggedIn: &loggedOut,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.IsUserExists(ctx, UserExistsQuery{Username: String("bob")})
			}},
		authCase("ListOrgs", "auth.orgs.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).ListOrgs(ctx)
		}),
		authCase("GetSecurityLevel", "auth.securityLevel.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).GetSecurityLevel(ctx)
		}),
		authCase("ListApplications", "auth.applications.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).ListApplications(ctx, &ListOptions{Page: 1, Limit: 10})
		}),
		authCase("ListApplications (default paging)", "auth.applications.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.WithAccessToken(testUserToken).ListApplications(ctx, nil)
		}),
	}
	runGolden(t, tests)
}

func TestLoginChangesNothing(t *testing.T) {
	r := newReplay(t, "loginByUsername.json")
	ac := r.authClient("")
	u, err := ac.LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil)
	if err != nil {
		t.Fatal(err)
	}
	if u.Token == "" || u.TokenExpiredAt == nil {
		t.Errorf("login returned no token: %+v", u)
	}
	if _, err := ac.LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil); err != nil {
		t.Fatal(err)
	}
	for i, req := range r.requests {
		if h := req.Headers["Authorization"]; h != "" {
			t.Errorf("request %d after a login sent Authorization %q; the client must hold no session", i, h)
		}
	}
}

func TestNeedsTokenFailsFastWithoutRequest(t *testing.T) {
	r := newReplay(t, "auth.updateUser.json")
	ac := r.authClient("")
	uc := ac.WithAccessToken("")
	calls := map[string]func() error{
		"UpdateProfile (GraphQL)": func() error {
			_, err := uc.UpdateProfile(context.Background(), &authing.UpdateUserInput{Nickname: String("x")})
			return err
		},
		"GetCurrentUser (REST)": func() error { _, err := uc.GetCurrentUser(context.Background()); return err },
		"ListRoles (user id)":   func() error { _, err := uc.ListRoles(context.Background(), ""); return err },
		"Logout":                func() error { return uc.Logout(context.Background()) },
		"ListUdv (user id)":     func() error { _, err := uc.ListUdv(context.Background()); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrNotLoggedIn) {
			t.Errorf("%s: err = %v, want ErrNotLoggedIn", name, err)
		}
	}
	if len(r.requests) != 0 {
		t.Errorf("%d requests reached the server", len(r.requests))
	}
}

func TestInvalidArgumentsSendNothing(t *testing.T) {
	r := newReplay(t, "loginByUsername.json")
	ac := r.authClient(testUserToken)
	ctx := context.Background()
	calls := map[string]func() error{
		"LoginByUsername": func() error { _, err := ac.LoginByUsername(ctx, "", "x", nil); return err },
		"RegisterByEmail": func() error { _, err := ac.RegisterByEmail(ctx, "a@b.c", "", nil); return err },
		"SendSMSCode":     func() error { return ac.SendSMSCode(ctx, "") },
		"UpdateProfile":   func() error { _, err := ac.WithAccessToken(testUserToken).UpdateProfile(ctx, nil); return err },
		"UpdateProfile pw": func() error {
			_, err := ac.WithAccessToken(testUserToken).UpdateProfile(ctx, &authing.UpdateUserInput{Password: String("x")})
			return err
		},
		"IsUserExists": func() error { _, err := ac.IsUserExists(ctx, UserExistsQuery{}); return err },
		"HasRole":      func() error { _, err := ac.WithAccessToken(testUserToken).HasRole(ctx, RoleRef{}); return err },
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
