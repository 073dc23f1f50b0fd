// Command oncall-ics writes an iCalendar (RFC 5545) feed of the next shifts
// of an on-call rotation, for a calendar app to import or subscribe to.
//
// Usage:
//
//	go run ./examples/oncall-ics [flags] > oncall.ics
//
// With no flags it writes the next 8 shifts, from now, of a demonstration
// Wednesday 09:00 America/Chicago rotation (R1) whose hand-offs carry the
// R32 checklist. Flags:
//
//	-n 8                 how many shifts
//	-at 2024-03-06       the first day or instant to cover (default: now):
//	                     a day as YYYY-MM-DD means 00:00 that day in -zone,
//	                     an RFC 3339 instant means itself; the feed starts
//	                     with the shift that holds it
//	-zone America/Chicago
//	                     the IANA zone in which the feed's times are written;
//	                     the rotation has no team of its own, so its hand-off
//	                     day and time are local times in this zone ("Local"
//	                     and "" are refused)
//	-roster alice,bob,carol
//	-first 2024-01-03    the day of the first hand-off (its weekday is the hand-off day)
//	-handoff 09:00       the local hand-off time, HH:MM[:SS]
//	-every 7             days per turn
//	-name on-call        the rotation's name, in event titles and UIDs
//
// -at and -zone mean the same in every example program (see
// examples/internal/cli); -handoff was called -at, and -at was -from, before
// they were made to agree.
//
// Each event's UID is derived from the rotation's hand-off rule (name, zone,
// first day, time, turn) and the shift's start, not from the roster: after a
// roster edit, a re-export gives the same UIDs to the same time slots, so a
// calendar app updates those events instead of adding duplicates. DTSTAMP is
// the time of the export. Bad flags print a message and exit with status 2.
//
// The feed is written by cadence's ical package: times are local times in
// -zone with a VTIMEZONE for it, lines end in CRLF and fold at 75 octets.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/examples/internal/cli"
	"github.com/teamcadence/cadence/ical"
	"github.com/teamcadence/cadence/internal/tod"
	"github.com/teamcadence/cadence/rotation"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now()))
}

// errPrinted is a command-line error the flag package has already printed,
// with the usage.
var errPrinted = errors.New("bad flag")

// options are the parsed command-line flags.
type options struct {
	n       int
	at      cli.At
	loc     *time.Location
	roster  []string
	first   date.Date
	handoff clock.Clock
	every   int
	name    string
}

// parseFlags parses args; now is the default -at.
func parseFlags(args []string, stderr io.Writer, now time.Time) (options, error) {
	fs := flag.NewFlagSet("oncall-ics", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 8, "how many shifts to write (1-1000)")
	at := fs.String("at", "", "the first `day` (YYYY-MM-DD, from 00:00 in -zone) or RFC 3339 instant\nto cover (default: now)")
	zone := fs.String("zone", "America/Chicago", cli.ZoneUsage+", and of the hand-offs")
	roster := fs.String("roster", "alice,bob,carol", "comma-separated `people`, in rotation order")
	first := fs.String("first", "2024-01-03", "`day` of the first hand-off, as YYYY-MM-DD")
	handoff := fs.String("handoff", "09:00", "local hand-off `time`, as HH:MM[:SS]")
	every := fs.Int("every", 7, "`days` per turn")
	name := fs.String("name", "on-call", "rotation `name`, used in titles and UIDs")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: oncall-ics [flags] > oncall.ics\n\n"+
			"Writes an iCalendar feed of the next shifts of an on-call rotation.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return options{}, err
		}
		return options{}, errPrinted
	}
	if fs.NArg() > 0 {
		return options{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	o := options{n: *n, every: *every, name: *name}
	if o.n < 1 || o.n > 1000 {
		return options{}, fmt.Errorf("-n %d: want 1 to 1000 shifts", o.n)
	}
	var err error
	if o.loc, err = cli.ParseZone(*zone); err != nil {
		return options{}, err
	}
	if o.at, err = cli.AtOr(*at, now); err != nil {
		return options{}, err
	}
	if o.first, err = parseDay(*first); err != nil {
		return options{}, fmt.Errorf("-first %q: want a calendar day as YYYY-MM-DD", *first)
	}
	if o.handoff, err = tod.Parse(*handoff); err != nil {
		return options{}, fmt.Errorf("-handoff %q: %v", *handoff, err)
	}
	for _, p := range strings.Split(*roster, ",") {
		if p = strings.TrimSpace(p); p != "" {
			o.roster = append(o.roster, p)
		}
	}
	return o, nil
}

// parseDay is strict where date.ParseISO normalises 2024-13-40.
func parseDay(s string) (date.Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, err
	}
	return date.NewAt(t), nil
}

// run is main without the process: it returns the exit status.
func run(args []string, stdout, stderr io.Writer, now time.Time) int {
	opts, err := parseFlags(args, stderr, now)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errPrinted):
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "oncall-ics: %v\n", err)
		return 2
	}
	r, err := rotation.New(opts.loc, opts.first, opts.handoff, opts.every, opts.roster...)
	if err != nil {
		fmt.Fprintf(stderr, "oncall-ics: %v\n", err)
		return 2
	}
	r = r.WithName(opts.name).WithChecklist(rotation.Fleet2024Checklist()...)
	// A day is from its 00:00 in -zone (built with time.Date, not
	// date.MidnightIn, which is off on DST days east of UTC).
	cal := feed(r, opts.at.Instant(opts.loc, 0, 0).In(opts.loc), opts.n, now)
	if _, err := cal.WriteTo(stdout); err != nil {
		fmt.Fprintf(stderr, "oncall-ics: %v\n", err)
		return 1
	}
	return 0
}

// feed returns a calendar of the n shifts of r from the one that holds
// from, stamped with now.
func feed(r rotation.Rotation[string], from time.Time, n int, now time.Time) ical.Calendar {
	cal := ical.Calendar{
		ProdID: "-//teamcadence//cadence oncall-ics//EN",
		Name:   r.Name(),
		Zone:   r.Location(),
		Stamp:  now.UTC().Truncate(time.Second),
	}
	id := ruleID(r)
	desc := "Hand-off checklist:\n- " + strings.Join(r.Checklist(), "\n- ")
	// Shifts is endless forwards; stop after n. 100 years is only a bound.
	for s := range r.Shifts(from, from.AddDate(100, 0, 0)) {
		if len(cal.Events) == n {
			break
		}
		cal.Events = append(cal.Events, ical.Event{
			UID:         uid(id, s.Start),
			Summary:     fmt.Sprintf("%s: %s", r.Name(), s.Who),
			Description: desc,
			Contact:     s.Who,
			Start:       s.Start,
			End:         s.End,
			Transparent: true, // on call is not busy
		})
	}
	return cal
}

// ruleID hashes what makes a rotation's time slots: its name and hand-off
// rule, but not its roster, so roster edits update events in place.
func ruleID(r rotation.Rotation[string]) string {
	h := sha256.Sum256([]byte(strings.Join([]string{
		r.Name(), r.Location().String(), r.Day().String(), r.HandoffTime().String(), fmt.Sprint(r.Turn()),
	}, "\x00")))
	return hex.EncodeToString(h[:8])
}

// uid is the event UID for the shift that starts at start.
func uid(id string, start time.Time) string {
	return fmt.Sprintf("%s-%s@cadence.oncall-ics", id, start.UTC().Format("20060102T150405Z"))
}
