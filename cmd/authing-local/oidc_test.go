package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	authing "github.com/authing-go/authing"
	"github.com/authing-go/authing/client"
	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// TestXOAuth2AgainstAuthingLocal runs the code flow with PKCE of a relying
// party made of x/oauth2 and go-oidc alone against the program: discovery,
// authorization (the user's login token stands for the browser session),
// exchange, ID token verification against the JWKS, a refresh through a
// TokenSource, and revocation. The SDK only seeds the user and the
// application.
func TestXOAuth2AgainstAuthingLocal(t *testing.T) {
	base, pool, _ := startLocal(t, "-secret", "s3cret")
	ctx := context.Background()
	const callback = "https://rp.example.com/cb"
	mc, err := client.NewManagementClient(client.ManagementOptions{UserPoolID: pool, Secret: "s3cret", Host: base})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := mc.Users.Create(ctx, &authing.CreateUserInput{Username: client.String("bob"), Email: client.String("bob@example.com"),
		Password: client.String("passw0rd")}, nil); err != nil {
		t.Fatal(err)
	}
	app, err := mc.Applications.Create(ctx, "rp", "rp", []string{callback}, "")
	if err != nil {
		t.Fatal(err)
	}
	ac, _ := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: pool, Host: base})
	user, err := ac.LoginByUsername(ctx, "bob", "passw0rd", nil)
	if err != nil {
		t.Fatal(err)
	}

	// From here on: x/oauth2, go-oidc and net/http only.
	provider, err := oidc.NewProvider(ctx, base+"/oidc")
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	conf := oauth2.Config{ClientID: app.ID, ClientSecret: app.Secret, Endpoint: provider.Endpoint(), RedirectURL: callback,
		Scopes: []string{oidc.ScopeOpenID, "email", oidc.ScopeOfflineAccess}}
	verifier, state, nonce := oauth2.GenerateVerifier(), "state-1", "nonce-1"
	req, _ := http.NewRequest(http.MethodGet, conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce)), nil)
	req.Header.Set("Authorization", "Bearer "+user.Token)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, _ := url.Parse(resp.Header.Get("Location"))
	if back.Query().Get("state") != state || back.Query().Get("code") == "" {
		t.Fatalf("authorize: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	tok, err := conf.Exchange(ctx, back.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	idToken, err := provider.Verifier(&oidc.Config{ClientID: app.ID}).Verify(ctx, raw)
	if err != nil || idToken.Nonce != nonce || idToken.VerifyAccessToken(tok.AccessToken) != nil {
		t.Fatalf("ID token: %+v, %v", idToken, err)
	}
	expired := *tok
	expired.Expiry = time.Now().Add(-time.Minute)
	fresh, err := conf.TokenSource(ctx, &expired).Token()
	if err != nil || fresh.RefreshToken == tok.RefreshToken {
		t.Fatalf("refresh: %v", err)
	}
	form := url.Values{"token": {fresh.AccessToken}, "client_id": {app.ID}, "client_secret": {app.Secret}}
	resp, err = http.Post(base+"/oidc/token/revocation", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("revocation: %v", err)
	}
	resp.Body.Close()
	if _, err := provider.UserInfo(ctx, oauth2.StaticTokenSource(fresh)); err == nil {
		t.Error("a revoked token still reads userinfo")
	}
}
