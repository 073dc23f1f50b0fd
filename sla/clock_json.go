package sla

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/teamcadence/cadence/internal/zones"
)

// ErrInvalidClock is wrapped by the errors Clock.UnmarshalJSON and
// State.UnmarshalText return for input that is not a clock MarshalJSON could
// have written.
var ErrInvalidClock = errors.New("sla: invalid clock")

// clockJSON is Clock's JSON form.
type clockJSON struct {
	Target     *Target `json:"target,omitempty"`
	State      State   `json:"state,omitzero"`
	Started    string  `json:"started,omitempty"`
	Since      string  `json:"since,omitempty"`
	Elapsed    string  `json:"elapsed,omitempty"`
	BreachedAt string  `json:"breached_at,omitempty"`
	Cycles     int     `json:"cycles,omitempty"`
	Worst      string  `json:"worst,omitempty"`
	Breaches   int     `json:"breaches,omitempty"`
}

// MarshalJSON encodes c for storage, losslessly: the target (in Target's JSON
// form), "state", the instants "started" (current cycle), "since" (last
// event) and "breached_at" (if a deadline was passed at a move), the time
// "elapsed" before the last event, and the cycle summary "cycles", "worst"
// and "breaches". Durations are Go duration strings. Instants are RFC 3339
// with nanoseconds and the zone name in brackets (RFC 9557), as in
// "2024-03-08T16:00:00.5-06:00[America/Chicago]", so they decode in the same
// location. The zero Clock encodes as {}.
func (c Clock) MarshalJSON() ([]byte, error) {
	if c.state == 0 {
		return []byte("{}"), nil
	}
	j := clockJSON{
		Target:   &c.target,
		State:    c.state,
		Elapsed:  c.stored.String(),
		Cycles:   c.cycles,
		Breaches: c.breaches,
	}
	if c.worst != 0 {
		j.Worst = c.worst.String()
	}
	var err error
	if j.Started, err = formatInstant("started", c.started); err != nil {
		return nil, err
	}
	if j.Since, err = formatInstant("since", c.since); err != nil {
		return nil, err
	}
	if !c.breachedAt.IsZero() {
		if j.BreachedAt, err = formatInstant("breached_at", c.breachedAt); err != nil {
			return nil, err
		}
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form MarshalJSON writes. It checks that the
// result is a clock the moves could have produced (a valid target, instants
// in order, no more time elapsed than the calendar was open since the cycle
// started, a recorded deadline whenever more than Within was counted) and
// otherwise returns an error wrapping ErrInvalidClock or ErrInvalidTarget,
// leaving c unchanged. {} decodes to the zero Clock. Each zone name is
// loaded with time.LoadLocation, which reads the system's zone database.
func (c *Clock) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var j clockJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("sla: clock JSON: %w", err)
	}
	if j.State == 0 {
		if j != (clockJSON{}) {
			return fmt.Errorf("sla: clock JSON: missing \"state\": %w", ErrInvalidClock)
		}
		*c = Clock{}
		return nil
	}
	if j.Target == nil {
		return fmt.Errorf("sla: clock JSON: missing \"target\": %w", ErrInvalidClock)
	}
	n := Clock{target: *j.Target, state: j.State, cycles: j.Cycles, breaches: j.Breaches}
	var memo zoneMemo
	var err error
	if n.started, err = memo.parseInstant("started", j.Started); err != nil {
		return err
	}
	if n.since, err = memo.parseInstant("since", j.Since); err != nil {
		return err
	}
	if n.stored, err = parseClockDuration("elapsed", j.Elapsed, false); err != nil {
		return err
	}
	if n.worst, err = parseClockDuration("worst", j.Worst, true); err != nil {
		return err
	}
	if j.BreachedAt != "" {
		if n.breachedAt, err = memo.parseInstant("breached_at", j.BreachedAt); err != nil {
			return err
		}
	}
	if err := n.consistent(); err != nil {
		return err
	}
	*c = n
	return nil
}

// consistent checks the invariants the moves maintain.
func (c Clock) consistent() error {
	bad := func(field, value, why string) error {
		return fmt.Errorf("sla: clock JSON: %s %q: %s: %w", field, value, why, ErrInvalidClock)
	}
	switch {
	case c.since.Before(c.started):
		return bad("since", c.since.Format(time.RFC3339Nano), "before \"started\"")
	case c.cycles < 1:
		return bad("cycles", fmt.Sprint(c.cycles), "less than 1")
	case c.breaches < 0 || c.breaches >= c.cycles:
		return bad("breaches", fmt.Sprint(c.breaches), "not within the completed cycles")
	case c.cycles == 1 && c.worst != 0:
		return bad("worst", c.worst.String(), "set with no completed cycle")
	case !c.breachedAt.IsZero() && (c.breachedAt.Before(c.started) || !c.breachedAt.Before(c.since)):
		return bad("breached_at", c.breachedAt.Format(time.RFC3339Nano), "outside [started, since)")
	case !c.breachedAt.IsZero() && c.stored < c.target.Within:
		return bad("breached_at", c.breachedAt.Format(time.RFC3339Nano), "set with less than \"within\" elapsed")
	case c.stored > c.target.Calendar.Between(c.started, c.since):
		return bad("elapsed", c.stored.String(), "more than the open time from \"started\" to \"since\"")
	case c.breachedAt.IsZero() && c.stored > c.target.Within:
		return bad("elapsed", c.stored.String(), "more than \"within\" with no \"breached_at\"")
	}
	return nil
}

func parseClockDuration(field, s string, optional bool) (time.Duration, error) {
	if s == "" && optional {
		return 0, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("sla: clock JSON: %s %q: not a non-negative Go duration: %w", field, s, ErrInvalidClock)
	}
	return d, nil
}

// formatInstant writes t, the value of field, as RFC 3339 with nanoseconds,
// followed by its location's name in brackets unless that name is empty.
func formatInstant(field string, t time.Time) (string, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		return "", fmt.Errorf("sla: clock JSON: %s %q: year outside [0, 9999]: %w", field, t, ErrInvalidClock)
	}
	s := t.Format(time.RFC3339Nano)
	if name := t.Location().String(); name != "" {
		s += "[" + name + "]"
	}
	return s, nil
}

// parseInstant reads formatInstant's output. Without a bracketed zone the
// instant gets an unnamed fixed zone of the written offset. A bracketed zone is
// loaded by name ("UTC" and "Local" are the time package's); when the name cannot be
// loaded, or the loaded zone disagrees with the written offset, the instant
// keeps the written offset under that name.
func (z *zoneMemo) parseInstant(field, s string) (time.Time, error) {
	bad := func(why string) (time.Time, error) {
		return time.Time{}, fmt.Errorf("sla: clock JSON: %s %q: %s: %w", field, s, why, ErrInvalidClock)
	}
	if s == "" {
		return bad("missing")
	}
	text, name := s, ""
	if i := strings.IndexByte(s, '['); i >= 0 {
		if !strings.HasSuffix(s, "]") || i == len(s)-2 {
			return bad("malformed zone suffix")
		}
		text, name = s[:i], s[i+1:len(s)-1]
	}
	t, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		return bad("not an RFC 3339 instant")
	}
	_, off := t.Zone()
	var loc *time.Location
	switch name {
	case "":
		loc = time.FixedZone("", off)
	case "UTC":
		loc = time.UTC
	case "Local":
		loc = time.Local
	default:
		loc = z.load(name)
	}
	if loc == nil || zones.Offset(t, loc) != int64(off) {
		loc = time.FixedZone(name, off)
	}
	return t.In(loc), nil
}

// zoneMemo remembers the last zone loaded while decoding one clock, whose
// instants usually share a zone: time.LoadLocation reads the zone database
// each time it is called.
type zoneMemo struct {
	name string
	loc  *time.Location // nil when name failed to load
}

func (z *zoneMemo) load(name string) *time.Location {
	if z.name != name {
		z.name, z.loc = name, nil
		if l, err := time.LoadLocation(name); err == nil {
			z.loc = l
		}
	}
	return z.loc
}
