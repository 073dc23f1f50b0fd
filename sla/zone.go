package sla

import (
	"sort"
	"time"
)

// The window of instants for which a calendar tables its zone's offset
// changes. Queries inside it are flat-cost; outside it they stay exact but
// walk the zone's offset changes one by one.
var (
	windowLo = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	windowHi = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
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

// nextBoundary returns the end of the zone period holding t: an instant
// after t at which loc's offset may change. It reports false when the
// offset never changes after t.
func nextBoundary(t time.Time, loc *time.Location) (time.Time, bool) {
	_, end := t.In(loc).ZoneBounds()
	if !end.IsZero() && !end.After(t) {
		// Go's rule-based zones end a period at each year's end and may
		// report that end for an instant exactly on it: look one second on.
		_, end = t.Add(time.Second).In(loc).ZoneBounds()
	}
	if end.IsZero() || !end.After(t) {
		return time.Time{}, false
	}
	return end.In(loc), true
}

// prevBoundary returns the start of the zone period holding the instant
// just before t. It reports false when there is no earlier change.
func prevBoundary(t time.Time, loc *time.Location) (time.Time, bool) {
	start, _ := t.Add(-1).In(loc).ZoneBounds()
	if start.IsZero() || !start.Before(t) {
		return time.Time{}, false
	}
	return start.In(loc), true
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
