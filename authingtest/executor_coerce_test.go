package authingtest

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOutputCoercion checks that each leaf is written as its declared
// type and that a value of another type is a field error (null, with the
// error) rather than a wrong answer. The user root field is stubbed to
// give the value under test to one field of User.
func TestOutputCoercion(t *testing.T) {
	tests := []struct {
		name     string
		field    string // a field of User, with its selection
		value    any
		wantData string // the user object answered
		wantErr  string // the error's message, at user.<field>; "" for none
	}{
		{"String", "nickname", "bob", `{"nickname": "bob"}`, ""},
		{"a number is no String", "nickname", 5, `{"nickname": null}`, "String cannot represent value: 5"},
		{"Int", "loginsCount", 3, `{"loginsCount": 3}`, ""},
		{"a whole float is an Int", "loginsCount", 4.0, `{"loginsCount": 4}`, ""},
		{"int64 in range", "loginsCount", int64(7), `{"loginsCount": 7}`, ""},
		{"a string is no Int", "loginsCount", "5", `{"loginsCount": null}`, `Int cannot represent value: "5"`},
		{"a fraction is no Int", "loginsCount", 2.5, `{"loginsCount": null}`, "Int cannot represent value: 2.5"},
		{"over 32 bits is no Int", "loginsCount", int64(1) << 40, `{"loginsCount": null}`, "Int cannot represent value: 1099511627776"},
		{"Boolean", "blocked", true, `{"blocked": true}`, ""},
		{"a string is no Boolean", "blocked", "true", `{"blocked": null}`, `Boolean cannot represent value: "true"`},
		{"enum value", "status", "Activated", `{"status": "Activated"}`, ""},
		{"not a value of the enum", "status", "ACTIVE", `{"status": null}`, `Enum "UserStatus" cannot represent value: "ACTIVE"`},
		{"a number is no enum value", "status", 1, `{"status": null}`, `Enum "UserStatus" cannot represent value: 1`},
		{"[String!]", "registerSource", []string{"a", "b"}, `{"registerSource": ["a", "b"]}`, ""},
		{"a scalar is no list", "registerSource", "a", `{"registerSource": null}`, "User.registerSource: expected a list, the resolver gave string"},
		{"a scalar is no object", "roles { totalCount }", "r", `{"roles": null}`, "User.roles: expected an object of type PaginatedRoles, the resolver gave string"},
		{"an object is no String", "nickname", obj{"a": 1}, `{"nickname": null}`, `String cannot represent value: {"a":1}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, _, _ := strings.Cut(tt.field, " ")
			srv := stubbed(t, map[string]rootResolver{"user": returns(obj{"id": "u1", name: tt.value})})
			out := graphqlCall(t, srv, `{ user { `+tt.field+` } }`)
			if diff := cmp.Diff(decodeJSON(t, `{"user": `+tt.wantData+`}`), out["data"]); diff != "" {
				t.Errorf("data mismatch (-want +got):\n%s", diff)
			}
			var want []reported
			if tt.wantErr != "" {
				want = []reported{{"user." + name, 500, tt.wantErr}}
			}
			if diff := cmp.Diff(want, reportedErrors(t, out)); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCoercionOfItemsAndNonNull checks coercion where a wrong value is in
// a non-null position: the null goes up as for any field error.
func TestCoercionOfItemsAndNonNull(t *testing.T) {
	tests := []struct {
		name     string
		user     obj
		query    string
		wantData string
		wantErrs []reported
	}{{
		name:     "a wrong item of [String!] nulls the list",
		user:     obj{"id": "u1", "registerSource": []any{"a", 2}},
		query:    `{ user { id registerSource } }`,
		wantData: `{"user": {"id": "u1", "registerSource": null}}`,
		wantErrs: []reported{{"user.registerSource.1", 500, "String cannot represent value: 2"}},
	}, {
		name:     "a wrong value of a non-null field nulls the parent",
		user:     obj{"id": 42, "username": "bob"},
		query:    `{ user { username id } }`,
		wantData: `{"user": null}`,
		wantErrs: []reported{{"user.id", 500, "String cannot represent value: 42"}},
	}, {
		name:     "a wrong enum value in a non-null position",
		user:     obj{"id": "u1", "customData": []obj{{"key": "k", "dataType": "TEXT"}}},
		query:    `{ user { id customData { key dataType } } }`,
		wantData: `{"user": {"id": "u1", "customData": [null]}}`,
		wantErrs: []reported{{"user.customData.0.dataType", 500, `Enum "UDFDataType" cannot represent value: "TEXT"`}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := graphqlCall(t, stubbed(t, map[string]rootResolver{"user": returns(tt.user)}), tt.query)
			if diff := cmp.Diff(decodeJSON(t, tt.wantData), out["data"]); diff != "" {
				t.Errorf("data mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantErrs, reportedErrors(t, out)); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCoerceLeafTypesNotInTheSchema covers Float, ID and the Object
// scalar, which no field of Authing's schema the server could be stubbed
// at returns as a leaf of its own (Float and ID appear in none).
func TestCoerceLeafTypesNotInTheSchema(t *testing.T) {
	sch, err := schema()
	if err != nil {
		t.Fatal(err)
	}
	e := &execution{schema: sch}
	tests := []struct {
		typeName string
		value    any
		want     any
		wantErr  bool
	}{
		{"Float", 1.5, 1.5, false},
		{"Float", 2, 2, false},
		{"Float", math.NaN(), nil, true},
		{"Float", math.Inf(1), nil, true},
		{"Float", "1.5", nil, true},
		{"ID", "u1", "u1", false},
		{"ID", 42, "42", false},
		{"ID", 4.5, nil, true},
		{"ID", true, nil, true},
		{"Object", map[string]any{"a": []any{1.0}}, map[string]any{"a": []any{1.0}}, false},
		{"Object", "text", "text", false},
		{"Int", uint64(math.MaxUint64), nil, true},
		{"Int", int32(math.MinInt32), int32(math.MinInt32), false},
		{"Int", float64(math.MaxInt32 + 1), nil, true},
	}
	for _, tt := range tests {
		got, err := e.coerceLeaf(tt.value, tt.typeName)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s from %#v: error %v, want error %v", tt.typeName, tt.value, err, tt.wantErr)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s from %#v: mismatch (-want +got):\n%s", tt.typeName, tt.value, diff)
		}
	}
}
