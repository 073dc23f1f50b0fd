package sprint_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/require"
	"github.com/teamcadence/cadence/sprint"
)

// refCeremonyDays is a brute-force model of the days a Schedule holds a
// ceremony in sprint s: it scans every day of the sprint for the rule's
// planned days and walks day by day for a move.
func refCeremonyDays(rule string, wd time.Weekday, n int, m sprint.Move, w offDays, s sprint.Sprint) []date.Date {
	var planned []date.Date
	for d := s.Start; d < s.End; d++ {
		switch rule {
		case "first":
			if d.Weekday() == wd && len(planned) == 0 {
				planned = append(planned, d)
			}
		case "last":
			if d.Weekday() == wd {
				planned = []date.Date{d}
			}
		case "each":
			if d.Weekday() == wd {
				planned = append(planned, d)
			}
		case "workday":
			if w.IsWorkday(d) {
				planned = append(planned, d)
			}
		case "day":
			if int(d-s.Start)+1 == n {
				planned = append(planned, d)
			}
		}
	}
	var out []date.Date
	for _, p := range planned {
		d, ok := p, w.IsWorkday(p) || m == sprint.Stay
		for k := 1; !ok && m != sprint.Skip && k <= sprint.MaxMove; k++ {
			if m == sprint.Earlier {
				d = p - date.Date(k)
			} else {
				d = p + date.Date(k)
			}
			if !s.Contains(d) {
				break
			}
			ok = w.IsWorkday(d)
		}
		if ok && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

// TestCeremoniesProperty compares Schedule.Ceremonies with the brute-force
// model for random cadences, rules, moves and holidays (fixed seed), and
// checks that events are in order, on working days and inside the sprint.
func TestCeremoniesProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 2023))
	zones := []string{"America/Chicago", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu"}
	moves := []sprint.Move{sprint.Stay, sprint.Skip, sprint.Earlier, sprint.Later}
	kinds := []string{"first", "last", "each", "workday", "day"}
	for iter := range 300 {
		loc := mustLoad(t, zones[rng.IntN(len(zones))])
		weeks := 1 + rng.IntN(4)
		first := date.Date(rng.Int64N(40_000)) + 725_000 // about 1986-2096
		c := sprint.MustNewCadence(first, weeks)
		s := c.Sprint(rng.IntN(20) - 10)
		w := offDays{off: map[date.Date]bool{}, weekends: rng.IntN(3) == 0}
		for range rng.IntN(12) {
			w.off[s.Start+date.Date(rng.IntN(s.Days()+10))-5] = true
		}
		kind := kinds[rng.IntN(len(kinds))]
		wd := time.Weekday(rng.IntN(7))
		n := 1 + rng.IntN(7*weeks)
		var rule sprint.DayRule
		switch kind {
		case "first":
			rule = sprint.FirstWeekday(wd)
		case "last":
			rule = sprint.LastWeekday(wd)
		case "each":
			rule = sprint.EachWeek(wd)
		case "workday":
			rule = sprint.EveryWorkday()
		default:
			rule = sprint.DayOfSprint(n)
		}
		m := moves[rng.IntN(len(moves))]
		cer := sprint.Ceremony{Name: "C", Rule: rule, Time: hm(rng.IntN(25), 0), Duration: time.Duration(rng.IntN(120)) * time.Minute, Move: m}
		if cer.Time == hm(24, 0) {
			cer.Time = hm(0, 0) // keep 24:00 for the table tests; its Start is the next day
		}
		cal, err := sprint.NewSchedule(c, loc, w, nil, cer)
		require.NoError(t, err)
		var got []date.Date
		var prev time.Time
		for e := range cal.Ceremonies(s) {
			require.True(t, s.Contains(e.Day), "iteration %d: %v outside %v", iter, e, s)
			require.True(t, w.IsWorkday(e.Day) || m == sprint.Stay, "iteration %d: %v on a non-working day", iter, e)
			require.False(t, e.Start.Before(prev), "iteration %d: out of order", iter)
			require.Equal(t, time.Duration(cer.Duration), e.End.Sub(e.Start))
			prev = e.Start
			got = append(got, e.Day)
		}
		want := refCeremonyDays(kind, wd, n, m, w, s)
		require.Equal(t, want, got, "iteration %d: %v %v %v in %v", iter, rule, m, loc, s)
		if kind == "each" {
			require.LessOrEqual(t, len(got), weeks, "at most one per week")
		}
	}
}
