package client

import (
	"context"
	"net/http"

	"github.com/authing-go/authing"
)

// LoginByLDAP logs in against the pool's LDAP directory with REST
// POST /api/v2/ldap/verify-user, and returns the user with its token.
// The directory checks the password, so it is sent as given, over TLS.
func (ac *AuthenticationClient) LoginByLDAP(ctx context.Context, username, password string) (*authing.User, error) {
	const op = "LoginByLDAP"
	ctx = withOp(ctx, op)
	return ac.directoryLogin(ctx, op, "/api/v2/ldap/verify-user", username, password)
}

// LoginByAD logs in against the pool's Active Directory with REST
// POST /api/v2/ad/verify-user, and returns the user with its token.
func (ac *AuthenticationClient) LoginByAD(ctx context.Context, username, password string) (*authing.User, error) {
	const op = "LoginByAD"
	ctx = withOp(ctx, op)
	return ac.directoryLogin(ctx, op, "/api/v2/ad/verify-user", username, password)
}

func (ac *AuthenticationClient) directoryLogin(ctx context.Context, op, path, username, password string) (*authing.User, error) {
	if username == "" || password == "" {
		return nil, argError(op, "username and password are required")
	}
	var u authing.User
	if err := ac.gql.rest(ctx, restCall{method: http.MethodPost, path: path,
		body: map[string]string{"username": username, "password": password}}, &u); err != nil {
		return nil, err
	}
	if u.ID == "" {
		return nil, noResult(op)
	}
	return loggedIn(op, &u)
}
