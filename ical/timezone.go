package ical

import (
	"fmt"
	"time"
)

// maxTransitions bounds the observances of one VTIMEZONE.
const maxTransitions = 4 * maxZoneYears

// writeTimezone writes the VTIMEZONE of loc that covers the instants
// [from, to]: the observance in force at from, then one STANDARD or DAYLIGHT
// component for each transition of loc up to to, as Go's zone data give
// them. Each component's DTSTART is the onset as a local time in the offset
// before it (TZOFFSETFROM), as RFC 5545 section 3.6.5 says.
func writeTimezone(w *writer, loc *time.Location, from, to time.Time) {
	w.line("BEGIN:VTIMEZONE")
	w.prop("TZID", escape(loc.String()))
	t := from.In(loc)
	start, end := t.ZoneBounds()
	abbr, off := t.Zone()
	// Go reports bounds at some year ends where nothing changes (zones
	// whose data end in a rule): go back to the real onset.
	for n := 0; !start.IsZero() && n < maxTransitions; n++ {
		before := start.Add(-time.Second).In(loc)
		a, o := before.Zone()
		if a != abbr || o != off || before.IsDST() != t.IsDST() {
			break
		}
		start, _ = before.ZoneBounds()
	}
	if start.IsZero() {
		// No transition before from: the offset has held since forever.
		writeObservance(w, t.IsDST(), "16010101T000000", off, off, abbr)
	} else {
		_, before := start.Add(-time.Second).In(loc).Zone()
		writeObservance(w, t.IsDST(), onset(start, before), before, off, abbr)
	}
	dst := t.IsDST()
	for n := 0; !end.IsZero() && !end.After(to) && n < maxTransitions; {
		next := end.In(loc)
		abbr2, after := next.Zone()
		// Go reports bounds at some year ends past its table where nothing
		// changes: write only real changes.
		if after != off || next.IsDST() != dst || abbr2 != abbr {
			writeObservance(w, next.IsDST(), onset(end, off), off, after, abbr2)
			n++
		}
		off, dst, abbr = after, next.IsDST(), abbr2
		end = nextBound(loc, end)
	}
	w.line("END:VTIMEZONE")
}

// onset returns the instant t as a local time in the offset before it.
func onset(t time.Time, before int) string {
	return t.UTC().Add(time.Duration(before) * time.Second).Format(localLayout)
}

// writeObservance writes one STANDARD or DAYLIGHT component.
func writeObservance(w *writer, dst bool, start string, from, to int, abbr string) {
	kind := "STANDARD"
	if dst {
		kind = "DAYLIGHT"
	}
	w.line("BEGIN:" + kind)
	w.prop("DTSTART", start)
	w.prop("TZOFFSETFROM", offsetText(from))
	w.prop("TZOFFSETTO", offsetText(to))
	if abbr != "" {
		w.prop("TZNAME", escape(abbr))
	}
	w.line("END:" + kind)
}

// offsetText formats seconds east of UTC as a UTC-OFFSET value, ±HHMM or
// ±HHMMSS.
func offsetText(s int) string {
	sign := "+"
	if s < 0 {
		sign, s = "-", -s
	}
	if s%60 != 0 {
		return fmt.Sprintf("%s%02d%02d%02d", sign, s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%s%02d%02d", sign, s/3600, s/60%60)
}

// nextBound returns the first zone bound of loc after cur (zero when the
// zone goes on unchanged forever). Go's Time.ZoneBounds can return cur
// itself at some year ends past its table; probing an hour on finds the
// next one.
func nextBound(loc *time.Location, cur time.Time) time.Time {
	probe := cur
	for range 48 {
		start, end := probe.In(loc).ZoneBounds()
		if start.After(cur) {
			return start
		}
		if end.IsZero() || end.After(cur) {
			return end
		}
		probe = probe.Add(time.Hour)
	}
	return time.Time{}
}
