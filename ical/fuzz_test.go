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
