package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// Custom field values travel as strings next to their data type. This file
// converts them both ways, and holds the calls every kind of target (user,
// role, ...) shares.

// CustomValueError reports a custom field value that does not parse as its
// data type. Its message names the field and the data type but not the
// value, which may be personal data; Value holds it for debugging.
type CustomValueError struct {
	// Op is the call that read the value ("Users.GetUdfValue"), or "" for
	// a direct DecodeCustomValue.
	Op string
	// Key is the custom field's key, or "" for a direct DecodeCustomValue.
	Key      string
	DataType authing.UDFDataType
	Value    string
	// Err is the parse failure, if there is one to report.
	Err error
}

// Error returns "authing: <op>: custom field "<key>": malformed <TYPE> value".
func (e *CustomValueError) Error() string {
	var b strings.Builder
	b.WriteString("authing: ")
	if e.Op != "" {
		b.WriteString(e.Op + ": ")
	}
	if e.Key != "" {
		fmt.Fprintf(&b, "custom field %q: ", e.Key)
	}
	fmt.Fprintf(&b, "malformed %s value", e.DataType)
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the parse failure.
func (e *CustomValueError) Unwrap() error { return e.Err }

// DecodeCustomValue converts a custom field value, which travels as a
// string, to a Go value by its data type:
//
//	STRING, SELECT  string, exactly as sent
//	NUMBER          float64 (JSON number text; NaN and infinities are refused)
//	BOOLEAN         bool ("true"/"false" in any case, or "1"/"0")
//	DATETIME        time.Time in UTC, from a millisecond Unix timestamp, an
//	                RFC 3339 time, "2006-01-02 15:04:05" (UTC) or "2006-01-02"
//	OBJECT          json.RawMessage holding the value as sent, once checked
//	                to be valid JSON (decode it into your own type)
//
// NUMBER, BOOLEAN and DATETIME values may also come as JSON strings
// ("\"18\""), which the batch setters produce. An empty (or all-space)
// value of any type but STRING and SELECT decodes to nil: "" is a value the
// server accepts for any field, and it means "no value". An unknown data
// type yields the string unchanged. A malformed value is a
// *CustomValueError.
func DecodeCustomValue(dataType authing.UDFDataType, value string) (any, error) {
	v, err := decodeCustom(dataType, value)
	if err != nil {
		return nil, &CustomValueError{DataType: dataType, Value: value, Err: err}
	}
	return v, nil
}

func decodeCustom(dataType authing.UDFDataType, value string) (any, error) {
	switch dataType {
	case authing.UDFNumber, authing.UDFBoolean, authing.UDFDatetime, authing.UDFObject:
	default: // STRING, SELECT and types this SDK does not know yet
		return value, nil
	}
	if strings.TrimSpace(value) == "" {
		return nil, nil
	}
	if dataType == authing.UDFObject {
		if !json.Valid([]byte(value)) {
			return nil, errors.New("not valid JSON")
		}
		return json.RawMessage(value), nil
	}
	s := strings.TrimSpace(unquote(value))
	switch dataType {
	case authing.UDFNumber:
		return parseCustomNumber(s)
	case authing.UDFBoolean:
		switch strings.ToLower(s) {
		case "true", "1":
			return true, nil
		case "false", "0":
			return false, nil
		}
		return nil, errors.New(`want "true" or "false"`)
	default: // authing.UDFDatetime
		return parseCustomTime(s)
	}
}

// unquote returns the string inside a JSON string, or s unchanged.
func unquote(s string) string {
	t := strings.TrimSpace(s)
	if len(t) >= 2 && t[0] == '"' {
		var out string
		if json.Unmarshal([]byte(t), &out) == nil {
			return out
		}
	}
	return s
}

// parseCustomNumber accepts decimal numbers only: ParseFloat alone would
// also take "NaN", "Inf", hexadecimal floats and underscores, none of which
// are JSON numbers.
func parseCustomNumber(s string) (float64, error) {
	if strings.ContainsAny(s, "xXpP_nN") {
		return 0, errors.New("not a decimal number")
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, errors.New("not a decimal number")
	}
	return f, nil
}

var customTimeLayouts = []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"}

func parseCustomTime(s string) (time.Time, error) {
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	for _, layout := range customTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errors.New("want a millisecond timestamp or an RFC 3339 time")
}

// EncodeCustomValue converts a Go value to the string a custom field value
// travels as (the value of setUdv):
//
//	string (and string kinds)        as it is; "" is a valid value
//	bool                             "true" or "false"
//	integers, floats                 JSON number text (NaN and infinities are refused)
//	time.Time                        millisecond Unix timestamp
//	json.RawMessage                  as it is, once checked to be valid JSON
//	maps, slices, structs            JSON
//
// Pointers are followed. A nil value is refused (ErrInvalidArgument): send
// "" to clear a field.
func EncodeCustomValue(v any) (string, error) {
	s, err := encodeCustom(v)
	if err != nil {
		return "", argError("EncodeCustomValue", "custom value: %v", err)
	}
	return s, nil
}

func encodeCustom(v any) (string, error) {
	v, err := deref(v)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case time.Time:
		return strconv.FormatInt(x.UnixMilli(), 10), nil
	case json.RawMessage:
		return rawJSON(x)
	case json.Number:
		if _, err := parseCustomNumber(string(x)); err != nil {
			return "", fmt.Errorf("json.Number %q: %v", string(x), err)
		}
		return string(x), nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String(), nil
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10), nil
	case reflect.Float32, reflect.Float64:
		if f := rv.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return "", fmt.Errorf("%v is not a JSON number", f)
		}
	}
	return marshalCustom(v)
}

// encodeBatchValue converts a Go value to what the batch setters
// (setUdvBatch, setUdfValueBatch) take: JSON, so a string travels quoted
// ("" as `""`). A time.Time is sent as its millisecond timestamp (a JSON
// number), as DATETIME fields hold it; a json.RawMessage as it is.
func encodeBatchValue(v any) (string, error) {
	v, err := deref(v)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case time.Time:
		return strconv.FormatInt(x.UnixMilli(), 10), nil
	case json.RawMessage:
		return rawJSON(x)
	}
	return marshalCustom(v)
}

// deref follows pointers, and refuses nil.
func deref(v any) (any, error) {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			break
		}
		rv = rv.Elem()
	}
	if !rv.IsValid() || rv.Kind() == reflect.Pointer {
		return nil, errors.New(`nil value (use "" to clear a field)`)
	}
	return rv.Interface(), nil
}

func rawJSON(m json.RawMessage) (string, error) {
	if !json.Valid(m) {
		return "", errors.New("json.RawMessage is not valid JSON")
	}
	return string(m), nil
}

func marshalCustom(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("%T: %v", v, err)
	}
	return string(b), nil
}

// CustomValues converts a list of custom field values to a map from key
// to typed value (see DecodeCustomValue). A malformed value is a
// *CustomValueError naming its key and data type.
func CustomValues(list []*authing.UDV) (map[string]any, error) {
	out := make(map[string]any, len(list))
	for _, v := range list {
		if v == nil {
			continue
		}
		typed, err := decodeCustom(v.DataType, v.Value)
		if err != nil {
			return nil, &CustomValueError{Key: v.Key, DataType: v.DataType, Value: v.Value, Err: err}
		}
		out[v.Key] = typed
	}
	return out, nil
}

// customValues is CustomValues with the operation named in its error.
func customValues(op string, list []*authing.UDV) (map[string]any, error) {
	out, err := CustomValues(list)
	if cve, ok := errors.AsType[*CustomValueError](err); ok {
		cve.Op = op
	}
	return out, err
}

// UdfValueInput is one value of a setUdfValueBatch call: the custom field
// Key of the target TargetID set to Value (encoded as JSON; a time.Time as
// its millisecond timestamp).
type UdfValueInput struct {
	TargetID string
	Key      string
	Value    any
}

// udvOps are the custom-value calls shared by every kind of target.
type udvOps struct {
	gql        *gqlClient
	targetType authing.UDFTargetType
}

func (u udvOps) check(op, id string) error {
	if u.targetType == "" {
		return argError(op, "target type is required")
	}
	if id == "" {
		return argError(op, "target id is required")
	}
	return nil
}

func (u udvOps) list(ctx context.Context, op, id string) ([]*authing.UDV, error) {
	if err := u.check(op, id); err != nil {
		return nil, err
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
	return customValues(op, list)
}

func (u udvOps) set(ctx context.Context, op, id, key string, value any) ([]*authing.UDV, error) {
	if err := u.check(op, id); err != nil {
		return nil, err
	}
	if key == "" {
		return nil, argError(op, "key is required")
	}
	s, err := encodeCustom(value)
	if err != nil {
		return nil, argError(op, "value of %q: %v", key, err)
	}
	resp, err := generated.SetUdv(ctx, u.gql, u.targetType, id, key, s)
	if err != nil {
		return nil, err
	}
	return resp.SetUdv, nil
}

// setMany sends several values of one target at once, each JSON-encoded
// as the batch setters expect.
func (u udvOps) setMany(ctx context.Context, op, id string, data map[string]any) ([]*authing.UDV, error) {
	if err := u.check(op, id); err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, argError(op, "at least one value is required")
	}
	list := make([]*generated.UserDefinedDataInput, 0, len(data))
	for _, k := range sortedKeys(data) {
		if k == "" {
			return nil, argError(op, "empty key")
		}
		s, err := encodeBatchValue(data[k])
		if err != nil {
			return nil, argError(op, "value of %q: %v", k, err)
		}
		list = append(list, &generated.UserDefinedDataInput{Key: k, Value: &s})
	}
	resp, err := generated.SetUdvBatch(ctx, u.gql, u.targetType, id, list)
	if err != nil {
		return nil, err
	}
	return resp.SetUdvBatch, nil
}

func (u udvOps) remove(ctx context.Context, op, id, key string) ([]*authing.UDV, error) {
	if err := u.check(op, id); err != nil {
		return nil, err
	}
	if key == "" {
		return nil, argError(op, "key is required")
	}
	resp, err := generated.RemoveUdv(ctx, u.gql, u.targetType, id, key)
	if err != nil {
		return nil, err
	}
	return resp.RemoveUdv, nil
}

// batch returns the typed values of several targets, keyed by target id;
// a target the server does not answer for is absent.
func (u udvOps) batch(ctx context.Context, op string, ids []string) (map[string]map[string]any, error) {
	if len(ids) == 0 {
		return nil, argError(op, "at least one id is required")
	}
	in := make([]*string, len(ids))
	for i := range ids {
		if ids[i] == "" {
			return nil, argError(op, "id %d is empty", i)
		}
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
		values, err := customValues(op+": target "+item.TargetId, item.Data)
		if err != nil {
			return nil, err
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
		s, err := encodeBatchValue(v.Value)
		if err != nil {
			return argError(op, "value %d (%q): %v", i, v.Key, err)
		}
		in[i] = &generated.SetUdfValueBatchInput{TargetId: v.TargetID, Key: v.Key, Value: s}
	}
	_, err := generated.SetUdfValueBatch(ctx, u.gql, u.targetType, in)
	return err
}

// sortedKeys returns m's keys in order, so requests are deterministic.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
