package bugflow_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

func TestISOWeek(t *testing.T) {
	chicago, london := loc(t, "America/Chicago"), loc(t, "Europe/London")
	lordHowe, kathmandu := loc(t, "Australia/Lord_Howe"), loc(t, "Asia/Kathmandu")
	tests := []struct {
		name string
		at   time.Time
		from time.Time
		len  time.Duration
	}{
		{"midweek", time.Date(2024, 3, 6, 15, 0, 0, 0, time.UTC), time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), 168 * time.Hour},
		{"Monday 00:00 starts its week", time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), 168 * time.Hour},
		{"Sunday 23:59 ends it", time.Date(2024, 3, 10, 23, 59, 59, 0, time.UTC), time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), 168 * time.Hour},
		{"Chicago spring", time.Date(2024, 3, 10, 12, 0, 0, 0, chicago), time.Date(2024, 3, 4, 0, 0, 0, 0, chicago), 167 * time.Hour},
		{"Chicago fall", time.Date(2024, 11, 4, 0, 0, 0, 0, chicago), time.Date(2024, 11, 4, 0, 0, 0, 0, chicago), 168 * time.Hour},
		{"Chicago fall week", time.Date(2024, 11, 3, 1, 30, 0, 0, chicago), time.Date(2024, 10, 28, 0, 0, 0, 0, chicago), 169 * time.Hour},
		{"London spring", time.Date(2024, 3, 31, 1, 30, 0, 0, london), time.Date(2024, 3, 25, 0, 0, 0, 0, london), 167 * time.Hour},
		{"Lord Howe", time.Date(2024, 10, 6, 12, 0, 0, 0, lordHowe), time.Date(2024, 9, 30, 0, 0, 0, 0, lordHowe), 168*time.Hour - 30*time.Minute},
		{"Kathmandu", time.Date(2024, 1, 1, 0, 0, 0, 0, kathmandu), time.Date(2024, 1, 1, 0, 0, 0, 0, kathmandu), 168 * time.Hour},
		{"leap day", time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC), time.Date(2024, 2, 26, 0, 0, 0, 0, time.UTC), 168 * time.Hour},
		{"year end", time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC), time.Date(2024, 12, 30, 0, 0, 0, 0, time.UTC), 168 * time.Hour},
	}
	for _, tt := range tests {
		w := bugflow.ISOWeek(tt.at)
		from, to := w.From, w.To
		assert.True(t, from.Equal(tt.from), "%s: ISOWeek(%v) from = %v, want %v", tt.name, tt.at, from, tt.from)
		assert.True(t, w.Contains(tt.at), tt.name)
		assert.Equal(t, tt.len, to.Sub(from), "%s: length", tt.name)
		assert.Equal(t, time.Monday, from.Weekday(), tt.name)
		assert.Equal(t, time.Monday, to.Weekday(), tt.name)
		assert.False(t, tt.at.Before(from), tt.name)
		assert.True(t, tt.at.Before(to), "%s: half-open", tt.name)
	}
}

// Property: the report's counts agree with a direct count of the issues.
func TestReportCounts(t *testing.T) {
	for _, p := range presets {
		s, err := p.make(testRoles)
		require.NoError(t, err)
		issues := randomIssues(3000, 41)
		for _, at := range []time.Time{
			time.Date(2024, 3, 6, 12, 0, 0, 0, time.UTC),
			time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC),
			time.Date(2025, 1, 1, 0, 0, 0, 0, loc(t, "Asia/Kathmandu")),
		} {
			r := s.Report(issues, at, bugflow.ReportOptions{})
			from := bugflow.ISOWeek(at).From
			var opened, closed, open int
			states := map[bugflow.State]int{}
			var orphans []int
			var ageHours float64
			for _, is := range issues {
				if is.Created.After(at) {
					continue
				}
				if !is.Created.Before(from) {
					opened++
				}
				if is.Closed {
					if !is.ClosedAt.Before(from) && !is.ClosedAt.After(at) {
						closed++
					}
					continue
				}
				open++
				v := s.Evaluate(is)
				states[v.State]++
				if v.Diagnoses.Has(bugflow.Orphan) {
					orphans = append(orphans, is.Number)
				}
				ageHours += at.Sub(is.Created).Hours()
			}
			assert.Equal(t, opened, r.Opened, "%s %v opened", p.name, at)
			assert.Equal(t, closed, r.Closed, "%s %v closed", p.name, at)
			assert.Equal(t, open, r.Open, "%s %v open", p.name, at)
			for _, c := range r.States {
				assert.Equal(t, states[c.State], c.Count, "%s %v state %s", p.name, at, c.Name)
			}
			assert.Equal(t, states[bugflow.Unknown], r.NoState, "%s %v no state", p.name, at)
			assert.Len(t, r.States, len(s.Flow()), "every state of the flow is counted")
			assert.Equal(t, orphans, r.Orphans, "%s %v orphans", p.name, at)
			if open > 0 {
				assert.InDelta(t, ageHours/float64(open), r.AverageAge.Hours(), 1e-6, "%s %v age", p.name, at)
			}
			sum := r.NoState
			for _, c := range r.States {
				sum += c.Count
			}
			assert.Equal(t, r.Open, sum)
			var kept []bugflow.Issue
			for _, is := range issues {
				if !is.Created.After(at) {
					kept = append(kept, is)
				}
			}
			agenda := s.Agenda(kept, at, nil)
			assert.Len(t, r.Agenda.Overdue, len(agenda.Overdue))
			assert.True(t, slices.IsSortedFunc(r.Agenda.Overdue, func(a, b bugflow.Deadline) int { return a.Due.Compare(b.Due) }))
		}
	}
}

func TestReportAgePolicy(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	at := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) []bugflow.Issue {
		return []bugflow.Issue{{Number: 1, Labels: []string{"bug"}, Created: at.Add(-d)}}
	}
	policy := bugflow.Fleet2024Age()
	day := 24 * time.Hour
	assert.Zero(t, s.Report(ago(32*day), at, bugflow.ReportOptions{Age: policy}).BugShare, "exactly 32 days is not above")
	assert.Equal(t, 0.5, s.Report(ago(32*day+time.Second), at, bugflow.ReportOptions{Age: policy}).BugShare)
	assert.Zero(t, s.Report(ago(90*day), at, bugflow.ReportOptions{}).BugShare, "the zero policy never applies")
	assert.Zero(t, s.Report(nil, at, bugflow.ReportOptions{Age: policy}).AverageAge)
	// An issue without a creation time counts as open but not in the age.
	noTime := append(ago(10*day), bugflow.Issue{Number: 2, Labels: []string{"bug"}})
	r0 := s.Report(noTime, at, bugflow.ReportOptions{})
	assert.Equal(t, 2, r0.Open)
	assert.Equal(t, 10*day, r0.AverageAge)

	// Ten thousand bugs ten years old do not overflow.
	var old []bugflow.Issue
	for i := range 10000 {
		old = append(old, bugflow.Issue{Number: i + 1, Labels: []string{"bug"}, Created: at.AddDate(-10, 0, 0)})
	}
	r := s.Report(old, at, bugflow.ReportOptions{Age: policy})
	assert.Equal(t, "3653d", bugflow.Days(r.AverageAge))
}

func TestReportSummary(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	at := time.Date(2024, 3, 6, 12, 0, 0, 0, time.UTC)
	issues := []bugflow.Issue{
		{Number: 1, Labels: []string{"bug"}, Created: at.AddDate(0, 0, -40)},
		{Number: 2, Labels: []string{"bug"}, Created: at.AddDate(0, 0, -1), Assignees: []string{"emma"}, Boards: []bugflow.BoardItem{board(bugflow.ReleaseBoard, "Ready")}},
		{Number: 3, Labels: []string{"bug", ":reproduce"}, Created: at.AddDate(0, 0, -10)},
	}
	r := s.Report(issues, at, bugflow.ReportOptions{Age: bugflow.Fleet2024Age()})
	assert.Equal(t, "bugs 2024-W10: 1 opened, 0 closed, 3 open (inbox 1, acknowledged 0, reproduced 1, in engineering 0, awaiting QA 0, no state 1); 1 orphan, 1 reproduced orphan; 1 overdue; average age 17d", r.Summary())
	assert.Equal(t, []int{1}, r.Orphans)
	assert.Equal(t, []int{2}, r.ReproducedOrphans)
}

// Reports are stored between weeks for TrendOf: they round-trip through JSON.
func TestReportJSON(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	at := time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)
	r := s.Report(randomIssues(500, 61), at, bugflow.ReportOptions{Age: bugflow.Fleet2024Age()})
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var back bugflow.Report
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r.States, back.States)
	assert.Equal(t, r.Orphans, back.Orphans)
	assert.Equal(t, r.Summary(), back.Summary())
	assert.True(t, r.At.Equal(back.At))
	assert.Equal(t, bugflow.TrendOf([]bugflow.Report{r, r}), bugflow.TrendOf([]bugflow.Report{back, r}))
}

func TestTrend(t *testing.T) {
	names := []string{"inbox", "reproduced", "in engineering", "awaiting QA"}
	mk := func(day int, counts ...int) bugflow.Report {
		r := bugflow.Report{At: time.Date(2024, 3, day, 0, 0, 0, 0, time.UTC), Opened: 2, Closed: 1}
		for i, n := range names {
			c := 0
			if i < len(counts) {
				c = counts[i]
			}
			r.States = append(r.States, bugflow.StateCount{State: bugflow.Inbox + bugflow.State(i), Name: n, Count: c})
		}
		return r
	}
	reports := []bugflow.Report{mk(20, 4, 5, 9, 3), mk(6, 5, 5, 5, 5), mk(13, 6, 5, 7, 4)}
	tr := bugflow.TrendOf(reports)
	assert.Equal(t, 3, tr.Weeks)
	assert.True(t, tr.From.Equal(reports[1].At))
	assert.True(t, tr.To.Equal(reports[0].At))
	assert.Equal(t, bugflow.StateCount{State: bugflow.Inbox, Name: "inbox", Count: -1}, tr.Delta[0])
	assert.Equal(t, bugflow.StateCount{State: bugflow.InEngineering, Name: "in engineering", Count: 4}, tr.Delta[2])
	assert.Equal(t, bugflow.InEngineering, tr.BuildingUp)
	assert.Equal(t, 4, tr.Opened, "the first week's own numbers are the baseline")
	assert.Equal(t, 2, tr.Closed)
	assert.Equal(t, "trend over 3 weeks: inbox -1, reproduced +0, in engineering +4, awaiting QA -2; work builds up in in engineering", tr.String())

	// A tie goes to the earlier state; nothing growing is nowhere.
	assert.Equal(t, bugflow.Inbox, bugflow.TrendOf([]bugflow.Report{mk(1, 1, 1), mk(8, 3, 3)}).BuildingUp)
	flat := bugflow.TrendOf([]bugflow.Report{mk(1, 3, 3), mk(8, 3, 1)})
	assert.Equal(t, bugflow.Unknown, flat.BuildingUp)
	assert.Contains(t, flat.String(), "builds up in nowhere")
	assert.Zero(t, bugflow.TrendOf(nil).Weeks)
	assert.Equal(t, 4, reports[0].Count(bugflow.Inbox), "TrendOf does not reorder its argument")
}

func TestCompare(t *testing.T) {
	s, err := bugflow.Fleet2024(testRoles)
	require.NoError(t, err)
	issues := randomIssues(2000, 51)
	slices.SortFunc(issues, s.Compare)
	for i := 1; i < len(issues); i++ {
		a, b := issues[i-1], issues[i]
		pa, pb := s.Priority(a), s.Priority(b)
		require.LessOrEqual(t, pa, pb, "#%d before #%d", a.Number, b.Number)
		if pa == pb {
			require.False(t, b.Created.Before(a.Created), "oldest first within a rank")
		}
		assert.Equal(t, -s.Compare(b, a), s.Compare(a, b), "antisymmetric")
	}
	assert.Equal(t, 0, s.Compare(issues[0], issues[0]))
	assert.Equal(t, 0, s.Priority(bugflow.Issue{Labels: []string{"P2", " p0"}}), "the most urgent label counts")
	assert.Equal(t, 3, s.Priority(bugflow.Issue{Labels: []string{"Customer-Acme"}}))
	assert.Equal(t, 4, s.Priority(bugflow.Issue{Labels: []string{"bug"}}))
}

// Instants exactly on the week's edges: the week starts Monday 00:00
// (included) and the report counts up to At (included).
func TestReportBoundaries(t *testing.T) {
	s, err := bugflow.Fleet2022(testRoles)
	require.NoError(t, err)
	london := loc(t, "Europe/London")
	// The week of the spring-forward Sunday, 2024-03-31.
	monday := time.Date(2024, 3, 25, 0, 0, 0, 0, london)
	at := time.Date(2024, 3, 31, 12, 0, 0, 0, london)
	bug := func(n int, created time.Time) bugflow.Issue {
		return bugflow.Issue{Number: n, Labels: []string{"bug", ":reproduce"}, Created: created}
	}
	closed := func(n int, created, closedAt time.Time) bugflow.Issue {
		is := bug(n, created)
		is.Closed, is.ClosedAt = true, closedAt
		return is
	}
	issues := []bugflow.Issue{
		bug(1, monday),                                      // opened: on the start
		bug(2, monday.Add(-time.Nanosecond)),                // not opened: just before
		bug(3, at),                                          // opened: at the report instant
		bug(4, at.Add(time.Nanosecond)),                     // ignored: after the report
		closed(5, monday.AddDate(0, -1, 0), monday),         // closed this week: on the start
		closed(6, monday.AddDate(0, -1, 0), at),             // closed this week: at the instant
		closed(7, monday.AddDate(0, -1, 0), monday.Add(-1)), // closed last week
	}
	r := s.Report(issues, at, bugflow.ReportOptions{})
	assert.True(t, r.Window.From.Equal(monday), "From = %v", r.Window.From)
	assert.Equal(t, 167*time.Hour, r.Window.To.Sub(r.Window.From), "the spring-forward week is an hour short")
	assert.Equal(t, 2, r.Opened, "#1 and #3")
	assert.Equal(t, 2, r.Closed)
	assert.Equal(t, 3, r.Open)
	assert.Equal(t, 3, r.Count(bugflow.Inbox))
}
