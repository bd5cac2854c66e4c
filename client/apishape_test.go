package client

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/go/packages"
)

// loadClientSource type-checks the non-test files of this package.
func loadClientSource(t *testing.T) *packages.Package {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
			packages.NeedTypes | packages.NeedTypesInfo,
		Dir: ".",
	}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
		t.Fatalf("loading package client: %v", pkgs)
	}
	return pkgs[0]
}

// failSorted fails with every violation, sorted, one per line.
func failSorted(t *testing.T, what string, found map[string]bool) {
	t.Helper()
	if len(found) == 0 {
		return
	}
	lines := make([]string, 0, len(found))
	for l := range found {
		lines = append(lines, l)
	}
	sort.Strings(lines)
	t.Errorf("%d %s:\n%s", len(lines), what, strings.Join(lines, "\n"))
}

// isServiceReceiver reports whether a named type is one a service's
// calls hang off: the two clients and the ...Service types.
func isServiceReceiver(tn *types.TypeName) bool {
	return tn.Exported() && (strings.HasSuffix(tn.Name(), "Service") || strings.HasSuffix(tn.Name(), "Client"))
}

// receiverName returns the type name of a method's receiver.
func receiverName(sig *types.Signature) *types.TypeName {
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj()
	}
	return nil
}

// serviceOf names the service of a file: its base name up to the first
// underscore, so users.go and users_manage.go are one service, Users.
func serviceOf(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), ".go")
	name, _, _ := strings.Cut(base, "_")
	return name
}

// serviceFiles lists the files that declare a method of a service
// receiver. Every other non-test file (errors.go, transport.go,
// options.go, iter.go, customdata.go...) is a shared-helpers file.
func serviceFiles(pkg *packages.Package) map[string]bool {
	out := map[string]bool{}
	for _, obj := range pkg.TypesInfo.Defs {
		fn, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		sig := fn.Type().(*types.Signature)
		if sig.Recv() == nil {
			continue
		}
		if tn := receiverName(sig); tn != nil && isServiceReceiver(tn) {
			out[pkg.Fset.Position(fn.Pos()).Filename] = true
		}
	}
	return out
}

// TestServiceFilesShareNoNames fails when a service file uses a
// package-level name (type, function, variable, constant) defined in the
// file of another service. A file is a service file when it declares a
// method of a client or ...Service type; a service is a file or a family
// of files named service_*.go. Helpers that several services use belong in
// a shared-helpers file named for them, which declares no service method.
// The client and service types themselves may be named anywhere.
func TestServiceFilesShareNoNames(t *testing.T) {
	pkg := loadClientSource(t)
	services := serviceFiles(pkg)
	found := map[string]bool{}
	for ident, obj := range pkg.TypesInfo.Uses {
		if obj.Pkg() != pkg.Types || obj.Parent() != pkg.Types.Scope() {
			continue // not a package-level name of client
		}
		if tn, ok := obj.(*types.TypeName); ok && isServiceReceiver(tn) {
			continue
		}
		user := pkg.Fset.Position(ident.Pos()).Filename
		owner := pkg.Fset.Position(obj.Pos()).Filename
		if !services[user] || !services[owner] || serviceOf(user) == serviceOf(owner) {
			continue
		}
		found[fmt.Sprintf("%s uses %s, defined in %s", filepath.Base(user), obj.Name(), filepath.Base(owner))] = true
	}
	failSorted(t, "names shared between service files (move them to a helpers file)", found)
}

// TestNoMethodAliases fails when an exported method is another exported
// method of the same receiver type under a second name: its body is one
// statement that calls (or returns the call of) that method with its own
// parameters, in order.
func TestNoMethodAliases(t *testing.T) {
	pkg := loadClientSource(t)
	found := map[string]bool{}
	for _, file := range pkg.Syntax {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Body == nil || !fd.Name.IsExported() {
				continue
			}
			if callee := aliasedMethod(pkg.TypesInfo, fd); callee != nil {
				fn := pkg.TypesInfo.Defs[fd.Name].(*types.Func)
				recv := receiverName(fn.Type().(*types.Signature))
				pos := pkg.Fset.Position(fd.Pos())
				found[fmt.Sprintf("%s:%d: %s.%s is %s.%s under another name", filepath.Base(pos.Filename),
					pos.Line, recv.Name(), fd.Name.Name, recv.Name(), callee.Name())] = true
			}
		}
	}
	failSorted(t, "methods that are another method under a second name", found)
}

// aliasedMethod returns the method fd forwards to unchanged, or nil.
func aliasedMethod(info *types.Info, fd *ast.FuncDecl) *types.Func {
	if len(fd.Body.List) != 1 {
		return nil
	}
	var call *ast.CallExpr
	switch s := fd.Body.List[0].(type) {
	case *ast.ReturnStmt:
		if len(s.Results) == 1 {
			call, _ = s.Results[0].(*ast.CallExpr)
		}
	case *ast.ExprStmt:
		call, _ = s.X.(*ast.CallExpr)
	}
	if call == nil {
		return nil
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	recvIdent, ok := sel.X.(*ast.Ident)
	if !ok || len(fd.Recv.List[0].Names) == 0 || info.Uses[recvIdent] != info.Defs[fd.Recv.List[0].Names[0]] {
		return nil // not called on the method's own receiver
	}
	callee, ok := info.Uses[sel.Sel].(*types.Func)
	if !ok || !callee.Exported() {
		return nil
	}
	if sameParams(info, fd, call) {
		return callee
	}
	return nil
}

// sameParams reports whether call passes fd's parameters, each once, in
// order, and nothing else.
func sameParams(info *types.Info, fd *ast.FuncDecl, call *ast.CallExpr) bool {
	var params []types.Object
	for _, field := range fd.Type.Params.List {
		for _, name := range field.Names {
			params = append(params, info.Defs[name])
		}
	}
	if len(params) != len(call.Args) {
		return false
	}
	variadic := fd.Type.Params.NumFields() > 0 && isEllipsis(fd.Type.Params.List[len(fd.Type.Params.List)-1].Type)
	if variadic != (call.Ellipsis != token.NoPos) {
		return false
	}
	for i, arg := range call.Args {
		id, ok := arg.(*ast.Ident)
		if !ok || info.Uses[id] != params[i] {
			return false
		}
	}
	return true
}

func isEllipsis(e ast.Expr) bool {
	_, ok := e.(*ast.Ellipsis)
	return ok
}

// The alias rule on a small source: only unchanged forwarding to another
// exported method of the same receiver counts.
func TestAliasedMethodRule(t *testing.T) {
	const src = `package p
type S struct{}
func (s *S) Detail(a, b string) error         { return nil }
func (s *S) FindByCode(a, b string) error     { return s.Detail(a, b) }
func (s *S) Swapped(a, b string) error        { return s.Detail(b, a) }
func (s *S) Fixed(a string) error             { return s.Detail(a, "x") }
func (s *S) Variadic(a ...string)             {}
func (s *S) Forward(a ...string)              { s.Variadic(a...) }
func (s *S) Other(a, b string) error          { var o S; return o.Detail(a, b) }
func (s *S) Two(a, b string) error            { _ = a; return s.Detail(a, b) }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, decl := range f.Decls {
		if fd, ok := decl.(*ast.FuncDecl); ok {
			if callee := aliasedMethod(info, fd); callee != nil {
				got[fd.Name.Name] = callee.Name()
			}
		}
	}
	want := map[string]string{"FindByCode": "Detail", "Forward": "Variadic"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("aliases (-want +got):\n%s", diff)
	}
}

func TestServiceOf(t *testing.T) {
	for file, want := range map[string]string{
		"/x/client/users.go": "users", "/x/client/users_manage.go": "users",
		"acl_rest.go": "acl", "roles.go": "roles",
	} {
		if got := serviceOf(file); got != want {
			t.Errorf("serviceOf(%q) = %q, want %q", file, got, want)
		}
	}
}

// longestStringRun returns the length of the longest run of consecutive
// parameters of the basic type string (a named string type such as
// authing.ResourceType breaks the run: the compiler tells it apart).
func longestStringRun(sig *types.Signature) int {
	run, longest := 0, 0
	for v := range sig.Params().Variables() {
		if b, ok := v.Type().(*types.Basic); ok && b.Kind() == types.String {
			run++
			longest = max(longest, run)
			continue
		}
		run = 0
	}
	return longest
}

// TestNoThreeStringsInARow fails when an exported method of a client or
// service takes three or more plain strings in a row, which a caller can
// swap without the compiler noticing; issue 8 decided those become a
// struct (Permission, NodeRef, PhoneCode, ...).
func TestNoThreeStringsInARow(t *testing.T) {
	pkg := loadClientSource(t)
	found := map[string]bool{}
	for _, obj := range pkg.TypesInfo.Defs {
		fn, ok := obj.(*types.Func)
		if !ok || !fn.Exported() {
			continue
		}
		sig := fn.Type().(*types.Signature)
		if sig.Recv() == nil {
			continue
		}
		tn := receiverName(sig)
		if tn == nil || !isServiceReceiver(tn) {
			continue
		}
		if n := longestStringRun(sig); n >= 3 {
			found[fmt.Sprintf("%s.%s takes %d strings in a row", tn.Name(), fn.Name(), n)] = true
		}
	}
	failSorted(t, "methods with three or more string parameters in a row (use a struct)", found)
}

// TestLongestStringRun checks the counter TestNoThreeStringsInARow relies
// on, so that a broken counter cannot make it pass.
func TestLongestStringRun(t *testing.T) {
	src := `package p
type Kind string
func A(a, b, c string) {}
func B(a, b string, n int, c string) {}
func C(a string, k Kind, b, c string) {}
func D(n int) {}
func E(a int, b, c, d, e string) {}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"A": 3, "B": 2, "C": 2, "D": 0, "E": 4}
	got := map[string]int{}
	for name := range want {
		got[name] = longestStringRun(pkg.Scope().Lookup(name).Type().(*types.Signature))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("longestStringRun (-want +got):\n%s", diff)
	}
}
