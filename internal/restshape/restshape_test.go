package restshape

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func decode(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCheck(t *testing.T) {
	c := &Catalog{Shapes: map[string]any{
		"Grant": decode(t, `{"code": "string", "actions": ["string"]}`),
		"UA":    decode(t, `{"os?": "string|null"}`),
	}}
	tests := []struct {
		name, shape, value string
		want               []string
	}{
		{"grants", `["Grant"]`, `[{"code": "books:1", "actions": ["read"], "extra": 1}]`, nil},
		{"empty list", `["Grant"]`, `[]`, nil},
		{"old grant shape", `["Grant"]`, `[{"resource": "books:1", "action": "read", "allowed": true}]`,
			[]string{`data[0]: no key "actions"`, `data[0]: no key "code"`}},
		{"strings for grants", `["Grant"]`, `["books:1"]`, []string{"data[0]: string, want Grant"}},
		{"total, not totalCount", `{"total": "number", "list": ["any"]}`, `{"totalCount": 3, "list": []}`, []string{`data: no key "total"`}},
		{"ua string", `{"ua?": "UA|null"}`, `{"ua": "Mozilla/5.0"}`, []string{"data.ua: string, want UA|null"}},
		{"ua object", `{"ua?": "UA|null"}`, `{"ua": {"os": "Mac OS"}}`, nil},
		{"ua null", `{"ua?": "UA|null"}`, `{"ua": null}`, nil},
		{"ua absent", `{"ua?": "UA|null"}`, `{}`, nil},
		{"nested wrong type", `{"ua": "UA"}`, `{"ua": {"os": 3}}`, []string{"data.ua.os: number, want string|null"}},
		{"union", `"boolean|string"`, `true`, nil},
		{"boolean, not array", `[{"valid": "boolean"}]`, `true`, []string{"data: boolean, want an array"}},
		{"any", `"any"`, `{"x": [1]}`, nil},
		{"not null", `"Grant"`, `null`, []string{"data: null, want Grant"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Check(decode(t, tt.shape), decode(t, tt.value))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMatchPrefersLiteralSegments(t *testing.T) {
	c := &Catalog{Routes: []*Route{
		{Method: "POST", Path: "/api/v2/resources/{}"},
		{Method: "POST", Path: "/api/v2/resources/bulk"},
		{Method: "GET", Path: "/api/v2/users/{}"},
		{Method: "GET", Path: "/api/v2/users/principal_authentication"},
	}}
	for path, want := range map[string]string{
		"POST /api/v2/resources/bulk":                   "POST /api/v2/resources/bulk",
		"POST /api/v2/resources/books":                  "POST /api/v2/resources/{}",
		"GET /api/v2/users/principal_authentication":    "GET /api/v2/users/principal_authentication",
		"GET /api/v2/users/5f7ddfe62ba819802422362e":    "GET /api/v2/users/{}",
		"DELETE /api/v2/users/5f7ddfe62ba819802422362e": "",
	} {
		method, p, _ := strings.Cut(path, " ")
		r, ok := c.Match(method, p)
		got := ""
		if ok {
			got = r.Key()
		}
		if got != want {
			t.Errorf("Match(%s) = %q, want %q", path, got, want)
		}
	}
}

// TestProjectFile checks the project's shape file: it loads, every shape is
// well formed and every named shape it uses is defined, and it has the
// reference's 171 REST routes, each with the request as the reference
// gives it.
func TestProjectFile(t *testing.T) {
	c, err := Load("../../authingtest/testdata/official-requests.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Validate() {
		t.Error(p)
	}
	known := 0
	for _, r := range c.Routes {
		if r.Request == "" {
			t.Errorf("%s: no request", r.Key())
		}
		if r.Shape != nil {
			known++
		}
	}
	if len(c.Routes) != 171 {
		t.Errorf("%d REST routes, want 171", len(c.Routes))
	}
	t.Logf("%d REST routes, %d with a known shape", len(c.Routes), known)
}
