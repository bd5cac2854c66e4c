package main

import (
	"sort"

	"github.com/vektah/gqlparser/v2/ast"
)

// spreadsOf names the fragments a selection set spreads at its own level:
// directly, through inline fragments and through the fragments it spreads,
// but not inside sub-selections of its fields.
func (c *driftChecker) spreadsOf(set ast.SelectionSet) []string {
	seen := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
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
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// checkUnboundSpreads reports every field that genqlient would generate a
// type for although its selection spreads a fragment bound to a Go type at
// another site: a fragment that spreads a bound fragment must be bound
// too, or that selection decodes into a generated copy of the Go type.
// Fields inside a bound selection are decoded by the bound type and not
// generated, so the walk starts at the operations and stops at bindings.
func (c *driftChecker) checkUnboundSpreads(sites []site) {
	bound := map[string]string{} // fragment -> Go type it is bound to
	for _, s := range sites {
		goType := s.bind
		if _, name := splitBind(s.bind); c.types[name] != nil {
			goType = typeString(elemType(c.types[name]))
		}
		for _, name := range c.spreadsOf(s.field.SelectionSet) {
			bound[name] = goType
		}
	}
	if len(bound) == 0 {
		return
	}
	walked := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				if bind, _ := c.bindingOf(s); bind != "" || len(s.SelectionSet) == 0 {
					continue
				}
				for _, name := range c.spreadsOf(s.SelectionSet) {
					if b, ok := bound[name]; ok {
						c.report(s.Position, "", "field %s spreads fragment %s, bound to %s elsewhere, but is not bound itself",
							s.Alias, name, b)
					}
				}
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				if f := c.frags[s.Name]; f != nil && !walked[s.Name] {
					walked[s.Name] = true
					walk(f.SelectionSet)
				}
			}
		}
	}
	for _, op := range c.ops.doc.Operations {
		walk(op.SelectionSet)
	}
}
