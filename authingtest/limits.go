package authingtest

import (
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
)

// Limits on one GraphQL document, checked on the parsed document before
// validation: gqlparser's overlapping-fields rule is quadratic in fields
// that share a response key, and a chain of fragments that each spread the
// next one twice doubles the work at every link. Real SDK documents stay
// far below all three.
const (
	// maxDepth bounds how deeply selections nest, fragments followed.
	maxDepth = 15
	// maxSelections bounds the selections written in one document.
	maxSelections = 2000
	// maxExpanded bounds the fields of one operation once every fragment
	// spread is replaced by its fragment.
	maxExpanded = 10000
)

// shape is how deep a selection set nests and how many fields it holds
// once its fragments are expanded (saturated just above maxExpanded).
type shape struct{ depth, size int }

// checkLimits refuses documents over the limits, in time linear in the
// document's length whatever its fragments do.
func checkLimits(doc *ast.QueryDocument) error {
	written := 0
	for _, op := range doc.Operations {
		written += countSelections(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		written += countSelections(f.SelectionSet)
	}
	if written > maxSelections {
		return fmt.Errorf("the document has %d selections; the limit is %d", written, maxSelections)
	}
	m := measurer{doc: doc, memo: map[string]shape{}, busy: map[string]bool{}}
	for _, op := range doc.Operations {
		sh := m.measure(op.SelectionSet)
		if sh.depth > maxDepth {
			return fmt.Errorf("selections nest %d deep; the limit is %d", sh.depth, maxDepth)
		}
		if sh.size > maxExpanded {
			return fmt.Errorf("the operation expands to over %d fields", maxExpanded)
		}
	}
	return nil
}

func countSelections(set ast.SelectionSet) int {
	n := len(set)
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			n += countSelections(s.SelectionSet)
		case *ast.InlineFragment:
			n += countSelections(s.SelectionSet)
		}
	}
	return n
}

// measurer computes shapes, each named fragment once.
type measurer struct {
	doc  *ast.QueryDocument
	memo map[string]shape
	busy map[string]bool // fragments being measured: a cycle, which validation reports
}

func (m *measurer) measure(set ast.SelectionSet) shape {
	var out shape
	for _, sel := range set {
		var sh shape
		switch s := sel.(type) {
		case *ast.Field:
			sh = m.measure(s.SelectionSet)
			sh.depth++
			sh.size++
		case *ast.InlineFragment:
			sh = m.measure(s.SelectionSet)
		case *ast.FragmentSpread:
			sh = m.fragment(s.Name)
		}
		out.depth = max(out.depth, sh.depth)
		out.size = min(out.size+sh.size, maxExpanded+1)
	}
	return out
}

func (m *measurer) fragment(name string) shape {
	if sh, ok := m.memo[name]; ok {
		return sh
	}
	def := m.doc.Fragments.ForName(name)
	if def == nil || m.busy[name] {
		return shape{}
	}
	m.busy[name] = true
	sh := m.measure(def.SelectionSet)
	delete(m.busy, name)
	m.memo[name] = sh
	return sh
}
