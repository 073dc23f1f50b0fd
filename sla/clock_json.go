package sla

import (
	"encoding/json"
	"errors"
	"github.com/teamcadence/cadence/internal/zones"
	"strconv"
	"strings"
	"time"
)

// ErrInvalidClock is matched by the *ConfigError that Clock.UnmarshalJSON
// and Catalog.DecodeClock return for a clock no sequence of actions could
// have produced: instants out of order, more time counted than elapsed, a
// cycle count below one.
var ErrInvalidClock = errors.New("sla: invalid clock")

// clockJSON is Clock's JSON form, both self-contained (Target is an
// object) and by reference (Target is a name, Calendar the calendar's name
// in a Catalog).
type clockJSON struct {
	Target     json.RawMessage `json:"target,omitempty"`
	Calendar   string          `json:"calendar,omitempty"`
	State      State           `json:"state,omitzero"`
	Zone       string          `json:"zone,omitempty"`
	Started    string          `json:"started,omitempty"`
	Since      string          `json:"since,omitempty"`
	Elapsed    string          `json:"elapsed,omitempty"`
	BreachedAt string          `json:"breachedAt,omitempty"`
	Cycles     int             `json:"cycles,omitempty"`
	Worst      string          `json:"worst,omitempty"`
	Breaches   int             `json:"breaches,omitempty"`
}

// clockWire is what the decoders read strictly; pointers tell a missing
// (or null) field from a given one.
type clockWire struct {
	Target     json.RawMessage `json:"target"`
	Calendar   *string         `json:"calendar"`
	State      *string         `json:"state"`
	Zone       *string         `json:"zone"`
	Started    *string         `json:"started"`
	Since      *string         `json:"since"`
	Elapsed    *string         `json:"elapsed"`
	BreachedAt *string         `json:"breachedAt"`
	Cycles     *int            `json:"cycles"`
	Worst      *string         `json:"worst"`
	Breaches   *int            `json:"breaches"`
}

// MarshalJSON encodes c self-contained, with its whole target and calendar,
// losslessly: "target" (in Target's JSON form), "state", the instants
// "started" (current cycle), "since" (last event, left out when it is
// "started") and "breachedAt" (if a deadline was passed at an action), the
// time "elapsed" before the last event (left out when zero), and the cycle
// summary "cycles" (left out when 1), "worst" and "breaches". Durations are
// Go duration strings such as "1h30m0s". Instants are RFC 3339 strings with
// nanoseconds, time.Time's own JSON, readable as they are by JavaScript's
// Date and PostgreSQL's timestamptz. Their zone travels by IANA name in
// "zone" (the zone of the last event), left out when it is the calendar's
// zone, UTC for a clock without a calendar, or a zone time.LoadLocation
// cannot load by its name (such as time.Local or a time.FixedZone):
// instants then decode as the same instants, in the calendar's zone, or for
// a clock without a calendar in a fixed zone of the offset written. The
// zero Clock encodes as {}.
//
// To store a clock without its calendar, see [Catalog.EncodeClock].
func (c Clock) MarshalJSON() ([]byte, error) {
	if c.state == 0 {
		return []byte("{}"), nil
	}
	t, err := c.target.MarshalJSON()
	if err != nil {
		return nil, withPath("target", err)
	}
	j, err := c.wire(calendarZone(c.target.Calendar))
	if err != nil {
		return nil, err
	}
	j.Target = t
	return json.Marshal(j)
}

// wire fills the fields of clockJSON other than target and calendar; calLoc
// is the location the decoder will use when "zone" is missing.
func (c Clock) wire(calLoc *time.Location) (clockJSON, error) {
	j := clockJSON{State: c.state, Breaches: c.breaches}
	if _, err := c.state.MarshalText(); err != nil {
		return j, err
	}
	if c.cycles != 1 {
		j.Cycles = c.cycles
	}
	if c.stored != 0 {
		j.Elapsed = c.stored.String()
	}
	if c.worst != 0 {
		j.Worst = c.worst.String()
	}
	var err error
	if j.Started, err = formatInstant("started", c.started); err != nil {
		return j, err
	}
	if !c.since.Equal(c.started) || c.since.Location() != c.started.Location() {
		if j.Since, err = formatInstant("since", c.since); err != nil {
			return j, err
		}
	}
	if !c.breachedAt.IsZero() {
		if j.BreachedAt, err = formatInstant("breachedAt", c.breachedAt); err != nil {
			return j, err
		}
	}
	if loc := c.since.Location(); loc != calLoc && (calLoc == nil || loc.String() != calLoc.String()) {
		switch name := loc.String(); {
		case name == "UTC":
			if calLoc != nil && c.sameOffsets(time.UTC) {
				j.Zone = name
			}
		case name != "" && name != "Local":
			if l, ok := clockZone(name); ok && c.sameOffsets(l) {
				j.Zone = name
			}
		}
	}
	return j, nil
}

// sameOffsets reports whether c's instants have the same UTC offsets in loc
// as in their own locations, so that decoding them in loc writes them the
// same way.
func (c Clock) sameOffsets(loc *time.Location) bool {
	for _, t := range [...]time.Time{c.started, c.since, c.breachedAt} {
		if t.IsZero() {
			continue
		}
		_, a := t.Zone()
		_, b := t.In(loc).Zone()
		if a != b {
			return false
		}
	}
	return true
}

// calendarZone is the zone a decoder puts instants in when "zone" is
// missing: the calendar's, or none for the zero Calendar.
func calendarZone(cal Calendar) *time.Location {
	if cal.IsZero() {
		return nil
	}
	return cal.Location()
}

// UnmarshalJSON decodes the self-contained form MarshalJSON writes,
// strictly: an unknown or duplicate key at any depth, a malformed value, a
// zero instant, an unknown zone name, or a clock no sequence of actions
// could have produced is refused with a *ConfigError naming the JSON path,
// matching ErrUnknownField, ErrDuplicateKey, ErrSyntax, ErrZeroTime,
// ErrZone or ErrInvalidClock, and errors of the target match
// Target.UnmarshalJSON's. A clock stored by reference (a target name) is
// refused with ErrUnknownName: decode it with [Catalog.DecodeClock]. null
// leaves c unchanged, as does any error; {} decodes to the zero Clock. A
// null field is the same as a missing one; the fields MarshalJSON leaves
// out have their defaults ("since" is "started", "elapsed" 0, "cycles" 1),
// and "state", "target" and "started" are required.
//
// The time counted before the last event ("elapsed") is kept as stored; it
// must not exceed the real time from "started" to "since". A calendar
// edited in the stored JSON, such as one given a holiday, counts from the
// last event on, as with [Clock.WithCalendar].
func (c *Clock) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	n, err := decodeClock(b, nil)
	if err != nil {
		return err
	}
	*c = n
	return nil
}

// decodeClock decodes either form; cat resolves names, and a nil cat
// refuses a clock by reference.
func decodeClock(b []byte, cat *Catalog) (Clock, error) {
	var j clockWire
	var vals wireValues
	if !scanFlatClock(b, &j, &vals) {
		j = clockWire{}
		if err := decodeStrict(b, &j, ""); err != nil {
			return Clock{}, err
		}
	}
	if j.State == nil {
		empty := j.Calendar == nil && j.Zone == nil && j.Started == nil && j.Since == nil && j.Elapsed == nil &&
			j.BreachedAt == nil && j.Cycles == nil && j.Worst == nil && j.Breaches == nil
		if !empty || len(j.Target) > 0 && !isNull(j.Target) {
			return Clock{}, &ConfigError{Field: "state", Err: ErrInvalidClock, Reason: "missing"}
		}
		return Clock{}, nil
	}
	n := Clock{cycles: 1}
	if err := n.state.UnmarshalText([]byte(*j.State)); err != nil {
		return Clock{}, err
	}
	if n.state == 0 {
		return Clock{}, &ConfigError{Field: "state", Err: ErrSyntax, Reason: "want running, paused or stopped"}
	}
	byName := false
	switch {
	case len(j.Target) == 0 || isNull(j.Target):
		return Clock{}, &ConfigError{Field: "target", Err: ErrInvalidClock, Reason: "missing"}
	case j.Target[0] == '"':
		byName = true
		name, err := unquote(j.Target)
		if err != nil {
			return Clock{}, &ConfigError{Field: "target", Value: string(j.Target), Err: ErrSyntax, Reason: err.Error()}
		}
		if cat == nil {
			return Clock{}, &ConfigError{Field: "target", Value: name, Err: ErrUnknownName,
				Reason: "a clock stored by reference: decode it with Catalog.DecodeClock"}
		}
		t, ok := cat.targets[name]
		if !ok {
			return Clock{}, &ConfigError{Field: "target", Value: name, Err: ErrUnknownName, Reason: "no such target in the catalog"}
		}
		t.Calendar = Calendar{}
		if j.Calendar != nil {
			cal, ok := cat.calendars[*j.Calendar]
			if !ok {
				return Clock{}, &ConfigError{Field: "calendar", Value: *j.Calendar, Err: ErrUnknownName,
					Reason: "no such calendar in the catalog"}
			}
			t.Calendar = cal
		}
		n.target = t
	default:
		if j.Calendar != nil {
			return Clock{}, &ConfigError{Field: "calendar", Value: *j.Calendar, Err: ErrInvalidClock,
				Reason: "a calendar name beside a whole target"}
		}
		if err := withPath("target", n.target.UnmarshalJSON(j.Target)); err != nil {
			return Clock{}, err
		}
	}
	zone := calendarZone(n.target.Calendar)
	if j.Zone != nil {
		loc, err := zoneNamed(*j.Zone, zone)
		if err != nil {
			return Clock{}, err
		}
		zone = loc
	}
	var err error
	if n.started, err = parseInstant("started", j.Started, zone); err != nil {
		return Clock{}, err
	}
	n.since = n.started
	if j.Since != nil {
		if n.since, err = parseInstant("since", j.Since, zone); err != nil {
			return Clock{}, err
		}
	}
	if j.BreachedAt != nil {
		if n.breachedAt, err = parseInstant("breachedAt", j.BreachedAt, zone); err != nil {
			return Clock{}, err
		}
	}
	if n.stored, err = parseCount("elapsed", j.Elapsed); err != nil {
		return Clock{}, err
	}
	if n.worst, err = parseCount("worst", j.Worst); err != nil {
		return Clock{}, err
	}
	if j.Cycles != nil {
		n.cycles = *j.Cycles
	}
	if j.Breaches != nil {
		n.breaches = *j.Breaches
	}
	if err := n.consistent(!byName); err != nil {
		return Clock{}, err
	}
	return n, nil
}

// consistent checks the invariants the actions maintain. Those that
// involve the target's Within are checked only when the target travels with
// the clock: a target resolved by name may have changed since.
func (c Clock) consistent(withTarget bool) error {
	bad := func(field, value, why string) error {
		return &ConfigError{Field: field, Value: value, Err: ErrInvalidClock, Reason: why}
	}
	instant := func(t time.Time) string { return t.Format(time.RFC3339Nano) }
	switch {
	case c.since.Before(c.started):
		return bad("since", instant(c.since), "before \"started\"")
	case c.cycles < 1:
		return bad("cycles", strconv.Itoa(c.cycles), "less than 1")
	case c.breaches < 0 || c.breaches >= c.cycles:
		return bad("breaches", strconv.Itoa(c.breaches), "not within the "+strconv.Itoa(c.cycles-1)+" completed cycles")
	case c.cycles == 1 && c.worst != 0:
		return bad("worst", c.worst.String(), "set with no completed cycle")
	case !c.breachedAt.IsZero() && (c.breachedAt.Before(c.started) || !c.breachedAt.Before(c.since)):
		return bad("breachedAt", instant(c.breachedAt), "outside [started, since)")
	case c.stored > c.since.Sub(c.started):
		return bad("elapsed", c.stored.String(), "more than the time from \"started\" to \"since\"")
	case !withTarget:
	case !c.breachedAt.IsZero() && c.stored < c.target.Within:
		return bad("breachedAt", instant(c.breachedAt), "set with less than \"within\" elapsed")
	case c.breachedAt.IsZero() && c.stored > c.target.Within:
		return bad("elapsed", c.stored.String(), "more than \"within\" with no \"breachedAt\"")
	}
	return nil
}

// parseCount reads the non-negative Go duration s, the value of field; a
// missing one is zero.
func parseCount(field string, s *string) (time.Duration, error) {
	if s == nil {
		return 0, nil
	}
	d, err := time.ParseDuration(*s)
	if err != nil || d < 0 {
		return 0, &ConfigError{Field: field, Value: *s, Err: ErrSyntax, Reason: "want a non-negative Go duration such as \"1h30m\""}
	}
	return d, nil
}

// formatInstant writes t, the value of field, as RFC 3339 with nanoseconds.
func formatInstant(field string, t time.Time) (string, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		return "", &ConfigError{Field: field, Value: t.String(), Err: ErrInvalidClock, Reason: "year outside [0, 9999]"}
	}
	return t.Format(time.RFC3339Nano), nil
}

// parseInstant reads an RFC 3339 instant, the value of field, into loc
// (when not nil). The RFC 9557 form with a zone name in brackets
// ("2024-03-08T16:00:00-06:00[America/Chicago]") is read as well, and its
// zone wins.
func parseInstant(field string, s *string, loc *time.Location) (time.Time, error) {
	if s == nil {
		return time.Time{}, &ConfigError{Field: field, Err: ErrInvalidClock, Reason: "missing"}
	}
	text := *s
	if i := strings.IndexByte(text, '['); i >= 0 {
		if !strings.HasSuffix(text, "]") {
			return time.Time{}, &ConfigError{Field: field, Value: *s, Err: ErrSyntax, Reason: "malformed zone suffix"}
		}
		l, err := zoneNamed(text[i+1:len(text)-1], loc)
		if err != nil {
			return time.Time{}, withPath(field, err)
		}
		text, loc = text[:i], l
	}
	t, err := time.ParseInLocation(time.RFC3339Nano, text, time.UTC) // never time.Local
	if err != nil {
		return time.Time{}, &ConfigError{Field: field, Value: *s, Err: ErrSyntax, Reason: "want an RFC 3339 instant"}
	}
	if t.IsZero() {
		return time.Time{}, &ConfigError{Field: field, Value: *s, Err: ErrZeroTime}
	}
	if loc != nil {
		t = t.In(loc)
	}
	return t, nil
}

// zoneNamed returns the zone named name: known, when it has that name, or
// one loaded with time.LoadLocation. "Local" and names that do not load are
// a *ConfigError matching ErrZone.
func zoneNamed(name string, known *time.Location) (*time.Location, error) {
	if known != nil && known.String() == name {
		return known, nil
	}
	if name == "UTC" {
		return time.UTC, nil
	}
	if name == "Local" || name == "" {
		return nil, &ConfigError{Field: "zone", Value: name, Err: ErrZone, Reason: "want an IANA zone name"}
	}
	loc, ok := clockZone(name)
	if !ok {
		return nil, &ConfigError{Field: "zone", Value: name, Err: ErrZone, Reason: "time.LoadLocation cannot load it"}
	}
	return loc, nil
}

// clockZone loads a zone named in a clock's JSON, through the process-wide
// cache of internal/zones, so that decoding many clocks reads the zone
// database once per zone. Names that cannot be an IANA zone are refused
// before the zone database is asked.
func clockZone(name string) (*time.Location, bool) {
	if name == "Local" || name == "" || strings.ContainsAny(name, "[]\x00") || len(name) > 255 {
		return nil, false
	}
	l, err := zones.Load(name)
	return l, err == nil
}

// unquote returns the text of the JSON string raw.
func unquote(raw []byte) (string, error) {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' && plainString(raw[1:len(raw)-1]) {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

// plainString reports whether b, the inside of a JSON string, is printable
// ASCII without escapes, so that its text is b itself.
func plainString(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c >= 0x80 || c == '\\' || c == '"' {
			return false
		}
	}
	return true
}

// wireValues holds the strings a clockWire filled by scanFlatClock points
// to, so that they take one allocation.
type wireValues struct {
	calendar, state, zone, started, since, elapsed, breachedAt, worst string
	cycles, breaches                                                  int
}

// scanFlatClock is the fast path of decodeClock for the common stored
// form: one flat object whose values are plain ASCII strings without
// escapes, small integers or null, each key known and given once, nothing
// after it. It fills j as decodeStrict would and reports true; for anything
// else (a target object, escapes, an unknown or repeated key, bad syntax) it
// reports false, and decodeStrict decodes the input and names any error.
func scanFlatClock(b []byte, j *clockWire, v *wireValues) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return skipSpace(b, i+1) == len(b)
	}
	var seen uint16
	for {
		key, next, ok := scanPlainString(b, i)
		if !ok {
			return false
		}
		i = skipSpace(b, next)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		k := wireKey(key)
		if k < 0 || seen&(1<<k) != 0 || i >= len(b) {
			return false
		}
		seen |= 1 << k
		switch {
		case b[i] == 'n':
			if len(b)-i < 4 || string(b[i:i+4]) != "null" {
				return false
			}
			i += 4
		case k == keyCycles || k == keyBreaches:
			n, next, ok := scanSmallInt(b, i)
			if !ok {
				return false
			}
			i = next
			if k == keyCycles {
				v.cycles, j.Cycles = n, &v.cycles
			} else {
				v.breaches, j.Breaches = n, &v.breaches
			}
		default:
			s, next, ok := scanPlainString(b, i)
			if !ok {
				return false
			}
			if k == keyTarget {
				j.Target = b[i:next]
			} else {
				dst, ptr := v.field(k, j)
				*dst = string(s)
				*ptr = dst
			}
			i = next
		}
		i = skipSpace(b, i)
		if i >= len(b) {
			return false
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case '}':
			return skipSpace(b, i+1) == len(b)
		default:
			return false
		}
	}
}

// The keys of clockJSON, for scanFlatClock.
const (
	keyTarget = iota
	keyCalendar
	keyState
	keyZone
	keyStarted
	keySince
	keyElapsed
	keyBreachedAt
	keyCycles
	keyWorst
	keyBreaches
)

func wireKey(key []byte) int {
	switch string(key) {
	case "target":
		return keyTarget
	case "calendar":
		return keyCalendar
	case "state":
		return keyState
	case "zone":
		return keyZone
	case "started":
		return keyStarted
	case "since":
		return keySince
	case "elapsed":
		return keyElapsed
	case "breachedAt":
		return keyBreachedAt
	case "cycles":
		return keyCycles
	case "worst":
		return keyWorst
	case "breaches":
		return keyBreaches
	}
	return -1
}

// field returns the string of v and the pointer of j for the string key k.
func (v *wireValues) field(k int, j *clockWire) (*string, **string) {
	switch k {
	case keyCalendar:
		return &v.calendar, &j.Calendar
	case keyState:
		return &v.state, &j.State
	case keyZone:
		return &v.zone, &j.Zone
	case keyStarted:
		return &v.started, &j.Started
	case keySince:
		return &v.since, &j.Since
	case keyElapsed:
		return &v.elapsed, &j.Elapsed
	case keyBreachedAt:
		return &v.breachedAt, &j.BreachedAt
	}
	return &v.worst, &j.Worst
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// scanPlainString scans the JSON string at b[i] and returns its inside and
// the index after it, when it is printable ASCII without escapes.
func scanPlainString(b []byte, i int) ([]byte, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, 0, false
	}
	for k := i + 1; k < len(b); k++ {
		switch c := b[k]; {
		case c == '"':
			return b[i+1 : k], k + 1, true
		case c < 0x20 || c >= 0x80 || c == '\\':
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// scanSmallInt scans a JSON integer of at most 9 digits at b[i].
func scanSmallInt(b []byte, i int) (int, int, bool) {
	neg := i < len(b) && b[i] == '-'
	if neg {
		i++
	}
	start, n := i, 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' && i-start < 9 {
		n = n*10 + int(b[i]-'0')
		i++
	}
	switch {
	case i == start, b[start] == '0' && i-start > 1:
		return 0, 0, false
	case i < len(b) && (b[i] >= '0' && b[i] <= '9' || b[i] == '.' || b[i] == 'e' || b[i] == 'E'):
		return 0, 0, false
	}
	if neg {
		n = -n
	}
	return n, i, true
}
