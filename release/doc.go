// Package release owns the release train: release days and version numbers,
// freeze windows and the merge gate, the classification of bugs into release
// blockers, critical bugs and patch candidates, version support, dogfood
// deploys, and the drift between the plan and what actually shipped.
//
// It models rules R9-R16 and R30 in RULES.md at the root of the repository:
// a minor release every three weeks on a Wednesday (R9); a freeze before
// each release, whose shape changed over the years and is therefore
// configuration (R10); the rules that make a bug a release blocker or a
// critical bug (R11-R14); which versions get fixes and support (R15); a
// deploy that only moves forward (R16); and a record of real releases beside
// the plan (R30). Fleet's settings are presets in fleet.go, named after the
// year of the handbook text they model (Fleet2024Train, Fleet2023Freeze,
// Fleet2024Freeze, Fleet2025ReleaseCandidate, Fleet2024Rules, Fleet2025Rules,
// Fleet2024Support), built only from the public configuration types.
//
// # Trains and releases
//
// A Train has a release on its first day and then every N weeks. Release 1
// is on the first day; releases before it are numbered 0, -1, -2 and so on.
// Next, At, Prev and Release are floor divisions on day numbers, so they
// cost the same for any day, and allocate nothing. With WithVersion every
// release gets a minor version; ByVersion goes back from a version (or a
// patch of it) to its release. Fleet2024Train is Fleet's train, anchored on
// Fleet 4.21.0 (Wednesday 2022-09-28): on it 2024-03-06 is 4.46.0.
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
// reader's. Presets that need a zone take it (Fleet's is
// America/Los_Angeles): the package never loads zones itself, so nothing
// depends on the machine's time zone database, and a nil or Local zone is
// refused with ErrZone.
//
// # Classification
//
// Rules are data: an ordered list of Rule values, each of which, when a bug's
// Facts match, sets or clears the derived facts blocker, critical and patch.
// Classify returns the three verdicts with the IDs of the rules that decided
// them; a no also says why, naming the rules that would have made it a yes
// and did not apply. A team can write its own rules and store them as JSON.
//
// # Support, deploys and drift
//
// A Support policy says which versions get fixes and troubleshooting per tier
// (R15). CheckDeploy accepts only a newer version or a commit hash over what
// runs, and ParseImage rejects branch names such as "main" (R16).
//
// Train.Drift compares a History of shipped minors and patches with the
// plan (R30). On a train with versions it matches shipped minor N with
// planned release N, so the slip accumulates and a release manager sees how
// far ahead or behind the numbered plan the team is, and which versions never
// shipped; MatchByDay pairs each minor with the nearest planned day instead,
// for trains without versions. Reanchor restarts the plan at a version after
// a change of pace, and the report shows each segment. The Summary gives
// counts and shares: gaps between minors, slips (mean, median, min, max,
// last), patches and their delays. ParseHistory reads a history from tag
// listings (git tag with days, gh release list, its JSON form), with a
// product prefix such as "fleet-v". testdata/fleet-releases.json holds Fleet
// 4.8.0-4.63.1 (2021-12-31 to 2025-02-19).
//
// # Working days
//
// The package does not import sla. WithWorkdays takes anything with an
// IsWorkday(date.Date) bool method (sla.Calendar has one; nil means Monday to
// Friday) and a Move (Earlier or Later; Stay keeps releases where they are,
// and Skip is refused, since a train never skips a release), and moves a
// release planned on a holiday to the previous or next working day:
// Release.Planned keeps the cadence day and Release.Day the moved one. A
// moved release keeps its window's shape: Train.Window puts the freeze,
// deep freeze and branch cut at the same offsets from the day it ships.
// Queries stay constant-time.
//
// # Storage
//
// Train, Policy, Rules, Support and History encode to JSON with camelCase
// keys (zones by IANA name, days as "2024-03-06", times of day as "09:00",
// durations as Go duration strings) and decode strictly: an unknown or
// duplicate key at any depth is refused, null leaves a value as it was (as
// encoding/json does), and every error is a *ConfigError whose Field is the
// JSON path ("policy.start") and which matches ErrUnknownField,
// ErrDuplicateKey, ErrSyntax, ErrZone, ErrUnknownName or the package's own
// sentinel. Train and Policy also have a one-line text form (ParseTrain,
// ParsePolicy), and Version, Moment, ChangeKind, Fact, Phase, Mode, Scope,
// Move and Image have text forms. Everything round-trips.
//
// # Usage
//
//	pacific, err := time.LoadLocation("America/Los_Angeles")
//	if err != nil { ... }
//	freeze, err := release.Fleet2024Freeze(pacific)
//	if err != nil { ... }
//	t, err := release.Fleet2024Train(release.WithPolicy(freeze))
//	if err != nil { ... }
//	r := t.Next(date.TodayIn(loc))          // on 2024-03-01: release 26 (4.46.0) on 2024-03-06
//	d := t.Gate(now, release.Change{Kind: release.Feature})
//	fmt.Println(d.Allowed, d.Reason())      // false, "feature may not merge at ...: freeze for ..."
//	fmt.Println(d.ReasonIn(chicago))        // the same, with instants in CST/CDT
//	c := release.Fleet2024Rules().Classify(release.FactsOf(release.Regression, release.DataLoss))
//	fmt.Println(c)                          // blocker: yes (R11.1); critical: yes (R14.3); patch: yes (R14.5)
//	rep, err := t.Drift(history)            // by version: slips, skipped versions, summary figures
//
// The process rules cited as R1-R32 are in RULES.md at the module root:
// https://github.com/teamcadence/cadence/blob/main/RULES.md
package release
