package main

import (
	"fmt"
	"go/types"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// loadTypes loads the Go types named by bind strings ("[]pkg/path.Name";
// builtins are skipped) from the packages that declare them, resolved from
// dir. The result is keyed by "pkg/path.Name".
func loadTypes(dir string, binds []string) (map[string]types.Type, error) {
	wanted := map[string][]string{} // package path -> type names
	for _, b := range binds {
		_, name := splitBind(b)
		i := strings.LastIndex(name, ".")
		if i < 0 {
			continue
		}
		wanted[name[:i]] = append(wanted[name[:i]], name[i+1:])
	}
	out := map[string]types.Type{}
	if len(wanted) == 0 {
		return out, nil
	}
	paths := make([]string, 0, len(wanted))
	for p := range wanted {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	// -trimpath keeps the directory out of the build cache's keys, so a
	// copy of the module elsewhere (as the tests make) reuses the export
	// data instead of compiling the bound packages again.
	cfg := &packages.Config{
		Mode:       packages.NeedName | packages.NeedTypes,
		Dir:        dir,
		BuildFlags: []string{"-trimpath"},
	}
	pkgs, err := packages.Load(cfg, paths...)
	if err != nil {
		return nil, fmt.Errorf("loading bound types: %w", err)
	}
	for _, pkg := range pkgs {
		if len(pkg.Errors) > 0 {
			return nil, fmt.Errorf("loading bound types from %s: %v", pkg.PkgPath, pkg.Errors[0])
		}
		for _, name := range wanted[pkg.PkgPath] {
			obj, ok := pkg.Types.Scope().Lookup(name).(*types.TypeName)
			if !ok {
				return nil, fmt.Errorf("bound type %s.%s is not a type of package %s", pkg.PkgPath, name, pkg.PkgPath)
			}
			out[pkg.PkgPath+"."+name] = obj.Type()
		}
	}
	for p, names := range wanted {
		for _, n := range names {
			if out[p+"."+n] == nil {
				return nil, fmt.Errorf("bound type %s.%s: package %s not found", p, n, p)
			}
		}
	}
	return out, nil
}

// A jsonField is one key of a struct's JSON object, as encoding/json
// encodes and decodes it.
type jsonField struct {
	Name      string     // the JSON key
	GoName    string     // the Go field's name
	Type      types.Type // the Go field's type
	OmitEmpty bool
	OmitZero  bool
	depth     int  // embedding depth
	tagged    bool // the key comes from a json tag
}

// jsonFields lists the JSON keys of a struct type by encoding/json's rules:
// unexported fields and `json:"-"` are skipped, the key is the tag's name
// or the field's, untagged embedded structs are flattened, and of several
// fields with one key the shallowest wins, then the tagged one; a tie
// drops them all.
func jsonFields(st *types.Struct) []jsonField {
	var all []jsonField
	collectJSONFields(st, 0, map[types.Type]bool{}, &all)
	byName := map[string][]jsonField{}
	for _, f := range all {
		byName[f.Name] = append(byName[f.Name], f)
	}
	var out []jsonField
	for _, fs := range byName {
		if f, ok := dominantField(fs); ok {
			out = append(out, f)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// collectJSONFields appends every candidate key of st, embedded ones
// included, at the given embedding depth.
func collectJSONFields(st *types.Struct, depth int, seen map[types.Type]bool, out *[]jsonField) {
	for i := 0; i < st.NumFields(); i++ {
		v := st.Field(i)
		tag := reflect.StructTag(st.Tag(i)).Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if v.Embedded() {
			t := v.Type()
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
			if inner, ok := t.Underlying().(*types.Struct); ok && name == "" {
				if !seen[t] {
					seen[t] = true
					collectJSONFields(inner, depth+1, seen, out)
				}
				continue
			}
			if !v.Exported() {
				continue
			}
		} else if !v.Exported() {
			continue
		}
		f := jsonField{Name: name, GoName: v.Name(), Type: v.Type(), depth: depth, tagged: name != ""}
		if name == "" {
			f.Name = v.Name()
		}
		for _, o := range strings.Split(opts, ",") {
			f.OmitEmpty = f.OmitEmpty || o == "omitempty"
			f.OmitZero = f.OmitZero || o == "omitzero"
		}
		*out = append(*out, f)
	}
}

// dominantField picks the field encoding/json uses among fields with one
// key, if any.
func dominantField(fs []jsonField) (jsonField, bool) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].depth != fs[j].depth {
			return fs[i].depth < fs[j].depth
		}
		return fs[i].tagged && !fs[j].tagged
	})
	if len(fs) > 1 && fs[0].depth == fs[1].depth && fs[0].tagged == fs[1].tagged {
		return jsonField{}, false
	}
	return fs[0], true
}

// elemStruct strips pointers, slices and arrays from t and returns the
// struct beneath, if there is one.
func elemStruct(t types.Type) (*types.Struct, bool) {
	t = elemType(t)
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// elemType strips pointers, slices and arrays from t.
func elemType(t types.Type) types.Type {
	for {
		switch u := t.Underlying().(type) {
		case *types.Pointer:
			t = u.Elem()
		case *types.Slice:
			t = u.Elem()
		case *types.Array:
			t = u.Elem()
		default:
			return t
		}
	}
}

// typeString spells a Go type with package names, as in authing.User.
func typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}
