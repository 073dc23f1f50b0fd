package rulecheck

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// root is the module root, two levels above this package.
const root = "../.."

// A citation is one rule number, or one numbered part of a rule (Part > 0).
type citation struct {
	Rule, Part int
}

func (c citation) String() string {
	if c.Part > 0 {
		return fmt.Sprintf("R%d.%d", c.Rule, c.Part)
	}
	return fmt.Sprintf("R%d", c.Rule)
}

// citeRE matches R followed by one or two digits as a word, an optional
// numbered part (R11.1) and an optional range to a second number (R1-R5,
// R25-R28, R11.1-R11.3, R6-8). The word boundaries keep R2D2, R100 and
// identifiers such as TR12 out.
var citeRE = regexp.MustCompile(`\bR(\d{1,2})(?:\.(\d{1,2}))?(?:\s?[-–]\s?R?(\d{1,2})(?:\.(\d{1,2}))?)?\b`)

// citations returns every rule number a line cites, with every number inside
// a range.
func citations(line string) []citation {
	var out []citation
	for _, m := range citeRE.FindAllStringSubmatchIndex(line, -1) {
		end := m[1]
		// An ISO 8601 repeating interval ("R5/2024-01-08/P3W") is not a rule.
		if end < len(line) && line[end] == '/' {
			continue
		}
		num := func(i int) int {
			if m[2*i] < 0 {
				return 0
			}
			n, _ := strconv.Atoi(line[m[2*i]:m[2*i+1]])
			return n
		}
		has := func(i int) bool { return m[2*i] >= 0 }
		from, fromPart := num(1), num(2)
		if !has(3) {
			out = append(out, citation{from, fromPart})
			continue
		}
		to, toPart := num(3), num(4)
		switch {
		case has(2) && has(4) && from == to && fromPart <= toPart:
			// R11.1-R11.3: the parts of one rule.
			for p := fromPart; p <= toPart; p++ {
				out = append(out, citation{from, p})
			}
		case !has(2) && !has(4) && from <= to:
			// R1-R5: every rule in the range.
			for r := from; r <= to; r++ {
				out = append(out, citation{r, 0})
			}
		default:
			// A backwards or mixed range: check both ends as written.
			out = append(out, citation{from, fromPart}, citation{to, toPart})
		}
	}
	return out
}

var (
	headingRE = regexp.MustCompile(`^###\s+R(\d+)\s*$`)
	partRE    = regexp.MustCompile(`^\s*[-*]\s+\*\*R(\d+)\.(\d+)\*\*`)
)

// A ruleSet is what RULES.md defines: rule numbers and, per rule, its
// numbered parts.
type ruleSet struct {
	rules map[int]bool
	parts map[int]map[int]bool
}

func (s ruleSet) defines(c citation) bool {
	if !s.rules[c.Rule] {
		return false
	}
	return c.Part == 0 || s.parts[c.Rule][c.Part]
}

// readRules parses RULES.md: every rule is a "### R<n>" heading (so that
// RULES.md#r<n> links to it) and every numbered part a list item starting
// with "**R<n>.<m>**" under its rule's heading. It reports headings given
// twice and parts outside their rule.
func readRules(t *testing.T) ruleSet {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "RULES.md"))
	if err != nil {
		t.Fatalf("the rules document: %v", err)
	}
	defer f.Close()
	s := ruleSet{rules: map[int]bool{}, parts: map[int]map[int]bool{}}
	current := 0
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := headingRE.FindStringSubmatch(line); m != nil {
			r, _ := strconv.Atoi(m[1])
			if s.rules[r] {
				t.Errorf("RULES.md:%d: R%d is defined twice", n, r)
			}
			s.rules[r] = true
			current = r
			continue
		}
		if strings.HasPrefix(line, "#") {
			current = 0
			continue
		}
		if m := partRE.FindStringSubmatch(line); m != nil {
			r, _ := strconv.Atoi(m[1])
			p, _ := strconv.Atoi(m[2])
			if r != current {
				t.Errorf("RULES.md:%d: part R%d.%d is not under the heading of R%d", n, r, p, r)
			}
			if s.parts[r] == nil {
				s.parts[r] = map[int]bool{}
			}
			if s.parts[r][p] {
				t.Errorf("RULES.md:%d: R%d.%d is defined twice", n, r, p)
			}
			s.parts[r][p] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRulesDocument checks that RULES.md defines R1 to R32, each once, with
// consecutive parts.
func TestRulesDocument(t *testing.T) {
	s := readRules(t)
	for r := 1; r <= 32; r++ {
		if !s.rules[r] {
			t.Errorf("RULES.md does not define R%d", r)
		}
	}
	for r := range s.rules {
		if r < 1 || r > 32 {
			t.Errorf("RULES.md defines R%d, outside R1-R32", r)
		}
	}
	for r, ps := range s.parts {
		for p := 1; p <= len(ps); p++ {
			if !ps[p] {
				t.Errorf("RULES.md: the parts of R%d skip R%d.%d", r, r, p)
			}
		}
	}
}

// files walks the repository and calls visit for every file the checks
// read: .go, .md, .txt, .json and .golden files, testdata included, except
// the .git directory and fuzz corpora (testdata/fuzz), whose inputs are
// random text.
func files(t *testing.T, visit func(rel string, lines []string)) {
	t.Helper()
	exts := map[string]bool{".go": true, ".md": true, ".txt": true, ".json": true, ".golden": true}
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if d.Name() == ".git" || rel == "testdata/fuzz" || strings.HasSuffix(rel, "/testdata/fuzz") {
				return filepath.SkipDir
			}
			return nil
		}
		if !exts[filepath.Ext(path)] {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		visit(rel, strings.Split(string(b), "\n"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("walked only %d files under %s: is it the module root?", n, root)
	}
}

// TestCitationsResolve fails, naming file and line, for every cited rule
// number or part that RULES.md does not define.
func TestCitationsResolve(t *testing.T) {
	rules := readRules(t)
	cited := 0
	files(t, func(rel string, lines []string) {
		for i, line := range lines {
			for _, c := range citations(line) {
				cited++
				if !rules.defines(c) {
					what := "is not defined in RULES.md"
					if rules.rules[c.Rule] {
						what = fmt.Sprintf("is not a numbered part of R%d in RULES.md", c.Rule)
					}
					t.Errorf("%s:%d: %v %s: %s", rel, i+1, c, what, strings.TrimSpace(line))
				}
			}
		}
	})
	if cited == 0 {
		t.Fatal("found no rule citations at all: the scanner is broken")
	}
}

// outside matches a path into the project's private folder beside the
// repository, which users cannot see, and the old name of the rules
// document, which users cannot look up. The words are split so that this
// file does not match itself.
var outside = regexp.MustCompile(`\bshared` + `/|(?i)\breference` + `\s+handbook\b`)

// TestNoPathsOutsideRepository fails for every mention of a file in the
// private shared folder, or of "the reference" "handbook" instead of
// RULES.md, outside the two documents that explain where the rules come
// from.
func TestNoPathsOutsideRepository(t *testing.T) {
	allowed := map[string]bool{"CONTRIBUTING.md": true, "RULES.md": true}
	files(t, func(rel string, lines []string) {
		if allowed[rel] {
			return
		}
		for i, line := range lines {
			if outside.MatchString(line) {
				t.Errorf("%s:%d: points at a document users cannot see (cite RULES.md instead): %s", rel, i+1, strings.TrimSpace(line))
			}
		}
	})
}

// TestPackageDocsLinkRules checks that the package comment of every public
// package (a top-level directory other than examples and internal) links
// the rules document, and that the README does.
func TestPackageDocsLinkRules(t *testing.T) {
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	pkgs := 0
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || name == "examples" || name == "internal" || name == "testdata" || strings.HasPrefix(name, ".") {
			continue
		}
		fset := token.NewFileSet()
		parsed, err := parser.ParseDir(fset, filepath.Join(root, name), func(fi fs.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for pname, p := range parsed {
			if pname == "main" {
				continue
			}
			pkgs++
			var doc strings.Builder
			for _, f := range p.Files {
				if f.Doc != nil {
					doc.WriteString(f.Doc.Text())
				}
			}
			if !strings.Contains(doc.String(), "RULES.md") {
				t.Errorf("%s: the package comment does not link RULES.md", name)
			}
		}
	}
	if pkgs < 5 {
		t.Errorf("found %d public packages, want at least rotation, sprint, release, bugflow and sla", pkgs)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "(RULES.md)") {
		t.Error("README.md does not link RULES.md")
	}
}

// TestCitations checks the scanner itself.
func TestCitations(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{"rule R17 in RULES.md", "R17"},
		{"(R1-R5, R32)", "R1 R2 R3 R4 R5 R32"},
		{"R25-R28", "R25 R26 R27 R28"},
		{"R6-8", "R6 R7 R8"},
		{"R25–R26", "R25 R26"},
		{"blocker yes (R11.1, R12.1); patch yes (R14.5)", "R11.1 R12.1 R14.5"},
		{"R11.1-R11.3", "R11.1 R11.2 R11.3"},
		{"R14.1-R14.4: critical", "R14.1 R14.2 R14.3 R14.4"},
		{"R12.3.", "R12.3"},
		{"\"R10\"", "R10"},
		{"deadline: R1.5h later", "R1"},
		// Not citations.
		{"R2D2 and C3PO", ""},
		{"0xR1 is not hex, but 1R2 and FFR12 are no words", ""},
		{"R123 has three digits", ""},
		{"R/2024-01-08/P3W and R5/2024-01-08/P1W repeat", ""},
		{"TR12, xR3, R2_x, RFC 3339, R", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range citations(tt.line) {
			got = append(got, c.String())
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("citations(%q) = %q, want %q", tt.line, g, tt.want)
		}
	}
}

// TestOutside checks the pattern of TestNoPathsOutsideRepository; the
// words are split so that this file does not match itself.
func TestOutside(t *testing.T) {
	for line, want := range map[string]bool{
		"rule R17 in RULES.md":                       false,
		"(" + "shared" + "/handbook.md)":             true,
		"see /work/" + "shared" + "/DESIGN.md":       true,
		"of the Reference " + "Handbook":             true,
		"of the reference\t" + "handbook (R10)":      true,
		"a shared calendar, sharedfoo/x, unshared/y": false,
		"Fleet's public engineering handbook":        false,
	} {
		if got := outside.MatchString(line); got != want {
			t.Errorf("outside.MatchString(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestRuleSetDefines checks the lookup the resolution test relies on, with
// a made-up rule set, so that it can fail without an undefined number in
// this file.
func TestRuleSetDefines(t *testing.T) {
	s := ruleSet{rules: map[int]bool{1: true, 2: true}, parts: map[int]map[int]bool{2: {1: true}}}
	for _, tt := range []struct {
		c    citation
		want bool
	}{
		{citation{1, 0}, true},
		{citation{2, 1}, true},
		{citation{3, 0}, false},
		{citation{1, 1}, false},
		{citation{2, 2}, false},
	} {
		if got := s.defines(tt.c); got != tt.want {
			t.Errorf("defines(%v) = %v, want %v", tt.c, got, tt.want)
		}
	}
	var sorted []int
	for r := range s.rules {
		sorted = append(sorted, r)
	}
	sort.Ints(sorted)
	if len(sorted) != 2 {
		t.Errorf("rules = %v", sorted)
	}
}
