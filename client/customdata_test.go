package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authing-go/authing"
)

func TestDecodeCustomValue(t *testing.T) {
	joined := time.UnixMilli(1623722400000).UTC()
	tests := []struct {
		name     string
		dataType authing.UDFDataType
		value    string
		want     any
	}{
		{"string", authing.UDFString, "MIT", "MIT"},
		{"string empty", authing.UDFString, "", ""},
		{"string kept exactly", authing.UDFString, ` "quoted" `, ` "quoted" `},
		{"select", authing.UDFSelect, "gold", "gold"},
		{"unknown type", authing.UDFDataType("FUTURE"), "x", "x"},
		{"number int", authing.UDFNumber, "18", float64(18)},
		{"number float", authing.UDFNumber, "-1.5e3", float64(-1500)},
		{"number spaces", authing.UDFNumber, " 42 ", float64(42)},
		{"number JSON string", authing.UDFNumber, `"18"`, float64(18)},
		{"number empty", authing.UDFNumber, "", nil},
		{"boolean true", authing.UDFBoolean, "true", true},
		{"boolean TRUE", authing.UDFBoolean, "TRUE", true},
		{"boolean 1", authing.UDFBoolean, "1", true},
		{"boolean false", authing.UDFBoolean, "false", false},
		{"boolean 0", authing.UDFBoolean, "0", false},
		{"boolean JSON string", authing.UDFBoolean, `"true"`, true},
		{"boolean empty", authing.UDFBoolean, " ", nil},
		{"datetime ms", authing.UDFDatetime, "1623722400000", joined},
		{"datetime ms JSON string", authing.UDFDatetime, `"1623722400000"`, joined},
		{"datetime negative ms", authing.UDFDatetime, "-1000", time.UnixMilli(-1000).UTC()},
		{"datetime RFC 3339", authing.UDFDatetime, "2021-06-15T02:00:00Z", joined},
		{"datetime RFC 3339 ms", authing.UDFDatetime, "2021-06-15T02:00:00.000Z", joined},
		{"datetime RFC 3339 offset", authing.UDFDatetime, "2021-06-15T10:00:00+08:00", time.Date(2021, 6, 15, 10, 0, 0, 0, time.FixedZone("", 8*3600))},
		{"datetime space layout", authing.UDFDatetime, "2021-06-15 02:00:00", joined},
		{"datetime date", authing.UDFDatetime, "2021-06-15", time.Date(2021, 6, 15, 0, 0, 0, 0, time.UTC)},
		{"datetime empty", authing.UDFDatetime, "", nil},
		{"object", authing.UDFObject, `{"theme":"dark"}`, json.RawMessage(`{"theme":"dark"}`)},
		{"object array", authing.UDFObject, `[1,2]`, json.RawMessage(`[1,2]`)},
		{"object JSON string kept", authing.UDFObject, `"{}"`, json.RawMessage(`"{}"`)},
		{"object empty", authing.UDFObject, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeCustomValue(tt.dataType, tt.value)
			if err != nil {
				t.Fatalf("DecodeCustomValue(%s, %q): %v", tt.dataType, tt.value, err)
			}
			if wt, ok := tt.want.(time.Time); ok {
				gt, ok := got.(time.Time)
				if !ok || !gt.Equal(wt) {
					t.Fatalf("DecodeCustomValue(%s, %q) = %v, want %v", tt.dataType, tt.value, got, wt)
				}
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DecodeCustomValue(%s, %q) mismatch (-want +got):\n%s", tt.dataType, tt.value, diff)
			}
		})
	}
}

func TestDecodeCustomValueMalformed(t *testing.T) {
	tests := []struct {
		dataType authing.UDFDataType
		value    string
	}{
		{authing.UDFNumber, "eighteen"},
		{authing.UDFNumber, "NaN"},
		{authing.UDFNumber, "Inf"},
		{authing.UDFNumber, "-Infinity"},
		{authing.UDFNumber, "0x1p4"},
		{authing.UDFNumber, "1_000"},
		{authing.UDFNumber, "1e400"},
		{authing.UDFNumber, "true"},
		{authing.UDFBoolean, "yes"},
		{authing.UDFBoolean, "2"},
		{authing.UDFDatetime, "yesterday"},
		{authing.UDFDatetime, "2021-13-01"},
		{authing.UDFDatetime, "99999999999999999999"},
		{authing.UDFObject, "{"},
		{authing.UDFObject, "not json"},
	}
	for _, tt := range tests {
		t.Run(string(tt.dataType)+" "+tt.value, func(t *testing.T) {
			got, err := DecodeCustomValue(tt.dataType, tt.value)
			if err == nil {
				t.Fatalf("DecodeCustomValue(%s, %q) = %v, want an error", tt.dataType, tt.value, got)
			}
			var cve *CustomValueError
			if !errors.As(err, &cve) || cve.DataType != tt.dataType || cve.Value != tt.value {
				t.Fatalf("error %#v is not a *CustomValueError for %s %q", err, tt.dataType, tt.value)
			}
			if msg := err.Error(); !strings.Contains(msg, string(tt.dataType)) || !strings.HasPrefix(msg, "authing: ") {
				t.Errorf("error %q does not name the data type", msg)
			}
		})
	}
}

func TestCustomValues(t *testing.T) {
	got, err := CustomValues([]*authing.UDV{
		{Key: "school", DataType: authing.UDFString, Value: "MIT"},
		nil,
		{Key: "age", DataType: authing.UDFNumber, Value: "18"},
		{Key: "vip", DataType: authing.UDFBoolean, Value: "false"},
		{Key: "joined", DataType: authing.UDFDatetime, Value: "1623722400000"},
		{Key: "prefs", DataType: authing.UDFObject, Value: `{"a":1}`},
		{Key: "unset", DataType: authing.UDFNumber, Value: ""},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"school": "MIT", "age": float64(18), "vip": false,
		"joined": time.UnixMilli(1623722400000).UTC(), "prefs": json.RawMessage(`{"a":1}`), "unset": nil}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CustomValues() mismatch (-want +got):\n%s", diff)
	}

	_, err = CustomValues([]*authing.UDV{{Key: "age", DataType: authing.UDFNumber, Value: "old"}})
	var cve *CustomValueError
	if !errors.As(err, &cve) || cve.Key != "age" || cve.DataType != authing.UDFNumber {
		t.Fatalf("CustomValues(malformed) error = %v, want a *CustomValueError for age", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"age"`) || !strings.Contains(msg, "NUMBER") || strings.Contains(msg, "old") {
		t.Errorf("error %q should name the key and type, not the value", msg)
	}
	if got, err := CustomValues(nil); err != nil || len(got) != 0 || got == nil {
		t.Errorf("CustomValues(nil) = %v, %v; want an empty map", got, err)
	}
}

type level string

func TestEncodeCustomValue(t *testing.T) {
	s, n, f := "x", 7, 2.5
	pn := &n
	tests := []struct {
		name  string
		value any
		want  string
		batch string // what the batch setters send
	}{
		{"string", "MIT", "MIT", `"MIT"`},
		{"empty string", "", "", `""`},
		{"string kind", level("gold"), "gold", `"gold"`},
		{"string pointer", &s, "x", `"x"`},
		{"int", 18, "18", "18"},
		{"int pointer pointer", &pn, "7", "7"},
		{"int8", int8(-3), "-3", "-3"},
		{"int64", int64(1) << 60, "1152921504606846976", "1152921504606846976"},
		{"uint", uint(3), "3", "3"},
		{"float64", 1.5, "1.5", "1.5"},
		{"float64 pointer", &f, "2.5", "2.5"},
		{"float64 large", 1e21, "1e+21", "1e+21"},
		{"float32", float32(0.1), "0.1", "0.1"},
		{"json.Number", json.Number("12.50"), "12.50", "12.50"},
		{"bool", true, "true", "true"},
		{"time", time.UnixMilli(1623722400123).In(time.FixedZone("", 3600)), "1623722400123", "1623722400123"},
		{"raw JSON", json.RawMessage(`{"a":1}`), `{"a":1}`, `{"a":1}`},
		{"map", map[string]any{"b": []int{1}, "a": "x"}, `{"a":"x","b":[1]}`, `{"a":"x","b":[1]}`},
		{"slice", []string{"a"}, `["a"]`, `["a"]`},
		{"struct", struct {
			A int `json:"a"`
		}{1}, `{"a":1}`, `{"a":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EncodeCustomValue(tt.value)
			if err != nil || got != tt.want {
				t.Errorf("EncodeCustomValue(%v) = %q, %v; want %q", tt.value, got, err, tt.want)
			}
			got, err = encodeBatchValue(tt.value)
			if err != nil || got != tt.batch {
				t.Errorf("encodeBatchValue(%v) = %q, %v; want %q", tt.value, got, err, tt.batch)
			}
		})
	}
}

func TestEncodeCustomValueRefused(t *testing.T) {
	var nilPtr *int
	tests := []struct {
		name  string
		value any
	}{
		{"nil", nil},
		{"nil pointer", nilPtr},
		{"NaN", math.NaN()},
		{"infinity", math.Inf(-1)},
		{"float32 infinity", float32(math.Inf(1))},
		{"invalid raw JSON", json.RawMessage(`{`)},
		{"empty raw JSON", json.RawMessage(nil)},
		{"json.Number not a number", json.Number("NaN")},
		{"channel", make(chan int)},
		{"func", func() {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, err := EncodeCustomValue(tt.value); !errors.Is(err, ErrInvalidArgument) {
				t.Errorf("EncodeCustomValue(%s) = %q, %v; want ErrInvalidArgument", tt.name, got, err)
			}
			if tt.name == "json.Number not a number" {
				return // json.Marshal checks json.Number itself in the batch form
			}
			if got, err := encodeBatchValue(tt.value); err == nil {
				t.Errorf("encodeBatchValue(%s) = %q, want an error", tt.name, got)
			}
		})
	}
}

// sameCustomValue compares decoded values; times at the wire's precision,
// milliseconds.
func sameCustomValue(want, got any) string {
	if wt, ok := want.(time.Time); ok {
		if gt, ok := got.(time.Time); ok && gt.UnixMilli() == wt.UnixMilli() {
			return ""
		}
		return fmt.Sprintf("time %v came back as %v", want, got)
	}
	return cmp.Diff(want, got)
}

// checkCustomRoundTrip checks that Go values of each custom data type come
// back equal from EncodeCustomValue (and the batch encoding, but for
// strings, which it sends as JSON) then DecodeCustomValue, and that
// whatever raw decodes to encodes to a value that decodes the same.
func checkCustomRoundTrip(t *testing.T, s string, f float64, b bool, ms int64, raw string) {
	t.Helper()
	roundTrip := func(dataType authing.UDFDataType, v any, encode func(any) (string, error)) {
		t.Helper()
		enc, err := encode(v)
		if err != nil {
			t.Fatalf("encoding %#v: %v", v, err)
		}
		got, err := DecodeCustomValue(dataType, enc)
		if err != nil {
			t.Fatalf("DecodeCustomValue(%s, %q) after encoding %#v: %v", dataType, enc, v, err)
		}
		if diff := sameCustomValue(v, got); diff != "" {
			t.Fatalf("%s round trip of %#v via %q mismatch (-want +got):\n%s", dataType, v, enc, diff)
		}
	}
	roundTrip(authing.UDFString, s, EncodeCustomValue)
	roundTrip(authing.UDFSelect, s, EncodeCustomValue)
	for _, encode := range []func(any) (string, error){EncodeCustomValue, encodeBatchValue} {
		if !math.IsNaN(f) && !math.IsInf(f, 0) {
			roundTrip(authing.UDFNumber, f, encode)
		}
		roundTrip(authing.UDFBoolean, b, encode)
		roundTrip(authing.UDFDatetime, time.UnixMilli(ms).UTC(), encode)
		if strings.TrimSpace(raw) != "" && json.Valid([]byte(raw)) {
			roundTrip(authing.UDFObject, json.RawMessage(raw), encode)
		}
	}
	for _, dt := range []authing.UDFDataType{authing.UDFString, authing.UDFNumber, authing.UDFDatetime, authing.UDFBoolean, authing.UDFObject, authing.UDFSelect} {
		v, err := DecodeCustomValue(dt, raw)
		if err != nil || v == nil {
			continue
		}
		roundTrip(dt, v, EncodeCustomValue)
	}
}

func TestCustomValueRoundTrip(t *testing.T) {
	for _, c := range customRoundTripSeeds {
		checkCustomRoundTrip(t, c.s, c.f, c.b, c.ms, c.raw)
	}
}

var customRoundTripSeeds = []struct {
	s   string
	f   float64
	b   bool
	ms  int64
	raw string
}{
	{"MIT", 18, true, 1623722400000, `{"theme":"dark"}`},
	{"", 0, false, 0, ""},
	{`"quoted"`, -0.000001, true, -1, `"x"`},
	{" spaced ", 1e300, false, 253402300799999, "1623722400000"},
	{"日本", math.SmallestNonzeroFloat64, true, -62135596800000, " [1, 2] "},
	{"true", math.MaxFloat64, false, 1, "2021-06-15"},
	{"\x00\xff", 123456789.125, true, 999, "TRUE"},
}

func FuzzCustomValueRoundTrip(f *testing.F) {
	for _, c := range customRoundTripSeeds {
		f.Add(c.s, c.f, c.b, c.ms, c.raw)
	}
	f.Fuzz(checkCustomRoundTrip)
}
