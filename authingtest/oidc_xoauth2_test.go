package authingtest_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/authing-go/authing/authingtest"
	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// TestXOAuth2RelyingParty runs a relying party written with only
// golang.org/x/oauth2 and go-oidc (no SDK code) through the code flow with
// PKCE: discovery, authorization, code exchange, ID token verification
// against the JWKS, userinfo, a refresh through a TokenSource, and
// revocation. It runs against authingtest and against the server served
// as cmd/authing-local serves it (an unstarted server on its own
// listener), with each client authentication method.
func TestXOAuth2RelyingParty(t *testing.T) {
	servers := map[string]func(t *testing.T) *authingtest.Server{
		"authingtest": func(t *testing.T) *authingtest.Server {
			srv := authingtest.NewServer()
			t.Cleanup(srv.Close)
			return srv
		},
		"authing-local": serveLikeAuthingLocal,
	}
	for name, start := range servers {
		for _, method := range []string{"client_secret_post", "client_secret_basic", "none"} {
			t.Run(name+"/"+method, func(t *testing.T) {
				srv := start(t)
				if _, err := srv.SeedUser(authingtest.SeedUser{Username: "bob", Email: "bob@example.com", Password: "passw0rd"}); err != nil {
					t.Fatal(err)
				}
				id, secret, err := srv.SeedApplication(authingtest.SeedApplication{Name: "rp", RedirectURIs: []string{rpCallback},
					TokenEndpointAuthMethod: method})
				if err != nil {
					t.Fatal(err)
				}
				if method == "none" {
					secret = ""
				}
				rp := relyingParty{t: t, issuer: srv.URL + "/oidc", clientID: id, clientSecret: secret, method: method,
					userToken: signIn(t, srv.URL, "bob", "passw0rd")}
				rp.run()
			})
		}
	}
}

// serveLikeAuthingLocal serves an unstarted server on a listener of its
// own, as cmd/authing-local does.
func serveLikeAuthingLocal(t *testing.T) *authingtest.Server {
	srv, err := authingtest.NewUnstartedServer()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.URL = "http://" + ln.Addr().String()
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return srv
}

// relyingParty is the program under test: x/oauth2 and go-oidc only.
type relyingParty struct {
	t                                      *testing.T
	issuer, clientID, clientSecret, method string
	userToken                              string // the browser's login, sent as Bearer to /oidc/auth
}

func randomString() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func (rp relyingParty) run() {
	t := rp.t
	ctx := context.Background()
	provider, err := oidc.NewProvider(ctx, rp.issuer)
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	conf := oauth2.Config{ClientID: rp.clientID, ClientSecret: rp.clientSecret, Endpoint: provider.Endpoint(),
		RedirectURL: rpCallback, Scopes: []string{oidc.ScopeOpenID, "profile", "email", oidc.ScopeOfflineAccess}}
	conf.Endpoint.AuthStyle = oauth2.AuthStyleInParams
	if rp.method == "client_secret_basic" {
		conf.Endpoint.AuthStyle = oauth2.AuthStyleInHeader
	}

	state, nonce, verifier := randomString(), randomString(), oauth2.GenerateVerifier()
	code := rp.browse(conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce)), state)
	tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	if time.Until(tok.Expiry) < 50*time.Minute || tok.RefreshToken == "" {
		t.Errorf("token: expiry in %v, refresh token %q", time.Until(tok.Expiry), tok.RefreshToken)
	}
	raw, _ := tok.Extra("id_token").(string)
	idToken, err := provider.Verifier(&oidc.Config{ClientID: rp.clientID}).Verify(ctx, raw)
	if err != nil {
		t.Fatalf("ID token: %v", err)
	}
	var claims struct {
		Email string `json:"email"`
	}
	if err := idToken.Claims(&claims); err != nil || idToken.Nonce != nonce || claims.Email != "bob@example.com" {
		t.Errorf("ID token: nonce %q (want %q), email %q, %v", idToken.Nonce, nonce, claims.Email, err)
	}
	if err := idToken.VerifyAccessToken(tok.AccessToken); err != nil {
		t.Errorf("at_hash: %v", err)
	}
	fresh := rp.refresh(ctx, provider, &conf, tok)
	rp.revoke(ctx, provider, fresh)
	if _, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier)); err == nil {
		t.Error("a code was redeemed twice")
	}
}

// browse follows the authorization URL as a logged-in browser would and
// returns the code of the redirect back, after checking its state.
func (rp relyingParty) browse(authURL, state string) string {
	rp.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, authURL, nil)
	req.Header.Set("Authorization", "Bearer "+rp.userToken)
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		rp.t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(loc.String(), rpCallback) || loc.Query().Get("state") != state || loc.Query().Get("code") == "" {
		rp.t.Fatalf("authorize: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	return loc.Query().Get("code")
}

// refresh lets a TokenSource refresh an expired token, checks that the
// refresh token rotated, and calls userinfo through oauth2.NewClient.
func (rp relyingParty) refresh(ctx context.Context, provider *oidc.Provider, conf *oauth2.Config, tok *oauth2.Token) *oauth2.Token {
	t := rp.t
	expired := *tok
	expired.Expiry = time.Now().Add(-time.Minute)
	ts := conf.TokenSource(ctx, &expired)
	fresh, err := ts.Token()
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	if fresh.AccessToken == tok.AccessToken || fresh.RefreshToken == tok.RefreshToken || fresh.RefreshToken == "" {
		t.Error("the refresh did not issue a new access token and a rotated refresh token")
	}
	info, err := provider.UserInfo(ctx, ts)
	if err != nil || info.Email != "bob@example.com" {
		t.Errorf("userinfo: %+v, %v", info, err)
	}
	var meta struct {
		UserInfo string `json:"userinfo_endpoint"`
	}
	provider.Claims(&meta)
	resp, err := oauth2.NewClient(ctx, ts).Get(meta.UserInfo)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("oauth2.NewClient: %v", err)
	}
	resp.Body.Close()
	return fresh
}

// revoke revokes the access token at the discovered revocation endpoint
// (x/oauth2 has no revocation call: RFC 7009 is a plain form POST).
func (rp relyingParty) revoke(ctx context.Context, provider *oidc.Provider, tok *oauth2.Token) {
	t := rp.t
	var meta struct {
		Revocation string `json:"revocation_endpoint"`
	}
	if err := provider.Claims(&meta); err != nil || meta.Revocation == "" {
		t.Fatalf("no revocation_endpoint: %v", err)
	}
	form := url.Values{"token": {tok.AccessToken}, "token_type_hint": {"access_token"}}
	if rp.method != "client_secret_basic" {
		form.Set("client_id", rp.clientID)
		if rp.clientSecret != "" {
			form.Set("client_secret", rp.clientSecret)
		}
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, meta.Revocation, strings.NewReader(form.Encode()))
	if rp.method == "client_secret_basic" {
		req.SetBasicAuth(url.QueryEscape(rp.clientID), url.QueryEscape(rp.clientSecret))
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("revocation: %v", err)
	}
	resp.Body.Close()
	if _, err := provider.UserInfo(ctx, oauth2.StaticTokenSource(tok)); err == nil {
		t.Error("a revoked access token still reads userinfo")
	}
}
