package sla

import (
	"testing"
	"time"

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
		for range 30 {
			spec := g.spec()
			cal := spec.mustBuild(t)
			for _, tb := range []*table{cal.c.open, cal.c.closed} {
				base, gStart, gEnd := linkOne(cal.c.zone, tb)
				require.Equal(t, base, tb.base, "base, %s", spec)
				require.Equal(t, gStart, tb.gStart, "gStart, %s", spec)
				require.Equal(t, gEnd, tb.gEnd, "gEnd, %s", spec)
			}
		}
	}
}
