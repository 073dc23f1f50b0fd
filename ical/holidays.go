package ical

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
)

// A Holiday is one day of an all-day event read by [ReadHolidays]: the day
// and the event's SUMMARY. Holiday values are comparable with ==.
type Holiday struct {
	Day  date.Date
	Name string
}

// String returns "2024-12-25 Christmas Day".
func (h Holiday) String() string { return h.Day.String() + " " + h.Name }

// Limits of what ReadHolidays reads.
const (
	// MaxHolidaySpan is the longest all-day event, in days.
	MaxHolidaySpan = 366
)

// ReadHolidays reads the all-day events (DTSTART;VALUE=DATE, or an
// eight-digit DTSTART) of every VCALENDAR in data and returns the holidays on
// the days [from, to): each day an event covers, with the event's SUMMARY as
// its name, sorted by day and then name, a (day, name) pair given once. An
// event covers [DTSTART, DTEND), or DURATION days (P2D, P1W) from DTSTART, or
// the one day DTSTART. Nothing is returned when to is not after from, but
// data is still read and checked.
//
// Recurring holidays (RRULE:FREQ=YEARLY) are expanded over the range, with
// INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY and BYDAY (every Monday of the
// month, "4TH" for the fourth Thursday, "-1MO" for the last Monday), counting
// DTSTART as the first occurrence as RFC 5545 does; EXDATE and RDATE (dates or
// date-times, whose date is taken) remove and add occurrences; an event with a
// RECURRENCE-ID replaces that occurrence of the event with the same UID, and
// STATUS:CANCELLED removes it. Timed events (a DTSTART with a time) are not
// holidays and are skipped; so are components other than VEVENT, such as
// VTIMEZONE, and components nested in an event, such as VALARM.
//
// Lines may end in CRLF or LF; folded lines are unfolded and TEXT values
// unescaped. Errors are *ParseError values naming the line: ErrSyntax for
// text that is not iCalendar (no BEGIN:VCALENDAR, unbalanced BEGIN and END, a
// line without ':', a malformed date or rule, an event without DTSTART or
// ending before it starts), ErrUnsupported for a well-formed rule that
// ReadHolidays does not interpret (another FREQ than YEARLY, BYSETPOS,
// BYWEEKNO, BYYEARDAY, RDATE periods, events longer than MaxHolidaySpan days).
func ReadHolidays(data []byte, from, to date.Date) ([]Holiday, error) {
	lines, err := contentLines(data)
	if err != nil {
		return nil, err
	}
	events, err := readEvents(lines)
	if err != nil {
		return nil, err
	}
	if to <= from {
		return nil, nil
	}
	// Occurrences replaced by a RECURRENCE-ID event, by UID.
	replaced := map[string]map[date.Date]bool{}
	for _, ev := range events {
		if ev.recurrenceID != 0 && ev.uid != "" {
			if replaced[ev.uid] == nil {
				replaced[ev.uid] = map[date.Date]bool{}
			}
			replaced[ev.uid][ev.recurrenceID] = true
		}
	}
	var out []Holiday
	for _, ev := range events {
		if ev.cancelled {
			continue
		}
		var skip map[date.Date]bool // nil (nothing skipped) for most events
		if len(ev.exdates) > 0 || ev.recurrenceID == 0 && len(replaced[ev.uid]) > 0 {
			skip = map[date.Date]bool{}
			for _, d := range ev.exdates {
				skip[d] = true
			}
			if ev.recurrenceID == 0 {
				for d := range replaced[ev.uid] {
					skip[d] = true
				}
			}
		}
		add := func(start date.Date) {
			if skip[start] {
				return
			}
			for d := max(start, from); d < start+date.Date(ev.length) && d < to; d++ {
				out = append(out, Holiday{Day: d, Name: ev.summary})
			}
		}
		lo := from - date.Date(ev.length) + 1
		if ev.rule == nil {
			if ev.start >= lo && ev.start < to {
				add(ev.start)
			}
		} else {
			ev.rule.each(ev.start, lo, to, add)
		}
		for _, d := range ev.rdates {
			if d >= lo && d < to {
				add(d)
			}
		}
	}
	slices.SortFunc(out, func(a, b Holiday) int {
		if c := cmp.Compare(a.Day, b.Day); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return slices.Compact(out), nil
}

// Days returns the distinct days of hs in ascending order, the form that
// sla.Holidays and the sprint and release working-day calendars take (they
// refuse a day given twice, as two countries' calendars often do).
func Days(hs []Holiday) []date.Date {
	if len(hs) == 0 {
		return nil
	}
	days := make([]date.Date, len(hs))
	for i, h := range hs {
		days[i] = h.Day
	}
	slices.Sort(days)
	return slices.Compact(days)
}

// A vevent is what ReadHolidays keeps of an all-day VEVENT.
type vevent struct {
	uid          string
	summary      string
	start        date.Date
	length       int // days
	rule         *yearly
	exdates      []date.Date
	rdates       []date.Date
	recurrenceID date.Date
	cancelled    bool
}

// readEvents walks the components of lines and returns the all-day VEVENTs
// directly inside a VCALENDAR.
func readEvents(lines []contentLine) ([]vevent, error) {
	var (
		stack  []contentLine // the BEGIN lines of the open components
		props  []contentLine // the properties of the open VEVENT
		events []vevent
		seen   bool
	)
	for _, l := range lines {
		switch l.name {
		case "BEGIN":
			name := strings.ToUpper(l.value)
			if name == "" || strings.IndexFunc(name, func(r rune) bool { return r > 0x7f || !isNameByte(byte(r)) }) >= 0 {
				return nil, l.syntaxErr("want a component name")
			}
			switch {
			case len(stack) == 0 && name != "VCALENDAR":
				return nil, l.syntaxErr("want BEGIN:VCALENDAR first")
			case len(stack) > 0 && name == "VCALENDAR":
				return nil, l.syntaxErr("VCALENDAR inside " + strings.ToUpper(stack[len(stack)-1].value))
			}
			seen = true
			l.value = name
			stack = append(stack, l)
			if len(stack) == 2 && name == "VEVENT" {
				props = props[:0]
			}
		case "END":
			name := strings.ToUpper(l.value)
			if len(stack) == 0 {
				return nil, l.syntaxErr("END without BEGIN")
			}
			open := stack[len(stack)-1]
			if open.value != name {
				return nil, l.syntaxErr(fmt.Sprintf("want END:%s for BEGIN:%s on line %d", open.value, open.value, open.line))
			}
			if name == "VEVENT" && len(stack) == 2 {
				ev, ok, err := readEvent(open, props)
				if err != nil {
					return nil, err
				}
				if ok {
					events = append(events, ev)
				}
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, l.syntaxErr("property outside BEGIN:VCALENDAR")
			}
			if len(stack) == 2 && stack[1].value == "VEVENT" {
				props = append(props, l)
			}
		}
	}
	if len(stack) > 0 {
		open := stack[len(stack)-1]
		return nil, open.syntaxErr("no END:" + open.value)
	}
	if !seen {
		return nil, &ParseError{Line: 1, Err: ErrSyntax, Reason: "no BEGIN:VCALENDAR"}
	}
	return events, nil
}

// readEvent interprets the properties of the VEVENT that begins at begin;
// ok is false for a timed event.
func readEvent(begin contentLine, props []contentLine) (ev vevent, ok bool, err error) {
	one := map[string]contentLine{}
	var exdates, rdates []contentLine
	for _, l := range props {
		switch l.name {
		case "EXDATE":
			exdates = append(exdates, l)
		case "RDATE":
			rdates = append(rdates, l)
		case "DTSTART", "DTEND", "DURATION", "RRULE", "SUMMARY", "UID", "RECURRENCE-ID", "STATUS":
			if prev, dup := one[l.name]; dup {
				return ev, false, l.syntaxErr(fmt.Sprintf("%s given twice in one event (also line %d)", l.name, prev.line))
			}
			one[l.name] = l
		}
	}
	dtstart, has := one["DTSTART"]
	if !has {
		return ev, false, begin.syntaxErr("VEVENT without DTSTART")
	}
	start, timed, err := dayOf(dtstart, dtstart.value)
	if err != nil || timed {
		return ev, false, err
	}
	ev.start, ev.length = start, 1
	end, hasEnd := one["DTEND"]
	dur, hasDur := one["DURATION"]
	switch {
	case hasEnd && hasDur:
		return ev, false, dur.syntaxErr("DTEND and DURATION in one event")
	case hasEnd:
		d, timed, err := dayOf(end, end.value)
		if err != nil {
			return ev, false, err
		}
		if timed {
			return ev, false, end.syntaxErr("DTEND is a date-time, DTSTART a date")
		}
		if d <= start {
			return ev, false, end.syntaxErr("DTEND not after DTSTART " + start.String())
		}
		if d-start > MaxHolidaySpan {
			return ev, false, end.unsupported(fmt.Sprintf("an event of %d days; at most %d", d-start, MaxHolidaySpan))
		}
		ev.length = int(d - start)
	case hasDur:
		if ev.length, err = durationDays(dur); err != nil {
			return ev, false, err
		}
	}
	if l, has := one["RRULE"]; has {
		if ev.rule, err = parseYearly(l); err != nil {
			return ev, false, err
		}
	}
	for _, l := range exdates {
		if ev.exdates, err = dayList(l, ev.exdates); err != nil {
			return ev, false, err
		}
	}
	for _, l := range rdates {
		if strings.EqualFold(l.params["VALUE"], "PERIOD") {
			return ev, false, l.unsupported("RDATE periods")
		}
		if ev.rdates, err = dayList(l, ev.rdates); err != nil {
			return ev, false, err
		}
	}
	if l, has := one["RECURRENCE-ID"]; has {
		if ev.recurrenceID, _, err = dayOf(l, l.value); err != nil {
			return ev, false, err
		}
		if ev.rule != nil {
			return ev, false, l.unsupported("RRULE in an event that replaces one occurrence")
		}
	}
	ev.summary = strings.TrimSpace(unescape(one["SUMMARY"].value))
	ev.uid = one["UID"].value
	ev.cancelled = strings.EqualFold(strings.TrimSpace(one["STATUS"].value), "CANCELLED")
	return ev, true, nil
}

// dayOf parses v, a DATE (YYYYMMDD) or DATE-TIME (YYYYMMDDTHHMMSS, with an
// optional Z) value of l, and returns its day; timed reports a DATE-TIME.
func dayOf(l contentLine, v string) (d date.Date, timed bool, err error) {
	v = strings.TrimSpace(v)
	kind := strings.ToUpper(l.params["VALUE"])
	switch {
	case len(v) == 8 && kind != "DATE-TIME":
		t, err := time.Parse("20060102", v)
		if err != nil || t.Year() < 1 {
			return 0, false, l.syntaxErr(fmt.Sprintf("date %q: want YYYYMMDD", v))
		}
		return date.NewAt(t), false, nil
	case (len(v) == 15 || len(v) == 16 && v[15] == 'Z') && kind != "DATE":
		t, err := time.Parse("20060102T150405", v[:15])
		if err != nil || t.Year() < 1 {
			return 0, false, l.syntaxErr(fmt.Sprintf("date-time %q: want YYYYMMDDTHHMMSS", v))
		}
		return date.NewAt(t), true, nil
	}
	want := "YYYYMMDD or YYYYMMDDTHHMMSS"
	if kind == "DATE" {
		want = "YYYYMMDD for VALUE=DATE"
	}
	return 0, false, l.syntaxErr(fmt.Sprintf("%q: want %s", v, want))
}

// dayList appends the days of l's comma-separated dates or date-times.
func dayList(l contentLine, days []date.Date) ([]date.Date, error) {
	for _, v := range strings.Split(l.value, ",") {
		d, _, err := dayOf(l, v)
		if err != nil {
			return nil, err
		}
		days = append(days, d)
	}
	return days, nil
}

// durationDays parses a DURATION of whole days or weeks: P2D, P1W, +P3D.
func durationDays(l contentLine) (int, error) {
	v := strings.TrimPrefix(strings.TrimSpace(l.value), "+")
	if !strings.HasPrefix(v, "P") || len(v) < 3 {
		return 0, l.syntaxErr("want a duration such as P1D")
	}
	unit := v[len(v)-1]
	n, err := strconv.Atoi(v[1 : len(v)-1])
	switch {
	case err != nil && strings.ContainsAny(v, "THMS"):
		return 0, l.unsupported("a duration with hours in an all-day event")
	case err != nil || n < 0 || v[1] == '+' || v[1] == '-':
		return 0, l.syntaxErr("want a duration such as P1D")
	case unit != 'D' && unit != 'W':
		return 0, l.syntaxErr("want a duration such as P1D or P1W")
	case n > MaxHolidaySpan:
	case unit == 'W':
		n *= 7
	}
	if n < 1 || n > MaxHolidaySpan {
		return 0, l.unsupported(fmt.Sprintf("an event of %d days; want 1 to %d", n, MaxHolidaySpan))
	}
	return n, nil
}
