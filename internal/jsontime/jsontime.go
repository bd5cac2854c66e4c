// Package jsontime decodes dates as Authing sends them: RFC 3339 strings
// with an offset ("2020-10-07T23:33:58+08:00"), Unix times in seconds or
// milliseconds (as numbers or in strings), and "" or null for "no date".
// The SDK's model types decode their time.Time fields through it, so that an
// empty date never fails a whole list.
package jsontime

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"sync"
	"time"
)

// Time is one decoded date; Set is false when the JSON held none.
type Time struct {
	T   time.Time
	Set bool
}

// UnmarshalJSON decodes b; "", null and the number 0 leave t unset.
func (t *Time) UnmarshalJSON(b []byte) error {
	*t = Time{}
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0, string(b) == "null", string(b) == `""`:
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if v, err := time.Parse(time.RFC3339Nano, s); err == nil {
			t.T, t.Set = v, true
			return nil
		}
		return t.parseNumber(s)
	default:
		return t.parseNumber(string(b))
	}
}

func (t *Time) parseNumber(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("authing: date %q is neither RFC 3339 nor a Unix time", s)
	}
	switch {
	case n == 0:
		return nil
	case n > 1e11 || n < -1e11: // milliseconds: seconds would be past the year 5138
		t.T = time.UnixMilli(n)
	default:
		t.T = time.Unix(n, 0)
	}
	t.Set = true
	return nil
}

// Value returns the date, or the zero time when there was none.
func (t Time) Value() time.Time { return t.T }

// Ptr returns the date, or nil when there was none.
func (t Time) Ptr() *time.Time {
	if !t.Set {
		return nil
	}
	v := t.T
	return &v
}

// Unix encodes a date as seconds since the Unix epoch, as token claims
// carry them; the zero time encodes as 0.
type Unix time.Time

// MarshalJSON encodes t as a number of seconds.
func (t Unix) MarshalJSON() ([]byte, error) {
	if time.Time(t).IsZero() {
		return []byte("0"), nil
	}
	return strconv.AppendInt(nil, time.Time(t).Unix(), 10), nil
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	timePtrType = reflect.TypeFor[*time.Time]()
	jsonTime    = reflect.TypeFor[Time]()
	shadows     sync.Map // reflect.Type -> reflect.Type
)

// Unmarshal decodes b into v, a pointer to a struct, as json.Unmarshal does,
// except that its time.Time and *time.Time fields are decoded by Time. v's
// type must not have an UnmarshalJSON method of its own (pass a pointer to a
// method-less conversion of it, as UnmarshalJSON methods do).
func Unmarshal(b []byte, v any) error {
	dst := reflect.ValueOf(v).Elem()
	shadow := reflect.New(shadowOf(dst.Type()))
	if err := json.Unmarshal(b, shadow.Interface()); err != nil {
		// Name the caller's type, not the shadow's, in type errors.
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Type == shadow.Type().Elem() {
			te.Type = dst.Type()
		}
		return err
	}
	src := shadow.Elem()
	for i := range dst.NumField() {
		f := dst.Field(i)
		switch s := src.Field(i); f.Type() {
		case timeType:
			f.Set(reflect.ValueOf(s.Interface().(Time).Value()))
		case timePtrType:
			f.Set(reflect.ValueOf(s.Interface().(Time).Ptr()))
		default:
			f.Set(s)
		}
	}
	return nil
}

// shadowOf returns t with its time fields replaced by Time, same names and
// tags, so that json decodes it in one pass.
func shadowOf(t reflect.Type) reflect.Type {
	if s, ok := shadows.Load(t); ok {
		return s.(reflect.Type)
	}
	fields := make([]reflect.StructField, t.NumField())
	for i := range fields {
		f := t.Field(i)
		if f.Type == timeType || f.Type == timePtrType {
			f.Type = jsonTime
		}
		fields[i] = f
	}
	s, _ := shadows.LoadOrStore(t, reflect.StructOf(fields))
	return s.(reflect.Type)
}
