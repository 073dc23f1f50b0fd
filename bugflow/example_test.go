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
	   "projectItems": [{"title": "Release", "status": {"name": "Ready"}}]},
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
	// #101 inbox -> reproduced (reproduce): add label #agent; remove label :reproduce; assign emma; move to Release / Ready <nil>
	// reproduced
	// bugflow: cannot move inbox -> awaiting QA true true
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
			Boards: []bugflow.BoardItem{{Board: "Release", Column: "In progress"}}},
		{Number: 5, Labels: []string{"bug"}, Created: day(1), Closed: true, ClosedAt: day(5)},
	}
	r := scheme.Report(issues, day(8), bugflow.ReportOptions{Age: bugflow.Fleet2024Age()})
	fmt.Println(r.Summary())
	for _, d := range r.Agenda.Overdue {
		fmt.Println("overdue:", d)
	}
	fmt.Printf("next: #%d %s due %s\n", r.Agenda.Next.Number, r.Agenda.Next.Timer, r.Agenda.Next.Due.Format(time.DateOnly))
	// Output:
	// bugs 2024-W10: 2 opened, 1 closed, 4 open (inbox 2, reproduced 0, in engineering 1, awaiting QA 0, no state 1); 1 orphan, 0 reproduced orphans; 1 overdue; average age 4d
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

// A scheme is data: a team writes its own rules, here a one-board process
// where a "triage" label is the inbox.
func ExampleNewScheme() {
	scheme, err := bugflow.NewScheme(bugflow.Config{
		Name:  "small-team-2025",
		Roles: map[string]string{"lee": "lead"},
		States: []bugflow.StateRule{
			{Name: "triage", State: bugflow.Inbox, Match: bugflow.Match{Status: bugflow.StatusOpen, Labels: []string{"defect", "triage"}}},
			{Name: "doing", State: bugflow.InEngineering, Match: bugflow.Match{Status: bugflow.StatusOpen, Labels: []string{"defect"}, NoLabel: []string{"triage"}, Board: "Kanban", Columns: []string{"Doing"}}},
			{Name: "done", State: bugflow.Closed, Match: bugflow.Match{Status: bugflow.StatusClosed, Labels: []string{"defect"}}},
		},
		Diagnoses: []bugflow.DiagnosisRule{
			{Name: "lost", Diagnosis: bugflow.Orphan, Match: bugflow.Match{Status: bugflow.StatusOpen, Labels: []string{"defect"}, NoLabel: []string{"triage"}, OffBoard: []string{"Kanban"}}},
		},
		Transitions: []bugflow.Transition{
			{Name: "take", From: bugflow.Inbox, To: bugflow.InEngineering, Remove: []string{"triage"}, Board: "Kanban", Column: "Doing", Assign: "lead"},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	is := bugflow.Issue{Number: 7, Labels: []string{"Defect", "Triage"}}
	edit, _ := scheme.Plan(is, bugflow.InEngineering, bugflow.MoveOptions{})
	fmt.Println(scheme.Evaluate(is).State, "|", edit)
	fmt.Println(scheme.Evaluate(bugflow.Issue{Labels: []string{"defect"}}).Diagnoses)
	// Output:
	// inbox | #7 inbox -> in engineering (take): remove label Triage; assign lee; move to Kanban / Doing
	// orphan
}

// Weekly reports kept from earlier weeks show where work builds up (R24).
func ExampleTrendOf() {
	week := func(day int, inbox, reproduced, engineering, qa int) bugflow.Report {
		r := bugflow.Report{At: time.Date(2024, 3, day, 17, 0, 0, 0, time.UTC)}
		r.States[bugflow.Inbox], r.States[bugflow.Reproduced] = inbox, reproduced
		r.States[bugflow.InEngineering], r.States[bugflow.AwaitingQA] = engineering, qa
		return r
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
