package client

import (
	"context"
	"net/http"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
	"github.com/golang-jwt/jwt/v5"
)

// UserClient makes the calls an end user makes with their own access token:
// reading and editing their profile, their roles and resources, their custom
// data, refreshing the token and logging out. It is bound to one token for
// its whole life and never changes, so one value may serve many goroutines;
// get one per request with AuthenticationClient.WithAccessToken. It shares
// its parent's settings, connection pool and key cache.
//
// Every call fails with an error matching ErrNotLoggedIn, before any
// network call, when the token is empty, and from the server when the
// token is malformed, expired or revoked.
type UserClient struct {
	*clientConfig
	token string
	gql   *gqlClient
}

// WithAccessToken returns a UserClient acting as the user of token (as a
// login, registration or RefreshToken returned it). It makes no network
// call and does not change ac.
func (ac *AuthenticationClient) WithAccessToken(token string) *UserClient {
	uc := &UserClient{clientConfig: ac.clientConfig, token: token}
	uc.gql = &gqlClient{conn: ac.conn, token: uc.requireToken}
	return uc
}

// Token returns the access token the client is bound to.
func (uc *UserClient) Token() string { return uc.token }

// requireToken returns the token, or ErrNotLoggedIn without any network
// call when there is none.
func (uc *UserClient) requireToken(_ context.Context, op string) (string, error) {
	if uc.token == "" {
		return "", notLoggedIn(op)
	}
	return uc.token, nil
}

// GetCurrentUser fetches the token's user with REST
// GET /api/v2/users/me, and stores it as the token's user.
func (uc *UserClient) GetCurrentUser(ctx context.Context) (*authing.User, error) {
	const op = "GetCurrentUser"
	ctx = withOp(ctx, op)
	var u authing.User
	if err := uc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/users/me"}, &u); err != nil {
		return nil, err
	}
	if u.ID == "" {
		return nil, noResult(op)
	}
	return result(op, &u, nil)
}

// RefreshToken asks for a new token for the user with the refreshToken
// mutation and returns it. It changes nothing: bind the new token with
// AuthenticationClient.WithAccessToken for later calls.
func (uc *UserClient) RefreshToken(ctx context.Context) (*authing.RefreshedToken, error) {
	const op = "RefreshToken"
	ctx = withOp(ctx, op)
	resp, err := generated.RefreshToken(ctx, uc.gql, nil)
	if err != nil {
		return nil, err
	}
	if t := resp.RefreshToken; t != nil && t.Token != "" {
		return t, nil
	}
	return nil, noResult(op)
}

// Logout ends the user's session on the server with REST
// GET /api/v2/logout (with the app id). The token is revoked there; the
// UserClient value itself is unchanged and should be dropped.
func (uc *UserClient) Logout(ctx context.Context) error {
	const op = "Logout"
	ctx = withOp(ctx, op)
	call := restCall{method: http.MethodGet, path: "/api/v2/logout"}
	if uc.opts.AppID != "" {
		call.query = map[string][]string{"app_id": {uc.opts.AppID}}
	}
	return uc.gql.rest(ctx, call, nil)
}

// userID is the id of the token's user, read from its sub (or data.id)
// claim without verification, or ErrNotLoggedIn when the token is missing,
// malformed or carries no user id.
func (uc *UserClient) userID(op string) (string, error) {
	if uc.token == "" {
		return "", notLoggedIn(op)
	}
	var claims struct {
		jwt.RegisteredClaims
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if _, _, err := jwt.NewParser().ParseUnverified(uc.token, &claims); err == nil {
		if claims.Subject != "" {
			return claims.Subject, nil
		}
		if claims.Data.ID != "" {
			return claims.Data.ID, nil
		}
	}
	return "", notLoggedIn(op)
}
