// Package teamfeed composes a team's process into calendar events: sprints
// as all-day spans, ceremonies and rituals timed in the team's zone with
// their owners, releases all day, freeze and branch-cut windows timed, and
// on-call shifts per layer with their hand-offs. Each kind is selectable.
//
// A ceremony or ritual becomes one weekly RRULE where that is exact (a
// weekday stand-up, with an EXDATE for each holiday), and single events for
// the occurrences the rule would not give (one moved off a holiday, say).
// UIDs name slots, not exports (see [UID]), so a re-import updates events
// instead of duplicating them. The package writes nothing: it returns
// ical values, used by examples/teamcal, examples/oncall-ics and a
// dashboard.
package teamfeed

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/teamcadence/cadence/ical"
	"github.com/teamcadence/cadence/release"
	"github.com/teamcadence/cadence/rotation"
	"github.com/teamcadence/cadence/sprint"
)

// Kinds is a set of kinds of event.
type Kinds uint8

// The kinds of event a feed can hold.
const (
	Sprints    Kinds = 1 << iota // sprints, all day
	Ceremonies                   // sprint ceremonies (R7), timed
	Rituals                      // rituals (R31), timed
	Releases                     // release days (R9), all day
	Windows                      // freeze, deep freeze or branch-cut windows (R10), timed
	Shifts                       // on-call shifts per layer (R1, R3, R4)
	Handoffs                     // on-call hand-offs with the checklist (R2, R32)

	AllKinds = Sprints | Ceremonies | Rituals | Releases | Windows | Shifts | Handoffs
)

var kindNames = []struct {
	name string
	kind Kinds
}{
	{"sprints", Sprints}, {"ceremonies", Ceremonies}, {"rituals", Rituals}, {"releases", Releases},
	{"windows", Windows}, {"shifts", Shifts}, {"handoffs", Handoffs},
}

// KindNames lists the names ParseKinds accepts, besides "all".
func KindNames() []string {
	out := make([]string, len(kindNames))
	for i, k := range kindNames {
		out[i] = k.name
	}
	return out
}

// ParseKinds parses a comma-separated list of kind names, or "all".
func ParseKinds(s string) (Kinds, error) {
	var ks Kinds
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "all" {
			ks |= AllKinds
			continue
		}
		i := slices.IndexFunc(kindNames, func(k struct {
			name string
			kind Kinds
		}) bool {
			return k.name == part
		})
		if i < 0 {
			return 0, fmt.Errorf("kind %q: want all or some of %s", part, strings.Join(KindNames(), ","))
		}
		ks |= kindNames[i].kind
	}
	return ks, nil
}

// A Layer is one on-call rotation of the feed, under the name its events
// carry ("engineering on-call", "fleet infrastructure primary").
type Layer struct {
	Name     string
	Rotation rotation.Rotation[string]
}

// A Team is what a feed is made of: the cadence values of a team's process.
type Team struct {
	// Name names the calendar and goes into every UID, so that two teams'
	// feeds never share one.
	Name string
	// Zone is the team's zone: timed events are written in it.
	Zone    *time.Location
	Sprints sprint.Schedule
	Rituals sprint.Rituals
	// Train is the release train with its freeze or branch-cut policy.
	Train  release.Train
	Layers []Layer
}

// Feed returns the calendar of the kinds of t's events on the days
// [from, to) of the team's zone, stamped with now (the export time).
func Feed(t Team, kinds Kinds, from, to date.Date, now time.Time) ical.Calendar {
	return ical.Calendar{
		ProdID: "-//teamcadence//cadence teamfeed//EN",
		Name:   t.Name,
		Zone:   t.Zone,
		Stamp:  now.UTC().Truncate(time.Second),
		Events: Events(t, kinds, from, to),
	}
}

// Events returns the events of the kinds on the days [from, to) of the
// team's zone: each kind in the order of Kinds, each in time order.
func Events(t Team, kinds Kinds, from, to date.Date) []ical.Event {
	if to <= from {
		return nil
	}
	start, end := midnight(from, t.Zone), midnight(to, t.Zone)
	var out []ical.Event
	if kinds&Sprints != 0 {
		// The zero Calendar's sprints are empty: stop there.
		for sp := t.Sprints.At(from); sp.Start < to && sp.Start < sp.End; sp = t.Sprints.At(sp.End) {
			out = append(out, ical.Event{
				UID: UID(t.Name, "sprint", fmt.Sprint(sp.Number)), Summary: fmt.Sprintf("Sprint %d", sp.Number),
				Description: fmt.Sprintf("Sprint %d: %s to %s (R6).", sp.Number, sp.Start, sp.End-1),
				Day:         sp.Start, EndDay: sp.End, Categories: []string{"sprint"}, Transparent: true,
			})
		}
	}
	if kinds&Ceremonies != 0 {
		out = append(out, series(t, "ceremony", "sprint ceremony (R7)", collect(t.Sprints.Meetings(start, end)))...)
	}
	if kinds&Rituals != 0 {
		out = append(out, series(t, "ritual", "ritual (R31)", collect(t.Rituals.Occurrences(from, to)))...)
	}
	if kinds&(Releases|Windows) != 0 {
		for r := range t.Train.Releases(from, to) {
			name := fmt.Sprintf("Release %d", r.Number)
			if !r.Version.IsZero() {
				name += " (" + r.Version.String() + ")"
			}
			if kinds&Releases != 0 {
				ev := ical.Event{UID: UID(t.Name, "release", fmt.Sprint(r.Number)), Summary: name, Day: r.Day,
					Description: "Release day (R9).", Categories: []string{"release"}, Transparent: true}
				if r.Day != r.Planned {
					ev.Description += " Moved from " + r.Planned.String() + ", not a working day."
				}
				out = append(out, ev)
			}
			if kinds&Windows != 0 {
				out = append(out, windowEvents(t, r, name)...)
			}
		}
	}
	for _, l := range t.Layers {
		if kinds&Shifts != 0 {
			out = append(out, shiftEvents(t, l, start, end)...)
		}
		if kinds&Handoffs != 0 {
			out = append(out, handoffEvents(t, l, start, end)...)
		}
	}
	return out
}

// UID returns the UID of the slot key of a kind of event of team: a hash
// of the team's name (any text) and a readable kind and key, such as
// "release-21-4b1e0c9a@cadence". Keys name what does not change when the
// plan is edited: a sprint or release number, a ceremony's name and planned
// day, a rotation's hand-off rule and a shift's start.
func UID(team, kind, key string) string {
	h := sha256.Sum256([]byte(team))
	return kind + "-" + key + "-" + hex.EncodeToString(h[:4]) + "@cadence"
}

// midnight is the start of day d in loc, with time.Date (not
// date.MidnightIn, which is off on DST days east of UTC).
func midnight(d date.Date, loc *time.Location) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// collect gathers an iterator's events.
func collect(seq func(func(sprint.Event) bool)) []sprint.Event {
	var out []sprint.Event
	for e := range seq {
		out = append(out, e)
	}
	return out
}

// slug makes a name fit a UID: lower case, runs of other characters as '-'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// windowEvents are the freeze (or branch-cut) and deep phases of r's window.
func windowEvents(t Team, r release.Release, name string) []ical.Event {
	w := t.Train.Window(r)
	if w.End.IsZero() {
		return nil
	}
	first, deep := "Freeze", "Deep freeze"
	if w.Mode == release.BranchCut {
		first, deep = "Release branch cut", "Release branch, deep"
	}
	policy := t.Train.Policy().Name()
	var out []ical.Event
	for _, p := range []struct {
		kind, label string
		from, to    time.Time
	}{{"freeze", first, w.Start, w.Deep}, {"deepfreeze", deep, w.Deep, w.End}} {
		if !p.from.Before(p.to) {
			continue
		}
		out = append(out, ical.Event{
			UID: UID(t.Name, p.kind, fmt.Sprint(r.Number)), Summary: p.label + ": " + name,
			Description: fmt.Sprintf("%s until %s (%s, R10).", p.label, p.to.In(t.Zone).Format("Mon 2006-01-02 15:04 MST"), policy),
			Start:       p.from.In(t.Zone), End: p.to.In(t.Zone), Categories: []string{"release", w.Mode.String()}, Transparent: true,
		})
	}
	return out
}

// ruleKey identifies a rotation's hand-off rule, not its roster, so that a
// roster edit updates the events in place.
func ruleKey(l Layer) string {
	r := l.Rotation
	h := sha256.Sum256([]byte(strings.Join([]string{
		l.Name, r.Location().String(), r.Day().String(), r.HandoffTime().String(), fmt.Sprint(r.Turn()),
	}, "\x00")))
	return hex.EncodeToString(h[:6])
}

// shiftEvents are l's shifts that overlap [from, to).
func shiftEvents(t Team, l Layer, from, to time.Time) []ical.Event {
	var out []ical.Event
	key := slug(l.Name) + "-" + ruleKey(l)
	for s := range l.Rotation.Shifts(from, to) {
		out = append(out, ical.Event{
			UID:     UID(t.Name, "shift", key+"-"+s.Start.UTC().Format("20060102T150405Z")),
			Summary: l.Name + ": " + s.Who, Contact: s.Who,
			Description: fmt.Sprintf("%s is on call (%s) from %s to %s.", s.Who, l.Name,
				s.Start.In(t.Zone).Format("Mon 2006-01-02 15:04"), s.End.In(t.Zone).Format("Mon 2006-01-02 15:04 MST")),
			Start: s.Start.In(t.Zone), End: s.End.In(t.Zone), Categories: []string{"on-call"}, Transparent: true,
		})
	}
	return out
}

// handoffEvents are l's hand-offs in [from, to), as events of no duration.
func handoffEvents(t Team, l Layer, from, to time.Time) []ical.Event {
	var out []ical.Event
	key := slug(l.Name) + "-" + ruleKey(l)
	for h := range l.Rotation.Handoffs(from, to) {
		desc := fmt.Sprintf("%s hands %s over to %s (R2).", h.Outgoing, l.Name, h.Incoming)
		if len(h.Checklist) > 0 {
			desc += "\nHand-off checklist (R32):\n- " + strings.Join(h.Checklist, "\n- ")
		}
		out = append(out, ical.Event{
			UID:     UID(t.Name, "handoff", key+"-"+h.At.UTC().Format("20060102T150405Z")),
			Summary: fmt.Sprintf("%s hand-off: %s → %s", l.Name, h.Outgoing, h.Incoming), Contact: h.Incoming,
			Description: desc, Start: h.At.In(t.Zone), Categories: []string{"on-call", "hand-off"}, Transparent: true,
		})
	}
	return out
}
