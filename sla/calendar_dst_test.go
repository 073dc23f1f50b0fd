package sla

// Named DST tests for the failures issue 4 lists for rickar/cal, and table
// tests per zone with spring-forward, fall-back, leap-day, year-end,
// boundary and backwards rows. Every expected value is worked out by hand in
// the row; each row is also checked against the oracle (oracle_test.go), so
// a wrong hand value shows up as an oracle failure, not as a calendar bug.

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Calendars used by the tables.
func office(loc *time.Location, holidays ...date.Date) calSpec {
	return calSpec{loc: loc, week: WorkWeek(hm(9, 0), hm(17, 0)), holidays: holidays}
}

func always(loc *time.Location) calSpec { return calSpec{loc: loc, week: allWeek(allDay)} }

func daily(loc *time.Location, spans ...Span) calSpec {
	return calSpec{loc: loc, week: allWeek(spans...)}
}

// nightShift is open Monday to Friday nights, 22:00 to 06:00 the next
// morning, written as overnight pairs.
func nightShift(loc *time.Location) calSpec {
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = append(w[d], span(22, 0, 24, 0))
		w[(d+1)%7] = append([]Span{span(0, 0, 6, 0)}, w[(d+1)%7]...)
	}
	return calSpec{loc: loc, week: w}
}

// weekendNights is open Saturday 22:00 to Sunday 06:00 only.
func weekendNights(loc *time.Location) calSpec {
	var w Week
	w[time.Saturday] = []Span{span(22, 0, 24, 0)}
	w[time.Sunday] = []Span{span(0, 0, 6, 0)}
	return calSpec{loc: loc, week: w}
}

// midnight is the start of local day d in loc. It is built with time.Date:
// rickb777/date v2.3.1's d.MidnightIn(loc) takes the offset in force at UTC
// midnight, which east of UTC is after a morning DST change, so on
// 2024-10-06 in Australia/Lord_Howe it returns 2024-10-05 23:30 +1030.
func midnight(d date.Date, loc *time.Location) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
}

// TestMidnightInIsWrongOnEasternDSTDays documents the date library fault
// that midnight works around, so that the day it is fixed shows up here.
func TestMidnightInIsWrongOnEasternDSTDays(t *testing.T) {
	d := date.New(2024, 10, 6)
	assert.False(t, d.MidnightIn(lordHowe).Equal(midnight(d, lordHowe)),
		"date.MidnightIn is right again: %s", fmtT(d.MidnightIn(lordHowe)))
}

func atS(loc *time.Location, y int, m time.Month, d, h, min, s, ns int) time.Time {
	return time.Date(y, m, d, h, min, s, ns, loc)
}

// Hand-picked instants in a DST overlap, where time.Date does not say which
// offset wins.
var (
	chicagoFirst0130  = time.Date(2024, 11, 3, 6, 30, 0, 0, time.UTC).In(chicago)  // 01:30 CDT
	chicagoSecond0130 = time.Date(2024, 11, 3, 7, 30, 0, 0, time.UTC).In(chicago)  // 01:30 CST
	londonSecond0130  = time.Date(2024, 10, 27, 1, 30, 0, 0, time.UTC).In(london)  // 01:30 GMT
	lordHoweFirst0145 = time.Date(2024, 4, 6, 14, 45, 0, 0, time.UTC).In(lordHowe) // 01:45 +11
)

type op int

const (
	opBetween op = iota
	opAdd
	opNextOpen
	opNextClose
	opOpen
)

// row is one query with its hand-worked answer.
type row struct {
	name  string
	spec  calSpec
	op    op
	t, u  time.Time     // Between(t, u); Add(t, d); NextOpen(t); NextClose(t); Open(t)
	d     time.Duration // Add's d; Between's answer
	wantT time.Time     // Add, NextOpen, NextClose
	wantB bool          // Open
}

func between(name string, s calSpec, from, to time.Time, want time.Duration) row {
	return row{name: name, spec: s, op: opBetween, t: from, u: to, d: want}
}

func add(name string, s calSpec, t time.Time, d time.Duration, want time.Time) row {
	return row{name: name, spec: s, op: opAdd, t: t, d: d, wantT: want}
}

func nextOpen(name string, s calSpec, t, want time.Time) row {
	return row{name: name, spec: s, op: opNextOpen, t: t, wantT: want}
}

func nextClose(name string, s calSpec, t, want time.Time) row {
	return row{name: name, spec: s, op: opNextClose, t: t, wantT: want}
}

func open(name string, s calSpec, t time.Time, want bool) row {
	return row{name: name, spec: s, op: opOpen, t: t, wantB: want}
}

// runRows checks each row against the oracle (are the hand values right?)
// and then against the Calendar.
func runRows(t *testing.T, rows []row) {
	t.Helper()
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			cal, o := r.spec.mustBuild(t), r.spec.oracle()
			switch r.op {
			case opBetween:
				require.Equal(t, r.d, o.between(r.t, r.u), "oracle: between(%s, %s)", fmtT(r.t), fmtT(r.u))
				assert.Equal(t, r.d, cal.Between(r.t, r.u), "Between(%s, %s)", fmtT(r.t), fmtT(r.u))
			case opAdd:
				require.True(t, sameInstant(r.wantT, o.add(r.t, r.d)), "oracle: add(%s, %v) = %s, hand value %s",
					fmtT(r.t), r.d, fmtT(o.add(r.t, r.d)), fmtT(r.wantT))
				got := cal.Add(r.t, r.d)
				assert.True(t, sameInstant(r.wantT, got), "Add(%s, %v) = %s, want %s", fmtT(r.t), r.d, fmtT(got), fmtT(r.wantT))
			case opNextOpen:
				require.True(t, sameInstant(r.wantT, o.nextOpen(r.t)), "oracle: nextOpen(%s) = %s", fmtT(r.t), fmtT(o.nextOpen(r.t)))
				got := cal.NextOpen(r.t)
				assert.True(t, sameInstant(r.wantT, got), "NextOpen(%s) = %s, want %s", fmtT(r.t), fmtT(got), fmtT(r.wantT))
			case opNextClose:
				require.True(t, sameInstant(r.wantT, o.nextClose(r.t)), "oracle: nextClose(%s) = %s", fmtT(r.t), fmtT(o.nextClose(r.t)))
				got := cal.NextClose(r.t)
				assert.True(t, sameInstant(r.wantT, got), "NextClose(%s) = %s, want %s", fmtT(r.t), fmtT(got), fmtT(r.wantT))
			case opOpen:
				require.Equal(t, r.wantB, o.open(r.t), "oracle: open(%s)", fmtT(r.t))
				assert.Equal(t, r.wantB, cal.Open(r.t), "Open(%s)", fmtT(r.t))
			}
		})
	}
}

// TestAdd24x7AcrossSpringForward: on a 24x7 calendar business time is real
// time, so adding 48 hours across spring-forward lands 48 real hours later,
// one hour later on the wall clock (rickar/cal lands an hour late).
func TestAdd24x7AcrossSpringForward(t *testing.T) {
	tests := []struct {
		loc        *time.Location
		start, end time.Time
	}{
		{chicago, at(chicago, 2024, 3, 9, 12, 0), at(chicago, 2024, 3, 11, 13, 0)},
		{london, at(london, 2024, 3, 30, 12, 0), at(london, 2024, 4, 1, 13, 0)},
		{lordHowe, at(lordHowe, 2024, 10, 5, 12, 0), at(lordHowe, 2024, 10, 7, 12, 30)},
		// fall-back and no-DST rows for contrast
		{chicago, at(chicago, 2024, 11, 2, 12, 0), at(chicago, 2024, 11, 4, 11, 0)},
		{kathmand, at(kathmand, 2024, 12, 31, 12, 0), at(kathmand, 2025, 1, 2, 12, 0)},
		{time.UTC, at(time.UTC, 2024, 2, 28, 12, 0), at(time.UTC, 2024, 3, 1, 12, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.loc.String()+" "+tt.start.Format("2006-01-02"), func(t *testing.T) {
			require.True(t, tt.end.Equal(tt.start.Add(48*time.Hour)), "hand value")
			cal := always(tt.loc).mustBuild(t)
			got := cal.Add(tt.start, 48*time.Hour)
			assert.True(t, got.Equal(tt.end), "Add(%s, 48h) = %s, want %s", fmtT(tt.start), fmtT(got), fmtT(tt.end))
			assert.Equal(t, 48*time.Hour, cal.Between(tt.start, tt.end), "Between(%s, %s)", fmtT(tt.start), fmtT(tt.end))
			back := cal.Add(tt.end, -48*time.Hour)
			assert.True(t, back.Equal(tt.start), "Add(%s, -48h) = %s, want %s", fmtT(tt.end), fmtT(back), fmtT(tt.start))
		})
	}
}

// TestNextWorkdayAcrossDST: the next opening after Friday's close is the
// following Monday 09:00 local (rickar/cal skips a day across DST), and on a
// calendar open at weekends it is the DST Sunday itself.
func TestNextWorkdayAcrossDST(t *testing.T) {
	rows := []row{
		// Friday close to Monday open over a DST weekend
		nextOpen("chicago spring", office(chicago), at(chicago, 2024, 3, 8, 17, 0), at(chicago, 2024, 3, 11, 9, 0)),
		nextOpen("chicago fall", office(chicago), at(chicago, 2024, 11, 1, 17, 0), at(chicago, 2024, 11, 4, 9, 0)),
		nextOpen("london spring", office(london), at(london, 2024, 3, 29, 17, 0), at(london, 2024, 4, 1, 9, 0)),
		nextOpen("london fall", office(london), at(london, 2024, 10, 25, 17, 0), at(london, 2024, 10, 28, 9, 0)),
		nextOpen("lord howe spring", office(lordHowe), at(lordHowe, 2024, 10, 4, 17, 0), at(lordHowe, 2024, 10, 7, 9, 0)),
		nextOpen("lord howe fall", office(lordHowe), at(lordHowe, 2024, 4, 5, 17, 0), at(lordHowe, 2024, 4, 8, 9, 0)),
		// the DST Sunday is itself a workday when the calendar opens on Sundays
		nextOpen("daily chicago sat->sun spring", daily(chicago, span(9, 0, 17, 0)), at(chicago, 2024, 3, 9, 17, 0), at(chicago, 2024, 3, 10, 9, 0)),
		nextOpen("daily chicago sat->sun fall", daily(chicago, span(9, 0, 17, 0)), at(chicago, 2024, 11, 2, 17, 0), at(chicago, 2024, 11, 3, 9, 0)),
		nextOpen("daily london sat->sun spring", daily(london, span(9, 0, 17, 0)), at(london, 2024, 3, 30, 17, 0), at(london, 2024, 3, 31, 9, 0)),
		nextOpen("daily lord howe sat->sun spring", daily(lordHowe, span(9, 0, 17, 0)), at(lordHowe, 2024, 10, 5, 17, 0), at(lordHowe, 2024, 10, 6, 9, 0)),
		add("office chicago fri 16:00 + 2h", office(chicago), at(chicago, 2024, 3, 8, 16, 0), 2*time.Hour, at(chicago, 2024, 3, 11, 10, 0)),
		add("daily chicago sat 16:00 + 2h", daily(chicago, span(9, 0, 17, 0)), at(chicago, 2024, 3, 9, 16, 0), 2*time.Hour, at(chicago, 2024, 3, 10, 10, 0)),
		add("office london fri 16:00 + 9h", office(london), at(london, 2024, 10, 25, 16, 0), 9*time.Hour, at(london, 2024, 10, 28, 17, 0)),
	}
	runRows(t, rows)

	// Walk each DST fortnight day by day: the next workday after d, found as
	// the date of NextOpen from the next midnight, is the next weekday.
	for _, loc := range testZones {
		cal := office(loc).mustBuild(t)
		daily7 := daily(loc, span(9, 0, 17, 0)).mustBuild(t)
		for _, tr := range transitions(loc, at(loc, 2024, 1, 1, 0, 0), at(loc, 2025, 1, 1, 0, 0)) {
			c := date.NewAt(tr.In(loc))
			for d := c - 7; d <= c+7; d++ {
				want := d + 1
				for want.Weekday() == time.Saturday || want.Weekday() == time.Sunday {
					want++
				}
				got := date.NewAt(cal.NextOpen(midnight(d+1, loc)).In(loc))
				assert.Equal(t, want, got, "%s: next workday after %s", loc, d)
				assert.Equal(t, d.Weekday() >= time.Monday && d.Weekday() <= time.Friday, cal.IsWorkday(d), "%s: IsWorkday(%s)", loc, d)
				assert.True(t, daily7.IsWorkday(d), "%s: daily IsWorkday(%s)", loc, d)
				got7 := daily7.NextOpen(midnight(d+1, loc))
				assert.True(t, got7.Equal(time.Date(d.Year(), d.Month(), d.Day()+1, 9, 0, 0, 0, loc)), "%s: daily next open after %s = %s", loc, d, fmtT(got7))
			}
		}
	}
}

// TestFullDaySpanCountsRealHours: an 00:00-24:00 span counts the real hours
// of the day: 23 on spring-forward day, 25 on fall-back day (23.5 and 24.5
// on Lord Howe), 24 otherwise (rickar/cal counts 0).
func TestFullDaySpanCountsRealHours(t *testing.T) {
	tests := []struct {
		loc  *time.Location
		day  date.Date
		want time.Duration
	}{
		{chicago, date.New(2024, 3, 10), 23 * time.Hour},
		{chicago, date.New(2024, 11, 3), 25 * time.Hour},
		{chicago, date.New(2024, 2, 29), 24 * time.Hour},
		{london, date.New(2024, 3, 31), 23 * time.Hour},
		{london, date.New(2024, 10, 27), 25 * time.Hour},
		{london, date.New(2024, 12, 31), 24 * time.Hour},
		{lordHowe, date.New(2024, 10, 6), 23*time.Hour + 30*time.Minute},
		{lordHowe, date.New(2024, 4, 7), 24*time.Hour + 30*time.Minute},
		{kathmand, date.New(2024, 12, 31), 24 * time.Hour},
		{time.UTC, date.New(2024, 2, 29), 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.loc.String()+" "+tt.day.String(), func(t *testing.T) {
			start, end := midnight(tt.day, tt.loc), midnight(tt.day+1, tt.loc)
			require.Equal(t, tt.want, end.Sub(start), "hand value")
			// The same day made 24-hour three ways: by the week, by a special
			// day in an office week, and by the week with a holiday after it.
			specs := map[string]calSpec{
				"24x7":             always(tt.loc),
				"special 24h":      {loc: tt.loc, week: WorkWeek(hm(9, 0), hm(17, 0)), specials: []special{{tt.day, []Span{allDay}}}},
				"24h weekday only": {loc: tt.loc, week: func() Week { var w Week; w[tt.day.Weekday()] = []Span{allDay}; return w }()},
			}
			for name, spec := range specs {
				cal, o := spec.mustBuild(t), spec.oracle()
				require.Equal(t, tt.want, o.between(start, end), "oracle")
				assert.Equal(t, tt.want, cal.Between(start, end), "%s: Between(%s, %s)", name, fmtT(start), fmtT(end))
				got := cal.Add(start, tt.want)
				assert.True(t, got.Equal(end), "%s: Add(%s, %v) = %s, want %s", name, fmtT(start), tt.want, fmtT(got), fmtT(end))
				var ivs []ival
				for s, e := range cal.Intervals(start, end) {
					ivs = append(ivs, ival{s, e})
				}
				if assert.Len(t, ivs, 1, "%s: Intervals over the day", name) {
					assert.True(t, ivs[0].s.Equal(start) && ivs[0].e.Equal(end), "%s: Intervals = %v", name, ivs)
				}
				assert.True(t, cal.IsWorkday(tt.day), "%s: IsWorkday", name)
			}
		})
	}
}

// TestOvernightSpans: Monday 22:00-24:00 plus Tuesday 00:00-06:00 is one
// continuous stretch; nothing is negative and every query returns
// (rickar/cal gives negative results or never returns).
func TestOvernightSpans(t *testing.T) {
	n := nightShift(chicago)
	mon := func(h, m int) time.Time { return at(chicago, 2024, 1, 8, h, m) }
	tue := func(h, m int) time.Time { return at(chicago, 2024, 1, 9, h, m) }
	runRows(t, []row{
		between("whole night", n, mon(21, 0), tue(7, 0), 8*time.Hour),
		between("across midnight", n, mon(23, 0), tue(1, 0), 2*time.Hour),
		between("backwards across midnight", n, tue(1, 0), mon(23, 0), 0),
		between("evening only", n, mon(21, 0), mon(23, 30), 90*time.Minute),
		between("morning only", n, tue(5, 0), tue(12, 0), time.Hour),
		open("last nanosecond of Monday", n, atS(chicago, 2024, 1, 8, 23, 59, 59, 999999999), true),
		open("Tuesday midnight", n, tue(0, 0), true),
		open("Tuesday 06:00", n, tue(6, 0), false),
		open("Monday 22:00", n, mon(22, 0), true),
		open("Monday 21:59:59.999999999", n, atS(chicago, 2024, 1, 8, 21, 59, 59, 999999999), false),
		nextClose("continuous through midnight", n, mon(23, 0), tue(6, 0)),
		nextClose("from 22:00", n, mon(22, 0), tue(6, 0)),
		nextOpen("after the morning", n, tue(6, 0), tue(22, 0)),
		nextOpen("weekend", n, at(chicago, 2024, 1, 13, 6, 0), at(chicago, 2024, 1, 15, 22, 0)),
		add("across midnight", n, mon(23, 0), 2*time.Hour, tue(1, 0)),
		add("into the next night", n, tue(5, 0), 2*time.Hour, tue(23, 0)),
		add("exactly to the close", n, mon(22, 0), 8*time.Hour, tue(6, 0)),
		add("back across midnight", n, tue(1, 0), -2*time.Hour, mon(23, 0)),
		add("back to the previous night", n, tue(22, 30), -time.Hour, tue(5, 30)),
		add("a week of nights", n, mon(22, 0), 40*time.Hour, at(chicago, 2024, 1, 13, 6, 0)),
		add("from the weekend", n, at(chicago, 2024, 1, 13, 12, 0), time.Nanosecond, atS(chicago, 2024, 1, 15, 22, 0, 0, 1)),
		// overnight stretch across DST: Saturday 22:00 to Sunday 06:00
		between("spring-forward night", weekendNights(chicago), at(chicago, 2024, 3, 9, 12, 0), at(chicago, 2024, 3, 10, 12, 0), 7*time.Hour),
		between("fall-back night", weekendNights(chicago), at(chicago, 2024, 11, 2, 12, 0), at(chicago, 2024, 11, 3, 12, 0), 9*time.Hour),
		between("london fall-back night", weekendNights(london), at(london, 2024, 10, 26, 12, 0), at(london, 2024, 10, 27, 12, 0), 9*time.Hour),
		between("lord howe spring-forward night", weekendNights(lordHowe), at(lordHowe, 2024, 10, 5, 12, 0), at(lordHowe, 2024, 10, 6, 12, 0), 7*time.Hour+30*time.Minute),
		add("spring-forward night to its end", weekendNights(chicago), at(chicago, 2024, 3, 9, 22, 0), 7*time.Hour, at(chicago, 2024, 3, 10, 6, 0)),
		add("fall-back night past the repeat", weekendNights(chicago), at(chicago, 2024, 11, 2, 22, 0), 4*time.Hour, time.Date(2024, 11, 3, 7, 0, 0, 0, time.UTC).In(chicago)), // 01:00 CST
		nextClose("fall-back night", weekendNights(chicago), at(chicago, 2024, 11, 2, 23, 0), at(chicago, 2024, 11, 3, 6, 0)),
	})

	// Intervals join the overnight pair into one stretch.
	cal := n.mustBuild(t)
	var ivs []ival
	for s, e := range cal.Intervals(mon(0, 0), at(chicago, 2024, 1, 10, 0, 0)) {
		ivs = append(ivs, ival{s, e})
	}
	want := []ival{{mon(22, 0), tue(6, 0)}, {tue(22, 0), at(chicago, 2024, 1, 10, 0, 0)}}
	if assert.Len(t, ivs, len(want), "Intervals = %v", ivs) {
		for i := range want {
			assert.True(t, ivs[i].s.Equal(want[i].s) && ivs[i].e.Equal(want[i].e), "Intervals[%d] = %v, want %v", i, ivs[i], want[i])
		}
	}
	// A long Add terminates and agrees with the oracle.
	far := cal.Add(mon(23, 0), 1000*time.Hour)
	assert.True(t, far.Equal(n.oracle().add(mon(23, 0), 1000*time.Hour)), "Add(1000h) = %s", fmtT(far))
	assert.Equal(t, 1000*time.Hour, cal.Between(mon(23, 0), far))
}

func TestCalendarChicago(t *testing.T) {
	hol := office(chicago, date.New(2024, 12, 25), date.New(2025, 1, 1))
	lunch := daily(chicago, span(9, 0, 12, 0), span(13, 0, 17, 0))
	runRows(t, []row{
		// spring-forward: 2024-03-10 02:00 CST -> 03:00 CDT
		between("office over spring-forward weekend", hol, at(chicago, 2024, 3, 8, 9, 0), at(chicago, 2024, 3, 11, 17, 0), 16*time.Hour),
		between("24x7 over spring-forward weekend", always(chicago), at(chicago, 2024, 3, 9, 0, 0), at(chicago, 2024, 3, 11, 0, 0), 47*time.Hour),
		between("24x7 through the gap", always(chicago), at(chicago, 2024, 3, 10, 1, 30), at(chicago, 2024, 3, 10, 3, 30), time.Hour),
		between("01:00-03:00 daily on spring-forward day", daily(chicago, span(1, 0, 3, 0)), at(chicago, 2024, 3, 10, 0, 0), at(chicago, 2024, 3, 11, 0, 0), time.Hour),
		between("02:00-02:30 daily never exists that day", daily(chicago, span(2, 0, 2, 30)), at(chicago, 2024, 3, 10, 0, 0), at(chicago, 2024, 3, 11, 0, 0), 0),
		nextOpen("02:00-02:30 daily skips to the next day", daily(chicago, span(2, 0, 2, 30)), at(chicago, 2024, 3, 10, 0, 0), at(chicago, 2024, 3, 11, 2, 0)),
		nextOpen("02:30-04:00 daily opens at 03:00 CDT", daily(chicago, span(2, 30, 4, 0)), at(chicago, 2024, 3, 10, 0, 0), at(chicago, 2024, 3, 10, 3, 0)),
		open("24x7 just after the gap", always(chicago), at(chicago, 2024, 3, 10, 3, 0), true),
		add("lunch week across spring-forward", lunch, at(chicago, 2024, 3, 9, 16, 0), 8*time.Hour, at(chicago, 2024, 3, 10, 17, 0)),
		// fall-back: 2024-11-03 02:00 CDT -> 01:00 CST
		between("24x7 into the repeat", always(chicago), at(chicago, 2024, 11, 3, 0, 0), at(chicago, 2024, 11, 3, 3, 0), 4*time.Hour),
		between("01:00-02:00 daily counts both hours", daily(chicago, span(1, 0, 2, 0)), at(chicago, 2024, 11, 3, 0, 0), at(chicago, 2024, 11, 4, 0, 0), 2*time.Hour),
		between("first 01:30 to second 01:30", daily(chicago, span(1, 0, 2, 0)), chicagoFirst0130, chicagoSecond0130, time.Hour),
		add("01:00-02:00 daily: 30m from the first 01:30", daily(chicago, span(1, 0, 2, 0)), chicagoFirst0130, 30*time.Minute, chicagoSecond0130.Add(-30*time.Minute)),
		nextClose("01:00-02:00 daily closes after the repeat", daily(chicago, span(1, 0, 2, 0)), chicagoFirst0130, at(chicago, 2024, 11, 3, 2, 0)),
		add("office fri 16:00 + 2h over fall-back", hol, at(chicago, 2024, 11, 1, 16, 0), 2*time.Hour, at(chicago, 2024, 11, 4, 10, 0)),
		// leap day (Thursday)
		between("office over the leap day", hol, at(chicago, 2024, 2, 28, 12, 0), at(chicago, 2024, 3, 1, 12, 0), 16*time.Hour),
		add("office leap day", hol, at(chicago, 2024, 2, 28, 16, 0), 9*time.Hour, at(chicago, 2024, 2, 29, 17, 0)),
		add("office past the leap day", hol, at(chicago, 2024, 2, 28, 16, 0), 9*time.Hour+1, atS(chicago, 2024, 3, 1, 9, 0, 0, 1)),
		// year end with holidays on Dec 25 and Jan 1
		between("office over the holidays", hol, at(chicago, 2024, 12, 24, 9, 0), at(chicago, 2025, 1, 3, 0, 0), 48*time.Hour),
		add("office over Christmas", hol, at(chicago, 2024, 12, 24, 16, 0), 2*time.Hour, at(chicago, 2024, 12, 26, 10, 0)),
		add("office one nanosecond into the new year", hol, at(chicago, 2024, 12, 31, 17, 0), 1, atS(chicago, 2025, 1, 2, 9, 0, 0, 1)),
		add("office back over New Year", hol, at(chicago, 2025, 1, 2, 10, 0), -2*time.Hour, at(chicago, 2024, 12, 31, 16, 0)),
		open("office holiday", hol, at(chicago, 2024, 12, 25, 12, 0), false),
		// instants exactly on a boundary
		open("opening instant", hol, at(chicago, 2024, 1, 8, 9, 0), true),
		open("closing instant", hol, at(chicago, 2024, 1, 8, 17, 0), false),
		open("a nanosecond before opening", hol, atS(chicago, 2024, 1, 8, 8, 59, 59, 999999999), false),
		nextOpen("at the opening instant", hol, at(chicago, 2024, 1, 8, 9, 0), at(chicago, 2024, 1, 8, 9, 0)),
		nextClose("at the closing instant", hol, at(chicago, 2024, 1, 8, 17, 0), at(chicago, 2024, 1, 8, 17, 0)),
		nextClose("at the opening instant", hol, at(chicago, 2024, 1, 8, 9, 0), at(chicago, 2024, 1, 8, 17, 0)),
		add("to the close is the close, not the next opening", hol, at(chicago, 2024, 1, 8, 16, 0), time.Hour, at(chicago, 2024, 1, 8, 17, 0)),
		add("zero from a closed instant", hol, at(chicago, 2024, 1, 8, 18, 0), 0, at(chicago, 2024, 1, 8, 18, 0)),
		add("back to the opening, not the previous close", hol, at(chicago, 2024, 1, 9, 10, 0), -time.Hour, at(chicago, 2024, 1, 9, 9, 0)),
		add("back one nanosecond from the opening", hol, at(chicago, 2024, 1, 9, 9, 0), -1, atS(chicago, 2024, 1, 8, 16, 59, 59, 999999999)),
		add("lunch: to noon is noon", lunch, at(chicago, 2024, 1, 8, 11, 0), time.Hour, at(chicago, 2024, 1, 8, 12, 0)),
		add("lunch: just past noon is after lunch", lunch, at(chicago, 2024, 1, 8, 11, 0), time.Hour+1, atS(chicago, 2024, 1, 8, 13, 0, 0, 1)),
		// backwards ranges
		between("backwards", hol, at(chicago, 2024, 1, 8, 17, 0), at(chicago, 2024, 1, 8, 9, 0), 0),
		between("empty", hol, at(chicago, 2024, 1, 8, 10, 0), at(chicago, 2024, 1, 8, 10, 0), 0),
		between("backwards 24x7 over DST", always(chicago), at(chicago, 2024, 3, 11, 0, 0), at(chicago, 2024, 3, 9, 0, 0), 0),
	})
}

func TestCalendarLondon(t *testing.T) {
	hol := office(london, date.New(2024, 12, 25), date.New(2024, 12, 26), date.New(2025, 1, 1))
	runRows(t, []row{
		// spring-forward: 2024-03-31 01:00 GMT -> 02:00 BST
		between("24x7 through the gap", always(london), at(london, 2024, 3, 31, 0, 0), at(london, 2024, 3, 31, 3, 0), 2*time.Hour),
		between("00:30-01:30 daily on spring-forward day", daily(london, span(0, 30, 1, 30)), at(london, 2024, 3, 31, 0, 0), at(london, 2024, 4, 1, 0, 0), 30*time.Minute),
		nextOpen("office fri to mon spring", hol, at(london, 2024, 3, 29, 17, 0), at(london, 2024, 4, 1, 9, 0)),
		// fall-back: 2024-10-27 02:00 BST -> 01:00 GMT
		add("24x7 into the repeat", always(london), at(london, 2024, 10, 27, 0, 30), 2*time.Hour, londonSecond0130),
		between("01:00-02:00 daily counts both hours", daily(london, span(1, 0, 2, 0)), at(london, 2024, 10, 27, 0, 0), at(london, 2024, 10, 28, 0, 0), 2*time.Hour),
		nextOpen("office fri to mon fall", hol, at(london, 2024, 10, 25, 17, 0), at(london, 2024, 10, 28, 9, 0)),
		// leap day
		between("24x7 over the leap day", always(london), at(london, 2024, 2, 28, 0, 0), at(london, 2024, 3, 1, 0, 0), 48*time.Hour),
		// year end
		between("office over the holidays", hol, at(london, 2024, 12, 20, 17, 0), at(london, 2025, 1, 2, 9, 0), 40*time.Hour),
		add("office over the holidays", hol, at(london, 2024, 12, 24, 17, 0), time.Hour, at(london, 2024, 12, 27, 10, 0)),
		nextOpen("new year's day", hol, at(london, 2025, 1, 1, 0, 0), at(london, 2025, 1, 2, 9, 0)),
		// boundaries and backwards
		nextClose("at the closing instant", hol, at(london, 2024, 7, 1, 17, 0), at(london, 2024, 7, 1, 17, 0)),
		add("to the close in summer time", hol, at(london, 2024, 7, 1, 9, 0), 8*time.Hour, at(london, 2024, 7, 1, 17, 0)),
		between("backwards", hol, at(london, 2024, 7, 2, 0, 0), at(london, 2024, 7, 1, 0, 0), 0),
	})
}

func TestCalendarLordHowe(t *testing.T) {
	hol := office(lordHowe, date.New(2024, 12, 25), date.New(2024, 12, 26), date.New(2025, 1, 1))
	springHol := calSpec{loc: lordHowe, week: allWeek(allDay), holidays: []date.Date{date.New(2024, 10, 6)}}
	fallHol := calSpec{loc: lordHowe, week: allWeek(allDay), holidays: []date.Date{date.New(2024, 4, 7)}}
	runRows(t, []row{
		// spring-forward: 2024-10-06 02:00 +1030 -> 02:30 +11
		between("24x7 through the half-hour gap", always(lordHowe), at(lordHowe, 2024, 10, 6, 1, 0), at(lordHowe, 2024, 10, 6, 3, 0), 90*time.Minute),
		between("02:00-02:30 daily never exists that day", daily(lordHowe, span(2, 0, 2, 30)), at(lordHowe, 2024, 10, 6, 0, 0), at(lordHowe, 2024, 10, 7, 0, 0), 0),
		nextOpen("02:00-02:30 daily skips to the next day", daily(lordHowe, span(2, 0, 2, 30)), at(lordHowe, 2024, 10, 6, 0, 0), at(lordHowe, 2024, 10, 7, 2, 0)),
		add("24x7 across the gap", always(lordHowe), at(lordHowe, 2024, 10, 6, 1, 45), 15*time.Minute, at(lordHowe, 2024, 10, 6, 2, 30)),
		nextOpen("office fri to mon spring", hol, at(lordHowe, 2024, 10, 4, 17, 0), at(lordHowe, 2024, 10, 7, 9, 0)),
		// fall-back: 2024-04-07 02:00 +11 -> 01:30 +1030
		between("24x7 into the half-hour repeat", always(lordHowe), at(lordHowe, 2024, 4, 7, 1, 0), at(lordHowe, 2024, 4, 7, 3, 0), 150*time.Minute),
		between("01:30-02:00 daily counts both half hours", daily(lordHowe, span(1, 30, 2, 0)), at(lordHowe, 2024, 4, 7, 0, 0), at(lordHowe, 2024, 4, 8, 0, 0), time.Hour),
		add("01:30-02:00 daily from the first 01:45", daily(lordHowe, span(1, 30, 2, 0)), lordHoweFirst0145, 30*time.Minute, lordHoweFirst0145.Add(30*time.Minute)),
		nextClose("01:30-02:00 daily closes after the repeat", daily(lordHowe, span(1, 30, 2, 0)), lordHoweFirst0145, lordHoweFirst0145.Add(45*time.Minute)),
		// a holiday on a DST day starts and ends at local midnight (not at
		// date.MidnightIn's 23:30 the evening before or 00:30)
		nextClose("24x7 to the spring-forward holiday", springHol, at(lordHowe, 2024, 10, 5, 12, 0), at(lordHowe, 2024, 10, 6, 0, 0)),
		nextOpen("24x7 after the spring-forward holiday", springHol, at(lordHowe, 2024, 10, 6, 12, 0), at(lordHowe, 2024, 10, 7, 0, 0)),
		open("24x7 the evening before the spring-forward holiday", springHol, at(lordHowe, 2024, 10, 5, 23, 45), true),
		between("24x7 around the spring-forward holiday", springHol, at(lordHowe, 2024, 10, 5, 0, 0), at(lordHowe, 2024, 10, 8, 0, 0), 48*time.Hour),
		nextClose("24x7 to the fall-back holiday", fallHol, at(lordHowe, 2024, 4, 6, 12, 0), at(lordHowe, 2024, 4, 7, 0, 0)),
		nextOpen("24x7 after the fall-back holiday", fallHol, at(lordHowe, 2024, 4, 7, 12, 0), at(lordHowe, 2024, 4, 8, 0, 0)),
		open("24x7 just after midnight on the fall-back holiday", fallHol, at(lordHowe, 2024, 4, 7, 0, 15), false),
		between("24x7 around the fall-back holiday", fallHol, at(lordHowe, 2024, 4, 6, 0, 0), at(lordHowe, 2024, 4, 9, 0, 0), 48*time.Hour),
		nextOpen("office sunday special on the spring-forward day", calSpec{loc: lordHowe, week: WorkWeek(hm(9, 0), hm(17, 0)),
			specials: []special{{date.New(2024, 10, 6), []Span{span(0, 0, 1, 0)}}}}, at(lordHowe, 2024, 10, 5, 20, 0), at(lordHowe, 2024, 10, 6, 0, 0)),
		// leap day
		between("office on the leap day", hol, at(lordHowe, 2024, 2, 29, 0, 0), at(lordHowe, 2024, 3, 1, 0, 0), 8*time.Hour),
		// year end
		between("office over new year", hol, at(lordHowe, 2024, 12, 31, 0, 0), at(lordHowe, 2025, 1, 3, 0, 0), 16*time.Hour),
		add("office over new year", hol, at(lordHowe, 2024, 12, 31, 16, 0), 2*time.Hour, at(lordHowe, 2025, 1, 2, 10, 0)),
		// boundaries and backwards
		open("opening instant in summer time", hol, at(lordHowe, 2024, 12, 2, 9, 0), true),
		open("a nanosecond before", hol, atS(lordHowe, 2024, 12, 2, 8, 59, 59, 999999999), false),
		between("backwards", hol, at(lordHowe, 2024, 12, 3, 0, 0), at(lordHowe, 2024, 12, 2, 0, 0), 0),
	})
}

func TestCalendarKathmandu(t *testing.T) {
	hol := office(kathmand, date.New(2025, 1, 1))
	utc := func(y int, m time.Month, d, h, min int) time.Time { return at(time.UTC, y, m, d, h, min) }
	runRows(t, []row{
		// +05:45: local midnight is 18:15 UTC
		between("24x7 across local midnight in UTC", always(kathmand), utc(2024, 12, 31, 18, 0), utc(2024, 12, 31, 18, 30), 30*time.Minute),
		between("office over new year", hol, at(kathmand, 2024, 12, 31, 16, 0), at(kathmand, 2025, 1, 2, 10, 0), 2*time.Hour),
		add("office over new year", hol, at(kathmand, 2024, 12, 31, 16, 30), time.Hour, at(kathmand, 2025, 1, 2, 9, 30)),
		open("opening instant given in UTC", hol, utc(2024, 1, 8, 3, 15), true),
		open("a nanosecond before, in UTC", hol, atS(time.UTC, 2024, 1, 8, 3, 14, 59, 999999999), false),
		nextOpen("saturday in UTC", hol, utc(2024, 1, 6, 0, 0), utc(2024, 1, 8, 3, 15)),
		nextClose("monday in UTC", hol, utc(2024, 1, 8, 4, 0), utc(2024, 1, 8, 11, 15)),
		add("office overnight", hol, at(kathmand, 2024, 1, 8, 16, 30), time.Hour, at(kathmand, 2024, 1, 9, 9, 30)),
		// leap day
		between("office on the leap day", hol, at(kathmand, 2024, 2, 29, 0, 0), at(kathmand, 2024, 3, 1, 0, 0), 8*time.Hour),
		// 2038-01-19: the zone tables end, the offset does not change
		between("24x7 over 2038-01-19", always(kathmand), at(kathmand, 2038, 1, 19, 0, 0), at(kathmand, 2038, 1, 20, 0, 0), 24*time.Hour),
		between("office week of 2038-01-19", hol, at(kathmand, 2038, 1, 18, 0, 0), at(kathmand, 2038, 1, 25, 0, 0), 40*time.Hour),
		// backwards
		between("backwards", hol, utc(2024, 1, 9, 0, 0), utc(2024, 1, 8, 0, 0), 0),
	})
}

func TestCalendarUTC(t *testing.T) {
	hol := office(time.UTC, date.New(2025, 1, 1))
	runRows(t, []row{
		between("office leap week", hol, at(time.UTC, 2024, 2, 26, 0, 0), at(time.UTC, 2024, 3, 4, 0, 0), 40*time.Hour),
		add("24x7 over new year", always(time.UTC), at(time.UTC, 2024, 12, 31, 23, 0), 2*time.Hour, at(time.UTC, 2025, 1, 1, 1, 0)),
		add("24x7 back over new year", always(time.UTC), at(time.UTC, 2025, 1, 1, 1, 0), -2*time.Hour, at(time.UTC, 2024, 12, 31, 23, 0)),
		add("office over new year", hol, at(time.UTC, 2024, 12, 31, 16, 0), 2*time.Hour, at(time.UTC, 2025, 1, 2, 10, 0)),
		nextClose("24x7 never closes", always(time.UTC), at(time.UTC, 2024, 12, 31, 23, 0), time.Time{}),
		nextClose("24x7 with a holiday closes on it", calSpec{loc: time.UTC, week: allWeek(allDay), holidays: []date.Date{date.New(2025, 1, 1)}},
			at(time.UTC, 2024, 12, 31, 23, 0), at(time.UTC, 2025, 1, 1, 0, 0)),
		between("backwards", hol, at(time.UTC, 2024, 3, 4, 0, 0), at(time.UTC, 2024, 2, 26, 0, 0), 0),
	})
}

// TestZeroCalendar: the zero Calendar is open at all times, so business
// time is real time, across DST too.
func TestZeroCalendar(t *testing.T) {
	var c Calendar
	a, b := at(chicago, 2024, 3, 9, 12, 0), at(chicago, 2024, 3, 11, 12, 0)
	assert.True(t, c.Open(a))
	assert.Equal(t, 47*time.Hour, c.Between(a, b))
	assert.Equal(t, time.Duration(0), c.Between(b, a))
	assert.True(t, c.Add(a, 47*time.Hour).Equal(b))
	assert.True(t, c.Add(b, -47*time.Hour).Equal(a))
	assert.True(t, c.NextOpen(a).Equal(a))
	assert.True(t, c.NextClose(a).IsZero(), "NextClose of the zero Calendar = %s, want the zero time", fmtT(c.NextClose(a)))
	assert.True(t, c.IsWorkday(date.New(2024, 3, 10)))
	n := 0
	for s, e := range c.Intervals(a, b) {
		n++
		assert.True(t, s.Equal(a) && e.Equal(b), "Intervals = [%s, %s)", fmtT(s), fmtT(e))
	}
	assert.Equal(t, 1, n)
}

// TestFarFromNow compares random calendars with the oracle around zone
// changes far from the present: local mean time ending (Chicago 1883, Lord
// Howe 1895, Kathmandu 1920, with offsets in seconds), 1974 (Chicago's
// January DST), Kathmandu's 15-minute jump at 1986-01-01, 2038-2040 (past
// the end of the tz data's transition lists), 2060, 2205/2250, and the
// seams of the calendar's tables at 1900 and 2150.
func TestFarFromNow(t *testing.T) {
	for zi, loc := range testZones {
		g := newGen(700+uint64(zi), loc)
		g.hubs = nil
		for _, y := range []int{1883, 1895, 1920, 1974, 1986, 2038, 2040, 2060, 2205, 2250} {
			g.hubs = append(g.hubs, at(loc, y, 1, 1, 0, 0))
			g.hubs = append(g.hubs, transitions(loc, at(loc, y, 1, 1, 0, 0), at(loc, y+1, 1, 1, 0, 0))...)
		}
		// the seams of the tables kept for 1900-2150 UTC, and the last
		// changes before 2150 (queries and Add cross from one to the
		// other); 2200 as well, where the tables once ended
		g.hubs = append(g.hubs, at(time.UTC, 1900, 1, 1, 0, 0), at(time.UTC, 2150, 1, 1, 0, 0), at(time.UTC, 2200, 1, 1, 0, 0))
		for _, y := range []int{2150, 2200} {
			if tr := transitions(loc, at(loc, y-1, 1, 1, 0, 0), at(loc, y, 1, 1, 0, 0)); len(tr) > 0 {
				g.hubs = append(g.hubs, tr[len(tr)-1])
			}
		}
		failures := 0
		for range 20 {
			spec := g.spec()
			cal, o := spec.mustBuild(t), spec.oracle()
			for range 10 {
				a := pick(g, o)
				b := a.Add(time.Duration(g.r.Int64N(int64(8 * 24 * time.Hour))))
				d := g.duration()
				ok := assert.Equal(t, o.between(a, b), cal.Between(a, b), "Between(%s, %s)\n\tcalendar: %s", fmtT(a), fmtT(b), spec)
				ok = assert.True(t, sameInstant(o.add(a, d), cal.Add(a, d)), "Add(%s, %v) = %s, want %s\n\tcalendar: %s",
					fmtT(a), d, fmtT(cal.Add(a, d)), fmtT(o.add(a, d)), spec) && ok
				ok = assert.Equal(t, o.open(a), cal.Open(a), "Open(%s)\n\tcalendar: %s", fmtT(a), spec) && ok
				if !ok {
					if failures++; failures >= 5 {
						return
					}
				}
			}
		}
	}
}

// TestNewCalendarErrors checks that every kind of bad configuration is an
// error (never a panic), that the message starts with the package name, and
// that the valid neighbour of each case is accepted.
func TestNewCalendarErrors(t *testing.T) {
	nine, five := hm(9, 0), hm(17, 0)
	withMonday := func(spans ...Span) Week { w := WorkWeek(nine, five); w[time.Monday] = spans; return w }
	tests := []struct {
		name string
		loc  *time.Location
		week Week
		opts []Option
	}{
		{"nil location", nil, WorkWeek(nine, five), nil},
		{"from after to", chicago, withMonday(span(17, 0, 9, 0)), nil},
		{"from equals to", chicago, withMonday(span(9, 0, 9, 0)), nil},
		{"to past 24:00", chicago, withMonday(span(22, 0, 24, 1)), nil},
		{"from at 24:00", chicago, withMonday(Span{hm(24, 0), hm(25, 0)}), nil},
		{"negative from", chicago, withMonday(Span{-clock.Hour, hm(9, 0)}), nil},
		{"out of order", chicago, withMonday(span(13, 0, 17, 0), span(9, 0, 12, 0)), nil},
		{"overlapping", chicago, withMonday(span(9, 0, 13, 0), span(12, 0, 17, 0)), nil},
		{"duplicate span", chicago, withMonday(span(9, 0, 17, 0), span(9, 0, 17, 0)), nil},
		{"no opening hours", chicago, Week{}, nil},
		{"no opening hours with holidays", chicago, Week{}, []Option{Holidays(date.New(2024, 1, 1))}},
		{"special from after to", chicago, WorkWeek(nine, five), []Option{Special(date.New(2024, 1, 2), span(12, 0, 9, 0))}},
		{"special past 24:00", chicago, WorkWeek(nine, five), []Option{Special(date.New(2024, 1, 2), span(12, 0, 25, 0))}},
		{"special overlapping", chicago, WorkWeek(nine, five), []Option{Special(date.New(2024, 1, 2), span(9, 0, 12, 0), span(11, 0, 13, 0))}},
		{"duplicate special", chicago, WorkWeek(nine, five), []Option{Special(date.New(2024, 1, 2), span(9, 0, 12, 0)), Special(date.New(2024, 1, 2))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			require.NotPanics(t, func() { _, err = NewCalendar(tt.loc, tt.week, tt.opts...) })
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), "sla: "), "error %q does not start with the package name", err)
		})
	}
	valid := []struct {
		name string
		week Week
		opts []Option
	}{
		{"office", WorkWeek(nine, five), nil},
		{"lunch break", withMonday(span(9, 0, 12, 0), span(13, 0, 17, 0)), nil},
		{"to exactly 24:00", withMonday(span(22, 0, 24, 0)), nil},
		{"one day only", func() Week { var w Week; w[time.Sunday] = []Span{span(2, 0, 2, 30)}; return w }(), nil},
		{"special half day", WorkWeek(nine, five), []Option{Special(date.New(2024, 1, 2), span(9, 0, 12, 0))}},
		{"special closed", WorkWeek(nine, five), []Option{Special(date.New(2024, 1, 2))}},
		{"special on a weekend", WorkWeek(nine, five), []Option{Special(date.New(2024, 1, 6), allDay)}},
		{"holidays", WorkWeek(nine, five), []Option{Holidays(date.New(2024, 12, 25), date.New(2025, 1, 1))}},
	}
	for _, tt := range valid {
		t.Run("valid "+tt.name, func(t *testing.T) {
			_, err := NewCalendar(chicago, tt.week, tt.opts...)
			assert.NoError(t, err)
		})
	}
}

// TestDSTAfter2040 checks DST in the years after 2040, served by each zone's
// TZ rule. Go's Time.ZoneBounds reports a period end before the instant in
// the last day of a leap year served by the rule (golang/go#81583: in
// America/Chicago the period holding 2040-12-31 06:00 CST "ends" at
// 2040-12-30 18:00), so a zone table built by walking ZoneBounds stops at
// the end of 2040 unless it steps past that.
func TestDSTAfter2040(t *testing.T) {
	runRows(t, []row{
		open("chicago office 2045-07-03 09:30 CDT", office(chicago), at(chicago, 2045, 7, 3, 9, 30), true),
		nextOpen("chicago office 2045-07-03 from 08:30 CDT", office(chicago), at(chicago, 2045, 7, 3, 8, 30), at(chicago, 2045, 7, 3, 9, 0)),
		between("chicago office 2045-07-03 08:00-12:00 CDT", office(chicago), at(chicago, 2045, 7, 3, 8, 0), at(chicago, 2045, 7, 3, 12, 0), 3*time.Hour),
		between("chicago 24x7 spring-forward day 2045-03-12", always(chicago), at(chicago, 2045, 3, 12, 0, 0), at(chicago, 2045, 3, 13, 0, 0), 23*time.Hour),
		between("chicago 24x7 fall-back day 2045-11-05", always(chicago), at(chicago, 2045, 11, 5, 0, 0), at(chicago, 2045, 11, 6, 0, 0), 25*time.Hour),
		add("chicago office 2041-03-08 fri 16:00 + 2h", office(chicago), at(chicago, 2041, 3, 8, 16, 0), 2*time.Hour, at(chicago, 2041, 3, 11, 10, 0)),
		open("chicago office 2100-07-01 09:30 CDT", office(chicago), at(chicago, 2100, 7, 1, 9, 30), true),
		open("london office 2041-07-01 09:30 BST", office(london), at(london, 2041, 7, 1, 9, 30), true),
		nextClose("london office 2041-07-01 from 16:30 BST", office(london), at(london, 2041, 7, 1, 16, 30), at(london, 2041, 7, 1, 17, 0)),
		open("lord howe office 2041-01-15 09:15 +11", office(lordHowe), at(lordHowe, 2041, 1, 15, 9, 15), true),
		nextOpen("lord howe office 2041-07-15 from 08:40 +1030", office(lordHowe), at(lordHowe, 2041, 7, 15, 8, 40), at(lordHowe, 2041, 7, 15, 9, 0)),
		between("lord howe 24x7 spring-forward day 2041-10-06", always(lordHowe), at(lordHowe, 2041, 10, 6, 0, 0), at(lordHowe, 2041, 10, 7, 0, 0), 23*time.Hour+30*time.Minute),
		// the leap-year end itself
		between("chicago 24x7 over 2040-12-31", always(chicago), at(chicago, 2040, 12, 30, 12, 0), at(chicago, 2041, 1, 2, 12, 0), 72*time.Hour),
		open("chicago office 2040-12-31 09:30 CST", office(chicago), at(chicago, 2040, 12, 31, 9, 30), true),
	})
}

// TestExtremeInputs: instants from year 1 to 9999 and durations up to
// ±math.MaxInt64 never panic, terminate, and keep the invariants that hold
// whatever the magnitude: Between is never negative nor more than the real
// time (time.Time.Sub saturates, so may Between), Add moves in the
// direction of d, and a result Add returns is reached exactly when the
// round trip fits in a Duration.
func TestExtremeInputs(t *testing.T) {
	specs := []calSpec{
		office(chicago, date.New(2024, 12, 25), date.New(2025, 1, 1)),
		always(london),
		nightShift(lordHowe),
		{loc: kathmand, allowNone: true, specials: []special{{date.New(2024, 12, 31), []Span{span(23, 0, 24, 0)}}}},
		{zero: true},
	}
	instants := []time.Time{
		{}, time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), time.Date(1800, 6, 1, 12, 0, 0, 0, chicago),
		time.Date(2024, 3, 10, 2, 30, 0, 0, chicago), time.Date(2500, 7, 1, 9, 0, 0, 0, london),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
	}
	durations := []time.Duration{1, -1, time.Hour, -time.Hour, 10 * 365 * 24 * time.Hour, -10 * 365 * 24 * time.Hour,
		math.MaxInt64, math.MinInt64, math.MaxInt64 / 2, math.MinInt64 / 2}
	for _, spec := range specs {
		cal := spec.mustBuild(t)
		for _, a := range instants {
			for _, b := range instants {
				var got time.Duration
				require.NotPanics(t, func() { got = cal.Between(a, b) }, "Between(%s, %s)\n\tcalendar: %s", fmtT(a), fmtT(b), spec)
				if !b.After(a) {
					assert.Equal(t, time.Duration(0), got, "Between(%s, %s)\n\tcalendar: %s", fmtT(a), fmtT(b), spec)
				} else {
					assert.True(t, got >= 0 && got <= b.Sub(a), "Between(%s, %s) = %v\n\tcalendar: %s", fmtT(a), fmtT(b), got, spec)
				}
			}
			for _, d := range durations {
				var u time.Time
				if !assert.NotPanics(t, func() { u = cal.Add(a, d) }, "Add(%s, %v)\n\tcalendar: %s", fmtT(a), d, spec) || u.IsZero() {
					continue // no such instant, or none representable
				}
				if d > 0 {
					assert.False(t, u.Before(a), "Add(%s, %v) = %s moved backwards\n\tcalendar: %s", fmtT(a), d, fmtT(u), spec)
					if u.Sub(a) < math.MaxInt64 {
						assert.Equal(t, d, cal.Between(a, u), "Between(t, Add(t, %v)) at %s = %s\n\tcalendar: %s", d, fmtT(a), fmtT(u), spec)
					}
				} else {
					assert.False(t, u.After(a), "Add(%s, %v) = %s moved forwards\n\tcalendar: %s", fmtT(a), d, fmtT(u), spec)
					if a.Sub(u) < math.MaxInt64 {
						assert.Equal(t, -d, cal.Between(u, a), "Between(Add(t, %v), t) at %s = %s\n\tcalendar: %s", d, fmtT(a), fmtT(u), spec)
					}
				}
			}
			require.NotPanics(t, func() { cal.NextOpen(a); cal.NextClose(a); cal.Open(a) }, "at %s\n\tcalendar: %s", fmtT(a), spec)
			n := 0
			require.NotPanics(t, func() {
				for range cal.Intervals(a, a.Add(30*24*time.Hour)) {
					n++
				}
			})
		}
	}
}

// TestUnusualZones compares random calendars with the oracle in zones whose
// changes are harder than the issue's: DST at midnight (America/Sao_Paulo
// 2018, America/Havana, Asia/Beirut: local midnight does not exist), a
// skipped calendar day (Pacific/Apia, 2011-12-30), a two-hour DST
// (Antarctica/Troll), negative DST (Europe/Dublin), -03:30
// (America/St_Johns) and +14:00 (Pacific/Kiritimati).
func TestUnusualZones(t *testing.T) {
	zones := []struct {
		name  string
		years []int
	}{
		{"America/Sao_Paulo", []int{2018}},
		{"America/Havana", []int{2024}},
		{"Asia/Beirut", []int{2024}},
		{"Pacific/Apia", []int{2011}},
		{"Antarctica/Troll", []int{2024}},
		{"Europe/Dublin", []int{2024}},
		{"America/St_Johns", []int{2024}},
		{"Pacific/Kiritimati", []int{1994, 2024}},
	}
	for zi, z := range zones {
		loc := mustLoad(z.name)
		t.Run(z.name, func(t *testing.T) {
			g := newGen(8800+uint64(zi), loc)
			g.hubs = nil
			for _, y := range z.years {
				g.hubs = append(g.hubs, at(loc, y, 1, 1, 0, 0))
				g.hubs = append(g.hubs, transitions(loc, at(loc, y, 1, 1, 0, 0), at(loc, y+1, 1, 1, 0, 0))...)
			}
			failures := 0
			for range 12 {
				spec := g.spec()
				cal, o := spec.mustBuild(t), spec.oracle()
				for range 12 {
					a := pick(g, o)
					b := a.Add(time.Duration(g.r.Int64N(int64(6 * 24 * time.Hour))))
					d := g.duration()
					ok := assert.Equal(t, o.between(a, b), cal.Between(a, b), "Between(%s, %s)\n\tcalendar: %s", fmtT(a), fmtT(b), spec)
					ok = assert.True(t, sameInstant(o.add(a, d), cal.Add(a, d)), "Add(%s, %v) = %s, want %s\n\tcalendar: %s",
						fmtT(a), d, fmtT(cal.Add(a, d)), fmtT(o.add(a, d)), spec) && ok
					ok = assert.Equal(t, o.open(a), cal.Open(a), "Open(%s)\n\tcalendar: %s", fmtT(a), spec) && ok
					ok = assert.True(t, sameInstant(o.nextOpen(a), cal.NextOpen(a)), "NextOpen(%s) = %s, want %s\n\tcalendar: %s",
						fmtT(a), fmtT(cal.NextOpen(a)), fmtT(o.nextOpen(a)), spec) && ok
					ok = assert.True(t, sameInstant(o.nextClose(a), cal.NextClose(a)), "NextClose(%s) = %s, want %s\n\tcalendar: %s",
						fmtT(a), fmtT(cal.NextClose(a)), fmtT(o.nextClose(a)), spec) && ok
					if !ok {
						if failures++; failures >= 5 {
							return
						}
					}
				}
			}
		})
	}

	apia := mustLoad("Pacific/Apia")
	troll := mustLoad("Antarctica/Troll")
	saoPaulo := mustLoad("America/Sao_Paulo")
	runRows(t, []row{
		// Apia skipped 2011-12-30: 2011-12-29 23:59:59 -10 was followed by 2011-12-31 00:00 +14
		between("apia 24x7 over the missing day", always(apia), at(apia, 2011, 12, 29, 0, 0), at(apia, 2011, 12, 31, 12, 0), 36*time.Hour),
		between("apia special on the missing day counts nothing", calSpec{loc: apia, week: Week{}, allowNone: true,
			specials: []special{{date.New(2011, 12, 30), []Span{allDay}}}}, at(time.UTC, 2011, 12, 28, 0, 0), at(time.UTC, 2012, 1, 2, 0, 0), 0),
		// Troll: 01:00 +00 -> 03:00 +02 on 2024-03-31
		between("troll 24x7 spring-forward day", always(troll), at(troll, 2024, 3, 31, 0, 0), at(troll, 2024, 4, 1, 0, 0), 22*time.Hour),
		between("troll 01:00-03:00 daily on spring-forward day", daily(troll, span(1, 0, 3, 0)), at(troll, 2024, 3, 31, 0, 0), at(troll, 2024, 4, 1, 0, 0), 0),
		// Sao Paulo 2018-11-04: 00:00 -03 -> 01:00 -02, the day starts at 01:00
		between("sao paulo 24x7 spring-forward day", always(saoPaulo), time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC), time.Date(2018, 11, 5, 2, 0, 0, 0, time.UTC), 23*time.Hour),
		nextOpen("sao paulo holiday ends at the missing midnight", calSpec{loc: saoPaulo, week: allWeek(allDay), holidays: []date.Date{date.New(2018, 11, 3)}},
			at(saoPaulo, 2018, 11, 3, 12, 0), time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC)),
	})
}
