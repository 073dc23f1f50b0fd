package release

import (
	"bytes"
	"cmp"
	"encoding/json"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/teamcadence/cadence/internal/strict"
)

// Shipped records one release that actually happened: its version (a minor
// such as 4.58.0 or a patch such as 4.58.2) and its day (R30).
type Shipped struct {
	Version Version
	Day     date.Date
}

// History is a record of shipped releases, sorted by day and then version.
// It is immutable; the zero History is empty.
type History struct {
	s []Shipped
}

// NewHistory returns the history of shipped, in any order. Every version
// must be valid and non-zero and appear once (a *ConfigError matching
// ErrHistory otherwise, whose Field is the entry's index, "[3].version").
func NewHistory(shipped ...Shipped) (History, error) {
	seen := make(map[Version]int, len(shipped))
	for i, x := range shipped {
		at := strict.Index("", i)
		switch {
		case x.Version.IsZero() || !x.Version.IsValid():
			return History{}, configErr(at+".version", x.Version.String(), "not a release version", ErrHistory)
		case x.Day < minDay || x.Day > maxDay:
			return History{}, configErr(at+".day", x.Day.String(), "outside years -1000000 to 1000000", ErrHistory)
		}
		if j, dup := seen[x.Version]; dup {
			return History{}, configErr(at+".version", x.Version.String(), "shipped twice (also "+strict.Index("", j)+")", ErrHistory)
		}
		seen[x.Version] = i
	}
	s := slices.Clone(shipped)
	slices.SortFunc(s, func(a, b Shipped) int {
		if c := cmp.Compare(a.Day, b.Day); c != 0 {
			return c
		}
		return a.Version.Compare(b.Version)
	})
	return History{s: s}, nil
}

// Len returns the number of shipped releases.
func (h History) Len() int { return len(h.s) }

// All yields the shipped releases in order of day, then version.
func (h History) All() iter.Seq[Shipped] {
	return func(yield func(Shipped) bool) {
		for _, x := range h.s {
			if !yield(x) {
				return
			}
		}
	}
}

// Until returns the releases of h shipped on or before day.
func (h History) Until(day date.Date) History {
	n, _ := slices.BinarySearchFunc(h.s, day+1, func(x Shipped, d date.Date) int { return cmp.Compare(x.Day, d) })
	return History{s: h.s[:n:n]}
}

type shippedWire struct {
	Version string `json:"version"`
	Day     string `json:"day"`
}

// MarshalJSON encodes h as a JSON array of {"version":"4.58.0","day":"2024-10-17"}.
func (h History) MarshalJSON() ([]byte, error) {
	out := make([]shippedWire, len(h.s))
	for i, x := range h.s {
		out[i] = shippedWire{x.Version.String(), x.Day.String()}
	}
	return json.Marshal(out)
}

// UnmarshalJSON decodes the form MarshalJSON writes, strictly (unknown and
// duplicate keys are refused, errors name the JSON path "[3].day"), and
// validates it with NewHistory. Both keys are required. A null document
// leaves h as it was.
func (h *History) UnmarshalJSON(b []byte) error {
	var ws *[]shippedWire
	if err := decode(b, &ws, ""); err != nil {
		return err
	}
	if ws == nil {
		return nil
	}
	s := make([]Shipped, len(*ws))
	for i, w := range *ws {
		at := strict.Index("", i)
		v, err := ParseVersion(w.Version)
		if err != nil {
			return withPath(at+".version", err)
		}
		if w.Day == "" {
			return configErr(at+".day", "", "required: want a day YYYY-MM-DD", ErrHistory)
		}
		d, err := parseDay(w.Day)
		if err != nil {
			return configErr(at+".day", w.Day, "want a day YYYY-MM-DD", ErrSyntax)
		}
		s[i] = Shipped{v, d}
	}
	v, err := NewHistory(s...)
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// A Tag is a release tag split into its parts: "fleet-v4.58.0-rc.1+b5" is
// Prefix "fleet-v", Version 4.58.0, Pre "rc.1" and Build "b5".
type Tag struct {
	Prefix  string  // the product prefix with any "v", such as "fleet-v"
	Version Version // MAJOR.MINOR.PATCH
	Pre     string  // the pre-release suffix after "-", without it; empty for a release
	Build   string  // the build metadata after "+", without it
}

// IsPreRelease reports whether t is a pre-release (it has a Pre suffix): a
// pre-release is not a shipped release.
func (t Tag) IsPreRelease() bool { return t.Pre != "" }

// String returns the tag as it was written.
func (t Tag) String() string {
	s := t.Prefix + t.Version.String()
	if t.Pre != "" {
		s += "-" + t.Pre
	}
	if t.Build != "" {
		s += "+" + t.Build
	}
	return s
}

// ParseTag parses a release tag: prefix, an optional "v", a version
// MAJOR.MINOR.PATCH, then optionally "-pre-release" and "+build" as in
// semantic versioning ("fleet-v4.58.0", "fleet-4.58.0", "v4.58.0-rc.1",
// "4.58.0+build.5" with prefix ""). A tag without the prefix, or whose
// version is malformed, returns a *ConfigError matching ErrVersion.
func ParseTag(s, prefix string) (Tag, error) {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok {
		return Tag{}, configErr("tag", s, "want the prefix "+strconv.Quote(prefix), ErrVersion)
	}
	t := Tag{Prefix: prefix}
	if r, ok := strings.CutPrefix(rest, "v"); ok {
		t.Prefix, rest = prefix+"v", r
	}
	if i := strings.IndexByte(rest, '+'); i >= 0 {
		t.Build, rest = rest[i+1:], rest[:i]
		if !semverIdents(t.Build) {
			return Tag{}, configErr("tag", s, "malformed build suffix "+strconv.Quote(t.Build), ErrVersion)
		}
	}
	if i := strings.IndexByte(rest, '-'); i >= 0 {
		t.Pre, rest = rest[i+1:], rest[:i]
		if !semverIdents(t.Pre) {
			return Tag{}, configErr("tag", s, "malformed pre-release suffix "+strconv.Quote(t.Pre), ErrVersion)
		}
	}
	v, err := parseVersion(rest)
	if err != "" {
		return Tag{}, configErr("tag", s, err, ErrVersion)
	}
	t.Version = v
	return t, nil
}

// semverIdents reports whether s is dot-separated non-empty identifiers of
// [0-9A-Za-z-].
func semverIdents(s string) bool {
	for _, id := range strings.Split(s, ".") {
		if id == "" {
			return false
		}
		for i := 0; i < len(id); i++ {
			c := id[i]
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
				return false
			}
		}
	}
	return true
}

// A LineError reports a line of a tag listing that ParseHistory cannot
// read: its number (1-based), its text and why. It matches Err (ErrSyntax,
// ErrVersion, ErrZone or ErrHistory) with errors.Is.
type LineError struct {
	Line   int
	Text   string
	Reason string
	Err    error
}

// Error returns `release: line 3 "fleet-v4.58": malformed version: why`.
func (e *LineError) Error() string {
	return strict.Message("release", "line "+strconv.Itoa(e.Line), e.Text, e.Reason, e.Err)
}

// Unwrap returns the sentinel.
func (e *LineError) Unwrap() error { return e.Err }

// ParseHistory reads a history of shipped releases from the tag listings
// teams have, as bytes (it does no I/O):
//
//   - lines of a tag name and a day or an instant, in any order, separated
//     by spaces or tabs, as `git tag --format='%(refname:short) %(creatordate:short)'`
//     or `git for-each-ref` print ("fleet-v4.58.0 2024-10-17");
//   - the lines `gh release list` prints when its output is not a terminal
//     (title, type, tag and publishedAt, tab-separated): lines whose type
//     is "Draft" or "Pre-release" are left out, and so is a header line
//     starting with "TITLE";
//   - the JSON array `gh release list --json tagName,publishedAt` prints
//     ([{"tagName":"fleet-v4.58.0","publishedAt":"2024-10-17T19:05:00Z"}]),
//     decoded strictly: errors name the element, "[3].publishedAt".
//
// Tags are read with ParseTag and prefix: tags without the prefix (another
// product's, in a monorepo) and pre-releases are left out, since they are
// not releases of this product; build metadata is ignored. Blank lines and
// lines starting with "#" are ignored. Days are YYYY-MM-DD; instants are
// RFC 3339 and become the day they fall on in zone, which is then required
// (ErrZone otherwise; Fleet publishes from Pacific time). A line with no day
// (plain `git tag` output has none) or a malformed tag or day returns a
// *LineError naming the line; a version listed twice, or a zero instant,
// too (ErrHistory, ErrZeroTime).
func ParseHistory(data []byte, prefix string, zone *time.Location) (History, error) {
	if zone != nil {
		if err := checkZone("zone", zone); err != nil {
			return History{}, err
		}
	}
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '[' {
		return parseHistoryJSON(t, prefix, zone)
	}
	var s []Shipped
	line := map[Version]int{}
	for i, text := range strings.Split(string(data), "\n") {
		n := i + 1
		text = strings.TrimRight(text, "\r")
		trim := strings.TrimSpace(text)
		if trim == "" || trim[0] == '#' {
			continue
		}
		bad := func(why string, err error) (History, error) {
			return History{}, &LineError{Line: n, Text: trim, Reason: why, Err: err}
		}
		var fields []string
		if strings.Contains(trim, "\t") {
			fields = strings.Split(trim, "\t")
		} else {
			fields = strings.Fields(trim)
		}
		if fields[0] == "TITLE" {
			continue // gh's header
		}
		var tag *Tag
		var day *date.Date
		var tagErr error
		skip := false
		for _, f := range fields {
			f = strings.TrimSpace(f)
			switch {
			case f == "Draft" || f == "Pre-release":
				skip = true
				continue
			case f == "Latest" || f == "":
				continue
			}
			if d, ok, err := readDay(f, zone); ok {
				if err != nil {
					return bad(err.Error(), errOf(err))
				}
				day = &d
				continue
			}
			t, err := ParseTag(f, prefix)
			if err == nil {
				tag = &t
			} else if looksLikeTag(f, prefix) {
				tagErr = err
			}
		}
		switch {
		case skip:
			continue
		case tag == nil && tagErr != nil:
			why := tagErr.Error()
			if ce, ok := tagErr.(*ConfigError); ok {
				why = strconv.Quote(ce.Value) + ": " + ce.Reason
			}
			return bad(why, ErrVersion)
		case tag == nil && prefix != "":
			continue // another product's tag
		case tag == nil:
			return bad("no release tag", ErrSyntax)
		case tag.IsPreRelease():
			continue
		case day == nil:
			return bad("no day: list tags with their days, as git tag --format='%(refname:short) %(creatordate:short)' does", ErrSyntax)
		}
		if first, dup := line[tag.Version]; dup {
			return bad(tag.Version.String()+" already on line "+strconv.Itoa(first), ErrHistory)
		}
		line[tag.Version] = n
		s = append(s, Shipped{tag.Version, *day})
	}
	return NewHistory(s...)
}

// looksLikeTag reports whether f is meant as a tag: it has the prefix and a
// digit follows it (after an optional "v").
func looksLikeTag(f, prefix string) bool {
	rest, ok := strings.CutPrefix(f, prefix)
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest, "v")
	return rest != "" && rest[0] >= '0' && rest[0] <= '9'
}

type dayError struct {
	why string
	err error
}

func (e dayError) Error() string { return e.why }

func errOf(err error) error {
	if d, ok := err.(dayError); ok {
		return d.err
	}
	return ErrSyntax
}

// readDay reads f as a day YYYY-MM-DD or an RFC 3339 instant. It reports
// false when f looks like neither (it does not start with four digits and
// a dash).
func readDay(f string, zone *time.Location) (date.Date, bool, error) {
	if len(f) < 10 || f[4] != '-' || f[0] < '0' || f[0] > '9' {
		return 0, false, nil
	}
	if len(f) == 10 {
		d, err := parseDay(f)
		if err != nil {
			return 0, true, dayError{"malformed day " + strconv.Quote(f), ErrSyntax}
		}
		return d, true, nil
	}
	t, err := time.Parse(time.RFC3339, f)
	if err != nil {
		return 0, true, dayError{"malformed instant " + strconv.Quote(f) + ": want RFC 3339", ErrSyntax}
	}
	return instantDay(t, zone)
}

func instantDay(t time.Time, zone *time.Location) (date.Date, bool, error) {
	if t.IsZero() || t.Year() <= 1 {
		return 0, true, dayError{"zero instant", ErrZeroTime}
	}
	if zone == nil {
		return 0, true, dayError{"an instant needs a zone to become a day: pass one (America/Los_Angeles for Fleet)", ErrZone}
	}
	return date.NewAt(t.In(zone)), true, nil
}

type ghRelease struct {
	TagName     string `json:"tagName"`
	PublishedAt string `json:"publishedAt"`
}

func parseHistoryJSON(data []byte, prefix string, zone *time.Location) (History, error) {
	var rs []ghRelease
	if err := decode(data, &rs, ""); err != nil {
		return History{}, err
	}
	var s []Shipped
	index := map[Version]int{}
	for i, r := range rs {
		at := strict.Index("", i)
		t, err := ParseTag(r.TagName, prefix)
		if err != nil {
			if !looksLikeTag(r.TagName, prefix) && prefix != "" {
				continue // another product's tag
			}
			return History{}, withField(at+".tagName", err)
		}
		if t.IsPreRelease() {
			continue
		}
		if r.PublishedAt == "" {
			return History{}, configErr(at+".publishedAt", "", "not published (a draft?)", ErrZeroTime)
		}
		inst, err := time.Parse(time.RFC3339, r.PublishedAt)
		if err != nil {
			return History{}, configErr(at+".publishedAt", r.PublishedAt, "want an RFC 3339 instant", ErrSyntax)
		}
		d, _, err := instantDay(inst, zone)
		if err != nil {
			return History{}, configErr(at+".publishedAt", r.PublishedAt, err.Error(), errOf(err))
		}
		if j, dup := index[t.Version]; dup {
			return History{}, configErr(at+".tagName", r.TagName, "shipped twice (also "+strict.Index("", j)+")", ErrHistory)
		}
		index[t.Version] = i
		s = append(s, Shipped{t.Version, d})
	}
	return NewHistory(s...)
}
