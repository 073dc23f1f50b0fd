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

// Fleet's train (R9): a minor every three weeks on Wednesday, numbered from
// Fleet 4.21.0 (Wednesday 2022-09-28).
func Example() {
	t, err := release.Fleet2024Train()
	if err != nil {
		panic(err)
	}
	today := date.New(2024, time.December, 24)
	fmt.Println("current:", t.At(today))
	fmt.Println("next:   ", t.Next(today))
	r, _ := t.ByVersion(release.MustParseVersion("4.63.2"))
	fmt.Println("4.63.2 belongs to", r)
	fmt.Println("2024-03-06 is", t.At(date.New(2024, time.March, 6)))
	// Output:
	// current: release 39 (4.59.0) on 2024-12-04
	// next:    release 40 (4.60.0) on 2024-12-25
	// 4.63.2 belongs to release 43 (4.63.0) on 2025-02-26
	// 2024-03-06 is release 26 (4.46.0) on 2024-03-06
}

// Numbers before the first release are 0 and below.
func ExampleTrain_Prev() {
	t := release.MustNewTrain(date.New(2024, time.March, 6), 3)
	d := date.New(2024, time.March, 6)
	fmt.Println(t.Prev(d))
	fmt.Println(t.At(d))
	fmt.Println(t.Next(d + 1))
	// Output:
	// release 0 on 2024-02-14
	// release 1 on 2024-03-06
	// release 2 on 2024-03-27
}

func ExampleTrain_Releases() {
	t, _ := release.Fleet2024Train()
	for r := range t.Releases(date.New(2024, time.June, 1), date.New(2024, time.August, 1)) {
		fmt.Println(r)
	}
	// Output:
	// release 31 (4.51.0) on 2024-06-19
	// release 32 (4.52.0) on 2024-07-10
	// release 33 (4.53.0) on 2024-07-31
}

// The merge gate under Fleet's 2024 freeze (R10): Tuesday 09:00 Pacific
// before release day, deep freeze for the last 24 hours.
func ExampleTrain_Gate() {
	la, _ := time.LoadLocation("America/Los_Angeles")
	freeze, err := release.Fleet2024Freeze(la)
	if err != nil {
		panic(err)
	}
	t, _ := release.Fleet2024Train(release.WithPolicy(freeze))
	for _, at := range []time.Time{
		time.Date(2024, time.March, 25, 12, 0, 0, 0, la),
		time.Date(2024, time.March, 26, 10, 0, 0, 0, la),
		time.Date(2024, time.March, 27, 10, 0, 0, 0, la),
	} {
		fmt.Println(t.Gate(at, release.Change{Kind: release.Feature}).Reason())
		fmt.Println(t.Gate(at, release.Change{Kind: release.ReleasedBugFix}).Allowed)
	}
	// Output:
	// feature may merge at Mon 2024-03-25 12:00 PDT: main is open; the freeze for release 27 (4.47.0) starts at Tue 2024-03-26 09:00 PDT (Fleet 2024 freeze, R10)
	// true
	// feature may not merge at Tue 2024-03-26 10:00 PDT: freeze for release 27 (4.47.0) since Tue 2024-03-26 09:00 PDT until Thu 2024-03-28 00:00 PDT; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)
	// true
	// feature may not merge at Wed 2024-03-27 10:00 PDT: deep freeze for release 27 (4.47.0) since Wed 2024-03-27 00:00 PDT until Thu 2024-03-28 00:00 PDT; only unreleased-bug-fix, blocker-fix may merge (Fleet 2024 freeze, R10)
	// false
}

// A Chicago reader of Fleet's Pacific freeze (R10) sees the gate's reason
// in Central time; Reason keeps the policy's zone.
func ExampleDecision_ReasonIn() {
	la, _ := time.LoadLocation("America/Los_Angeles")
	chi, _ := time.LoadLocation("America/Chicago")
	freeze, _ := release.Fleet2024Freeze(la)
	t, _ := release.Fleet2024Train(release.WithPolicy(freeze))
	dec := t.Gate(time.Date(2024, time.March, 5, 12, 0, 0, 0, chi), release.Change{Kind: release.Docs})
	fmt.Println(dec.ReasonIn(chi))
	fmt.Println(dec.Reason())
	// Output:
	// docs may merge at Tue 2024-03-05 12:00 CST: freeze for release 26 (4.46.0) since Tue 2024-03-05 11:00 CST until Thu 2024-03-07 02:00 CST; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)
	// docs may merge at Tue 2024-03-05 10:00 PST: freeze for release 26 (4.46.0) since Tue 2024-03-05 09:00 PST until Thu 2024-03-07 00:00 PST; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)
}

// Under a release-candidate branch cut (R10, later Fleet), main stays open and
// only unreleased-bug fixes are picked into the release branch.
func ExampleFleet2025ReleaseCandidate() {
	la, _ := time.LoadLocation("America/Los_Angeles")
	rc, _ := release.Fleet2025ReleaseCandidate(la)
	t, _ := release.Fleet2024Train(release.WithPolicy(rc))
	at := time.Date(2025, time.March, 17, 9, 0, 0, 0, la)
	fmt.Println(t.Gate(at, release.Change{Kind: release.Feature}).Reason())
	fmt.Println(t.Gate(at, release.Change{Kind: release.UnreleasedBugFix, Pick: true}).Reason())
	fmt.Println(t.Gate(at, release.Change{Kind: release.ReleasedBugFix, Pick: true}).Allowed)
	// Output:
	// feature may merge at Mon 2025-03-17 09:00 PDT: main is open; the branch for release 44 (4.64.0) was cut at Mon 2025-03-17 08:00 PDT, so this ships in release 45 (4.65.0) (Fleet release-candidate branch, R10)
	// unreleased-bug-fix may be picked at Mon 2025-03-17 09:00 PDT: release branch for release 44 (4.64.0) since Mon 2025-03-17 08:00 PDT until Thu 2025-03-20 00:00 PDT; only unreleased-bug-fix may be picked (Fleet release-candidate branch, R10)
	// false
}

// Classifying bugs with the handbook's rules (R11-R14) and with a newer
// preset in which bugs never block releases. A no says why: the rule that
// decided it, or the rules that would have made it a yes and did not apply.
func ExampleRules_Classify() {
	bug := release.FactsOf(release.Regression, release.DataLoss, release.FoundInTesting)
	fmt.Println(release.Fleet2024Rules().Classify(bug))
	fmt.Println(release.Fleet2025Rules().Classify(bug))
	old := release.FactsOf(release.BlocksWorkflow, release.ReproducesInStable)
	fmt.Println(release.Fleet2024Rules().Classify(old))
	minor := release.FactsOf(release.Released)
	fmt.Println(release.Fleet2024Rules().Classify(minor))
	// Output:
	// blocker: yes (R11.1, R12.1); critical: yes (R14.3); patch: yes (R14.5)
	// blocker: no (no rule sets it); critical: yes (R14.3); patch: yes (R14.5)
	// blocker: no (R13.2); critical: yes (R14.1); patch: yes (R14.5)
	// blocker: no (none of R11.1, R11.2, R11.3, R12.1, R12.2, R12.3 applies); critical: no (none of R14.1, R14.2, R14.3, R14.4 applies); patch: no (none of R14.5, R11.4 applies)
}

func ExampleSupport_Check() {
	s := release.Fleet2024Support()
	latest := release.MustParseVersion("4.58.0")
	for _, tier := range []string{"community", "premium"} {
		a, _ := s.Check(tier, release.MustParseVersion("3.29.0"), latest)
		fmt.Println(a)
	}
	_, err := s.Check("enterprise", latest, latest)
	fmt.Println(err, errors.Is(err, release.ErrUnknownName))
	// Output:
	// community on 3.29.0 (latest 4.58.0): no fixes (latest 4.58 only), no troubleshooting (major 4 only) (R15)
	// premium on 3.29.0 (latest 4.58.0): no fixes (latest 4.58 only), troubleshooting (R15)
	// release: tier "enterprise": unknown name: not a tier of "Fleet version support" true
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

// Plan against reality by version (R30), on Fleet's train: minor N against
// planned release N. 4.48.0 never shipped; after 4.49.0 the team re-anchored
// the plan on the day 4.50.0 shipped, at a two-week pace.
func ExampleTrain_Drift() {
	plan, _ := release.Fleet2024Train()
	reset := release.MustNewTrain(date.New(2024, time.May, 15), 2, release.WithVersion(release.MustParseVersion("4.50.0")))
	var shipped []release.Shipped
	for _, s := range []struct{ v, day string }{
		{"4.46.0", "2024-03-06"}, {"4.47.0", "2024-03-26"}, {"4.47.1", "2024-03-29"},
		{"4.49.0", "2024-04-24"}, {"4.50.0", "2024-05-15"}, {"4.51.0", "2024-05-30"},
		{"4.52.0", "2024-06-12"}, {"4.52.1", "2024-06-14"}, {"4.52.2", "2024-06-20"},
	} {
		shipped = append(shipped, release.Shipped{Version: release.MustParseVersion(s.v), Day: date.MustParseISO(s.day)})
	}
	h, _ := release.NewHistory(shipped...)
	rep, err := plan.Drift(h, release.Reanchor(reset))
	if err != nil {
		panic(err)
	}
	fmt.Print(rep)
	// Output:
	// matched by version against a release every 21 days on Wednesday (R30)
	// version   plan     planned        shipped         slip  gap  patches (days after)
	// 4.46.0    s0 #26   2024-03-06 Wed 2024-03-06 Wed    +0    -
	// 4.47.0    s0 #27   2024-03-27 Wed 2024-03-26 Tue    -1   20  .1 +3
	// 4.49.0    s0 #29   2024-05-08 Wed 2024-04-24 Wed   -14   29
	// 4.50.0    s1 #1    2024-05-15 Wed 2024-05-15 Wed    +0   21
	// 4.51.0    s1 #2    2024-05-29 Wed 2024-05-30 Thu    +1   15
	// 4.52.0    s1 #3    2024-06-12 Wed 2024-06-12 Wed    +0   13  .1 +2, .2 +8
	// segment 0 from 4.21.0 on 2022-09-28 Wed: 3 minors, 1 skipped, last slip -14 d
	//   slip: mean -5.0 d, median -1.0 d, min -14 d, max 0 d
	// segment 1 from 4.50.0 on 2024-05-15 Wed: 3 minors, 0 skipped, last slip +0 d
	//   slip: mean 0.3 d, median 0.0 d, min 0 d, max 1 d
	// skipped: release 28 (4.48.0) planned 2024-04-17 Wed
	// 6 minors, 1 skipped, 0 extra, 3 patches, 0 orphan patches
	// gap: mean 19.6 d, median 20.0 d, min 13 d, max 29 d
	// gaps of exactly 21 d: 1 of 5 (20%); minors on Wednesday: 4 of 6 (67%)
	// slip: mean -2.3 d, median 0.0 d, min -14 d, max 1 d, last +0 d
	// patches: minors with patches 2 of 6 (33%), at most 2 per minor
	// patch delay: mean 4.3 d, median 3.0 d, min 2 d, max 8 d
}

// Fleet's real releases 4.8.0 to 4.63.1 (testdata, from Fleet's changelog)
// against Fleet's numbered train: by version, the train ran weeks ahead of
// its plan.
func ExampleTrain_Drift_fleet() {
	b, err := os.ReadFile("testdata/fleet-releases.json")
	if err != nil {
		panic(err)
	}
	var h release.History
	if err := json.Unmarshal(b, &h); err != nil {
		panic(err)
	}
	t, _ := release.Fleet2024Train()
	rep, _ := t.Drift(h)
	s := rep.Summary
	fmt.Println(rep.Matching, "-", s.Minors, "minors,", s.Patches, "patches,", s.Skipped, "skipped,", s.Extra, "extra")
	fmt.Println("gap:", s.Gap)
	fmt.Println("exactly 21 days:", s.OnPeriod, "- on Wednesday:", s.OnWeekday)
	fmt.Println("slip:", s.Slip, "- last", s.LastSlip)
	fmt.Println("minors with patches:", s.WithPatches, "- delay:", s.PatchDelay)
	// Output:
	// by version - 56 minors, 53 patches, 0 skipped, 0 extra
	// gap: mean 20.5 d, median 21.0 d, min 5 d, max 30 d
	// exactly 21 days: 8 of 55 (15%) - on Wednesday: 9 of 56 (16%)
	// slip: mean -4.1 d, median 2.0 d, min -36 d, max 13 d - last -23
	// minors with patches: 35 of 56 (62%) - delay: mean 9.3 d, median 8.0 d, min 1 d, max 28 d
}

// Tags as teams have them: a product prefix, with or without "v";
// pre-releases and other products' tags are left out.
func ExampleParseHistory() {
	tags := []byte(`fleet-v4.58.0 2024-10-17
fleet-v4.58.1-rc.1 2024-10-18
fleet-4.58.1 2024-10-21
orbit-v1.35.0 2024-10-21
fleet-v4.59.0+build.7 2024-11-12
`)
	h, err := release.ParseHistory(tags, "fleet-", nil)
	fmt.Println(h.Len(), err)
	gh := []byte(`[{"tagName":"fleet-v4.60.0","publishedAt":"2024-11-28T03:10:00Z"}]`)
	la, _ := time.LoadLocation("America/Los_Angeles")
	h, _ = release.ParseHistory(gh, "fleet-", la)
	for s := range h.All() {
		fmt.Println(s.Version, s.Day)
	}
	_, err = release.ParseHistory([]byte("fleet-v4.58.0 2024-10-17\nfleet-v4.58 2024-10-18\n"), "fleet-", nil)
	fmt.Println(err)
	// Output:
	// 3 <nil>
	// 4.60.0 2024-11-27
	// release: line 2 "fleet-v4.58 2024-10-18": malformed version: "fleet-v4.58": want MAJOR.MINOR.PATCH
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
	_, err = release.NewTrain(date.New(2024, time.March, 6), 3, release.WithWorkdays(nil, release.Skip))
	fmt.Println(err)
	var t release.Train
	err = json.Unmarshal([]byte(`{"first":"2024-03-06","weeks":3,"polcy":{"mode":"freeze"}}`), &t)
	fmt.Println(err, errors.Is(err, release.ErrUnknownField))
	// Output:
	// release: first "2024-03-07": a Thursday, want a Wednesday
	// release: weeks "0": weeks out of range: want 1 to 10000 true
	// release: move "skip": move must be stay, earlier or later: a train never skips a release (its numbers and versions follow its days)
	// release: polcy "polcy": unknown field: did you mean "policy"? true
}

// holidays is a working-day calendar: Monday to Friday without some days.
// sla.Calendar satisfies the same interface.
type holidays map[date.Date]bool

func (h holidays) IsWorkday(d date.Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !h[d]
}

// A release planned on Christmas Day moves to the working day before, and
// its whole Fleet 2024 freeze moves with it: the freeze starts on the
// Monday, a day before the Tuesday release, as it starts on the Tuesday a
// day before a Wednesday one, and lasts as long as every other freeze.
func ExampleWithWorkdays() {
	la, _ := time.LoadLocation("America/Los_Angeles")
	freeze, _ := release.Fleet2024Freeze(la)
	closed := holidays{date.New(2024, time.December, 25): true}
	t, _ := release.Fleet2024Train(release.WithPolicy(freeze), release.WithWorkdays(closed, release.Earlier))
	r := t.Next(date.New(2024, time.December, 20))
	w := t.Window(r)
	const layout = "Mon 01-02 15:04 MST"
	fmt.Println(r)
	fmt.Println("freeze:     ", w.Start.Format(layout))
	fmt.Println("deep freeze:", w.Deep.Format(layout))
	fmt.Println("release:    ", w.End.Format(layout), "after", w.End.Sub(w.Start))
	fmt.Println("features on 12-18:", t.Gate(time.Date(2024, time.December, 18, 12, 0, 0, 0, la), release.Change{Kind: release.Feature}).Allowed)
	normal := t.Window(t.Release(r.Number - 1))
	fmt.Println("the release before:", normal.Start.Format(layout), "after", normal.End.Sub(normal.Start))
	// Output:
	// release 40 (4.60.0) on 2024-12-24 (moved from 2024-12-25)
	// freeze:      Mon 12-23 09:00 PST
	// deep freeze: Tue 12-24 00:00 PST
	// release:     Wed 12-25 00:00 PST after 39h0m0s
	// features on 12-18: true
	// the release before: Tue 12-03 09:00 PST after 39h0m0s
}

// The 2023 freeze starts at 09:00 Pacific on the Thursday before release day,
// whether that Thursday is in standard or daylight time (R10).
func ExamplePolicy_Window_dst() {
	la, _ := time.LoadLocation("America/Los_Angeles")
	p, _ := release.Fleet2023Freeze(la)
	for _, day := range []date.Date{date.New(2024, time.March, 6), date.New(2024, time.March, 13), date.New(2024, time.March, 20)} {
		w := p.Window(release.Release{Day: day})
		fmt.Println(w.Start.Format("Mon 2006-01-02 15:04 MST"), "=", w.Start.UTC().Format("15:04 UTC"), "until", w.End.Format("Mon 15:04 MST"))
	}
	// Output:
	// Thu 2024-02-29 09:00 PST = 17:00 UTC until Thu 00:00 PST
	// Thu 2024-03-07 09:00 PST = 17:00 UTC until Thu 00:00 PDT
	// Thu 2024-03-14 09:00 PDT = 16:00 UTC until Thu 00:00 PDT
}
