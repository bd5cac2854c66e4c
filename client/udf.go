package client

import (
	"context"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// List returns the custom fields defined for a target type with the udf
// query.
func (s *UDFService) List(ctx context.Context, targetType authing.UDFTargetType) ([]*authing.UDF, error) {
	const op = "UDF.List"
	ctx = withOp(ctx, op)
	if targetType == "" {
		return nil, argError(op, "target type is required")
	}
	resp, err := generated.Udf(ctx, s.mc.gql, targetType)
	if err != nil {
		return nil, err
	}
	return resp.Udf, nil
}

// UDFOptions are the optional values of UDF.Set.
type UDFOptions struct {
	// Options holds the choices of a SELECT field, as the JSON text the
	// server stores (sent as the options string; absent when nil).
	Options *string
}

// Set defines (or redefines) a custom field with the setUdf mutation, and
// returns the definition. opts may be nil.
func (s *UDFService) Set(ctx context.Context, targetType authing.UDFTargetType, key string, dataType authing.UDFDataType, label string, opts *UDFOptions) (*authing.UDF, error) {
	const op = "UDF.Set"
	ctx = withOp(ctx, op)
	if targetType == "" || key == "" || dataType == "" || label == "" {
		return nil, argError(op, "target type, key, data type and label are required")
	}
	if opts == nil {
		opts = &UDFOptions{}
	}
	resp, err := generated.SetUdf(ctx, s.mc.gql, targetType, key, dataType, label, opts.Options)
	return result(op, resp.SetUdf, err)
}

// Remove deletes a custom field definition (and its values) with the
// removeUdf mutation.
func (s *UDFService) Remove(ctx context.Context, targetType authing.UDFTargetType, key string) (*authing.CommonMessage, error) {
	const op = "UDF.Remove"
	ctx = withOp(ctx, op)
	if targetType == "" || key == "" {
		return nil, argError(op, "target type and key are required")
	}
	resp, err := generated.RemoveUdf(ctx, s.mc.gql, targetType, key)
	return commonMessage(op, resp.RemoveUdf, err)
}

// ListValues returns the custom field values of one target, as sent
// (strings and data types: see CustomValues to convert them), with the udv
// query.
func (s *UDFService) ListValues(ctx context.Context, targetType authing.UDFTargetType, targetID string) ([]*authing.UDV, error) {
	const op = "UDF.ListValues"
	ctx = withOp(ctx, op)
	return udvOps{gql: s.mc.gql, targetType: targetType}.list(ctx, op, targetID)
}

// SetValuesBatch sets several custom field values of one target with the
// setUdvBatch mutation, and returns the target's values as sent. Each value
// is sent JSON-encoded, as the batch setters take it: a string quoted ("" as
// `""`), a time.Time as its millisecond timestamp, a json.RawMessage as it
// is; a nil value is refused.
func (s *UDFService) SetValuesBatch(ctx context.Context, targetType authing.UDFTargetType, targetID string, values map[string]any) ([]*authing.UDV, error) {
	const op = "UDF.SetValuesBatch"
	ctx = withOp(ctx, op)
	return udvOps{gql: s.mc.gql, targetType: targetType}.setMany(ctx, op, targetID, values)
}
