// Package restshape checks JSON answers of Authing's REST routes against
// the shapes Authing's official SDKs read, as recorded once for the project
// in authingtest/testdata/official-requests.json (from the reference
// rest-shapes.md).
//
// A shape is JSON:
//   - a string names a JSON type ("string", "number", "boolean", "object",
//     "null", "any") or a named shape of the file's "shapes" table ("User");
//     "a|b" accepts either;
//   - a one-element array is an array whose items all have that shape;
//   - an object lists keys and their shapes; a key ending in "?" may be
//     absent, any other must be present; keys not listed are allowed (the
//     cloud's records carry more than the SDKs read).
//
// Tests of package client (recorded responses) and of authingtest (the
// local server's answers) use it, so both agree with the cloud rather than
// only with each other.
package restshape

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

// Route is one REST route of the file, with the shape of its data.
type Route struct {
	Method string `json:"method"`
	Path   string `json:"path"` // path parameters are "{}"
	// Request is the request's body or query as the reference gives it.
	Request string `json:"request"`
	// Envelope is "authing", "statusCode" or "none" (a raw body).
	Envelope string `json:"envelope"`
	// Shape is the shape of data (of the body without an envelope); nil
	// when neither SDK reads it.
	Shape   any  `json:"shape"`
	InScope bool `json:"inScope"`
}

// Key names the route as "METHOD /path/{}".
func (r *Route) Key() string { return r.Method + " " + r.Path }

// Catalog is the file's REST routes and named shapes.
type Catalog struct {
	Routes []*Route
	Shapes map[string]any
}

// Load reads a catalog from the official-requests file at path.
func Load(path string) (*Catalog, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Requests []struct {
			Kind string `json:"kind"`
			Route
		} `json:"requests"`
		Shapes map[string]any `json:"shapes"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	c := &Catalog{Shapes: doc.Shapes}
	for i := range doc.Requests {
		if doc.Requests[i].Kind == "rest" {
			r := doc.Requests[i].Route
			c.Routes = append(c.Routes, &r)
		}
	}
	return c, nil
}

// Match finds the route of a request: the pattern with the fewest "{}"
// segments that matches method and path, so /api/v2/resources/bulk is not
// taken for /api/v2/resources/{}.
func (c *Catalog) Match(method, path string) (*Route, bool) {
	var best *Route
	bestWild := -1
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for _, r := range c.Routes {
		if r.Method != method {
			continue
		}
		pat := strings.Split(strings.Trim(r.Path, "/"), "/")
		if len(pat) != len(segs) {
			continue
		}
		wild, ok := 0, true
		for i, p := range pat {
			switch {
			case p == "{}":
				wild++
			case p != segs[i]:
				ok = false
			}
		}
		if ok && (best == nil || wild < bestWild) {
			best, bestWild = r, wild
		}
	}
	return best, best != nil
}

// Check lists where value, a decoded JSON value (encoding/json's any), does
// not have shape; nil when it does.
func (c *Catalog) Check(shape, value any) []string {
	var problems []string
	c.check("data", shape, value, &problems)
	return problems
}

// Validate lists named shapes that are used but not defined, and shapes
// that are not well formed.
func (c *Catalog) Validate() []string {
	var problems []string
	walk := func(where string, s any) { c.validate(where, s, &problems) }
	for _, r := range c.Routes {
		if r.Shape != nil {
			walk(r.Key(), r.Shape)
		}
	}
	for name, s := range c.Shapes {
		walk("shape "+name, s)
	}
	return problems
}

var jsonTypes = []string{"string", "number", "boolean", "object", "null", "any"}

func (c *Catalog) validate(where string, s any, problems *[]string) {
	switch s := s.(type) {
	case string:
		for _, alt := range strings.Split(s, "|") {
			if _, ok := c.Shapes[alt]; !ok && !slices.Contains(jsonTypes, alt) {
				*problems = append(*problems, fmt.Sprintf("%s: %q is neither a JSON type nor a named shape", where, alt))
			}
		}
	case []any:
		if len(s) != 1 {
			*problems = append(*problems, fmt.Sprintf("%s: an array shape has one element, not %d", where, len(s)))
			return
		}
		c.validate(where+"[]", s[0], problems)
	case map[string]any:
		for k, v := range s {
			c.validate(where+"."+strings.TrimSuffix(k, "?"), v, problems)
		}
	default:
		*problems = append(*problems, fmt.Sprintf("%s: %T is not a shape", where, s))
	}
}

func (c *Catalog) check(at string, shape, value any, problems *[]string) {
	switch s := shape.(type) {
	case string:
		c.checkNamed(at, s, value, problems)
	case []any:
		items, ok := value.([]any)
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s: %s, want an array", at, typeOf(value)))
			return
		}
		for i, v := range items {
			c.check(fmt.Sprintf("%s[%d]", at, i), s[0], v, problems)
		}
	case map[string]any:
		obj, ok := value.(map[string]any)
		if !ok {
			*problems = append(*problems, fmt.Sprintf("%s: %s, want an object", at, typeOf(value)))
			return
		}
		for _, k := range sortedKeys(s) {
			name, optional := strings.CutSuffix(k, "?")
			v, present := obj[name]
			switch {
			case present:
				c.check(at+"."+name, s[k], v, problems)
			case !optional:
				*problems = append(*problems, fmt.Sprintf("%s: no key %q", at, name))
			}
		}
	}
}

// checkNamed checks a string shape: a union of JSON types and named shapes.
// A value matching one alternative passes; otherwise the problems inside
// a named alternative of the value's own JSON type are reported, or that
// the type is wrong.
func (c *Catalog) checkNamed(at, shape string, value any, problems *[]string) {
	var closest []string
	for _, alt := range strings.Split(shape, "|") {
		if named, ok := c.Shapes[alt]; ok {
			var p []string
			c.check(at, named, value, &p)
			if len(p) == 0 {
				return
			}
			if sameKind(named, value) {
				closest = p
			}
			continue
		}
		if alt == "any" || alt == typeOf(value) {
			return
		}
	}
	if closest != nil {
		*problems = append(*problems, closest...)
		return
	}
	*problems = append(*problems, fmt.Sprintf("%s: %s, want %s", at, typeOf(value), shape))
}

func sameKind(shape, value any) bool {
	switch shape.(type) {
	case map[string]any:
		return typeOf(value) == "object"
	case []any:
		return typeOf(value) == "array"
	}
	return false
}

func typeOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64, json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
