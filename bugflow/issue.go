package bugflow

import (
	"slices"
	"time"
)

// An Issue is one issue as a tracker reports it, in terms any tracker can
// fill: GitHub's DecodeGitHub fills it from gh's JSON, and other trackers'
// adapters can build it directly.
//
// Labels, assignees, board and column names are compared case-insensitively
// (ASCII letters) after trimming surrounding spaces, as GitHub's search
// does, so they may be stored as the tracker spells them. Issue holds slices:
// it is not comparable with ==; treat it as immutable (Edit.Apply returns a
// changed copy).
type Issue struct {
	Number    int         `json:"number"`
	Title     string      `json:"title,omitempty"`
	Closed    bool        `json:"closed,omitempty"`
	Labels    []string    `json:"labels,omitempty"`
	Assignees []string    `json:"assignees,omitempty"` // logins
	Boards    []BoardItem `json:"boards,omitempty"`    // project board memberships
	Created   time.Time   `json:"created"`
	// ClosedAt is when the issue was last closed: zero while it never was.
	// A reopened issue may keep it; Closed says whether it is closed now.
	ClosedAt time.Time `json:"closedAt,omitzero"`
	// LastContact is the last communication with the reporter; the R19
	// reporter clock counts from it (from Created when zero).
	LastContact time.Time `json:"lastContact,omitzero"`
}

// A BoardItem is an issue's membership of a project board: the board's
// name and the column (status) the issue is in there, "" for none.
type BoardItem struct {
	Board  string `json:"board"`
	Column string `json:"column,omitempty"`
}

// HasLabel reports whether the issue carries the label, compared as the
// scheme compares labels (case-insensitive, trimmed). A name ending in "*"
// matches any label with that prefix.
func (is Issue) HasLabel(name string) bool {
	p := compilePattern(name)
	for _, l := range is.Labels {
		if p.match(trim(l)) {
			return true
		}
	}
	return false
}

// clone returns a deep copy of the issue's slices.
func (is Issue) clone() Issue {
	is.Labels = slices.Clone(is.Labels)
	is.Assignees = slices.Clone(is.Assignees)
	is.Boards = slices.Clone(is.Boards)
	return is
}

// A pattern is a folded label, board or column name; with prefix set it
// matches every name that starts with it.
type pattern struct {
	text   string
	prefix bool
}

func compilePattern(s string) pattern {
	t := trim(s)
	if len(t) > 0 && t[len(t)-1] == '*' {
		return pattern{text: foldString(trim(t[:len(t)-1])), prefix: true}
	}
	return pattern{text: foldString(t)}
}

func (p pattern) match(s string) bool {
	if p.prefix {
		return len(s) >= len(p.text) && eqFold(s[:len(p.text)], p.text)
	}
	return eqFold(s, p.text)
}

// eqFold reports whether a and b are equal with ASCII letters folded.
func eqFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

// trim removes surrounding ASCII spaces and tabs without allocating.
func trim(s string) string {
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// cmpFold compares a and b with ASCII letters folded to lower case.
func cmpFold(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		x, y := lower(a[i]), lower(b[i])
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// foldString returns s trimmed with ASCII letters in lower case.
func foldString(s string) string {
	s = trim(s)
	for i := 0; i < len(s); i++ {
		if lower(s[i]) != s[i] {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = lower(b[j])
			}
			return string(b)
		}
	}
	return s
}
