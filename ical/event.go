package ical

import (
	"time"

	"github.com/rickb777/date/v2"
)

// A Calendar is an iCalendar feed: a VCALENDAR with PRODID, METHOD:PUBLISH,
// a name, one VTIMEZONE for each zone its timed events use, and its events
// in order. Stamp is the DTSTAMP of every event, the time of the export: a
// program passes its "now", so that the output is reproducible.
//
// A Calendar is plain data; its methods do not change it. The zero
// Calendar is not valid: Stamp is required.
type Calendar struct {
	// ProdID identifies the program that wrote the feed, such as
	// "-//teamcadence//cadence teamcal//EN"; empty means
	// "-//teamcadence//cadence//EN".
	ProdID string
	// Name is the calendar's name (NAME and X-WR-CALNAME), shown by
	// clients that subscribe; empty leaves both out.
	Name string
	// Zone, when not nil, is written as X-WR-TIMEZONE and gets a VTIMEZONE
	// even if no event uses it.
	Zone *time.Location
	// Stamp is the DTSTAMP of every event; it must not be zero.
	Stamp time.Time
	// Events are written in this order; their UIDs must be distinct.
	Events []Event
}

// An Event is one VEVENT: a timed event when Start is set, an all-day event
// when Day is set (exactly one of the two).
//
// A timed event takes place over the instants [Start, End) and is written in
// Start's zone: as UTC (…Z) times for time.UTC, otherwise as local times with
// TZID set to the zone's name, with End converted to that zone. A zero End
// means an event of no duration (a deadline). An all-day event covers the
// days [Day, EndDay); a zero EndDay means the one day Day.
//
// With a Recurrence the event repeats (RRULE), and Except lists the days
// whose occurrence is left out (EXDATE, written with the start's time of day
// in its zone, as RFC 5545 requires them to match the occurrences).
type Event struct {
	// UID identifies the event across exports; see the package
	// documentation on stable UIDs. It must not be empty.
	UID string
	// Summary is the event's title.
	Summary string
	// Description is free text; newlines are kept.
	Description string
	// Location is where the event takes place, if anywhere.
	Location string
	// Contact is who runs the event, such as an owner's role (CONTACT).
	Contact string
	// Categories are tags a client may filter on (CATEGORIES).
	Categories []string
	// Transparent marks an event that does not block time
	// (TRANSP:TRANSPARENT), such as an on-call shift or a freeze.
	Transparent bool

	// Start and End are the instants of a timed event.
	Start, End time.Time
	// Day and EndDay are the days [Day, EndDay) of an all-day event. The
	// zero date.Date (0001-01-01) means unset, so it cannot be a Day.
	Day, EndDay date.Date

	// Recurrence repeats the event; its zero value means no repetition.
	Recurrence Recurrence
	// Except are days on which an occurrence of the recurrence is left out.
	Except []date.Date
}

// A Freq is the frequency of a [Recurrence].
type Freq uint8

// The frequencies a Calendar writes. The zero Freq means no recurrence.
const (
	// Daily repeats every Interval days.
	Daily Freq = iota + 1
	// Weekly repeats every Interval weeks, weeks starting on Monday.
	Weekly
)

// String returns "DAILY" or "WEEKLY", as in an RRULE, and "" otherwise.
func (f Freq) String() string {
	switch f {
	case Daily:
		return "DAILY"
	case Weekly:
		return "WEEKLY"
	}
	return ""
}

// A Recurrence is an RRULE of frequency Daily or Weekly, bounded by Until or
// by Count (exactly one of them).
//
// Until is the last day on which an occurrence may start, in the zone of the
// event's start (inclusive); it is written as the UTC instant of the end of
// that day for a timed event, and as a DATE for an all-day event. Count is
// the number of occurrences, the first one included, before any Except day is
// left out. Interval is 1 when zero. Weekdays is the BYDAY list: for Weekly,
// the weekdays of each week (none: the start's weekday); for Daily, a filter.
//
// The zero Recurrence means no repetition.
type Recurrence struct {
	Freq     Freq
	Interval int
	Weekdays []time.Weekday
	Until    date.Date
	Count    int
}

// IsZero reports whether r is the zero Recurrence (no repetition).
func (r Recurrence) IsZero() bool {
	return r.Freq == 0 && r.Interval == 0 && len(r.Weekdays) == 0 && r.Until == 0 && r.Count == 0
}

// Limits of a Recurrence, so that a feed stays a feed.
const (
	// MaxInterval is the largest Interval.
	MaxInterval = 1000
	// MaxCount is the largest Count.
	MaxCount = 100000
)
