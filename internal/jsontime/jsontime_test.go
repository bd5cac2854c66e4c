package jsontime

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestTimeDecodes(t *testing.T) {
	cst := time.FixedZone("", 8*3600)
	tests := []struct {
		in   string
		want time.Time
		set  bool
	}{
		{`"2020-10-07T23:33:58+08:00"`, time.Date(2020, 10, 7, 23, 33, 58, 0, cst), true},
		{`"2021-06-15T02:00:00.000Z"`, time.Date(2021, 6, 15, 2, 0, 0, 0, time.UTC), true},
		{`1623722400`, time.Unix(1623722400, 0), true},
		{`1623722400000`, time.UnixMilli(1623722400000), true},
		{`"1623722400000"`, time.UnixMilli(1623722400000), true},
		{`""`, time.Time{}, false},
		{`null`, time.Time{}, false},
		{`0`, time.Time{}, false},
	}
	for _, tt := range tests {
		var got Time
		if err := json.Unmarshal([]byte(tt.in), &got); err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got.Set != tt.set || !got.T.Equal(tt.want) {
			t.Errorf("%s = %v (set %v), want %v (set %v)", tt.in, got.T, got.Set, tt.want, tt.set)
		}
		if (got.Ptr() != nil) != tt.set {
			t.Errorf("%s: Ptr() = %v", tt.in, got.Ptr())
		}
	}
	for _, bad := range []string{`"yesterday"`, `true`, `{}`} {
		var got Time
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("%s decoded to %v without an error", bad, got)
		}
	}
}

type record struct {
	Name    string     `json:"name"`
	Created time.Time  `json:"created"`
	Seen    *time.Time `json:"seen"`
	Count   int        `json:"count"`
}

func TestUnmarshalStruct(t *testing.T) {
	var r record
	if err := Unmarshal([]byte(`{"name":"a","created":"","seen":"2020-01-02T03:04:05Z","count":2}`), &r); err != nil {
		t.Fatal(err)
	}
	if r.Name != "a" || !r.Created.IsZero() || r.Seen == nil || r.Seen.Year() != 2020 || r.Count != 2 {
		t.Errorf("Unmarshal = %+v", r)
	}
	r = record{}
	if err := Unmarshal([]byte(`{"seen":null}`), &r); err != nil || r.Seen != nil {
		t.Errorf("null date: %+v, %v", r, err)
	}
	err := Unmarshal([]byte(`[1]`), &r)
	if err == nil || !strings.Contains(err.Error(), "jsontime.record") {
		t.Errorf("error %v does not name the caller's type", err)
	}
}

func TestUnixEncodes(t *testing.T) {
	for in, want := range map[time.Time]string{time.Unix(1623722400, 0): "1623722400", {}: "0"} {
		b, err := json.Marshal(Unix(in))
		if err != nil || string(b) != want {
			t.Errorf("Unix(%v) = %s, %v; want %s", in, b, err, want)
		}
	}
}
