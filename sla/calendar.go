package sla

import (
	"cmp"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/internal/zones"
)

// Span is a stretch of opening hours within one day: From is included and
// To is excluded, with 00:00 <= From < To <= 24:00. Hours that run past
// midnight are written as two spans, one ending at 24:00 and one starting
// at 00:00 the next day; together they behave as one stretch.
//
// Span is comparable with ==. The zero Span is not valid.
type Span struct{ From, To clock.Clock }

// Week holds the opening hours of each day of the week, indexed by
// time.Weekday (Sunday is 0). The spans of a day must be in order and must
// not overlap; spans that touch (09:00-12:00, 12:00-17:00) are one stretch.
type Week [7][]Span

// An Option configures a Calendar made by [NewCalendar].
type Option func(*config)

type config struct {
	days      []SpecialDay
	holiday   []int // per day: its index in "holidays", or -1 for a special day
	holidays  int   // holidays given so far
	allowNone bool
}

// SpecialDay is a day with its own opening hours, which replace the
// weekly hours of its weekday. A SpecialDay with no Spans is a holiday,
// closed all day.
type SpecialDay struct {
	Day   date.Date
	Spans []Span
}

// Holidays closes the calendar all day on each of days.
func Holidays(days ...date.Date) Option {
	return func(c *config) {
		c.days = slices.Grow(c.days, len(days))
		c.holiday = slices.Grow(c.holiday, len(days))
		for _, d := range days {
			c.days = append(c.days, SpecialDay{Day: d})
			c.holiday = append(c.holiday, c.holidays)
			c.holidays++
		}
	}
}

// Special gives day its own opening hours, such as a half day; with no
// spans the day is closed, like a holiday.
func Special(day date.Date, spans ...Span) Option {
	return func(c *config) {
		c.days = append(c.days, SpecialDay{Day: day, Spans: append([]Span(nil), spans...)})
		c.holiday = append(c.holiday, -1)
	}
}

// AllowNoOpeningHours lets [NewCalendar] accept a week with no opening
// hours, which it otherwise rejects with [ErrNoOpeningHours]. On such a
// calendar only special days are open, and [Calendar.Add] and
// [Calendar.NextOpen] return the zero time.Time when the calendar never
// opens again.
func AllowNoOpeningHours() Option { return func(c *config) { c.allowNone = true } }

// Calendar is a set of opening hours in a time zone: a [Week] of hours,
// with holidays and special days. Business time on a calendar is real
// elapsed time while its wall clock reads an open hour, so an 00:00-24:00
// day is 23 hours long on a spring-forward day and 25 hours on a
// fall-back day.
//
// The zero Calendar is open at all times: business time is plain elapsed
// time. A Calendar is an immutable value, safe for concurrent use; copies
// share their compiled tables. == reports whether two calendars share
// those tables, not whether their hours are equal.
//
// Between, Add, NextOpen and NextClose cost the same whatever the distance
// between their instants: a few divisions and binary searches over tables
// compiled by [NewCalendar], for instants from 1900 to 2150. Outside those
// years they stay exact, for any instant a time.Time holds (the zero
// time.Time is 0001-01-01 00:00 UTC, an instant like any other), but walk
// the zone's offset changes one by one, up to the edge of the tabled
// years: their cost grows with the changes crossed, never with the days.
//
// Calendars made with the same *time.Location share the table of its
// offset changes, built once (keep and reuse the value time.LoadLocation
// returns: each call returns a new one), and calendars that also have the
// same weekly hours share the part of their tables that depends only on
// those; the sharing is safe for concurrent use and lets go of zones no
// longer used.
type Calendar struct{ c *compiled }

type compiled struct {
	loc       *time.Location
	week      Week
	days      []SpecialDay // sorted by day
	allowNone bool
	zone      *zones.Table
	open      *table // the opening hours
	closed    *table // their complement, for NextClose
}

// NewCalendar returns a calendar open during week in loc, changed by opts.
// loc may be any zone but time.Local, whose meaning depends on the machine
// (refused with [ErrZone], as in every cadence package); time.FixedZone
// zones are accepted, though [Calendar.MarshalJSON] writes only zones that
// load back by their IANA name.
//
// Errors are [*ConfigError] values whose Field is the JSON path of the bad
// value (`zone`, `week.monday[1]`, `holidays[0]`,
// `special["2024-12-24"][0]`), matching [ErrZone] for a nil loc or time.Local,
// [ErrInvalidSpan] for a span that is malformed, out of order or
// overlapping, [ErrDuplicateDay] for a day given twice as a holiday or
// special day, and [ErrNoOpeningHours] for a week with no opening hours
// unless [AllowNoOpeningHours] is given.
func NewCalendar(loc *time.Location, week Week, opts ...Option) (Calendar, error) {
	switch {
	case loc == nil:
		return Calendar{}, &ConfigError{Field: "zone", Err: ErrZone, Reason: "nil *time.Location"}
	case loc == time.Local || loc.String() == "Local":
		return Calendar{}, &ConfigError{Field: "zone", Value: "Local", Err: ErrZone,
			Reason: "its meaning depends on the machine: give an IANA zone such as America/Chicago"}
	}
	var cfg config
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	for wd, spans := range week {
		if err := checkSpans(spans, weekField(time.Weekday(wd))); err != nil {
			return Calendar{}, err
		}
	}
	order := make([]int, len(cfg.days))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(cfg.days[a].Day, cfg.days[b].Day) })
	days := make([]SpecialDay, len(order))
	for i, k := range order {
		d := cfg.days[k]
		days[i] = d
		if i > 0 && days[i-1].Day == d.Day {
			return Calendar{}, &ConfigError{Field: cfg.field(k), Value: d.Day.String(), Err: ErrDuplicateDay,
				Reason: "also given as " + cfg.field(order[i-1])}
		}
		if len(d.Spans) > 0 {
			if err := checkSpans(d.Spans, cfg.field(k)); err != nil {
				return Calendar{}, err
			}
		}
	}
	if week.Hours() == 0 && !cfg.allowNone {
		return Calendar{}, &ConfigError{Field: "week", Err: ErrNoOpeningHours,
			Reason: "every weekday is closed (use AllowNoOpeningHours to allow it)"}
	}

	c := &compiled{loc: loc, week: week.clone(), days: days, allowNone: cfg.allowNone, zone: zones.Shared(loc)}
	var openDays, closedDays [7]hours
	for wd := range week {
		openDays[wd] = compileHours(week[wd])
		closedDays[wd] = openDays[wd].complement()
	}
	openSp := make([]compiledDay, len(days))
	closedSp := make([]compiledDay, len(days))
	for i, d := range days {
		day := int64(d.Day) - unixDay0
		if len(d.Spans) == 0 { // a holiday: shared hours, nothing to build
			openSp[i] = compiledDay{day: day, h: &noHours}
			closedSp[i] = compiledDay{day: day, h: &allDayHours}
			continue
		}
		h := compileHours(d.Spans)
		ch := h.complement()
		openSp[i] = compiledDay{day: day, h: &h}
		closedSp[i] = compiledDay{day: day, h: &ch}
	}
	c.open = newTable(openDays, openSp)
	c.closed = newTable(closedDays, closedSp)
	c.link()
	return Calendar{c}, nil
}

// MustNewCalendar is like [NewCalendar] but panics on error. It is intended
// for use in tests and with hard-coded configuration.
func MustNewCalendar(loc *time.Location, week Week, opts ...Option) Calendar {
	c, err := NewCalendar(loc, week, opts...)
	if err != nil {
		panic(err)
	}
	return c
}

// field returns the JSON path of day i: holidays[n] or special["date"].
func (c *config) field(i int) string {
	if n := c.holiday[i]; n >= 0 {
		return "holidays[" + strconv.Itoa(n) + "]"
	}
	return specialField(c.days[i].Day.String())
}

// weekFields are the JSON paths of the weekdays' hours, by time.Weekday.
var weekFields = [7]string{"week.sunday", "week.monday", "week.tuesday", "week.wednesday", "week.thursday", "week.friday", "week.saturday"}

// weekField is the JSON path of a weekday's hours: "week.monday".
func weekField(wd time.Weekday) string { return weekFields[wd] }

// specialField is the JSON path of a special day's hours under its key:
// `special["2024-12-24"]`.
func specialField(key string) string { return "special[" + strconv.Quote(key) + "]" }

// checkSpans validates one day's spans; field is the JSON path of the day.
func checkSpans(spans []Span, field string) error {
	for i, s := range spans {
		at := field + "[" + strconv.Itoa(i) + "]"
		if why := s.check(); why != "" {
			return &ConfigError{Field: at, Value: s.String(), Err: ErrInvalidSpan, Reason: why}
		}
		if i > 0 && s.From < spans[i-1].To {
			why := "overlaps " + spans[i-1].String()
			if s.From < spans[i-1].From {
				why = "out of order: starts before " + spans[i-1].String()
			}
			return &ConfigError{Field: at, Value: s.String(), Err: ErrInvalidSpan, Reason: why}
		}
	}
	return nil
}

// link tables the corrections of the open table for the zone's offset
// changes: base[s] and the value of g at the start of each segment. The
// part that depends only on the zone and the weekly hours is computed once
// and shared (see plainLinkOf); special days change it only by a constant
// between one special day and the next, added here in one pass, and the
// changes whose wall readings touch a special day are computed in full.
// The closed table needs no tables of its own: open and closed time add up
// to real time, so its g is real time minus the open g (see baseOf).
func (c *compiled) link() {
	zt := c.zone
	op := c.open
	n := len(zt.Off)
	pl := plainLinkOf(zt, op)
	buf := make([]int64, 2*n)
	op.base, op.gStart = buf[:n:n], buf[n:]
	copy(op.base, pl.base)
	copy(op.gStart, pl.gStart)
	op.gEnd = pl.gEnd
	sp := op.specials
	if len(sp) == 0 {
		return
	}
	// S(r) = F(r) - F of the plain week at r is the special days' share
	// of F: cumBefore(j) for the first special day j on or after r's day,
	// unless r's day is special itself (specialAt). j moves with the
	// readings, which are in time order.
	j := 0
	seek := func(from int64) {
		for j > 0 && sp[j-1].day >= from {
			j--
		}
		for j < len(sp) && sp[j].day < from {
			j++
		}
	}
	specialAt := func(r *zones.Reading) int64 {
		seek(r.Day)
		if j < len(sp) && sp[j].day == r.Day {
			plain := (r.Week-baseWeek)*op.weekOpen + op.dayStart[r.Weekday] + op.days[r.Weekday].prefix(r.Nanos)
			return op.f(r.Day, r.Nanos, baseWeek) - plain
		}
		return op.cumBefore(j)
	}
	var corr int64 // the sum over changes so far of S(before) - S(wall)
	// Readings whose days lie strictly between prev+1 and next-1, two
	// consecutive special days (or the ends), have S == sw, and a change
	// between two of them crosses no special day: the fast path.
	prev, next, sw := int64(minInt64), sp[0].day, op.cumBefore(0)
	for s := 0; s < n; s++ {
		w := &zt.Wall[s]
		lo, hi := w.Day, w.Day
		if s > 0 {
			lo, hi = min(lo, zt.Before[s].Day), max(hi, zt.Before[s].Day)
		}
		if lo > prev+1 && hi < next-1 {
			op.base[s] += corr
			op.gStart[s] += sw + corr
			continue
		}
		if s > 0 {
			seek(lo)
			if j < len(sp) && sp[j].day <= hi {
				corr += specialAt(&zt.Before[s]) - specialAt(w)
			}
		}
		op.base[s] += corr
		op.gStart[s] += specialAt(w) + corr
		seek(w.Day + 1) // j: the first special day after w's
		prev, next, sw = minInt64, maxInt64, op.cumBefore(j)
		if j > 0 {
			prev = sp[j-1].day
		}
		if j < len(sp) {
			next = sp[j].day
		}
	}
	op.gEnd += specialAt(&zt.Last) + corr
}

// originSec is the origin of F and g, the start of week baseWeek, in Unix
// seconds of wall time.
var originSec = (baseWeek*7 - 4) * 86400

// baseOf returns tb.base[s]. For the closed table it is derived from the
// open one: the closed F of a reading is its wall time since the origin
// minus the open F, and the wall time jumps by the change of offset at
// each change, so the closed base is the offset change since segment 0
// minus the open base.
func (c *compiled) baseOf(tb *table, s int) int64 {
	if tb == c.closed {
		return (c.zone.Off[0]-c.zone.Off[s])*int64(time.Second) - c.open.base[s]
	}
	return tb.base[s]
}

// gStartOf returns g of tb at the start of segment s: for the closed
// table, the real time since the origin (in segment 0's offset) minus the
// open g.
func (c *compiled) gStartOf(tb *table, s int) int64 {
	if tb == c.closed {
		return (c.zone.Start(s)+c.zone.Off[0]-originSec)*int64(time.Second) - c.open.gStart[s]
	}
	return tb.gStart[s]
}

// gEndOf returns g of tb at the end of the window.
func (c *compiled) gEndOf(tb *table) int64 {
	if tb == c.closed {
		return (zones.Hi+c.zone.Off[0]-originSec)*int64(time.Second) - c.open.gEnd
	}
	return tb.gEnd
}

// searchG returns the first segment s whose gStartOf(tb, s) >= x, or the
// number of segments.
func (c *compiled) searchG(tb *table, x int64) int {
	if tb != c.closed {
		return searchInt64(tb.gStart, x)
	}
	lo, hi := 0, len(c.zone.Off)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c.gStartOf(tb, m) < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Equal reports whether c and o have the same configuration: the same zone
// (by name and by its UTC offsets from 1900 to 2150), weekly hours, special
// days and options. Unlike ==, it does not
// care whether they share compiled tables.
func (c Calendar) Equal(o Calendar) bool {
	if c.c == nil || o.c == nil {
		return c.c == o.c
	}
	if c.c == o.c {
		return true
	}
	if c.c.loc.String() != o.c.loc.String() || c.c.allowNone != o.c.allowNone || len(c.c.days) != len(o.c.days) {
		return false
	}
	// Two zones may share a name and differ, as time.FixedZone("X", 3600)
	// and time.FixedZone("X", 7200) do: compare their offset changes too.
	if !c.c.zone.Equal(o.c.zone) {
		return false
	}
	for wd := range c.c.week {
		if !slices.Equal(c.c.week[wd], o.c.week[wd]) {
			return false
		}
	}
	for i, d := range c.c.days {
		if d.Day != o.c.days[i].Day || !slices.Equal(d.Spans, o.c.days[i].Spans) {
			return false
		}
	}
	return true
}

// String summarises the calendar, such as
// "America/Chicago Mon-Fri 09:00-17:00; 2 holidays, 1 special day".
// The zero Calendar is "always open".
func (c Calendar) String() string {
	if c.c == nil {
		return "always open"
	}
	s := c.c.loc.String() + " " + c.c.week.String()
	holidays := 0
	for _, d := range c.c.days {
		if len(d.Spans) == 0 {
			holidays++
		}
	}
	if n := len(c.c.days); n > 0 {
		s += "; " + plural(holidays, "holiday") + ", " + plural(n-holidays, "special day")
	}
	return s
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprint(n) + " " + what + "s"
}

// IsZero reports whether c is the zero Calendar, which is always open.
func (c Calendar) IsZero() bool { return c.c == nil }

// Location returns the calendar's time zone; UTC for the zero Calendar.
func (c Calendar) Location() *time.Location {
	if c.c == nil {
		return time.UTC
	}
	return c.c.loc
}

// Week returns a copy of the calendar's weekly hours; every day is
// 00:00-24:00 for the zero Calendar.
func (c Calendar) Week() Week {
	if c.c == nil {
		return AllWeek()
	}
	return c.c.week.clone()
}

// SpecialDays returns the calendar's holidays and special days in date
// order; holidays have no spans.
func (c Calendar) SpecialDays() []SpecialDay {
	if c.c == nil {
		return nil
	}
	out := make([]SpecialDay, len(c.c.days))
	for i, d := range c.c.days {
		out[i] = SpecialDay{Day: d.Day, Spans: slices.Clone(d.Spans)}
	}
	return out
}

// HoursOn returns the opening hours of day d: its special hours when it
// is a special day or holiday, otherwise the weekly hours of its weekday.
func (c Calendar) HoursOn(d date.Date) []Span {
	if c.c == nil {
		return []Span{{From: 0, To: endOfDay}}
	}
	if i, ok := slices.BinarySearchFunc(c.c.days, d, func(s SpecialDay, d date.Date) int { return cmp.Compare(s.Day, d) }); ok {
		return slices.Clone(c.c.days[i].Spans)
	}
	return slices.Clone(c.c.week[d.Weekday()])
}

// IsWorkday reports whether d has opening hours: it is not a holiday, and
// either its weekday has hours or it is a special day with hours. The zero
// Calendar reports true for every day.
func (c Calendar) IsWorkday(d date.Date) bool {
	if c.c == nil {
		return true
	}
	return c.c.open.hoursOn(int64(d)-unixDay0).total > 0
}

// offset returns the UTC offset in seconds at t and t's zone segment, or
// -1 as the segment when t is outside the tabled window.
func (c *compiled) offset(t time.Time) (off int64, seg int) {
	if zones.InWindow(t) {
		s := c.zone.Segment(t.Unix())
		return c.zone.Off[s], s
	}
	return zones.Offset(t, c.loc), -1
}

// Open reports whether the calendar is open at t: whether t's wall-clock
// reading in the calendar's zone falls in a span of that day, start
// included and end excluded.
func (c Calendar) Open(t time.Time) bool {
	if c.c == nil {
		return true
	}
	off, _ := c.c.offset(t)
	w := wallOf(t, off)
	return c.c.open.hoursOn(w.day).open(w.ns)
}

// g returns the open time from the origin to t, for t in the window.
func (c *compiled) g(tb *table, t time.Time) int64 {
	off, s := c.offset(t)
	w := wallOf(t, off)
	return tb.f(w.day, w.ns, baseWeek) + tb.base[s]
}

// Between returns the open time in [from, to): the real time that elapses
// from from to to while the calendar is open. It is 0 when to is not after
// from, and it saturates at the largest time.Duration (about 292 years).
// Between is additive: Between(a, b) + Between(b, c) == Between(a, c) for
// a <= b <= c.
func (c Calendar) Between(from, to time.Time) time.Duration {
	if !to.After(from) {
		return 0
	}
	if c.c == nil {
		return to.Sub(from)
	}
	return time.Duration(c.c.between(c.c.open, from, to))
}

// between is Between on a table, for from before to: the tables give the
// part inside the window and walkBetween the parts outside it.
func (c *compiled) between(tb *table, from, to time.Time) int64 {
	if zones.InWindow(from) && zones.InWindow(to) {
		return c.g(tb, to) - c.g(tb, from) // the common case, first
	}
	lo, hi := time.Unix(zones.Lo, 0), time.Unix(zones.Hi, 0)
	if !from.Before(hi) || !to.After(lo) {
		return c.walkBetween(tb, from, to)
	}
	var total int64
	gFrom, gTo := tb.gStart[0], tb.gEnd
	if from.Before(lo) {
		total = c.walkBetween(tb, from, lo)
	} else {
		gFrom = c.g(tb, from)
	}
	if to.Before(hi) {
		gTo = c.g(tb, to)
	} else {
		total = satAdd(total, c.walkBetween(tb, hi, to))
	}
	return satAdd(total, gTo-gFrom)
}

// walkBetween is between outside the window: it sums the open wall time of
// each stretch of constant offset from from to to.
func (c *compiled) walkBetween(tb *table, from, to time.Time) int64 {
	var total int64
	for s := from; s.Before(to); {
		off := zones.Offset(s, c.loc)
		e := to
		if nb, ok := zones.Next(s, c.loc); ok && nb.Before(to) {
			e = nb
		}
		w0, w1 := wallOf(s, off), wallOf(e, off)
		total = satAdd(total, tb.diffF(w0.day, w0.ns, w1.day, w1.ns))
		s = e
	}
	return total
}

// Add returns the first instant u at which d of open time has elapsed
// since t, so that Between(t, u) == d. With d > 0 the result is never
// inside a closed stretch: time added at Friday 16:00 to a calendar that
// closes at 17:00 lands on Friday 17:00 for one hour, not on Monday 09:00.
// Add(t, 0) is t.
//
// With d < 0 Add counts backwards and returns the last instant u <= t with
// Between(u, t) == -d, which is never inside a closed stretch either.
//
// Add returns the zero time.Time when the calendar never has enough open
// time, which only a calendar made with [AllowNoOpeningHours] can lack, or
// when the instant lies billions of years away. The result is in t's
// location.
func (c Calendar) Add(t time.Time, d time.Duration) time.Time {
	if d == 0 || c.c == nil {
		return t.Add(d)
	}
	if d > 1<<62 || d < -1<<62 {
		// Spend a huge d in two halves so that no sum of it overflows;
		// first and last instants compose, so the answer is the same.
		u := c.Add(t, d/2)
		if u.IsZero() {
			return u
		}
		return c.Add(u, d-d/2)
	}
	u, ok := c.c.add(c.c.open, t, int64(d))
	if !ok {
		return time.Time{}
	}
	return u.In(t.Location())
}

// add is Add on a table.
func (c *compiled) add(tb *table, t time.Time, d int64) (time.Time, bool) {
	if zones.InWindow(t) {
		return c.addFrom(tb, c.g(tb, t), d)
	}
	return c.walkAdd(tb, t, d)
}

// addFrom is add from the instant inside the window, or at one of its ends,
// whose g is gt.
func (c *compiled) addFrom(tb *table, gt, d int64) (time.Time, bool) {
	if d > 0 {
		if d > tb.gEnd-gt { // lands past the window
			return c.walkAdd(tb, time.Unix(zones.Hi, 0), d-(tb.gEnd-gt))
		}
		x := gt + d
		s := searchInt64(tb.gStart, x) - 1 // last segment starting below x
		w, ok := tb.invFirst(x-tb.base[s], baseWeek)
		if !ok {
			return time.Time{}, false
		}
		return instant(w, c.zone.Off[s]), true
	}
	if -d > gt-tb.gStart[0] { // lands before the window
		return c.walkAdd(tb, time.Unix(zones.Lo, 0), d+(gt-tb.gStart[0]))
	}
	x := gt + d
	s := searchInt64(tb.gStart, x+1) - 1 // last segment starting at or below x
	w, ok := tb.invLast(x-tb.base[s], baseWeek)
	if !ok {
		return time.Time{}, false
	}
	return instant(w, c.zone.Off[s]), true
}

// searchInt64 returns the first index i with a[i] >= x, or len(a).
func searchInt64(a []int64, x int64) int {
	i, _ := slices.BinarySearch(a, x)
	return i
}

// walkAdd is add outside the window: it spends d stretch by stretch of
// constant offset, forwards for d > 0 and backwards for d < 0, and hands
// what is left to addFrom if it reaches the window.
func (c *compiled) walkAdd(tb *table, t time.Time, d int64) (time.Time, bool) {
	if d == 0 {
		return t, true
	}
	lo, hi := time.Unix(zones.Lo, 0), time.Unix(zones.Hi, 0)
	for s := t; ; {
		if d > 0 {
			off := zones.Offset(s, c.loc)
			w0 := wallOf(s, off)
			if !tb.opensAfter(w0.day) {
				return time.Time{}, false
			}
			k0, _ := split(w0.day)
			f0 := tb.f(w0.day, w0.ns, k0)
			nb, ok := zones.Next(s, c.loc)
			toWindow := s.Before(lo) && (!ok || !nb.Before(lo))
			if toWindow {
				nb, ok = lo, true
			}
			if ok {
				w1 := wallOf(nb, off)
				if avail := tb.diffF(w0.day, w0.ns, w1.day, w1.ns); avail < d {
					if toWindow {
						return c.addFrom(tb, tb.gStart[0], d-avail)
					}
					d -= avail
					s = nb
					continue
				}
			}
			w, ok := tb.invFirst(satAdd(f0, d), k0)
			return instant(w, off), ok
		}
		off := zones.Offset(s.Add(-1), c.loc)
		w1 := wallOf(s, off)
		if !tb.opensBefore(w1.day) {
			return time.Time{}, false
		}
		k1, _ := split(w1.day)
		f1 := tb.f(w1.day, w1.ns, k1)
		pb, ok := zones.Prev(s, c.loc)
		toWindow := !s.Before(hi) && (!ok || !pb.After(hi))
		if toWindow {
			pb, ok = hi, true
		}
		if ok {
			w0 := wallOf(pb, off)
			if avail := tb.diffF(w0.day, w0.ns, w1.day, w1.ns); avail < -d {
				if toWindow {
					return c.addFrom(tb, tb.gEnd, d+avail)
				}
				d += avail
				s = pb
				continue
			}
		}
		w, ok := tb.invLast(satAdd(f1, d), k1)
		return instant(w, off), ok
	}
}

// NextOpen returns the first instant at or after t at which the calendar
// is open: t itself when it is open. It returns the zero time.Time when the
// calendar never opens again (only possible with [AllowNoOpeningHours]).
// The result is in t's location.
func (c Calendar) NextOpen(t time.Time) time.Time {
	if c.c == nil {
		return t
	}
	u, ok := c.c.next(c.c.open, t)
	if !ok {
		return time.Time{}
	}
	return u.In(t.Location())
}

// NextClose returns the first instant at or after t at which the calendar
// is closed: t itself when it is closed. It returns the zero time.Time when
// the calendar never closes again, as a 24x7 calendar with no holidays
// ahead never does. The result is in t's location.
func (c Calendar) NextClose(t time.Time) time.Time {
	if c.c == nil {
		return time.Time{}
	}
	u, ok := c.c.next(c.c.closed, t)
	if !ok {
		return time.Time{}
	}
	return u.In(t.Location())
}

// next returns the first instant at or after t at which tb's hours hold:
// the last instant at which tb's business time still equals g(t).
func (c *compiled) next(tb *table, t time.Time) (time.Time, bool) {
	off, seg := c.offset(t)
	w := wallOf(t, off)
	if tb.hoursOn(w.day).open(w.ns) {
		return t, true
	}
	if seg < 0 {
		return c.walkNext(tb, t)
	}
	// x is g(t); below gEnd, tb's hours hold again inside the window.
	if x := tb.f(w.day, w.ns, baseWeek) + c.baseOf(tb, seg); x < c.gEndOf(tb) {
		s := c.searchG(tb, x+1) - 1
		wl, ok := tb.invLast(x-c.baseOf(tb, s), baseWeek)
		if !ok {
			return time.Time{}, false
		}
		if u := instant(wl, c.zone.Off[s]); u.Unix() < zones.Hi {
			return u, true
		}
	}
	return c.walkNext(tb, time.Unix(zones.Hi, 0))
}

// walkNext is next outside the window, stretch by stretch of constant
// offset; from before the window it hands over to next at the window's
// start.
func (c *compiled) walkNext(tb *table, t time.Time) (time.Time, bool) {
	lo := time.Unix(zones.Lo, 0)
	for s := t; ; {
		off := zones.Offset(s, c.loc)
		w0 := wallOf(s, off)
		if tb.hoursOn(w0.day).open(w0.ns) {
			return s, true
		}
		k0, _ := split(w0.day)
		w, ok := tb.invLast(tb.f(w0.day, w0.ns, k0), k0)
		if !ok {
			return time.Time{}, false
		}
		u := instant(w, off)
		nb, more := zones.Next(s, c.loc)
		if s.Before(lo) && (!more || !nb.Before(lo)) {
			if u.Before(lo) {
				return u, true
			}
			return c.next(tb, lo)
		}
		if !more || u.Before(nb) {
			return u, true
		}
		s = nb
	}
}

// Intervals yields the open intervals of the calendar that overlap
// [from, to), clipped to it, in order: each pair is an interval's start
// (included) and end (excluded). Their lengths add up to Between(from, to).
func (c Calendar) Intervals(from, to time.Time) iter.Seq2[time.Time, time.Time] {
	return func(yield func(time.Time, time.Time) bool) {
		for s := c.NextOpen(from); !s.IsZero() && s.Before(to); {
			e := c.NextClose(s)
			if e.IsZero() || e.After(to) {
				e = to
			}
			if !yield(s, e) || !e.Before(to) {
				return
			}
			s = c.NextOpen(e)
		}
	}
}
