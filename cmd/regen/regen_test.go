package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// -update is accepted so that `go test ./... -update` works across the
// module; regen has no golden files of its own.
var _ = flag.Bool("update", false, "rewrite golden files (unused here)")

// copyProject copies the module (see copyModule) into a temporary
// directory, applying edit to the schema, and returns the path of the
// copied config. The Go packages come along because regen loads the types
// bound in queries/ and genqlient.yaml.
func copyProject(t *testing.T, edit func(schema string) string) string {
	t.Helper()
	cfg := copyModule(t)
	if edit == nil {
		return cfg
	}
	path := filepath.Join(filepath.Dir(cfg), "schema.graphql")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(edit(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// removeField deletes one field line from one type of the schema.
func removeField(t *testing.T, schema, typ, field string) string {
	t.Helper()
	start := strings.Index(schema, "type "+typ+" {")
	if start < 0 {
		t.Fatalf("type %s not in schema", typ)
	}
	end := start + strings.Index(schema[start:], "\n}")
	body := schema[start:end]
	var kept []string
	removed := false
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), field+":") || strings.HasPrefix(strings.TrimSpace(line), field+"(") {
			removed = true
			continue
		}
		kept = append(kept, line)
	}
	if !removed {
		t.Fatalf("field %s.%s not in schema", typ, field)
	}
	return schema[:start] + strings.Join(kept, "\n") + schema[end:]
}

func TestRemovedFieldNamesOperation(t *testing.T) {
	tests := []struct {
		typ, field string
		want       []string
	}{
		{"AccessTokenRes", "exp", []string{"queries/management.graphql:", "operation AccessToken", `field "exp"`}},
		{"User", "nickname", []string{"queries/fragments.graphql:", "fragment UserFields: ", "(breaks ", "LoginByUsername", `field "nickname"`}},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"."+tt.field, func(t *testing.T) {
			cfg := copyProject(t, func(s string) string { return removeField(t, s, tt.typ, tt.field) })
			var stdout, stderr bytes.Buffer
			if code := run([]string{"-config", cfg, "-check"}, &stdout, &stderr); code != 1 {
				t.Fatalf("run() = %d, want 1; stderr:\n%s", code, stderr.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr does not mention %q:\n%s", w, stderr.String())
				}
			}
		})
	}
}

// renameField renames one field of one type of the schema, keeping its
// type and arguments.
func renameField(t *testing.T, schema, typ, from, to string) string {
	t.Helper()
	start := strings.Index(schema, "type "+typ+" {")
	if start < 0 {
		t.Fatalf("type %s not in schema", typ)
	}
	end := start + strings.Index(schema[start:], "\n}")
	body := schema[start:end]
	renamed := strings.Replace(body, "\n  "+from+":", "\n  "+to+":", 1)
	if renamed == body {
		t.Fatalf("field %s.%s not in schema", typ, from)
	}
	return schema[:start] + renamed + schema[end:]
}

// A field of a shared fragment is validated once per operation that
// spreads it; the problem must still be printed once, with a count of the
// operations it breaks and a few of their names.
func TestSharedFragmentProblemPrintedOnce(t *testing.T) {
	cfg := copyProject(t, func(s string) string { return renameField(t, s, "User", "nickname", "nick") })
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-config", cfg, "-check"}, &stdout, &stderr); code != 1 {
		t.Fatalf("run() = %d, want 1; stderr:\n%s", code, stderr.String())
	}
	out := stderr.String()
	if n := strings.Count(out, `Cannot query field "nickname"`); n != 1 {
		t.Errorf("the renamed field is reported %d times, want once:\n%s", n, out)
	}
	if !strings.Contains(out, "1 problem(s)") {
		t.Errorf("summary does not count one problem:\n%s", out)
	}
	m := regexp.MustCompile(`fragment UserFields: .*\(breaks (\d+) operations: (\w+), (\w+), (\w+), \.\.\.\)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("the problem does not name the fragment and the operations it breaks:\n%s", out)
	}
	if n, _ := strconv.Atoi(m[1]); n < 10 {
		t.Errorf("breaks %d operations; UserFields is spread by dozens", n)
	}
	if len(out) > 500 {
		t.Errorf("the report is %d characters long, want one short line:\n%s", len(out), out)
	}
}

func TestSyntaxErrorIsReportedWithFile(t *testing.T) {
	cfg := copyProject(t, nil)
	bad := filepath.Join(filepath.Dir(cfg), "queries", "zz_broken.graphql")
	if err := os.WriteFile(bad, []byte("query Broken {\n  users(page: ) { totalCount }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-config", cfg}, &stdout, &stderr); code != 1 {
		t.Fatalf("run() = %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "zz_broken.graphql:2:") {
		t.Errorf("stderr does not locate the syntax error:\n%s", stderr.String())
	}
}

func TestCheckNamesStaleFile(t *testing.T) {
	cfg := copyProject(t, nil)
	dir := filepath.Dir(cfg)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-config", cfg}, &stdout, &stderr); code != 0 {
		t.Fatalf("first run() = %d; stderr:\n%s", code, stderr.String())
	}
	stdout.Reset()
	if code := run([]string{"-config", cfg, "-check"}, &stdout, &stderr); code != 0 {
		t.Fatalf("check after regen = %d; stderr:\n%s", code, stderr.String())
	}
	gen := filepath.Join(dir, "generated", "generated.go")
	if err := os.WriteFile(gen, []byte("package generated\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"-config", cfg, "-check"}, &stdout, &stderr); code != 1 {
		t.Fatalf("check of stale file = %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "generated.go") {
		t.Errorf("stderr does not name the stale file:\n%s", stderr.String())
	}
}

func TestCommittedCodeIsFresh(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(wd, "..", ".."))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-check"}, &stdout, &stderr); code != 0 {
		t.Fatalf("regen -check = %d:\n%s", code, stderr.String())
	}
}
