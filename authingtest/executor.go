package authingtest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"
)

// The executor runs any valid operation generically: root resolvers return
// plain Go values and the executor projects exactly the selected fields,
// honouring aliases, fragments, variables and per-field arguments. No
// query text is ever matched.
//
// Values a resolver may return:
//   - nil, string, bool, any Go number: scalars (enums are strings);
//   - obj (or map[string]any): an object, whose entries are values or resolvers;
//   - []obj, []any, []string or any other slice: lists;
//   - resolver: computed when selected, with the field's arguments.
//
// Each value is checked against the field's declared type as the spec's
// CompleteValue does (see coerceLeaf): a null or a value of another type
// is a field error, not an answer that breaks the client's decoder.
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
	schema *ast.Schema
	vars   map[string]any
	// budget is how many more fields this request may resolve. Document
	// limits bound a query's text, not the data it fans out over
	// (users { roles { users { ... } } } on a large pool), so the executor
	// bounds its own work too.
	budget int
	// errs are the field errors raised so far, in Authing's shape.
	errs []any
	// fatal, once set, stops the whole request: no data is answered.
	fatal error
	// path is the response path of the value being completed; pathBuf
	// holds it while it is short, which it almost always is.
	path    []pathStep
	pathBuf [8]pathStep
	// lang is the language messages are written in.
	lang lang
}

// maxResolvedFields bounds the fields one request may resolve.
const maxResolvedFields = 200_000

// run executes a validated operation. As the spec's "Handling Field
// Errors" says, a field that fails is null and its error is listed with
// its path while the other fields keep their values; a null in a non-null
// position makes the nearest nullable parent null, and data itself when
// it reaches the root.
func (s *Server) run(rq *request, sch *ast.Schema, op *ast.OperationDefinition, vars map[string]any) graphQLResponse {
	e := &execution{schema: sch, vars: vars, budget: maxResolvedFields, lang: rq.lang}
	e.path = e.pathBuf[:0]
	rootType := sch.Query
	if op.Operation == ast.Mutation {
		rootType = sch.Mutation
	}
	if rootType == nil || op.Operation == ast.Subscription { // validation refuses these
		return graphQLResponse{Errors: []any{stringError("the schema has no root type for "+string(op.Operation), "GRAPHQL_VALIDATION_FAILED", nil)}}
	}
	root := s.rootObject(rq, e, op)
	data, ok := e.selectObject(rootType.Name, root, op.SelectionSet)
	if e.fatal != nil {
		return graphQLResponse{Errors: []any{authingError(e.fatal, op.Position, e.lang)}}
	}
	resp := graphQLResponse{Errors: e.errs}
	if ok {
		resp.Data = data
	}
	return resp
}

// rootObject binds each selected root field to its resolver. A root field
// the server does not implement is a field error, like any other.
func (s *Server) rootObject(rq *request, e *execution, op *ast.OperationDefinition) obj {
	roots := s.query
	mutation := op.Operation == ast.Mutation
	if mutation {
		roots = s.mutation
	}
	in := introspection{sch: e.schema}
	root := obj{}
	for _, g := range e.collectFields(op.SelectionSet) {
		name := g.fields[0].Name
		if name == "__typename" || root[name] != nil {
			continue
		}
		if r := in.root(name); r != nil && !mutation {
			root[name] = r
			continue
		}
		resolve, ok := roots[name]
		if !ok {
			root[name] = resolver(func(map[string]any) (any, error) {
				return nil, errRootNotFound.with(name)
			})
			continue
		}
		root[name] = resolver(func(args map[string]any) (any, error) {
			v, err := resolve(rq, args)
			if mutation {
				s.logMutation(rq, name, args, v, err)
			}
			return v, err
		})
	}
	return root
}

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

// The completion functions below report, beside the value, whether it
// completed: false means a field error was raised (and recorded) in a
// non-null position, so the null must go on up to the nearest nullable
// field or list item, where recovers turns it into a null.

// selectObject projects the selected fields of o, an object of type
// typeName.
func (e *execution) selectObject(typeName string, o obj, set ast.SelectionSet) (orderedObject, bool) {
	groups := e.collectFields(set)
	out := make(orderedObject, 0, len(groups))
	for _, g := range groups {
		f := g.fields[0]
		if e.budget--; e.budget < 0 {
			e.fatal = errResultTooLarge.with(maxResolvedFields)
			return nil, false
		}
		if f.Name == "__typename" {
			out = append(out, orderedField{g.key, typeName})
			continue
		}
		e.path = append(e.path, pathStep{key: g.key})
		v, ok := e.executeField(o[f.Name], g)
		e.path = e.path[:len(e.path)-1]
		if !ok {
			return nil, false
		}
		out = append(out, orderedField{g.key, v})
	}
	return out, true
}

// executeField computes one field's value and completes it against the
// group's merged selection.
func (e *execution) executeField(v any, g fieldGroup) (any, bool) {
	f := g.fields[0]
	t := f.Definition.Type
	if r, ok := v.(resolver); ok {
		var err error
		if v, err = r(f.ArgumentMap(e.vars)); err != nil {
			e.fail(err, f)
			return nil, e.recovers(t)
		}
	}
	c, ok := e.complete(v, t, f, g.subSelection())
	if !ok {
		return nil, e.recovers(t)
	}
	return c, true
}

// recovers says whether a field error raised at a position of type t
// stops there (the position is nullable) or goes on up.
func (e *execution) recovers(t *ast.Type) bool {
	return !t.NonNull && e.fatal == nil
}

// complete is the spec's CompleteValue: v, the value of field f,
// completed as type t with the sub-selection set.
func (e *execution) complete(v any, t *ast.Type, f *ast.Field, set ast.SelectionSet) (any, bool) {
	if isNull(v) {
		if t.NonNull {
			e.fail(errNullForNonNull.with(f.ObjectDefinition.Name, f.Name), f)
			return nil, false
		}
		return nil, true
	}
	if t.Elem != nil {
		return e.completeList(v, t.Elem, f, set)
	}
	if len(set) == 0 { // validation requires a selection exactly on objects
		if m, ok := v.(*message); ok { // a table message, in the request's language
			v = m.text(e.lang)
		}
		c, err := e.coerceLeaf(v, t.NamedType)
		if err != nil {
			e.fail(err, f)
			return nil, false
		}
		return c, true
	}
	o, ok := asObject(v)
	if !ok {
		e.fail(errNotAnObject.with(f.ObjectDefinition.Name, f.Name, t.NamedType, v), f)
		return nil, false
	}
	return e.selectObject(t.NamedType, o, set)
}

// completeList completes each item of a list value as type item.
func (e *execution) completeList(v any, item *ast.Type, f *ast.Field, set ast.SelectionSet) (any, bool) {
	switch x := v.(type) {
	case []obj:
		return completeItems(e, x, item, f, set)
	case []any:
		return completeItems(e, x, item, f, set)
	case []string:
		return completeItems(e, x, item, f, set)
	case []map[string]any:
		return completeItems(e, x, item, f, set)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		e.fail(errNotAList.with(f.ObjectDefinition.Name, f.Name, v), f)
		return nil, false
	}
	items := make([]any, rv.Len())
	for i := range items {
		items[i] = rv.Index(i).Interface()
	}
	return completeItems(e, items, item, f, set)
}

func completeItems[T any](e *execution, items []T, item *ast.Type, f *ast.Field, set ast.SelectionSet) (any, bool) {
	out := make([]any, len(items))
	for i, x := range items {
		e.path = append(e.path, pathStep{index: i})
		c, ok := e.complete(x, item, f, set)
		e.path = e.path[:len(e.path)-1]
		if !ok {
			if !e.recovers(item) {
				return nil, false
			}
			c = nil
		}
		out[i] = c
	}
	return out, true
}

// isNull says whether a resolver's value is GraphQL's null. A nil list is
// an empty list, as it always was.
func isNull(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case obj:
		return x == nil
	case map[string]any:
		return x == nil
	}
	return false
}

func asObject(v any) (obj, bool) {
	switch x := v.(type) {
	case obj:
		return x, true
	case map[string]any:
		return x, true
	}
	return nil, false
}

// fail records a field error of field f at the current path.
func (e *execution) fail(err error, f *ast.Field) {
	out := authingError(err, f.Position, e.lang)
	steps := make([]any, len(e.path))
	for i, st := range e.path {
		if st.key != "" {
			steps[i] = st.key
		} else {
			steps[i] = st.index
		}
	}
	out["path"] = steps
	e.errs = append(e.errs, out)
}

// pathStep is one step of a response path: a response key, or a list
// index when key is "".
type pathStep struct {
	key   string
	index int
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
