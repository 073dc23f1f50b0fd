package sla

import (
	"sort"
	"time"
)

// The window of instants for which a calendar tables its zone's offset
// changes. Queries inside it are flat-cost; outside it they stay exact but
// walk the zone's offset changes one by one. 250 years of open time, even
// 24x7, fit in an int64 of nanoseconds, so no difference of g overflows.
var (
	windowLo = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	windowHi = time.Date(2150, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	// baseWeek is the week index of 2000-01-01, the origin of F in the window.
	baseWeek, _ = split(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400)
)

// zoneTable lists the UTC offset changes of a location inside the window.
// Segment s runs from at[s-1] (or the window start) to at[s] (or the
// window end) with offset off[s] seconds east of UTC.
type zoneTable struct {
	at  []int64 // unix seconds, ascending
	off []int64 // len(at)+1
}

// newZoneTable scans loc's offset changes in the window with
// time.Time.ZoneBounds.
func newZoneTable(loc *time.Location) *zoneTable {
	t := time.Unix(windowLo, 0).In(loc)
	_, off := t.Zone()
	zt := &zoneTable{off: []int64{int64(off)}}
	for {
		next, ok := nextBoundary(t, loc)
		if !ok || next.Unix() >= windowHi {
			break
		}
		t = next
		_, o := t.Zone()
		if int64(o) != zt.off[len(zt.off)-1] {
			zt.at = append(zt.at, t.Unix())
			zt.off = append(zt.off, int64(o))
		}
	}
	return zt
}

// nextBoundary returns an instant after t up to which loc's offset stays
// what it is at t: the end of t's zone period. It reports false when the
// offset never changes after t.
func nextBoundary(t time.Time, loc *time.Location) (time.Time, bool) {
	_, end := t.In(loc).ZoneBounds()
	if end.IsZero() {
		return time.Time{}, false
	}
	if !end.After(t) {
		// Past a zone's last tabled transition Go computes periods from
		// the zone's rule year by year, and near a year's end (a day early
		// in leap years) it can report an end that has already passed.
		// Step over those hours, and search for a change in them.
		end = t.Add(glitch)
		if off := zoneOffset(t, loc); zoneOffset(end.Add(-1), loc) != off {
			end = search(t, end, func(x time.Time) bool { return zoneOffset(x, loc) != off })
		}
	}
	return end.In(loc), true
}

// prevBoundary returns the start of the zone period holding the instant
// just before t: loc's offset is constant from it up to t. It reports false
// when the offset never changed before t.
func prevBoundary(t time.Time, loc *time.Location) (time.Time, bool) {
	last := t.Add(-1)
	start, _ := last.In(loc).ZoneBounds()
	if start.IsZero() {
		return time.Time{}, false
	}
	if !start.Before(t) {
		start = t.Add(-glitch) // the glitch of nextBoundary, mirrored
		if off := zoneOffset(last, loc); zoneOffset(start, loc) != off {
			start = search(start, last, func(x time.Time) bool { return zoneOffset(x, loc) == off })
		}
	}
	return start.In(loc), true
}

// glitch is how far nextBoundary and prevBoundary step when
// time.Time.ZoneBounds reports a period that does not hold the instant.
const glitch = 48 * time.Hour

// zoneOffset returns loc's UTC offset at t in seconds.
func zoneOffset(t time.Time, loc *time.Location) int64 {
	_, off := t.In(loc).Zone()
	return int64(off)
}

// search returns the first instant in (lo, hi] at which ok holds, to the
// nanosecond, given that ok is false at lo, true at hi and changes once.
func search(lo, hi time.Time, ok func(time.Time) bool) time.Time {
	for hi.Sub(lo) > 1 {
		mid := lo.Add(hi.Sub(lo) / 2)
		if ok(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// segment returns the segment holding unix, for lo <= unix < hi.
func (zt *zoneTable) segment(unix int64) int {
	return sort.Search(len(zt.at), func(i int) bool { return zt.at[i] > unix })
}

// segmentStart returns the first instant of segment s, in unix seconds.
func (zt *zoneTable) segmentStart(s int) int64 {
	if s == 0 {
		return windowLo
	}
	return zt.at[s-1]
}

// inWindow reports whether t lies in the tabled window.
func inWindow(t time.Time) bool {
	u := t.Unix()
	return windowLo <= u && u < windowHi
}

// wall is a local wall-clock reading: a day number (days since 1970-01-01)
// and nanoseconds since that day's midnight, in [0, 24h].
type wall struct{ day, ns int64 }

// wallOf returns the wall reading of t at a UTC offset of off seconds.
func wallOf(t time.Time, off int64) wall {
	local := t.Unix() + off
	day := floorDiv(local, 86400)
	return wall{day, (local-day*86400)*int64(time.Second) + int64(t.Nanosecond())}
}

// instant returns the instant whose wall reading at offset off is w.
func instant(w wall, off int64) time.Time {
	return time.Unix(w.day*86400+w.ns/int64(time.Second)-off, w.ns%int64(time.Second))
}
