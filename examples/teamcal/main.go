// Command teamcal writes the team's whole process as one iCalendar (RFC
// 5545) feed, for a calendar app to import or subscribe to:
//
//	go run ./examples/teamcal > team.ics
//
// It runs on the Fleet preset of examples/handbook (examples/internal/preset)
// and writes, for six weeks from today: the sprints as all-day spans (R6),
// the sprint ceremonies (R7) and rituals (R31) at their times in the team's
// zone with their owners, the release days (R9), the freeze or branch-cut
// windows (R10), and the on-call shifts of each layer (R1, R3, R4) with their
// hand-offs and checklist (R2, R32). A weekday stand-up is one recurring
// event with its holidays left out; UIDs name the slot (the sprint, the
// release, the ceremony's planned day, the rotation's rule and the shift's
// start), so importing a later export updates events instead of duplicating
// them. Flags:
//
//	-at 2024-03-06     the first day, from its 00:00 in -zone, or an RFC 3339
//	                   instant, whose day in -zone is the first day;
//	                   default: now (today in -zone)
//	-weeks 6           how many weeks to cover, 1 to 104
//	-range 2024-03-04..2024-05-01
//	                   the days [from, to) instead of -at and -weeks
//	-zone America/Chicago
//	                   the IANA zone in which the feed's times are written
//	                   (default: the team's, America/Chicago for Fleet);
//	                   "Local" and "" are refused
//	-kinds all         which events: all, or some of sprints, ceremonies,
//	                   rituals, releases, windows, shifts, handoffs
//	-preset 2024       the handbook year: 2023, 2024 or rc (see handbook)
//	-holidays FILE.ics the team's holidays from a public-holiday calendar
//	                   (all-day events, yearly rules expanded) instead of
//	                   the preset's, for the ceremonies, rituals and release days
//
// DTSTAMP is the time of the export, the clock read once in main. Bad flags
// print a message and exit with status 2. -at and -zone mean the same in
// every example program (see examples/internal/cli).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/teamcadence/cadence/examples/internal/cli"
	"github.com/teamcadence/cadence/examples/internal/preset"
	"github.com/teamcadence/cadence/examples/internal/teamfeed"
	"github.com/teamcadence/cadence/ical"
	"github.com/teamcadence/cadence/sla"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now()))
}

// errPrinted is a flag error the flag package has already printed.
var errPrinted = errors.New("bad flag")

// options are the parsed flags.
type options struct {
	from, to date.Date
	loc      *time.Location // -zone, by default the team's
	kinds    teamfeed.Kinds
	variant  string
	holidays string
}

// parseFlags parses args; now gives the default -at.
func parseFlags(args []string, stderr io.Writer, now time.Time, teamZone *time.Location) (options, error) {
	fs := flag.NewFlagSet("teamcal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	at := fs.String("at", "", "first `day` (YYYY-MM-DD) or an RFC 3339 instant, whose day in -zone\nis the first (default: now)")
	weeks := fs.Int("weeks", 6, "how many `weeks` to cover, 1 to 104")
	span := fs.String("range", "", "the `days` FROM..TO (to excluded), instead of -at and -weeks")
	zone := fs.String("zone", teamZone.String(), cli.ZoneUsage+" (default: the team's)")
	kinds := fs.String("kinds", "all", "`kinds` of event: all, or some of\n"+strings.Join(teamfeed.KindNames(), ","))
	variant := fs.String("preset", "2024", "handbook `year`: 2023, 2024 or rc")
	holidays := fs.String("holidays", "", "iCalendar `file` of the team's holidays (default: the preset's)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: teamcal [flags] > team.ics\n\n"+
			"Writes the team's sprints, ceremonies, rituals, releases, freezes and on-call\n"+
			"shifts as one iCalendar feed.\n\nFlags:\n")
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
	o := options{variant: *variant, holidays: *holidays}
	var err error
	if o.kinds, err = teamfeed.ParseKinds(*kinds); err != nil {
		// Not ParseKinds' own text: the list would not fit a line.
		return options{}, fmt.Errorf("-kinds %q: want all, or some of (comma-separated)\n\t%s",
			*kinds, strings.Join(teamfeed.KindNames(), ","))
	}
	if o.loc, err = cli.ParseZone(*zone); err != nil {
		return options{}, err
	}
	if *span != "" {
		f, t, ok := strings.Cut(*span, "..")
		var e1, e2 error
		o.from, e1 = parseDay(f)
		o.to, e2 = parseDay(t)
		if !ok || e1 != nil || e2 != nil || o.to <= o.from || o.to-o.from > 2*366 {
			return options{}, fmt.Errorf("-range %q: want days FROM..TO, FROM before TO, at most two years", *span)
		}
		return o, nil
	}
	if *weeks < 1 || *weeks > 104 {
		return options{}, fmt.Errorf("-weeks %d: want 1 to 104", *weeks)
	}
	a, err := cli.AtOr(*at, now)
	if err != nil {
		return options{}, err
	}
	o.from = a.Date(o.loc)
	o.to = o.from + date.Date(7**weeks)
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
	fail := func(code int, err error) int {
		fmt.Fprintf(stderr, "teamcal: %v\n", err)
		return code
	}
	p, err := preset.Load(preset.JSON)
	if err != nil {
		return fail(1, err)
	}
	opts, err := parseFlags(args, stderr, now, p.Business.Location())
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errPrinted):
		return 2
	case err != nil:
		return fail(2, err)
	}
	pt, err := p.Use(opts.variant)
	if err != nil {
		return fail(2, fmt.Errorf("-preset: %v", err))
	}
	if opts.holidays != "" {
		if pt, err = withHolidays(pt, opts.holidays, opts.from, opts.to); err != nil {
			return fail(2, fmt.Errorf("-holidays: %w", err))
		}
	}
	team := teamfeed.FromPreset(pt)
	team.Zone = opts.loc
	cal := teamfeed.Feed(team, opts.kinds, opts.from, opts.to, now)
	if _, err := cal.WriteTo(stdout); err != nil {
		return fail(1, err)
	}
	return 0
}

// withHolidays replaces the holidays of t's business calendar, and so of its
// ceremonies, rituals and release days (each moved off a holiday by its own
// rule, the train keeping its freeze's shape), with those of the iCalendar
// file path, read for a year either side of [from, to).
func withHolidays(t preset.Team, path string, from, to date.Date) (preset.Team, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return t, err
	}
	hs, err := ical.ReadHolidays(data, from.AddDate(-1, 0, 0), to.AddDate(1, 0, 0))
	if err != nil {
		return t, err
	}
	business, err := sla.NewCalendar(t.Business.Location(), t.Business.Week(), sla.Holidays(ical.Days(hs)...))
	if err != nil {
		return t, err
	}
	train, err := t.Train.WithWorkdays(business, t.Train.Move())
	if err != nil {
		return t, err
	}
	t.Business = business
	t.Train = train
	t.Sprints = t.Sprints.WithWorkdays(business)
	t.Rituals = t.Rituals.WithWorkdays(business)
	return t, nil
}
