package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGoldenOIDCAndMFA(t *testing.T) {
	none := func(err error) (any, error) { return nil, err }
	tokens := &TokenSet{AccessToken: "eyJhbGciOiJSUzI1NiJ9.access.sig", IDToken: "eyJhbGciOiJSUzI1NiJ9.id.sig",
		RefreshToken: "refresh-token-1", TokenType: "Bearer", ExpiresIn: 1209600, Scope: "openid profile offline_access"}
	var claims map[string]any
	json.Unmarshal(readTestdata(t, "responses", "oidc.me.json"), &claims)
	var validated map[string]any
	json.Unmarshal(readTestdata(t, "responses", "oidc.validate.json"), &validated)
	runGolden(t, []goldenTest{
		{name: "GetAccessTokenByCode", response: "oidc.token.json", want: tokens,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.GetAccessTokenByCode(ctx, "auth-code-1", nil)
			}},
		{name: "GetAccessTokenByCode PKCE", response: "oidc.token.json", want: tokens,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.GetAccessTokenByCode(ctx, "auth-code-1", &CodeExchangeOptions{CodeVerifier: strings.Repeat("v", 43)})
			}},
		{name: "GetNewAccessTokenByRefreshToken", response: "oidc.token.json", want: tokens,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.GetNewAccessTokenByRefreshToken(ctx, "refresh-token-1")
			}},
		{name: "GetAccessTokenByClientCredentials", response: "oidc.token.json", want: tokens,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.GetAccessTokenByClientCredentials(ctx, "books:read", "ak-1", "sk-1")
			}},
		{name: "GetUserInfoByAccessToken", response: "oidc.me.json",
			want: &UserInfo{Subject: bobID, Name: "Bob", Nickname: "bob", PreferredUsername: "bob",
				Picture: "https://files.authing.co/authing-console/default-user-avatar.png", Email: "bob@example.com",
				EmailVerified: true, UpdatedAt: "2021-06-15T10:00:00.000Z", Claims: claims},
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.GetUserInfoByAccessToken(ctx, "access-token-1")
			}},
		{name: "RevokeToken", response: "oidc.empty.json", resultPath: "-",
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return none(ac.RevokeToken(ctx, "refresh-token-1"))
			}},
		{name: "IntrospectToken", response: "oidc.introspect.json",
			want: &Introspection{Active: true, Subject: bobID, ClientID: testAppID, Scope: "openid profile", TokenType: "Bearer",
				ExpiresAt: 1623722400, IssuedAt: 1622512800, Issuer: "https://example.authing.cn/oidc"},
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.IntrospectToken(ctx, "access-token-1")
			}},
		{name: "ValidateToken", response: "oidc.validate.json", want: validated,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.ValidateToken(ctx, ValidateTokenOptions{IDToken: "id-token-1"})
			}},
		authCase("GetMFAAuthenticators", "mfa.authenticators.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.GetMFAAuthenticators(ctx, nil)
		}),
		authCase("AssociateMFAAuthenticator", "mfa.associate.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.AssociateMFAAuthenticator(ctx, &MFAOptions{MFAToken: "mfa-token-1"})
		}),
		authCase("DeleteMFAAuthenticator", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return none(ac.DeleteMFAAuthenticator(ctx))
		}),
		authCase("ConfirmAssociateMFAAuthenticator", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return none(ac.ConfirmAssociateMFAAuthenticator(ctx, "123456", nil))
		}),
		authCase("VerifyTOTPMFA", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.VerifyTOTPMFA(ctx, "123456", "mfa-token-1")
		}),
		authCase("VerifyTOTPRecoveryCode", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.VerifyTOTPRecoveryCode(ctx, "a1b2-c3d4-e5f6", "mfa-token-1")
		}),
		authCase("VerifyAppSMSMFA", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.VerifyAppSMSMFA(ctx, "13800000000", "123456", "mfa-token-1")
		}),
		authCase("VerifyAppEmailMFA", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.VerifyAppEmailMFA(ctx, "bob@example.com", "123456", "mfa-token-1")
		}),
		{name: "PhoneOrEmailBindable", response: "mfa.check.json", want: true,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.PhoneOrEmailBindable(ctx, "mfa-token-1", "13800000000", "")
			}},
		authCase("AssociateFaceByURL", "rest.ok.json", "-", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return none(ac.AssociateFaceByURL(ctx, "https://example.com/a.jpg", "https://example.com/b.jpg", ""))
		}),
		authCase("VerifyFaceMFA", "mfa.verify.json", "", func(ctx context.Context, ac *AuthenticationClient) (any, error) {
			return ac.VerifyFaceMFA(ctx, "https://example.com/c.jpg", "mfa-token-1")
		}),
	})
}

func TestOAuthErrorIsTyped(t *testing.T) {
	r := newReplay(t, "oidc.error.json")
	r.status = 400
	ac := r.authClient("")
	_, err := ac.GetAccessTokenByCode(context.Background(), "used-code", nil)
	var e *Error
	if !errors.As(err, &e) || e.Kind != "invalid_grant" || e.StatusCode != 400 || !strings.Contains(e.Message, "授权码无效") {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "app-secret-for-tests") {
		t.Error("the app secret leaked into the error")
	}
	if len(r.requests) != 1 {
		t.Errorf("a code exchange was sent %d times; it must never be retried", len(r.requests))
	}
	r2 := newReplay(t, "gateway-502.html")
	r2.status = 502
	if _, err := r2.authClient("").GetUserInfoByAccessToken(context.Background(), "t"); !errors.As(err, &e) || e.StatusCode != 502 {
		t.Errorf("HTML 502: %v", err)
	}
}

func TestMFATokenFromError(t *testing.T) {
	r := newReplay(t, "mfa.required.json")
	_, err := r.authClient("").LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil)
	if !errors.Is(err, ErrMFARequired) {
		t.Fatalf("err = %v, want ErrMFARequired", err)
	}
	if tok, ok := MFATokenFromError(err); !ok || tok != "mfa-token-1" {
		t.Errorf("MFATokenFromError = %q, %v", tok, ok)
	}
	if _, ok := MFATokenFromError(errors.New("other")); ok {
		t.Error("a plain error carried an MFA token")
	}
}

func TestBuildURLs(t *testing.T) {
	r := newReplay(t, "rest.ok.json")
	ac := r.authClient("")
	verifier := GenerateCodeChallenge()
	challenge, err := CodeChallengeDigest(verifier, "S256")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ac.BuildAuthorizeURL(&AuthorizeURLOptions{Scope: "openid offline_access", State: "s1", Nonce: "n1", CodeChallenge: challenge})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(raw)
	want := url.Values{"client_id": {testAppID}, "redirect_uri": {"https://example.com/callback"}, "response_type": {"code"},
		"scope": {"openid offline_access"}, "state": {"s1"}, "nonce": {"n1"}, "code_challenge": {challenge},
		"code_challenge_method": {"S256"}, "prompt": {"consent"}}
	if u.Path != "/oidc/auth" {
		t.Errorf("path = %s", u.Path)
	}
	if diff := cmp.Diff(want, u.Query()); diff != "" {
		t.Errorf("BuildAuthorizeURL() query mismatch (-want +got):\n%s", diff)
	}
	a, _ := ac.BuildAuthorizeURL(nil)
	b, _ := ac.BuildAuthorizeURL(nil)
	if a == b {
		t.Error("two authorize URLs share a random state")
	}
	out, err := ac.BuildLogoutURL(&LogoutURLOptions{Expert: true, IDToken: "idt", RedirectURI: "https://example.com/bye"})
	if err != nil || !strings.HasSuffix(out, "/oidc/session/end?id_token_hint=idt&post_logout_redirect_uri=https%3A%2F%2Fexample.com%2Fbye") {
		t.Errorf("expert logout URL = %s, %v", out, err)
	}
	out, _ = ac.BuildLogoutURL(&LogoutURLOptions{RedirectURI: "https://example.com/bye"})
	if !strings.HasSuffix(out, "/login/profile/logout?redirect_uri=https%3A%2F%2Fexample.com%2Fbye") {
		t.Errorf("logout URL = %s", out)
	}
	if _, err := ac.BuildLogoutURL(&LogoutURLOptions{Expert: true}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("expert logout without ID token: %v", err)
	}
	noApp, _ := NewAuthenticationClient(AuthenticationOptions{UserPoolID: "p"})
	if _, err := noApp.BuildAuthorizeURL(nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("no AppHost: %v", err)
	}
}

func TestPKCE(t *testing.T) {
	// RFC 7636, appendix B.
	got, err := CodeChallengeDigest("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "S256")
	if err != nil || got != "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" {
		t.Errorf("S256 digest = %q, %v", got, err)
	}
	v := GenerateCodeChallenge()
	if len(v) != 43 || strings.ContainsAny(v, "+/=") || v == GenerateCodeChallenge() {
		t.Errorf("verifier %q: want 43 URL-safe random characters", v)
	}
	if p, _ := CodeChallengeDigest(v, "plain"); p != v {
		t.Error("plain challenge differs from the verifier")
	}
	for _, bad := range []struct{ v, m string }{{"short", "S256"}, {v, "MD5"}} {
		if _, err := CodeChallengeDigest(bad.v, bad.m); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("CodeChallengeDigest(%q, %q): %v", bad.v, bad.m, err)
		}
	}
}

func TestComputePasswordSecurityLevel(t *testing.T) {
	tests := []struct {
		password string
		want     int
	}{
		{"", 1}, {"abc", 1}, {"abcdefgh", 1}, {"12345678", 1}, {"abcd1234", 2}, {"abcd!@#$", 2},
		{"abcd1234!", 2}, {"abcd1234!xyz", 3}, {"密码密码密码密码12!!", 3},
	}
	for _, tt := range tests {
		if got := ComputePasswordSecurityLevel(tt.password); got != tt.want {
			t.Errorf("ComputePasswordSecurityLevel(%q) = %d, want %d", tt.password, got, tt.want)
		}
	}
}

func TestGoldenDirectoryAndCAS(t *testing.T) {
	loggedOut := false
	runGolden(t, []goldenTest{
		{name: "LoginByLDAP", response: "auth.directoryLogin.json", resultPath: "", loggedIn: &loggedOut,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.LoginByLDAP(ctx, "bob", "ldap-pass")
			}},
		{name: "LoginByAD", response: "auth.directoryLogin.json", resultPath: "", loggedIn: &loggedOut,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.LoginByAD(ctx, "bob", "ad-pass")
			}},
		{name: "ValidateTicketV1", response: "cas.v1.txt", want: &CASValidation{Valid: true, Username: "bob", Raw: []byte("yes\nbob\n")},
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.ValidateTicketV1(ctx, "ST-1", "https://example.com/app")
			}},
		{name: "ValidateTicketV2", response: "cas.v2.json", resultPath: "-",
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				v, err := ac.ValidateTicketV2(ctx, "ST-1", "https://example.com/app")
				if err == nil && (!v.Valid || v.Username != "bob") {
					t.Errorf("ValidateTicketV2 = %+v", v)
				}
				return v, err
			}},
	})
}
