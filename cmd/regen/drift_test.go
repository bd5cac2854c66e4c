package main

import (
	"bytes"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/Khan/genqlient/generate"
	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2/ast"
)

// The fixture is a tiny module with a schema, operations that bind a
// shared fragment at two sites, a global object binding, a global input
// binding and a scalar binding, and the Go package they bind to.
var fixture = map[string]string{
	"go.mod": "module example.com/fixture\n\ngo 1.26\n",
	"genqlient.yaml": `schema: schema.graphql
operations:
  - queries/*.graphql
generated: generated/generated.go
package: generated
optional: pointer
bindings:
  Object:
    type: encoding/json.RawMessage
  Role:
    type: example.com/fixture/model.Role
  UpdateUserInput:
    type: example.com/fixture/model.UpdateUserInput
`,
	"schema.graphql": `scalar Object
type Query { user(id: ID!): User  users: [User!]! }
type Mutation { updateUser(input: UpdateUserInput!): User }
type User {
  id: ID!
  name: String
  email: String
  extra: Object
  role: Role
}
type Role { code: String!  description: String }
input UpdateUserInput {
  name: String
  age: Int
  tags: [String!]
  blocked: Boolean!
  address: AddressInput
}
input AddressInput { city: String }
`,
	"queries/q.graphql": `fragment UserFields on User {
  id
  name
  extra
  role { code description }
}

query GetUser($id: ID!) {
  # @genqlient(bind: "example.com/fixture/model.User")
  user(id: $id) { ...UserFields }
}

query ListUsers {
  # @genqlient(bind: "[]example.com/fixture/model.User")
  users { ...UserFields }
}

mutation UpdateUser($input: UpdateUserInput!) {
  updateUser(input: $input) { id }
}
`,
	"model/model.go": `package model

import "encoding/json"

type Base struct {
	ID string ` + "`json:\"id\"`" + `
}

type User struct {
	Base
	Name     *string         ` + "`json:\"name\"`" + `
	Extra    json.RawMessage ` + "`json:\"extra\"`" + `
	Role     *Role           ` + "`json:\"role\"`" + `
	Internal string          ` + "`json:\"-\"`" + `
	hidden   int
}

type Role struct {
	Code        string  ` + "`json:\"code\"`" + `
	Description *string ` + "`json:\"description\"`" + `
}

type UpdateUserInput struct {
	Name    *string  ` + "`json:\"name,omitempty\"`" + `
	Age     *int     ` + "`json:\"age,omitempty\"`" + `
	Tags    []string ` + "`json:\"tags,omitempty\"`" + `
	Blocked bool     ` + "`json:\"blocked\"`" + `
	Address *Address ` + "`json:\"address,omitempty\"`" + `
}

type Address struct {
	City *string ` + "`json:\"city,omitempty\"`" + `
}
`,
}

// writeFixture writes the fixture with one edit (old -> new in one file)
// applied and returns the path of its config.
func writeFixture(t *testing.T, file, old, new string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range fixture {
		if name == file {
			if !strings.Contains(text, old) {
				t.Fatalf("%s does not contain %q", file, old)
			}
			text = strings.Replace(text, old, new, 1)
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "genqlient.yaml")
}

// driftProblems validates the fixture at cfgPath and runs the drift check.
func driftProblems(t *testing.T, cfgPath string) []string {
	t.Helper()
	cfg, err := generate.ReadAndValidateConfig(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(cfgPath)
	ops, problems, err := validateOperations(
		[]string{filepath.Join(dir, "schema.graphql")},
		[]string{filepath.Join(dir, "queries", "q.graphql")})
	if err != nil || len(problems) > 0 {
		t.Fatalf("fixture does not validate: %v %v", err, problems)
	}
	problems, err = checkDrift(dir, cfg.Bindings, ops)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range problems {
		// Drop the temporary directory from the location.
		s := p.String()
		out = append(out, s[strings.Index(s, filepath.Base(p.File)):])
	}
	return out
}

func TestDriftCheck(t *testing.T) {
	tests := []struct {
		name, file, old, new string
		want                 []string
	}{
		{name: "matching", file: "go.mod", old: "", new: ""},
		{
			name: "field selected but not in Go type", file: "queries/q.graphql",
			old: "  name\n", new: "  name\n  email\n",
			want: []string{"q.graphql:4:3: fragment UserFields: field email has no field in model.User"},
		},
		{
			name: "Go field not selected", file: "model/model.go",
			old: "\thidden   int", new: "\tLastSeen *string `json:\"lastSeen\"`",
			want: []string{`q.graphql:1:1: fragment UserFields: model.User.LastSeen (json "lastSeen") is not selected`},
		},
		{
			name: "Go field named without tag", file: "model/model.go",
			old: "\thidden   int", new: "\tEmail *string",
			want: []string{`q.graphql:1:1: fragment UserFields: model.User.Email (json "Email") is not selected`},
		},
		{
			name: "nested struct lacks a selected field", file: "model/model.go",
			old: "\tDescription *string `json:\"description\"`", new: "",
			want: []string{"q.graphql:5:15: fragment UserFields: field description has no field in model.Role"},
		},
		{
			name: "nested struct has an unselected field", file: "model/model.go",
			old: "\tCode        string  `json:\"code\"`", new: "\tCode string `json:\"code\"`\n\tColor string `json:\"color\"`",
			want: []string{`q.graphql:5:3: fragment UserFields: model.Role.Color (json "color") is not selected`},
		},
		{
			name: "nested field of another type than its binding", file: "model/model.go",
			old: "\tRole     *Role           `json:\"role\"`", new: "\tRole *Base `json:\"role\"`",
			want: []string{"q.graphql:5:3: fragment UserFields: field role is bound to model.Role, but model.User.Role is *model.Base"},
		},
		{
			name: "bound fragment spread at an unbound site", file: "queries/q.graphql",
			old: "mutation UpdateUser", new: "query Unbound {\n  user(id: \"1\") { ...UserFields }\n}\n\nmutation UpdateUser",
			want: []string{"q.graphql:19:3: operation Unbound: field user spreads fragment UserFields, bound to model.User elsewhere, but is not bound itself"},
		},
		{
			name: "optional input field not a pointer", file: "model/model.go",
			old: "\tAge     *int     `json:\"age,omitempty\"`", new: "\tAge int `json:\"age,omitempty\"`",
			want: []string{`schema.graphql:14:3: input UpdateUserInput: model.UpdateUserInput.Age (json "age"): optional field is int, not a pointer, slice or map`},
		},
		{
			name: "input field missing in Go", file: "schema.graphql",
			old: "  age: Int\n", new: "  age: Int\n  email: String\n",
			want: []string{"schema.graphql:15:3: input UpdateUserInput: field email has no field in model.UpdateUserInput"},
		},
		{
			name: "Go input field not in schema", file: "schema.graphql",
			old: "  age: Int\n", new: "",
			want: []string{`schema.graphql:12:7: input UpdateUserInput: model.UpdateUserInput.Age (json "age") is not a field of input UpdateUserInput`},
		},
		{
			name: "nested input type", file: "model/model.go",
			old: "\tCity *string `json:\"city,omitempty\"`", new: "\tCity *string `json:\"city\"`",
			want: []string{`schema.graphql:19:22: input AddressInput: model.Address.City (json "city"): optional field lacks omitempty, so unset sends null`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := driftProblems(t, writeFixture(t, tt.file, tt.old, tt.new))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("drift problems (-want +got):\n%s", diff)
			}
		})
	}
}

// The drift check runs in the command and fails it before anything is
// written.
func TestDriftFailsCommand(t *testing.T) {
	cfg := writeFixture(t, "queries/q.graphql", "  name\n", "  name\n  email\n")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-config", cfg}, &stdout, &stderr); code != 1 {
		t.Fatalf("run() = %d, want 1; stderr:\n%s", code, stderr.String())
	}
	for _, w := range []string{"fragment UserFields: field email has no field in model.User", "1 problem(s)"} {
		if !strings.Contains(stderr.String(), w) {
			t.Errorf("stderr does not contain %q:\n%s", w, stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(cfg), "generated")); !os.IsNotExist(err) {
		t.Errorf("generated/ was written despite the drift: %v", err)
	}
}

func TestInputFieldRule(t *testing.T) {
	str, boolean := types.Typ[types.String], types.Typ[types.Bool]
	ptr := types.NewPointer(str)
	slice := types.NewSlice(str)
	strct := types.NewStruct(nil, nil)
	optional := &ast.Type{NamedType: "String"}
	required := &ast.Type{NamedType: "String", NonNull: true}
	tests := []struct {
		name string
		gql  *ast.Type
		f    jsonField
		bad  bool
	}{
		{"optional pointer omitempty", optional, jsonField{Type: ptr, OmitEmpty: true}, false},
		{"optional slice omitempty", optional, jsonField{Type: slice, OmitEmpty: true}, false},
		{"optional pointer without omitempty", optional, jsonField{Type: ptr}, true},
		{"optional value omitempty", optional, jsonField{Type: str, OmitEmpty: true}, true},
		{"optional value", optional, jsonField{Type: str}, true},
		{"required value", required, jsonField{Type: boolean}, false},
		{"required value omitempty", required, jsonField{Type: boolean, OmitEmpty: true}, true},
		{"required value omitzero", required, jsonField{Type: str, OmitZero: true}, true},
		{"required slice omitempty", required, jsonField{Type: slice, OmitEmpty: true}, true},
		{"required pointer omitempty", required, jsonField{Type: ptr, OmitEmpty: true}, false},
		{"required struct omitempty", required, jsonField{Type: strct, OmitEmpty: true}, false},
		{"required struct omitzero", required, jsonField{Type: strct, OmitZero: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if msg := inputFieldRule(tt.gql, tt.f); (msg != "") != tt.bad {
				t.Errorf("inputFieldRule() = %q, want a problem: %v", msg, tt.bad)
			}
		})
	}
}
