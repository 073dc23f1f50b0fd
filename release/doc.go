// Package release owns the release train: release days and version numbers,
// freeze windows and the merge gate, the classification of bugs into release
// blockers, critical bugs and patch candidates, version support, dogfood
// deploys, and the drift between the plan and what actually shipped.
//
// It models rules R9-R16 and R30 of the reference handbook
// (shared/handbook.md): a minor release every three weeks on a Wednesday (R9);
// a freeze before each release, whose shape changed over the years and is
// therefore configuration (R10); the rules that make a bug a release blocker
// or a critical bug (R11-R14); which versions get fixes and support (R15); a
// deploy that only moves forward (R16); and a record of real releases beside
// the plan (R30). Fleet's settings are presets named after their year
// (Fleet2023Freeze, Fleet2024Freeze, Fleet2025ReleaseCandidate,
// Fleet2024Rules, Fleet2025Rules, Fleet2024Support), built only from the
// public configuration types.
//
// # Trains and releases
//
// A Train has a release on its first day and then every N weeks. Release 1
// is on the first day; releases before it are numbered 0, -1, -2 and so on.
// Next, At, Previous and Release are floor divisions on day numbers, so they
// cost the same for any day, and allocate nothing. With WithVersion every
// release gets a minor version (4.58.0, 4.59.0, ...); ByVersion goes back
// from a version (or a patch of it) to its release.
//
// # Freezes and the merge gate
//
// A Policy puts a window before every release: from a Moment (a weekday and a
// time of day before release day, optionally whole weeks earlier) until a
// time on release day, in the policy's zone, with an optional deep freeze for
// its last hours. In Freeze mode the main branch takes only the allowed kinds
// of change during the window; in BranchCut mode a release branch is cut at
// the window's start, main stays open, and only the allowed kinds are picked
// into the branch. Wall-clock instants are built with time.Date in the
// policy's zone, so a 09:00 freeze is 09:00 local on both sides of a DST
// change. Train.Gate answers whether a Change may merge at an instant, with a
// Decision whose Reason can be shown to a person and whose Rule cites R10.
// Reason prints instants in the policy's zone; ReasonIn prints them in the
// reader's.
//
// # Classification
//
// Rules are data: an ordered list of Rule values, each of which, when a bug's
// Facts match, sets or clears the derived facts blocker, critical and patch.
// Classify returns the three verdicts with the IDs of the rules that decided
// them. A team can write its own rules and store them as JSON.
//
// # Support, deploys and drift
//
// A Support policy says which versions get fixes and troubleshooting per tier
// (R15). CheckDeploy accepts only a newer version or a commit hash over what
// runs, and ParseImage rejects branch names such as "main" (R16). Train.Drift
// matches a History of shipped minors and patches to the planned releases and
// reports slips, gaps, skipped and extra releases, patch delays and summary
// figures (R30); testdata/fleet-releases.json holds Fleet 4.8.0-4.63.1 (2021-12-31 to
// 2025-02-19): a 20.5-day mean gap, 15% exactly 21 days, 16% on a Wednesday.
//
// # Working days
//
// The package does not import sla. WithWorkdays takes anything with an
// IsWorkday(date.Date) bool method (sla.Calendar has one; nil means Monday to
// Friday) and moves a release planned on a holiday to the next or previous
// working day: Release.Planned keeps the cadence day and Release.Day the
// moved one. Queries stay constant-time.
//
// # Storage
//
// Train, Policy, Rules, Support and History encode to JSON (zones by IANA
// name, days as "2024-03-06", times of day as "09:00", durations as Go
// duration strings) and decode with the same validation as their
// constructors. Train and Policy also have a one-line text form
// (ParseTrain, ParsePolicy), and Version, Moment, Kind, Fact, Phase, Mode,
// Scope, Shift and Image have text forms. Everything round-trips.
//
// # Usage
//
//	t, err := release.NewTrain(date.New(2024, time.March, 6), 3,
//		release.OnWeekday(time.Wednesday),
//		release.WithVersion(release.MustParseVersion("4.47.0")),
//		release.WithPolicy(release.Fleet2024Freeze()))
//	if err != nil { ... }
//	r := t.Next(date.TodayIn(loc))          // release 2 (4.48.0) on 2024-03-27
//	d := t.Gate(now, release.Change{Kind: release.Feature})
//	fmt.Println(d.Allowed, d.Reason())      // false, "feature may not merge at ...: freeze for ..."
//	fmt.Println(d.ReasonIn(chicago))        // the same, with instants in CST/CDT
//	c := release.Fleet2024Rules().Classify(release.FactsOf(release.Regression, release.DataLoss))
//	fmt.Println(c)                          // blocker: yes (R11.1); critical: yes (R14.3); patch: yes (R14.5)
//	fmt.Print(t.Drift(history))             // per-release slips and summary figures
//
// The process rules cited as R1-R32 are in RULES.md at the module root:
// https://github.com/teamcadence/cadence/blob/main/RULES.md
package release
