package authingtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestConformanceCheckersFail checks the conformance test's own checks
// fail on each kind of wrong answer, and pass the right ones.
func TestConformanceCheckersFail(t *testing.T) {
	obj := officialRequest{Kind: "rest", Method: "GET", Path: "/x", InScope: true, Envelope: "authing", Data: "object"}
	list := obj
	list.Data = "array"
	raw := obj
	raw.Envelope = "none"
	status := obj
	status.Envelope = "statusCode"
	for _, tc := range []struct {
		name string
		o    officialRequest
		body string
		fail bool
	}{
		{"object data", obj, `{"code":200,"message":"ok","data":{"id":"1"}}`, false},
		{"array for object", obj, `{"code":200,"message":"ok","data":[]}`, true},
		{"object for array", list, `{"code":200,"message":"ok","data":{}}`, true},
		{"Authing error", obj, `{"code":2004,"message":"not found","data":null}`, false},
		{"no envelope", obj, `{"id":"1"}`, true},
		{"server error", obj, `{"code":500,"message":"boom","data":null}`, true},
		{"raw object", raw, `{"sub":"1"}`, false},
		{"raw text for object", raw, `yes`, true},
		{"statusCode envelope", status, `{"statusCode":200,"message":"ok","data":{}}`, false},
		{"code for statusCode", status, `{"code":200,"message":"ok","data":{}}`, true},
	} {
		var env map[string]any
		err := json.Unmarshal([]byte(tc.body), &env)
		got := checkRESTBody(tc.o, confResponse{status: 200, body: []byte(tc.body)}, env, err)
		if (len(got) > 0) != tc.fail {
			t.Errorf("%s: problems %v, want failure %v", tc.name, got, tc.fail)
		}
	}
}

// TestConformance501Check checks the 501 answer of an out-of-scope route
// must name its feature, and an in-scope route must not answer 501.
func TestConformance501Check(t *testing.T) {
	c := &confClient{t: t}
	out := officialRequest{Kind: "rest", Feature: "tenants"}
	for _, tc := range []struct {
		name   string
		o      officialRequest
		status int
		body   string
		fail   bool
	}{
		{"right 501", out, 501, `{"code":501,"message":"tenants is not supported by authing-local"}`, false},
		{"other feature", out, 501, `{"code":501,"message":"devices is not supported by authing-local"}`, true},
		{"HTTP 200", out, 200, `{"code":501,"message":"tenants is not supported by authing-local"}`, true},
		{"in scope", officialRequest{Kind: "rest", InScope: true}, 501, `{"code":501,"message":"x"}`, true},
	} {
		var env map[string]any
		if err := json.Unmarshal([]byte(tc.body), &env); err != nil {
			t.Fatal(err)
		}
		got := c.check501(tc.o, confResponse{status: tc.status, header: http.Header{}, body: []byte(tc.body)}, env)
		if (len(got) > 0) != tc.fail {
			t.Errorf("%s: problems %v, want failure %v", tc.name, got, tc.fail)
		}
	}
}

// TestConformanceValueCheck checks the GraphQL type check: non-null,
// scalar types, missing fields, and nulls explained by an error's path.
func TestConformanceValueCheck(t *testing.T) {
	sch, err := schema()
	if err != nil {
		t.Fatal(err)
	}
	role := sch.Query.Fields.ForName("role").Type // Role, nullable
	sel := selection(sch, "Role", 0, 0, "")
	good := map[string]any{}
	for _, f := range sel {
		good[f.name] = nil
	}
	good["id"], good["code"], good["isSystem"], good["namespace"], good["arn"] = "r1", "admin", false, "default", "arn:r1"
	for _, tc := range []struct {
		name   string
		mutate func(m map[string]any)
		errs   map[string]bool
		want   string
	}{
		{"valid", func(map[string]any) {}, nil, ""},
		{"null non-null", func(m map[string]any) { m["code"] = nil }, nil, "null for non-null"},
		{"null explained", func(m map[string]any) { m["code"] = nil }, map[string]bool{"role.code": true}, ""},
		{"wrong scalar", func(m map[string]any) { m["isSystem"] = "no" }, nil, "is not a Boolean"},
		{"missing field", func(m map[string]any) { delete(m, "id") }, nil, "missing"},
	} {
		m := copyMap(good)
		tc.mutate(m)
		got := strings.Join(checkValue(sch, "role", m, role, sel, tc.errs), "; ")
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s: problems %q, want %q", tc.name, got, tc.want)
		}
	}
}
