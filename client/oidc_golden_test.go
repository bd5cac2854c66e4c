package client

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// claimsOf reads a response file as the claims map a result keeps.
func claimsOf(t *testing.T, file string) map[string]any {
	t.Helper()
	var claims map[string]any
	if err := json.Unmarshal(readTestdata(t, "responses", file), &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}

// tokenView is what a test compares of an *oauth2.Token.
type tokenView struct {
	AccessToken, IDToken, RefreshToken, TokenType, Scope string
	ExpiresIn                                            time.Duration // until Expiry, to the minute
}

func viewToken(tok *oauth2.Token, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	id, _ := tok.Extra("id_token").(string)
	scope, _ := tok.Extra("scope").(string)
	return &tokenView{AccessToken: tok.AccessToken, IDToken: id, RefreshToken: tok.RefreshToken, TokenType: tok.TokenType,
		Scope: scope, ExpiresIn: time.Until(tok.Expiry).Round(time.Minute)}, nil
}

func TestGoldenOIDC(t *testing.T) {
	none := func(err error) (any, error) { return nil, err }
	tokens := &tokenView{AccessToken: "eyJhbGciOiJSUzI1NiJ9.access.sig", IDToken: "eyJhbGciOiJSUzI1NiJ9.id.sig",
		RefreshToken: "refresh-token-1", TokenType: "Bearer", ExpiresIn: 1209600 * time.Second, Scope: "openid profile offline_access"}
	verifier := strings.Repeat("v", 43)
	tests := []goldenTest{
		{name: "GetAccessTokenByCode", response: "oidc.token.json", want: tokens,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return viewToken(ac.GetAccessTokenByCode(ctx, "auth-code-1", nil))
			}},
		{name: "GetAccessTokenByCode PKCE", response: "oidc.token.json", want: tokens,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return viewToken(ac.GetAccessTokenByCode(ctx, "auth-code-1", &CodeExchangeOptions{CodeVerifier: verifier,
					AuthMethod: TokenAuthNone}))
			}},
		{name: "GetAccessTokenByCode PKCE with secret", response: "oidc.token.json", want: tokens,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return viewToken(ac.GetAccessTokenByCode(ctx, "auth-code-1", &CodeExchangeOptions{CodeVerifier: verifier,
					AuthMethod: TokenAuthClientSecretPost, RedirectURI: "https://example.com/other"}))
			}},
		{name: "GetAccessTokenByCode basic", response: "oidc.token.json", want: tokens,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return viewToken(ac.GetAccessTokenByCode(ctx, "auth-code-1", &CodeExchangeOptions{AuthMethod: TokenAuthClientSecretBasic}))
			}},
		{name: "GetNewAccessTokenByRefreshToken", response: "oidc.token.json", want: tokens,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return viewToken(ac.GetNewAccessTokenByRefreshToken(ctx, "refresh-token-1"))
			}},
		{name: "GetAccessTokenByClientCredentials", response: "oidc.token.json", want: tokens,
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return viewToken(ac.GetAccessTokenByClientCredentials(ctx, ClientCredentials{AccessKey: "ak-1", AccessSecret: "sk-1"}, "books:read"))
			}},
		{name: "GetUserInfoByAccessToken", response: "oidc.me.json",
			want: &OIDCUserInfo{Subject: bobID, Name: "Bob", Nickname: "bob", PreferredUsername: "bob", Gender: "U",
				Picture: "https://files.authing.co/authing-console/default-user-avatar.png", Email: "bob@example.com",
				EmailVerified: true, UpdatedAt: time.Date(2021, 6, 15, 10, 0, 0, 0, time.UTC), Address: &OIDCAddress{Country: "CN"},
				Claims: claimsOf(t, "oidc.me.json")},
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.GetUserInfoByAccessToken(ctx, "access-token-1")
			}},
		{name: "RevokeToken", response: "oidc.empty.json", resultPath: "-",
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return none(ac.RevokeToken(ctx, "refresh-token-1"))
			}},
		{name: "IntrospectToken", response: "oidc.introspect.json",
			want: &IntrospectionResult{Active: true, Subject: bobID, ClientID: testAppID, Scope: "openid profile", TokenType: "Bearer",
				ExpiresAt: time.Unix(1623722400, 0), IssuedAt: time.Unix(1622512800, 0), Issuer: "https://example.authing.cn/oidc"},
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.IntrospectToken(ctx, "access-token-1")
			}},
		{name: "IntrospectToken inactive", response: "oidc.introspect.inactive.json", want: &IntrospectionResult{},
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.IntrospectToken(ctx, "revoked-token-1")
			}},
		{name: "ValidateToken", response: "oidc.validate.json",
			want: &TokenValidation{Subject: bobID, Audience: []string{testAppID}, Issuer: "https://example.authing.cn/oidc",
				ExpiresAt: time.Unix(1623722400, 0), IssuedAt: time.Unix(1622512800, 0), Nonce: "n-1", AtHash: "B3IgOYDDa0Pz8v1_9qZrAw",
				Claims: claimsOf(t, "oidc.validate.json")},
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.ValidateToken(ctx, ValidateTokenOptions{IDToken: "id-token-1"})
			}},
		{name: "ValidateToken access", response: "oidc.validate.access.json",
			want: &TokenValidation{Subject: bobID, Audience: []string{testAppID, "https://api.example.com"},
				Issuer: "https://example.authing.cn/oidc", ExpiresAt: time.Unix(1623722400, 0), IssuedAt: time.Unix(1622512800, 0),
				Scope: "openid profile email phone", JWTID: "K5TYewNhvdGBdHiRifMyW", Claims: claimsOf(t, "oidc.validate.access.json")},
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.ValidateToken(ctx, ValidateTokenOptions{AccessToken: "access-token-1"})
			}},
	}
	runGolden(t, tests)
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
		{name: "ValidateTicketV2", response: "cas.v2.json",
			want: &CASValidation{Valid: true, Username: "bob", Raw: readTestdata(t, "responses", "cas.v2.json")},
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.ValidateTicketV2(ctx, "ST-1", "https://example.com/app")
			}},
	})
}
