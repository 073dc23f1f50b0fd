package release

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/rickb777/date/v2/clock"
)

// A Mode says what a Policy's window is.
type Mode uint8

const (
	// Freeze: from the window's start, the main branch takes only the allowed
	// kinds of change until the release (R10, 2023 and 2024).
	Freeze Mode = iota
	// BranchCut: at the window's start a release-candidate branch is cut; the
	// main branch stays open (its changes ship in the following release) and
	// only the allowed kinds are picked into the release branch (R10, later).
	BranchCut
)

// String returns "freeze" or "branch-cut".
func (m Mode) String() string {
	switch m {
	case Freeze:
		return "freeze"
	case BranchCut:
		return "branch-cut"
	}
	return "mode(" + strconv.Itoa(int(m)) + ")"
}

// MarshalText returns m.String().
func (m Mode) MarshalText() ([]byte, error) {
	if m > BranchCut {
		return nil, fieldErr("mode", m.String(), "unknown mode", ErrPolicy)
	}
	return []byte(m.String()), nil
}

// UnmarshalText parses "freeze" or "branch-cut".
func (m *Mode) UnmarshalText(text []byte) error {
	switch string(text) {
	case "freeze":
		*m = Freeze
	case "branch-cut":
		*m = BranchCut
	default:
		return fieldErr("mode", string(text), `want "freeze" or "branch-cut"`, ErrPolicy)
	}
	return nil
}

// A PolicyConfig describes a freeze or branch-cut policy; NewPolicy checks
// it. Every release gets a window from Start before release day until Lift
// on release day, in Zone; the last Deep of it is a deep freeze.
type PolicyConfig struct {
	Name      string         // shown in reasons, e.g. "Fleet 2024 freeze"
	Mode      Mode           // Freeze or BranchCut
	Zone      *time.Location // the zone of Start and Lift; required
	Start     Moment         // when the freeze starts or the branch is cut
	Lift      clock.Clock    // time on release day the window ends (the release); 00:00 to 24:00
	Deep      time.Duration  // length of the deep freeze at the end of the window; 0 for none
	Allow     KindSet        // kinds that may merge (Freeze) or be picked (BranchCut) in the window
	AllowDeep KindSet        // kinds that may merge or be picked in the deep freeze
	Rule      string         // rule cited in decisions; "R10" when empty
}

// A Policy is a validated PolicyConfig: a freeze or a release-candidate
// branch cut before every release (R10). It is an immutable value; compare
// with Equal. The zero Policy has no window: everything may merge at any time.
type Policy struct {
	c *PolicyConfig // never changed after NewPolicy; nil in the zero Policy
}

// NewPolicy checks c and returns its policy. Errors are *FieldError values
// matching ErrPolicy, or ErrFreezeAfterRelease for a Start with Weeks above 0.
func NewPolicy(c PolicyConfig) (Policy, error) {
	switch {
	case c.Zone == nil:
		return Policy{}, fieldErr("zone", "", "a location is required", ErrPolicy)
	case c.Mode > BranchCut:
		return Policy{}, fieldErr("mode", c.Mode.String(), "unknown mode", ErrPolicy)
	case c.Start.Weekday < time.Sunday || c.Start.Weekday > time.Saturday:
		return Policy{}, fieldErr("start", c.Start.String(), "not a weekday", ErrPolicy)
	case c.Start.Time < 0 || c.Start.Time > clock.Day:
		return Policy{}, fieldErr("start", c.Start.String(), "time of day out of range 00:00 to 24:00", ErrPolicy)
	case c.Start.Weeks > 0:
		return Policy{}, fieldErr("start", c.Start.String(), "starts on or after release day", ErrFreezeAfterRelease)
	case c.Start.Weeks < -520:
		return Policy{}, fieldErr("start", c.Start.String(), "more than 520 weeks before release", ErrPolicy)
	case c.Lift < 0 || c.Lift > clock.Day:
		return Policy{}, fieldErr("lift", formatClock(c.Lift), "time of day out of range 00:00 to 24:00", ErrPolicy)
	case c.Deep < 0:
		return Policy{}, fieldErr("deep", c.Deep.String(), "negative", ErrPolicy)
	case c.Allow&^AllKinds != 0 || c.AllowDeep&^AllKinds != 0:
		return Policy{}, fieldErr("allow", strconv.Itoa(int(c.Allow|c.AllowDeep)), "unknown kinds", ErrPolicy)
	}
	// The deep freeze must fit in the longest window the start allows (a
	// Start on the release weekday, a week back); NewTrain checks it against
	// the train's own weekday.
	longest := time.Duration(7-7*c.Start.Weeks)*24*time.Hour + time.Duration(c.Lift) - time.Duration(c.Start.Time)
	if c.Deep > longest {
		return Policy{}, fieldErr("deep", c.Deep.String(), "longer than the freeze ("+longest.String()+")", ErrPolicy)
	}
	if c.Rule == "" {
		c.Rule = "R10"
	}
	return Policy{c: &c}, nil
}

// MustNewPolicy is like NewPolicy but panics on error. It is intended for use
// in tests and with hard-coded values.
func MustNewPolicy(c PolicyConfig) Policy {
	p, err := NewPolicy(c)
	if err != nil {
		panic(err)
	}
	return p
}

// IsZero reports whether p is the zero Policy.
func (p Policy) IsZero() bool { return p.c == nil }

// Config returns the configuration of p.
func (p Policy) Config() PolicyConfig {
	if p.c == nil {
		return PolicyConfig{}
	}
	return *p.c
}

// Name returns the policy's name.
func (p Policy) Name() string { return p.Config().Name }

// Equal reports whether p and q have the same configuration, comparing zones
// by name.
func (p Policy) Equal(q Policy) bool {
	a, b := p.Config(), q.Config()
	if (a.Zone == nil) != (b.Zone == nil) || (a.Zone != nil && a.Zone.String() != b.Zone.String()) {
		return false
	}
	a.Zone, b.Zone = nil, nil
	return a == b
}

// span returns the window length in wall-clock minutes for releases on
// weekday wd.
func (p Policy) span(wd time.Weekday) int64 {
	return int64(p.c.Start.daysBefore(wd))*24*60 + int64(p.c.Lift-p.c.Start.Time)/int64(clock.Minute)
}

// A Window is the freeze or branch-cut window of one release: [Start, End),
// with the deep freeze [Deep, End). Start is included and End excluded; Deep
// equals End when there is no deep freeze. The zero Window is empty.
type Window struct {
	Release Release
	Mode    Mode
	Start   time.Time // the freeze starts or the release branch is cut
	Deep    time.Time // the deep freeze starts
	End     time.Time // the release: the freeze lifts
}

// Phase returns the phase at instant t.
func (w Window) Phase(t time.Time) Phase {
	switch {
	case w.End.IsZero() || t.Before(w.Start) || !t.Before(w.End):
		return Open
	case w.Mode == BranchCut && t.Before(w.Deep):
		return Cut
	case w.Mode == BranchCut:
		return DeepCut
	case t.Before(w.Deep):
		return Frozen
	}
	return DeepFrozen
}

// Contains reports whether t is in [Start, End).
func (w Window) Contains(t time.Time) bool { return w.Phase(t) != Open }

// Window returns the window of release r (on r.Day), in the policy's zone.
// Start and Lift are built with time.Date, so they keep their wall-clock
// times across DST; the deep freeze is the last Deep of real time.
func (p Policy) Window(r Release) Window {
	if p.IsZero() {
		return Window{}
	}
	w := Window{Release: r, Mode: p.c.Mode, Start: p.c.Start.In(r.Day, p.c.Zone), End: wallClock(r.Day, p.c.Lift, p.c.Zone)}
	w.Deep = w.End
	if p.c.Deep > 0 {
		w.Deep = w.End.Add(-p.c.Deep)
		if w.Deep.Before(w.Start) {
			w.Deep = w.Start
		}
	}
	return w
}

// policyJSON is the stored form of a Policy.
type policyJSON struct {
	Name      string  `json:"name,omitempty"`
	Mode      Mode    `json:"mode"`
	Zone      string  `json:"zone"`
	Start     Moment  `json:"start"`
	Lift      string  `json:"lift"`
	Deep      string  `json:"deep,omitempty"`
	Allow     KindSet `json:"allow"`
	AllowDeep KindSet `json:"allow_deep"`
	Rule      string  `json:"rule,omitempty"`
}

// MarshalJSON encodes p with its zone as an IANA name, times of day as
// "09:00" and the deep freeze as a Go duration string:
// {"name":"...","mode":"freeze","zone":"America/Los_Angeles","start":"Tuesday 09:00",
// "lift":"24:00","deep":"24h0m0s","allow":["blocker-fix"],"allow_deep":[],"rule":"R10"}.
func (p Policy) MarshalJSON() ([]byte, error) {
	if p.IsZero() {
		return []byte("null"), nil
	}
	j := policyJSON{Name: p.c.Name, Mode: p.c.Mode, Zone: p.c.Zone.String(), Start: p.c.Start,
		Lift: formatClock(p.c.Lift), Allow: p.c.Allow, AllowDeep: p.c.AllowDeep, Rule: p.c.Rule}
	if p.c.Deep != 0 {
		j.Deep = p.c.Deep.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form MarshalJSON writes and validates it with
// NewPolicy. The zone is loaded with time.LoadLocation.
func (p *Policy) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*p = Policy{}
		return nil
	}
	var j policyJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return jsonErr("policy", err)
	}
	c := PolicyConfig{Name: j.Name, Mode: j.Mode, Start: j.Start, Allow: j.Allow, AllowDeep: j.AllowDeep, Rule: j.Rule}
	if j.Zone == "" || j.Zone == "Local" {
		return fieldErr("zone", j.Zone, "want an IANA zone name", ErrPolicy)
	}
	loc, err := time.LoadLocation(j.Zone)
	if err != nil {
		return fieldErr("zone", j.Zone, err.Error(), ErrPolicy)
	}
	c.Zone = loc
	if c.Lift, err = parseClock(j.Lift); err != nil {
		return fieldErr("lift", j.Lift, err.Error(), ErrPolicy)
	}
	if j.Deep != "" {
		if c.Deep, err = time.ParseDuration(j.Deep); err != nil {
			return fieldErr("deep", j.Deep, "want a Go duration such as 24h", ErrPolicy)
		}
	}
	q, err := NewPolicy(c)
	if err != nil {
		return err
	}
	*p = q
	return nil
}

// fleetPolicy completes c with what every Fleet preset shares: Pacific time
// (America/Los_Angeles), a window that lifts at the end of release day
// (24:00), and rule R10.
func fleetPolicy(c PolicyConfig) Policy {
	c.Zone, c.Lift, c.Rule = mustZone("America/Los_Angeles"), clock.Day, "R10"
	return MustNewPolicy(c)
}

// mustZone loads a hard-coded zone for a preset.
func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("release: preset needs time zone " + strconv.Quote(name) + " (import time/tzdata): " + err.Error())
	}
	return loc
}

// Fleet2023Freeze returns Fleet's 2023 freeze (R10): from the Thursday before
// release day at 09:00 America/Los_Angeles until the end of release day
// (24:00, an assumption: the handbook does not say when the release is cut),
// only release-blocker fixes (R11, R12) and documentation merge.
//
// It panics if the system has no time zone database; import time/tzdata.
func Fleet2023Freeze() Policy {
	return fleetPolicy(PolicyConfig{
		Name:  "Fleet 2023 freeze",
		Mode:  Freeze,
		Start: Moment{Weekday: time.Thursday, Time: clock.New(9, 0, 0, 0)},
		Allow: Kinds(BlockerFix, Docs),
	})
}

// Fleet2024Freeze returns Fleet's 2024 freeze (R10): from the Tuesday before
// release day at 09:00 Pacific (America/Los_Angeles) until the end of release
// day, features stop while bug fixes, documentation and blocker fixes merge;
// in the deep freeze, the last 24 hours, only release-blocker and
// unreleased-bug fixes merge.
//
// It panics if the system has no time zone database; import time/tzdata.
func Fleet2024Freeze() Policy {
	return fleetPolicy(PolicyConfig{
		Name:      "Fleet 2024 freeze",
		Mode:      Freeze,
		Start:     Moment{Weekday: time.Tuesday, Time: clock.New(9, 0, 0, 0)},
		Deep:      24 * time.Hour,
		Allow:     Kinds(BlockerFix, UnreleasedBugFix, ReleasedBugFix, Docs),
		AllowDeep: Kinds(BlockerFix, UnreleasedBugFix),
	})
}

// Fleet2025ReleaseCandidate returns the release-candidate branch cut that
// later replaced Fleet's freeze (R10): the release branch is cut on the first
// Monday of the next sprint at 08:00 Pacific, and only unreleased-bug fixes
// are picked into it until the end of release day; the main branch stays
// open. The year 2025 is approximate (the handbook says "later still").
// Sprints are taken to start on the Monday of release week, so the cut is the
// Monday before a Wednesday release; if yours start a week earlier, copy the
// Config and set Start.Weeks to -1.
//
// It panics if the system has no time zone database; import time/tzdata.
func Fleet2025ReleaseCandidate() Policy {
	return fleetPolicy(PolicyConfig{
		Name:      "Fleet release-candidate branch",
		Mode:      BranchCut,
		Start:     Moment{Weekday: time.Monday, Time: clock.New(8, 0, 0, 0)},
		Allow:     Kinds(UnreleasedBugFix),
		AllowDeep: Kinds(UnreleasedBugFix),
	})
}
