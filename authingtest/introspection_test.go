package authingtest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// typeRefSelection is graphql-js's TypeRef fragment: seven levels of
// ofType, enough for [[T!]!]!.
var typeRefSelection = "kind name" + strings.Repeat(" ofType { kind name", 7) + strings.Repeat(" }", 7)

// introspectionQuery is the document graphql-js's getIntrospectionQuery()
// (v16) builds with its default options, which GraphiQL sends:
// descriptions on; specifiedByURL, isRepeatable, the schema's description
// and input value deprecation off.
var introspectionQuery = `
query IntrospectionQuery {
  __schema {
    queryType { name }
    mutationType { name }
    subscriptionType { name }
    types { ...FullType }
    directives {
      name
      description
      locations
      args { ...InputValue }
    }
  }
}

fragment FullType on __Type {
  kind
  name
  description
  fields(includeDeprecated: true) {
    name
    description
    args { ...InputValue }
    type { ...TypeRef }
    isDeprecated
    deprecationReason
  }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) {
    name
    description
    isDeprecated
    deprecationReason
  }
  possibleTypes { ...TypeRef }
}

fragment InputValue on __InputValue {
  name
  description
  type { ...TypeRef }
  defaultValue
}

fragment TypeRef on __Type { ` + typeRefSelection + ` }
`

// The introspection result, as a client decodes it.
type (
	introspected struct {
		Schema struct {
			QueryType        *typeRef `json:"queryType"`
			MutationType     *typeRef `json:"mutationType"`
			SubscriptionType *typeRef `json:"subscriptionType"`
			Types            []introType
			Directives       []introDirective
		} `json:"__schema"`
	}
	introType struct {
		Kind, Name    string
		Description   *string
		Fields        []introField
		InputFields   []introValue
		Interfaces    []typeRef
		EnumValues    []introEnumValue
		PossibleTypes []typeRef
	}
	introField struct {
		Name              string
		Description       *string
		Args              []introValue
		Type              typeRef
		IsDeprecated      bool
		DeprecationReason *string
	}
	introValue struct {
		Name         string
		Description  *string
		Type         typeRef
		DefaultValue *string
	}
	introEnumValue struct {
		Name              string
		Description       *string
		IsDeprecated      bool
		DeprecationReason *string
	}
	introDirective struct {
		Name        string
		Description *string
		Locations   []string
		Args        []introValue
	}
	typeRef struct {
		Kind   string
		Name   *string
		OfType *typeRef
	}
)

// String writes the reference in SDL, as [User!]!.
func (r typeRef) String() string {
	switch {
	case r.Kind == "NON_NULL" && r.OfType != nil:
		return r.OfType.String() + "!"
	case r.Kind == "LIST" && r.OfType != nil:
		return "[" + r.OfType.String() + "]"
	case r.Name != nil:
		return *r.Name
	}
	return "?" + r.Kind
}

// named is the named type at the bottom of the reference.
func (r typeRef) named() string {
	for r.OfType != nil {
		r = *r.OfType
	}
	if r.Name == nil {
		return ""
	}
	return *r.Name
}

func introspect(t *testing.T, srv *Server) introspected {
	t.Helper()
	out := graphqlCall(t, srv, introspectionQuery)
	if out["errors"] != nil {
		t.Fatalf("introspection failed: %v", out["errors"])
	}
	raw, _ := json.Marshal(out["data"])
	var in introspected
	if err := json.Unmarshal(raw, &in); err != nil {
		t.Fatal(err)
	}
	return in
}

// TestIntrospectionRebuildsTheSchema sends GraphiQL's introspection query
// and rebuilds the schema from the answer, as a client does: every type,
// field, argument, input field, enum value, description and default of
// schema.graphql must come back, and the SDK's own documents must
// validate against the rebuilt schema.
func TestIntrospectionRebuildsTheSchema(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	in := introspect(t, srv)
	if got := in.Schema.QueryType; got == nil || got.named() != "Query" {
		t.Errorf("queryType = %v", got)
	}
	if got := in.Schema.MutationType; got == nil || got.named() != "Mutation" {
		t.Errorf("mutationType = %v", got)
	}
	if in.Schema.SubscriptionType != nil {
		t.Errorf("subscriptionType = %v, want null", in.Schema.SubscriptionType)
	}
	checkReferencesResolve(t, in)
	sdl := renderSDL(t, in)
	rebuilt, gerr := gqlparser.LoadSchema(&ast.Source{Name: "introspected.graphql", Input: sdl})
	if gerr != nil {
		t.Fatalf("the introspected schema does not load: %v\n%s", gerr, sdl)
	}
	want, err := schema()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(signatures(want), signatures(rebuilt)); diff != "" {
		t.Errorf("rebuilt schema differs (-schema.graphql +introspected):\n%s", diff)
	}
	docs, _ := filepath.Glob("../queries/*.graphql")
	var all strings.Builder
	for _, name := range docs {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
		all.WriteString("\n")
	}
	if len(docs) == 0 {
		t.Fatal("no documents in ../queries")
	}
	if _, errs := gqlparser.LoadQueryWithRules(rebuilt, all.String(), nil); len(errs) > 0 {
		t.Errorf("the SDK's documents do not validate against the introspected schema: %v", errs)
	}
}

// checkReferencesResolve checks what graphql-js's buildClientSchema
// needs: every type referenced is listed, built-in scalars and
// introspection types included, and the directives the executor honours
// are described.
func checkReferencesResolve(t *testing.T, in introspected) {
	t.Helper()
	listed := map[string]string{}
	for _, ty := range in.Schema.Types {
		listed[ty.Name] = ty.Kind
	}
	refs := func(where string, r typeRef) {
		if _, ok := listed[r.named()]; !ok {
			t.Errorf("%s refers to %q, which types does not list", where, r.named())
		}
	}
	for _, ty := range in.Schema.Types {
		for _, f := range ty.Fields {
			refs(ty.Name+"."+f.Name, f.Type)
			for _, a := range f.Args {
				refs(ty.Name+"."+f.Name+"("+a.Name+")", a.Type)
			}
		}
		for _, f := range ty.InputFields {
			refs(ty.Name+"."+f.Name, f.Type)
		}
	}
	for name, kind := range map[string]string{"String": "SCALAR", "Int": "SCALAR", "Boolean": "SCALAR",
		"Object": "SCALAR", "__Schema": "OBJECT", "__TypeKind": "ENUM", "User": "OBJECT",
		"UserStatus": "ENUM", "LoginByUsernameInput": "INPUT_OBJECT"} {
		if listed[name] != kind {
			t.Errorf("type %s has kind %q, want %s", name, listed[name], kind)
		}
	}
	// The locations of the spec (October 2021, 3.13): clients refuse others.
	spec := strings.Fields(`QUERY MUTATION SUBSCRIPTION FIELD FRAGMENT_DEFINITION FRAGMENT_SPREAD
		INLINE_FRAGMENT VARIABLE_DEFINITION SCHEMA SCALAR OBJECT FIELD_DEFINITION ARGUMENT_DEFINITION
		INTERFACE UNION ENUM ENUM_VALUE INPUT_OBJECT INPUT_FIELD_DEFINITION`)
	got := map[string]string{}
	for _, d := range in.Schema.Directives {
		for _, l := range d.Locations {
			if !slices.Contains(spec, l) {
				t.Errorf("directive @%s has location %s, which the spec does not define", d.Name, l)
			}
		}
		var args []string
		for _, a := range d.Args {
			args = append(args, a.Name+": "+a.Type.String())
		}
		got[d.Name] = fmt.Sprintf("(%s) on %s", strings.Join(args, ", "), strings.Join(d.Locations, "|"))
	}
	for name, want := range map[string]string{
		"skip":       "(if: Boolean!) on FIELD|FRAGMENT_SPREAD|INLINE_FRAGMENT",
		"include":    "(if: Boolean!) on FIELD|FRAGMENT_SPREAD|INLINE_FRAGMENT",
		"deprecated": "(reason: String) on FIELD_DEFINITION|ARGUMENT_DEFINITION|INPUT_FIELD_DEFINITION|ENUM_VALUE",
	} {
		if got[name] != want {
			t.Errorf("directive @%s%s, want @%s%s", name, got[name], name, want)
		}
	}
}

// renderSDL writes the introspected types (all but the built-in ones) as
// SDL, descriptions and defaults included.
func renderSDL(t *testing.T, in introspected) string {
	t.Helper()
	var b strings.Builder
	desc := func(indent string, d *string) {
		if d != nil {
			q, _ := json.Marshal(*d)
			fmt.Fprintf(&b, "%s%s\n", indent, q)
		}
	}
	values := func(list []introValue) string {
		var out []string
		for _, v := range list {
			s := v.Name + ": " + v.Type.String()
			if v.Description != nil {
				q, _ := json.Marshal(*v.Description)
				s = string(q) + " " + s
			}
			if v.DefaultValue != nil {
				s += " = " + *v.DefaultValue
			}
			out = append(out, s)
		}
		return strings.Join(out, ", ")
	}
	for _, ty := range in.Schema.Types {
		if strings.HasPrefix(ty.Name, "__") || slices.Contains([]string{"String", "Int", "Float", "Boolean", "ID"}, ty.Name) {
			continue
		}
		desc("", ty.Description)
		switch ty.Kind {
		case "SCALAR":
			fmt.Fprintf(&b, "scalar %s\n", ty.Name)
		case "OBJECT":
			fmt.Fprintf(&b, "type %s {\n", ty.Name)
			for _, f := range ty.Fields {
				desc("  ", f.Description)
				args := ""
				if len(f.Args) > 0 {
					args = "(" + values(f.Args) + ")"
				}
				fmt.Fprintf(&b, "  %s%s: %s\n", f.Name, args, f.Type)
			}
			b.WriteString("}\n")
		case "INPUT_OBJECT":
			fmt.Fprintf(&b, "input %s {\n  %s\n}\n", ty.Name, strings.ReplaceAll(values(ty.InputFields), ", ", "\n  "))
		case "ENUM":
			fmt.Fprintf(&b, "enum %s {\n", ty.Name)
			for _, v := range ty.EnumValues {
				desc("  ", v.Description)
				fmt.Fprintf(&b, "  %s\n", v.Name)
			}
			b.WriteString("}\n")
		default:
			t.Errorf("type %s has kind %s, which schema.graphql does not use", ty.Name, ty.Kind)
		}
	}
	return b.String()
}

// signatures lists a schema's own (not built-in) types, fields,
// arguments, input fields and enum values with their kinds, types,
// defaults and descriptions, one line each.
func signatures(sch *ast.Schema) []string {
	var out []string
	for name, def := range sch.Types {
		if def.BuiltIn {
			continue
		}
		out = append(out, fmt.Sprintf("%s %s %q", def.Kind, name, def.Description))
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			var args []string
			for _, a := range f.Arguments {
				args = append(args, fmt.Sprintf("%s: %s%s %q", a.Name, a.Type, defaultText(a.DefaultValue), a.Description))
			}
			out = append(out, fmt.Sprintf("%s.%s(%s): %s%s %q", name, f.Name, strings.Join(args, ", "), f.Type, defaultText(f.DefaultValue), f.Description))
		}
		for _, v := range def.EnumValues {
			out = append(out, fmt.Sprintf("%s.%s %q", name, v.Name, v.Description))
		}
	}
	slices.Sort(out)
	return out
}

func defaultText(v *ast.Value) string {
	if v == nil {
		return ""
	}
	return " = " + v.String()
}

// TestTypeIntrospection checks __type and __typename: a type's fields
// come in schema order with their type references, an unknown name is
// null, and __typename names the object type wherever it is asked.
func TestTypeIntrospection(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	sch, err := schema()
	if err != nil {
		t.Fatal(err)
	}
	out := graphqlCall(t, srv, `{ __typename user: __type(name: "User") { __typename kind name
		fields { name type { `+typeRefSelection+` } } inputFields { name } enumValues { name } }
		nope: __type(name: "Nope") { name } }`)
	if out["errors"] != nil {
		t.Fatalf("errors: %v", out["errors"])
	}
	raw, _ := json.Marshal(out["data"])
	var got struct {
		Typename string `json:"__typename"`
		User     struct {
			Typename   string `json:"__typename"`
			Kind, Name string
			Fields     []struct {
				Name string
				Type typeRef
			}
			InputFields, EnumValues []any
		}
		Nope *struct{}
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	var gotFields, wantFields []string
	for _, f := range got.User.Fields {
		gotFields = append(gotFields, f.Name+": "+f.Type.String())
	}
	for _, f := range sch.Types["User"].Fields {
		wantFields = append(wantFields, f.Name+": "+f.Type.String())
	}
	if diff := cmp.Diff(wantFields, gotFields); diff != "" {
		t.Errorf("User's fields (-schema +introspected):\n%s", diff)
	}
	if len(gotFields) < 40 {
		t.Errorf("only %d fields of User", len(gotFields))
	}
	if got.Typename != "Query" || got.User.Typename != "__Type" {
		t.Errorf("__typename: root %q, __type %q", got.Typename, got.User.Typename)
	}
	if got.Nope != nil || got.User.InputFields != nil || got.User.EnumValues != nil {
		t.Errorf("want null for an unknown type and for an object's inputFields and enumValues: %s", raw)
	}
	if got.User.Kind != "OBJECT" || got.User.Name != "User" {
		t.Errorf("__type(User): kind %q, name %q", got.User.Kind, got.User.Name)
	}
}

// featureSchema has what schema.graphql lacks: deprecations, interfaces,
// unions, @oneOf, @specifiedBy and defaults of every kind.
const featureSchema = `
"A thing."
interface Node { id: ID! }
type Query {
  node(id: ID! = "1", tags: [String!] = ["a", "b"], filter: Filter = {size: 2}): Node
  old: String @deprecated(reason: "use node")
  older: Int @deprecated
}
type Item implements Node { id: ID! }
union Any = Item
enum Color { RED BLUE @deprecated(reason: "no") }
input Filter @oneOf { size: Int, name: String }
scalar Date @specifiedBy(url: "https://example.com/date")
`

// TestIntrospectionFeatures runs introspection over featureSchema.
func TestIntrospectionFeatures(t *testing.T) {
	sch, gerr := gqlparser.LoadSchema(&ast.Source{Name: "features.graphql", Input: featureSchema})
	if gerr != nil {
		t.Fatal(gerr)
	}
	doc, errs := gqlparser.LoadQueryWithRules(sch, `{
		query: __type(name: "Query") {
			fields { name }
			all: fields(includeDeprecated: true) { name isDeprecated deprecationReason args { name defaultValue } }
		}
		node: __type(name: "Node") { kind description interfaces { name } possibleTypes { name } fields { name } }
		item: __type(name: "Item") { kind interfaces { name } possibleTypes { name } }
		any: __type(name: "Any") { kind possibleTypes { name } fields { name } }
		color: __type(name: "Color") { enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } }
		filter: __type(name: "Filter") { kind isOneOf inputFields { name defaultValue } }
		date: __type(name: "Date") { kind specifiedByURL isOneOf }
		__schema { mutationType { name } queryType { name } }
	}`, nil)
	if errs != nil {
		t.Fatal(errs)
	}
	e := &execution{schema: sch, vars: map[string]any{}, budget: maxResolvedFields}
	in := introspection{sch: sch}
	root := obj{"__type": in.root("__type"), "__schema": in.root("__schema")}
	data, ok := e.selectObject("Query", root, doc.Operations[0].SelectionSet)
	if !ok || e.errs != nil {
		t.Fatalf("errors: %v", e.errs)
	}
	raw, _ := json.Marshal(data)
	want := `{
		"query": {
			"fields": [{"name": "node"}],
			"all": [
				{"name": "node", "isDeprecated": false, "deprecationReason": null, "args": [
					{"name": "id", "defaultValue": "\"1\""},
					{"name": "tags", "defaultValue": "[\"a\",\"b\"]"},
					{"name": "filter", "defaultValue": "{size:2}"}]},
				{"name": "old", "isDeprecated": true, "deprecationReason": "use node", "args": []},
				{"name": "older", "isDeprecated": true, "deprecationReason": "No longer supported", "args": []}]
		},
		"node": {"kind": "INTERFACE", "description": "A thing.", "interfaces": [], "possibleTypes": [{"name": "Item"}], "fields": [{"name": "id"}]},
		"item": {"kind": "OBJECT", "interfaces": [{"name": "Node"}], "possibleTypes": null},
		"any": {"kind": "UNION", "possibleTypes": [{"name": "Item"}], "fields": null},
		"color": {
			"enumValues": [{"name": "RED"}],
			"all": [
				{"name": "RED", "isDeprecated": false, "deprecationReason": null},
				{"name": "BLUE", "isDeprecated": true, "deprecationReason": "no"}]
		},
		"filter": {"kind": "INPUT_OBJECT", "isOneOf": true, "inputFields": [{"name": "size", "defaultValue": null}, {"name": "name", "defaultValue": null}]},
		"date": {"kind": "SCALAR", "specifiedByURL": "https://example.com/date", "isOneOf": null},
		"__schema": {"mutationType": null, "queryType": {"name": "Query"}}
	}`
	if diff := cmp.Diff(decodeJSON(t, want), decodeJSON(t, string(raw))); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
}

// TestTypename checks __typename at the roots and in objects, over HTTP.
func TestTypename(t *testing.T) {
	srv := stubbed(t, map[string]rootResolver{"user": returns(obj{"id": "u1",
		"roles": obj{"totalCount": 0, "list": []obj{}}})})
	tests := []struct{ query, want string }{
		{`{ __typename }`, `{"__typename": "Query"}`},
		{`mutation { __typename }`, `{"__typename": "Mutation"}`},
		{`{ user { t: __typename id roles { __typename } } }`, `{"user": {"t": "User", "id": "u1", "roles": {"__typename": "PaginatedRoles"}}}`},
		{`{ __schema { __typename queryType { __typename } } }`, `{"__schema": {"__typename": "__Schema", "queryType": {"__typename": "__Type"}}}`},
	}
	for _, tt := range tests {
		out := graphqlCall(t, srv, tt.query)
		if diff := cmp.Diff(decodeJSON(t, tt.want), out["data"]); diff != "" || out["errors"] != nil {
			t.Errorf("%s: errors %v; data mismatch (-want +got):\n%s", tt.query, out["errors"], diff)
		}
	}
}
