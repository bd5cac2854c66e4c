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
	noErr(t, "AssociateFaceByURL", ac.AssociateFaceByURL(ctx, client.FacePhotos{Base: "https://example.com/bob.jpg", Compare: "https://example.com/bob.jpg"}, bobToken))
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
	app := ok[*client.Application](t, "create app")(e.mc.Applications.Create(ctx, "Web", "web", []string{callback}, ""))
	user := ok[*authing.User](t, "login")(e.auth().LoginByUsername(ctx, "bob", "passw0rd", nil))
	oc, err := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: e.srv.UserPoolID, Host: e.srv.URL,
		AppID: app.ID, AppSecret: app.Secret, AppHost: e.srv.URL, RedirectURI: callback})
	noErr(t, "client", err)

	// authorize follows the user's session (here: their token) to a code.
	authorize := func(opts *client.AuthorizeURLOptions) url.Values {
		t.Helper()
		raw := ok[string](t, "BuildAuthorizeURL")(oc.BuildAuthorizeURL(opts))
		req, _ := http.NewRequest(http.MethodGet, raw, nil)
		req.Header.Set("Authorization", "Bearer "+user.Token)
		hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := hc.Do(req)
		noErr(t, "authorize", err)
		resp.Body.Close()
		loc, err := url.Parse(resp.Header.Get("Location"))
		if err != nil || resp.StatusCode != http.StatusFound {
			t.Fatalf("authorize answered %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		return loc.Query()
	}

	// Authorization code with PKCE.
	verifier := client.GenerateCodeChallenge()
	challenge := ok[string](t, "digest")(client.CodeChallengeDigest(verifier, "S256"))
	q := authorize(&client.AuthorizeURLOptions{Scope: "openid profile email offline_access", State: "xyz", CodeChallenge: challenge})
	if q.Get("state") != "xyz" {
		t.Errorf("state = %q", q.Get("state"))
	}
	_, err = oc.GetAccessTokenByCode(ctx, q.Get("code"), &client.CodeExchangeOptions{CodeVerifier: client.GenerateCodeChallenge(), AuthMethod: client.TokenAuthClientSecretPost})
	var ae *client.Error
	if !errors.As(err, &ae) || ae.OAuthError != "invalid_grant" {
		t.Fatalf("wrong verifier: %v", err)
	}
	q = authorize(&client.AuthorizeURLOptions{Scope: "openid profile email offline_access", CodeChallenge: challenge, Nonce: "n-1"})
	tokens := ok[*client.OIDCTokenSet](t, "GetAccessTokenByCode")(oc.GetAccessTokenByCode(ctx, q.Get("code"), &client.CodeExchangeOptions{CodeVerifier: verifier, AuthMethod: client.TokenAuthClientSecretPost}))
	if tokens.IDToken == "" || tokens.RefreshToken == "" {
		t.Errorf("tokens = %+v", tokens)
	}
	_, err = oc.GetAccessTokenByCode(ctx, q.Get("code"), &client.CodeExchangeOptions{CodeVerifier: verifier, AuthMethod: client.TokenAuthClientSecretPost})
	if !errors.As(err, &ae) || ae.OAuthError != "invalid_grant" {
		t.Errorf("reused code: %v", err)
	}
	// The reuse revoked what the code issued (RFC 6749 section 4.1.2).
	if in := ok[*client.IntrospectionResult](t, "IntrospectToken")(oc.IntrospectToken(ctx, tokens.AccessToken)); in.Active {
		t.Error("a token of a reused code is still active")
	}
	q = authorize(&client.AuthorizeURLOptions{Scope: "openid profile email offline_access", CodeChallenge: challenge, Nonce: "n-1"})
	tokens = ok[*client.OIDCTokenSet](t, "GetAccessTokenByCode")(oc.GetAccessTokenByCode(ctx, q.Get("code"), &client.CodeExchangeOptions{CodeVerifier: verifier, AuthMethod: client.TokenAuthClientSecretPost}))

	info := ok[*client.OIDCUserInfo](t, "GetUserInfoByAccessToken")(oc.GetUserInfoByAccessToken(ctx, tokens.AccessToken))
	if info.Subject != bob || info.Email != "bob@example.com" || info.Claims["preferred_username"] != "bob" {
		t.Errorf("userinfo = %+v", info)
	}
	if in := ok[*client.IntrospectionResult](t, "IntrospectToken")(oc.IntrospectToken(ctx, tokens.AccessToken)); !in.Active || in.Subject != bob {
		t.Errorf("introspection = %+v", in)
	}
	if v := ok[*client.TokenValidation](t, "ValidateToken")(oc.ValidateToken(ctx, client.ValidateTokenOptions{IDToken: tokens.IDToken})); v.Subject != bob || v.Nonce != "n-1" {
		t.Errorf("validated claims = %+v", v)
	}
	_, err = oc.ValidateToken(ctx, client.ValidateTokenOptions{IDToken: tokens.AccessToken})
	if !errors.As(err, &ae) {
		t.Errorf("an access token validated as an ID token: %v", err)
	}
	fresh := ok[*client.OIDCTokenSet](t, "GetNewAccessTokenByRefreshToken")(oc.GetNewAccessTokenByRefreshToken(ctx, tokens.RefreshToken))
	noErr(t, "RevokeToken", oc.RevokeToken(ctx, fresh.AccessToken))
	if in := ok[*client.IntrospectionResult](t, "IntrospectToken")(oc.IntrospectToken(ctx, fresh.AccessToken)); in.Active {
		t.Error("a revoked token is active")
	}

	// The code flow with the client secret, no PKCE.
	q = authorize(&client.AuthorizeURLOptions{Scope: "openid"})
	ok[*client.OIDCTokenSet](t, "code with secret")(oc.GetAccessTokenByCode(ctx, q.Get("code"), nil))

	// CAS tickets, version 1 and 2, each valid once.
	const service = "https://example.com/app"
	ticket := func() string {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+"/cas-idp/"+app.ID+"/login?service="+url.QueryEscape(service), nil)
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
	acct := ok[*client.ProgrammaticAccessAccount](t, "account")(e.mc.ACL.CreateProgrammaticAccessAccount(ctx, app.ID, nil))
	m2m := ok[*client.OIDCTokenSet](t, "GetAccessTokenByClientCredentials")(oc.GetAccessTokenByClientCredentials(ctx, client.ClientCredentials{AccessKey: acct.ID, AccessSecret: acct.Secret}, "orders:read"))
	if m2m.AccessToken == "" || m2m.Scope != "orders:read" {
		t.Errorf("client credentials token = %+v", m2m)
	}
	_, err = oc.GetAccessTokenByClientCredentials(ctx, client.ClientCredentials{AccessKey: acct.ID, AccessSecret: "wrong"}, "orders:read")
	if !errors.As(err, &ae) || ae.OAuthError != "invalid_client" || ae.StatusCode != 401 {
		t.Errorf("wrong account secret: %v", err)
	}
}
