package sla

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/teamcadence/cadence/internal/zones"
)

// calendarJSON is the JSON form of a Calendar's configuration:
//
//	{
//	  "zone": "America/Chicago",
//	  "week": {"Monday": ["09:00-12:00", "13:00-17:00"], "Tuesday": ["09:00-17:00"]},
//	  "holidays": ["2024-12-25"],
//	  "special": {"2024-12-24": ["09:00-12:00"]},
//	  "allowNoOpeningHours": false
//	}
//
// Weekday names are matched without regard to case; days missing from
// "week" are closed.
type calendarJSON struct {
	Zone      string               `json:"zone"`
	Week      weekJSON             `json:"week"`
	Holidays  []date.Date          `json:"holidays,omitempty"`
	Special   map[date.Date][]Span `json:"special,omitempty"`
	AllowNone bool                 `json:"allowNoOpeningHours,omitempty"`
	_         struct{}             `json:"-"`
}

// MarshalJSON implements json.Marshaler: the zone by its IANA name, the
// hours of each open weekday as spans such as "09:00-17:00", holidays and
// special days. The zero Calendar marshals to {}. A calendar whose zone
// has no IANA name that time.LoadLocation can load back, such as one made
// with time.FixedZone, is an error matching [ErrUnknownZone].
func (c Calendar) MarshalJSON() ([]byte, error) {
	if c.c == nil {
		return []byte("{}"), nil
	}
	if err := checkZoneName(c.c.loc); err != nil {
		return nil, err
	}
	out := calendarJSON{Zone: c.c.loc.String(), Week: weekJSON{}, AllowNone: c.c.allowNone}
	for wd, spans := range c.c.week {
		if len(spans) > 0 {
			out.Week[time.Weekday(wd).String()] = spans
		}
	}
	for _, d := range c.c.days {
		if len(d.Spans) == 0 {
			out.Holidays = append(out.Holidays, d.Day)
			continue
		}
		if out.Special == nil {
			out.Special = map[date.Date][]Span{}
		}
		out.Special[d.Day] = d.Spans
	}
	return json.Marshal(out)
}

// UnmarshalJSON implements json.Unmarshaler for the form written by
// [Calendar.MarshalJSON]. The zone is loaded with time.LoadLocation. {} and
// null give the zero Calendar; any other configuration is validated as by
// [NewCalendar], and errors match the same sentinels, plus
// [ErrUnknownZone] for a zone that cannot be loaded.
func (c *Calendar) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if bytes.Equal(data, []byte("null")) {
		*c = Calendar{}
		return nil
	}
	var in calendarJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return fmt.Errorf("sla: decoding calendar: %w", err)
	}
	if in.Zone == "" && len(in.Week) == 0 && len(in.Holidays) == 0 && len(in.Special) == 0 && !in.AllowNone {
		*c = Calendar{}
		return nil
	}
	if in.Zone == "" {
		return fmt.Errorf("sla: decoding calendar: missing \"zone\": %w", ErrNilLocation)
	}
	loc, err := time.LoadLocation(in.Zone)
	if err != nil {
		return fmt.Errorf("sla: decoding calendar: zone %q: %w", in.Zone, ErrUnknownZone)
	}
	var week Week
	var seen [7]bool
	for name, spans := range in.Week {
		wd, ok := parseWeekday(name)
		if !ok {
			return fmt.Errorf("sla: decoding calendar: unknown weekday %q: %w", name, ErrInvalidSpan)
		}
		if seen[wd] {
			return fmt.Errorf("sla: decoding calendar: weekday %q given twice: %w", name, ErrInvalidSpan)
		}
		seen[wd] = true
		if len(spans) > 0 {
			week[wd] = spans
		}
	}
	opts := []Option{Holidays(in.Holidays...)}
	for d, spans := range in.Special {
		opts = append(opts, Special(d, spans...))
	}
	if in.AllowNone {
		opts = append(opts, AllowNoOpeningHours())
	}
	cal, err := NewCalendar(loc, week, opts...)
	if err != nil {
		return err
	}
	*c = cal
	return nil
}

// parseWeekday parses an English weekday name, ignoring case; three-letter
// abbreviations are accepted.
func parseWeekday(s string) (time.Weekday, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		name := strings.ToLower(wd.String())
		if s == name || (len(s) == 3 && s == name[:3]) {
			return wd, true
		}
	}
	return 0, false
}

// weekJSON is the "week" object: weekday names to spans. It marshals the
// days in week order, Monday first, rather than in the alphabetical order
// encoding/json gives map keys.
type weekJSON map[string][]Span

// MarshalJSON implements json.Marshaler.
func (w weekJSON) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	first := true
	for i := 1; i <= 7; i++ {
		name := time.Weekday(i % 7).String()
		spans, ok := w[name]
		if !ok {
			continue
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		v, err := json.Marshal(spans)
		if err != nil {
			return nil, err
		}
		buf.WriteString(`"` + name + `":`)
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// checkZoneName reports an error matching ErrUnknownZone when loc's name
// would not load back as the same zone.
func checkZoneName(loc *time.Location) error {
	name := loc.String()
	switch {
	case loc == time.UTC || loc == time.Local:
		return nil
	case name == "":
		return fmt.Errorf("sla: marshalling calendar: zone has no name: %w", ErrUnknownZone)
	}
	back, err := time.LoadLocation(name)
	if err != nil {
		return fmt.Errorf("sla: marshalling calendar: zone %q is not an IANA name: %w", name, ErrUnknownZone)
	}
	// A fixed zone may borrow a real zone's name; compare the offsets on a
	// few instants to catch it.
	for _, t := range []time.Time{time.Unix(0, 0), time.Date(2024, 1, 15, 12, 0, 0, 0, time.UTC), time.Date(2024, 7, 15, 12, 0, 0, 0, time.UTC)} {
		if zones.Offset(t, loc) != zones.Offset(t, back) {
			return fmt.Errorf("sla: marshalling calendar: zone %q does not match the IANA zone of that name: %w", name, ErrUnknownZone)
		}
	}
	return nil
}
