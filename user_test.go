package authing

import (
	"encoding/json"
	"testing"
)

// TestLooseFields decodes fields Authing sends with more than one JSON
// type: formatted as a flag in REST user records, a custom value as a
// number.
func TestLooseFields(t *testing.T) {
	var u User
	if err := json.Unmarshal([]byte(`{"id":"u1","formatted":true}`), &u); err != nil || u.ID != "u1" || u.Formatted != "" {
		t.Errorf("formatted true: %+v, %v", u, err)
	}
	if err := json.Unmarshal([]byte(`{"formatted":"Beijing"}`), &u); err != nil || u.Formatted != "Beijing" {
		t.Errorf("formatted string: %q, %v", u.Formatted, err)
	}
	tests := map[string]string{
		`{"key":"born","dataType":"DATETIME","value":1623722400000}`:              "1623722400000",
		`{"key":"born","dataType":"DATETIME","value":"2021-06-15T02:00:00.000Z"}`: "2021-06-15T02:00:00.000Z",
		`{"key":"age","dataType":"NUMBER","value":18.5}`:                          "18.5",
		`{"key":"ok","dataType":"BOOLEAN","value":null}`:                          "",
	}
	for in, want := range tests {
		var c CustomData
		if err := json.Unmarshal([]byte(in), &c); err != nil || c.Value != want || c.Key == "" {
			t.Errorf("%s: %+v, %v; want value %q", in, c, err, want)
		}
	}
	var c CustomData
	if err := json.Unmarshal([]byte(`{"key":"x","value":{"a":1}}`), &c); err == nil {
		t.Error("an object value decoded without an error")
	}
}
