package authingtest_test

import (
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	authing "github.com/authing-go/authing"
	"github.com/authing-go/authing/authingtest"
	"github.com/authing-go/authing/client"
	"golang.org/x/oauth2"
)

func TestMFAEndToEnd(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	bob := ok[string](t, "seed")(e.srv.SeedUser(authingtest.SeedUser{Username: "bob", Email: "bob@example.com", Phone: "13800000000", Password: "passw0rd"}))
	ac := e.auth()
	bobToken := ok[*authing.User](t, "login")(ac.LoginByUsername(ctx, "bob", "passw0rd", nil)).Token
	asBob := &client.MFAOptions{MFAToken: bobToken}

	// Bind a TOTP authenticator, authenticated with bob's access token.
	_, err := ac.AssociateMFAAuthenticator(ctx, nil)
	wantCode(t, "AssociateMFAAuthenticator without a token", err, client.ErrNotLoggedIn)
	assoc := ok[*client.MFAAssociation](t, "AssociateMFAAuthenticator")(ac.AssociateMFAAuthenticator(ctx, asBob))
	code := ok[string](t, "TOTPCode")(authingtest.TOTPCode(assoc.Secret, time.Now()))
	wantCode(t, "confirm with a wrong code", ac.ConfirmAssociateMFAAuthenticator(ctx, "000000x", asBob), client.ErrCaptchaWrong)
	noErr(t, "ConfirmAssociateMFAAuthenticator", ac.ConfirmAssociateMFAAuthenticator(ctx, code, asBob))
	if a := ok[[]*client.MFAAuthenticator](t, "GetMFAAuthenticators")(ac.GetMFAAuthenticators(ctx, asBob)); len(a) != 1 {
		t.Errorf("authenticators = %d", len(a))
	}
	if m := ok[*authing.MFA](t, "mc.MFA.Get")(e.mc.MFA.Get(ctx, bob)); !m.Enable {
		t.Error("MFA not enabled after binding")
	}

	// A login now needs the second factor.
	login := func() string {
		t.Helper()
		_, err := e.auth().LoginByUsername(ctx, "bob", "passw0rd", nil)
		wantCode(t, "login with MFA on", err, client.ErrMFARequired)
		tok, found := client.MFATokenFromError(err)
		if !found {
			t.Fatalf("no MFA token in %v", err)
		}
		return tok
	}
	mfa := e.auth()
	u := ok[*authing.User](t, "VerifyTOTPMFA")(mfa.VerifyTOTPMFA(ctx, ok[string](t, "code")(authingtest.TOTPCode(assoc.Secret, time.Now())), login()))
	if u.ID != bob || u.Token == "" {
		t.Fatal("VerifyTOTPMFA did not log in")
	}
	if me := ok[*authing.User](t, "token after MFA works")(mfa.WithAccessToken(u.Token).GetCurrentUser(ctx)); me.ID != bob {
		t.Errorf("token after MFA belongs to %s, want %s", me.ID, bob)
	}
	ok[*authing.User](t, "VerifyTOTPRecoveryCode")(e.auth().VerifyTOTPRecoveryCode(ctx, assoc.RecoveryCode, login()))
	_, err = e.auth().VerifyTOTPRecoveryCode(ctx, assoc.RecoveryCode, login())
	wantCode(t, "reused recovery code", err, client.ErrCaptchaWrong)

	tok := login()
	if !ok[bool](t, "PhoneOrEmailBindable")(e.auth().PhoneOrEmailBindable(ctx, tok, &client.PhoneOrEmailBindableOptions{Phone: "13900000000"})) {
		t.Error("a free phone is not bindable")
	}
	noErr(t, "SendSMSCode", ac.SendSMSCode(ctx, "13800000000"))
	sms, _ := e.srv.LastSMSCode("13800000000")
	ok[*authing.User](t, "VerifyAppSMSMFA")(e.auth().VerifyAppSMSMFA(ctx, client.PhoneCode{Phone: "13800000000", Code: sms}, tok))
	ok[*authing.CommonMessage](t, "SendEmail")(ac.SendEmail(ctx, "bob@example.com", authing.EmailSceneMFAVerifyCode))
	mail, _ := e.srv.LastEmailCode("bob@example.com")
	ok[*authing.User](t, "VerifyAppEmailMFA")(e.auth().VerifyAppEmailMFA(ctx, client.EmailCode{Email: "bob@example.com", Code: mail}, login()))
	_, err = e.auth().VerifyTOTPMFA(ctx, "123456", "not-an-mfa-token")
	wantCode(t, "bad MFA token", err, client.ErrNotLoggedIn)

	// Face recognition.
	ok[*authing.User](t, "AssociateFaceByURL")(ac.AssociateFaceByURL(ctx, client.FacePhotos{Base: "https://example.com/bob.jpg", Compare: "https://example.com/bob.jpg"}, bobToken))
	ok[*authing.User](t, "VerifyFaceMFA")(e.auth().VerifyFaceMFA(ctx, "https://example.com/bob.jpg", login()))

	// Switching MFA off lets a password alone log in again.
	noErr(t, "DeleteMFAAuthenticator", ac.WithAccessToken(bobToken).DeleteMFAAuthenticator(ctx))
	ok[*authing.User](t, "login without MFA")(e.auth().LoginByUsername(ctx, "bob", "passw0rd", nil))
}

func TestOIDCEndToEnd(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	bob := ok[string](t, "seed")(e.srv.SeedUser(authingtest.SeedUser{Username: "bob", Email: "bob@example.com", Password: "passw0rd"}))
	const callback = "https://example.com/cb"
	app := ok[*authing.Application](t, "create app")(e.mc.Applications.Create(ctx, "Web", "web", []string{callback}, ""))
	user := ok[*authing.User](t, "login")(e.auth().LoginByUsername(ctx, "bob", "passw0rd", nil))
	oc, err := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: e.srv.UserPoolID, Host: e.srv.URL,
		AppID: app.ID, AppSecret: app.Secret, AppHost: e.srv.URL, RedirectURI: callback})
	noErr(t, "client", err)

	// authorize follows the user's session (here: their token) to a code.
	authorize := func(opts *client.AuthorizeURLOptions) (*client.AuthorizeRequest, url.Values) {
		t.Helper()
		ar := ok[*client.AuthorizeRequest](t, "BuildAuthorizeURL")(oc.BuildAuthorizeURL(opts))
		req, _ := http.NewRequest(http.MethodGet, ar.URL, nil)
		req.Header.Set("Authorization", "Bearer "+user.Token)
		hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := hc.Do(req)
		noErr(t, "authorize", err)
		resp.Body.Close()
		loc, err := url.Parse(resp.Header.Get("Location"))
		if err != nil || resp.StatusCode != http.StatusFound || loc.Query().Get("state") != ar.State {
			t.Fatalf("authorize answered %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		return ar, loc.Query()
	}
	const scope = "openid profile email offline_access"

	// Authorization code with PKCE; a wrong verifier is refused.
	_, q := authorize(&client.AuthorizeURLOptions{Scope: scope})
	_, err = oc.GetAccessTokenByCode(ctx, q.Get("code"), &client.CodeExchangeOptions{CodeVerifier: client.GenerateCodeVerifier()})
	var ae *client.Error
	if !errors.As(err, &ae) || ae.OAuthError != "invalid_grant" || ae.Kind != client.KindServer {
		t.Fatalf("wrong verifier: %v", err)
	}
	ar, q := authorize(&client.AuthorizeURLOptions{Scope: scope})
	tok := ok[*oauth2.Token](t, "GetAccessTokenByCode")(oc.GetAccessTokenByCode(ctx, q.Get("code"), &client.CodeExchangeOptions{CodeVerifier: ar.CodeVerifier}))
	idToken, _ := tok.Extra("id_token").(string)
	if idToken == "" || tok.RefreshToken == "" || time.Until(tok.Expiry) < 50*time.Minute {
		t.Errorf("tokens = %+v, expiry %v", tok, tok.Expiry)
	}

	// The ID token is verified locally (RS256 against the JWKS); the
	// nonce and at_hash must match.
	claims := ok[*client.TokenValidation](t, "VerifyIDToken")(oc.VerifyIDToken(ctx, idToken,
		&client.IDTokenOptions{Nonce: ar.Nonce, AccessToken: tok.AccessToken}))
	if claims.Subject != bob || claims.Claims["email"] != "bob@example.com" || claims.Issuer != e.srv.URL+"/oidc" {
		t.Errorf("ID token claims = %+v", claims)
	}
	for name, opts := range map[string]*client.IDTokenOptions{
		"another nonce":        {Nonce: "other"},
		"another access token": {Nonce: ar.Nonce, AccessToken: "other"},
	} {
		if _, err := oc.VerifyIDToken(ctx, idToken, opts); !errors.Is(err, client.ErrInvalidArgument) {
			t.Errorf("VerifyIDToken with %s: %v", name, err)
		}
	}
	if _, err := oc.VerifyIDToken(ctx, idToken[:len(idToken)-4]+"AAAA", &client.IDTokenOptions{Nonce: ar.Nonce}); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("VerifyIDToken with a forged signature: %v", err)
	}

	info := ok[*client.OIDCUserInfo](t, "GetUserInfoByAccessToken")(oc.GetUserInfoByAccessToken(ctx, tok.AccessToken))
	if info.Subject != bob || info.Email != "bob@example.com" || info.Claims["preferred_username"] != "bob" {
		t.Errorf("userinfo = %+v", info)
	}
	if in := ok[*client.IntrospectionResult](t, "IntrospectToken")(oc.IntrospectToken(ctx, tok.AccessToken)); !in.Active || in.Subject != bob {
		t.Errorf("introspection = %+v", in)
	}
	if v := ok[*client.TokenValidation](t, "ValidateToken")(oc.ValidateToken(ctx, client.ValidateTokenOptions{IDToken: idToken})); v.Subject != bob || v.Nonce != ar.Nonce {
		t.Errorf("validated claims = %+v", v)
	}
	_, err = oc.ValidateToken(ctx, client.ValidateTokenOptions{IDToken: tok.AccessToken})
	if !errors.As(err, &ae) {
		t.Errorf("an access token validated as an ID token: %v", err)
	}

	// The token source refreshes an expired token; the refresh token rotates.
	expired := *tok
	expired.Expiry = time.Now().Add(-time.Minute)
	ts := ok[oauth2.TokenSource](t, "TokenSource")(oc.TokenSource(ctx, &expired))
	fresh := ok[*oauth2.Token](t, "refresh")(ts.Token())
	if fresh.AccessToken == tok.AccessToken || fresh.RefreshToken == tok.RefreshToken {
		t.Error("the token source did not refresh")
	}
	_, err = oc.GetNewAccessTokenByRefreshToken(ctx, tok.RefreshToken)
	if !errors.As(err, &ae) || ae.OAuthError != "invalid_grant" {
		t.Errorf("a rotated refresh token used again: %v", err)
	}
	resp, err := oauth2.NewClient(ctx, ts).Get(e.srv.URL + "/oidc/me")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("oauth2.NewClient: %v", err)
	}
	resp.Body.Close()
	noErr(t, "RevokeToken", oc.RevokeToken(ctx, fresh.AccessToken))
	if in := ok[*client.IntrospectionResult](t, "IntrospectToken")(oc.IntrospectToken(ctx, fresh.AccessToken)); in.Active {
		t.Error("a revoked token is active")
	}

	// A reused code is refused and revokes what it issued.
	ar, q = authorize(&client.AuthorizeURLOptions{Scope: "openid"})
	first := ok[*oauth2.Token](t, "code")(oc.GetAccessTokenByCode(ctx, q.Get("code"), &client.CodeExchangeOptions{CodeVerifier: ar.CodeVerifier}))
	_, err = oc.GetAccessTokenByCode(ctx, q.Get("code"), &client.CodeExchangeOptions{CodeVerifier: ar.CodeVerifier})
	if !errors.As(err, &ae) || ae.OAuthError != "invalid_grant" {
		t.Errorf("reused code: %v", err)
	}
	if in := ok[*client.IntrospectionResult](t, "IntrospectToken")(oc.IntrospectToken(ctx, first.AccessToken)); in.Active {
		t.Error("a token of a reused code is still active")
	}

	// The code flow with the client secret, no PKCE, Basic authentication
	// against an application registered for it.
	basicID, basicSecret := ok2(t, "seed app")(e.srv.SeedApplication(authingtest.SeedApplication{Name: "basic",
		RedirectURIs: []string{callback}, TokenEndpointAuthMethod: "client_secret_basic", IDTokenSigningAlg: "HS256"}))
	bc, err := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: e.srv.UserPoolID, Host: e.srv.URL,
		AppID: basicID, AppSecret: basicSecret, AppHost: e.srv.URL, RedirectURI: callback,
		TokenEndpointAuthMethod: client.TokenAuthClientSecretBasic})
	noErr(t, "client", err)
	oc = bc // authorize builds its URLs with oc
	ar, q = authorize(&client.AuthorizeURLOptions{Scope: "openid email", NoPKCE: true})
	tok = ok[*oauth2.Token](t, "code with Basic")(bc.GetAccessTokenByCode(ctx, q.Get("code"), nil))
	// HS256 ID tokens are verified with the app secret.
	idToken, _ = tok.Extra("id_token").(string)
	if c := ok[*client.TokenValidation](t, "VerifyIDToken HS256")(bc.VerifyIDToken(ctx, idToken, &client.IDTokenOptions{Nonce: ar.Nonce})); c.Subject != bob {
		t.Errorf("HS256 claims = %+v", c)
	}

	e.casAndClientCredentials(app.ID, app.Secret, user)
}

func ok2(t *testing.T, what string) func(a, b string, err error) (string, string) {
	return func(a, b string, err error) (string, string) {
		t.Helper()
		noErr(t, what, err)
		return a, b
	}
}

// casAndClientCredentials checks CAS tickets and client credentials.
func (e *env) casAndClientCredentials(appID, appSecret string, user *authing.User) {
	t, ctx := e.t, e.ctx
	oc, err := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: e.srv.UserPoolID, Host: e.srv.URL,
		AppID: appID, AppSecret: appSecret, AppHost: e.srv.URL})
	noErr(t, "client", err)
	var ae *client.Error
	// CAS tickets, version 1 and 2, each valid once.
	const service = "https://example.com/app"
	ticket := func() string {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/cas-idp/"+appID+"/login?service="+url.QueryEscape(service), nil)
		req.Header.Set("Authorization", "Bearer "+user.Token)
		hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := hc.Do(req)
		noErr(t, "CAS login", err)
		resp.Body.Close()
		loc, _ := url.Parse(resp.Header.Get("Location"))
		return loc.Query().Get("ticket")
	}
	st := ticket()
	if v := ok[*client.CASValidation](t, "ValidateTicketV1")(oc.ValidateTicketV1(ctx, st, service)); !v.Valid || v.Username != "bob" {
		t.Errorf("V1 = %+v", v)
	}
	if v := ok[*client.CASValidation](t, "ValidateTicketV1 again")(oc.ValidateTicketV1(ctx, st, service)); v.Valid {
		t.Error("a CAS ticket validated twice")
	}
	if v := ok[*client.CASValidation](t, "ValidateTicketV2")(oc.ValidateTicketV2(ctx, ticket(), service)); !v.Valid || v.Username != "bob" {
		t.Errorf("V2 = %+v", v)
	}
	if v := ok[*client.CASValidation](t, "ValidateTicketV2 wrong service")(oc.ValidateTicketV2(ctx, ticket(), "https://evil.example.com")); v.Valid {
		t.Error("a ticket validated for another service")
	}

	// Client credentials of a programmatic access account.
	acct := ok[*client.ProgrammaticAccessAccount](t, "account")(e.mc.ACL.CreateProgrammaticAccessAccount(ctx, appID, nil))
	m2m := ok[*oauth2.Token](t, "GetAccessTokenByClientCredentials")(oc.GetAccessTokenByClientCredentials(ctx, client.ClientCredentials{AccessKey: acct.ID, AccessSecret: acct.Secret}, "orders:read"))
	if m2m.AccessToken == "" || m2m.Extra("scope") != "orders:read" || m2m.Expiry.IsZero() {
		t.Errorf("client credentials token = %+v", m2m)
	}
	_, err = oc.GetAccessTokenByClientCredentials(ctx, client.ClientCredentials{AccessKey: acct.ID, AccessSecret: "wrong"}, "orders:read")
	if !errors.As(err, &ae) || ae.OAuthError != "invalid_client" || ae.StatusCode != 401 {
		t.Errorf("wrong account secret: %v", err)
	}
}
