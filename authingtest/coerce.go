package authingtest

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"
)

// coerceLeaf is the spec's output coercion of a scalar or enum: the
// resolver's value checked against the declared type and returned in a
// form encoding/json writes as that type. A value of another type is a
// field error rather than a wrong answer: String and Boolean
// take only strings and booleans, Int whole numbers that fit in 32 bits,
// Float any finite number, ID strings and whole numbers (as strings), an
// enum only the name of one of its values. A custom scalar (Object) is
// any JSON value.
func (e *execution) coerceLeaf(v any, typeName string) (any, error) {
	switch typeName {
	case "String":
		if _, ok := v.(string); ok {
			return v, nil
		}
	case "Boolean":
		if _, ok := v.(bool); ok {
			return v, nil
		}
	case "Int":
		if n, ok := wholeNumber(v); ok && n >= math.MinInt32 && n <= math.MaxInt32 {
			if _, exact := intOf(v); !exact {
				return n, nil // 5.0 is written 5
			}
			return v, nil
		}
	case "Float":
		if _, ok := finiteNumber(v); ok {
			return v, nil
		}
	case "ID":
		if _, ok := v.(string); ok {
			return v, nil
		}
		if n, ok := wholeNumber(v); ok {
			return strconv.FormatInt(n, 10), nil
		}
	default:
		def := e.schema.Types[typeName]
		if def == nil || def.Kind != ast.Enum {
			return v, nil
		}
		if s, ok := v.(string); ok && def.EnumValues.ForName(s) != nil {
			return v, nil
		}
		return nil, errEnumValue.with(typeName, show(v))
	}
	return nil, errScalarValue.with(typeName, show(v))
}

// wholeNumber reads an integer from any Go number that holds one exactly.
func wholeNumber(v any) (int64, bool) {
	if n, ok := intOf(v); ok {
		return n, true
	}
	f, ok := floatOf(v)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int64(f), true
}

// finiteNumber reads a float from any Go number; NaN and infinities have
// no JSON form.
func finiteNumber(v any) (float64, bool) {
	if n, ok := intOf(v); ok {
		return float64(n), true
	}
	f, ok := floatOf(v)
	return f, ok && !math.IsNaN(f) && !math.IsInf(f, 0)
}

func intOf(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint:
		return int64(n), uint64(n) <= math.MaxInt64
	case uint64:
		return int64(n), n <= math.MaxInt64
	case json.Number:
		i, err := n.Int64()
		return i, err == nil
	}
	return 0, false
}

func floatOf(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

// show renders a value for an error message, as JSON when it has a JSON
// form.
func show(v any) string {
	if b, err := json.Marshal(v); err == nil {
		return string(b)
	}
	return fmt.Sprintf("%v (%T)", v, v)
}
