// Package apilint checks the exported API of the SDK's public packages
// with go/types: what a user can reach from them must have Go names, real
// time types and nothing of package generated.
package apilint

import (
	"fmt"
	"go/types"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/go/packages"
)

const module = "github.com/authing-go/authing"

// publicPackages are the packages users import.
var publicPackages = []string{module, module + "/client", module + "/authingtest"}

// generatedPackage must not appear anywhere in the public API.
const generatedPackage = module + "/generated"

// TestExportedAPI walks every exported name of the public packages and,
// recursively, every type their API shows (fields, method and function
// signatures, type arguments), and fails on:
//
//   - a type of package generated, after unaliasing;
//   - an exported name with an initialism not spelled as Go spells it
//     (UserPoolId, ClientIp, RedirectUri, JwtToken; see initialisms);
//   - a field named as a point in time (see isTimeName) whose type is not
//     time.Time or *time.Time (time.Duration is allowed for ...Time).
//
// All violations are printed at once, sorted, one per line.
func TestExportedAPI(t *testing.T) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedFiles,
		Dir:  filepath.Join("..", ".."),
	}
	pkgs, err := packages.Load(cfg, publicPackages...)
	if err != nil {
		t.Fatal(err)
	}
	w := &walker{public: map[string]bool{}, seen: map[*types.TypeName]bool{}, found: map[string]bool{}}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			t.Fatalf("loading %s: %v", p.PkgPath, p.Errors)
		}
		w.public[p.PkgPath] = true
	}
	for _, p := range pkgs {
		w.walkScope(p.Types)
	}
	if len(w.found) > 0 {
		lines := make([]string, 0, len(w.found))
		for l := range w.found {
			lines = append(lines, l)
		}
		sort.Strings(lines)
		t.Errorf("%d violations in the exported API:\n%s", len(lines), strings.Join(lines, "\n"))
	}
}

// walker visits the exported API once and collects violations.
type walker struct {
	public map[string]bool          // paths of the public packages
	seen   map[*types.TypeName]bool // public types already walked
	found  map[string]bool          // violations, "where: what"
}

func (w *walker) report(where, format string, args ...any) {
	w.found[where+": "+fmt.Sprintf(format, args...)] = true
}

// qualifier spells types with package names: client.User, generated.X.
func qualifier(p *types.Package) string { return p.Name() }

// walkScope visits the exported package-level names of one package.
func (w *walker) walkScope(pkg *types.Package) {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		where := pkg.Name() + "." + name
		w.checkName(where, name)
		switch o := obj.(type) {
		case *types.TypeName:
			if o.IsAlias() {
				w.visit(where, o.Type())
			}
			w.walkNamed(o)
		case *types.Func:
			w.visit(where, o.Type())
		case *types.Var:
			w.visit(where, o.Type())
		}
	}
}

// walkNamed visits the fields and methods of a type of a public package.
func (w *walker) walkNamed(tn *types.TypeName) {
	if w.seen[tn] {
		return
	}
	w.seen[tn] = true
	named, ok := types.Unalias(tn.Type()).(*types.Named)
	if !ok || named.Obj() != tn {
		return // an alias: its target is visited as a type
	}
	prefix := tn.Pkg().Name() + "." + tn.Name()
	w.walkMembers(prefix, named.Underlying())
	for i := 0; i < named.NumMethods(); i++ {
		m := named.Method(i)
		if !m.Exported() {
			continue
		}
		w.checkName(prefix+"."+m.Name(), m.Name())
		w.visit(prefix+"."+m.Name(), m.Type())
	}
}

// walkMembers visits the exported fields of a struct or the methods of an
// interface, named prefix.Member.
func (w *walker) walkMembers(prefix string, t types.Type) {
	switch u := t.(type) {
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			f := u.Field(i)
			if !f.Exported() && !f.Embedded() {
				continue
			}
			where := prefix + "." + f.Name()
			if f.Exported() {
				w.checkName(where, f.Name())
				w.checkTime(where, f.Name(), f.Type())
			}
			w.visit(where, f.Type())
		}
	case *types.Interface:
		for i := 0; i < u.NumExplicitMethods(); i++ {
			m := u.ExplicitMethod(i)
			if m.Exported() {
				w.checkName(prefix+"."+m.Name(), m.Name())
				w.visit(prefix+"."+m.Name(), m.Type())
			}
		}
		for i := 0; i < u.NumEmbeddeds(); i++ {
			w.visit(prefix, u.EmbeddedType(i))
		}
	}
}

// visit follows a type the API shows at where.
func (w *walker) visit(where string, t types.Type) {
	switch u := types.Unalias(t).(type) {
	case *types.Named:
		w.visitNamed(where, u)
	case *types.Pointer:
		w.visit(where, u.Elem())
	case *types.Slice:
		w.visit(where, u.Elem())
	case *types.Array:
		w.visit(where, u.Elem())
	case *types.Chan:
		w.visit(where, u.Elem())
	case *types.Map:
		w.visit(where, u.Key())
		w.visit(where, u.Elem())
	case *types.Signature:
		w.visitTuple(where+" param", u.Params())
		w.visitTuple(where+" result", u.Results())
	case *types.Struct, *types.Interface:
		w.walkMembers(where, u)
	}
}

func (w *walker) visitNamed(where string, n *types.Named) {
	pkg := n.Obj().Pkg()
	if pkg == nil {
		return // error and other universe types
	}
	if pkg.Path() == generatedPackage {
		w.report(where, "shows %s of package generated", types.TypeString(n, qualifier))
		return
	}
	if w.public[pkg.Path()] {
		w.walkNamed(n.Origin().Obj())
	}
	args := n.TypeArgs()
	for i := 0; i < args.Len(); i++ {
		w.visit(where, args.At(i))
	}
}

func (w *walker) visitTuple(where string, tup *types.Tuple) {
	for i := 0; i < tup.Len(); i++ {
		v := tup.At(i)
		name := v.Name()
		if name == "" {
			name = fmt.Sprint(i)
		}
		w.visit(where+" "+name, v.Type())
	}
}

// initialisms are the words Go spells in one case (Go's own list, as
// golint and staticcheck use it, plus Authing's: JWT, CAS, LDAP, OIDC,
// SAML, MFA, SMS, OTP, TOTP, ARN, SDK, QR).
var initialisms = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`ACL API ASCII CPU CSS DNS EOF GUID HTML HTTP HTTPS ID IP JSON
		LHS QPS RAM RHS RPC SLA SMTP SQL SSH TCP TLS TTL UDP UI GID UID UUID URI URL UTF8 VM XML
		XMPP XSRF XSS SIP RTP AMQP DB TS
		JWT CAS LDAP OIDC SAML MFA SMS OTP TOTP ARN SDK QR`) {
		initialisms[s] = true
	}
}

// words splits a Go identifier into its camel-case words; a run of
// capitals is one word ("HTTPServer" -> HTTP, Server).
func words(name string) []string {
	var out []string
	runes := []rune(name)
	start := 0
	for i := 1; i < len(runes); i++ {
		prev, cur := runes[i-1], runes[i]
		next := rune(0)
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		lowerToUpper := !unicode.IsUpper(prev) && unicode.IsUpper(cur)
		endOfCaps := unicode.IsUpper(prev) && unicode.IsUpper(cur) && unicode.IsLower(next)
		digitBoundary := unicode.IsDigit(prev) != unicode.IsDigit(cur) && !unicode.IsDigit(prev)
		if lowerToUpper || endOfCaps || (digitBoundary && unicode.IsUpper(cur)) {
			out = append(out, string(runes[start:i]))
			start = i
		}
	}
	return append(out, string(runes[start:]))
}

// badInitialism returns the word of name that is an initialism in the
// wrong case ("Id" in UserPoolId, "Ids" in UserIds), or "".
func badInitialism(name string) string {
	for _, word := range words(name) {
		if word == strings.ToUpper(word) {
			continue // already all capitals
		}
		upper := strings.ToUpper(word)
		if initialisms[upper] {
			return word
		}
		if stem, ok := strings.CutSuffix(upper, "S"); ok && initialisms[stem] {
			return word
		}
	}
	return ""
}

func (w *walker) checkName(where, name string) {
	if word := badInitialism(name); word != "" {
		w.report(where, "%q is an initialism: spell it %s", word, strings.ToUpper(strings.TrimSuffix(word, "s")))
	}
}

// isTimeName reports whether a field name says it holds a point in time,
// and whether a duration is allowed instead:
//
//   - the last word is At, Date, Timestamp or Time (CreatedAt,
//     TokenExpiredAt, ExpireDate, LastMfaTime); ...Time may also be a
//     time.Duration;
//   - or the name is one of Authing's timestamps without such a word:
//     LastLogin, SignedUp.
//
// Birthdate (one word) is a calendar date without a time of day or zone,
// as OIDC defines it, and is left a string. Durations and counts named
// ...In, ...Seconds or TTL are not times.
func isTimeName(name string) (isTime, durationOK bool) {
	switch name {
	case "LastLogin", "SignedUp":
		return true, false
	}
	ws := words(name)
	switch ws[len(ws)-1] {
	case "At", "Date", "Timestamp":
		return len(ws) > 1, false
	case "Time":
		return len(ws) > 1, true
	}
	return false, false
}

func (w *walker) checkTime(where, name string, t types.Type) {
	isTime, durationOK := isTimeName(name)
	if !isTime {
		return
	}
	s := types.TypeString(types.Unalias(t), nil)
	if s == "time.Time" || s == "*time.Time" || (durationOK && (s == "time.Duration" || s == "*time.Duration")) {
		return
	}
	w.report(where, "a point in time of type %s: use time.Time, or *time.Time when it may be null",
		types.TypeString(t, qualifier))
}

func TestBadInitialism(t *testing.T) {
	tests := map[string]string{
		"UserPoolId": "Id", "ClientIp": "Ip", "RedirectUri": "Uri", "JwtToken": "Jwt",
		"ExternalId": "Id", "UserIds": "Ids", "Id": "Id", "SendSmsCode": "Sms", "ApiURL": "Api",
		"Identity": "", "Ipsum": "", "UserPoolID": "", "UserIDs": "", "HTTPServer": "",
		"IDToken": "", "URLs": "", "OAuth": "", "Udf": "", "Idle": "", "Valid": "",
	}
	for name, want := range tests {
		if got := badInitialism(name); got != want {
			t.Errorf("badInitialism(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestIsTimeName(t *testing.T) {
	tests := []struct {
		name             string
		isTime, duration bool
	}{
		{"CreatedAt", true, false},
		{"TokenExpiredAt", true, false},
		{"LastLogin", true, false},
		{"SignedUp", true, false},
		{"ExpireDate", true, false},
		{"LastMfaTime", true, true},
		{"Birthdate", false, false},
		{"ExpiresIn", false, false},
		{"At", false, false},
		{"Format", false, false},
		{"Status", false, false},
	}
	for _, tt := range tests {
		isTime, duration := isTimeName(tt.name)
		if isTime != tt.isTime || duration != tt.duration {
			t.Errorf("isTimeName(%q) = %v, %v; want %v, %v", tt.name, isTime, duration, tt.isTime, tt.duration)
		}
	}
}
