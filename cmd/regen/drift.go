package main

import (
	"fmt"
	"go/types"
	"regexp"
	"sort"
	"strings"

	"github.com/Khan/genqlient/generate"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// The drift check. genqlient decodes a selection into a bound Go type
// without comparing the two, so a field selected but missing in the Go
// type (or the reverse) is silently dropped. checkDrift compares each bound
// Go type's JSON fields (as encoding/json sees them) with the selection
// bound to it, both ways and recursively, and each bound input type with
// its schema definition.
//
// Bindings come from two places: a `# @genqlient(bind: "pkg.Type")`
// comment on a field selection, and the global bindings of genqlient.yaml
// (per GraphQL type). Scalars, enums and bindings with a custom
// (un)marshaler are not compared: their JSON is not a struct's.

// A site is one field selection bound to a Go type.
type site struct {
	field *ast.Field
	bind  string // the Go type as genqlient spells it, e.g. "[]example.com/p.User"
}

// driftChecker holds what one drift check needs and the problems found.
type driftChecker struct {
	ops      *operationSet
	bindings map[string]*generate.TypeBinding
	frags    map[string]*ast.FragmentDefinition
	types    map[string]types.Type // bind string without prefix -> Go type
	problems []problem
	inputs   map[string]bool // input type + Go type already compared
}

// checkDrift compares every bound Go type with what is bound to it. dir is
// the directory the bound packages are loaded from (the config's).
func checkDrift(dir string, bindings map[string]*generate.TypeBinding, ops *operationSet) ([]problem, error) {
	c := &driftChecker{
		ops:      ops,
		bindings: bindings,
		frags:    map[string]*ast.FragmentDefinition{},
		inputs:   map[string]bool{},
	}
	for _, f := range ops.doc.Fragments {
		c.frags[f.Name] = f
	}
	sites, err := c.sites()
	if err != nil {
		return nil, err
	}
	inputs := c.boundInputs()
	if len(sites) == 0 && len(inputs) == 0 {
		return nil, nil
	}
	names := make([]string, 0, len(sites)+len(inputs))
	for _, s := range sites {
		names = append(names, s.bind)
	}
	for _, in := range inputs {
		names = append(names, bindings[in.Name].Type)
	}
	if c.types, err = loadTypes(dir, names); err != nil {
		return nil, err
	}
	for _, s := range sites {
		c.checkSite(s)
	}
	for _, in := range inputs {
		c.checkBoundInput(in)
	}
	c.checkUnboundSpreads(sites)
	sortProblems(c.problems)
	return dedupe(c.problems), nil
}

// sortProblems orders problems by file, line and column, then message.
func sortProblems(ps []problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Message < b.Message
	})
}

// report records a problem located at pos, named after the operation or
// fragment (or schema type) that contains it.
func (c *driftChecker) report(pos *ast.Position, definition, format string, args ...any) {
	p := problem{Message: fmt.Sprintf(format, args...), Definition: definition}
	if pos != nil {
		p.Line, p.Column = pos.Line, pos.Column
		if pos.Src != nil {
			p.File = pos.Src.Name
		}
		if definition == "" {
			p.Definition, _ = c.ops.defs.describe(p.File, p.Line)
		}
	}
	c.problems = append(c.problems, p)
}

// sites finds every field selection bound to a Go type, in operations and
// fragments alike, without following spreads (each field node once).
func (c *driftChecker) sites() ([]site, error) {
	var out []site
	var walkErr error
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				bind, err := c.bindingOf(s)
				if err != nil && walkErr == nil {
					walkErr = err
				}
				if bind != "" && len(s.SelectionSet) > 0 {
					out = append(out, site{field: s, bind: bind})
				}
				walk(s.SelectionSet)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			}
		}
	}
	for _, op := range c.ops.doc.Operations {
		walk(op.SelectionSet)
	}
	for _, f := range c.ops.doc.Fragments {
		walk(f.SelectionSet)
	}
	return out, walkErr
}

// bindingOf returns the Go type a field selection decodes into when that
// is not a genqlient-generated type: its own bind directive, else the
// global binding of its GraphQL type. "" means generated or not comparable.
func (c *driftChecker) bindingOf(f *ast.Field) (string, error) {
	bind, err := fieldBind(f)
	if err != nil || bind == "-" {
		return "", err
	}
	if bind != "" {
		return bind, nil
	}
	if f.Definition == nil {
		return "", nil
	}
	def := c.ops.schema.Types[f.Definition.Type.Name()]
	b := c.bindings[f.Definition.Type.Name()]
	if def == nil || b == nil || b.Unmarshaler != "" {
		return "", nil
	}
	switch def.Kind {
	case ast.Object, ast.Interface, ast.Union:
		return b.Type, nil
	}
	return "", nil
}

// fieldBind reads the bind argument of the `# @genqlient(...)` comment
// lines right above a field, as genqlient does.
func fieldBind(f *ast.Field) (string, error) {
	pos := f.Position
	if pos == nil || pos.Src == nil {
		return "", nil
	}
	lines := strings.Split(pos.Src.Input, "\n")
	bind := ""
	for i := pos.Line - 1; i > 0 && i <= len(lines); i-- {
		line := strings.TrimSpace(lines[i-1])
		if !strings.HasPrefix(line, "#") {
			break
		}
		text := strings.TrimSpace(strings.TrimPrefix(line, "#"))
		if !strings.HasPrefix(text, "@genqlient") {
			continue
		}
		doc, err := parser.ParseQuery(&ast.Source{Input: "query " + text + " { field }"})
		if err != nil {
			return "", fmt.Errorf("%s:%d: invalid genqlient directive: %v", pos.Src.Name, i, err)
		}
		if arg := doc.Operations[0].Directives[0].Arguments.ForName("bind"); arg != nil {
			bind = arg.Value.Raw
		}
	}
	return bind, nil
}

// bindPrefix matches the slice, array, map and pointer prefix genqlient
// allows before a bound type's name.
var bindPrefix = regexp.MustCompile(`^(\[\]|\*|\[\d+\]|map\[string\])*`)

// splitBind splits "[]example.com/p.User" into "[]" and "example.com/p.User".
func splitBind(bind string) (prefix, name string) {
	prefix = bindPrefix.FindString(bind)
	return prefix, bind[len(prefix):]
}

// boundInputs lists the schema input types bound globally to a Go type
// that encoding/json marshals by its fields, by name.
func (c *driftChecker) boundInputs() []*ast.Definition {
	var out []*ast.Definition
	for name, b := range c.bindings {
		def := c.ops.schema.Types[name]
		if def == nil || def.Kind != ast.InputObject || b.Marshaler != "" {
			continue
		}
		if _, n := splitBind(b.Type); !strings.Contains(n, ".") {
			continue
		}
		out = append(out, def)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
