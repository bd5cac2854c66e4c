package authingtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// maxFuncLines is the longest a function of the server may be.
const maxFuncLines = 60

// TestNoLongFunctions parses the package's non-test files and fails on
// any function or method longer than maxFuncLines lines.
func TestNoLongFunctions(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			checked++
			lines := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
			if lines > maxFuncLines {
				t.Errorf("%s: %s is %d lines long; the limit is %d", fset.Position(fn.Pos()), fn.Name.Name, lines, maxFuncLines)
			}
		}
	}
	if checked < 100 {
		t.Errorf("checked only %d functions: is the test run in the package directory?", checked)
	}
}

// TestBuildRefusesDuplicates checks that two areas cannot claim the same
// root field or route.
func TestBuildRefusesDuplicates(t *testing.T) {
	all := map[string]rootResolver{"user": nil}
	all["user"] = func(*request, map[string]any) (any, error) { return nil, nil }
	if err := addFields(all, map[string]rootResolver{"user": all["user"]}, "query"); err == nil {
		t.Error("a root field registered twice was accepted")
	}
	if err := addFields(all, map[string]rootResolver{"users": all["user"]}, "query"); err != nil {
		t.Errorf("a new root field was refused: %v", err)
	}
	mux := http.NewServeMux()
	h := func(http.ResponseWriter, *http.Request) {}
	if err := handle(mux, "GET /api/v2/users/{id}", h); err != nil {
		t.Fatal(err)
	}
	if err := handle(mux, "GET /api/v2/users/{id}", h); err == nil {
		t.Error("a pattern registered twice was accepted")
	}
}

// TestUnsupportedAnswers501 checks the one answer of out-of-scope
// features: HTTP 501 in Authing's envelope, and code 501 in GraphQL.
func TestUnsupportedAnswers501(t *testing.T) {
	srv, err := NewUnstartedServer()
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.serveREST(srv.unsupported("tenants").rest)(rec, httptest.NewRequest("GET", "/api/v2/tenants", nil))
	want := `{"code":501,"data":null,"message":"tenants is not supported by authing-local"}`
	if rec.Code != http.StatusNotImplemented || strings.TrimSpace(rec.Body.String()) != want {
		t.Errorf("REST: HTTP %d %s, want 501 %s", rec.Code, rec.Body, want)
	}
	_, ferr := srv.unsupported("tenants").field(nil, nil)
	e := authingError(ferr, nil, langEN)
	if diff := cmp.Diff(map[string]any{"code": 501, "message": "tenants is not supported by authing-local", "data": nil}, e["message"]); diff != "" {
		t.Errorf("GraphQL error (-want +got):\n%s", diff)
	}
}

// TestStateOwnsItsLocking checks the locking rule on the package's
// non-test files: only methods of *state touch st.mu, and a function that
// locks a mutex defers its unlock.
func TestStateOwnsItsLocking(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	lockers := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			locks, deferred, stateMu := lockUse(fn.Body)
			if stateMu && !isStateMethod(fn) {
				t.Errorf("%s: %s touches the state's mutex; only methods of *state may", fset.Position(fn.Pos()), fn.Name.Name)
			}
			if locks > 0 {
				lockers++
				if deferred < locks {
					t.Errorf("%s: %s locks %d times but defers %d unlocks", fset.Position(fn.Pos()), fn.Name.Name, locks, deferred)
				}
			}
		}
	}
	if lockers < 50 {
		t.Errorf("found only %d functions that lock", lockers)
	}
}

// lockUse counts a body's mu.Lock calls and deferred mu.Unlock calls, and
// reports whether it names a state's mutex through a field (x.st.mu).
func lockUse(body *ast.BlockStmt) (locks, deferred int, stateMu bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.DeferStmt:
			if muCall(x.Call, "Unlock") {
				deferred++
			}
		case *ast.CallExpr:
			if muCall(x, "Lock") {
				locks++
			}
		case *ast.SelectorExpr:
			if inner, ok := x.X.(*ast.SelectorExpr); ok && x.Sel.Name == "mu" && inner.Sel.Name == "st" {
				stateMu = true
			}
		}
		return true
	})
	return locks, deferred, stateMu
}

// muCall reports whether call is x.mu.<method>() for some x.
func muCall(call *ast.CallExpr, method string) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != method {
		return false
	}
	inner, ok := sel.X.(*ast.SelectorExpr)
	return ok && (strings.HasSuffix(inner.Sel.Name, "mu") || strings.HasSuffix(inner.Sel.Name, "Mu"))
}

func isStateMethod(fn *ast.FuncDecl) bool {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return false
	}
	star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := star.X.(*ast.Ident)
	return ok && id.Name == "state"
}
