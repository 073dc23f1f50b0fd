package bugflow_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

func TestCheck(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	issues := []bugflow.Issue{
		{Number: 5, Labels: []string{"bug", "reproduce"}, Assignees: []string{"xpkoala"}},
		{Number: 3, Labels: []string{"Bug", "Reproduce", "docs"}},
		{Number: 7, Labels: []string{"bug", "#agent", "~more info neded"}, Boards: []bugflow.BoardItem{board("Release", "Ready"), board("🚀 release", "In Progres")}},
		{Number: 8, Labels: []string{"bug", "#platform", "#interface", ":reproduce", "P0", "P1", "P2", "customer-x", "~more info needed"},
			Boards: []bugflow.BoardItem{board("🚀 Release", "Ready"), board("🚀 Release (archive)", "Done"), board("🚀 Release", "Icebox")}},
	}
	c := s.Check(issues)
	require.NoError(t, c.Err())
	assert.Equal(t, []string{"🚀 Release"}, c.Boards)
	assert.Equal(t, 4, c.Issues)
	var got []string
	for _, f := range c.Findings {
		got = append(got, f.String())
	}
	assert.Equal(t, []string{
		`near miss: label "reproduce" (2 issues, e.g. #3) looks like ":reproduce"`,
		`near miss: label "~more info neded" (1 issue, e.g. #7) looks like "~more info needed"`,
		`near miss: board "Release" (1 issue, e.g. #7) looks like "🚀 Release"`,
		`near miss: column "In Progres" of 🚀 release (1 issue, e.g. #7) looks like "In progress"`,
		`unknown label: label "docs" (1 issue, e.g. #3)`,
		`unknown board: board "🚀 Release (archive)" (1 issue, e.g. #8)`,
		`unknown column: column "Icebox" of 🚀 Release (1 issue, e.g. #8)`,
		`unused: board "🎁 Product" never occurs in the data`,
		`unused: column "Awaiting QA" of 🚀 Release never occurs in the data`,
		`unused: column "In progress" of 🚀 Release never occurs in the data`,
		`unused: column "In review" of 🚀 Release never occurs in the data`,
		`unused: column "Ready for review" of 🚀 Release never occurs in the data`,
		`unused: login "pat" never occurs in the data`,
		`unused: login "emma" never occurs in the data`,
		`unused: login "quinn" never occurs in the data`,
	}, got)
	assert.Equal(t, bugflow.NearMiss, c.Findings[0].Kind)
	assert.Equal(t, ":reproduce", c.Findings[0].Near)
	assert.Equal(t, "~more info needed", c.Findings[1].Near)
	assert.Contains(t, c.String(), "unknown board")
}

// A bot refuses a scheme that sees none of the team's boards.
func TestCheckSeesNoBoard(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	issues := []bugflow.Issue{
		{Number: 1, Labels: []string{"bug", ":release"}, Boards: []bugflow.BoardItem{board("Release", "Ready")}},
		{Number: 2, Labels: []string{"bug", ":product"}, Boards: []bugflow.BoardItem{board("Product", "")}},
	}
	c := s.Check(issues)
	err = c.Err()
	require.ErrorIs(t, err, bugflow.ErrUnknownName)
	assert.EqualError(t, err, `bugflow: boards "🚀 Release, 🎁 Product": unknown name: none of the scheme's boards occurs in 2 issues; the data has Product, Release`)
	renamed, err := s.Rename(map[string]string{bugflow.ReleaseBoard: "Release", bugflow.ProductBoard: "Product"})
	require.NoError(t, err)
	require.NoError(t, renamed.Check(issues).Err())
	require.NoError(t, s.Check(nil).Err(), "no data, nothing to refuse")
}

func TestCheckSpeedShape(t *testing.T) {
	// Findings are the same whatever the order of the issues.
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	issues := randomIssues(2000, 17)
	a := s.Check(issues)
	rev := make([]bugflow.Issue, len(issues))
	for i, is := range issues {
		rev[len(issues)-1-i] = is
	}
	b := s.Check(rev)
	assert.Equal(t, a.Findings, b.Findings)
}

func TestExplain(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	// A reproduced bug that lost its board.
	is := bugflow.Issue{Number: 17102, Labels: []string{"bug", "#agent"}, Assignees: []string{"emma"}}
	e := s.Explain(is)
	assert.Equal(t, bugflow.Unknown, e.Evaluation.State)
	var reproduced bugflow.RuleCheck
	for _, c := range e.States {
		if c.Rule == "reproduced" {
			reproduced = c
		}
	}
	assert.Equal(t, []bugflow.Failure{{Term: "project:fleetdm/40", Why: "on no board"}}, reproduced.Fails,
		"the column's failure is the project's")
	assert.Contains(t, reproduced.Holds, "-label::reproduce")
	assert.Equal(t, "fails project:fleetdm/40 (on no board)", reproduced.Fails[0].String())
	near := e.Nearest()
	require.NotEmpty(t, near)
	assert.Contains(t, e.String(), "- nearest: reproduced: fails project:fleetdm/40 (on no board)")
	assert.Contains(t, e.String(), "- orphan (orphan): is:issue is:open label:bug -label::reproduce -project:fleetdm/37 -project:fleetdm/40")

	// Each failure says what the issue has instead.
	is = bugflow.Issue{Number: 9, Labels: []string{"bug", ":reproduce"}, Assignees: []string{"dev-bo"}, Closed: true,
		Boards: []bugflow.BoardItem{board(bugflow.ReleaseBoard, "Icebox")}}
	e = s.Explain(is)
	why := map[string]string{}
	for _, c := range e.States {
		for _, f := range c.Fails {
			why[f.Term] = f.Why
		}
	}
	assert.Equal(t, "closed", why["is:open"])
	assert.Equal(t, "has :reproduce", why["-label::reproduce"])
	assert.Equal(t, "assigned to dev-bo", why["no:assignee"])
	assert.Equal(t, "on 🚀 Release", why["-project:fleetdm/40"])
	assert.Equal(t, "in column Icebox of 🚀 Release", why[`column:"Awaiting QA"`])
	assert.Equal(t, "assigned to dev-bo (no role)", why["role:qa"])
	assert.Equal(t, bugflow.Closed, e.Evaluation.State)
	assert.Empty(t, bugflow.Explanation{}.Nearest())

	// A state that holds says which rule.
	e = s.Explain(bugflow.Issue{Number: 4, Labels: []string{"bug", ":reproduce"}})
	assert.Equal(t, "#4 is inbox\n- inbox holds: is:issue is:open label:bug label::reproduce no:assignee -project:fleetdm/37 -project:fleetdm/40", e.String())
	assert.Nil(t, e.Nearest())

	// Ambiguity names every state that holds.
	amb, err := bugflow.NewScheme(bugflow.Config{States: []bugflow.StateRule{
		{State: "inbox", Match: search("label:bug")}, {State: "closed", Match: search("label:P0")}}})
	require.NoError(t, err)
	e = amb.Explain(bugflow.Issue{Number: 2, Labels: []string{"bug", "P0"}})
	assert.Equal(t, "#2 is unknown (ambiguous: inbox|closed)\n- inbox (inbox) holds: label:bug\n- closed (closed) holds: label:P0", e.String())
}

func TestWindows(t *testing.T) {
	chicago, london := loc(t, "America/Chicago"), loc(t, "Europe/London")
	lordHowe := loc(t, "Australia/Lord_Howe")
	tests := []struct {
		name     string
		w        bugflow.Window
		from, to time.Time
	}{
		{"week from Wednesday", bugflow.WeekStarting(time.Date(2024, 3, 6, 12, 0, 0, 0, time.UTC), time.Wednesday),
			time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 13, 0, 0, 0, 0, time.UTC)},
		{"week from Wednesday, on a Tuesday", bugflow.WeekStarting(time.Date(2024, 3, 5, 23, 59, 0, 0, time.UTC), time.Wednesday),
			time.Date(2024, 2, 28, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC)},
		{"week from Sunday across spring forward", bugflow.WeekStarting(time.Date(2024, 3, 12, 9, 0, 0, 0, chicago), time.Sunday),
			time.Date(2024, 3, 10, 0, 0, 0, 0, chicago), time.Date(2024, 3, 17, 0, 0, 0, 0, chicago)},
		{"ISO week over a leap day", bugflow.ISOWeek(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)),
			time.Date(2024, 2, 26, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)},
		{"seven days before, across spring forward", bugflow.SevenDaysBefore(time.Date(2024, 3, 31, 12, 0, 0, 0, london)),
			time.Date(2024, 3, 24, 12, 0, 0, 0, london), time.Date(2024, 3, 31, 12, 0, 0, 0, london)},
		{"seven days before, over the year end", bugflow.SevenDaysBefore(time.Date(2025, 1, 3, 8, 0, 0, 0, lordHowe)),
			time.Date(2024, 12, 27, 8, 0, 0, 0, lordHowe), time.Date(2025, 1, 3, 8, 0, 0, 0, lordHowe)},
	}
	for _, tt := range tests {
		assert.True(t, tt.w.From.Equal(tt.from), "%s: From = %v, want %v", tt.name, tt.w.From, tt.from)
		assert.True(t, tt.w.To.Equal(tt.to), "%s: To = %v, want %v", tt.name, tt.w.To, tt.to)
		assert.True(t, tt.w.Contains(tt.from), "%s: the start is included", tt.name)
		assert.False(t, tt.w.Contains(tt.to), "%s: the end is excluded", tt.name)
	}
	assert.Equal(t, 167*time.Hour, bugflow.SevenDaysBefore(time.Date(2024, 3, 31, 12, 0, 0, 0, london)).To.Sub(bugflow.SevenDaysBefore(time.Date(2024, 3, 31, 12, 0, 0, 0, london)).From))
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		at := time.Date(2024, 11, 3, 1, 30, 0, 0, chicago)
		w := bugflow.WeekStarting(at, wd)
		assert.Equal(t, wd, w.From.Weekday())
		assert.True(t, w.Contains(at), "%s", wd)
	}

	from := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	w, err := bugflow.NewWindow(from, from.AddDate(0, 0, 10))
	require.NoError(t, err)
	assert.Equal(t, "2024-03-01 00:00 UTC to 2024-03-11 00:00 UTC", w.String())
	assert.Equal(t, "2024-W09", bugflow.ISOWeek(from).String())
	_, err = bugflow.NewWindow(time.Time{}, from)
	require.ErrorIs(t, err, bugflow.ErrZeroTime)
	_, err = bugflow.NewWindow(from, time.Time{})
	require.ErrorIs(t, err, bugflow.ErrZeroTime)
	_, err = bugflow.NewWindow(from, from.Add(-1))
	require.ErrorIs(t, err, bugflow.ErrConfig)
	empty, err := bugflow.NewWindow(from, from)
	require.NoError(t, err)
	assert.False(t, empty.Contains(from), "an empty window holds nothing")
}

// Report counts opened and closed bugs over the window it is given.
func TestReportWindow(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	at := time.Date(2024, 3, 13, 12, 0, 0, 0, time.UTC) // a Wednesday
	day := func(d int) time.Time { return time.Date(2024, 3, d, 12, 0, 0, 0, time.UTC) }
	issues := []bugflow.Issue{
		{Number: 1, Labels: []string{"bug", ":reproduce"}, Created: day(6)},                   // a week before at, to the instant
		{Number: 2, Labels: []string{"bug", ":reproduce"}, Created: day(11)},                  // Monday
		{Number: 3, Labels: []string{"bug"}, Created: day(1), Closed: true, ClosedAt: day(8)}, // closed the Friday before
		{Number: 4, Labels: []string{"bug"}, Created: day(12), Closed: true, ClosedAt: day(13)},
	}
	count := func(w bugflow.Window) (int, int) {
		r := s.Report(issues, at, bugflow.ReportOptions{Window: w})
		assert.Equal(t, w, r.Window)
		return r.Opened, r.Closed
	}
	o, c := count(bugflow.ISOWeek(at))
	assert.Equal(t, [2]int{2, 1}, [2]int{o, c}, "ISO week: #2, #4 opened; #4 closed")
	o, c = count(bugflow.SevenDaysBefore(at))
	assert.Equal(t, [2]int{3, 1}, [2]int{o, c}, "seven days: #1 at the start is in, #4 closed at the end is out")
	o, c = count(bugflow.WeekStarting(at, time.Friday))
	assert.Equal(t, [2]int{2, 2}, [2]int{o, c}, "week from Friday 8th")
	w, _ := bugflow.NewWindow(day(1), day(7))
	o, c = count(w)
	assert.Equal(t, [2]int{2, 0}, [2]int{o, c}, "explicit [from, to)")
	zero := s.Report(issues, at, bugflow.ReportOptions{})
	assert.Equal(t, bugflow.ISOWeek(at), zero.Window, "the zero window is the ISO week")
}

// Labels the scheme lists as known are not reported.
func TestCheckKnownLabels(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	c := s.Check([]bugflow.Issue{{Number: 1, Labels: []string{"bug", "~Released bug", "~unreleased bug", "~released bugs"}}})
	var labels []string
	for _, f := range c.Findings {
		if f.What == "label" && f.Kind != bugflow.Unused {
			labels = append(labels, f.String())
		}
	}
	assert.Equal(t, []string{`near miss: label "~released bugs" (1 issue, e.g. #1) looks like "~released bug"`}, labels)
}

func TestConfigString(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	text := s.Config().String()
	assert.True(t, strings.HasPrefix(text, "scheme fleet-2022 (within is:issue is:open)\nstate inbox: is:issue is:open label:bug label::reproduce no:assignee -project:fleetdm/37 -project:fleetdm/40\n"), text)
	assert.Contains(t, text, "\ndiagnosis incomplete (no engineering manager) in reproduced: -role:em")
}
