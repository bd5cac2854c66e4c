package authingtest

import (
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// introspection answers the spec's introspection fields (section 4):
// __schema and __type, from the schema the server validates against. Each
// schema element is an obj whose lists are resolvers, so a query computes
// only what it selects; the executor then checks and projects the result
// against the introspection types of gqlparser's prelude, as it does any
// other result.
type introspection struct{ sch *ast.Schema }

// root returns the resolver of an introspection root field, or nil when
// name is not one.
func (in introspection) root(name string) resolver {
	switch name {
	case "__schema":
		return func(map[string]any) (any, error) { return in.schema(), nil }
	case "__type":
		return func(args map[string]any) (any, error) {
			return in.named(in.sch.Types[argString(args, "name")]), nil
		}
	}
	return nil
}

// schema is the __Schema object.
func (in introspection) schema() obj {
	return obj{
		"description":      optional(in.sch.Description),
		"types":            lazy(in.types),
		"queryType":        in.named(in.sch.Query),
		"mutationType":     in.named(in.sch.Mutation),
		"subscriptionType": in.named(in.sch.Subscription),
		"directives":       lazy(in.directives),
	}
}

// lazy is a resolver without arguments.
func lazy(f func() []obj) resolver {
	return func(map[string]any) (any, error) { return f(), nil }
}

// includeDeprecated reads the argument of the same name of fields,
// args, inputFields and enumValues.
func includeDeprecated(args map[string]any) bool {
	b, _ := argBool(args, "includeDeprecated")
	return b
}

// types lists every named type, built-in ones included, by name.
func (in introspection) types() []obj {
	names := make([]string, 0, len(in.sch.Types))
	for name := range in.sch.Types {
		names = append(names, name)
	}
	slices.Sort(names)
	out := make([]obj, len(names))
	for i, name := range names {
		out[i] = in.named(in.sch.Types[name])
	}
	return out
}

// named is the __Type of a named type; nil (null) for no type.
func (in introspection) named(def *ast.Definition) obj {
	if def == nil {
		return nil
	}
	o := obj{"kind": string(def.Kind), "name": def.Name, "description": optional(def.Description)}
	switch def.Kind {
	case ast.Scalar:
		o["specifiedByURL"] = nil
		if d := def.Directives.ForName("specifiedBy"); d != nil {
			o["specifiedByURL"] = in.directiveString(d, "url")
		}
	case ast.Object, ast.Interface:
		o["fields"] = resolver(func(args map[string]any) (any, error) {
			return in.fields(def, includeDeprecated(args)), nil
		})
		o["interfaces"] = lazy(func() []obj { return in.namedList(def.Interfaces) })
	case ast.Enum:
		o["enumValues"] = resolver(func(args map[string]any) (any, error) {
			return in.enumValues(def, includeDeprecated(args)), nil
		})
	case ast.InputObject:
		o["inputFields"] = resolver(func(args map[string]any) (any, error) {
			return in.inputFields(def.Fields, includeDeprecated(args)), nil
		})
		o["isOneOf"] = def.Directives.ForName("oneOf") != nil
	}
	if def.Kind == ast.Interface || def.Kind == ast.Union {
		o["possibleTypes"] = lazy(func() []obj {
			var out []obj
			for _, t := range in.sch.GetPossibleTypes(def) {
				out = append(out, in.named(t))
			}
			return out
		})
	}
	return o
}

func (in introspection) namedList(names []string) []obj {
	out := make([]obj, 0, len(names))
	for _, name := range names {
		out = append(out, in.named(in.sch.Types[name]))
	}
	return out
}

// ref is the __Type of a type reference: NON_NULL and LIST wrap the
// named type's __Type.
func (in introspection) ref(t *ast.Type) obj {
	switch {
	case t.NonNull:
		return obj{"kind": "NON_NULL", "name": nil, "ofType": in.ref(&ast.Type{NamedType: t.NamedType, Elem: t.Elem})}
	case t.Elem != nil:
		return obj{"kind": "LIST", "name": nil, "ofType": in.ref(t.Elem)}
	}
	return in.named(in.sch.Types[t.NamedType])
}

// fields lists an object's __Field objects. The introspection fields the
// spec adds to Query (__schema, __type) are implicit and not listed.
func (in introspection) fields(def *ast.Definition, withDeprecated bool) []obj {
	out := make([]obj, 0, len(def.Fields))
	for _, fd := range def.Fields {
		deprecated, reason := in.deprecation(fd.Directives)
		if strings.HasPrefix(fd.Name, "__") || deprecated && !withDeprecated {
			continue
		}
		out = append(out, obj{
			"name":        fd.Name,
			"description": optional(fd.Description),
			"args": resolver(func(args map[string]any) (any, error) {
				return in.arguments(fd.Arguments, includeDeprecated(args)), nil
			}),
			"type":              in.ref(fd.Type),
			"isDeprecated":      deprecated,
			"deprecationReason": reason,
		})
	}
	return out
}

// arguments lists the __InputValue objects of a field's or directive's
// arguments.
func (in introspection) arguments(list ast.ArgumentDefinitionList, withDeprecated bool) []obj {
	out := make([]obj, 0, len(list))
	for _, a := range list {
		if o := in.inputValue(a.Name, a.Description, a.Type, a.DefaultValue, a.Directives, withDeprecated); o != nil {
			out = append(out, o)
		}
	}
	return out
}

// inputFields lists the __InputValue objects of an input object's fields.
func (in introspection) inputFields(list ast.FieldList, withDeprecated bool) []obj {
	out := make([]obj, 0, len(list))
	for _, f := range list {
		if o := in.inputValue(f.Name, f.Description, f.Type, f.DefaultValue, f.Directives, withDeprecated); o != nil {
			out = append(out, o)
		}
	}
	return out
}

// inputValue is one __InputValue, or nil when it is deprecated and
// deprecated ones are not wanted. defaultValue is the default written in
// GraphQL syntax, as the spec asks.
func (in introspection) inputValue(name, description string, t *ast.Type, def *ast.Value, dirs ast.DirectiveList, withDeprecated bool) obj {
	deprecated, reason := in.deprecation(dirs)
	if deprecated && !withDeprecated {
		return nil
	}
	var defaultValue any
	if def != nil {
		defaultValue = def.String()
	}
	return obj{
		"name":              name,
		"description":       optional(description),
		"type":              in.ref(t),
		"defaultValue":      defaultValue,
		"isDeprecated":      deprecated,
		"deprecationReason": reason,
	}
}

// enumValues lists an enum's __EnumValue objects.
func (in introspection) enumValues(def *ast.Definition, withDeprecated bool) []obj {
	out := make([]obj, 0, len(def.EnumValues))
	for _, v := range def.EnumValues {
		deprecated, reason := in.deprecation(v.Directives)
		if deprecated && !withDeprecated {
			continue
		}
		out = append(out, obj{
			"name":              v.Name,
			"description":       optional(v.Description),
			"isDeprecated":      deprecated,
			"deprecationReason": reason,
		})
	}
	return out
}

// directives lists the __Directive objects, by name.
func (in introspection) directives() []obj {
	names := make([]string, 0, len(in.sch.Directives))
	for name := range in.sch.Directives {
		names = append(names, name)
	}
	slices.Sort(names)
	out := make([]obj, len(names))
	for i, name := range names {
		d := in.sch.Directives[name]
		locations := make([]string, 0, len(d.Locations))
		for _, l := range d.Locations {
			if specLocation(l) {
				locations = append(locations, string(l))
			}
		}
		out[i] = obj{
			"name":         d.Name,
			"description":  optional(d.Description),
			"locations":    locations,
			"args":         resolver(func(args map[string]any) (any, error) { return in.arguments(d.Arguments, includeDeprecated(args)), nil }),
			"isRepeatable": d.IsRepeatable,
		}
	}
	return out
}

// specLocation says whether a directive location is one of the spec's
// (October 2021, 3.13). gqlparser's prelude also puts @deprecated on
// DIRECTIVE_DEFINITION, a draft location that graphql-js 16 and
// graphql-core 3.2 do not know: listing it makes their buildClientSchema,
// and so GraphiQL, refuse the whole answer.
func specLocation(l ast.DirectiveLocation) bool {
	switch l {
	case ast.LocationQuery, ast.LocationMutation, ast.LocationSubscription, ast.LocationField,
		ast.LocationFragmentDefinition, ast.LocationFragmentSpread, ast.LocationInlineFragment,
		ast.LocationVariableDefinition, ast.LocationSchema, ast.LocationScalar, ast.LocationObject,
		ast.LocationFieldDefinition, ast.LocationArgumentDefinition, ast.LocationInterface,
		ast.LocationUnion, ast.LocationEnum, ast.LocationEnumValue, ast.LocationInputObject,
		ast.LocationInputFieldDefinition:
		return true
	}
	return false
}

// deprecation reads an element's @deprecated directive: whether it is
// deprecated and why.
func (in introspection) deprecation(dirs ast.DirectiveList) (bool, any) {
	d := dirs.ForName("deprecated")
	if d == nil {
		return false, nil
	}
	return true, in.directiveString(d, "reason")
}

// directiveString is a string argument of a directive applied in the
// schema, or its declared default; nil when it has neither.
func (in introspection) directiveString(d *ast.Directive, name string) any {
	if a := d.Arguments.ForName(name); a != nil && a.Value != nil {
		if a.Value.Kind == ast.StringValue || a.Value.Kind == ast.BlockValue {
			return a.Value.Raw
		}
		return nil
	}
	if def := in.sch.Directives[d.Name]; def != nil {
		if arg := def.Arguments.ForName(name); arg != nil && arg.DefaultValue != nil {
			return arg.DefaultValue.Raw
		}
	}
	return nil
}

// optional is a description: null when empty.
func optional(s string) any {
	if s == "" {
		return nil
	}
	return s
}
