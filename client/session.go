package client

import (
	"context"
	"net/http"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// GetCurrentUser fetches the logged-in user with REST
// GET /api/v2/users/me, and stores it as the current user.
func (ac *AuthenticationClient) GetCurrentUser(ctx context.Context) (*authing.User, error) {
	const op = "GetCurrentUser"
	var u authing.User
	if err := ac.authed().rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/users/me"}, &u); err != nil {
		return nil, err
	}
	if u.ID == "" {
		return nil, noResult(op)
	}
	return ac.updatedUser(op, &u)
}

// CheckLoginStatus asks the server whether token is valid, with the
// checkLoginStatus query. An empty token checks the client's own token.
func (ac *AuthenticationClient) CheckLoginStatus(ctx context.Context, token string) (*authing.LoginStatus, error) {
	const op = "CheckLoginStatus"
	if token == "" {
		tok, err := ac.requireToken(op)
		if err != nil {
			return nil, err
		}
		token = tok
	}
	resp, err := generated.CheckLoginStatus(ctx, ac.gql, &token)
	return result(op, resp.CheckLoginStatus, err)
}

// RefreshToken asks for a new token for the current user with the
// refreshToken mutation, and makes it the client's token.
func (ac *AuthenticationClient) RefreshToken(ctx context.Context) (*authing.RefreshedToken, error) {
	const op = "RefreshToken"
	resp, err := generated.RefreshToken(ctx, ac.authed(), nil)
	if err != nil {
		return nil, err
	}
	t := resp.RefreshToken
	if t == nil || t.Token == "" {
		return nil, noResult(op)
	}
	ac.mu.Lock()
	ac.token = t.Token
	if ac.user != nil {
		u := *ac.user
		u.Token = t.Token
		ac.user = &u
	}
	ac.mu.Unlock()
	return t, nil
}

// Logout ends the user's session on the server with REST
// GET /api/v2/logout (with the app id), then forgets the token and user.
// When the call fails the client keeps both, so it can be retried;
// ClearCurrentUser forgets them without a call.
func (ac *AuthenticationClient) Logout(ctx context.Context) error {
	call := restCall{method: http.MethodGet, path: "/api/v2/logout"}
	if ac.opts.AppID != "" {
		call.query = map[string][]string{"app_id": {ac.opts.AppID}}
	}
	if err := ac.authed().rest(ctx, call, nil); err != nil {
		return err
	}
	ac.ClearCurrentUser()
	return nil
}

// LinkAccount links a social account (logged in as secondaryUserToken) to
// a primary account (primaryUserToken) with REST POST /api/v2/users/link.
func (ac *AuthenticationClient) LinkAccount(ctx context.Context, primaryUserToken, secondaryUserToken string) error {
	const op = "LinkAccount"
	if primaryUserToken == "" || secondaryUserToken == "" {
		return argError(op, "both tokens are required")
	}
	return ac.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/users/link",
		body: map[string]string{"primaryUserToken": primaryUserToken, "secondaryUserToken": secondaryUserToken}}, nil)
}

// UnlinkAccount unlinks the social account of provider from the primary
// account of primaryUserToken with REST POST /api/v2/users/unlink.
func (ac *AuthenticationClient) UnlinkAccount(ctx context.Context, primaryUserToken, provider string) error {
	const op = "UnlinkAccount"
	if primaryUserToken == "" || provider == "" {
		return argError(op, "token and provider are required")
	}
	return ac.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/users/unlink",
		body: map[string]string{"primaryUserToken": primaryUserToken, "provider": provider}}, nil)
}

// CheckLoggedIn returns the current user's id, from the stored user or
// the token's claims, or ErrNotLoggedIn. It makes no network call and does
// not verify the token: use CheckLoginStatus to ask the server.
func (ac *AuthenticationClient) CheckLoggedIn() (string, error) {
	return ac.currentUserID("CheckLoggedIn")
}

// currentUserID is the id of the logged-in user: the stored user's, or
// the token's sub (or data.id) claim, read without verification.
func (ac *AuthenticationClient) currentUserID(op string) (string, error) {
	ac.mu.RLock()
	token, user := ac.token, ac.user
	ac.mu.RUnlock()
	if token == "" {
		return "", notLoggedIn(op)
	}
	if user != nil && user.ID != "" {
		return user.ID, nil
	}
	var claims struct {
		jwt.RegisteredClaims
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if _, _, err := jwt.NewParser().ParseUnverified(token, &claims); err == nil {
		if claims.Subject != "" {
			return claims.Subject, nil
		}
		if claims.Data.ID != "" {
			return claims.Data.ID, nil
		}
	}
	return "", argError(op, "the access token carries no user id; call GetCurrentUser first")
}
