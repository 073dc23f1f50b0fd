// Package ical writes and reads iCalendar (RFC 5545) text with nothing but
// the standard library and github.com/rickb777/date/v2.
//
// # Writing a feed
//
// A [Calendar] holds [Event] values: timed events with instants [Start, End)
// in a zone, or all-day events over the days [Day, EndDay). A timed event's
// zone is its Start's *time.Location: UTC is written as UTC (…Z) times, any
// other zone as local times with a TZID, and the feed then carries a
// VTIMEZONE for that zone, built from the zone's actual transitions over the
// span the feed's events cover, so a calendar client shows the same instants
// as Go does. A weekly or daily [Recurrence] becomes an RRULE, bounded by
// UNTIL or COUNT, with EXDATE for the days it leaves out.
//
// [Calendar.Marshal] returns the bytes and [Calendar.WriteTo] writes them to
// an io.Writer: lines end in CRLF and are folded at 75 octets, never inside
// a UTF-8 sequence, and text is escaped as RFC 5545 section 3.3.11 requires.
//
// # Stable UIDs
//
// A calendar client that imports or subscribes to a feed again updates the
// events whose UID it already knows and adds the others, so a UID must name
// the slot, not the export: build it from what identifies the event in the
// team's process (the kind, the rule's configuration, the planned day) and
// never from the export time, a counter or the names of the people in it.
// For example "sha256(rotation name, zone, hand-off rule)[:8]-20240306T150000Z@team.example"
// stays the same after a roster change, so the event is updated in place.
// A UID is opaque text; RFC 7986 suggests a domain on the right of an "@".
//
// # Reading holidays
//
// [ReadHolidays] reads the all-day events of a calendar file, such as the
// public-holiday calendars that Google Calendar and Outlook export, and
// returns the [Holiday] days that fall in a range, with yearly RRULEs
// (BYMONTH, BYMONTHDAY, BYDAY such as 4TH or -1MO) expanded and EXDATE,
// RDATE and RECURRENCE-ID honoured. [Days] turns them into the sorted,
// distinct days that sla.Holidays and the sprint and release working-day
// calendars take. A malformed file gives a [*ParseError] naming the line.
//
// The package does no other I/O, reads no clock and keeps no state: values
// are plain data, safe for concurrent use once built.
//
// ical carries the rhythms of the five packages to calendar clients; the
// process rules they model, cited as R1-R32, are in RULES.md at the module
// root: https://github.com/teamcadence/cadence/blob/main/RULES.md
package ical
