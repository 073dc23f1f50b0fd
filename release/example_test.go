package release_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"
	_ "time/tzdata" // pin the zone data the examples depend on

	"github.com/rickb777/date/v2"
	"github.com/teamcadence/cadence/release"
)

// A release every three weeks on Wednesday (R9), with minor versions from
// 4.58.0.
func Example() {
	t, err := release.NewTrain(date.New(2024, time.October, 16), 3,
		release.OnWeekday(time.Wednesday), release.WithVersion(release.MustParseVersion("4.58.0")))
	if err != nil {
		panic(err)
	}
	today := date.New(2024, time.December, 24)
	fmt.Println("current:", t.At(today))
	fmt.Println("next:   ", t.Next(today))
	r, _ := t.ByVersion(release.MustParseVersion("4.63.2"))
	fmt.Println("4.63.2 belongs to", r)
	// Output:
	// current: release 4 (4.61.0) on 2024-12-18
	// next:    release 5 (4.62.0) on 2025-01-08
	// 4.63.2 belongs to release 6 (4.63.0) on 2025-01-29
}

// Numbers before the first release are 0 and below.
func ExampleTrain_Previous() {
	t := release.MustNewTrain(date.New(2024, time.March, 6), 3)
	d := date.New(2024, time.March, 6)
	fmt.Println(t.Previous(d))
	fmt.Println(t.At(d))
	fmt.Println(t.Next(d + 1))
	// Output:
	// release 0 on 2024-02-14
	// release 1 on 2024-03-06
	// release 2 on 2024-03-27
}

func ExampleTrain_Releases() {
	t := release.MustNewTrain(date.New(2024, time.March, 6), 3, release.WithVersion(release.MustParseVersion("4.47.0")))
	for r := range t.Releases(date.New(2024, time.June, 1), date.New(2024, time.August, 1)) {
		fmt.Println(r)
	}
	// Output:
	// release 6 (4.52.0) on 2024-06-19
	// release 7 (4.53.0) on 2024-07-10
	// release 8 (4.54.0) on 2024-07-31
}

// The merge gate under Fleet's 2024 freeze (R10): Tuesday 09:00 Pacific
// before release day, deep freeze for the last 24 hours.
func ExampleTrain_Gate() {
	t := release.MustNewTrain(date.New(2024, time.March, 6), 3,
		release.WithVersion(release.MustParseVersion("4.47.0")), release.WithPolicy(release.Fleet2024Freeze()))
	la, _ := time.LoadLocation("America/Los_Angeles")
	for _, at := range []time.Time{
		time.Date(2024, time.March, 25, 12, 0, 0, 0, la),
		time.Date(2024, time.March, 26, 10, 0, 0, 0, la),
		time.Date(2024, time.March, 27, 10, 0, 0, 0, la),
	} {
		fmt.Println(t.Gate(at, release.Change{Kind: release.Feature}).Reason())
		fmt.Println(t.Gate(at, release.Change{Kind: release.ReleasedBugFix}).Allowed)
	}
	// Output:
	// feature may merge at Mon 2024-03-25 12:00 PDT: main is open; the freeze for release 2 (4.48.0) starts at Tue 2024-03-26 09:00 PDT (Fleet 2024 freeze, R10)
	// true
	// feature may not merge at Tue 2024-03-26 10:00 PDT: freeze for release 2 (4.48.0) since Tue 2024-03-26 09:00 PDT until Thu 2024-03-28 00:00 PDT; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)
	// true
	// feature may not merge at Wed 2024-03-27 10:00 PDT: deep freeze for release 2 (4.48.0) since Wed 2024-03-27 00:00 PDT until Thu 2024-03-28 00:00 PDT; only unreleased-bug-fix, blocker-fix may merge (Fleet 2024 freeze, R10)
	// false
}

// A Chicago reader of Fleet's Pacific freeze (R10) sees the gate's reason
// in Central time; Reason keeps the policy's zone.
func ExampleDecision_ReasonIn() {
	t := release.MustNewTrain(date.New(2024, time.March, 6), 3,
		release.WithVersion(release.MustParseVersion("4.47.0")), release.WithPolicy(release.Fleet2024Freeze()))
	chi, _ := time.LoadLocation("America/Chicago")
	dec := t.Gate(time.Date(2024, time.March, 5, 12, 0, 0, 0, chi), release.Change{Kind: release.Docs})
	fmt.Println(dec.ReasonIn(chi))
	fmt.Println(dec.Reason())
	// Output:
	// docs may merge at Tue 2024-03-05 12:00 CST: freeze for release 1 (4.47.0) since Tue 2024-03-05 11:00 CST until Thu 2024-03-07 02:00 CST; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)
	// docs may merge at Tue 2024-03-05 10:00 PST: freeze for release 1 (4.47.0) since Tue 2024-03-05 09:00 PST until Thu 2024-03-07 00:00 PST; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)
}

// Under a release-candidate branch cut (R10, later Fleet), main stays open and
// only unreleased-bug fixes are picked into the release branch.
func ExampleFleet2025ReleaseCandidate() {
	t := release.MustNewTrain(date.New(2025, time.March, 5), 3, release.WithPolicy(release.Fleet2025ReleaseCandidate()))
	la, _ := time.LoadLocation("America/Los_Angeles")
	at := time.Date(2025, time.March, 24, 9, 0, 0, 0, la)
	fmt.Println(t.Gate(at, release.Change{Kind: release.Feature}).Reason())
	fmt.Println(t.Gate(at, release.Change{Kind: release.UnreleasedBugFix, Pick: true}).Reason())
	fmt.Println(t.Gate(at, release.Change{Kind: release.ReleasedBugFix, Pick: true}).Allowed)
	// Output:
	// feature may merge at Mon 2025-03-24 09:00 PDT: main is open; the branch for release 2 was cut at Mon 2025-03-24 08:00 PDT, so this ships in release 3 (Fleet release-candidate branch, R10)
	// unreleased-bug-fix may be picked at Mon 2025-03-24 09:00 PDT: release branch for release 2 since Mon 2025-03-24 08:00 PDT until Thu 2025-03-27 00:00 PDT; only unreleased-bug-fix may be picked (Fleet release-candidate branch, R10)
	// false
}

// Classifying bugs with the handbook's rules (R11-R14) and with a newer
// preset in which bugs never block releases.
func ExampleRules_Classify() {
	bug := release.FactsOf(release.Regression, release.DataLoss, release.FoundInTesting)
	fmt.Println(release.Fleet2024Rules().Classify(bug))
	fmt.Println(release.Fleet2025Rules().Classify(bug))
	old := release.FactsOf(release.BlocksWorkflow, release.ReproducesInStable)
	fmt.Println(release.Fleet2024Rules().Classify(old))
	// Output:
	// blocker: yes (R11.1, R12.1); critical: yes (R14.3); patch: yes (R14.5)
	// blocker: no; critical: yes (R14.3); patch: yes (R14.5)
	// blocker: no (R13.2); critical: yes (R14.1); patch: yes (R14.5)
}

func ExampleSupport_Check() {
	s := release.Fleet2024Support()
	latest := release.MustParseVersion("4.58.0")
	for _, tier := range []string{"community", "premium"} {
		a, _ := s.Check(tier, release.MustParseVersion("3.29.0"), latest)
		fmt.Println(a)
	}
	// Output:
	// community on 3.29.0 (latest 4.58.0): no fixes, no troubleshooting (R15)
	// premium on 3.29.0 (latest 4.58.0): no fixes, troubleshooting (R15)
}

// Dogfood deploys only move forward, by version or commit hash (R16).
func ExampleCheckDeploy() {
	running, _ := release.ParseImage("v4.58.0")
	for _, tag := range []string{"v4.59.0", "v4.57.2", "3f2a9c1", "main"} {
		next, err := release.ParseImage(tag)
		if err == nil {
			err = release.CheckDeploy(running, next)
		}
		fmt.Printf("%s: %v (downgrade %t, bad tag %t)\n", tag, err, errors.Is(err, release.ErrDowngrade), errors.Is(err, release.ErrTag))
	}
	// Output:
	// v4.59.0: <nil> (downgrade false, bad tag false)
	// v4.57.2: release: deploy "v4.57.2" over "v4.58.0": not newer, and the database cannot migrate down (downgrade true, bad tag false)
	// 3f2a9c1: <nil> (downgrade false, bad tag false)
	// main: release: image tag "main": not a version such as v4.58.0 or a commit hash; a branch name moves, so deploy its commit hash (downgrade false, bad tag true)
}

// Plan against reality (R30): Fleet's real releases 4.8.0 to 4.63.1
// (testdata, from Fleet's changelog) beside a three-week Wednesday train.
func ExampleTrain_Drift() {
	b, err := os.ReadFile("testdata/fleet-releases.json")
	if err != nil {
		panic(err)
	}
	var h release.History
	if err := json.Unmarshal(b, &h); err != nil {
		panic(err)
	}
	t := release.MustNewTrain(date.New(2021, time.December, 29), 3)
	rep := t.Drift(h)
	s := rep.Summary
	fmt.Printf("%d minors, %d patches (%.1f per minor, up to %d days after)\n", s.Minors, s.Patches, s.PatchesPerMinor, s.MaxPatchDelay)
	fmt.Printf("gap: mean %.1f days, median %.0f; exactly 21 days: %.0f%%; on Wednesday: %.0f%%\n", s.MeanGap, s.MedianGap, 100*s.OnCadence, 100*s.OnWeekday)
	fmt.Printf("skipped %d, extra %d, largest slip %+d days\n", s.Skipped, s.Extra, s.MaxSlip)
	for _, m := range rep.Minors {
		if mo := m.Day.Month(); (mo == time.December && m.Day.Day() > 14) || (mo == time.January && m.Day.Day() < 15) {
			fmt.Printf("year end: %s planned %s, shipped %s (%+d)\n", m.Version, m.Planned.Day, m.Day, m.Slip)
		}
	}
	// Output:
	// 56 minors, 53 patches (0.9 per minor, up to 28 days after)
	// gap: mean 20.5 days, median 21; exactly 21 days: 15%; on Wednesday: 16%
	// skipped 3, extra 4, largest slip -9 days
	// year end: 4.8.0 planned 2021-12-29, shipped 2021-12-31 (+2)
	// year end: 4.25.0 planned 2022-12-21, shipped 2022-12-22 (+1)
	// year end: 4.26.0 planned 2023-01-11, shipped 2023-01-13 (+2)
	// year end: 4.42.0 planned 2023-12-13, shipped 2023-12-21 (+8)
	// year end: 4.43.0 planned 2024-01-03, shipped 2024-01-09 (+6)
	// year end: 4.61.0 planned 2024-12-25, shipped 2024-12-17 (-8)
	// year end: 4.62.0 planned 2025-01-15, shipped 2025-01-09 (-6)
}

func ExampleParseVersion() {
	_, err := release.ParseVersion("4.58")
	fmt.Println(err, errors.Is(err, release.ErrVersion))
	v := release.MustParseVersion("v4.58.2")
	fmt.Println(v, v.Minorline(), v.Compare(release.MustParseVersion("4.59.0")))
	// Output:
	// release: parsing version "4.58": want MAJOR.MINOR.PATCH true
	// 4.58.2 4.58.0 -1
}

func ExampleNewTrain_errors() {
	_, err := release.NewTrain(date.New(2024, time.March, 7), 3, release.OnWeekday(time.Wednesday))
	fmt.Println(err)
	_, err = release.NewTrain(date.New(2024, time.March, 6), 0)
	fmt.Println(err, errors.Is(err, release.ErrWeeks))
	// Output:
	// release: invalid first "2024-03-07": a Thursday, want a Wednesday
	// release: invalid weeks "0": want 1 to 10000 true
}

// holidays is a working-day calendar: Monday to Friday without some days.
// sla.Calendar satisfies the same interface.
type holidays map[date.Date]bool

func (h holidays) IsWorkday(d date.Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !h[d]
}

// A release planned on Christmas Day moves to the next working day.
func ExampleWithWorkdays() {
	closed := holidays{date.New(2024, time.December, 25): true, date.New(2024, time.December, 26): true}
	t := release.MustNewTrain(date.New(2024, time.December, 4), 3, release.WithWorkdays(closed, release.ShiftLater))
	fmt.Println(t.Next(date.New(2024, time.December, 20)))
	fmt.Println(t.At(date.New(2024, time.December, 26)))
	// Output:
	// release 2 on 2024-12-27 (moved from 2024-12-25)
	// release 1 on 2024-12-04
}

// The 2023 freeze starts at 09:00 Pacific on the Thursday before release day,
// whether that Thursday is in standard or daylight time (R10).
func ExamplePolicy_Window_dst() {
	p := release.Fleet2023Freeze()
	for _, day := range []date.Date{date.New(2024, time.March, 6), date.New(2024, time.March, 13), date.New(2024, time.March, 20)} {
		w := p.Window(release.Release{Day: day})
		fmt.Println(w.Start.Format("Mon 2006-01-02 15:04 MST"), "=", w.Start.UTC().Format("15:04 UTC"), "until", w.End.Format("Mon 15:04 MST"))
	}
	// Output:
	// Thu 2024-02-29 09:00 PST = 17:00 UTC until Thu 00:00 PST
	// Thu 2024-03-07 09:00 PST = 17:00 UTC until Thu 00:00 PDT
	// Thu 2024-03-14 09:00 PDT = 16:00 UTC until Thu 00:00 PDT
}
