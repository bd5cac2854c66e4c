package client

import (
	"context"

	"github.com/authing-go/authing"
)

// udv returns the custom-value calls for the current user, whose id comes
// from the stored user or the token's claims (no network call); without a
// token it fails with ErrNotLoggedIn.
func (ac *AuthenticationClient) udv(op string) (udvOps, string, error) {
	id, err := ac.currentUserID(op)
	if err != nil {
		return udvOps{}, "", err
	}
	return udvOps{gql: ac.authed(), targetType: authing.UDFTargetUser}, id, nil
}

// ListUdv returns the current user's custom field values, as sent (string
// values and data types), with the udv query.
func (ac *AuthenticationClient) ListUdv(ctx context.Context) ([]*authing.UDV, error) {
	u, id, err := ac.udv("ListUdv")
	if err != nil {
		return nil, err
	}
	return u.list(ctx, "ListUdv", id)
}

// GetUdfValue returns the current user's custom field values converted by
// data type (see DecodeCustomValue), with the udv query.
func (ac *AuthenticationClient) GetUdfValue(ctx context.Context) (map[string]any, error) {
	u, id, err := ac.udv("GetUdfValue")
	if err != nil {
		return nil, err
	}
	return u.typed(ctx, "GetUdfValue", id)
}

// SetUdv sets one custom field value of the current user (encoded with
// EncodeCustomValue) with the setUdv mutation, and returns all values.
func (ac *AuthenticationClient) SetUdv(ctx context.Context, key string, value any) ([]*authing.UDV, error) {
	u, id, err := ac.udv("SetUdv")
	if err != nil {
		return nil, err
	}
	return u.set(ctx, "SetUdv", id, key, value)
}

// SetUdfValue sets several custom field values of the current user at
// once with the setUdvBatch mutation (each value JSON-encoded, as
// UDF.SetValuesBatch sends it), and returns all values as sent.
func (ac *AuthenticationClient) SetUdfValue(ctx context.Context, data map[string]any) ([]*authing.UDV, error) {
	u, id, err := ac.udv("SetUdfValue")
	if err != nil {
		return nil, err
	}
	return u.setMany(ctx, "SetUdfValue", id, data)
}

// RemoveUdv removes one custom field value of the current user with the
// removeUdv mutation, and returns the remaining values.
func (ac *AuthenticationClient) RemoveUdv(ctx context.Context, key string) ([]*authing.UDV, error) {
	u, id, err := ac.udv("RemoveUdv")
	if err != nil {
		return nil, err
	}
	return u.remove(ctx, "RemoveUdv", id, key)
}
