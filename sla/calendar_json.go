package sla

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/teamcadence/cadence/internal/zones"
)

// calendarJSON is the JSON form of a Calendar's configuration:
//
//	{
//	  "zone": "America/Chicago",
//	  "week": {"monday": ["09:00-12:00", "13:00-17:00"], "tuesday": ["09:00-17:00"]},
//	  "holidays": ["2024-12-25"],
//	  "special": {"2024-12-24": ["09:00-12:00"]},
//	  "allowNoOpeningHours": false
//	}
//
// Days missing from "week" are closed; a special day with [] is closed all
// day, like a holiday.
type calendarJSON struct {
	Zone      *string             `json:"zone,omitempty"`
	Week      *weekJSON           `json:"week,omitempty"`
	Holidays  []string            `json:"holidays,omitempty"`
	Special   map[string][]string `json:"special,omitempty"`
	AllowNone bool                `json:"allowNoOpeningHours,omitempty"`
}

// weekJSON is the "week" object, Monday first.
type weekJSON struct {
	Monday    []string `json:"monday,omitempty"`
	Tuesday   []string `json:"tuesday,omitempty"`
	Wednesday []string `json:"wednesday,omitempty"`
	Thursday  []string `json:"thursday,omitempty"`
	Friday    []string `json:"friday,omitempty"`
	Saturday  []string `json:"saturday,omitempty"`
	Sunday    []string `json:"sunday,omitempty"`
}

// day returns the field of weekday wd.
func (w *weekJSON) day(wd time.Weekday) *[]string {
	return [...]*[]string{&w.Sunday, &w.Monday, &w.Tuesday, &w.Wednesday, &w.Thursday, &w.Friday, &w.Saturday}[wd]
}

func spanTexts(spans []Span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = s.String()
	}
	return out
}

// MarshalJSON implements json.Marshaler: the zone by its IANA name, the
// hours of each open weekday as spans such as "09:00-17:00", holidays and
// special days. The zero Calendar marshals to {}.
//
// Only a zone that decoding can load back is written: one whose name
// time.LoadLocation loads, with the same UTC offsets and offset changes
// from 1900 to 2150 as the calendar's. Any other, such as
// time.FixedZone("Asia/Kolkata", 19800), London's data under the name
// Europe/Dublin, time.Local or a zone with no name, is a [*ConfigError]
// matching [ErrZone].
func (c Calendar) MarshalJSON() ([]byte, error) {
	if c.c == nil {
		return []byte("{}"), nil
	}
	if err := c.c.checkZoneName(); err != nil {
		return nil, err
	}
	name := c.c.loc.String()
	out := calendarJSON{Zone: &name, Week: &weekJSON{}, AllowNone: c.c.allowNone}
	for wd, spans := range c.c.week {
		if len(spans) > 0 {
			*out.Week.day(time.Weekday(wd)) = spanTexts(spans)
		}
	}
	for _, d := range c.c.days {
		if len(d.Spans) == 0 {
			out.Holidays = append(out.Holidays, d.Day.String())
			continue
		}
		if out.Special == nil {
			out.Special = map[string][]string{}
		}
		out.Special[d.Day.String()] = spanTexts(d.Spans)
	}
	return json.Marshal(out)
}

// UnmarshalJSON implements json.Unmarshaler for the form written by
// [Calendar.MarshalJSON]. Keys are matched exactly, case included; an
// unknown or repeated key is refused at any depth. The zone is loaded with
// time.LoadLocation. {} gives the zero Calendar, and null, at the top or
// for any field, is the same as leaving it out: a null document leaves c
// unchanged.
//
// Errors are [*ConfigError] values naming the JSON path, matching
// [ErrSyntax], [ErrUnknownField] or [ErrDuplicateKey] for JSON that does
// not fit the form, [ErrZone] for a missing, empty, "Local" or unknown zone
// name, [ErrDuplicateDay] for a day given twice (also when written two
// ways, "2024-12-24" and "+2024-12-24"), and the errors of [NewCalendar].
func (c *Calendar) UnmarshalJSON(data []byte) error {
	var in calendarJSON
	if err := decodeStrict(data, &in, ""); err != nil {
		return err
	}
	if in.Zone == nil && in.Week == nil && in.Holidays == nil && in.Special == nil && !in.AllowNone {
		if !isNull(data) {
			*c = Calendar{}
		}
		return nil
	}
	loc, err := loadZone(in.Zone)
	if err != nil {
		return err
	}
	var week Week
	if in.Week != nil {
		for wd := range week {
			field := weekField(time.Weekday(wd))
			if week[wd], err = parseSpans(*in.Week.day(time.Weekday(wd)), field); err != nil {
				return err
			}
		}
	}
	seen := map[date.Date]string{}
	note := func(d date.Date, field, text string) error {
		if first, ok := seen[d]; ok {
			return &ConfigError{Field: field, Value: text, Err: ErrDuplicateDay, Reason: "also given as " + first}
		}
		seen[d] = field
		return nil
	}
	holidays := make([]date.Date, len(in.Holidays))
	for i, s := range in.Holidays {
		field := "holidays[" + strconv.Itoa(i) + "]"
		if holidays[i], err = parseDate(s, field); err != nil {
			return err
		}
		if err := note(holidays[i], field, s); err != nil {
			return err
		}
	}
	keys := make([]string, 0, len(in.Special))
	for k := range in.Special {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	type dayKey struct {
		day date.Date
		key string
	}
	days := make([]dayKey, 0, len(keys))
	for _, k := range keys {
		field := specialField(k)
		d, err := parseDate(k, field)
		if err != nil {
			return err
		}
		days = append(days, dayKey{d, k})
	}
	// Report a day given twice at its later key in date order, so the
	// message does not depend on how the keys sort as text.
	slices.SortStableFunc(days, func(a, b dayKey) int { return cmp.Compare(a.day, b.day) })
	opts := []Option{Holidays(holidays...)}
	for _, dk := range days {
		field := specialField(dk.key)
		if err := note(dk.day, field, dk.key); err != nil {
			return err
		}
		texts := in.Special[dk.key]
		if texts == nil {
			continue // null: the same as a missing key
		}
		spans, err := parseSpans(texts, field)
		if err != nil {
			return err
		}
		if err := checkSpans(spans, field); err != nil {
			return err
		}
		opts = append(opts, Special(dk.day, spans...))
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

// loadZone loads the zone named in JSON: present, not empty, not "Local",
// and known to time.LoadLocation.
func loadZone(name *string) (*time.Location, error) {
	switch {
	case name == nil:
		return nil, &ConfigError{Field: "zone", Err: ErrZone, Reason: "missing: give an IANA zone name"}
	case *name == "":
		return nil, &ConfigError{Field: "zone", Err: ErrZone, Reason: "empty: give an IANA zone name"}
	case *name == "Local":
		return nil, &ConfigError{Field: "zone", Value: *name, Err: ErrZone, Reason: "its meaning depends on the machine: give an IANA zone name"}
	}
	loc, err := zones.Load(*name)
	if err != nil {
		return nil, &ConfigError{Field: "zone", Value: *name, Err: ErrZone, Reason: "not a zone time.LoadLocation knows"}
	}
	return loc, nil
}

// parseSpans parses the spans of one day, at JSON path field.
func parseSpans(texts []string, field string) ([]Span, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	out := make([]Span, len(texts))
	for i, s := range texts {
		sp, err := ParseSpan(s)
		if err != nil {
			ce := *err.(*ConfigError) // ParseSpan returns only *ConfigError
			ce.Field = field + "[" + strconv.Itoa(i) + "]"
			return nil, &ce
		}
		out[i] = sp
	}
	return out, nil
}

// parseDate parses an ISO 8601 calendar date at JSON path field:
// YYYY-MM-DD, with a sign and more year digits allowed ("+12024-01-31"),
// and the day must exist (no 2024-02-30, no month 13).
func parseDate(s, field string) (date.Date, error) {
	bad := &ConfigError{Field: field, Value: s, Err: ErrSyntax, Reason: "want a date YYYY-MM-DD"}
	body, neg := s, false
	if body != "" && (body[0] == '+' || body[0] == '-') {
		body, neg = body[1:], body[0] == '-'
	}
	n := len(body)
	if n < 10 || n > 15 || body[n-3] != '-' || body[n-6] != '-' {
		return 0, bad
	}
	num := func(t string) (int, bool) {
		v := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return 0, false
			}
			v = v*10 + int(t[i]-'0')
		}
		return v, true
	}
	y, ok1 := num(body[:n-6])
	m, ok2 := num(body[n-5 : n-3])
	dd, ok3 := num(body[n-2:])
	if !ok1 || !ok2 || !ok3 {
		return 0, bad
	}
	if neg {
		y = -y
	}
	d := date.New(y, time.Month(m), dd)
	if yy, mm, dy := d.Date(); yy != y || int(mm) != m || dy != dd {
		bad.Reason = "no such day"
		return 0, bad
	}
	return d, nil
}

// checkZoneName reports a *ConfigError matching ErrZone when the
// calendar's zone would not load back, by its name, as a zone with the
// same offsets and offset changes over the whole tabled window.
func (c *compiled) checkZoneName() error {
	name := c.loc.String()
	switch {
	case name == "":
		return &ConfigError{Field: "zone", Err: ErrZone, Reason: "the zone has no name"}
	case name == "Local":
		return &ConfigError{Field: "zone", Value: name, Err: ErrZone, Reason: "its meaning depends on the machine: use an IANA zone"}
	case c.loc == time.UTC:
		return nil
	}
	back, err := zones.Load(name)
	if err != nil {
		return &ConfigError{Field: "zone", Value: name, Err: ErrZone, Reason: "not a zone time.LoadLocation knows"}
	}
	if !c.zone.Equal(zones.Shared(back)) {
		return &ConfigError{Field: "zone", Value: name, Err: ErrZone,
			Reason: "its data differ from the zone of that name between 1900 and 2150"}
	}
	return nil
}
