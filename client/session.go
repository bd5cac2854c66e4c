package client

import (
	"context"
	"net/http"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// CheckLoginStatus asks the server whether token is valid, with the
// checkLoginStatus query. "Not logged in" is an answer, not an error: an
// invalid, expired or revoked token gives a LoginStatus whose Status is
// false (and whose Code and Message say why); the error is for failures to
// get an answer at all (and for an empty token).
func (ac *AuthenticationClient) CheckLoginStatus(ctx context.Context, token string) (*authing.LoginStatus, error) {
	const op = "CheckLoginStatus"
	ctx = withOp(ctx, op)
	if token == "" {
		return nil, argError(op, "token is required")
	}
	resp, err := generated.CheckLoginStatus(ctx, ac.gql, &token)
	return result(op, resp.CheckLoginStatus, err)
}

// LinkAccount links a social account (logged in as secondaryUserToken) to
// a primary account (primaryUserToken) with REST POST /api/v2/users/link.
func (ac *AuthenticationClient) LinkAccount(ctx context.Context, primaryUserToken, secondaryUserToken string) error {
	const op = "LinkAccount"
	ctx = withOp(ctx, op)
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
	ctx = withOp(ctx, op)
	if primaryUserToken == "" || provider == "" {
		return argError(op, "token and provider are required")
	}
	return ac.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/users/unlink",
		body: map[string]string{"primaryUserToken": primaryUserToken, "provider": provider}}, nil)
}
