package release

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/teamcadence/cadence/internal/strict"
	"github.com/teamcadence/cadence/internal/tod"
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
		return nil, configErr("mode", m.String(), `want "freeze" or "branch-cut"`, ErrPolicy)
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
		return configErr("mode", string(text), `want "freeze" or "branch-cut"`, ErrPolicy)
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

// NewPolicy checks c and returns its policy. Errors are *ConfigError values
// matching ErrZone for a nil or "Local" zone, ErrFreezeAfterRelease for a
// Start with Weeks above 0, and ErrPolicy otherwise.
func NewPolicy(c PolicyConfig) (Policy, error) {
	switch {
	case checkZone("zone", c.Zone) != nil:
		return Policy{}, checkZone("zone", c.Zone)
	case c.Mode > BranchCut:
		return Policy{}, configErr("mode", c.Mode.String(), "unknown mode", ErrPolicy)
	case c.Start.Weekday < time.Sunday || c.Start.Weekday > time.Saturday:
		return Policy{}, configErr("start", c.Start.String(), "not a weekday", ErrPolicy)
	case c.Start.Time < 0 || c.Start.Time > clock.Day:
		return Policy{}, configErr("start", c.Start.String(), "time of day out of range 00:00 to 24:00", ErrPolicy)
	case c.Start.Weeks > 0:
		return Policy{}, configErr("start", c.Start.String(), "starts on or after release day", ErrFreezeAfterRelease)
	case c.Start.Weeks < -520:
		return Policy{}, configErr("start", c.Start.String(), "more than 520 weeks before release", ErrPolicy)
	case c.Lift < 0 || c.Lift > clock.Day:
		return Policy{}, configErr("lift", tod.Format(c.Lift), "time of day out of range 00:00 to 24:00", ErrPolicy)
	case c.Deep < 0:
		return Policy{}, configErr("deep", c.Deep.String(), "negative", ErrPolicy)
	case c.Allow&^AllKinds != 0 || c.AllowDeep&^AllKinds != 0:
		return Policy{}, configErr("allow", strconv.Itoa(int(c.Allow|c.AllowDeep)), "unknown kinds", ErrPolicy)
	}
	// The deep freeze must fit in the longest window the start allows (a
	// Start on the release weekday, a week back); NewTrain checks it against
	// the train's own weekday.
	longest := time.Duration(7-7*c.Start.Weeks)*24*time.Hour + time.Duration(c.Lift) - time.Duration(c.Start.Time)
	if c.Deep > longest {
		return Policy{}, configErr("deep", c.Deep.String(), "longer than the freeze ("+longest.String()+")", ErrPolicy)
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

// Window returns the window of release r, in the policy's zone. The window
// keeps its shape relative to the day r actually ships: Start is as many
// days before r.Day as the policy puts it before r.Planned (the cadence day),
// so a release moved from a Wednesday to the Tuesday before has its
// Tuesday 09:00 freeze on the Monday, and the same length as any other. A
// Release with a zero Planned is taken as not moved. Start and End are built
// with time.Date, so they keep their wall-clock times across DST; the deep
// freeze is the last Deep of real time before End, clamped to Start when it
// would begin before the window does. Policy.Window knows no working days:
// [Train.Window] also moves Start off a closed day.
func (p Policy) Window(r Release) Window {
	if p.IsZero() {
		return Window{}
	}
	planned := r.Planned
	if planned == 0 {
		planned = r.Day
	}
	start := r.Day - date.Date(p.c.Start.daysBefore(planned.Weekday()))
	return p.window(r, start)
}

// window returns the window of r with its start on day start.
func (p Policy) window(r Release, start date.Date) Window {
	w := Window{Release: r, Mode: p.c.Mode, Start: wallClock(start, p.c.Start.Time, p.c.Zone), End: wallClock(r.Day, p.c.Lift, p.c.Zone)}
	w.Deep = w.End
	if p.c.Deep > 0 {
		w.Deep = w.End.Add(-p.c.Deep)
		if w.Deep.Before(w.Start) {
			w.Deep = w.Start // the clamp: a deep freeze never begins before its window
		}
	}
	return w
}

// policyWire is the stored form of a Policy.
type policyWire struct {
	Name      string   `json:"name,omitempty"`
	Mode      string   `json:"mode"`
	Zone      string   `json:"zone"`
	Start     string   `json:"start"`
	Lift      string   `json:"lift"`
	Deep      string   `json:"deep,omitempty"`
	Allow     []string `json:"allow"`
	AllowDeep []string `json:"allowDeep"`
	Rule      string   `json:"rule,omitempty"`
}

func (p Policy) wire() policyWire {
	j := policyWire{Name: p.c.Name, Mode: p.c.Mode.String(), Zone: p.c.Zone.String(), Start: p.c.Start.String(),
		Lift: tod.Format(p.c.Lift), Allow: setNames(p.c.Allow, kindNames[:]), AllowDeep: setNames(p.c.AllowDeep, kindNames[:]), Rule: p.c.Rule}
	if p.c.Deep != 0 {
		j.Deep = p.c.Deep.String()
	}
	return j
}

// MarshalJSON encodes p with its zone as an IANA name, times of day as
// "09:00" and the deep freeze as a Go duration string:
// {"name":"...","mode":"freeze","zone":"America/Los_Angeles","start":"Tuesday 09:00",
// "lift":"24:00","deep":"24h0m0s","allow":["blocker-fix"],"allowDeep":[],"rule":"R10"}.
// The zero Policy encodes as null.
func (p Policy) MarshalJSON() ([]byte, error) {
	if p.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(p.wire())
}

// UnmarshalJSON decodes the form MarshalJSON writes, strictly (unknown and
// duplicate keys are refused at any depth, errors name the JSON path), and
// validates it with NewPolicy. "mode", "zone", "start" and "lift" are
// required; "allow" and "allowDeep" default to no kinds. The zone is loaded
// with time.LoadLocation; "Local" is refused with ErrZone. A null document
// or field leaves the value as it was.
func (p *Policy) UnmarshalJSON(b []byte) error {
	var j *policyWire
	if err := decode(b, &j, ""); err != nil {
		return err
	}
	if j == nil {
		return nil
	}
	q, err := j.policy()
	if err != nil {
		return err
	}
	*p = q
	return nil
}

func (j *policyWire) policy() (Policy, error) {
	c := PolicyConfig{Name: j.Name, Rule: j.Rule}
	if j.Mode == "" {
		return Policy{}, configErr("mode", "", `required: want "freeze" or "branch-cut"`, ErrPolicy)
	}
	if err := c.Mode.UnmarshalText([]byte(j.Mode)); err != nil {
		return Policy{}, err
	}
	loc, err := loadZone("zone", j.Zone)
	if err != nil {
		return Policy{}, err
	}
	c.Zone = loc
	if j.Start == "" {
		return Policy{}, configErr("start", "", `required: want "Weekday HH:MM [-Nw]"`, ErrPolicy)
	}
	if c.Start, err = ParseMoment(j.Start); err != nil {
		return Policy{}, withField("start", err)
	}
	if c.Lift, err = tod.Parse(j.Lift); err != nil {
		return Policy{}, configErr("lift", j.Lift, err.Error(), ErrSyntax)
	}
	if j.Deep != "" {
		if c.Deep, err = time.ParseDuration(j.Deep); err != nil {
			return Policy{}, configErr("deep", j.Deep, "want a Go duration such as 24h", ErrSyntax)
		}
	}
	if c.Allow, err = parseKinds("allow", j.Allow); err != nil {
		return Policy{}, err
	}
	if c.AllowDeep, err = parseKinds("allowDeep", j.AllowDeep); err != nil {
		return Policy{}, err
	}
	return NewPolicy(c)
}

// parseKinds parses kind names at JSON path field.
func parseKinds(field string, names []string) (KindSet, error) {
	var s KindSet
	for i, n := range names {
		k, err := ParseChangeKind(n)
		if err != nil {
			return 0, withField(strict.Index(field, i), err)
		}
		s |= 1 << k
	}
	return s, nil
}

// withField sets the field of a *ConfigError that has none, or puts field
// in front of its path.
func withField(field string, err error) error {
	var ce *ConfigError
	if errors.As(err, &ce) && (ce.Field == "" || ce.Field == "kind" || ce.Field == "moment" || ce.Field == "fact" || ce.Field == "scope" || ce.Field == "move" || ce.Field == "mode" || ce.Field == "tag") {
		c := *ce
		c.Field = field
		return &c
	}
	return withPath(field, err)
}
