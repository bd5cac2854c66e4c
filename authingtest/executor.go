package authingtest

import (
	"bytes"
	"encoding/json"
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

// maxDepth bounds how deeply selections may nest.
const maxDepth = 15

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
}

// selectionDepth returns how deeply set nests, following fragments.
func selectionDepth(set ast.SelectionSet, seen map[string]bool) int {
	max := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			d = 1 + selectionDepth(s.SelectionSet, seen)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, seen)
		case *ast.FragmentSpread:
			if s.Definition != nil && !seen[s.Name] {
				seen[s.Name] = true
				d = selectionDepth(s.Definition.SelectionSet, seen)
				delete(seen, s.Name)
			}
		}
		if d > max {
			max = d
		}
	}
	return max
}

// collectFields flattens fragments and applies @skip and @include.
func (e *execution) collectFields(set ast.SelectionSet, out []*ast.Field) []*ast.Field {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if e.included(s.Directives) {
				out = append(out, s)
			}
		case *ast.InlineFragment:
			if e.included(s.Directives) {
				out = e.collectFields(s.SelectionSet, out)
			}
		case *ast.FragmentSpread:
			if e.included(s.Directives) && s.Definition != nil {
				out = e.collectFields(s.Definition.SelectionSet, out)
			}
		}
	}
	return out
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
	fields := e.collectFields(set, nil)
	out := make(orderedObject, 0, len(fields))
	for _, f := range fields {
		key := f.Alias
		if key == "" {
			key = f.Name
		}
		if f.Name == "__typename" {
			out = append(out, orderedField{key, typeName})
			continue
		}
		v, err := e.resolveField(o[f.Name], f)
		if err != nil {
			return nil, err
		}
		out = append(out, orderedField{key, v})
	}
	return out, nil
}

// resolveField computes one field's value and completes it against the
// field's selection.
func (e *execution) resolveField(v any, f *ast.Field) (any, error) {
	if r, ok := v.(resolver); ok {
		var err error
		if v, err = r(f.ArgumentMap(e.vars)); err != nil {
			return nil, err
		}
	}
	return e.complete(v, f)
}

func (e *execution) complete(v any, f *ast.Field) (any, error) {
	typeName := ""
	if f.Definition != nil {
		typeName = f.Definition.Type.Name()
	}
	switch x := v.(type) {
	case nil:
		return nil, nil
	case obj:
		if x == nil {
			return nil, nil
		}
		return e.selectObject(typeName, x, f.SelectionSet)
	case []obj:
		out := make([]any, len(x))
		for i, item := range x {
			c, err := e.complete(item, f)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			c, err := e.complete(item, f)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	default:
		return v, nil
	}
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
