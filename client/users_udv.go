package client

import (
	"context"

	"github.com/authing-go/authing"
)

// ListUdv returns the user's custom field values as sent, with the udv
// query.
func (s *UsersService) ListUdv(ctx context.Context, userID string) ([]*authing.UDV, error) {
	const op = "Users.ListUdv"
	ctx = withOp(ctx, op)
	return s.udv().list(ctx, op, userID)
}

// GetUdfValue returns the user's custom field values converted by data
// type (see DecodeCustomValue).
func (s *UsersService) GetUdfValue(ctx context.Context, userID string) (map[string]any, error) {
	const op = "Users.GetUdfValue"
	ctx = withOp(ctx, op)
	return s.udv().typed(ctx, op, userID)
}

// GetUdfValueBatch returns the typed custom field values of several users,
// by user id, with the udfValueBatch query.
func (s *UsersService) GetUdfValueBatch(ctx context.Context, userIDs []string) (map[string]map[string]any, error) {
	const op = "Users.GetUdfValueBatch"
	ctx = withOp(ctx, op)
	return s.udv().batch(ctx, op, userIDs)
}

// SetUdv sets one custom field value of the user with the setUdv mutation.
func (s *UsersService) SetUdv(ctx context.Context, userID, key string, value any) ([]*authing.UDV, error) {
	const op = "Users.SetUdv"
	ctx = withOp(ctx, op)
	return s.udv().set(ctx, op, userID, key, value)
}

// SetUdfValue sets several custom field values of the user with the
// setUdvBatch mutation.
func (s *UsersService) SetUdfValue(ctx context.Context, userID string, data map[string]any) ([]*authing.UDV, error) {
	const op = "Users.SetUdfValue"
	ctx = withOp(ctx, op)
	return s.udv().setMany(ctx, op, userID, data)
}

// SetUdfValueBatch sets values of several users with the setUdfValueBatch
// mutation.
func (s *UsersService) SetUdfValueBatch(ctx context.Context, values []UdfValueInput) error {
	const op = "Users.SetUdfValueBatch"
	ctx = withOp(ctx, op)
	return s.udv().setBatch(ctx, op, values)
}

// RemoveUdv removes one custom field value of the user with the removeUdv
// mutation.
func (s *UsersService) RemoveUdv(ctx context.Context, userID, key string) ([]*authing.UDV, error) {
	const op = "Users.RemoveUdv"
	ctx = withOp(ctx, op)
	return s.udv().remove(ctx, op, userID, key)
}

func (s *UsersService) udv() udvOps { return udvOps{gql: s.mc.gql, targetType: authing.UDFTargetUser} }
