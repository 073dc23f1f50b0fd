package bugflow

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/teamcadence/cadence/internal/strict"
)

// A FindingKind classifies what Check found.
type FindingKind int

const (
	// UnknownBoard: a board in the data missing from the board table.
	UnknownBoard FindingKind = iota + 1
	// UnknownColumn: a column of a known board that no search mentions.
	UnknownColumn
	// UnknownLabel: a label in the data that the scheme never mentions.
	UnknownLabel
	// NearMiss: a board, column or label in the data that differs from one
	// the scheme names only by case, punctuation, emoji or one letter
	// ("reproduce" beside ":reproduce", "Release" beside "🚀 Release").
	NearMiss
	// Unused: a board, column, label or login the scheme names that never
	// occurs in the data.
	Unused
)

// String returns "unknown board", "unknown column", "unknown label",
// "near miss" or "unused".
func (k FindingKind) String() string {
	switch k {
	case UnknownBoard:
		return "unknown board"
	case UnknownColumn:
		return "unknown column"
	case UnknownLabel:
		return "unknown label"
	case NearMiss:
		return "near miss"
	case Unused:
		return "unused"
	}
	return fmt.Sprintf("FindingKind(%d)", int(k))
}

// A Finding is one disagreement between a scheme and a batch of issues.
type Finding struct {
	Kind FindingKind
	What string // "board", "column", "label" or "login"
	Name string // as the data spells it; for Unused, as the scheme does
	// Near is the scheme's name a NearMiss resembles.
	Near string
	// Board is the board of a column.
	Board string
	// Issues counts the issues that carry the name, and Example is the
	// lowest of their numbers (0 for Unused).
	Issues  int
	Example int
}

// String describes the finding on one line, such as
//
//	near miss: label "reproduce" (3 issues, e.g. #17102) looks like ":reproduce"
func (f Finding) String() string {
	name := fmt.Sprintf("%s %q", f.What, f.Name)
	if f.Board != "" {
		name += " of " + f.Board
	}
	if f.Kind == Unused {
		return fmt.Sprintf("unused: %s never occurs in the data", name)
	}
	s := fmt.Sprintf("%s: %s (%s, e.g. #%d)", f.Kind, name, plural(f.Issues, "issue"), f.Example)
	if f.Kind == NearMiss {
		s += fmt.Sprintf(" looks like %q", f.Near)
	}
	return s
}

// A CheckReport is what Check found, near misses first, then unknown
// boards, columns and labels, then unused names, each group by name.
type CheckReport struct {
	Findings []Finding
	// Boards lists the scheme's boards that occur in the data; a scheme
	// with a board table that sees none of them cannot place any bug.
	Boards []string
	Issues int // issues checked
	scheme Scheme
}

// Err returns nil, or a *ConfigError matching ErrUnknownName when the
// scheme has a board table and none of its boards occurs in non-empty data:
// a bot should refuse to act on such a scheme.
func (c CheckReport) Err() error {
	s := c.scheme.orEmpty()
	if len(s.boards) == 0 || len(c.Boards) > 0 || c.Issues == 0 {
		return nil
	}
	var want, got []string
	for _, b := range s.cfg.Boards {
		want = append(want, trim(b.Title))
	}
	for _, f := range c.Findings {
		if f.What == "board" && f.Kind != Unused {
			got = append(got, f.Name)
		}
	}
	return unknownName("boards", strings.Join(want, ", "),
		fmt.Sprintf("none of the scheme's boards occurs in %s; the data has %s", plural(c.Issues, "issue"), listOr(got, "no board")))
}

// String lists the findings, one per line; "" when there are none.
func (c CheckReport) String() string {
	var b strings.Builder
	for i, f := range c.Findings {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.String())
	}
	return b.String()
}

// seen counts one name in the data.
type seen struct {
	name    string
	board   string
	n       int
	example int
	first   int // index of the first issue that carries it
}

func (x *seen) add(number int) {
	if x.n == 0 || number < x.example {
		x.example = number
	}
	x.n++
}

// Check compares the scheme with a batch of issues: the boards, columns and
// labels of the data that the scheme never mentions, those that nearly
// match one it does, and the scheme's boards, columns, labels and logins
// that never occur. A bot runs it on start-up (see CheckReport.Err).
func (s Scheme) Check(issues []Issue) CheckReport {
	s = s.orEmpty()
	rep := CheckReport{Issues: len(issues), scheme: s}
	labels := map[string]*seen{}
	boards := map[string]*seen{}
	cols := map[[2]string]*seen{}
	logins := map[string]*seen{}
	for i := range issues {
		is := &issues[i]
		for _, l := range is.Labels {
			x := labels[l]
			if x == nil {
				x = &seen{name: trim(l), first: i}
				labels[l] = x
			}
			x.add(is.Number)
		}
		for _, bi := range is.Boards {
			x := boards[bi.Board]
			if x == nil {
				x = &seen{name: trim(bi.Board), first: i}
				boards[bi.Board] = x
			}
			x.add(is.Number)
			k := [2]string{bi.Board, bi.Column}
			y := cols[k]
			if y == nil {
				y = &seen{name: trim(bi.Column), board: trim(bi.Board), first: i}
				cols[k] = y
			}
			y.add(is.Number)
		}
		for _, a := range is.Assignees {
			x := logins[a]
			if x == nil {
				x = &seen{name: trim(a)}
				logins[a] = x
			}
			x.add(is.Number)
		}
	}
	merge := func(m map[string]*seen) []*seen {
		byFold := map[string]*seen{}
		for _, x := range m {
			k := foldString(x.name)
			if y, ok := byFold[k]; ok {
				y.example = min(y.example, x.example)
				y.n += x.n
				if x.first < y.first {
					y.name, y.first = x.name, x.first
				}
				continue
			}
			c := *x
			byFold[k] = &c
		}
		out := make([]*seen, 0, len(byFold))
		for _, x := range byFold {
			out = append(out, x)
		}
		slices.SortFunc(out, func(a, b *seen) int { return cmpFold(a.name, b.name) })
		return out
	}
	var near, unknown, unused []Finding
	// Labels.
	schemeLabels := s.labelNames()
	usedLabel := make([]bool, len(s.labels)+len(s.prefixes))
	for _, x := range merge(labels) {
		if x.name == "" {
			continue
		}
		bitsOf := s.labelBits(x.name)
		if bitsOf != 0 {
			for k := range usedLabel {
				if bitsOf&(1<<uint(k)) != 0 {
					usedLabel[k] = true
				}
			}
			continue
		}
		f := Finding{Kind: UnknownLabel, What: "label", Name: x.name, Issues: x.n, Example: x.example}
		if n := nearest(x.name, schemeLabels); n != "" {
			f.Kind, f.Near = NearMiss, n
			near = append(near, f)
		} else {
			unknown = append(unknown, f)
		}
	}
	for k, used := range usedLabel {
		if !used {
			unused = append(unused, Finding{Kind: Unused, What: "label", Name: schemeLabels[k]})
		}
	}
	// Boards.
	var titles []string
	for _, b := range s.cfg.Boards {
		titles = append(titles, trim(b.Title))
	}
	usedBoard := make([]bool, len(s.boards))
	for _, x := range merge(boards) {
		if b := s.boardByTitle(x.name); b >= 0 {
			usedBoard[b] = true
			continue
		}
		f := Finding{Kind: UnknownBoard, What: "board", Name: x.name, Issues: x.n, Example: x.example}
		if n := nearest(x.name, titles); n != "" {
			f.Kind, f.Near = NearMiss, n
			near = append(near, f)
		} else {
			unknown = append(unknown, f)
		}
	}
	for b, used := range usedBoard {
		if used {
			rep.Boards = append(rep.Boards, titles[b])
		} else {
			unused = append(unused, Finding{Kind: Unused, What: "board", Name: titles[b]})
		}
	}
	// Columns of known boards.
	usedCol := make([]bool, len(s.columns))
	colList := make([]*seen, 0, len(cols))
	colSeen := map[[2]string]*seen{}
	for _, x := range cols {
		k := [2]string{foldString(x.board), foldString(x.name)}
		if y, ok := colSeen[k]; ok {
			y.n += x.n
			y.example = min(y.example, x.example)
			if x.first < y.first {
				y.name, y.board, y.first = x.name, x.board, x.first
			}
			continue
		}
		c := *x
		colSeen[k] = &c
		colList = append(colList, &c)
	}
	slices.SortFunc(colList, func(a, b *seen) int {
		if c := cmpFold(a.board, b.board); c != 0 {
			return c
		}
		return cmpFold(a.name, b.name)
	})
	for _, x := range colList {
		b := s.boardByTitle(x.board)
		if b < 0 {
			continue
		}
		k := slices.IndexFunc(s.columns, func(c column) bool { return c.board == b && eqFold(c.name, x.name) })
		if k >= 0 {
			usedCol[k] = true
			continue
		}
		if !slices.ContainsFunc(s.columns, func(c column) bool { return c.board == b }) {
			continue // no search reads this board's columns
		}
		var names []string
		for _, c := range s.columns {
			if c.board == b && c.name != "" {
				names = append(names, s.columnName(c))
			}
		}
		f := Finding{Kind: UnknownColumn, What: "column", Name: x.name, Board: x.board, Issues: x.n, Example: x.example}
		if n := nearest(x.name, names); n != "" && x.name != "" {
			f.Kind, f.Near = NearMiss, n
			near = append(near, f)
		} else {
			unknown = append(unknown, f)
		}
	}
	for k, used := range usedCol {
		if !used {
			c := s.columns[k]
			unused = append(unused, Finding{Kind: Unused, What: "column", Name: s.columnName(c), Board: titles[c.board]})
		}
	}
	// Logins the scheme names.
	for i, l := range s.logins {
		found := false
		for _, x := range logins {
			if eqFold(trim(x.name), l) {
				found = true
				break
			}
		}
		if !found {
			unused = append(unused, Finding{Kind: Unused, What: "login", Name: s.loginName(i)})
		}
	}
	rep.Findings = append(append(append(rep.Findings, near...), unknown...), unused...)
	return rep
}

// labelNames returns the scheme's label names by bit, as configured
// (prefixes with their "*").
func (s *compiled) labelNames() []string {
	out := make([]string, 0, len(s.labels)+len(s.prefixes))
	out = append(out, s.labels...)
	for _, p := range s.prefixes {
		out = append(out, p.text+"*")
	}
	for i, l := range out {
		out[i] = s.spelling(l)
	}
	return out
}

// spelling returns a folded name as the configuration first spells it.
func (s *compiled) spelling(folded string) string {
	var found string
	visit := func(xs ...string) {
		for _, x := range xs {
			if found == "" && eqFold(trim(x), folded) {
				found = trim(x)
			}
		}
	}
	for _, m := range (&s.cfg).matches() {
		visit(m.Labels...)
		for _, g := range m.AnyLabels {
			visit(g...)
		}
		visit(m.NotLabels...)
		visit(m.Columns...)
		visit(m.Assignees...)
		visit(m.NotAssignees...)
	}
	visit(s.cfg.Waiting...)
	visit(s.cfg.Priorities...)
	visit(s.cfg.Customer...)
	visit(s.cfg.Teams...)
	visit(s.cfg.Known...)
	for login := range s.cfg.People {
		visit(login)
	}
	if found == "" {
		return folded
	}
	return found
}

func (s *compiled) columnName(c column) string { return s.spelling(c.name) }
func (s *compiled) loginName(i int) string     { return s.spelling(s.logins[i]) }

// nearest returns the candidate that name nearly matches, "" for none: the
// same letters and digits ignoring case, punctuation, spaces and emoji, or
// one edit apart (two for names of eight letters or more).
func nearest(name string, candidates []string) string {
	k := skeleton(name)
	if k == "" {
		return ""
	}
	best, bestD := "", -1
	for _, c := range candidates {
		ck := skeleton(strings.TrimSuffix(c, "*"))
		if ck == "" || eqFold(trim(c), trim(name)) {
			continue
		}
		d := strict.EditDistance(k, ck)
		limit := 0
		switch {
		case len(k) >= 8:
			limit = 2
		case len(k) >= 4:
			limit = 1
		}
		if d <= limit && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// skeleton keeps a name's letters and digits, in lower case.
func skeleton(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
