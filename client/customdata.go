package client

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/authing-go/authing/generated"
)

// DecodeCustomValue converts a custom field value, which travels as a
// string, to a Go value by its data type:
//
//	STRING, SELECT  string
//	NUMBER          float64
//	BOOLEAN         bool
//	DATETIME        time.Time (from a millisecond Unix timestamp, RFC 3339 or "2006-01-02")
//	OBJECT          json.RawMessage (validated JSON)
//
// An unknown data type yields the string unchanged.
func DecodeCustomValue(dataType UDFDataType, value string) (any, error) {
	switch dataType {
	case UDFNumber:
		f, err := strconv.ParseFloat(strings.TrimSpace(unquote(value)), 64)
		if err != nil {
			return nil, fmt.Errorf("authing: custom value %q is not a NUMBER: %w", value, ErrInvalidArgument)
		}
		return f, nil
	case UDFBoolean:
		switch strings.ToLower(strings.TrimSpace(unquote(value))) {
		case "true", "1":
			return true, nil
		case "false", "0", "":
			return false, nil
		}
		return nil, fmt.Errorf("authing: custom value %q is not a BOOLEAN: %w", value, ErrInvalidArgument)
	case UDFDatetime:
		return parseCustomTime(unquote(value))
	case UDFObject:
		if !json.Valid([]byte(value)) {
			return nil, fmt.Errorf("authing: custom value %q is not OBJECT JSON: %w", value, ErrInvalidArgument)
		}
		return json.RawMessage(value), nil
	default:
		return unquote(value), nil
	}
}

// unquote returns the string inside a JSON string, or s unchanged: batch
// setters send values JSON-encoded, so either form may come back.
func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' {
		var out string
		if json.Unmarshal([]byte(s), &out) == nil {
			return out
		}
	}
	return s
}

func parseCustomTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.000Z", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("authing: custom value %q is not a DATETIME: %w", s, ErrInvalidArgument)
}

// EncodeCustomValue converts a Go value to the string a custom field value
// travels as: strings as they are, numbers and booleans in decimal text,
// time.Time as a millisecond Unix timestamp, json.RawMessage as it is, and
// anything else as JSON.
func EncodeCustomValue(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case time.Time:
		return strconv.FormatInt(x.UnixMilli(), 10), nil
	case json.RawMessage:
		return string(x), nil
	case nil:
		return "", fmt.Errorf("authing: a custom value may not be nil: %w", ErrInvalidArgument)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("authing: custom value of type %T: %v: %w", v, err, ErrInvalidArgument)
	}
	return string(b), nil
}

// CustomValues converts a list of custom field values to a map from key
// to typed value (see DecodeCustomValue).
func CustomValues(list []*UDV) (map[string]any, error) {
	out := make(map[string]any, len(list))
	for _, v := range list {
		if v == nil {
			continue
		}
		typed, err := DecodeCustomValue(v.DataType, v.Value)
		if err != nil {
			return nil, fmt.Errorf("custom field %q: %w", v.Key, err)
		}
		out[v.Key] = typed
	}
	return out, nil
}

// UdfValueInput is one value for a batch of targets.
type UdfValueInput struct {
	TargetID string
	Key      string
	Value    any
}

// udvOps are the custom-value calls shared by every kind of target.
type udvOps struct {
	gql        *gqlClient
	targetType UDFTargetType
}

func (u udvOps) list(ctx context.Context, op, id string) ([]*UDV, error) {
	if id == "" {
		return nil, argError(op, "target id is required")
	}
	resp, err := generated.Udv(ctx, u.gql, u.targetType, id)
	if err != nil {
		return nil, err
	}
	return resp.Udv, nil
}

func (u udvOps) typed(ctx context.Context, op, id string) (map[string]any, error) {
	list, err := u.list(ctx, op, id)
	if err != nil {
		return nil, err
	}
	return CustomValues(list)
}

func (u udvOps) set(ctx context.Context, op, id, key string, value any) ([]*UDV, error) {
	if id == "" || key == "" {
		return nil, argError(op, "target id and key are required")
	}
	s, err := EncodeCustomValue(value)
	if err != nil {
		return nil, err
	}
	resp, err := generated.SetUdv(ctx, u.gql, u.targetType, id, key, s)
	if err != nil {
		return nil, err
	}
	return resp.SetUdv, nil
}

// setMany sends several values at once, each JSON-encoded as the batch
// setters expect.
func (u udvOps) setMany(ctx context.Context, op, id string, data map[string]any) ([]*UDV, error) {
	if id == "" || len(data) == 0 {
		return nil, argError(op, "target id and at least one value are required")
	}
	list := make([]*generated.UserDefinedDataInput, 0, len(data))
	for _, k := range sortedKeys(data) {
		b, err := json.Marshal(data[k])
		if err != nil {
			return nil, argError(op, "value of %q: %v", k, err)
		}
		s := string(b)
		list = append(list, &generated.UserDefinedDataInput{Key: k, Value: &s})
	}
	resp, err := generated.SetUdvBatch(ctx, u.gql, u.targetType, id, list)
	if err != nil {
		return nil, err
	}
	return resp.SetUdvBatch, nil
}

func (u udvOps) remove(ctx context.Context, op, id, key string) ([]*UDV, error) {
	if id == "" || key == "" {
		return nil, argError(op, "target id and key are required")
	}
	resp, err := generated.RemoveUdv(ctx, u.gql, u.targetType, id, key)
	if err != nil {
		return nil, err
	}
	return resp.RemoveUdv, nil
}

func (u udvOps) batch(ctx context.Context, op string, ids []string) (map[string]map[string]any, error) {
	if len(ids) == 0 {
		return nil, argError(op, "at least one id is required")
	}
	in := make([]*string, len(ids))
	for i := range ids {
		in[i] = &ids[i]
	}
	resp, err := generated.UdfValueBatch(ctx, u.gql, u.targetType, in)
	if err != nil {
		return nil, err
	}
	out := make(map[string]map[string]any, len(resp.UdfValueBatch))
	for _, item := range resp.UdfValueBatch {
		if item == nil {
			continue
		}
		values, err := CustomValues(item.Data)
		if err != nil {
			return nil, fmt.Errorf("%s: target %s: %w", op, item.TargetId, err)
		}
		out[item.TargetId] = values
	}
	return out, nil
}

func (u udvOps) setBatch(ctx context.Context, op string, values []UdfValueInput) error {
	if len(values) == 0 {
		return argError(op, "at least one value is required")
	}
	in := make([]*generated.SetUdfValueBatchInput, len(values))
	for i, v := range values {
		if v.TargetID == "" || v.Key == "" {
			return argError(op, "value %d: target id and key are required", i)
		}
		b, err := json.Marshal(v.Value)
		if err != nil {
			return argError(op, "value %d: %v", i, err)
		}
		in[i] = &generated.SetUdfValueBatchInput{TargetId: v.TargetID, Key: v.Key, Value: string(b)}
	}
	_, err := generated.SetUdfValueBatch(ctx, u.gql, u.targetType, in)
	return err
}

// sortedKeys returns m's keys in order, so requests are deterministic.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
