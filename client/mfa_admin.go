package client

import (
	"context"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// Get returns a user's MFA settings with the queryMfa query.
func (s *MFAService) Get(ctx context.Context, userID string) (*authing.MFA, error) {
	const op = "MFA.Get"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	pool := s.mc.conn.opts.userPoolID
	resp, err := generated.QueryMfa(ctx, s.mc.gql, nil, &userID, &pool)
	if err != nil {
		return nil, err
	}
	if resp.QueryMfa == nil {
		return nil, notFound(op, "MFA of user "+userID)
	}
	return resp.QueryMfa, nil
}

// MFAChange says what Change does: switch MFA on or off, and/or issue a
// new secret.
type MFAChange struct {
	Enable  *bool
	Refresh *bool
}

// Change switches a user's MFA on or off, or refreshes its secret, with the
// changeMfa mutation.
func (s *MFAService) Change(ctx context.Context, userID string, c MFAChange) (*authing.MFA, error) {
	const op = "MFA.Change"
	ctx = withOp(ctx, op)
	if userID == "" || (c.Enable == nil && c.Refresh == nil) {
		return nil, argError(op, "user id and a change are required")
	}
	pool := s.mc.conn.opts.userPoolID
	resp, err := generated.ChangeMfa(ctx, s.mc.gql, c.Enable, nil, &userID, &pool, c.Refresh)
	return result(op, resp.ChangeMfa, err)
}
