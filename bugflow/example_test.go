package bugflow_test

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/teamcadence/cadence/bugflow"
)

var exampleRoles = map[string]string{"quinn": bugflow.RoleQA, "emma": bugflow.RoleEM, "pat": bugflow.RolePM}

// The state of an issue decoded from gh issue list --json output (R17).
func Example() {
	data := []byte(`[
	  {"number": 101, "title": "Login fails", "state": "OPEN", "createdAt": "2024-03-04T09:00:00Z",
	   "labels": [{"name": "bug"}, {"name": ":reproduce"}], "assignees": [], "projectItems": []},
	  {"number": 102, "title": "Crash on save", "state": "OPEN", "createdAt": "2024-02-20T09:00:00Z",
	   "labels": [{"name": "Bug"}, {"name": " #agent "}], "assignees": [{"login": "emma"}],
	   "projectItems": [{"title": "🚀 Release", "status": {"name": "Ready"}}]},
	  {"number": 103, "title": "Typo", "state": "OPEN", "createdAt": "2024-02-01T09:00:00Z",
	   "labels": [{"name": "bug"}], "assignees": [], "projectItems": []},
	  {"number": 104, "title": "Dark mode", "state": "OPEN", "createdAt": "2024-02-01T09:00:00Z",
	   "labels": [{"name": "feature"}]}
	]`)
	issues, skipped, err := bugflow.DecodeGitHub(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	scheme, err := bugflow.Fleet2022(exampleRoles)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, is := range issues {
		fmt.Printf("#%d %s\n", is.Number, scheme.Evaluate(is))
	}
	for _, s := range skipped {
		fmt.Printf("#%d skipped: %s\n", s.Number, s.Reason)
	}
	// Output:
	// #101 inbox
	// #102 reproduced
	// #103 unknown (orphan)
	// #104 skipped: not a bug: no label bug
}

// A legal move (R20) gives the exact edit; an illegal one is a
// TransitionError that names both states.
func ExampleScheme_Plan() {
	scheme, _ := bugflow.Fleet2022(exampleRoles)
	is := bugflow.Issue{Number: 101, Labels: []string{"bug", ":reproduce"}}

	edit, err := scheme.Plan(is, bugflow.Reproduced, bugflow.MoveOptions{Team: "#agent"})
	fmt.Println(edit, err)
	fmt.Println(scheme.Evaluate(edit.Apply(is)).State)

	_, err = scheme.Plan(is, bugflow.AwaitingQA, bugflow.MoveOptions{})
	var te *bugflow.TransitionError
	fmt.Println(err, errors.Is(err, bugflow.ErrForbidden), errors.As(err, &te) && te.From == bugflow.Inbox)
	// Output:
	// #101 inbox -> reproduced (reproduce): add label #agent; remove label :reproduce; assign emma; move to 🚀 Release / Ready <nil>
	// reproduced
	// bugflow: cannot move inbox -> awaiting QA: the moves from inbox are reproduce -> reproduced, fast track -> reproduced, no answer -> closed, story bug -> closed, not a bug -> unknown, ask reporter -> inbox, reporter answered -> inbox, acknowledge -> acknowledged true true
}

// The weekly report (R24) with orphans (R23) and overdue timers (R18, R19).
func ExampleScheme_Report() {
	scheme, _ := bugflow.Fleet2022(exampleRoles)
	day := func(d int) time.Time { return time.Date(2024, 3, d, 9, 0, 0, 0, time.UTC) }
	issues := []bugflow.Issue{
		{Number: 1, Labels: []string{"bug", ":reproduce"}, Created: day(1)},
		{Number: 2, Labels: []string{"bug", ":reproduce"}, Created: day(6)},
		{Number: 3, Labels: []string{"bug"}, Created: day(4)},
		{Number: 4, Labels: []string{"bug", "#platform"}, Created: day(2), Assignees: []string{"emma"},
			Boards: []bugflow.BoardItem{{Board: "🚀 Release", Column: "In progress"}}},
		{Number: 5, Labels: []string{"bug"}, Created: day(1), Closed: true, ClosedAt: day(5)},
	}
	r := scheme.Report(issues, day(8), bugflow.ReportOptions{Age: bugflow.Fleet2024Age()})
	fmt.Println(r.Summary())
	for _, d := range r.Agenda.Overdue {
		fmt.Println("overdue:", d)
	}
	fmt.Printf("next: #%d %s due %s\n", r.Agenda.Next.Number, r.Agenda.Next.Timer, r.Agenda.Next.Due.Format(time.DateOnly))
	// Output:
	// bugs 2024-W10: 2 opened, 1 closed, 4 open (inbox 2, acknowledged 0, reproduced 0, in engineering 1, awaiting QA 0, no state 1); 1 orphan, 0 reproduced orphans; 1 overdue; average age 4d
	// overdue: #1 reproduce (R18) due 2024-03-08 09:00 UTC
	// next: #2 reproduce due 2024-03-13
}

// A week of wall-clock time keeps the local time of day across a DST
// change: 168 hours would land at 10:00.
func ExampleWallClock() {
	chicago, _ := time.LoadLocation("America/Chicago")
	created := time.Date(2024, 3, 5, 9, 0, 0, 0, chicago)
	due := bugflow.WallClock{}.Add(created, bugflow.Week)
	fmt.Println(due.Format(time.DateTime), due.Sub(created))
	// Output:
	// 2024-03-12 09:00:00 167h0m0s
}

// Issues sort in the order they should be picked: P0, P1, P2, customer
// bugs, then the oldest first.
func ExampleScheme_Compare() {
	scheme, _ := bugflow.Fleet2024(exampleRoles)
	day := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
	issues := []bugflow.Issue{
		{Number: 1, Created: day(1)},
		{Number: 2, Created: day(5), Labels: []string{"P2"}},
		{Number: 3, Created: day(3), Labels: []string{"customer-acme"}},
		{Number: 4, Created: day(9), Labels: []string{"p0"}},
		{Number: 5, Created: day(2), Labels: []string{"P2"}},
	}
	slices.SortFunc(issues, scheme.Compare)
	for _, is := range issues {
		fmt.Print(is.Number, " ")
	}
	fmt.Println()
	// Output:
	// 4 5 2 3 1
}

// A scheme is data, its rules written as GitHub searches: here a one-board
// process with a "triage" state of its own between the inbox and the work.
func ExampleNewScheme() {
	search := bugflow.MustParseMatch
	scheme, err := bugflow.NewScheme(bugflow.Config{
		Name:   "small-team-2025",
		Boards: []bugflow.Board{{Project: "acme/3", Title: "Kanban"}},
		Flow:   []string{"inbox", "triage", "in engineering", "closed"},
		Scope:  search("is:issue is:open"),
		Roles:  []string{"lead"},
		People: map[string]string{"lee": "lead"},
		States: []bugflow.StateRule{
			{State: "inbox", Match: search("label:defect -label:triage no:assignee no:project")},
			{State: "triage", Match: search("label:defect label:triage")},
			{State: "in engineering", Match: search(`label:defect -label:triage project:acme/3 column:Doing,"In review"`)},
			{State: "closed", Match: search("is:closed label:defect")},
		},
		Transitions: []bugflow.Transition{
			{Name: "take", From: "triage", To: "in engineering", Remove: []string{"triage"}, Board: "acme/3", Column: "Doing", Assign: "lead"},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	is := bugflow.Issue{Number: 7, Labels: []string{"Defect", "Triage"}}
	triage, _ := scheme.State("triage")
	doing, _ := scheme.State("in engineering")
	edit, _ := scheme.Plan(is, doing, bugflow.MoveOptions{})
	fmt.Println(scheme.Evaluate(is), int(triage) == bugflow.NumStates, "|", edit)
	fmt.Println(scheme.Evaluate(edit.Apply(is)))
	// Output:
	// triage true | #7 triage -> in engineering (take): remove label Triage; assign lee; move to Kanban / Doing
	// in engineering
}

// A search reads back as it is written; label:a,b is any of the labels,
// names with spaces or emoji are quoted, and an unknown qualifier is an
// error that names it.
func ExampleParseMatch() {
	m, err := bugflow.ParseMatch(`is:open label:bug label:P0,P1 -label:"~more info needed" project:fleetdm/40 column:"In progress",""`)
	fmt.Println(m.AnyLabels, m.NotLabels, m.Columns, err)
	fmt.Println(m)
	_, err = bugflow.ParseMatch("label:bug milestone:v4.50")
	fmt.Println(err, errors.Is(err, bugflow.ErrSyntax))
	// Output:
	// [[P0 P1]] [~more info needed] [In progress ] <nil>
	// is:open label:bug label:P0,P1 -label:"~more info needed" project:fleetdm/40 column:"In progress",""
	// bugflow: "milestone:v4.50": syntax error: unknown qualifier "milestone:" (known: is:, label:, no:, assignee:, role:, project:, column:, created:, closed:) true
}

// The board table: searches name projects as GitHub does (fleetdm/40),
// gh's JSON carries titles ("🚀 Release"); titles match trimmed and
// case-insensitively, and an archive board is another board. Rename moves
// a scheme to boards and logins of another name in one call.
func ExampleBoard() {
	scheme, _ := bugflow.Fleet2022(exampleRoles)
	ready := func(title string) bugflow.Issue {
		return bugflow.Issue{Labels: []string{"bug", "#agent"}, Assignees: []string{"emma"},
			Boards: []bugflow.BoardItem{{Board: title, Column: "Ready"}}}
	}
	for _, title := range []string{"🚀 Release", " 🚀 RELEASE ", "🚀 Release (archive)", "Release"} {
		fmt.Printf("%-22q %s\n", title, scheme.Evaluate(ready(title)))
	}
	renamed, err := scheme.Rename(map[string]string{"🚀 Release": "Release", "🎁 Product": "Product", "xpkoala": "quinn"})
	fmt.Println(renamed.Evaluate(ready("Release")), err)
	// Output:
	// "🚀 Release"            reproduced
	// " 🚀 RELEASE "          reproduced
	// "🚀 Release (archive)"  unknown (orphan)
	// "Release"              unknown (orphan)
	// reproduced <nil>
}

// Check compares a scheme with the data before a bot acts on it: a
// misspelt label, a board under another title, and names the scheme has
// that the data lacks.
func ExampleScheme_Check() {
	scheme, _ := bugflow.Fleet2024(exampleRoles)
	issues := []bugflow.Issue{
		{Number: 1, Labels: []string{"bug", "reproduce"}},
		{Number: 2, Labels: []string{"bug", ":product", "#g-mdm"}, Boards: []bugflow.BoardItem{{Board: "Product", Column: ""}}},
		{Number: 3, Labels: []string{"bug", ":release"}, Boards: []bugflow.BoardItem{{Board: "🚀 Release", Column: "Blocked"}}},
	}
	c := scheme.Check(issues)
	for _, f := range c.Findings {
		if f.Kind != bugflow.Unused || f.What == "board" {
			fmt.Println(f)
		}
	}
	fmt.Println("refuse:", c.Err() != nil)
	// Output:
	// near miss: label "reproduce" (1 issue, e.g. #1) looks like ":reproduce"
	// near miss: board "Product" (1 issue, e.g. #2) looks like "🎁 Product"
	// unknown column: column "Blocked" of 🚀 Release (1 issue, e.g. #3)
	// unused: board "🎁 Product" never occurs in the data
	// refuse: false
}

// An evaluation explains itself: which qualifiers of the nearest states
// fail, in text a bot can post as a comment.
func ExampleScheme_Explain() {
	scheme, _ := bugflow.Fleet2022(exampleRoles)
	is := bugflow.Issue{Number: 17102, Labels: []string{"bug", ":reproduce"}, Assignees: []string{"dev-bo"}}
	fmt.Println(scheme.Explain(is))
	is = bugflow.Issue{Number: 17103, Labels: []string{"bug", "#agent"}, Assignees: []string{"dev-bo"},
		Boards: []bugflow.BoardItem{{Board: "🚀 Release", Column: "Ready"}}}
	fmt.Println(scheme.Explain(is))
	// Output:
	// #17102 is unknown (unclassified)
	// - nearest: inbox: fails no:assignee (assigned to dev-bo)
	// - nearest: in engineering: fails project:fleetdm/40 (on no board)
	// #17103 is reproduced (incomplete: no engineering manager)
	// - reproduced holds: is:issue is:open label:bug -label::reproduce -assignee:xpkoala project:fleetdm/40 -project:fleetdm/37 column:Ready
	// - no engineering manager (incomplete): is:issue is:open -role:em
}

// A report over the seven days before an instant counts what Fleet's
// "created:>= one week ago" searches count.
func ExampleSevenDaysBefore() {
	scheme, _ := bugflow.Fleet2024(exampleRoles)
	at := time.Date(2024, 3, 13, 17, 0, 0, 0, time.UTC)
	day := func(d, h int) time.Time { return time.Date(2024, 3, d, h, 0, 0, 0, time.UTC) }
	issues := []bugflow.Issue{
		{Number: 1, Labels: []string{"bug", ":reproduce"}, Created: day(6, 16)}, // before the window
		{Number: 2, Labels: []string{"bug", ":reproduce"}, Created: day(6, 17)}, // its first instant
		{Number: 3, Labels: []string{"bug"}, Created: day(11, 9), Closed: true, ClosedAt: day(12, 9)},
	}
	w := bugflow.SevenDaysBefore(at)
	r := scheme.Report(issues, at, bugflow.ReportOptions{Window: w})
	fmt.Println(w)
	fmt.Println(r.Summary())
	// Output:
	// 2024-03-06 17:00 UTC to 2024-03-13 17:00 UTC
	// bugs 2024-03-06 17:00 UTC to 2024-03-13 17:00 UTC: 2 opened, 1 closed, 2 open (inbox 2, reproduced 0, in engineering 0, awaiting QA 0); 0 orphans, 0 reproduced orphans; 2 overdue; average age 7d
}

// Weekly reports kept from earlier weeks show where work builds up (R24).
func ExampleTrendOf() {
	week := func(day int, inbox, reproduced, engineering, qa int) bugflow.Report {
		return bugflow.Report{At: time.Date(2024, 3, day, 17, 0, 0, 0, time.UTC), States: []bugflow.StateCount{
			{State: bugflow.Inbox, Name: "inbox", Count: inbox},
			{State: bugflow.Reproduced, Name: "reproduced", Count: reproduced},
			{State: bugflow.InEngineering, Name: "in engineering", Count: engineering},
			{State: bugflow.AwaitingQA, Name: "awaiting QA", Count: qa},
		}}
	}
	t := bugflow.TrendOf([]bugflow.Report{week(1, 6, 4, 8, 2), week(8, 5, 4, 8, 5), week(15, 6, 3, 9, 7)})
	fmt.Println(t)
	// Output:
	// trend over 3 weeks: inbox +0, reproduced -1, in engineering +1, awaiting QA +5; work builds up in awaiting QA
}

// workdays is a stand-in for sla.Calendar: it counts Monday to Friday only,
// in whole days, by arithmetic rather than by stepping through the days.
type workdays struct{}

func (workdays) Add(t time.Time, d time.Duration) time.Time {
	n := int(d / (24 * time.Hour))
	if n <= 0 {
		return t
	}
	// Count from Friday when t is on a weekend: n workdays from Saturday or
	// Sunday end where n workdays from Friday do.
	wd := (int(t.Weekday()) + 6) % 7 // Monday 0 .. Sunday 6
	back := max(wd-4, 0)
	days := n/5*7 + n%5 - back
	if wd-back+n%5 > 4 {
		days += 2 // the remainder crosses a weekend
	}
	y, m, dd := t.Date()
	return time.Date(y, m, dd+days, t.Hour(), t.Minute(), 0, 0, t.Location())
}

// The R18 week to reproduce, on the wall clock and in business days (R29).
func ExampleScheme_Agenda() {
	scheme, _ := bugflow.Fleet2022(exampleRoles)
	issues := []bugflow.Issue{{Number: 9, Labels: []string{"bug", ":reproduce"}, Created: time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)}}
	at := time.Date(2024, 3, 11, 12, 0, 0, 0, time.UTC)
	wall := scheme.Agenda(issues, at, nil)
	business := scheme.Agenda(issues, at, workdays{})
	fmt.Println("wall clock:", wall.Overdue)
	fmt.Println("workdays:  ", business.Overdue, "next", business.Next)
	// Output:
	// wall clock: [#9 reproduce (R18) due 2024-03-11 09:00 UTC]
	// workdays:   [] next #9 reproduce (R18) due 2024-03-13 09:00 UTC
}
