// Package bugflow owns a bug's life as seen from an issue tracker: the state
// a bug is in, read from its labels, assignees and board columns by a
// team's own GitHub searches; the legal moves between states and the edit
// that makes each; the timers that run in each state; orphans; and the
// metrics over any window.
//
// It models rules R17-R24 and R29 in RULES.md at the repository's root:
// the states inbox, reproduced, in engineering and awaiting QA (R17); a week
// for QA to reproduce a new report (R18); six weeks for a reporter to
// answer, with a reminder at three (R19); the reproduce and fast-track moves
// (R20); not-a-bug (R21); closing a story's bug (R22); orphans and
// reproduced orphans that must be reported weekly (R23); and the weekly
// metrics that show where work builds up (R24).
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
// # Searches
//
// Rules are written as GitHub issue searches, which ParseMatch reads into a
// Match and Match.String writes back: is:open, is:closed, is:issue,
// label:x, label:a,b (any of), -label:x, no:label, assignee:x, -assignee:x,
// no:assignee, project:OWNER/N, -project:OWNER/N, no:project, created: and
// closed: with >=, >, <=, <; names with spaces or emoji are quoted. Two
// qualifiers are the scheme's own, for what GitHub's search cannot see:
// column:a,b (the column on the search's project, "" for none) and role:r
// (someone with the role assigned). An unknown qualifier is an error that
// names it. Labels, logins, board titles and columns compare trimmed and
// case-insensitively; a label ending in "*" is a prefix ("#g-*").
//
// # Schemes
//
// A Config is a team's process as data: a board table (Board: "fleetdm/40"
// is "🚀 Release", since gh's JSON carries titles), the states of its Flow
// (the five State constants and any it declares, such as "acknowledged" or
// "blocked"), a Scope every rule is read within, StateRule and
// DiagnosisRule searches, Metrics searches, Transitions, and the labels the
// timers and priorities read. NewScheme compiles it and checks that every
// name resolves (a project in the board table, a state in the flow, a role
// declared); errors are *ConfigError naming the field and value, matched
// with ErrSyntax, ErrUnknownField, ErrDuplicateKey, ErrUnknownName,
// ErrZeroTime or ErrConfig. Its JSON is strict: unknown and duplicate keys
// are refused at any depth, and every search is its text. Fleet2022 and
// Fleet2024 are Fleet's own searches; Scheme.Rename moves a scheme to other
// board titles, projects and logins in one call.
//
// Scheme.Evaluate gives an Evaluation: the State, and the Diagnosis
// (Orphan, ReproducedOrphan, Incomplete, Ambiguous when two states match,
// Unclassified). It does not allocate. An ambiguous issue is reported as
// such, never resolved. Scheme.Explain says, qualifier by qualifier, which
// rules hold and which fail and why, and names the nearest states of an
// issue in none, in text a bot can post. Scheme.Check compares a scheme
// with a batch of issues: boards, columns and labels it does not know, near
// misses ("reproduce" beside ":reproduce"), and names it has that the data
// lacks; CheckReport.Err refuses a scheme that sees none of the boards.
//
// # Moves
//
// Scheme.Plan returns the Edit that moves an issue to a state: the labels to
// add and remove, who to assign and unassign, the board column to set. A bot
// applies it through the tracker; Edit.Apply does the same to an Issue. A
// move the scheme does not have is a *TransitionError, which unwraps to
// ErrForbidden and lists the moves there are.
//
// # Timers and reports
//
// Scheme.Deadlines and Scheme.Agenda say which R18/R19 timers are overdue at
// an instant and which falls due next. Durations count on an Adder:
// WallClock (the default) keeps the local time of day across DST, and
// sla.Calendar counts business time. Scheme.Report gives the R24 metrics
// over a Window (ISOWeek, WeekStarting any weekday, SevenDaysBefore an
// instant, or NewWindow's [from, to)) with every declared state counted,
// orphans and the agenda; Report.Summary is one line for a handbook;
// TrendOf names the state where work builds up over stored reports;
// Scheme.Compare orders bugs for picking (P0, P1, P2, customer, oldest);
// AgePolicy is the newer handbook's 32-day rule.
//
// # Usage
//
//	issues, skipped, err := bugflow.DecodeGitHub(data) // the output of gh issue list --json ...
//	if err != nil { ... }
//	scheme, err := bugflow.Fleet2024(map[string]string{"quinn": bugflow.RoleQA, "emma": bugflow.RoleEM})
//	if err != nil { ... }
//	if err := scheme.Check(issues).Err(); err != nil { ... } // the data has none of the scheme's boards
//	for _, is := range issues {
//		v := scheme.Evaluate(is)
//		fmt.Println(is.Number, v)
//		if v.State == bugflow.Unknown {
//			fmt.Println(scheme.Explain(is))
//		}
//	}
//	edit, err := scheme.Plan(issues[0], bugflow.Reproduced, bugflow.MoveOptions{Team: "#g-mdm"})
//	report := scheme.Report(issues, now, bugflow.ReportOptions{Window: bugflow.SevenDaysBefore(now), Age: bugflow.Fleet2024Age()})
//	fmt.Println(report.Summary())
//	_ = skipped
//
// The process rules cited as R1-R32 are in RULES.md at the module root:
// https://github.com/teamcadence/cadence/blob/main/RULES.md
package bugflow
