package release

import (
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
)

// Fleet's process as presets, named after the year of the handbook text
// they model (rules R9-R16 in RULES.md). They are built only from the public
// configuration types, so a team can copy one and change what differs.

// Fleet2024Train returns Fleet's release train (R9): a minor release every
// three weeks on Wednesday, numbered 4.21.0, 4.22.0, ... from Wednesday
// 2022-09-28, with opts (a policy, working days) applied on top.
//
// It is anchored on Fleet 4.21.0, shipped on Wednesday 2022-09-28: the
// earliest minor in Fleet's changelog (release/testdata) that shipped on
// the planned weekday, and the one whose three-week grid the handbook
// example's sprints and rituals follow. On it, 2023-01-11 is 4.26.0 (it
// shipped 2023-01-13), 2024-03-06 is 4.46.0 (it shipped 2024-02-26, ahead of
// plan) and 2024-12-25 is 4.61.0. Fleet's real minors ran ahead of this
// numbering (4.63.0 shipped 2025-02-03, planned 2025-02-26): Train.Drift
// with a History measures by how much. The train has no freeze policy: add
// one with WithPolicy (Fleet2023Freeze, Fleet2024Freeze or
// Fleet2025ReleaseCandidate).
func Fleet2024Train(opts ...Option) (Train, error) {
	return NewTrain(date.New(2022, time.September, 28), 3,
		append([]Option{OnWeekday(time.Wednesday), WithVersion(Version{4, 21, 0})}, opts...)...)
}

// fleetPolicy completes c with what every Fleet preset shares: a window that
// lifts at the end of release day (24:00, an assumption: the handbook does
// not say when the release is cut) and rule R10, in zone.
func fleetPolicy(zone *time.Location, c PolicyConfig) (Policy, error) {
	c.Zone, c.Lift, c.Rule = zone, clock.Day, "R10"
	return NewPolicy(c)
}

// Fleet2023Freeze returns Fleet's 2023 freeze (R10): from the Thursday before
// release day at 09:00 until the end of release day, only release-blocker
// fixes (R11, R12) and documentation merge. Fleet's times are Pacific: pass
// America/Los_Angeles as pacific. A nil or Local zone is refused with
// ErrZone; the package never loads a zone itself, so the preset works on a
// machine without a time zone database.
func Fleet2023Freeze(pacific *time.Location) (Policy, error) {
	return fleetPolicy(pacific, PolicyConfig{
		Name:  "Fleet 2023 freeze",
		Mode:  Freeze,
		Start: Moment{Weekday: time.Thursday, Time: clock.New(9, 0, 0, 0)},
		Allow: Kinds(BlockerFix, Docs),
	})
}

// Fleet2024Freeze returns Fleet's 2024 freeze (R10): from the Tuesday before
// release day at 09:00 until the end of release day, features stop while bug
// fixes, documentation and blocker fixes merge; in the deep freeze, the last
// 24 hours, only release-blocker and unreleased-bug fixes merge. Pass
// America/Los_Angeles as pacific; a nil or Local zone is refused with
// ErrZone.
func Fleet2024Freeze(pacific *time.Location) (Policy, error) {
	return fleetPolicy(pacific, PolicyConfig{
		Name:      "Fleet 2024 freeze",
		Mode:      Freeze,
		Start:     Moment{Weekday: time.Tuesday, Time: clock.New(9, 0, 0, 0)},
		Deep:      24 * time.Hour,
		Allow:     Kinds(BlockerFix, UnreleasedBugFix, ReleasedBugFix, Docs),
		AllowDeep: Kinds(BlockerFix, UnreleasedBugFix),
	})
}

// Fleet2025ReleaseCandidate returns the release-candidate branch cut that
// later replaced Fleet's freeze (R10): the release branch is cut on the first
// Monday of the next sprint at 08:00, and only unreleased-bug fixes are
// picked into it until the end of release day; the main branch stays open.
// The year 2025 is approximate (the handbook says "later still"). Sprints
// are taken to start on the Monday of release week, so the cut is the Monday
// before a Wednesday release; if yours start a week earlier, copy the Config
// and set Start.Weeks to -1. Pass America/Los_Angeles as pacific; a nil or
// Local zone is refused with ErrZone.
func Fleet2025ReleaseCandidate(pacific *time.Location) (Policy, error) {
	return fleetPolicy(pacific, PolicyConfig{
		Name:      "Fleet release-candidate branch",
		Mode:      BranchCut,
		Start:     Moment{Weekday: time.Monday, Time: clock.New(8, 0, 0, 0)},
		Allow:     Kinds(UnreleasedBugFix),
		AllowDeep: Kinds(UnreleasedBugFix),
	})
}

// criticalRules are R14's, shared by both Fleet presets.
var criticalRules = [...]Rule{
	{ID: "R14.1", Text: "blocks the normal use of a workflow: critical", All: 1 << BlocksWorkflow, Set: 1 << IsCritical},
	{ID: "R14.2", Text: "prevents upgrades: critical", All: 1 << PreventsUpgrade, Set: 1 << IsCritical},
	{ID: "R14.3", Text: "irreversible damage such as data loss: critical", All: 1 << DataLoss, Set: 1 << IsCritical},
	{ID: "R14.4", Text: "introduces a security vulnerability: critical", All: 1 << Security, Set: 1 << IsCritical},
}

// Fleet2024Rules returns the classification rules of Fleet's handbook
// (R11-R14 in RULES.md), in this order:
//
//   - R14.1-R14.4: a bug that blocks a workflow, prevents upgrades, causes data
//     loss or is a security vulnerability is critical;
//   - R11.1-R11.3: regressions, security concerns and issues with features
//     targeted for the current release block the release;
//   - R12.1-R12.3: found in release testing, critical bugs, breakage of stable
//     functionality and incomplete features block the release;
//   - R13.1-R13.2: known issues not targeted for the release and behaviour
//     that reproduces in an older stable version do not block it (they may
//     still be taken by agreement of product and engineering);
//   - R14.5: a critical bug follows the patch release process;
//   - R11.4: a release blocker that shipped in a release warrants a patch.
func Fleet2024Rules() Rules {
	rs := append(criticalRules[:0:0], criticalRules[:]...)
	rs = append(rs,
		Rule{ID: "R11.1", Text: "regressions block the release", All: 1 << Regression, Set: 1 << IsBlocker},
		Rule{ID: "R11.2", Text: "security concerns block the release", All: 1 << Security, Set: 1 << IsBlocker},
		Rule{ID: "R11.3", Text: "issues with features targeted for the current release block it", All: 1 << Targeted, Set: 1 << IsBlocker},
		Rule{ID: "R12.1", Text: "critical bugs found in release testing block the release", All: 1<<FoundInTesting | 1<<IsCritical, Set: 1 << IsBlocker},
		Rule{ID: "R12.2", Text: "new functionality that impacts stable functionality, found in release testing, blocks the release", All: 1<<FoundInTesting | 1<<BreaksStable, Set: 1 << IsBlocker},
		Rule{ID: "R12.3", Text: "incomplete features found in release testing block the release", All: 1<<FoundInTesting | 1<<IncompleteFeature, Set: 1 << IsBlocker},
		Rule{ID: "R13.1", Text: "known issues not targeted for the current release do not block it", All: 1 << KnownIssue, None: 1 << Targeted, Clear: 1 << IsBlocker},
		Rule{ID: "R13.2", Text: "behaviour that reproduces in an older stable version does not block the release", All: 1 << ReproducesInStable, Clear: 1 << IsBlocker},
		Rule{ID: "R14.5", Text: "critical bugs follow the patch release process", All: 1 << IsCritical, Set: 1 << IsPatch},
		Rule{ID: "R11.4", Text: "a release blocker that shipped may warrant a patch release", All: 1<<IsBlocker | 1<<Released, Set: 1 << IsPatch},
	)
	return Rules{name: "Fleet 2024 bug rules", rules: rs} // valid: TestFleetPresetsValid checks them with NewRules
}

// Fleet2025Rules returns the rules of newer Fleet handbooks, where bugs are
// never release blockers: the R14 rules still make a bug critical, and a
// critical bug follows the patch release process (R14.5), but no rule makes
// a bug block the release.
func Fleet2025Rules() Rules {
	rs := append(criticalRules[:0:0], criticalRules[:]...)
	rs = append(rs,
		Rule{ID: "R14.5", Text: "critical bugs follow the patch release process", All: 1 << IsCritical, Set: 1 << IsPatch},
	)
	return Rules{name: "Fleet 2025 bug rules (bugs never block releases)", rules: rs}
}

// Fleet2024Support returns Fleet's version support (R15): bug fixes target
// the latest release only, for "community" and "premium" alike;
// troubleshooting covers the current major version for "community" and all
// versions for "premium".
func Fleet2024Support() Support {
	return Support{name: "Fleet version support", tiers: []Coverage{
		{Tier: "community", Fixes: ScopeLatest, Troubleshooting: ScopeMajor},
		{Tier: "premium", Fixes: ScopeLatest, Troubleshooting: ScopeAll},
	}}
}
