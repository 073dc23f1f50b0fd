// Package bugflow owns a bug's life as seen from an issue tracker: the state
// a bug is in, derived from its labels, assignees and board columns; the legal
// moves between states and the edit that makes each; the timers that run in
// each state; orphans; and weekly metrics.
//
// It models rules R17-R24 and R29 of the reference handbook
// (shared/handbook.md): the states inbox, reproduced, in engineering and
// awaiting QA (R17); a week for QA to reproduce a new report (R18); six weeks
// for a reporter to answer, with a reminder at three (R19); the reproduce and
// fast-track moves (R20); not-a-bug (R21); orphans and reproduced orphans that
// must be reported weekly (R23); and the weekly metrics that show where work
// builds up (R24).
//
// The package does no I/O: bytes in, issues out. The mapping from labels to
// states is a Scheme, which is data, so a team can write its own.
//
// # Usage
//
//	issues, err := bugflow.DecodeGitHub(data) // the output of gh issue list --json ...
//	if err != nil { ... }
//	for _, is := range issues {
//		fmt.Println(is.Number, scheme.Evaluate(is).State)
//	}
package bugflow
