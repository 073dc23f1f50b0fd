package sla

import (
	"strings"
	"sync"
	"testing"
	"time"
	"weak"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/internal/zones"
)

// linkOne is the plain form of compiled.link, for one table at a time with
// tb.f: the reference the fast link is checked against.
func linkOne(zt *zones.Table, tb *table) (base, gStart []int64, gEnd int64) {
	n := len(zt.Off)
	base, gStart = make([]int64, n), make([]int64, n)
	for s := 0; s < n; s++ {
		start := zt.Start(s)
		w := wallOf(time.Unix(start, 0), zt.Off[s])
		if s > 0 {
			before := wallOf(time.Unix(start, 0), zt.Off[s-1])
			base[s] = base[s-1] + tb.f(before.day, before.ns, baseWeek) - tb.f(w.day, w.ns, baseWeek)
		}
		gStart[s] = tb.f(w.day, w.ns, baseWeek) + base[s]
	}
	w := wallOf(time.Unix(zones.Hi, 0), zt.Off[n-1])
	return base, gStart, tb.f(w.day, w.ns, baseWeek) + base[n-1]
}

// TestLinkCalendarMatchesPlainLink: the one-pass link of both tables gives
// what linking each table on its own with F gives, for random calendars
// (special days at the zone changes included) in zones with many changes.
func TestLinkCalendarMatchesPlainLink(t *testing.T) {
	for zi, loc := range append(testZones, mustLoad("Pacific/Apia"), mustLoad("Europe/Dublin"), mustLoad("Antarctica/Troll")) {
		g := newGen(900+uint64(zi), loc)
		// special days on the days of the zone's changes, and on the
		// first day of the tables
		var onChanges []date.Date
		for _, tr := range transitions(loc, at(loc, 2024, 1, 1, 0, 0), at(loc, 2025, 1, 1, 0, 0)) {
			onChanges = append(onChanges, date.NewAt(tr.In(loc)))
		}
		onChanges = append(onChanges, date.New(1899, 12, 31), date.New(1900, 1, 1), date.New(2149, 12, 31))
		for i := range 40 {
			spec := g.spec()
			if i%4 == 1 { // runs of special days around the changes
				spec.holidays, spec.specials = nil, nil
				used := map[date.Date]bool{}
				for k, d := range onChanges {
					for dd := d - date.Date(k%3); dd <= d+1; dd++ {
						if used[dd] {
							continue
						}
						used[dd] = true
						if (int(dd)+i)%3 == 0 {
							spec.holidays = append(spec.holidays, dd)
						} else {
							spec.specials = append(spec.specials, special{dd, g.spans()})
						}
					}
				}
			}
			if i%2 == 0 {
				spec.holidays, spec.specials = nil, nil
				for k, d := range onChanges {
					if k%2 == i/2%2 {
						spec.holidays = append(spec.holidays, d)
					} else {
						spec.specials = append(spec.specials, special{d, g.spans()})
					}
				}
			}
			cal := spec.mustBuild(t)
			for _, tb := range []*table{cal.c.open, cal.c.closed} {
				base, gStart, gEnd := linkOne(cal.c.zone, tb)
				for s := range base {
					require.Equal(t, base[s], cal.c.baseOf(tb, s), "base[%d], %s", s, spec)
					require.Equal(t, gStart[s], cal.c.gStartOf(tb, s), "gStart[%d], %s", s, spec)
				}
				require.Equal(t, gEnd, cal.c.gEndOf(tb), "gEnd, %s", spec)
				for _, x := range []int64{gStart[0] - 1, gStart[0], gStart[len(gStart)/2], gStart[len(gStart)/2] + 1, gEnd} {
					want := searchInt64(gStart, x)
					require.Equal(t, want, cal.c.searchG(tb, x), "searchG(%d), %s", x, spec)
				}
			}
		}
	}
}

func TestWeekFields(t *testing.T) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		require.Equal(t, "week."+strings.ToLower(wd.String()), weekField(wd))
	}
}

// TestZoneTablesShared: calendars in one zone share the zone's table and,
// with the same weekly hours, the plain part of their links; the cache of
// weeks per zone is bounded; a zone of the same name with other data has
// its own table; concurrent first use is safe (run with -race).
func TestZoneTablesShared(t *testing.T) {
	loc := mustLoad("America/Denver")
	week := WorkWeek(hm(9, 0), hm(17, 0))
	a := MustNewCalendar(loc, week)
	b := MustNewCalendar(loc, week, Holidays(date.New(2024, 12, 25)))
	require.Same(t, a.c.zone, b.c.zone)
	require.Same(t, plainLinkOf(a.c.zone, a.c.open), plainLinkOf(b.c.zone, b.c.open))
	c := MustNewCalendar(loc, WorkWeek(hm(8, 0), hm(17, 0)))
	require.Same(t, a.c.zone, c.c.zone)
	require.NotSame(t, plainLinkOf(a.c.zone, a.c.open), plainLinkOf(c.c.zone, c.c.open))

	for h := range 20 {
		MustNewCalendar(loc, WorkWeek(hm(0, h), hm(17, 0)))
	}
	plainLinks.Lock()
	n := len(plainLinks.m[weak.Make(a.c.zone)])
	plainLinks.Unlock()
	require.LessOrEqual(t, n, maxPlainWeeks)

	data := zoneData(t)["America/Denver"]
	other, err := time.LoadLocationFromTZData("America/Denver", data)
	require.NoError(t, err)
	require.NotSame(t, a.c.zone, MustNewCalendar(other, week).c.zone, "another *time.Location, another table")
	fixed := MustNewCalendar(time.FixedZone("America/Denver", -7*3600), week)
	require.False(t, fixed.c.zone.Equal(a.c.zone), "same name, other data")
	require.False(t, fixed.Equal(a))

	fresh, err := time.LoadLocationFromTZData("America/Boise", zoneData(t)["America/Boise"])
	require.NoError(t, err)
	var wg sync.WaitGroup
	cals := make([]Calendar, 8)
	for i := range cals {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cals[i] = MustNewCalendar(fresh, week, Holidays(date.New(2024, 7, 4)))
		}()
	}
	wg.Wait()
	u := time.Date(2024, 7, 1, 0, 0, 0, 0, fresh)
	for _, cal := range cals[1:] {
		require.Same(t, cals[0].c.zone, cal.c.zone)
		require.Equal(t, cals[0].Between(u, u.AddDate(0, 6, 0)), cal.Between(u, u.AddDate(0, 6, 0)))
	}
}
