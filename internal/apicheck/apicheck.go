// Package apicheck lists the exported API of the module's public packages,
// one declaration a line, in the manner of Go's own api/*.txt files:
//
//	pkg sla, func NewCalendar(*time.Location, Week, ...Option) (Calendar, error)
//	pkg sla, method (Calendar) Add(time.Time, time.Duration) time.Time
//	pkg sla, type Span struct, From clock.Clock
//	pkg sla, var ErrZone error
//
// Its test compares the listing with api/cadence.txt, so that every change
// of the exported API shows as a diff of that file in review. Regenerate the
// file with
//
//	go test ./internal/apicheck -update
//
// The public packages are found, not listed: every package of the module
// except main packages and those under internal/ or examples/. Types come
// from the compiler's export data (go list -export) read with go/importer,
// so the listing uses only the standard library and the go command.
package apicheck

import (
	"bytes"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// A pkgInfo is one line of go list output.
type pkgInfo struct {
	path, name, export, err string
	depOnly                 bool
}

// goList runs go list in dir with the template
// "{{.ImportPath}}\t{{.Name}}\t{{.Export}}\t{{.DepOnly}}\t{{.Error}}".
func goList(dir string, args ...string) ([]pkgInfo, error) {
	const format = `{{.ImportPath}}{{"\t"}}{{.Name}}{{"\t"}}{{.Export}}{{"\t"}}{{.DepOnly}}{{"\t"}}{{if .Error}}{{.Error}}{{end}}`
	cmd := exec.Command("go", append([]string{"list", "-e", "-f", format}, args...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var pkgs []pkgInfo
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		f := strings.SplitN(line, "\t", 5)
		if len(f) != 5 {
			return nil, fmt.Errorf("go list: unexpected line %q", line)
		}
		pkgs = append(pkgs, pkgInfo{path: f[0], name: f[1], export: f[2], depOnly: f[3] == "true", err: strings.TrimSpace(f[4])})
	}
	return pkgs, nil
}

// Public returns the import paths of the module's public packages under
// dir, the module root: every package but main packages, packages without
// non-test files and those under internal/ or examples/.
func Public(dir string) ([]string, error) {
	pkgs, err := goList(dir, "./...")
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, p := range pkgs {
		if p.err != "" && p.name == "" {
			// A directory with only test files has no package to list.
			if strings.Contains(p.err, "no non-test Go files") || strings.Contains(p.err, "build constraints exclude all Go files") {
				continue
			}
			return nil, fmt.Errorf("%s: %s", p.path, p.err)
		}
		if p.name == "main" || hidden(p.path) {
			continue
		}
		paths = append(paths, p.path)
	}
	slices.Sort(paths)
	return paths, nil
}

// hidden reports whether an import path is inside an internal or examples
// directory.
func hidden(path string) bool {
	for _, elem := range strings.Split(path, "/") {
		if elem == "internal" || elem == "examples" || elem == "testdata" {
			return true
		}
	}
	return false
}

// Listing returns the sorted API lines of the public packages of the module
// rooted at dir.
func Listing(dir string) ([]string, error) {
	paths, err := Public(dir)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no public packages under %s", dir)
	}
	deps, err := goList(dir, append([]string{"-export", "-deps"}, paths...)...)
	if err != nil {
		return nil, err
	}
	exports := map[string]string{}
	for _, p := range deps {
		if p.err != "" {
			return nil, fmt.Errorf("%s: %s", p.path, p.err)
		}
		exports[p.path] = p.export
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok || file == "" {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(file)
	})
	var lines []string
	for _, path := range paths {
		pkg, err := imp.Import(path)
		if err != nil {
			return nil, fmt.Errorf("importing %s: %v", path, err)
		}
		lines = append(lines, PackageLines(pkg)...)
	}
	slices.Sort(lines)
	return slices.Compact(lines), nil
}

// PackageLines returns the API lines of one package, unsorted.
func PackageLines(pkg *types.Package) []string {
	w := &writer{pkg: pkg}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.Const:
			w.emit("const %s %s", name, w.constType(obj.Type()))
			w.emit("const %s = %s", name, obj.Val().ExactString())
		case *types.Var:
			w.emit("var %s %s", name, w.typ(obj.Type()))
		case *types.Func:
			sig := obj.Type().(*types.Signature)
			w.emit("func %s%s%s", name, w.typeParams(sig.TypeParams()), w.signature(sig))
		case *types.TypeName:
			w.typeName(obj)
		}
	}
	return w.lines
}

type writer struct {
	pkg   *types.Package
	lines []string
}

func (w *writer) emit(format string, args ...any) {
	w.lines = append(w.lines, "pkg "+w.pkg.Name()+", "+fmt.Sprintf(format, args...))
}

// qualifier writes other packages by name (time.Time, clock.Clock) and this
// one not at all.
func (w *writer) qualifier(p *types.Package) string {
	if p == w.pkg {
		return ""
	}
	return p.Name()
}

func (w *writer) typ(t types.Type) string { return types.TypeString(t, w.qualifier) }

// constType writes an untyped constant's kind as Go's api files do
// (ideal-int, ideal-string, ...).
func (w *writer) constType(t types.Type) string {
	if b, ok := t.(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
		switch b.Kind() {
		case types.UntypedBool:
			return "ideal-bool"
		case types.UntypedInt:
			return "ideal-int"
		case types.UntypedRune:
			return "ideal-rune"
		case types.UntypedFloat:
			return "ideal-float"
		case types.UntypedComplex:
			return "ideal-complex"
		case types.UntypedString:
			return "ideal-string"
		}
	}
	return w.typ(t)
}

// typeParams writes "[P comparable, Q any]", or nothing.
func (w *writer) typeParams(tps *types.TypeParamList) string {
	if tps.Len() == 0 {
		return ""
	}
	parts := make([]string, tps.Len())
	for i := range tps.Len() {
		tp := tps.At(i)
		parts[i] = tp.Obj().Name() + " " + w.typ(tp.Constraint())
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// signature writes "(time.Time, ...P) (Shift[P], error)": types only, with
// no parameter or result names.
func (w *writer) signature(sig *types.Signature) string {
	var b strings.Builder
	b.WriteString("(")
	params := sig.Params()
	for i := range params.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		t := params.At(i).Type()
		if sig.Variadic() && i == params.Len()-1 {
			if s, ok := t.(*types.Slice); ok {
				b.WriteString("..." + w.typ(s.Elem()))
				continue
			}
		}
		b.WriteString(w.typ(t))
	}
	b.WriteString(")")
	res := sig.Results()
	switch res.Len() {
	case 0:
	case 1:
		b.WriteString(" " + w.typ(res.At(0).Type()))
	default:
		parts := make([]string, res.Len())
		for i := range res.Len() {
			parts[i] = w.typ(res.At(i).Type())
		}
		b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	}
	return b.String()
}

// typeName writes a type declaration, its exported fields or interface
// methods, and its method set.
func (w *writer) typeName(obj *types.TypeName) {
	name := obj.Name()
	if obj.IsAlias() {
		w.emit("type %s = %s", name, w.typ(types.Unalias(obj.Type())))
		return
	}
	named, ok := obj.Type().(*types.Named)
	if !ok {
		w.emit("type %s %s", name, w.typ(obj.Type().Underlying()))
		return
	}
	decl := name + w.typeParams(named.TypeParams())
	switch u := named.Underlying().(type) {
	case *types.Struct:
		w.emit("type %s struct", decl)
		for i := range u.NumFields() {
			f := u.Field(i)
			if !f.Exported() {
				continue
			}
			if f.Embedded() {
				w.emit("type %s struct, embedded %s", name, w.typ(f.Type()))
			} else {
				w.emit("type %s struct, %s %s", name, f.Name(), w.typ(f.Type()))
			}
		}
	case *types.Interface:
		if !u.IsMethodSet() {
			// A constraint: its type set is its API.
			w.emit("type %s %s", decl, w.typ(u))
			return
		}
		var names []string
		unexported := false
		for i := range u.NumMethods() {
			m := u.Method(i)
			if !m.Exported() {
				unexported = true
				continue
			}
			names = append(names, m.Name())
			w.emit("type %s interface, %s%s", name, m.Name(), w.signature(m.Type().(*types.Signature)))
		}
		slices.Sort(names)
		if unexported {
			names = append(names, "unexported methods")
		}
		w.emit("type %s interface { %s }", decl, strings.Join(names, ", "))
		return
	default:
		w.emit("type %s %s", decl, w.typ(u))
	}
	w.methods(named)
}

// methods writes the method set of T and then the methods only *T has,
// promoted methods included, as "method (T[P]) M(...)".
func (w *writer) methods(named *types.Named) {
	recv := named.Obj().Name()
	if tps := named.TypeParams(); tps.Len() > 0 {
		names := make([]string, tps.Len())
		for i := range tps.Len() {
			names[i] = tps.At(i).Obj().Name()
		}
		recv += "[" + strings.Join(names, ", ") + "]"
	}
	seen := map[string]bool{}
	vset := types.NewMethodSet(named)
	for i := range vset.Len() {
		m := vset.At(i).Obj()
		if !m.Exported() {
			continue
		}
		seen[m.Name()] = true
		w.emit("method (%s) %s%s", recv, m.Name(), w.signature(m.Type().(*types.Signature)))
	}
	pset := types.NewMethodSet(types.NewPointer(named))
	for i := range pset.Len() {
		m := pset.At(i).Obj()
		if !m.Exported() || seen[m.Name()] {
			continue
		}
		w.emit("method (*%s) %s%s", recv, m.Name(), w.signature(m.Type().(*types.Signature)))
	}
}

// Diff returns the lines only in want ("-") and only in got ("+"), in
// sorted order, as a unified-style diff of two sorted listings; it is empty
// when they are the same.
func Diff(wantName string, want []string, gotName string, got []string) string {
	var b strings.Builder
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case j == len(got) || (i < len(want) && want[i] < got[j]):
			fmt.Fprintf(&b, "-%s\n", want[i])
			i++
		case i == len(want) || got[j] < want[i]:
			fmt.Fprintf(&b, "+%s\n", got[j])
			j++
		default:
			i++
			j++
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return fmt.Sprintf("--- %s\n+++ %s\n%s", wantName, gotName, b.String())
}
