package sla

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/internal/tod"
)

// endOfDay is 24:00, the largest value Span.To may take.
const endOfDay = tod.EndOfDay

// Len returns the length of the span in wall-clock time, To - From.
// On a day when the clocks change the real time it covers may differ.
func (s Span) Len() time.Duration { return time.Duration(s.To - s.From) }

// IsValid reports whether 00:00 <= From < To <= 24:00.
func (s Span) IsValid() bool { return s.check() == "" }

// check returns why s is invalid, or "" when it is valid.
func (s Span) check() string {
	switch {
	case s.From < 0:
		return "starts before 00:00"
	case s.To > endOfDay:
		return "ends after 24:00"
	case s.From >= s.To:
		return "from is not before to"
	}
	return ""
}

// Contains reports whether the time of day c falls in the span: From is
// included and To is excluded.
func (s Span) Contains(c clock.Clock) bool { return s.From <= c && c < s.To }

// String returns the span as "09:00-17:00", with seconds and fractions only
// when they are not zero ("09:00:30-17:00"). The end of the day is "24:00".
// A time of day outside 00:00-24:00, which only an invalid span holds, is
// written the same way: "22:00-25:00", "-01:00-09:00".
func (s Span) String() string { return formatClock(s.From) + "-" + formatClock(s.To) }

// formatClock formats c with internal/tod, and a value out of its range
// (negative, or past 24:00) in the same layout with a sign or more hours.
func formatClock(c clock.Clock) string {
	if c >= 0 && c <= tod.EndOfDay {
		return tod.Format(c)
	}
	sign := ""
	d := time.Duration(c)
	if d < 0 {
		sign, d = "-", -d // clock.Clock is far smaller than the Duration range
	}
	whole, frac := d/time.Hour, d%time.Hour
	return sign + fmt.Sprintf("%02d", whole) + tod.Format(clock.Clock(frac))[2:]
}

// ParseSpan parses a span written as "09:00-17:00". Times of day are HH:MM,
// HH:MM:SS or HH:MM:SS.fraction on a 24-hour clock, and the end may be
// "24:00". Surrounding spaces are ignored. The span must satisfy
// 00:00 <= from < to <= 24:00. Errors are [*ConfigError] values matching
// [ErrSyntax] for text that is not a span, and [ErrInvalidSpan] for a span
// that ends before it starts.
func ParseSpan(s string) (Span, error) {
	from, to, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return Span{}, &ConfigError{Value: s, Err: ErrSyntax, Reason: "want HH:MM-HH:MM"}
	}
	f, err := tod.Parse(strings.TrimSpace(from))
	if err != nil {
		return Span{}, &ConfigError{Value: s, Err: ErrSyntax, Reason: "start: " + todReason(err)}
	}
	t, err := tod.Parse(strings.TrimSpace(to))
	if err != nil {
		return Span{}, &ConfigError{Value: s, Err: ErrSyntax, Reason: "end: " + todReason(err)}
	}
	sp := Span{From: f, To: t}
	if why := sp.check(); why != "" {
		return Span{}, &ConfigError{Value: s, Err: ErrInvalidSpan, Reason: why}
	}
	return sp, nil
}

// todReason is the text of a tod.Parse error.
func todReason(err error) string { return err.Error() }

// MustParseSpan is like [ParseSpan] but panics on error. It is intended for
// use in tests and with hard-coded strings.
func MustParseSpan(s string) Span {
	sp, err := ParseSpan(s)
	if err != nil {
		panic(err)
	}
	return sp
}

// MarshalText implements encoding.TextMarshaler, writing the form of
// [Span.String]. The zero Span, which is not valid, marshals to empty text.
func (s Span) MarshalText() ([]byte, error) {
	if s == (Span{}) {
		return []byte{}, nil
	}
	if why := s.check(); why != "" {
		return nil, &ConfigError{Value: s.String(), Err: ErrInvalidSpan, Reason: why}
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with [ParseSpan]. Empty
// text gives the zero Span.
func (s *Span) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*s = Span{}
		return nil
	}
	sp, err := ParseSpan(string(text))
	if err != nil {
		return err
	}
	*s = sp
	return nil
}

// WorkWeek returns a Week open Monday to Friday from from to to, and closed
// on Saturday and Sunday. WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0))
// is the familiar nine-to-five.
func WorkWeek(from, to clock.Clock) Week {
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = []Span{{From: from, To: to}}
	}
	return w
}

// AllWeek returns a Week open at all hours, 24x7: every day 00:00-24:00.
func AllWeek() Week {
	var w Week
	for d := range w {
		w[d] = []Span{{From: 0, To: endOfDay}}
	}
	return w
}

// Hours returns the wall-clock opening hours of the week, the sum of the
// lengths of its spans.
func (w Week) Hours() time.Duration {
	var sum time.Duration
	for _, day := range w {
		for _, s := range day {
			sum += s.Len()
		}
	}
	return sum
}

// clone returns a deep copy of w, so that callers cannot change a
// calendar's hours through a slice they kept.
func (w Week) clone() Week {
	var c Week
	for d, spans := range w {
		if len(spans) > 0 {
			c[d] = append([]Span(nil), spans...)
		}
	}
	return c
}

// String summarises the week's hours, Monday first, joining consecutive
// days with the same hours: "Mon-Fri 09:00-17:00", or
// "Mon-Thu 09:00-12:00,13:00-17:00, Fri 09:00-15:00". A week with no
// hours is "closed".
func (w Week) String() string {
	var parts []string
	dayName := func(i int) string { return time.Weekday(i % 7).String()[:3] }
	for i := 1; i <= 7; {
		spans := w[i%7]
		j := i + 1
		for j <= 7 && slices.Equal(w[j%7], spans) {
			j++
		}
		if len(spans) > 0 {
			days := dayName(i)
			if j-1 > i {
				days += "-" + dayName(j-1)
			}
			hours := make([]string, len(spans))
			for k, sp := range spans {
				hours[k] = sp.String()
			}
			parts = append(parts, days+" "+strings.Join(hours, ","))
		}
		i = j
	}
	if len(parts) == 0 {
		return "closed"
	}
	return strings.Join(parts, ", ")
}
