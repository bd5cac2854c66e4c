package client

import (
	"context"

	"github.com/authing-go/authing"
)

// udv returns the custom-value calls for the token's user, whose id comes
// from the token's claims (no network call); without a
// token it fails with ErrNotLoggedIn.
func (uc *UserClient) udv(op string) (udvOps, string, error) {
	id, err := uc.userID(op)
	if err != nil {
		return udvOps{}, "", err
	}
	return udvOps{gql: uc.gql, targetType: authing.UDFTargetUser}, id, nil
}

// ListUdv returns the token's user's custom field values, as sent (string
// values and data types), with the udv query.
func (uc *UserClient) ListUdv(ctx context.Context) ([]*authing.UDV, error) {
	const op = "ListUdv"
	ctx = withOp(ctx, op)
	u, id, err := uc.udv(op)
	if err != nil {
		return nil, err
	}
	return u.list(ctx, op, id)
}

// GetUdfValue returns the token's user's custom field values converted by
// data type (see DecodeCustomValue), with the udv query.
func (uc *UserClient) GetUdfValue(ctx context.Context) (map[string]any, error) {
	const op = "GetUdfValue"
	ctx = withOp(ctx, op)
	u, id, err := uc.udv(op)
	if err != nil {
		return nil, err
	}
	return u.typed(ctx, op, id)
}

// SetUdv sets one custom field value of the token's user (encoded with
// EncodeCustomValue) with the setUdv mutation, and returns all values.
func (uc *UserClient) SetUdv(ctx context.Context, key string, value any) ([]*authing.UDV, error) {
	const op = "SetUdv"
	ctx = withOp(ctx, op)
	u, id, err := uc.udv(op)
	if err != nil {
		return nil, err
	}
	return u.set(ctx, op, id, key, value)
}

// SetUdfValue sets several custom field values of the token's user at
// once with the setUdvBatch mutation (each value JSON-encoded, as
// UDF.SetValuesBatch sends it), and returns all values as sent.
func (uc *UserClient) SetUdfValue(ctx context.Context, data map[string]any) ([]*authing.UDV, error) {
	const op = "SetUdfValue"
	ctx = withOp(ctx, op)
	u, id, err := uc.udv(op)
	if err != nil {
		return nil, err
	}
	return u.setMany(ctx, op, id, data)
}

// RemoveUdv removes one custom field value of the token's user with the
// removeUdv mutation, and returns the remaining values.
func (uc *UserClient) RemoveUdv(ctx context.Context, key string) ([]*authing.UDV, error) {
	const op = "RemoveUdv"
	ctx = withOp(ctx, op)
	u, id, err := uc.udv(op)
	if err != nil {
		return nil, err
	}
	return u.remove(ctx, op, id, key)
}
