// Package bugflow owns a bug's life as seen from an issue tracker: the state
// a bug is in, derived from its labels, assignees and board columns; the legal
// moves between states and the edit that makes each; the timers that run in
// each state; orphans; and weekly metrics.
//
// It models rules R17-R24 and R29 of the reference handbook
// (shared/handbook.md): the states inbox, reproduced, in engineering and
// awaiting QA (R17); a week for QA to reproduce a new report (R18); six weeks
// for a reporter to answer, with a reminder at three (R19); the reproduce and
// fast-track moves (R20); not-a-bug (R21); closing a story's bug (R22);
// orphans and reproduced orphans that must be reported weekly (R23); and the
// weekly metrics that show where work builds up (R24).
//
// The package does no I/O and never reads the clock: bytes in, issues out,
// and every query takes the instant it is about.
//
// # Issues
//
// An Issue is what any tracker can fill: number, title, open or closed,
// labels, assignees, board memberships with their column, and the created,
// closed and last-communication instants. DecodeGitHub reads the JSON that
// gh issue list --json number,title,state,labels,assignees,createdAt,closedAt,projectItems
// prints, skips pull requests and non-bugs with a reason, and reports
// malformed input as a *DecodeError naming the issue and the field.
//
// # Schemes
//
// A Config is a team's process as data: StateRule and DiagnosisRule filters
// (labels required, any-of and forbidden, boards and columns in and out,
// assignee roles), the Transitions with their edits, and the labels the
// timers and priorities read. NewScheme compiles it; Fleet2022 and Fleet2024
// are Fleet's versions. Labels, logins, boards and columns compare
// case-insensitively and trimmed, as GitHub's search does; a name ending in
// "*" is a prefix ("#g-*").
//
// Scheme.Evaluate gives a Verdict: the State, and the Diagnosis (Orphan,
// ReproducedOrphan, Ambiguous when two states match, Unclassified). It does
// not allocate. An ambiguous issue is reported as such, never resolved.
//
// # Moves
//
// Scheme.Plan returns the Edit that moves an issue to a state: the labels to
// add and remove, who to assign and unassign, the board column to set. A bot
// applies it through the tracker; Edit.Apply does the same to an Issue. A
// move the scheme does not have is a *TransitionError, which unwraps to
// ErrForbidden.
//
// # Timers and reports
//
// Scheme.Deadlines and Scheme.Agenda say which R18/R19 timers are overdue at
// an instant and which falls due next. Durations count on an Adder:
// WallClock (the default) keeps the local time of day across DST, and
// sla.Calendar counts business time. Scheme.Report gives the R24 weekly
// metrics with orphans and the agenda; Report.Summary is one line for a
// handbook; TrendOf names the state where work builds up over stored weekly
// reports; Scheme.Compare orders bugs for picking (P0, P1, P2, customer,
// oldest); AgePolicy is the newer handbook's 32-day rule.
//
// # Usage
//
//	issues, skipped, err := bugflow.DecodeGitHub(data) // the output of gh issue list --json ...
//	if err != nil { ... }
//	scheme, err := bugflow.Fleet2024(map[string]string{"quinn": bugflow.RoleQA, "emma": bugflow.RoleEM})
//	if err != nil { ... }
//	for _, is := range issues {
//		v := scheme.Evaluate(is)
//		fmt.Println(is.Number, v.State, v.Diagnoses)
//	}
//	edit, err := scheme.Plan(issues[0], bugflow.Reproduced, bugflow.MoveOptions{Team: "#g-mdm"})
//	report := scheme.Report(issues, now, bugflow.ReportOptions{Age: bugflow.Fleet2024Age()})
//	fmt.Println(report.Summary())
//	_ = skipped
//
// The process rules cited as R1-R32 are in RULES.md at the module root:
// https://github.com/teamcadence/cadence/blob/main/RULES.md
package bugflow
