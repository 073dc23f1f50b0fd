package ical

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date/v2"
)

// maxZoneYears bounds the span a VTIMEZONE covers after an event's start,
// so that a recurrence with a large COUNT does not list centuries of
// transitions.
const maxZoneYears = 100

// Marshal returns c as iCalendar text: CRLF line endings, lines folded at 75
// octets, one VTIMEZONE for each zone that a timed event uses (or that Zone
// names), then the events in order. Instants are written to the second;
// fractions of a second are dropped.
//
// Errors are *ConfigError values naming the field ("events[2].end"):
// ErrZeroTime for a zero Stamp or an event with neither Start nor Day,
// ErrZone for time.Local or an unnamed zone, ErrDuplicateUID for a UID given
// twice, and ErrEvent for anything else that cannot be written (an end before
// the start, a recurrence without exactly one of Until and Count, a control
// character in a text field, a year outside 1 to 9999).
func (c Calendar) Marshal() ([]byte, error) {
	zones, err := c.check()
	if err != nil {
		return nil, err
	}
	var w writer
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	prod := c.ProdID
	if prod == "" {
		prod = "-//teamcadence//cadence//EN"
	}
	w.prop("PRODID", escape(prod))
	w.line("CALSCALE:GREGORIAN")
	w.line("METHOD:PUBLISH")
	if c.Name != "" {
		w.prop("NAME", escape(c.Name))
		w.prop("X-WR-CALNAME", escape(c.Name))
	}
	if c.Zone != nil {
		w.prop("X-WR-TIMEZONE", escape(c.Zone.String()))
	}
	names := make([]string, 0, len(zones))
	for n := range zones {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		z := zones[n]
		writeTimezone(&w, z.loc, z.from, z.to)
	}
	stamp := c.Stamp.UTC().Format(utcLayout)
	for _, e := range c.Events {
		writeEvent(&w, e, stamp)
	}
	w.line("END:VCALENDAR")
	return w.buf, nil
}

// WriteTo writes c as Marshal returns it to w, implementing io.WriterTo; a
// Calendar that Marshal refuses writes nothing.
func (c Calendar) WriteTo(w io.Writer) (int64, error) {
	b, err := c.Marshal()
	if err != nil {
		return 0, err
	}
	n, err := w.Write(b)
	return int64(n), err
}

const (
	utcLayout   = "20060102T150405Z"
	localLayout = "20060102T150405"
)

// zoneSpan is a zone and the instants its VTIMEZONE must cover.
type zoneSpan struct {
	loc      *time.Location
	from, to time.Time
}

// check validates c and returns the zones its timed events use, with the
// span each must cover.
func (c Calendar) check() (map[string]*zoneSpan, error) {
	if c.Stamp.IsZero() {
		return nil, &ConfigError{Field: "stamp", Err: ErrZeroTime, Reason: "want the time of the export"}
	}
	if err := checkYear("stamp", c.Stamp.UTC().Year()); err != nil {
		return nil, err
	}
	if err := checkText("prodID", c.ProdID); err != nil {
		return nil, err
	}
	if err := checkText("name", c.Name); err != nil {
		return nil, err
	}
	zones := map[string]*zoneSpan{}
	if c.Zone != nil {
		if err := checkZone("zone", c.Zone); err != nil {
			return nil, err
		}
		if c.Zone != time.UTC {
			zones[c.Zone.String()] = &zoneSpan{loc: c.Zone}
		}
	}
	uids := make(map[string]int, len(c.Events))
	for i, e := range c.Events {
		field := fmt.Sprintf("events[%d]", i)
		if j, dup := uids[e.UID]; dup {
			return nil, &ConfigError{Field: field + ".uid", Value: e.UID, Err: ErrDuplicateUID,
				Reason: fmt.Sprintf("also events[%d]", j)}
		}
		uids[e.UID] = i
		from, to, err := e.check(field)
		if err != nil {
			return nil, err
		}
		if from.IsZero() || from.Location() == time.UTC {
			continue
		}
		name := from.Location().String()
		z := zones[name]
		if z == nil {
			z = &zoneSpan{loc: from.Location()}
			zones[name] = z
		}
		if z.from.IsZero() || from.Before(z.from) {
			z.from = from
		}
		if z.to.IsZero() || to.After(z.to) {
			z.to = to
		}
	}
	// A zone named only by Calendar.Zone covers the events' whole span.
	var lo, hi time.Time
	for _, z := range zones {
		if z.from.IsZero() {
			continue
		}
		if lo.IsZero() || z.from.Before(lo) {
			lo = z.from
		}
		if hi.IsZero() || z.to.After(hi) {
			hi = z.to
		}
	}
	if lo.IsZero() {
		lo, hi = c.Stamp, c.Stamp
	}
	for _, z := range zones {
		if z.from.IsZero() {
			z.from, z.to = lo, hi
		}
	}
	return zones, nil
}

// check validates e and returns, for a timed event, the instants its zone
// must cover (zero for an all-day event).
func (e Event) check(field string) (from, to time.Time, err error) {
	if e.UID == "" {
		return from, to, &ConfigError{Field: field + ".uid", Err: ErrEvent, Reason: "want a UID"}
	}
	for _, f := range []struct{ name, text string }{
		{"uid", e.UID}, {"summary", e.Summary}, {"description", e.Description},
		{"location", e.Location}, {"contact", e.Contact},
	} {
		if err := checkText(field+"."+f.name, f.text); err != nil {
			return from, to, err
		}
	}
	for j, c := range e.Categories {
		if err := checkText(fmt.Sprintf("%s.categories[%d]", field, j), c); err != nil {
			return from, to, err
		}
	}
	timed, allDay := !e.Start.IsZero(), e.Day != 0
	switch {
	case !timed && !allDay:
		return from, to, &ConfigError{Field: field + ".start", Err: ErrZeroTime, Reason: "want Start (timed) or Day (all-day)"}
	case timed && allDay:
		return from, to, &ConfigError{Field: field + ".day", Value: e.Day.String(), Err: ErrEvent,
			Reason: "an event is timed (Start) or all-day (Day), not both"}
	case timed:
		loc := e.Start.Location()
		if err := checkZone(field+".start", loc); err != nil {
			return from, to, err
		}
		end := e.end()
		if end.Before(e.Start) {
			return from, to, &ConfigError{Field: field + ".end", Value: e.End.Format(time.RFC3339), Err: ErrEvent,
				Reason: "before the start " + e.Start.Format(time.RFC3339)}
		}
		for _, t := range []time.Time{e.Start, end} {
			if err := checkYear(field+".start", t.Year()); err != nil {
				return from, to, err
			}
		}
		from, to = e.Start, end
	default:
		if e.EndDay != 0 && e.EndDay <= e.Day {
			return from, to, &ConfigError{Field: field + ".endDay", Value: e.EndDay.String(), Err: ErrEvent,
				Reason: "not after the day " + e.Day.String()}
		}
		for _, d := range []date.Date{e.Day, e.endDay()} { // DTEND is written too
			if err := checkYear(field+".day", d.Year()); err != nil {
				return from, to, err
			}
		}
	}
	if e.Recurrence.IsZero() {
		if len(e.Except) > 0 {
			return from, to, &ConfigError{Field: field + ".except", Err: ErrEvent, Reason: "days left out of no recurrence"}
		}
		return from, to, nil
	}
	last, err := e.Recurrence.check(field+".recurrence", e.startDay())
	if err != nil {
		return from, to, err
	}
	for j, d := range e.Except {
		if err := checkYear(fmt.Sprintf("%s.except[%d]", field, j), d.Year()); err != nil {
			return from, to, err
		}
	}
	if timed {
		y, m, d := last.Date()
		to = time.Date(y, m, d+1, 0, 0, 0, 0, e.Start.Location()).Add(e.end().Sub(e.Start))
	}
	return from, to, nil
}

// end returns End, or Start for a zero End.
func (e Event) end() time.Time {
	if e.End.IsZero() {
		return e.Start
	}
	return e.End
}

// endDay returns EndDay, or the day after Day for a zero EndDay.
func (e Event) endDay() date.Date {
	if e.EndDay == 0 {
		return e.Day + 1
	}
	return e.EndDay
}

// startDay is the day of the first occurrence, in the start's zone.
func (e Event) startDay() date.Date {
	if e.Day != 0 {
		return e.Day
	}
	return date.NewAt(e.Start)
}

// check validates r for an event starting on first and returns a bound on
// the day of its last occurrence (at most maxZoneYears after first).
func (r Recurrence) check(field string, first date.Date) (date.Date, error) {
	bad := func(f, v, reason string) (date.Date, error) {
		return 0, &ConfigError{Field: field + f, Value: v, Err: ErrEvent, Reason: reason}
	}
	if r.Freq != Daily && r.Freq != Weekly {
		return bad(".freq", strconv.Itoa(int(r.Freq)), "want Daily or Weekly")
	}
	if r.Interval < 0 || r.Interval > MaxInterval {
		return bad(".interval", strconv.Itoa(r.Interval), fmt.Sprintf("want 1 to %d (0 means 1)", MaxInterval))
	}
	if r.Count < 0 || r.Count > MaxCount {
		return bad(".count", strconv.Itoa(r.Count), fmt.Sprintf("want 1 to %d", MaxCount))
	}
	if (r.Until == 0) == (r.Count == 0) {
		return bad(".until", "", "want exactly one of Until and Count")
	}
	for j, wd := range r.Weekdays {
		if wd < time.Sunday || wd > time.Saturday {
			return bad(fmt.Sprintf(".weekdays[%d]", j), strconv.Itoa(int(wd)), "want Sunday to Saturday")
		}
	}
	limit := first.AddDate(maxZoneYears, 0, 0)
	if r.Until != 0 {
		if r.Until < first {
			return bad(".until", r.Until.String(), "before the first occurrence "+first.String())
		}
		if err := checkYear(field+".until", r.Until.Year()); err != nil {
			return 0, err
		}
		return min(r.Until, limit), nil
	}
	days := int64(r.Count) * int64(max(r.Interval, 1))
	if r.Freq == Weekly {
		days = days*7 + 7
	}
	if days > int64(limit-first) {
		return limit, nil
	}
	return first + date.Date(days), nil
}

// checkZone refuses a zone that has no meaning outside this machine.
func checkZone(field string, loc *time.Location) error {
	name := loc.String()
	switch {
	case loc == time.Local || name == "Local":
		return &ConfigError{Field: field, Value: name, Err: ErrZone, Reason: "time.Local depends on the machine; want an IANA zone such as Europe/London"}
	case name == "":
		return &ConfigError{Field: field, Err: ErrZone, Reason: "the zone has no name for TZID"}
	case strings.ContainsAny(name, "\"\r\n\x7f") || !utf8.ValidString(name):
		return &ConfigError{Field: field, Value: name, Err: ErrZone, Reason: "the zone's name cannot be a TZID"}
	}
	for _, r := range name {
		if r < 0x20 {
			return &ConfigError{Field: field, Value: name, Err: ErrZone, Reason: "the zone's name cannot be a TZID"}
		}
	}
	return nil
}

// checkText refuses text that iCalendar cannot carry: invalid UTF-8 and
// control characters other than tab and newline (CRLF counts as a newline).
func checkText(field, s string) error {
	if !utf8.ValidString(s) {
		return &ConfigError{Field: field, Value: s, Err: ErrEvent, Reason: "not UTF-8"}
	}
	for i, r := range s {
		if r == '\r' && strings.HasPrefix(s[i:], "\r\n") {
			continue
		}
		if (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f {
			return &ConfigError{Field: field, Value: s, Err: ErrEvent, Reason: fmt.Sprintf("control character %U", r)}
		}
	}
	return nil
}

// checkYear refuses a year that the four-digit forms cannot hold.
func checkYear(field string, y int) error {
	if y < 1 || y > 9999 {
		return &ConfigError{Field: field, Value: strconv.Itoa(y), Err: ErrEvent, Reason: "year outside 1 to 9999"}
	}
	return nil
}

// writeEvent writes one checked event.
func writeEvent(w *writer, e Event, stamp string) {
	w.line("BEGIN:VEVENT")
	w.prop("UID", escape(e.UID))
	w.prop("DTSTAMP", stamp)
	if e.Day != 0 {
		w.prop("DTSTART;VALUE=DATE", dateText(e.Day))
		w.prop("DTEND;VALUE=DATE", dateText(e.endDay()))
	} else {
		w.timeProp("DTSTART", e.Start)
		w.timeProp("DTEND", e.end().In(e.Start.Location()))
	}
	if !e.Recurrence.IsZero() {
		w.prop("RRULE", e.Recurrence.text(e))
		if len(e.Except) > 0 {
			days := slices.Clone(e.Except)
			slices.Sort(days)
			days = slices.Compact(days)
			vals := make([]string, len(days))
			var name string
			if e.Day != 0 {
				name = "EXDATE;VALUE=DATE"
				for i, d := range days {
					vals[i] = dateText(d)
				}
			} else {
				loc := e.Start.Location()
				name = "EXDATE"
				if loc != time.UTC {
					name += ";TZID=" + paramValue(loc.String())
				}
				h, mi, s := e.Start.Clock()
				for i, d := range days {
					y, m, dd := d.Date()
					vals[i] = timeText(time.Date(y, m, dd, h, mi, s, 0, loc))
				}
			}
			w.prop(name, strings.Join(vals, ","))
		}
	}
	if e.Summary != "" {
		w.prop("SUMMARY", escape(e.Summary))
	}
	if e.Description != "" {
		w.prop("DESCRIPTION", escape(e.Description))
	}
	if e.Location != "" {
		w.prop("LOCATION", escape(e.Location))
	}
	if e.Contact != "" {
		w.prop("CONTACT", escape(e.Contact))
	}
	if len(e.Categories) > 0 {
		cs := make([]string, len(e.Categories))
		for i, c := range e.Categories {
			cs[i] = escape(c)
		}
		w.prop("CATEGORIES", strings.Join(cs, ","))
	}
	if e.Transparent {
		w.prop("TRANSP", "TRANSPARENT")
	} else {
		w.prop("TRANSP", "OPAQUE")
	}
	w.line("END:VEVENT")
}

// weekdayCodes are RFC 5545's two-letter weekdays, by time.Weekday.
var weekdayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// text returns the RRULE value of r for the event e.
func (r Recurrence) text(e Event) string {
	var b strings.Builder
	b.WriteString("FREQ=" + r.Freq.String())
	if r.Interval > 1 {
		b.WriteString(";INTERVAL=" + strconv.Itoa(r.Interval))
	}
	if len(r.Weekdays) > 0 {
		wds := slices.Clone(r.Weekdays)
		// Monday first, as the week starts (WKST=MO).
		slices.SortFunc(wds, func(a, b time.Weekday) int { return (int(a)+6)%7 - (int(b)+6)%7 })
		wds = slices.Compact(wds)
		codes := make([]string, len(wds))
		for i, wd := range wds {
			codes[i] = weekdayCodes[wd]
		}
		b.WriteString(";BYDAY=" + strings.Join(codes, ","))
	}
	if r.Freq == Weekly && r.Interval > 1 {
		b.WriteString(";WKST=MO")
	}
	switch {
	case r.Count > 0:
		b.WriteString(";COUNT=" + strconv.Itoa(r.Count))
	case e.Day != 0:
		b.WriteString(";UNTIL=" + dateText(r.Until))
	default:
		// With a TZID start, UNTIL must be UTC: the last instant of the day.
		y, m, d := r.Until.Date()
		until := time.Date(y, m, d+1, 0, 0, 0, 0, e.Start.Location()).Add(-time.Second)
		b.WriteString(";UNTIL=" + until.UTC().Format(utcLayout))
	}
	return b.String()
}

// dateText formats d as a DATE value, YYYYMMDD.
func dateText(d date.Date) string {
	y, m, dd := d.Date()
	return fmt.Sprintf("%04d%02d%02d", y, int(m), dd)
}

// timeText formats t as a DATE-TIME value: UTC with Z, or local time.
func timeText(t time.Time) string {
	if t.Location() == time.UTC {
		return t.Format(utcLayout)
	}
	return t.Format(localLayout)
}

// paramValue quotes a parameter value that holds ':', ';' or ','.
func paramValue(s string) string {
	if strings.ContainsAny(s, ":;,") {
		return `"` + s + `"`
	}
	return s
}

// escape escapes TEXT as RFC 5545 section 3.3.11 says.
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\r':
			// Only CRLF passes checkText: write it as one newline.
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// A writer collects content lines, folded and ended with CRLF.
type writer struct {
	buf []byte
}

// prop writes the content line name:value; name may carry parameters.
func (w *writer) prop(name, value string) {
	w.line(name + ":" + value)
}

// timeProp writes a DATE-TIME property in t's zone.
func (w *writer) timeProp(name string, t time.Time) {
	if loc := t.Location(); loc != time.UTC {
		name += ";TZID=" + paramValue(loc.String())
	}
	w.prop(name, timeText(t))
}

// line writes s folded into lines of at most 75 octets, each continuation
// starting with a space, never cutting a UTF-8 sequence.
func (w *writer) line(s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 {
			cut = limit
		}
		w.buf = append(w.buf, s[:cut]...)
		w.buf = append(w.buf, "\r\n "...)
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.buf = append(w.buf, s...)
	w.buf = append(w.buf, "\r\n"...)
}
