package teamfeed

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/teamcadence/cadence/ical"
	"github.com/teamcadence/cadence/sprint"
)

// series turns dated ceremonies or rituals into events, one group per name
// in order of first appearance: see seriesOf.
func series(t Team, kind, what string, evs []sprint.Event) []ical.Event {
	var names []string
	byName := map[string][]sprint.Event{}
	for _, e := range evs {
		if _, ok := byName[e.Name]; !ok {
			names = append(names, e.Name)
		}
		byName[e.Name] = append(byName[e.Name], e)
	}
	var out []ical.Event
	for _, n := range names {
		out = append(out, seriesOf(t, kind, what, byName[n])...)
	}
	return out
}

// seriesOf writes the occurrences of one ceremony or ritual (in start
// order) as one weekly RRULE where that is exact, and single events for the
// rest. The rule is read off the occurrences themselves, not off the
// package's rule: the weekdays and the period in weeks of the days the
// package planned, from the first to the last regular occurrence (one held
// on its planned day, at the first one's time of day and length). Days of
// the rule with no regular occurrence (a holiday, a day moved away from)
// become EXDATEs; other occurrences become single events. So the rule with
// its EXDATEs and the singles give exactly the package's occurrences; when
// the rule would need more EXDATEs than occurrences, all are singles.
func seriesOf(t Team, kind, what string, evs []sprint.Event) []ical.Event {
	if len(evs) == 0 {
		return nil
	}
	// The first occurrence on its planned day sets the time and length.
	first := evs[0]
	for _, e := range evs {
		if !e.Moved() {
			first = e
			break
		}
	}
	// Times of day are read in the zone the schedule recurs in, the
	// events' own, and written in it: a 09:00 Chicago stand-up is one rule
	// even in a feed whose other events are in London time.
	loc := first.Start.Location()
	h, m, s := first.Start.Clock()
	length := first.End.Sub(first.Start)
	regular := func(e sprint.Event) bool {
		eh, em, es := e.Start.In(loc).Clock()
		return !e.Moved() && eh == h && em == m && es == s && e.End.Sub(e.Start) == length
	}
	var days []date.Date
	var weekdays []time.Weekday
	for _, e := range evs {
		if regular(e) {
			days = append(days, e.Day)
			if wd := e.Day.Weekday(); !containsWeekday(weekdays, wd) {
				weekdays = append(weekdays, wd)
			}
		}
	}
	var out []ical.Event
	if len(days) >= 3 && regular(first) {
		period := 0
		for _, d := range days {
			period = gcd(period, int(week(d)-week(days[0])))
		}
		period = max(period, 1)
		held := map[date.Date]bool{}
		for _, d := range days {
			held[d] = true
		}
		var except []date.Date
		for d := days[0]; d <= days[len(days)-1]; d++ {
			if containsWeekday(weekdays, d.Weekday()) && int(week(d)-week(days[0]))%period == 0 && !held[d] {
				except = append(except, d)
			}
		}
		if len(except) <= len(days) {
			ev := event(t, kind, what, first, UID(t.Name, kind, slug(first.Name)))
			ev.Recurrence = ical.Recurrence{Freq: ical.Weekly, Interval: period, Weekdays: weekdays, Until: days[len(days)-1]}
			ev.Except = except
			out = append(out, ev)
			for _, e := range evs {
				if !regular(e) {
					out = append(out, single(t, kind, what, e))
				}
			}
			return out
		}
	}
	for _, e := range evs {
		out = append(out, single(t, kind, what, e))
	}
	return out
}

// single is one occurrence as its own event, keyed by its planned day.
func single(t Team, kind, what string, e sprint.Event) ical.Event {
	ev := event(t, kind, what, e, UID(t.Name, kind, slug(e.Name)+"-"+e.Planned.String()))
	if e.Moved() {
		ev.Description += fmt.Sprintf(" Moved from %s, not a working day.", e.Planned)
	}
	return ev
}

// event is the ical form of e.
func event(t Team, kind, what string, e sprint.Event, uid string) ical.Event {
	desc := what + "."
	if e.Owner != "" {
		desc = fmt.Sprintf("%s, owned by %s.", what, e.Owner)
	}
	return ical.Event{
		UID: uid, Summary: e.Name, Contact: e.Owner, Description: desc,
		Start: e.Start, End: e.End.In(e.Start.Location()), Categories: []string{kind},
	}
}

// week numbers the Monday-to-Sunday weeks (WKST=MO).
func week(d date.Date) date.Date {
	// date.Zero (0001-01-01) is a Monday.
	if d < 0 {
		return (d - 6) / 7
	}
	return d / 7
}

func gcd(a, b int) int {
	if a < 0 {
		a = -a
	}
	if b < 0 {
		b = -b
	}
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func containsWeekday(wds []time.Weekday, wd time.Weekday) bool {
	for _, w := range wds {
		if w == wd {
			return true
		}
	}
	return false
}
