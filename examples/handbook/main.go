// Command handbook prints what a team's process says on a given day: who is
// on call, the sprint and this week's rituals, the next release and what may
// merge, the SLA clocks of a sample ticket and the week's bugs. It composes
// the five cadence packages with the Fleet preset (the rules R1-R32 of
// RULES.md), and is the program to copy when you write your own.
//
// Usage:
//
//	go run ./examples/handbook [-at YYYY-MM-DD|RFC3339] [-zone IANA] [-preset 2023|2024|rc] [-json]
//	go run ./examples/handbook -http 127.0.0.1:8080 [-at YYYY-MM-DD|RFC3339] [-zone IANA] [-preset ...]
//
// Flags:
//
//	-at      the instant to report on (default: now, the current instant):
//	         an RFC 3339 instant such as 2024-03-06T09:00:00-06:00, or a day
//	         as YYYY-MM-DD, which means 12:00 that day in the team's zone
//	         (America/Chicago for Fleet). Who is on call, the merge gate and
//	         the bug week are taken at that instant; the day is the instant's
//	         day in the team's zone.
//	-zone    the IANA time zone in which every time is printed (default:
//	         the team's, America/Chicago); "Local" and "" are refused.
//	-preset  the year of the handbook: 2023 (freeze from Thursday 09:00
//	         Pacific, the 2022-23 bug scheme), 2024 (freeze from Tuesday 09:00
//	         Pacific with a 24-hour deep freeze; the default) or rc (a
//	         release-candidate branch cut on Monday 08:00 Pacific; bugs never
//	         block the release).
//	-json    print the same report as JSON, for other tools.
//	-http    serve the dashboard at this address instead of printing (see
//	         dashboard.go): one page with the month, four weeks of on-call,
//	         the SLA clocks against business hours and bugs per state, and
//	         the same data as JSON at /api/dashboard.json. Port 0 picks a
//	         free port; the URL is printed to stderr. Without -at every
//	         request looks at the current instant.
//
// What is printed, section by section:
//
//   - ON CALL: the engineering on-call (R1, rotation.Fleet2024Weekly, Wednesday
//     09:00), the infrastructure pair (R3, rotation.Fleet2024Infra, Monday
//     08:00) with announced absences and the backup who covers them (R4), the
//     escalation chain and where a sample alert stands after 90 minutes (R3,
//     R28), and the next hand-off with its checklist (R2, R32).
//   - SPRINT: the sprint number and days (R6), today's ceremonies and the next
//     one (R7), and this ISO week's rituals with their owners (R31).
//   - RELEASE: the next release (R9), its freeze or branch-cut window and
//     phase (R10), which change kinds may merge, the reason the merge gate
//     gives for a feature, three sample bugs classified by the preset's rules
//     (R11-R14), and the drift between the train and Fleet's real releases
//     shipped by the day (R30); after the bundled history ends (2025-02-19)
//     it counts up to that day and says that the sample data ends there.
//   - SLA: the Fleet SLA presets (R25-R28) on a ticket opened at 16:30 team
//     time on the day and checked at 10:00 the next day.
//   - BUGS: orphans (R23) and the weekly summary (R24) of a bundled sample of
//     gh issues, as the report instant sees them; after the sample's last
//     event (2024-03-13) as that event sees them, and the heading says so,
//     so that a report for today does not age the sample's bugs by years.
//
// The preset is the Go value Fleet and the JSON document preset.json of
// examples/internal/preset, which is embedded and is what the program runs on; a test
// checks that the two agree. Copy both and edit them for your team: edit
// Fleet and run `go test ./examples/handbook -update` to rewrite preset.json
// (and the golden reports), or edit preset.json alone and drop Fleet.
// Bundled data: testdata/fleet-releases.json (from release/testdata: the
// versions and days of Fleet's CHANGELOG, 2021-12-31 to 2025-02-19) and
// testdata/issues.json (from examples/bugreport/testdata: made-up issues in
// gh's JSON form, opened 2024-01-05 to 2024-03-13, so the bug week is empty
// before; after, the report looks at the bugs as of the sample's end).
//
// The report depends only on its flags and the instant: the program reads
// the clock once, in main, for the default -at (the dashboard without -at
// reads it once per request). Bad flags print a message and exit with
// status 2. -at and -zone mean the same in every example program (see
// examples/internal/cli).
package main

import (
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // zones work on machines without a tz database

	"github.com/teamcadence/cadence/examples/internal/cli"
	"github.com/teamcadence/cadence/release"
)

//go:embed testdata/fleet-releases.json
var releasesJSON []byte

//go:embed testdata/issues.json
var issuesJSON []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now()))
}

// errPrinted is a command-line error the flag package has already printed,
// with the usage.
var errPrinted = errors.New("bad flag")

// options are the parsed command-line flags.
type options struct {
	// at is -at, or the current instant; fixed tells whether -at was given
	// (the dashboard without -at reads the clock per request).
	at     cli.At
	fixed  bool
	zone   *time.Location
	preset string
	json   bool
	// http is the -http address; "" prints the report.
	http string
}

// variants are the values -preset accepts.
var variants = []string{"2023", "2024", "rc"}

// parseFlags parses args; now is the default for -at.
func parseFlags(args []string, stderr io.Writer, now time.Time) (options, error) {
	fs := flag.NewFlagSet("handbook", flag.ContinueOnError)
	fs.SetOutput(stderr)
	at := fs.String("at", "", cli.AtUsage+";\na day is looked at from 12:00 in the team's zone")
	zone := fs.String("zone", "America/Chicago", cli.ZoneUsage)
	preset := fs.String("preset", "2024", "the handbook `year`: "+strings.Join(variants, ", ")+
		"\n(2023 and 2024 freezes, rc: release-candidate branch)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	addr := fs.String("http", "", "serve the dashboard at this `address` (such as 127.0.0.1:8080; port 0 picks one)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: handbook [flags]\n\n"+
			"Prints what the team's process (the Fleet preset of cadence) says at an instant:\n"+
			"on call, sprint, release and merge gate, SLA clocks and bugs.\n\nFlags:\n")
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
	opts := options{preset: *preset, json: *asJSON, http: *addr, fixed: *at != ""}
	if opts.http != "" && opts.json {
		return options{}, fmt.Errorf("-json and -http: choose one (the dashboard serves its JSON at /api/dashboard.json)")
	}
	known := false
	for _, v := range variants {
		known = known || v == *preset
	}
	if !known {
		return options{}, fmt.Errorf("-preset %q: want one of %s", *preset, strings.Join(variants, ", "))
	}
	var err error
	if opts.zone, err = cli.ParseZone(*zone); err != nil {
		return options{}, err
	}
	if opts.at, err = cli.AtOr(*at, now); err != nil {
		return options{}, err
	}
	return opts, nil
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
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return 2
	}
	if opts.http != "" {
		return serve(opts, stderr)
	}
	out, err := render(opts)
	if err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return 1
	}
	if _, err := stdout.Write(out); err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return 1
	}
	return 0
}

// render builds the report of opts from the embedded preset and data.
func render(opts options) ([]byte, error) {
	p, err := loadPreset(presetJSON)
	if err != nil {
		return nil, err
	}
	team, err := p.Use(opts.preset)
	if err != nil {
		return nil, err
	}
	var history release.History
	if err := json.Unmarshal(releasesJSON, &history); err != nil {
		return nil, fmt.Errorf("bundled release history: %w", err)
	}
	r, err := buildAt(team, reportInstant(opts.at, team), opts.zone, history, issuesJSON)
	if err != nil {
		return nil, err
	}
	if opts.json {
		return r.marshal()
	}
	var b strings.Builder
	if err := r.writeText(&b); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

// reportInstant is the instant the report looks at: -at's instant, or for a
// day 12:00 on it in the team's zone.
func reportInstant(at cli.At, t Team) time.Time { return at.Instant(t.Zone, refHour, 0) }
