package bugflow

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

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

// A Window is a span of time a report counts bugs opened and closed in:
// [From, To), the start included and the end excluded. Build one with
// ISOWeek, WeekStarting, SevenDaysBefore or NewWindow. == compares the
// instants' representations; use Equal.
type Window struct {
	From, To time.Time
}

// ISOWeek returns the ISO week that holds t, in t's location: Monday 00:00
// to the next Monday 00:00 (167 or 169 hours across a DST change).
func ISOWeek(t time.Time) Window { return WeekStarting(t, time.Monday) }

// WeekStarting returns the week that holds t and starts at 00:00 on the
// weekday first, in t's location.
func WeekStarting(t time.Time, first time.Weekday) Window {
	y, m, d := t.Date()
	back := (int(t.Weekday()) - int(first) + 7) % 7
	return Window{time.Date(y, m, d-back, 0, 0, 0, 0, t.Location()), time.Date(y, m, d-back+7, 0, 0, 0, 0, t.Location())}
}

// SevenDaysBefore returns the seven days before t: from the same local time
// seven calendar days earlier, in t's location, to t (excluded), what
// Fleet's "created:>= one week ago" searches count.
func SevenDaysBefore(t time.Time) Window {
	return Window{WallClock{}.Add(t, -Week), t}
}

// NewWindow returns the window [from, to). A zero instant is a
// *ConfigError matching ErrZeroTime; to before from one matching ErrConfig.
// from == to is an empty window.
func NewWindow(from, to time.Time) (Window, error) {
	switch {
	case from.IsZero():
		return Window{}, &ConfigError{Field: "from", Reason: "a window needs a start", Err: ErrZeroTime}
	case to.IsZero():
		return Window{}, &ConfigError{Field: "to", Reason: "a window needs an end", Err: ErrZeroTime}
	case to.Before(from):
		return Window{}, configErr("to", to.Format(time.RFC3339), "before from "+from.Format(time.RFC3339))
	}
	return Window{from, to}, nil
}

// Contains reports whether t is in the window: From <= t < To.
func (w Window) Contains(t time.Time) bool { return !t.Before(w.From) && t.Before(w.To) }

// IsZero reports whether both ends are zero.
func (w Window) IsZero() bool { return w.From.IsZero() && w.To.IsZero() }

// String returns "2024-W10" for an ISO week, else "2024-03-04 09:00 UTC to
// 2024-03-11 09:00 UTC".
func (w Window) String() string {
	if iso := ISOWeek(w.From); iso.From.Equal(w.From) && iso.To.Equal(w.To) {
		y, wk := w.From.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, wk)
	}
	const layout = "2006-01-02 15:04 MST"
	return w.From.Format(layout) + " to " + w.To.Format(layout)
}

// ReportOptions tune Report: Window is what the opened and closed counts
// cover (the zero Window: the ISO week of the report instant), Calendar
// counts timer durations (nil for WallClock) and Age is the optional age
// rule.
type ReportOptions struct {
	Window   Window
	Calendar Adder
	Age      AgePolicy
}

// A StateCount is the number of bugs in one state.
type StateCount struct {
	State State
	Name  string
	Count int
}

// A Report is the R24 metrics of a set of bugs at one instant over a
// window, plus the R23 orphans and the timers' agenda.
//
// States are read from the issues' labels as given, so At should be the
// instant the issues were fetched. Issues created after At are ignored.
// Open counts the issues the scheme's Metrics.Open selects, States counts
// them by state, every state of the flow in order, and NoState those in no
// state (orphans, ambiguous and unclassified ones). Opened counts the
// Metrics.Opened issues created in the window, Closed the Metrics.Closed
// issues closed in it, both up to At.
type Report struct {
	At      time.Time
	Window  Window
	Opened  int
	Closed  int
	Open    int
	States  []StateCount
	NoState int
	// Issue numbers, ascending.
	Orphans           []int
	ReproducedOrphans []int
	Incomplete        []int
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

// Count returns the number of open bugs in the state; Unknown gives
// NoState.
func (r Report) Count(st State) int {
	if st == Unknown {
		return r.NoState
	}
	for _, c := range r.States {
		if c.State == st {
			return c.Count
		}
	}
	return 0
}

// Report computes the report of the issues at the instant, over
// opts.Window (the ISO week of at when zero). The timers run in at's
// location (see Scheme.Agenda).
func (s Scheme) Report(issues []Issue, at time.Time, opts ReportOptions) Report {
	s = s.orEmpty()
	r := Report{At: at, Window: opts.Window}
	if r.Window.IsZero() {
		r.Window = ISOWeek(at)
	}
	r.Agenda.At = at
	counts := make([]int, len(s.names))
	var age time.Duration
	var ageDays float64
	aged := 0
	var buf [3]Deadline
	for i := range issues {
		is := &issues[i]
		if is.Created.After(at) {
			continue
		}
		f := s.features(is)
		if r.Window.Contains(is.Created) && s.opened.match(&f) {
			r.Opened++
		}
		if is.Closed && !is.ClosedAt.After(at) && r.Window.Contains(is.ClosedAt) && s.closed.match(&f) {
			r.Closed++
		}
		if !s.open.match(&f) {
			continue
		}
		v := s.evaluateFeatures(&f)
		r.Open++
		counts[v.State]++
		for _, x := range []struct {
			d   Diagnosis
			dst *[]int
		}{{Orphan, &r.Orphans}, {ReproducedOrphan, &r.ReproducedOrphans}, {Incomplete, &r.Incomplete}, {Ambiguous, &r.Ambiguous}, {Unclassified, &r.Unclassified}} {
			if v.Diagnoses.Has(x.d) {
				*x.dst = append(*x.dst, is.Number)
			}
		}
		// Sum ages in days as float64 so that 10,000 old bugs do not
		// overflow a Duration.
		if !is.Created.IsZero() {
			ageDays += at.Sub(is.Created).Hours() / 24
			aged++
		}
		if !is.Closed {
			s.agendaOne(&r.Agenda, buf[:0], is, v, opts.Calendar)
		}
	}
	for _, st := range s.flow {
		r.States = append(r.States, StateCount{State: st, Name: s.names[st], Count: counts[st]})
	}
	r.NoState = counts[Unknown]
	if aged > 0 {
		age = time.Duration(ageDays / float64(aged) * 24 * float64(time.Hour))
	}
	r.AverageAge = age
	if opts.Age.Applies(age) {
		r.BugShare = opts.Age.Share
	}
	for _, ns := range [][]int{r.Orphans, r.ReproducedOrphans, r.Incomplete, r.Ambiguous, r.Unclassified} {
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
	fmt.Fprintf(&b, "bugs %s: %d opened, %d closed, %d open (", r.Window, r.Opened, r.Closed, r.Open)
	n := 0
	for _, c := range r.States {
		if c.State == Closed {
			continue
		}
		if n > 0 {
			b.WriteString(", ")
		}
		n++
		fmt.Fprintf(&b, "%s %d", c.Name, c.Count)
	}
	if r.NoState > 0 {
		if n > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "no state %d", r.NoState)
	}
	fmt.Fprintf(&b, "); %s, %s", plural(len(r.Orphans), "orphan"), plural(len(r.ReproducedOrphans), "reproduced orphan"))
	if n := len(r.Incomplete); n > 0 {
		fmt.Fprintf(&b, ", %d incomplete", n)
	}
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

// A Trend compares reports: the change in each state's count from the
// first report to the last, the bugs opened and closed in between, and the
// open state where work builds up the most.
type Trend struct {
	From, To       time.Time // At of the first and last report
	Weeks          int       // reports compared
	Delta          []StateCount
	Opened, Closed int
	// BuildingUp is the open state whose count grew the most (the earliest
	// in the flow on a tie); Unknown when none grew.
	BuildingUp State
	// BuildingUpName is its name ("" when none grew).
	BuildingUpName string
}

// TrendOf returns the trend over the reports, which may come in any order
// (they are ordered by At). States are those of the last report. Fewer
// than two reports give zero deltas.
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
	best := 0
	for _, c := range last.States {
		d := StateCount{State: c.State, Name: c.Name, Count: c.Count - first.Count(c.State)}
		t.Delta = append(t.Delta, d)
		if c.State != Closed && d.Count > best {
			best, t.BuildingUp, t.BuildingUpName = d.Count, d.State, d.Name
		}
	}
	for _, r := range rs[1:] {
		t.Opened += r.Opened
		t.Closed += r.Closed
	}
	return t
}

// String describes the trend on one line.
func (t Trend) String() string {
	var parts []string
	for _, d := range t.Delta {
		if d.State != Closed {
			parts = append(parts, fmt.Sprintf("%s %+d", d.Name, d.Count))
		}
	}
	where := "nowhere"
	if t.BuildingUp != Unknown {
		where = t.BuildingUpName
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
