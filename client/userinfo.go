package client

import (
	"context"
)

// IsUserExists reports whether an account with the given username, email,
// phone or external id exists, with the isUserExists query.
func (ac *AuthenticationClient) IsUserExists(ctx context.Context, q UserQuery) (bool, error) {
	const op = "IsUserExists"
	ctx = withOp(ctx, op)
	return isUserExists(ctx, ac.gql, op, q)
}
