// Package zones tables a time zone's UTC offset changes so that the offset
// at an instant, and the stretch of constant offset around it, are found by
// binary search instead of by the standard library's per-call lookup, which
// past a zone's last listed transition re-parses the zone's rule on every
// call (slim tzdata, Go's embedded copy, lists none after 2007).
//
// It is shared by cadence's packages and is not part of the public API.
package zones

import (
	"runtime"
	"slices"
	"sync"
	"time"
	"weak"
)

// The window tabled: instants in [Lo, Hi), 1900-01-01 to 2150-01-01 UTC, in
// Unix seconds. 250 years of nanoseconds fit in an int64.
const (
	Lo int64 = -2208988800
	Hi int64 = 5680281600
)

// Table lists a location's UTC offset changes inside the window. Segment s
// runs from At[s-1] (or Lo) to At[s] (or Hi) with offset Off[s] seconds
// east of UTC. A Table is immutable once built.
type Table struct {
	At  []int64 // Unix seconds, ascending
	Off []int64 // len(At)+1

	// The local wall readings at the edges of the segments, for callers
	// that table something per segment: Wall[s] is the reading at the
	// start of segment s in its own offset, Before[s] the reading at the
	// same instant in the offset of segment s-1 (Before[0] is unused), and
	// Last the reading at Hi in the last segment's offset.
	Wall, Before []Reading
	Last         Reading
}

// A Reading is a local wall-clock reading: Day is the day number (days
// since 1970-01-01), Nanos the nanoseconds since that day's midnight, Week
// the week index (weeks start on Sunday; week 0 holds 1970-01-01) and
// Weekday its time.Weekday.
type Reading struct {
	Day, Nanos, Week int64
	Weekday          int
}

// readingAt returns the wall reading of Unix second unix at offset off.
func readingAt(unix, off int64) Reading {
	local := unix + off
	day := local / 86400
	if local%86400 < 0 {
		day--
	}
	x := day + 4 // 1970-01-01 was a Thursday
	week := x / 7
	if x%7 < 0 {
		week--
	}
	return Reading{Day: day, Nanos: (local - day*86400) * 1e9, Week: week, Weekday: int(x - 7*week)}
}

// New scans loc's offset changes in the window.
func New(loc *time.Location) *Table {
	t := time.Unix(Lo, 0).In(loc)
	_, off := t.Zone()
	zt := &Table{Off: []int64{int64(off)}}
	for {
		next, ok := Next(t, loc)
		if !ok || next.Unix() >= Hi {
			break
		}
		t = next
		_, o := t.Zone()
		if int64(o) != zt.Off[len(zt.Off)-1] {
			zt.At = append(zt.At, t.Unix())
			zt.Off = append(zt.Off, int64(o))
		}
	}
	n := len(zt.Off)
	zt.Wall, zt.Before = make([]Reading, n), make([]Reading, n)
	for s := range n {
		zt.Wall[s] = readingAt(zt.Start(s), zt.Off[s])
		if s > 0 {
			zt.Before[s] = readingAt(zt.Start(s), zt.Off[s-1])
		}
	}
	zt.Last = readingAt(Hi, zt.Off[n-1])
	return zt
}

// shared maps each live *time.Location to its Table. It holds the
// locations weakly: an entry goes when its location is garbage collected,
// so the cache is bounded by the locations the program still uses.
var shared struct {
	sync.Mutex
	m map[weak.Pointer[time.Location]]*Table
}

// Shared returns loc's Table, computed once for each *time.Location and
// then shared by every caller: safe for concurrent use, and the same
// Table for the same loc. Locations with the same name but other data
// (time.LoadLocationFromTZData, time.FixedZone) are other values, so they
// get their own tables; each time.LoadLocation call also returns a new
// value, so callers that load a zone by name should load it once (see
// [Load]).
func Shared(loc *time.Location) *Table {
	k := weak.Make(loc)
	shared.Lock()
	t, ok := shared.m[k]
	shared.Unlock()
	if ok {
		return t
	}
	t = New(loc) // outside the lock: other zones need not wait
	shared.Lock()
	defer shared.Unlock()
	if old, ok := shared.m[k]; ok {
		return old
	}
	if shared.m == nil {
		shared.m = map[weak.Pointer[time.Location]]*Table{}
	}
	shared.m[k] = t
	runtime.AddCleanup(loc, forget, k)
	return t
}

// forget drops the table of a collected location.
func forget(k weak.Pointer[time.Location]) {
	shared.Lock()
	delete(shared.m, k)
	shared.Unlock()
}

// loaded caches time.LoadLocation by name: name -> *time.Location. Only
// names that load are kept, so it holds at most the zones of the tz
// database.
var loaded sync.Map

// Load is time.LoadLocation, loading each name once per process and then
// returning the same *time.Location, so that its [Shared] table is found
// again. "Local" and "" are not cached (LoadLocation returns time.Local and
// time.UTC for them).
func Load(name string) (*time.Location, error) {
	if v, ok := loaded.Load(name); ok {
		return v.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" || name == "Local" {
		return loc, err
	}
	v, _ := loaded.LoadOrStore(name, loc)
	return v.(*time.Location), nil
}

// InWindow reports whether t lies in the tabled window.
func InWindow(t time.Time) bool {
	u := t.Unix()
	return Lo <= u && u < Hi
}

// Segment returns the segment holding unix, for Lo <= unix < Hi.
func (z *Table) Segment(unix int64) int {
	// the first i with At[i] > unix, without sort.Search's closure: this
	// is on the path of every query
	lo, hi := 0, len(z.At)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if z.At[m] <= unix {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Start returns the first instant of segment s, in Unix seconds.
func (z *Table) Start(s int) int64 {
	if s == 0 {
		return Lo
	}
	return z.At[s-1]
}

// End returns the end (excluded) of segment s, in Unix seconds.
func (z *Table) End(s int) int64 {
	if s == len(z.At) {
		return Hi
	}
	return z.At[s]
}

// Lookup returns the offset at t in seconds and the bounds [start, end) of
// the stretch of constant offset holding it, in Unix seconds, clipped to
// the window. It reports false when t is outside the window.
func (z *Table) Lookup(t time.Time) (off, start, end int64, ok bool) {
	if !InWindow(t) {
		return 0, 0, 0, false
	}
	s := z.Segment(t.Unix())
	return z.Off[s], z.Start(s), z.End(s), true
}

// Equal reports whether z and o list the same offsets and changes.
func (z *Table) Equal(o *Table) bool {
	return z == o || slices.Equal(z.At, o.At) && slices.Equal(z.Off, o.Off)
}

// Next returns an instant after t up to which loc's offset stays what it
// is at t: the end of t's zone period. It reports false when the offset
// never changes after t.
func Next(t time.Time, loc *time.Location) (time.Time, bool) {
	_, end := t.In(loc).ZoneBounds()
	if end.IsZero() {
		return time.Time{}, false
	}
	if !end.After(t) {
		// Past a zone's last listed transition Go computes periods from
		// the zone's rule year by year, and near a year's end (a day early
		// in leap years) it can report an end that has already passed.
		// Step over those hours, and search for a change in them
		// (golang/go#81583).
		end = t.Add(glitch)
		if off := Offset(t, loc); Offset(end.Add(-1), loc) != off {
			end = search(t, end, func(x time.Time) bool { return Offset(x, loc) != off })
		}
	}
	return end.In(loc), true
}

// Prev returns the start of the zone period holding the instant just
// before t: loc's offset is constant from it up to t. It reports false when
// the offset never changed before t.
func Prev(t time.Time, loc *time.Location) (time.Time, bool) {
	last := t.Add(-1)
	start, _ := last.In(loc).ZoneBounds()
	if start.IsZero() {
		return time.Time{}, false
	}
	if !start.Before(t) {
		start = t.Add(-glitch) // the glitch of Next, mirrored
		if off := Offset(last, loc); Offset(start, loc) != off {
			start = search(start, last, func(x time.Time) bool { return Offset(x, loc) == off })
		}
	}
	return start.In(loc), true
}

// glitch is how far Next and Prev step when time.Time.ZoneBounds reports a
// period that does not hold the instant.
const glitch = 48 * time.Hour

// Offset returns loc's UTC offset at t in seconds.
func Offset(t time.Time, loc *time.Location) int64 {
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
