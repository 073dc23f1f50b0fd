package ical

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzReadHolidays checks that ReadHolidays never panics, that an error is
// a *ParseError with a line and one of the two sentinels, and that accepted
// input gives sorted, distinct holidays within the range.
func FuzzReadHolidays(f *testing.F) {
	// Valid: the committed samples, whole.
	for _, name := range []string{"us-federal.ics", "uk-england.ics"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		require.NoError(f, err)
		f.Add(b, int16(0), uint16(1100))
	}
	// Valid: rules with every BY part, spans, overrides.
	f.Add(cal(event("20241105", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8")), int16(0), uint16(2000))
	f.Add(cal(event("20241231", "DTEND;VALUE=DATE:20250103", "RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=5", "EXDATE:20261231")), int16(-30), uint16(4000))
	f.Add(cal(event("20200229", "RRULE:FREQ=YEARLY;BYDAY=-1MO,2FR"), event("20240101", "RECURRENCE-ID;VALUE=DATE:20250101", "STATUS:CANCELLED")), int16(100), uint16(3000))
	// Invalid: unbalanced, bad dates, unsupported rules, folding.
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"), int16(0), uint16(10))
	f.Add(cal(event("20241301")), int16(0), uint16(10))
	f.Add(cal(event("20240101", "RRULE:FREQ=MONTHLY")), int16(0), uint16(10))
	f.Add([]byte(" \r\nBEGIN:VCALENDAR"), int16(0), uint16(10))
	f.Add([]byte("BEGIN:VCALENDAR\nX;A=\"b:c\";D=e,\"f\":g\nEND:VCALENDAR"), int16(0), uint16(10))
	f.Fuzz(func(t *testing.T, data []byte, start int16, span uint16) {
		// Days counted from 2024-01-01; at most about 18 years.
		from := date.New(2024, time.January, 1) + date.Date(start)
		to := from + date.Date(span%6600) - 50
		hs, err := ReadHolidays(data, from, to)
		if err != nil {
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.True(t, pe.Err == ErrSyntax || pe.Err == ErrUnsupported, "sentinel %v", pe.Err)
			assert.GreaterOrEqual(t, pe.Line, 1)
			assert.True(t, strings.HasPrefix(err.Error(), "ical: line "), "%q", err)
			assert.Nil(t, hs)
			return
		}
		assert.True(t, slices.IsSortedFunc(hs, func(a, b Holiday) int {
			if a.Day != b.Day {
				return int(a.Day - b.Day)
			}
			return strings.Compare(a.Name, b.Name)
		}), "sorted")
		for i, h := range hs {
			require.True(t, h.Day >= from && h.Day < to, "%v outside [%v, %v)", h, from, to)
			if i > 0 {
				require.NotEqual(t, hs[i-1], h, "given twice")
			}
		}
	})
}

// FuzzMarshalText checks the writer's text handling: any summary and
// description are refused with ErrEvent or written in lines of at most 75
// octets that end in CRLF and are valid UTF-8, and the reader gets the
// summary back.
func FuzzMarshalText(f *testing.F) {
	f.Add("Christmas Day", "plain")
	f.Add("a;b,c\\d", "line\nline\r\nline")
	f.Add(strings.Repeat("日本語", 40), strings.Repeat("é", 100))
	f.Add("bell\a", "")
	f.Add("\xff", "x")
	f.Fuzz(func(t *testing.T, summary, desc string) {
		c := Calendar{Stamp: stamp, Events: []Event{{UID: "u", Summary: summary, Description: desc, Day: date.New(2024, 1, 1)}}}
		b, err := c.Marshal()
		if err != nil {
			require.ErrorIs(t, err, ErrEvent)
			return
		}
		for _, l := range strings.SplitAfter(string(b), "\r\n") {
			if l == "" {
				continue
			}
			require.True(t, strings.HasSuffix(l, "\r\n"), "line %q", l)
			require.LessOrEqual(t, len(l)-2, 75, "line %q", l)
			require.True(t, utf8.ValidString(l), "line %q", l)
			require.NotContains(t, strings.TrimSuffix(l, "\r\n"), "\n")
			require.NotContains(t, strings.TrimSuffix(l, "\r\n"), "\r")
		}
		hs, err := ReadHolidays(b, date.New(2024, 1, 1), date.New(2024, 1, 2))
		require.NoError(t, err)
		require.Len(t, hs, 1)
		assert.Equal(t, strings.TrimSpace(strings.ReplaceAll(summary, "\r\n", "\n")), hs[0].Name)
	})
}

// fuzzZones are the zones FuzzMarshalEvent picks from.
var fuzzZones = []string{"UTC", "America/Chicago", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Sao_Paulo"}

// FuzzMarshalEvent checks that any event is either refused with a
// *ConfigError or written as well-formed iCalendar: lines of at most 75
// octets, balanced components (ReadHolidays finds no syntax error),
// and a VTIMEZONE for its zone.
func FuzzMarshalEvent(f *testing.F) {
	f.Add(int64(1709539200), int32(15), uint8(1), uint8(2), int16(1), int32(0), int32(30), uint8(0b0111110), false)
	f.Add(int64(1711846800), int32(60*24*7), uint8(2), uint8(1), int16(3), int32(10), int32(0), uint8(0), false)
	f.Add(int64(-62135596800), int32(0), uint8(0), uint8(0), int16(0), int32(0), int32(0), uint8(0), true)
	f.Add(int64(253402300799), int32(-5), uint8(3), uint8(2), int16(1001), int32(1), int32(1), uint8(255), true)
	f.Fuzz(func(t *testing.T, unix int64, minutes int32, zone, freq uint8, interval int16, count, untilDays int32, weekdays uint8, allDay bool) {
		loc, err := time.LoadLocation(fuzzZones[int(zone)%len(fuzzZones)])
		require.NoError(t, err)
		start := time.Unix(unix, 0).In(loc)
		ev := Event{UID: "u", Summary: "s"}
		if allDay {
			ev.Day = date.NewAt(start)
			ev.EndDay = ev.Day + date.Date(minutes%400)
		} else {
			ev.Start, ev.End = start, start.Add(time.Duration(minutes)*time.Minute)
		}
		if freq%3 != 0 {
			ev.Recurrence = Recurrence{Freq: Freq(freq % 3), Interval: int(interval), Count: int(count)}
			if untilDays != 0 {
				ev.Recurrence.Until = date.NewAt(start) + date.Date(untilDays%5000)
			}
			for wd := range 7 {
				if weekdays&(1<<wd) != 0 {
					ev.Recurrence.Weekdays = append(ev.Recurrence.Weekdays, time.Weekday(wd))
				}
			}
			ev.Except = []date.Date{date.NewAt(start) + 7}
		}
		b, err := Calendar{Stamp: stamp, Events: []Event{ev}}.Marshal()
		if err != nil {
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			require.NotEmpty(t, ce.Field)
			return
		}
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
			require.LessOrEqual(t, len(l), 75, "line %q", l)
		}
		// Well-formed: no syntax error (an all-day daily rule is unsupported
		// by the holiday reader, which reads only yearly ones).
		if _, err = ReadHolidays(b, date.New(2024, 1, 1), date.New(2024, 1, 2)); err != nil {
			require.ErrorIs(t, err, ErrUnsupported)
			require.True(t, allDay, "timed events are skipped: %v", err)
		}
		if !allDay && loc != time.UTC {
			require.Contains(t, string(b), "BEGIN:VTIMEZONE\r\nTZID:"+loc.String()+"\r\n")
		}
	})
}
