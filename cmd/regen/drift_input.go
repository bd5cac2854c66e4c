package main

import (
	"go/types"

	"github.com/vektah/gqlparser/v2/ast"
)

// checkBoundInput compares an input type bound in genqlient.yaml with its
// Go type. A bound input type takes over the wire tags: genqlient's
// omitempty and pointer directives no longer apply to its fields.
func (c *driftChecker) checkBoundInput(def *ast.Definition) {
	_, name := splitBind(c.bindings[def.Name].Type)
	if t := c.types[name]; t != nil {
		c.checkInput(def, t)
	}
}

// checkInput compares the fields of a schema input type with the JSON
// fields of the struct beneath t, both ways, applies inputFieldRule to each
// and recurses into nested input types.
func (c *driftChecker) checkInput(def *ast.Definition, t types.Type) {
	key := def.Name + " " + types.TypeString(t, nil)
	if c.inputs[key] {
		return
	}
	c.inputs[key] = true
	definition := "input " + def.Name
	goName := typeString(elemType(t))
	st, ok := elemStruct(t)
	if !ok {
		c.report(def.Position, definition, "bound to %s, which is not a struct", goName)
		return
	}
	fields := jsonFields(st)
	byKey := map[string]jsonField{}
	for _, f := range fields {
		byKey[f.Name] = f
	}
	for _, fd := range def.Fields {
		f, ok := byKey[fd.Name]
		if !ok {
			c.report(fd.Position, definition, "field %s has no field in %s", fd.Name, goName)
			continue
		}
		if msg := inputFieldRule(fd.Type, f); msg != "" {
			c.report(fd.Position, definition, "%s.%s (json %q): %s", goName, f.GoName, f.Name, msg)
		}
		c.checkNestedInput(def, fd, f, goName)
	}
	for _, f := range fields {
		if def.Fields.ForName(f.Name) == nil {
			c.report(def.Position, definition, "%s.%s (json %q) is not a field of input %s",
				goName, f.GoName, f.Name, def.Name)
		}
	}
}

// checkNestedInput follows a field whose schema type is itself an input
// type into the Go type that encodes it.
func (c *driftChecker) checkNestedInput(def *ast.Definition, fd *ast.FieldDefinition, f jsonField, parent string) {
	nested := c.ops.schema.Types[fd.Type.Name()]
	if nested == nil || nested.Kind != ast.InputObject {
		return
	}
	if b := c.bindings[nested.Name]; b != nil {
		_, name := splitBind(b.Type)
		if bt := c.types[name]; bt != nil && types.TypeString(elemType(bt), nil) != types.TypeString(elemType(f.Type), nil) {
			c.report(fd.Position, "input "+def.Name, "field %s is of input %s, bound to %s, but %s.%s is %s",
				fd.Name, nested.Name, typeString(bt), parent, f.GoName, typeString(f.Type))
		}
		return // compared on its own by checkBoundInput
	}
	c.checkInput(nested, f.Type)
}

// inputFieldRule says what is wrong with how a Go field encodes one field
// of a GraphQL input type, or returns "" when nothing is:
//
//   - An optional (nullable) field must be able to be absent: a pointer,
//     slice, map or interface tagged omitempty, so that a caller who does
//     not set it sends nothing rather than a zero value or null (which an
//     update mutation reads as "clear this").
//   - A required (non-null) field must not be dropped while it holds a
//     value the caller may mean: omitempty on a bool, number, string,
//     slice, map or array drops false, 0, "" and empty lists, and omitzero
//     drops any zero value. Dropping a nil pointer or interface is fine:
//     nil is "not set", and the server names the missing field.
func inputFieldRule(gql *ast.Type, f jsonField) string {
	nilable := false
	switch f.Type.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Interface:
		nilable = true
	}
	if !gql.NonNull {
		switch {
		case !nilable:
			return "optional field is " + typeString(f.Type) + ", not a pointer, slice or map"
		case !f.OmitEmpty:
			return "optional field lacks omitempty, so unset sends null"
		}
		return ""
	}
	_, isPointer := f.Type.Underlying().(*types.Pointer)
	_, isInterface := f.Type.Underlying().(*types.Interface)
	if isPointer || isInterface {
		return ""
	}
	if f.OmitZero {
		return "required field has omitzero, so its zero value is not sent"
	}
	if f.OmitEmpty {
		if _, isStruct := f.Type.Underlying().(*types.Struct); !isStruct {
			return "required field has omitempty, so its empty value is not sent"
		}
	}
	return ""
}
