package client

import (
	"context"
	"errors"
	"testing"
)

func TestGoldenMFAAuth(t *testing.T) {
	none := func(err error) (any, error) { return nil, err }
	runGolden(t, []goldenTest{
		authCase("GetMFAAuthenticators", "mfa.authenticators.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.GetMFAAuthenticators(ctx, &MFAOptions{MFAToken: testUserToken})
		}),
		authCase("GetMFAAuthenticators MFA token", "mfa.authenticators.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.GetMFAAuthenticators(ctx, &MFAOptions{MFAToken: "mfa-token-1", Source: "APPLICATION"})
		}),
		authCase("AssociateMFAAuthenticator", "mfa.associate.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.AssociateMFAAuthenticator(ctx, &MFAOptions{MFAToken: "mfa-token-1"})
		}),
		authCase("DeleteMFAAuthenticator", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return none(ac.WithAccessToken(testUserToken).DeleteMFAAuthenticator(ctx))
		}),
		authCase("ConfirmAssociateMFAAuthenticator", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return none(ac.ConfirmAssociateMFAAuthenticator(ctx, "123456", &MFAOptions{MFAToken: testUserToken}))
		}),
		authCase("VerifyTOTPMFA", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.VerifyTOTPMFA(ctx, "123456", "mfa-token-1")
		}),
		authCase("VerifyTOTPRecoveryCode", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.VerifyTOTPRecoveryCode(ctx, "a1b2-c3d4-e5f6", "mfa-token-1")
		}),
		authCase("VerifyAppSMSMFA", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.VerifyAppSMSMFA(ctx, PhoneCode{Phone: "13800000000", Code: "123456"}, "mfa-token-1")
		}),
		authCase("VerifyAppEmailMFA", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.VerifyAppEmailMFA(ctx, EmailCode{Email: "bob@example.com", Code: "123456"}, "mfa-token-1")
		}),
		{name: "PhoneOrEmailBindable", response: "mfa.check.json", want: true,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.PhoneOrEmailBindable(ctx, "mfa-token-1", &PhoneOrEmailBindableOptions{Phone: "13800000000"})
			}},
		{name: "PhoneOrEmailBindable email false", response: "mfa.check.false.json", want: false,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.PhoneOrEmailBindable(ctx, "mfa-token-1", &PhoneOrEmailBindableOptions{Email: "bob@example.com"})
			}},
		authCase("AssociateFaceByURL", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.AssociateFaceByURL(ctx, FacePhotos{Base: "https://example.com/a.jpg", Compare: "https://example.com/b.jpg"}, testUserToken)
		}),
		authCase("VerifyFaceMFA", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.VerifyFaceMFA(ctx, "https://example.com/c.jpg", "mfa-token-1")
		}),
	})
}

// TestMFALogin follows a login that needs MFA: the login fails with
// ErrMFARequired, the token comes out of the error, and verifying stores
// the user and its token on the client.
func TestMFALogin(t *testing.T) {
	r := newReplay(t, "mfa.required.json")
	r.responses["POST /api/v2/mfa/totp/verify"] = "mfa.verify.json"
	ac := r.authClient("")
	_, err := ac.LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil)
	if !errors.Is(err, ErrMFARequired) {
		t.Fatalf("err = %v, want ErrMFARequired", err)
	}
	tok, ok := MFATokenFromError(err)
	if !ok || tok != "mfa-token-1" {
		t.Fatalf("MFATokenFromError = %q, %v", tok, ok)
	}
	u, err := ac.VerifyTOTPMFA(context.Background(), "123456", tok)
	if err != nil {
		t.Fatal(err)
	}
	if u.Token == "" {
		t.Errorf("VerifyTOTPMFA returned no token: %+v", u)
	}
}

func TestMFATokenFromError(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"plain error", errors.New("other"), ""},
		{"nil", nil, ""},
		{"other code", &Error{Code: 2004, Data: []byte(`{"mfaToken":"t"}`)}, ""},
		{"no data", &Error{Code: 1635}, ""},
		{"malformed data", &Error{Code: 1635, Data: []byte(`"t"`)}, ""},
		{"empty token", &Error{Code: 1635, Data: []byte(`{"mfaToken":""}`)}, ""},
		{"token and more", &Error{Code: 1635, Data: []byte(`{"mfaToken":"t","applicationMfa":[{"mfaPolicy":"SMS"}]}`)}, "t"},
		{"wrapped", errorsJoin(&Error{Code: 1635, Data: []byte(`{"mfaToken":"t"}`)}), "t"},
	}
	for _, tt := range tests {
		got, ok := MFATokenFromError(tt.err)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: MFATokenFromError = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
}

func errorsJoin(err error) error { return errors.Join(errors.New("context"), err) }

// TestMFAArgs checks that required values are rejected before any
// request, and that calls needing the user fail fast when logged out.
func TestMFAArgs(t *testing.T) {
	r := newReplay(t, "rest.ok.json")
	ac := r.authClient("")
	ctx := context.Background()
	second := func(_ any, err error) error { return err }
	invalid := map[string]error{
		"ConfirmAssociateMFAAuthenticator": ac.ConfirmAssociateMFAAuthenticator(ctx, "", nil),
		"AssociateFaceByURL":               second(ac.AssociateFaceByURL(ctx, FacePhotos{Base: "https://example.com/a.jpg"}, "t")),
	}
	_, invalid["VerifyTOTPMFA"] = ac.VerifyTOTPMFA(ctx, "123456", "")
	_, invalid["VerifyTOTPMFA code"] = ac.VerifyTOTPMFA(ctx, "", "t")
	_, invalid["VerifyTOTPRecoveryCode"] = ac.VerifyTOTPRecoveryCode(ctx, "", "t")
	_, invalid["VerifyAppSMSMFA"] = ac.VerifyAppSMSMFA(ctx, PhoneCode{Code: "123456"}, "t")
	_, invalid["VerifyAppEmailMFA"] = ac.VerifyAppEmailMFA(ctx, EmailCode{Email: "bob@example.com"}, "t")
	_, invalid["VerifyFaceMFA"] = ac.VerifyFaceMFA(ctx, "", "t")
	_, invalid["PhoneOrEmailBindable token"] = ac.PhoneOrEmailBindable(ctx, "", &PhoneOrEmailBindableOptions{Phone: "1"})
	_, invalid["PhoneOrEmailBindable nil"] = ac.PhoneOrEmailBindable(ctx, "t", nil)
	_, invalid["PhoneOrEmailBindable empty"] = ac.PhoneOrEmailBindable(ctx, "t", &PhoneOrEmailBindableOptions{})
	for name, err := range invalid {
		if !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	notLogged := map[string]error{
		"DeleteMFAAuthenticator":           ac.WithAccessToken("").DeleteMFAAuthenticator(ctx),
		"ConfirmAssociateMFAAuthenticator": ac.ConfirmAssociateMFAAuthenticator(ctx, "123456", nil),
		"AssociateFaceByURL":               second(ac.AssociateFaceByURL(ctx, FacePhotos{Base: "a", Compare: "b"}, "")),
	}
	_, notLogged["GetMFAAuthenticators"] = ac.GetMFAAuthenticators(ctx, nil)
	_, notLogged["AssociateMFAAuthenticator"] = ac.AssociateMFAAuthenticator(ctx, nil)
	for name, err := range notLogged {
		if !errors.Is(err, ErrNotLoggedIn) {
			t.Errorf("%s: err = %v, want ErrNotLoggedIn", name, err)
		}
	}
	if len(r.requests) != 0 {
		t.Errorf("%d requests sent for invalid calls", len(r.requests))
	}
}

// TestMFANullData checks that a null answer is an error, never a zero
// value.
func TestMFANullData(t *testing.T) {
	r := newReplay(t, "mfa.nulldata.json")
	ac := r.authClient(testUserToken)
	ctx := context.Background()
	errs := map[string]error{}
	_, errs["GetMFAAuthenticators"] = ac.GetMFAAuthenticators(ctx, nil)
	_, errs["AssociateMFAAuthenticator"] = ac.AssociateMFAAuthenticator(ctx, nil)
	_, errs["PhoneOrEmailBindable"] = ac.PhoneOrEmailBindable(ctx, "t", &PhoneOrEmailBindableOptions{Phone: "1"})
	_, errs["VerifyTOTPMFA"] = ac.VerifyTOTPMFA(ctx, "123456", "t")
	for name, err := range errs {
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: err = %v, want *Error for null data", name, err)
		}
	}
}
