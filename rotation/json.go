package rotation

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
)

// wire is the JSON form of a Rotation.
type wire[P comparable] struct {
	Name      string            `json:"name,omitempty"`
	Zone      string            `json:"zone"`
	First     string            `json:"first"`
	Weekday   string            `json:"weekday,omitempty"`
	At        string            `json:"at"`
	Every     int               `json:"every"`
	People    []P               `json:"people"`
	Start     int               `json:"start,omitempty"`
	Changes   []wireChange[P]   `json:"changes,omitempty"`
	Overrides []wireOverride[P] `json:"overrides,omitempty"`
	Checklist []string          `json:"checklist,omitempty"`
}

type wireChange[P comparable] struct {
	From   string `json:"from"`
	People []P    `json:"people"`
	Start  int    `json:"start,omitempty"`
}

type wireOverride[P comparable] struct {
	Kind   Kind      `json:"kind"`
	Who    P         `json:"who"`
	Absent *P        `json:"absent,omitempty"`
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
}

// MarshalJSON encodes r's configuration: the zone by IANA name, the first
// hand-off day as "2024-03-06" with its weekday, the hand-off time as
// "09:00", the turn length in days as "every", the roster, the roster
// changes (each from the local day of the hand-off it takes effect at, with
// "start", the roster position that takes that hand-off), the overrides in
// the order they were added (instants in RFC 3339), and the checklist:
//
//	{"name":"r1","zone":"America/Chicago","first":"2024-03-06","weekday":"Wednesday",
//	 "at":"09:00","every":7,"people":["ana","ben"],
//	 "changes":[{"from":"2024-05-01","people":["ana","ben","cy"],"start":1}],
//	 "overrides":[{"kind":"absence","who":"ben","absent":"ana","from":"...","to":"..."}]}
//
// The zero Rotation encodes as null.
func (r Rotation[P]) MarshalJSON() ([]byte, error) {
	if r.loc == nil {
		return []byte("null"), nil
	}
	w := wire[P]{
		Name: r.name, Zone: r.loc.String(), First: r.anchor.String(),
		Weekday: r.anchor.Weekday().String(), At: formatClock(r.at), Every: int(r.days),
		People: r.epochs[0].roster, Start: int(r.epochs[0].offset), Checklist: r.checklist,
	}
	for _, ep := range r.epochs[1:] {
		off := floorMod(ep.start-ep.base+ep.offset, int64(len(ep.roster)))
		w.Changes = append(w.Changes, wireChange[P]{
			From: (r.anchor + date.Date(ep.start*r.days)).String(), People: ep.roster, Start: int(off),
		})
	}
	if r.tab != nil {
		for _, o := range r.tab.entries {
			wo := wireOverride[P]{Kind: o.Kind, Who: o.Who, From: o.From, To: o.To}
			if o.Kind == Cover {
				a := o.Absent
				wo.Absent = &a
			}
			w.Overrides = append(w.Overrides, wo)
		}
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes the form [Rotation.MarshalJSON] writes, validating
// it as the constructors do; "weekday" may be left out, and "at" may be
// "09:00", "09:00:30" or carry a fraction of a second. null leaves r
// unchanged. Errors are [*ConfigError] values naming the JSON field.
func (r *Rotation[P]) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var w wire[P]
	if err := json.Unmarshal(b, &w); err != nil {
		return &ConfigError{Field: "rotation", Value: truncate(string(b)), Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
	}
	if w.Zone == "" {
		return configErr("zone", w.Zone, ErrNoLocation)
	}
	loc, err := time.LoadLocation(w.Zone)
	if err != nil {
		return configErr("zone", w.Zone, ErrNoLocation)
	}
	first, err := parseDay(w.First)
	if err != nil {
		return configErr("first", w.First, ErrSyntax)
	}
	if w.Weekday != "" && !strings.EqualFold(w.Weekday, first.Weekday().String()) {
		return configErr("weekday", w.Weekday, ErrSyntax)
	}
	at, err := parseClock(w.At)
	if err != nil {
		return configErr("at", w.At, ErrSyntax)
	}
	out, err := New(loc, first, at, w.Every, w.People...)
	if err != nil {
		return err
	}
	if w.Start < 0 || w.Start >= len(w.People) {
		return configErr("start", fmt.Sprint(w.Start), ErrSyntax)
	}
	out.epochs[0].offset = int64(w.Start)
	prev := int64(0)
	for i, c := range w.Changes {
		f := fmt.Sprintf("changes[%d]", i)
		d, err := parseDay(c.From)
		if err != nil {
			return configErr(f+".from", c.From, ErrSyntax)
		}
		diff := int64(d - first)
		if diff%out.days != 0 || (i > 0 && diff/out.days <= prev) {
			return configErr(f+".from", c.From, ErrSyntax) // not a later hand-off day
		}
		if len(c.People) == 0 {
			return configErr(f+".people", "", ErrEmptyRoster)
		}
		if c.Start < 0 || c.Start >= len(c.People) {
			return configErr(f+".start", fmt.Sprint(c.Start), ErrSyntax)
		}
		prev = diff / out.days
		out = out.change(prev, slices.Clone(c.People), c.Start)
	}
	os := make([]Override[P], len(w.Overrides))
	for i, o := range w.Overrides {
		os[i] = Override[P]{Kind: o.Kind, Who: o.Who, From: o.From, To: o.To}
		if o.Absent != nil {
			if o.Kind != Cover {
				return configErr(fmt.Sprintf("overrides[%d].absent", i), fmt.Sprint(*o.Absent), ErrSyntax)
			}
			os[i].Absent = *o.Absent
		} else if o.Kind == Cover {
			return configErr(fmt.Sprintf("overrides[%d].absent", i), "", ErrSyntax)
		}
	}
	if out, err = out.WithOverrides(os...); err != nil {
		return err
	}
	*r = out.WithName(w.Name).WithChecklist(w.Checklist...)
	return nil
}

// Equal reports whether r and o have the same configuration: zone, first
// hand-off, turn, roster and changes, overrides (instants compared with
// Equal), name and checklist.
func (r Rotation[P]) Equal(o Rotation[P]) bool {
	if r.loc == nil || o.loc == nil {
		return r.loc == nil && o.loc == nil
	}
	if r.loc.String() != o.loc.String() || r.anchor != o.anchor || r.at != o.at || r.days != o.days ||
		r.name != o.name || !slices.Equal(r.checklist, o.checklist) {
		return false
	}
	if !slices.EqualFunc(r.epochs, o.epochs, func(a, b epoch[P]) bool {
		return a.start == b.start && floorMod(a.offset-a.base, int64(len(a.roster))) == floorMod(b.offset-b.base, int64(len(b.roster))) &&
			slices.Equal(a.roster, b.roster)
	}) {
		return false
	}
	var x, y []Override[P]
	if r.tab != nil {
		x = r.tab.entries
	}
	if o.tab != nil {
		y = o.tab.entries
	}
	return slices.EqualFunc(x, y, func(a, b Override[P]) bool {
		return a.Kind == b.Kind && a.Who == b.Who && a.Absent == b.Absent && a.From.Equal(b.From) && a.To.Equal(b.To)
	})
}

// parseDay parses a day strictly in the ISO 8601 form MarshalJSON writes:
// "2006-01-02", or with a sign and more digits for years outside 0-9999
// ("-2737-02-05"). Days that date.ParseISO would normalise, such as
// "2024-13-40", are refused.
func parseDay(s string) (date.Date, error) {
	d, err := date.ParseISO(s)
	if err != nil {
		return 0, err
	}
	if d.String() != s {
		return 0, fmt.Errorf("%q is not a calendar day in the form 2006-01-02", s)
	}
	return d, nil
}

// parseClock parses "15:04", "15:04:05" or "15:04:05.999999999".
func parseClock(s string) (clock.Clock, error) {
	for _, layout := range []string{"15:04", "15:04:05", "15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			h, m, sec := t.Clock()
			return clock.New(h, m, sec, 0) + clock.Clock(t.Nanosecond()), nil
		}
	}
	return 0, fmt.Errorf("%w: bad time of day %q", ErrSyntax, s)
}

// formatClock writes "09:00", with seconds and a fraction only when set.
func formatClock(c clock.Clock) string {
	h, m, s := c.HourMinuteSecond()
	ns := int(c % clock.Second)
	switch {
	case ns != 0:
		return strings.TrimRight(fmt.Sprintf("%02d:%02d:%02d.%09d", h, m, s, ns), "0")
	case s != 0:
		return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
