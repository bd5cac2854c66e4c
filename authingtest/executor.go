package authingtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"
)

// The executor runs any valid operation generically: root resolvers return
// plain Go values and the executor projects exactly the selected fields,
// honouring aliases, fragments, variables and per-field arguments. No
// query text is ever matched.
//
// Values a resolver may return:
//   - nil, string, bool, int, int64, float64, []string: scalars (enums are strings);
//   - obj: an object, whose entries are values or resolvers;
//   - []obj or []any: lists;
//   - resolver: computed when selected, with the field's arguments.
type obj map[string]any

// resolver computes a field from its arguments (variables and schema
// defaults already applied).
type resolver func(args map[string]any) (any, error)

// orderedObject is a JSON object that keeps the selection's order.
type orderedObject []orderedField

type orderedField struct {
	key string
	val any
}

// MarshalJSON writes the fields in selection order.
func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.key)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(f.val)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// execution carries what the fields of one request need.
type execution struct {
	vars map[string]any
	// budget is how many more fields this request may resolve. Document
	// limits bound a query's text, not the data it fans out over
	// (users { roles { users { ... } } } on a large pool), so the executor
	// bounds its own work too.
	budget int
	// lang is the language messages are written in.
	lang lang
}

// maxResolvedFields bounds the fields one request may resolve.
const maxResolvedFields = 200_000

// fieldGroup is the fields of one selection set that share a response
// key. GraphQL merges them into one entry: validation has made sure they
// name the same field with the same arguments, so the first one resolves
// and all their sub-selections are selected together.
type fieldGroup struct {
	key    string
	fields []*ast.Field
}

// subSelection is the merged selection of a group's fields.
func (g fieldGroup) subSelection() ast.SelectionSet {
	if len(g.fields) == 1 {
		return g.fields[0].SelectionSet
	}
	var set ast.SelectionSet
	for _, f := range g.fields {
		set = append(set, f.SelectionSet...)
	}
	return set
}

// collectFields groups a selection set's fields by response key in
// selection order, flattening fragments (each named fragment once, as the
// spec's CollectFields does) and applying @skip and @include. The schema
// has no interfaces or unions, so every valid type condition matches.
func (e *execution) collectFields(set ast.SelectionSet) []fieldGroup {
	c := collector{e: e, index: map[string]int{}, visited: map[string]bool{}}
	c.collect(set)
	return c.groups
}

type collector struct {
	e       *execution
	groups  []fieldGroup
	index   map[string]int
	visited map[string]bool
}

func (c *collector) collect(set ast.SelectionSet) {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if !c.e.included(s.Directives) {
				continue
			}
			key := s.Alias
			if key == "" {
				key = s.Name
			}
			if i, ok := c.index[key]; ok {
				c.groups[i].fields = append(c.groups[i].fields, s)
				continue
			}
			c.index[key] = len(c.groups)
			c.groups = append(c.groups, fieldGroup{key: key, fields: []*ast.Field{s}})
		case *ast.InlineFragment:
			if c.e.included(s.Directives) {
				c.collect(s.SelectionSet)
			}
		case *ast.FragmentSpread:
			if c.visited[s.Name] || s.Definition == nil || !c.e.included(s.Directives) {
				continue
			}
			c.visited[s.Name] = true
			c.collect(s.Definition.SelectionSet)
		}
	}
}

func (e *execution) included(dirs ast.DirectiveList) bool {
	if d := dirs.ForName("skip"); d != nil {
		if v, _ := d.ArgumentMap(e.vars)["if"].(bool); v {
			return false
		}
	}
	if d := dirs.ForName("include"); d != nil {
		if v, _ := d.ArgumentMap(e.vars)["if"].(bool); !v {
			return false
		}
	}
	return true
}

// selectObject projects the selected fields of o.
func (e *execution) selectObject(typeName string, o obj, set ast.SelectionSet) (orderedObject, error) {
	groups := e.collectFields(set)
	out := make(orderedObject, 0, len(groups))
	for _, g := range groups {
		f := g.fields[0]
		if e.budget--; e.budget < 0 {
			return nil, errResultTooLarge.with(maxResolvedFields)
		}
		if f.Name == "__typename" {
			out = append(out, orderedField{g.key, typeName})
			continue
		}
		v, err := e.resolveField(o[f.Name], g)
		if err != nil {
			return nil, locate(err, f.Position, g.key)
		}
		out = append(out, orderedField{g.key, v})
	}
	return out, nil
}

// resolveField computes one field's value and completes it against the
// group's merged selection.
func (e *execution) resolveField(v any, g fieldGroup) (any, error) {
	f := g.fields[0]
	if r, ok := v.(resolver); ok {
		var err error
		if v, err = r(f.ArgumentMap(e.vars)); err != nil {
			return nil, err
		}
	}
	typeName := ""
	if f.Definition != nil {
		typeName = f.Definition.Type.Name()
	}
	return e.complete(v, typeName, g.subSelection())
}

func (e *execution) complete(v any, typeName string, set ast.SelectionSet) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case *message:
		return x.text(e.lang), nil
	case obj:
		if x == nil {
			return nil, nil
		}
		return e.selectObject(typeName, x, set)
	case []obj:
		out := make([]any, len(x))
		for i, item := range x {
			c, err := e.complete(item, typeName, set)
			if err != nil {
				return nil, locate(err, nil, i)
			}
			out[i] = c
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			c, err := e.complete(item, typeName, set)
			if err != nil {
				return nil, locate(err, nil, i)
			}
			out[i] = c
		}
		return out, nil
	default:
		return v, nil
	}
}

// fieldError is a resolver's error with where it happened: the position
// of the innermost field that failed and the response path to it.
type fieldError struct {
	err  error
	pos  *ast.Position
	path []any
}

// Error returns the wrapped error's message.
func (e *fieldError) Error() string { return e.err.Error() }

// Unwrap returns the error the field's resolver failed with.
func (e *fieldError) Unwrap() error { return e.err }

// locate records one more step of the path (a response key or a list
// index) as err bubbles up; pos is kept from the innermost field.
func locate(err error, pos *ast.Position, step any) error {
	var fe *fieldError
	if errors.As(err, &fe) {
		fe.path = append([]any{step}, fe.path...)
		return fe
	}
	return &fieldError{err: err, pos: pos, path: []any{step}}
}

// Argument helpers: arguments arrive as JSON-ish values.

func argString(args map[string]any, name string) string {
	s, _ := args[name].(string)
	return s
}

func argStringPtr(args map[string]any, name string) *string {
	if s, ok := args[name].(string); ok {
		return &s
	}
	return nil
}

func argBool(args map[string]any, name string) (bool, bool) {
	b, ok := args[name].(bool)
	return b, ok
}

func argInt(args map[string]any, name string, def int) int {
	switch n := args[name].(type) {
	case int:
		return n
	case int64:
		return int(n)
	case float64:
		return int(n)
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return int(i)
		}
	case string:
		if i, err := strconv.Atoi(n); err == nil {
			return i
		}
	}
	return def
}

func argStrings(args map[string]any, name string) []string {
	list, _ := args[name].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func argObject(args map[string]any, name string) map[string]any {
	m, _ := args[name].(map[string]any)
	return m
}

func argObjects(args map[string]any, name string) []map[string]any {
	list, _ := args[name].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, v := range list {
		if m, ok := v.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// page cuts a page out of items (page from 1; limit <= 0 means 10).
func page[T any](items []T, args map[string]any) []T {
	p := argInt(args, "page", 1)
	l := argInt(args, "limit", 10)
	if p < 1 {
		p = 1
	}
	if l <= 0 {
		l = 10
	}
	start := (p - 1) * l
	if start >= len(items) {
		return []T{}
	}
	end := start + l
	if end > len(items) {
		end = len(items)
	}
	return items[start:end]
}

// paginated builds a {totalCount, list} object.
func paginated(all []obj, args map[string]any) obj {
	return obj{"totalCount": len(all), "list": page(all, args)}
}
