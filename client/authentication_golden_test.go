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
			return ac.ResetPasswordByPhoneCode(ctx, "13800000000", "123456", "n3w-p@ss")
		}),
		authCase("ResetPasswordByEmailCode", "auth.resetPassword.json", "resetPassword", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ResetPasswordByEmailCode(ctx, "bob@example.com", "123456", "n3w-p@ss")
		}),
		authCase("ResetPasswordByFirstLoginToken", "auth.resetPasswordByFirstLoginToken.json", "resetPasswordByFirstLoginToken", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ResetPasswordByFirstLoginToken(ctx, "first-login-token", "n3w-p@ss")
		}),
		authCase("ResetPasswordWithForceReset", "auth.resetPasswordByForceResetToken.json", "resetPasswordByForceResetToken", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ResetPasswordWithForceReset(ctx, "force-reset-token", "old-p@ss", "n3w-p@ss")
		}),
		authCase("UpdateProfile", "auth.updateUser.json", "updateUser", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.UpdateProfile(ctx, &authing.UpdateUserInput{Nickname: String("Bobby"), Company: String("Example Inc.")})
		}),
		authCase("UpdatePassword", "auth.updatePassword.json", "updatePassword", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.UpdatePassword(ctx, "n3w-p@ss", "old-p@ss")
		}),
		authCase("UpdatePassword (no old password)", "auth.updatePassword.json", "updatePassword", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.UpdatePassword(ctx, "n3w-p@ss", "")
		}),
		authCase("UpdatePhone", "auth.updatePhone.json", "updatePhone", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.UpdatePhone(ctx, "13900000000", "123456", &UpdatePhoneOptions{OldPhone: String("13800000000"), OldPhoneCode: String("654321")})
		}),
		authCase("UpdateEmail", "auth.updateEmail.json", "updateEmail", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.UpdateEmail(ctx, "new@example.com", "123456", nil)
		}),
		authCase("BindPhone", "auth.bindPhone.json", "bindPhone", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.BindPhone(ctx, "13900000000", "123456")
		}),
		authCase("UnbindPhone", "auth.unbindPhone.json", "unbindPhone", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.UnbindPhone(ctx)
		}),
		authCase("BindEmail", "auth.bindEmail.json", "bindEmail", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.BindEmail(ctx, "new@example.com", "123456")
		}),
		authCase("UnbindEmail", "auth.unbindEmail.json", "unbindEmail", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.UnbindEmail(ctx)
		}),
		authCase("GetCurrentUser", "auth.usersMe.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.GetCurrentUser(ctx)
		}),
		authCase("CheckLoginStatus", "checkLoginStatus.json", "checkLoginStatus", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.CheckLoginStatus(ctx, "")
		}),
		authCase("RefreshToken", "auth.refreshToken.json", "refreshToken", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.RefreshToken(ctx)
		}),
		authCase("Logout", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return nil, ac.Logout(ctx)
		}),
		authCase("LinkAccount", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return nil, ac.LinkAccount(ctx, "primary-token", "secondary-token")
		}),
		authCase("UnlinkAccount", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return nil, ac.UnlinkAccount(ctx, "primary-token", "github")
		}),
		authCase("ListRoles", "auth.myRoles.json", "user.roles", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ListRoles(ctx, "default")
		}),
		{name: "HasRole", response: "auth.myRoles.json", want: true,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.HasRole(ctx, "admin", "")
			}},
		authCase("ListAuthorizedResources", "auth.myAuthorizedResources.json", "user.authorizedResources", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ListAuthorizedResources(ctx, "default", authing.ResourceData)
		}),
		authCase("ListDepartments", "auth.myDepartments.json", "user.departments", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ListDepartments(ctx)
		}),
		{name: "IsUserExists", response: "auth.isUserExists.json", want: true, loggedIn: &loggedOut,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.IsUserExists(ctx, UserExistsQuery{Username: String("bob")})
			}},
		authCase("ListOrgs", "auth.orgs.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ListOrgs(ctx)
		}),
		authCase("GetSecurityLevel", "auth.securityLevel.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.GetSecurityLevel(ctx)
		}),
		authCase("ListApplications", "auth.applications.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ListApplications(ctx, &ListOptions{Page: 1, Limit: 10})
		}),
		authCase("ListApplications (default paging)", "auth.applications.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.ListApplications(ctx, nil)
		}),
	}
	runGolden(t, tests)
}

func TestLoginStoresTokenAndUser(t *testing.T) {
	r := newReplay(t, "loginByUsername.json")
	ac := r.authClient("")
	u, err := ac.LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil)
	if err != nil {
		t.Fatal(err)
	}
	if ac.AccessToken() != u.Token || ac.CurrentUser() != u {
		t.Errorf("after login: token %q, user %p; want %q, %p", ac.AccessToken(), ac.CurrentUser(), u.Token, u)
	}
	if id, err := ac.CheckLoggedIn(); err != nil || id != u.ID {
		t.Errorf("CheckLoggedIn() = %q, %v", id, err)
	}
	ac.ClearCurrentUser()
	if ac.AccessToken() != "" || ac.CurrentUser() != nil {
		t.Error("ClearCurrentUser kept the token or user")
	}
}

func TestNeedsTokenFailsFastWithoutRequest(t *testing.T) {
	r := newReplay(t, "auth.updateUser.json")
	ac := r.authClient("")
	calls := map[string]func() error{
		"UpdateProfile (GraphQL)": func() error {
			_, err := ac.UpdateProfile(context.Background(), &authing.UpdateUserInput{Nickname: String("x")})
			return err
		},
		"GetCurrentUser (REST)": func() error { _, err := ac.GetCurrentUser(context.Background()); return err },
		"ListRoles (user id)":   func() error { _, err := ac.ListRoles(context.Background(), ""); return err },
		"Logout":                func() error { return ac.Logout(context.Background()) },
		"CheckLoginStatus":      func() error { _, err := ac.CheckLoginStatus(context.Background(), ""); return err },
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
		"UpdateProfile":   func() error { _, err := ac.UpdateProfile(ctx, nil); return err },
		"UpdateProfile pw": func() error {
			_, err := ac.UpdateProfile(ctx, &authing.UpdateUserInput{Password: String("x")})
			return err
		},
		"IsUserExists": func() error { _, err := ac.IsUserExists(ctx, UserExistsQuery{}); return err },
		"HasRole":      func() error { _, err := ac.HasRole(ctx, "", ""); return err },
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
