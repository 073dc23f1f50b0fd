package rotation

import (
	"iter"
	"slices"
	"time"

	"github.com/rickb777/date/v2"
)

// Workdays says which local days are working days: the interface every
// cadence package that asks uses. sla.Calendar satisfies it.
type Workdays interface {
	// IsWorkday reports whether d is a working day.
	IsWorkday(d date.Date) bool
}

// businessHours is what [Rotation.Loads] also uses when its [Workdays]
// has it, as sla.Calendar does: the open (business) time in [from, to).
type businessHours interface {
	Between(from, to time.Time) time.Duration
}

// During yields the shifts that overlap the local days [from, to) in r's
// location, such as a sprint (R5: "who is on call during sprint N"). The
// start of from is included and the start of to excluded.
func (r Rotation[P]) During(from, to date.Date) iter.Seq[Shift[P]] {
	if r.loc == nil {
		return r.Shifts(time.Time{}, time.Time{})
	}
	return r.Shifts(midnight(from, r.loc), midnight(to, r.loc))
}

// People returns who is on duty at some instant of [from, to), in order of
// first appearance, without repeats.
func (r Rotation[P]) People(from, to time.Time) []P {
	var out []P
	for s := range r.Shifts(from, to) {
		if !slices.Contains(out, s.Who) {
			out = append(out, s.Who)
		}
	}
	return out
}

// Load is one person's duty within a range, for fairness (R5).
type Load[P comparable] struct {
	Who P
	// Shifts counts the shifts that overlap the range, including those cut
	// by its edges.
	Shifts int
	// Duty is the time on duty within the range.
	Duty time.Duration
	// NonWorkday is the part of Duty on local days that are not
	// workdays; OffHours the part outside business hours, when the
	// Workdays also has a Between(from, to time.Time) time.Duration method
	// (sla.Calendar does). Both are zero when no Workdays is given.
	OffHours, NonWorkday time.Duration
}

// Loads returns each person's duty in [from, to), in order of first
// appearance. With a non-nil cal, it also splits out the time on
// non-workdays, in the rotation's location, and, when cal has a Between
// method as sla.Calendar does, the time outside business hours. The cost
// is proportional to the number of shifts in the range, plus the number of
// days for the non-workday split.
func (r Rotation[P]) Loads(from, to time.Time, cal Workdays) []Load[P] {
	var out []Load[P]
	for s := range r.Shifts(from, to) {
		i := slices.IndexFunc(out, func(l Load[P]) bool { return l.Who == s.Who })
		if i < 0 {
			out = append(out, Load[P]{Who: s.Who})
			i = len(out) - 1
		}
		a, b := later(s.Start, from), earlier(s.End, to)
		l := &out[i]
		l.Shifts++
		l.Duty += b.Sub(a)
		if cal == nil {
			continue
		}
		if bh, ok := cal.(businessHours); ok {
			l.OffHours += b.Sub(a) - bh.Between(a, b)
		}
		l.NonWorkday += r.nonWorkday(a, b, cal)
	}
	return out
}

// nonWorkday returns the part of [a, b) on local days that are not workdays.
func (r Rotation[P]) nonWorkday(a, b time.Time, cal Workdays) time.Duration {
	var sum time.Duration
	for d := date.NewAt(a.In(r.loc)); ; d++ {
		start, end := midnight(d, r.loc), midnight(d+1, r.loc)
		if !start.Before(b) {
			return sum
		}
		if !cal.IsWorkday(d) {
			sum += earlier(end, b).Sub(later(start, a))
		}
	}
}

// midnight returns the first instant of day d in loc. It uses time.Date:
// date v2.3.1's MidnightIn applies the offset in force at UTC midnight,
// which is 30 or 60 minutes off in zones east of UTC, such as
// Australia/Lord_Howe or Australia/Sydney, on the days their clocks change.
func midnight(d date.Date, loc *time.Location) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}
