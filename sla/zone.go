package sla

import (
	"encoding/binary"
	"runtime"
	"sync"
	"time"
	"weak"

	"github.com/teamcadence/cadence/internal/zones"
)

// baseWeek is the week index of 2000-01-01, the origin of F inside the
// window that internal/zones tables (1900-2150): 150 years of open time on
// either side fit in an int64 of nanoseconds, so no difference of g
// overflows.
var baseWeek, _ = split(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400)

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

// plainLink is base, gStart and gEnd of a table with no special days: what
// link computes for a zone and a week of hours, shared by every calendar
// with both. It is never modified once built.
type plainLink struct {
	base, gStart []int64
	gEnd         int64
}

// plainLinks caches plainLink by zone table and weekly hours. It holds the
// zone tables weakly, dropping their entries when they are collected, and
// at most maxPlainWeeks weeks per zone, so its size is bounded by the zones
// in use.
var plainLinks struct {
	sync.Mutex
	m map[weak.Pointer[zones.Table]]map[string]*plainLink
}

const maxPlainWeeks = 16

// plainLinkOf returns the plainLink of zt and tb's weekly hours.
func plainLinkOf(zt *zones.Table, tb *table) *plainLink {
	key := weekKey(&tb.days)
	k := weak.Make(zt)
	plainLinks.Lock()
	pl := plainLinks.m[k][key]
	plainLinks.Unlock()
	if pl != nil {
		return pl
	}
	pl = newPlainLink(zt, tb)
	plainLinks.Lock()
	defer plainLinks.Unlock()
	if plainLinks.m == nil {
		plainLinks.m = map[weak.Pointer[zones.Table]]map[string]*plainLink{}
	}
	weeks, ok := plainLinks.m[k]
	if !ok {
		weeks = map[string]*plainLink{}
		plainLinks.m[k] = weeks
		runtime.AddCleanup(zt, forgetPlainLinks, k)
	}
	if old := weeks[key]; old != nil {
		return old
	}
	if len(weeks) < maxPlainWeeks {
		weeks[key] = pl
	}
	return pl
}

// forgetPlainLinks drops the entries of a collected zone table.
func forgetPlainLinks(k weak.Pointer[zones.Table]) {
	plainLinks.Lock()
	delete(plainLinks.m, k)
	plainLinks.Unlock()
}

// weekKey is the weekly hours as a map key: for each day the number of
// its merged spans, then their ends in nanoseconds.
func weekKey(days *[7]hours) string {
	b := make([]byte, 0, 128)
	for wd := range days {
		b = binary.AppendUvarint(b, uint64(len(days[wd].from)))
		for i := range days[wd].from {
			b = binary.LittleEndian.AppendUint64(b, uint64(days[wd].from[i]))
			b = binary.LittleEndian.AppendUint64(b, uint64(days[wd].to[i]))
		}
	}
	return string(b)
}

// newPlainLink computes base, gStart and gEnd for tb's weekly hours
// without its special days, from the wall readings on either side of each
// of zt's changes. Most changes repeat (Sunday 02:00 to 03:00), so the
// part of F within a week is remembered per weekday and time of day.
func newPlainLink(zt *zones.Table, tb *table) *plainLink {
	n := len(zt.Off)
	buf := make([]int64, 2*n)
	pl := &plainLink{base: buf[:n:n], gStart: buf[n:]}
	type memo struct {
		wd       int
		ns, part int64
	}
	var memos []memo
	f := func(r *zones.Reading) int64 {
		part := int64(-1)
		for _, m := range memos {
			if m.wd == r.Weekday && m.ns == r.Nanos {
				part = m.part
				break
			}
		}
		if part < 0 {
			part = tb.dayStart[r.Weekday] + tb.days[r.Weekday].prefix(r.Nanos)
			if len(memos) < 16 {
				memos = append(memos, memo{r.Weekday, r.Nanos, part})
			}
		}
		return (r.Week-baseWeek)*tb.weekOpen + part
	}
	for s := 0; s < n; s++ {
		fw := f(&zt.Wall[s])
		if s > 0 {
			pl.base[s] = pl.base[s-1] + f(&zt.Before[s]) - fw
		}
		pl.gStart[s] = fw + pl.base[s]
	}
	pl.gEnd = f(&zt.Last) + pl.base[n-1]
	return pl
}
