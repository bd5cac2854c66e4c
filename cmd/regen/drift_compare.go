package main

import (
	"fmt"
	"go/types"

	"github.com/vektah/gqlparser/v2/ast"
)

// checkSite compares one bound field selection with its Go type.
func (c *driftChecker) checkSite(s site) {
	_, name := splitBind(s.bind)
	t := c.types[name]
	if t == nil {
		return // a builtin such as string: nothing to compare
	}
	if _, ok := elemStruct(t); !ok {
		c.report(s.field.Position, "", "field %s has a sub-selection, but is bound to %s, not a struct",
			s.field.Alias, typeString(t))
		return
	}
	c.checkSet(t, typeString(elemType(t)), s.field.SelectionSet, s.field.Position)
}

// A selected key is one response key of an expanded selection set, with
// the sub-selections of all its occurrences merged.
type selectedKey struct {
	key   string
	first *ast.Field
	subs  ast.SelectionSet
}

// expand flattens a selection set through fragment spreads and inline
// fragments into its response keys, in order of first appearance.
func (c *driftChecker) expand(set ast.SelectionSet) []*selectedKey {
	var out []*selectedKey
	index := map[string]*selectedKey{}
	seen := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				key := s.Alias
				if key == "" {
					key = s.Name
				}
				k := index[key]
				if k == nil {
					k = &selectedKey{key: key, first: s}
					index[key] = k
					out = append(out, k)
				}
				k.subs = append(k.subs, s.SelectionSet...)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				if f := c.frags[s.Name]; f != nil && !seen[s.Name] {
					seen[s.Name] = true
					walk(f.SelectionSet)
				}
			}
		}
	}
	walk(set)
	return out
}

// checkSet compares a selection set with the JSON fields of the struct
// beneath t (named goName in messages), both ways, and recurses into
// sub-selections. at locates "not selected" problems: the bound field, or
// the fragment when the set is exactly one fragment spread, so that a
// fragment spread at many sites reports its problems once.
func (c *driftChecker) checkSet(t types.Type, goName string, set ast.SelectionSet, at *ast.Position) {
	st, ok := elemStruct(t)
	if !ok {
		return
	}
	if len(set) == 1 {
		if fs, ok := set[0].(*ast.FragmentSpread); ok && c.frags[fs.Name] != nil {
			at = c.frags[fs.Name].Position
		}
	}
	fields := jsonFields(st)
	byKey := map[string]jsonField{}
	for _, f := range fields {
		byKey[f.Name] = f
	}
	selected := map[string]bool{}
	for _, s := range c.expand(set) {
		selected[s.key] = true
		f, ok := byKey[s.key]
		if !ok {
			c.report(s.first.Position, "", "field %s has no field in %s", s.key, goName)
			continue
		}
		if len(s.subs) > 0 {
			c.checkNested(s, f, goName)
		}
	}
	for _, f := range fields {
		if !selected[f.Name] {
			c.report(at, "", "%s.%s (json %q) is not selected", goName, f.GoName, f.Name)
		}
	}
}

// checkNested compares the sub-selection of one selected key with the Go
// field it decodes into. When the field has a binding of its own, the Go
// field must be of that type.
func (c *driftChecker) checkNested(s *selectedKey, f jsonField, parent string) {
	inner := elemType(f.Type)
	where := fmt.Sprintf("%s.%s", parent, f.GoName)
	if bind, _ := c.bindingOf(s.first); bind != "" {
		_, name := splitBind(bind)
		if bt := c.types[name]; bt != nil && types.TypeString(elemType(bt), nil) != types.TypeString(inner, nil) {
			c.report(s.first.Position, "", "field %s is bound to %s, but %s is %s",
				s.key, typeString(bt), where, typeString(f.Type))
			return
		}
	}
	if _, ok := elemStruct(f.Type); !ok {
		c.report(s.first.Position, "", "field %s has a sub-selection, but %s is %s, not a struct",
			s.key, where, typeString(f.Type))
		return
	}
	name := where
	if _, ok := types.Unalias(inner).(*types.Named); ok {
		name = typeString(inner)
	}
	c.checkSet(f.Type, name, s.subs, s.first.Position)
}
