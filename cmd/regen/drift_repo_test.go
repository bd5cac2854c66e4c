package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/Khan/genqlient/generate"
	"github.com/vektah/gqlparser/v2/ast"
)

// copyModule copies what regen reads of the repository (go.mod, go.sum,
// genqlient.yaml, schema.graphql, queries/ and the root package with its
// internal/ packages) into a temporary module with the same path, and
// returns the path of the copied config.
func copyModule(t *testing.T) string {
	t.Helper()
	root := filepath.Join("..", "..")
	dir := t.TempDir()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			if name == "queries" || name == "internal" {
				if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(root, name))); err != nil {
					t.Fatal(err)
				}
			}
			continue
		}
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "genqlient.yaml")
}

// boundFragments finds, in the copied module, the fragments that are the
// whole selection of a field bound to a Go type (by a bind directive or a
// global binding): the case the drift check must report against the
// fragment. They come in the order of their first bound site.
func boundFragments(t *testing.T, cfgPath string) ([]*ast.FragmentDefinition, *operationSet) {
	t.Helper()
	cfg, err := generate.ReadAndValidateConfig(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(cfgPath)
	schemaFiles, err := expandGlobs(dir, cfg.Schema)
	if err != nil {
		t.Fatal(err)
	}
	opFiles, err := expandGlobs(dir, cfg.Operations)
	if err != nil {
		t.Fatal(err)
	}
	ops, problems, err := validateOperations(schemaFiles, opFiles)
	if err != nil || len(problems) > 0 {
		t.Fatalf("the repository's operations do not validate: %v %v", err, problems)
	}
	c := &driftChecker{ops: ops, bindings: cfg.Bindings, frags: map[string]*ast.FragmentDefinition{}}
	for _, f := range ops.doc.Fragments {
		c.frags[f.Name] = f
	}
	sites, err := c.sites()
	if err != nil {
		t.Fatal(err)
	}
	var out []*ast.FragmentDefinition
	seen := map[string]bool{}
	for _, s := range sites {
		if len(s.field.SelectionSet) != 1 {
			continue
		}
		if fs, ok := s.field.SelectionSet[0].(*ast.FragmentSpread); ok && !seen[fs.Name] {
			seen[fs.Name] = true
			out = append(out, c.frags[fs.Name])
		}
	}
	if len(out) == 0 {
		t.Fatalf("no bound fragment found: no field in queries/ that selects exactly one fragment spread "+
			"is bound to a Go type (%d bound field selections in all), so the drift check has nothing to check", len(sites))
	}
	return out, ops
}

// unselectedScalar returns a field of the fragment's type that needs no
// argument and no sub-selection and that the fragment does not select.
func unselectedScalar(ops *operationSet, frag *ast.FragmentDefinition) (string, bool) {
	c := &driftChecker{ops: ops, frags: map[string]*ast.FragmentDefinition{}}
	for _, f := range ops.doc.Fragments {
		c.frags[f.Name] = f
	}
	selected := map[string]bool{}
	for _, k := range c.expand(frag.SelectionSet) {
		selected[k.key] = true
	}
	for _, fd := range ops.schema.Types[frag.TypeCondition].Fields {
		kind := ops.schema.Types[fd.Type.Name()].Kind
		if selected[fd.Name] || strings.HasPrefix(fd.Name, "__") || len(fd.Arguments) > 0 ||
			(kind != ast.Scalar && kind != ast.Enum) {
			continue
		}
		return fd.Name, true
	}
	return "", false
}

// selectedScalarLine returns a field the fragment itself selects without
// a sub-selection, alone on its line, and that line (1-based); the
// fragment must keep at least one other field.
func selectedScalarLine(frag *ast.FragmentDefinition) (string, int, bool) {
	if len(frag.SelectionSet) < 2 {
		return "", 0, false
	}
	lines := strings.Split(frag.Position.Src.Input, "\n")
	for _, sel := range frag.SelectionSet {
		f, ok := sel.(*ast.Field)
		if ok && len(f.SelectionSet) == 0 && f.Alias == f.Name && strings.TrimSpace(lines[f.Position.Line-1]) == f.Name {
			return f.Name, f.Position.Line, true
		}
	}
	return "", 0, false
}

// editLines rewrites one file of the copy, line by line.
func editLines(t *testing.T, path string, edit func(lines []string) []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := edit(strings.Split(string(b), "\n"))
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// regenCheck runs `regen -check` on the copy and returns its exit code and
// standard error.
func regenCheck(cfg string) (int, string) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"-config", cfg, "-check"}, &stdout, &stderr)
	return code, stderr.String()
}

// TestDriftInRepository edits a bound fragment of the real queries/ in a
// copy of the module: selecting a field the Go type lacks, or dropping one
// it has, must make regen fail naming the fragment and the field.
func TestDriftInRepository(t *testing.T) {
	t.Run("field added to fragment", func(t *testing.T) {
		cfg := copyModule(t)
		frags, ops := boundFragments(t, cfg)
		for _, frag := range frags {
			field, ok := unselectedScalar(ops, frag)
			if !ok {
				continue
			}
			editLines(t, frag.Position.Src.Name, func(lines []string) []string {
				i := frag.Position.Line - 1
				return append(lines[:i+1:i+1], append([]string{"  " + field}, lines[i+1:]...)...)
			})
			code, stderr := regenCheck(cfg)
			want := fmt.Sprintf("fragment %s: field %s has no field in ", frag.Name, field)
			if code != 1 || !strings.Contains(stderr, want) {
				t.Errorf("regen -check = %d, want 1 and %q in:\n%s", code, want, stderr)
			}
			return
		}
		t.Fatalf("each of the %d bound fragments selects every scalar field of its type", len(frags))
	})
	t.Run("field removed from fragment", func(t *testing.T) {
		cfg := copyModule(t)
		frags, _ := boundFragments(t, cfg)
		for _, frag := range frags {
			field, line, ok := selectedScalarLine(frag)
			if !ok {
				continue
			}
			editLines(t, frag.Position.Src.Name, func(lines []string) []string {
				return append(lines[:line-1:line-1], lines[line:]...)
			})
			code, stderr := regenCheck(cfg)
			for _, w := range []string{"fragment " + frag.Name + ": ", fmt.Sprintf("(json %q) is not selected", field)} {
				if code != 1 || !strings.Contains(stderr, w) {
					t.Errorf("regen -check = %d, want 1 and %q in:\n%s", code, w, stderr)
				}
			}
			return
		}
		t.Fatalf("none of the %d bound fragments has a field to remove", len(frags))
	})
}
