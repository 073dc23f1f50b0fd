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
// the plan (R30).
//
// The package does not import sla: where it needs working days it accepts
// anything with an IsWorkday(date.Date) bool method; nil means Monday to
// Friday.
//
// # Usage
//
//	t, err := release.NewTrain(date.New(2024, time.March, 6), 3)
//	if err != nil { ... }
//	r := t.Next(date.TodayIn(loc))
//	fmt.Println(r.Number, r.Day)
package release
