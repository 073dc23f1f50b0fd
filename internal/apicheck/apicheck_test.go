package apicheck

import (
	"flag"
	"go/constant"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite api/cadence.txt with the current exported API")

// root is the module root; listing is the committed API listing.
const (
	root    = "../.."
	listing = "api/cadence.txt"
)

const header = `# The exported API of github.com/teamcadence/cadence, one declaration a line,
# in the manner of Go's api/*.txt. Generated: go test ./internal/apicheck -update
`

// TestAPI regenerates the listing of the exported API and compares it with
// the committed api/cadence.txt.
func TestAPI(t *testing.T) {
	got, err := Listing(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"rotation", "sprint", "release", "bugflow", "sla"} {
		if !slices.ContainsFunc(got, func(l string) bool { return strings.HasPrefix(l, "pkg "+pkg+", ") }) {
			t.Errorf("the listing has no line for package %s", pkg)
		}
	}
	file := filepath.Join(root, listing)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(header+strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %d lines", listing, len(got))
		return
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v\nrun: go test ./internal/apicheck -update", err)
	}
	var want []string
	for _, line := range strings.Split(string(b), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			want = append(want, line)
		}
	}
	slices.Sort(want)
	if d := Diff(listing+" (committed)", want, "exported API (now)", got); d != "" {
		t.Errorf("the exported API differs from %s:\n%s\nIf the change is intended, run: go test ./internal/apicheck -update", listing, d)
	}
}

// TestPackageLines checks the format on a small package made in the test.
func TestPackageLines(t *testing.T) {
	pkg := types.NewPackage("example.com/demo", "demo")
	other := types.NewPackage("time", "time")
	timeT := types.NewNamed(types.NewTypeName(0, other, "Time", nil), types.NewStruct(nil, nil), nil)
	scope := pkg.Scope()

	// type Span struct { From, to time.Time }
	spanObj := types.NewTypeName(0, pkg, "Span", nil)
	span := types.NewNamed(spanObj, types.NewStruct([]*types.Var{
		types.NewField(0, pkg, "From", timeT, false),
		types.NewField(0, pkg, "to", timeT, false),
	}, nil), nil)
	scope.Insert(spanObj)
	// func (Span) Len(time.Time, ...int) (int, error) and func (*Span) Set(int)
	errType := types.Universe.Lookup("error").Type()
	intType := types.Typ[types.Int]
	span.AddMethod(types.NewFunc(0, pkg, "Len", types.NewSignatureType(
		types.NewVar(0, pkg, "s", span), nil, nil,
		types.NewTuple(types.NewVar(0, pkg, "t", timeT), types.NewVar(0, pkg, "n", types.NewSlice(intType))),
		types.NewTuple(types.NewVar(0, pkg, "", intType), types.NewVar(0, pkg, "", errType)), true)))
	span.AddMethod(types.NewFunc(0, pkg, "Set", types.NewSignatureType(
		types.NewVar(0, pkg, "s", types.NewPointer(span)), nil, nil,
		types.NewTuple(types.NewVar(0, pkg, "n", intType)), nil, false)))
	span.AddMethod(types.NewFunc(0, pkg, "hidden", types.NewSignatureType(
		types.NewVar(0, pkg, "s", span), nil, nil, nil, nil, false)))
	// const Max = 7; const Kind Span-typed constants are not possible, so a typed int.
	scope.Insert(types.NewConst(0, pkg, "Max", types.Typ[types.UntypedInt], constantInt(7)))
	scope.Insert(types.NewVar(0, pkg, "ErrX", errType))
	scope.Insert(types.NewVar(0, pkg, "internalVar", errType))
	scope.Insert(types.NewFunc(0, pkg, "New", types.NewSignatureType(nil, nil, nil,
		types.NewTuple(types.NewVar(0, pkg, "t", timeT)),
		types.NewTuple(types.NewVar(0, pkg, "", span)), false)))

	got := PackageLines(pkg)
	slices.Sort(got)
	want := []string{
		"pkg demo, const Max = 7",
		"pkg demo, const Max ideal-int",
		"pkg demo, func New(time.Time) Span",
		"pkg demo, method (*Span) Set(int)",
		"pkg demo, method (Span) Len(time.Time, ...int) (int, error)",
		"pkg demo, type Span struct",
		"pkg demo, type Span struct, From time.Time",
		"pkg demo, var ErrX error",
	}
	if d := Diff("want", want, "got", got); d != "" {
		t.Errorf("PackageLines:\n%s", d)
	}
}

func TestDiff(t *testing.T) {
	if d := Diff("a", []string{"x", "y"}, "b", []string{"x", "y"}); d != "" {
		t.Errorf("Diff of equal listings = %q, want empty", d)
	}
	got := Diff("a", []string{"p", "q", "s"}, "b", []string{"p", "r", "s", "t"})
	want := "--- a\n+++ b\n-q\n+r\n+t\n"
	if got != want {
		t.Errorf("Diff = %q, want %q", got, want)
	}
}

func TestHidden(t *testing.T) {
	for path, want := range map[string]bool{
		"github.com/teamcadence/cadence/sla":               false,
		"github.com/teamcadence/cadence/ical":              false,
		"github.com/teamcadence/cadence/internal/strict":   true,
		"github.com/teamcadence/cadence/examples/handbook": true,
		"github.com/teamcadence/cadence/sla/internal/x":    true,
	} {
		if got := hidden(path); got != want {
			t.Errorf("hidden(%q) = %v, want %v", path, got, want)
		}
	}
}

func constantInt(n int64) constant.Value { return constant.MakeInt64(n) }
