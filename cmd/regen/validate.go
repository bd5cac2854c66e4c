package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
	"github.com/vektah/gqlparser/v2/validator/rules"
)

// A problem is one thing wrong with the operations, located precisely
// enough to fix without reading genqlient's output.
type problem struct {
	File       string
	Line       int
	Column     int
	Definition string   // "operation Users" or "fragment UserFields"
	Field      string   // the field or argument named by the message, if any
	Message    string   // what is wrong
	Breaks     []string // for a fragment: the operations that spread it
}

// maxNamedOperations is how many of the operations a fragment problem
// breaks are named; the rest are only counted.
const maxNamedOperations = 3

// String formats the problem as file:line:col: definition: field: message,
// followed for a fragment by how many operations it breaks and a few of
// their names.
func (p problem) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: ", p.File, p.Line, p.Column)
	if p.Definition != "" {
		b.WriteString(p.Definition + ": ")
	}
	if p.Field != "" {
		fmt.Fprintf(&b, "field %q: ", p.Field)
	}
	b.WriteString(p.Message)
	if n := len(p.Breaks); n > 0 {
		fmt.Fprintf(&b, " (breaks %d operation%s: ", n, plural(n))
		if n > maxNamedOperations {
			b.WriteString(strings.Join(p.Breaks[:maxNamedOperations], ", ") + ", ...)")
		} else {
			b.WriteString(strings.Join(p.Breaks, ", ") + ")")
		}
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// dedupe drops repeated problems. gqlparser validates a fragment once per
// operation that spreads it, so one wrong field in a shared fragment comes
// back once per operation; it is one problem.
func dedupe(problems []problem) []problem {
	type key struct {
		file         string
		line, column int
		message      string
	}
	seen := map[key]bool{}
	out := problems[:0]
	for _, p := range problems {
		k := key{p.File, p.Line, p.Column, p.Message}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return out
}

// operationSet is the schema and the operations of a config, parsed and
// validated together.
type operationSet struct {
	schema *ast.Schema
	doc    *ast.QueryDocument
	defs   *definitionIndex
}

// validateOperations parses the schema and every operation file and
// validates them together, as genqlient sees them: one document whose
// fragments are shared across files. The parsed set is returned only when
// there are no problems.
func validateOperations(schemaFiles, operationFiles []string) (*operationSet, []problem, error) {
	var schemaSources []*ast.Source
	for _, name := range schemaFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, nil, err
		}
		schemaSources = append(schemaSources, &ast.Source{Name: name, Input: string(src)})
	}
	schema, err := gqlparser.LoadSchema(schemaSources...)
	if err != nil {
		return nil, nil, fmt.Errorf("schema: %w", err)
	}

	var problems []problem
	doc := &ast.QueryDocument{}
	for _, name := range operationFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, nil, err
		}
		part, err := parser.ParseQuery(&ast.Source{Name: name, Input: string(src)})
		if err != nil {
			problems = append(problems, fromGQLError(name, err)...)
			continue
		}
		doc.Operations = append(doc.Operations, part.Operations...)
		doc.Fragments = append(doc.Fragments, part.Fragments...)
	}
	if len(problems) > 0 {
		// Validating a partial document would report its missing
		// fragments as further errors; the syntax errors come first.
		return nil, problems, nil
	}

	// A fragment in the shared library that no operation spreads yet is
	// not a mistake here, so that rule is left out.
	ruleSet := rules.NewDefaultRules()
	ruleSet.RemoveRule(rules.NoUnusedFragmentsRule.Name)
	defs := newDefinitionIndex(doc)
	for _, e := range validator.ValidateWithRules(schema, doc, ruleSet) {
		for _, p := range fromGQLError("", e) {
			p.Definition, p.Breaks = defs.describe(p.File, p.Line)
			problems = append(problems, p)
		}
	}
	sort.SliceStable(problems, func(i, j int) bool {
		if problems[i].File != problems[j].File {
			return problems[i].File < problems[j].File
		}
		if problems[i].Line != problems[j].Line {
			return problems[i].Line < problems[j].Line
		}
		return problems[i].Column < problems[j].Column
	})
	if len(problems) > 0 {
		return nil, dedupe(problems), nil
	}
	return &operationSet{schema: schema, doc: doc, defs: defs}, nil, nil
}

var fieldInMessage = regexp.MustCompile(`(?:[Ff]ield|argument) "([^"]+)"`)

// fromGQLError turns a gqlparser error (or list) into problems.
func fromGQLError(defaultFile string, err error) []problem {
	var list gqlerror.List
	switch e := err.(type) {
	case gqlerror.List:
		list = e
	case *gqlerror.Error:
		list = gqlerror.List{e}
	default:
		return []problem{{File: defaultFile, Message: err.Error()}}
	}
	out := make([]problem, 0, len(list))
	for _, e := range list {
		p := problem{File: defaultFile, Message: e.Message}
		if f, ok := e.Extensions["file"].(string); ok && f != "" {
			p.File = f
		}
		if len(e.Locations) > 0 {
			p.Line, p.Column = e.Locations[0].Line, e.Locations[0].Column
		}
		if m := fieldInMessage.FindStringSubmatch(e.Message); m != nil {
			p.Field = m[1]
		}
		out = append(out, p)
	}
	return out
}

// definitionIndex finds which operation or fragment a source line is in,
// and which operations use a fragment.
type definitionIndex struct {
	byFile map[string][]definitionStart
	users  map[string][]string // fragment name -> operations spreading it
}

type definitionStart struct {
	line int
	name string
}

func newDefinitionIndex(doc *ast.QueryDocument) *definitionIndex {
	idx := &definitionIndex{byFile: map[string][]definitionStart{}, users: map[string][]string{}}
	fragments := map[string]*ast.FragmentDefinition{}
	for _, f := range doc.Fragments {
		fragments[f.Name] = f
		idx.add(f.Position, "fragment "+f.Name)
	}
	for _, op := range doc.Operations {
		idx.add(op.Position, "operation "+op.Name)
		seen := map[string]bool{}
		var walk func(ast.SelectionSet)
		walk = func(set ast.SelectionSet) {
			for _, sel := range set {
				switch s := sel.(type) {
				case *ast.Field:
					walk(s.SelectionSet)
				case *ast.InlineFragment:
					walk(s.SelectionSet)
				case *ast.FragmentSpread:
					if seen[s.Name] {
						continue
					}
					seen[s.Name] = true
					idx.users[s.Name] = append(idx.users[s.Name], op.Name)
					if f := fragments[s.Name]; f != nil {
						walk(f.SelectionSet)
					}
				}
			}
		}
		walk(op.SelectionSet)
	}
	for file := range idx.byFile {
		starts := idx.byFile[file]
		sort.Slice(starts, func(i, j int) bool { return starts[i].line < starts[j].line })
	}
	return idx
}

func (idx *definitionIndex) add(pos *ast.Position, name string) {
	if pos == nil || pos.Src == nil {
		return
	}
	idx.byFile[pos.Src.Name] = append(idx.byFile[pos.Src.Name], definitionStart{pos.Line, name})
}

// describe names the definition that contains file:line and, for a
// fragment, the operations that spread it (directly or through another
// fragment).
func (idx *definitionIndex) describe(file string, line int) (string, []string) {
	starts := idx.byFile[file]
	i := sort.Search(len(starts), func(i int) bool { return starts[i].line > line }) - 1
	if i < 0 {
		return "", nil
	}
	name := starts[i].name
	if frag, ok := strings.CutPrefix(name, "fragment "); ok {
		return name, idx.users[frag]
	}
	return name, nil
}

// expandGlobs resolves the operation and schema patterns of the config,
// relative to dir, in a stable order.
func expandGlobs(dir string, patterns []string) ([]string, error) {
	var out []string
	for _, pat := range patterns {
		if !filepath.IsAbs(pat) {
			pat = filepath.Join(dir, pat)
		}
		matches, err := filepath.Glob(pat)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", pat, err)
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("pattern %q matches no file", pat)
		}
		out = append(out, matches...)
	}
	sort.Strings(out)
	return out, nil
}
