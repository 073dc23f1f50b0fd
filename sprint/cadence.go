package sprint

import (
	"encoding/json"
	"iter"
	"strconv"
	"strings"

	"github.com/rickb777/date/v2"
)

// MaxWeeks is the longest sprint NewCadence accepts, in weeks.
const MaxWeeks = 52

// A Cadence numbers sprints of a fixed number of weeks from a first day (R6:
// Fleet's sprints are three weeks long). Sprint 1 starts on the first day;
// sprints repeat forwards and backwards without end, so the sprint before
// sprint 1 is sprint 0, the one before that sprint -1, and so on.
//
// A Cadence is a small immutable value: == compares two cadences and they
// work as map keys. The zero Cadence is not valid (IsValid reports false);
// its At returns the zero Sprint.
type Cadence struct {
	first date.Date
	weeks int
	days  int64 // 7 * weeks; 0 for the zero Cadence
	fq    int64 // floor(first / days)
	fr    int64 // first mod days, in [0, days)
}

// NewCadence returns the cadence of sprints weeks long whose sprint 1 starts
// on first. weeks must be 1 to MaxWeeks (ErrWeeks) and first must lie within
// date.Min() to date.Max() (ErrFirst). first may be any weekday.
func NewCadence(first date.Date, weeks int) (Cadence, error) {
	if weeks < 1 || weeks > MaxWeeks {
		return Cadence{}, &ConfigError{Field: "weeks", Value: strconv.Itoa(weeks), Err: ErrWeeks, Reason: weeksWant}
	}
	if first < date.Min() || first > date.Max() {
		return Cadence{}, &ConfigError{Field: "first", Value: strconv.FormatInt(int64(first), 10), Err: ErrFirst,
			Reason: "want a day from " + date.Min().String() + " to " + date.Max().String()}
	}
	days := int64(weeks) * 7
	q, r := floorDivMod(int64(first), days)
	return Cadence{first: first, weeks: weeks, days: days, fq: q, fr: r}, nil
}

var weeksWant = "want 1 to " + strconv.Itoa(MaxWeeks)

// MustNewCadence is like NewCadence but panics on error. It is intended for
// use in tests and examples with hard-coded values.
func MustNewCadence(first date.Date, weeks int) Cadence {
	c, err := NewCadence(first, weeks)
	if err != nil {
		panic(err)
	}
	return c
}

// floorDivMod returns q, r with a == q*b + r and 0 <= r < b, for b > 0.
func floorDivMod(a, b int64) (int64, int64) {
	q, r := a/b, a%b
	if r < 0 {
		q--
		r += b
	}
	return q, r
}

// IsValid reports whether c was made by NewCadence (the zero Cadence is not valid).
func (c Cadence) IsValid() bool { return c.days != 0 }

// First returns the first day of sprint 1.
func (c Cadence) First() date.Date { return c.first }

// Weeks returns the length of every sprint in weeks.
func (c Cadence) Weeks() int { return c.weeks }

// Days returns the length of every sprint in days (7 * Weeks).
func (c Cadence) Days() int { return int(c.days) }

// At returns the sprint that holds d, which may be before the first day
// (numbers 0 and below). It is pure arithmetic: the cost is the same for any
// distance from the first day. The zero Cadence returns the zero Sprint.
// Days beyond date.Min() and date.Max() give sprints whose bounds may wrap.
func (c Cadence) At(d date.Date) Sprint {
	if c.days == 0 {
		return Sprint{}
	}
	// Split d the same way as first so that d - first never overflows.
	q, r := floorDivMod(int64(d), c.days)
	n := q - c.fq
	off := r - c.fr
	if off < 0 {
		n--
		off += c.days
	}
	start := d - date.Date(off)
	return Sprint{Number: int(n + 1), Start: start, End: start + date.Date(c.days)}
}

// Sprint returns sprint number n; n may be 0 or negative (sprints before the
// first day). The zero Cadence returns the zero Sprint.
func (c Cadence) Sprint(n int) Sprint {
	if c.days == 0 {
		return Sprint{}
	}
	start := c.first + date.Date((int64(n)-1)*c.days)
	return Sprint{Number: n, Start: start, End: start + date.Date(c.days)}
}

// Sprints yields, in order, the sprints that overlap the days [from, to):
// from is included and to excluded. It yields nothing when to <= from or c
// is the zero Cadence, and stops when yield returns false.
func (c Cadence) Sprints(from, to date.Date) iter.Seq[Sprint] {
	return func(yield func(Sprint) bool) {
		if c.days == 0 || to <= from {
			return
		}
		for s := c.At(from); s.Start < to; s = s.Next() {
			if !yield(s) {
				return
			}
			if s.End <= s.Start { // wrapped at the end of the Date range
				return
			}
		}
	}
}

// String returns the cadence as an ISO 8601 repeating interval,
// "R/2024-01-08/P3W"; the zero Cadence gives "".
func (c Cadence) String() string {
	if c.days == 0 {
		return ""
	}
	return "R/" + c.first.String() + "/P" + strconv.Itoa(c.weeks) + "W"
}

// ParseCadence parses the form String returns: "R/2024-01-08/P3W", an ISO
// 8601 repeating interval of whole weeks starting on sprint 1's first day.
// Errors wrap ErrSyntax, ErrWeeks or ErrFirst.
func ParseCadence(s string) (Cadence, error) {
	bad := &ConfigError{Field: "cadence", Value: s, Err: ErrSyntax, Reason: `want "R/YYYY-MM-DD/PnW", such as "R/2024-01-08/P3W"`}
	rest, ok := strings.CutPrefix(s, "R/")
	if !ok {
		return Cadence{}, bad
	}
	day, period, ok := strings.Cut(rest, "/")
	if !ok || !strings.HasPrefix(period, "P") || !strings.HasSuffix(period, "W") {
		return Cadence{}, bad
	}
	first, err := parseDay("first", day)
	if err != nil {
		return Cadence{}, err
	}
	num := period[1 : len(period)-1]
	if !isDecimal(num) {
		return Cadence{}, bad
	}
	weeks, err := strconv.Atoi(num)
	if err != nil {
		return Cadence{}, &ConfigError{Field: "weeks", Value: num, Err: ErrWeeks, Reason: weeksWant}
	}
	return NewCadence(first, weeks)
}

// parseDay parses a calendar day strictly as YYYY-MM-DD (date.ParseISO
// normalises 2024-02-30 to March); errors name field and wrap ErrSyntax.
func parseDay(field, s string) (date.Date, error) {
	d, err := date.ParseISO(s)
	if err != nil || d.String() != s {
		return 0, &ConfigError{Field: field, Value: s, Err: ErrSyntax, Reason: "want a calendar day YYYY-MM-DD"}
	}
	return d, nil
}

// MarshalText implements encoding.TextMarshaler with the String form; the
// zero Cadence marshals to empty text.
func (c Cadence) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseCadence; empty
// text gives the zero Cadence.
func (c *Cadence) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = Cadence{}
		return nil
	}
	v, err := ParseCadence(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// cadenceWire is a Cadence in JSON.
type cadenceWire struct {
	First string `json:"first"`
	Weeks int    `json:"weeks"`
}

// cadence validates w as NewCadence does; a nil w is a missing cadence.
func (w *cadenceWire) cadence() (Cadence, error) {
	if w == nil {
		return Cadence{}, &ConfigError{Err: ErrSyntax, Reason: `missing; want {"first":"YYYY-MM-DD","weeks":N}`}
	}
	if w.First == "" {
		return Cadence{}, &ConfigError{Field: "first", Err: ErrSyntax, Reason: "missing; want a calendar day YYYY-MM-DD"}
	}
	first, err := parseDay("first", w.First)
	if err != nil {
		return Cadence{}, err
	}
	return NewCadence(first, w.Weeks)
}

// MarshalJSON implements json.Marshaler as {"first":"2024-01-08","weeks":3};
// the zero Cadence marshals to null.
func (c Cadence) MarshalJSON() ([]byte, error) {
	if c.days == 0 {
		return []byte("null"), nil
	}
	return json.Marshal(cadenceWire{First: c.first.String(), Weeks: c.weeks})
}

// UnmarshalJSON implements json.Unmarshaler for the object MarshalJSON
// writes, strictly (unknown and duplicate keys are errors), and validates as
// NewCadence does. null leaves c unchanged.
func (c *Cadence) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var w cadenceWire
	if err := decodeStrict(b, &w); err != nil {
		return err
	}
	v, err := w.cadence()
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// isDecimal reports whether s is a canonical unsigned decimal: digits only,
// no sign, no leading zero.
func isDecimal(s string) bool {
	if s == "" || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
