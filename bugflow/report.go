package bugflow

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// WeekOf returns the ISO week that holds t, in t's location: from Monday
// 00:00 (included) to the next Monday 00:00 (excluded). Across a DST change
// the week is 167 or 169 hours long.
func WeekOf(t time.Time) (from, to time.Time) {
	y, m, d := t.Date()
	back := (int(t.Weekday()) + 6) % 7
	return time.Date(y, m, d-back, 0, 0, 0, 0, t.Location()), time.Date(y, m, d-back+7, 0, 0, 0, 0, t.Location())
}

// An AgePolicy is the newer handbook's rule on bug age: when the average
// open time of bugs is above Limit, Share of sprint capacity goes to bugs.
// The zero AgePolicy never applies.
type AgePolicy struct {
	Limit time.Duration
	Share float64 // 0..1
}

// Fleet2024Age is the later Fleet handbook's rule: above 32 days of average
// open time, half of sprint capacity goes to bugs.
func Fleet2024Age() AgePolicy { return AgePolicy{Limit: 32 * 24 * time.Hour, Share: 0.5} }

// Applies reports whether the policy applies to an average open time: the
// policy has a limit and avg is above it.
func (p AgePolicy) Applies(avg time.Duration) bool { return p.Limit > 0 && avg > p.Limit }

// ReportOptions tune Report: Calendar counts timer durations (nil for
// WallClock) and Age is the optional age rule.
type ReportOptions struct {
	Calendar Adder
	Age      AgePolicy
}

// A Report is the R24 weekly metrics of a set of bugs at one instant, plus
// the R23 orphans and the timers' agenda.
//
// States are read from the issues' labels as given, so At should be the
// instant the issues were fetched. Issues created after At are ignored.
// Open and States count open issues; States[Unknown] counts open issues in
// no state (orphans, ambiguous and unclassified ones).
type Report struct {
	At       time.Time
	From, To time.Time // the ISO week holding At: [From, To)
	Opened   int       // created in [From, At]
	Closed   int       // closed in [From, At]
	Open     int
	States   [NumStates]int
	// Issue numbers, ascending.
	Orphans           []int
	ReproducedOrphans []int
	Ambiguous         []int
	Unclassified      []int
	// AverageAge is the mean of At - Created over open issues with a
	// creation time (0 for none).
	AverageAge time.Duration
	// BugShare is the share of sprint capacity the age policy gives bugs:
	// the policy's Share when it applies, else 0.
	BugShare float64
	Agenda   Agenda
}

// Report computes the weekly report of the issues at the instant. The week
// and the timers are in at's location (see Scheme.Agenda).
func (s Scheme) Report(issues []Issue, at time.Time, opts ReportOptions) Report {
	s = s.orEmpty()
	r := Report{At: at}
	r.From, r.To = WeekOf(at)
	r.Agenda.At = at
	var age time.Duration
	var ageDays float64
	aged := 0
	var buf [3]Deadline
	for i := range issues {
		is := &issues[i]
		if is.Created.After(at) {
			continue
		}
		if !is.Created.Before(r.From) {
			r.Opened++
		}
		if is.Closed {
			if !is.ClosedAt.IsZero() && !is.ClosedAt.Before(r.From) && !is.ClosedAt.After(at) {
				r.Closed++
			}
			continue
		}
		v := s.evaluate(is)
		r.Open++
		r.States[v.State]++
		if v.Diagnoses.Has(Orphan) {
			r.Orphans = append(r.Orphans, is.Number)
		}
		if v.Diagnoses.Has(ReproducedOrphan) {
			r.ReproducedOrphans = append(r.ReproducedOrphans, is.Number)
		}
		if v.Diagnoses.Has(Ambiguous) {
			r.Ambiguous = append(r.Ambiguous, is.Number)
		}
		if v.Diagnoses.Has(Unclassified) {
			r.Unclassified = append(r.Unclassified, is.Number)
		}
		// Sum ages in days as float64 so that 10,000 old bugs do not
		// overflow a Duration.
		if !is.Created.IsZero() {
			ageDays += at.Sub(is.Created).Hours() / 24
			aged++
		}
		s.agendaOne(&r.Agenda, buf[:0], is, v, opts.Calendar)
	}
	if aged > 0 {
		age = time.Duration(ageDays / float64(aged) * 24 * float64(time.Hour))
	}
	r.AverageAge = age
	if opts.Age.Applies(age) {
		r.BugShare = opts.Age.Share
	}
	for _, ns := range [][]int{r.Orphans, r.ReproducedOrphans, r.Ambiguous, r.Unclassified} {
		slices.Sort(ns)
	}
	sortDeadlines(r.Agenda.Overdue)
	return r
}

// Summary returns the report on one line, for a handbook or chat message:
//
//	bugs 2024-W10: 4 opened, 3 closed, 38 open (inbox 6, reproduced 9, ...); 2 orphans, 1 reproduced orphan; 3 overdue; average age 41d
func (r Report) Summary() string {
	var b strings.Builder
	y, w := r.From.ISOWeek()
	fmt.Fprintf(&b, "bugs %d-W%02d: %d opened, %d closed, %d open (", y, w, r.Opened, r.Closed, r.Open)
	for i, st := range []State{Inbox, Reproduced, InEngineering, AwaitingQA} {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", st, r.States[st])
	}
	if n := r.States[Unknown]; n > 0 {
		fmt.Fprintf(&b, ", no state %d", n)
	}
	fmt.Fprintf(&b, "); %s, %s", plural(len(r.Orphans), "orphan"), plural(len(r.ReproducedOrphans), "reproduced orphan"))
	if n := len(r.Ambiguous); n > 0 {
		fmt.Fprintf(&b, ", %d ambiguous", n)
	}
	fmt.Fprintf(&b, "; %d overdue; average age %s", len(r.Agenda.Overdue), Days(r.AverageAge))
	if r.BugShare > 0 {
		fmt.Fprintf(&b, " (%.0f%% of sprint capacity to bugs)", r.BugShare*100)
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Days formats a duration in whole days, dropping any part of a day (toward
// zero), as "41d"; less than a day either way gives "0d".
func Days(d time.Duration) string { return fmt.Sprintf("%dd", int(d/(24*time.Hour))) }

// A Trend compares weekly reports: the change in each state's count from the
// first report to the last, the bugs opened and closed in between, and the
// open state where work builds up the most.
type Trend struct {
	From, To       time.Time // At of the first and last report
	Weeks          int       // reports compared
	Delta          [NumStates]int
	Opened, Closed int
	// BuildingUp is the open state whose count grew the most (the earliest
	// in the flow on a tie); Unknown when none grew.
	BuildingUp State
}

// TrendOf returns the trend over the reports, which may come in any order
// (they are ordered by At). Fewer than two reports give no deltas.
func TrendOf(reports []Report) Trend {
	rs := slices.Clone(reports)
	slices.SortStableFunc(rs, func(a, b Report) int { return a.At.Compare(b.At) })
	var t Trend
	t.Weeks = len(rs)
	if len(rs) == 0 {
		return t
	}
	first, last := rs[0], rs[len(rs)-1]
	t.From, t.To = first.At, last.At
	for i := range NumStates {
		t.Delta[i] = last.States[i] - first.States[i]
	}
	for _, r := range rs[1:] {
		t.Opened += r.Opened
		t.Closed += r.Closed
	}
	best := 0
	for _, st := range []State{Inbox, Reproduced, InEngineering, AwaitingQA} {
		if t.Delta[st] > best {
			best, t.BuildingUp = t.Delta[st], st
		}
	}
	return t
}

// String describes the trend on one line.
func (t Trend) String() string {
	var parts []string
	for _, st := range []State{Inbox, Reproduced, InEngineering, AwaitingQA} {
		parts = append(parts, fmt.Sprintf("%s %+d", st, t.Delta[st]))
	}
	where := "nowhere"
	if t.BuildingUp != Unknown {
		where = t.BuildingUp.String()
	}
	return fmt.Sprintf("trend over %d weeks: %s; work builds up in %s", t.Weeks, strings.Join(parts, ", "), where)
}

// Priority returns an issue's rank in the scheme's priority order: the
// index of its most urgent priority label (0 for P0), then len(Priorities)
// for a customer label, then len(Priorities)+1 for the rest.
func (s Scheme) Priority(is Issue) int {
	s = s.orEmpty()
	var m uint64
	for _, l := range is.Labels {
		m |= s.labelBits(trim(l))
	}
	for i, p := range s.prios {
		if m&p != 0 {
			return i
		}
	}
	if s.customer != 0 && m&s.customer != 0 {
		return len(s.prios)
	}
	return len(s.prios) + 1
}

// Compare orders issues for picking (R17's priorities): P0, P1, P2 (the
// scheme's Priorities in order), then customer bugs, then the rest; within
// a rank the oldest first, then the lowest number. It returns -1, 0 or +1
// and suits slices.SortFunc.
func (s Scheme) Compare(a, b Issue) int {
	s = s.orEmpty()
	if pa, pb := s.Priority(a), s.Priority(b); pa != pb {
		if pa < pb {
			return -1
		}
		return 1
	}
	if c := a.Created.Compare(b.Created); c != 0 {
		return c
	}
	switch {
	case a.Number < b.Number:
		return -1
	case a.Number > b.Number:
		return 1
	}
	return 0
}
