package sla

import "time"

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
