package main

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/teamcadence/cadence/bugflow"
	"github.com/teamcadence/cadence/release"
	"github.com/teamcadence/cadence/rotation"
	"github.com/teamcadence/cadence/sla"
	"github.com/teamcadence/cadence/sprint"
)

// Report is everything the handbook prints for one day. The text report and
// the -json output are both written from it, so they cannot disagree.
// Instants are in the reader's zone (-zone).
type Report struct {
	Day      string        `json:"day"`      // the -at day, 2024-03-06
	Weekday  string        `json:"weekday"`  // its weekday
	ISOWeek  string        `json:"iso_week"` // 2024-W10
	Preset   string        `json:"preset"`   // fleet-2024
	Zone     string        `json:"zone"`     // the reader's zone
	TeamZone string        `json:"team_zone"`
	At       time.Time     `json:"at"` // the reference instant: -at, or 12:00 in the team zone on the -at day
	OnCall   OnCallReport  `json:"oncall"`
	Sprint   SprintReport  `json:"sprint"`
	Release  ReleaseReport `json:"release"`
	SLA      SLAReport     `json:"sla"`
	Bugs     BugsReport    `json:"bugs"`
}

// Duty is one person's stretch of duty, [From, Until).
type Duty struct {
	Who   string    `json:"who"`
	From  time.Time `json:"from"`
	Until time.Time `json:"until"`
}

// Absence is an announced absence covered by the backup (R4).
type Absence struct {
	Absent string    `json:"absent"`
	Backup string    `json:"backup"`
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
}

// Level is one escalation level (R3, R28).
type Level struct {
	Level int      `json:"level"` // 1-based
	Name  string   `json:"name"`
	Who   []string `json:"who"`
	After Duration `json:"after"` // paged this long after the alert, if unacknowledged
}

// Handoff is the next engineering hand-off (R2, R32).
type Handoff struct {
	At        time.Time `json:"at"`
	Outgoing  string    `json:"outgoing"`
	Incoming  string    `json:"incoming"`
	Checklist []string  `json:"checklist"`
}

// Page says where a sample unacknowledged alert stands (R28).
type Page struct {
	Began time.Time `json:"began"`
	At    time.Time `json:"at"`
	Level int       `json:"level"`
	Who   []string  `json:"who"`
	Next  time.Time `json:"next,omitzero"`
}

// OnCallReport is who is on duty at the reference instant (R1-R4).
type OnCallReport struct {
	Engineering Duty      `json:"engineering"`
	Infra       []Duty    `json:"infra"`      // primary, then secondary, absences applied
	InfraTurn   Duty      `json:"infra_turn"` // the whole turn and its rostered primary
	Backup      string    `json:"backup"`
	Absences    []Absence `json:"absences"` // announced absences overlapping the ISO week
	Escalation  []Level   `json:"escalation"`
	Alert       Page      `json:"sample_alert"`
	Handoff     Handoff   `json:"next_handoff"`
}

// Event is a dated ceremony or ritual.
type Event struct {
	Name  string    `json:"name"`
	Owner string    `json:"owner,omitempty"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// RitualWeek is one ritual's occurrences in the ISO week (R31).
type RitualWeek struct {
	Name  string   `json:"name"`
	Owner string   `json:"owner"`
	Days  []string `json:"days"` // weekdays in the reader's zone, "Mon"
	Time  string   `json:"time"` // local time in the reader's zone, "10:00"
}

// OnDemandRitual is a ritual with no dated occurrences (R31).
type OnDemandRitual struct {
	Name    string `json:"name"`
	Owner   string `json:"owner"`
	Trigger string `json:"trigger"`
}

// SprintReport is the current sprint and this week's rituals (R6, R7, R31).
type SprintReport struct {
	Number   int              `json:"number"`
	Start    string           `json:"start"`
	Last     string           `json:"last"`
	Day      int              `json:"day"` // 1-based day of the sprint
	Days     int              `json:"days"`
	Today    []Event          `json:"today"`
	Next     *Event           `json:"next,omitempty"` // next ceremony after today's, other than daily ones
	Rituals  []RitualWeek     `json:"rituals"`
	OnDemand []OnDemandRitual `json:"on_demand"`
}

// Gate is one change kind's answer at the reference instant (R10).
type Gate struct {
	Change  string `json:"change"`
	Allowed bool   `json:"allowed"`
}

// Classified is a sample bug's classification (R11-R14).
type Classified struct {
	Bug      string `json:"bug"`
	Facts    string `json:"facts"`
	Blocker  string `json:"blocker"`
	Critical string `json:"critical"`
	Patch    string `json:"patch"`
}

// Drift is a compact drift report over the shipped history up to the day
// (R30), matched by version: shipped minor N against planned release N.
type Drift struct {
	Source      string   `json:"source"`
	Matching    string   `json:"matching"` // "by version" (or "by nearest day" for a train without versions)
	Weekday     string   `json:"weekday"`  // the train's release weekday
	Period      int      `json:"period_days"`
	Minors      int      `json:"minors"`
	Patches     int      `json:"patches"`
	Skipped     []string `json:"skipped"` // versions planned and never shipped
	Extra       int      `json:"extra"`
	Gap         Figures  `json:"gap_days"`
	OnCadence   Share    `json:"on_cadence"` // gaps of exactly the train's period
	OnWeekday   Share    `json:"on_weekday"` // minors on the train's weekday
	Slip        Figures  `json:"slip_days"`  // positive late
	PatchDelay  Figures  `json:"patch_delay_days"`
	LastVersion string   `json:"last_version,omitempty"`
	LastDay     string   `json:"last_day,omitempty"`
	LastPlanned string   `json:"last_planned,omitempty"`
	LastSlip    int      `json:"last_slip_days"`
	// DataEnds is the last day of the bundled history: after it the drift
	// knows of no release, so a later report counts only up to it.
	DataEnds string `json:"data_ends"`
}

// Figures are the mean, median, min and max of a list of day counts.
type Figures struct {
	Mean   float64 `json:"mean"`
	Median float64 `json:"median"`
	Min    int     `json:"min"`
	Max    int     `json:"max"`
}

// Share is Count out of Of.
type Share struct {
	Count int `json:"count"`
	Of    int `json:"of"`
}

// ReleaseReport is the next release and the merge gate (R9-R16, R30).
type ReleaseReport struct {
	Policy   string       `json:"policy"`
	Mode     string       `json:"mode"` // freeze or branch-cut
	Number   int          `json:"number"`
	Version  string       `json:"version"` // "" before the train's first version
	Day      string       `json:"day"`
	Weekday  string       `json:"weekday"`
	Start    time.Time    `json:"window_start"`
	Deep     time.Time    `json:"window_deep"`
	End      time.Time    `json:"window_end"`
	Phase    string       `json:"phase"`
	Gates    []Gate       `json:"gates"`
	Reason   string       `json:"reason"` // the gate's why, instants in the reader's zone
	Classify []Classified `json:"classify"`
	Drift    Drift        `json:"drift"`
}

// SLAClock is one response clock of the sample ticket (R25-R28).
type SLAClock struct {
	Target       string    `json:"target"`
	Rule         string    `json:"rule"`
	Within       Duration  `json:"within"`
	Business     bool      `json:"business_hours"` // counts business time only
	Due          time.Time `json:"due"`
	Remaining    Duration  `json:"remaining"` // at Checked; negative once breached
	Breached     bool      `json:"breached"`
	Milestone    string    `json:"milestone,omitempty"` // the next milestone, or the last one passed
	MilestoneAt  time.Time `json:"milestone_at,omitzero"`
	MilestoneHit bool      `json:"milestone_passed"`
}

// SLAReport is the SLA clocks of a sample ticket.
type SLAReport struct {
	Opened  time.Time  `json:"opened"`
	Checked time.Time  `json:"checked"`
	Clocks  []SLAClock `json:"clocks"`
}

// BugsReport is the weekly bug summary of the bundled sample (R17-R24).
type BugsReport struct {
	Source            string `json:"source"`
	Scheme            string `json:"scheme"`
	Summary           string `json:"summary"`
	Orphans           []int  `json:"orphans"`
	ReproducedOrphans []int  `json:"reproduced_orphans"`
	Skipped           int    `json:"skipped"` // pull requests and non-bugs in the sample
	// DataEnds is the day of the sample's last event (an issue opened,
	// closed or answered); AsOf is the instant the bugs are evaluated at:
	// the report's, or the sample's last event when the report is later,
	// so that ages and timers are not counted from data that ends earlier.
	DataEnds string    `json:"data_ends"`
	AsOf     time.Time `json:"as_of"`
}

// The instants of the report, as local times in the team zone: the report
// looks at the -at instant, or at 12:00 on the -at day (who is on call, the
// merge gate, the bug week); the SLA sample ticket is opened at 16:30 that day and checked at
// 10:00 the next day; the sample alert is looked at 90 minutes after it began.
const (
	refHour               = 12
	ticketHour, ticketMin = 16, 30
	checkHour, checkMin   = 10, 0
	alertAfter            = 90 * time.Minute
)

// Where the bundled data came from.
const (
	historySource = "testdata/fleet-releases.json (Fleet 4.8.0-4.63.1, from release/testdata)"
	issuesSource  = "testdata/issues.json (from examples/bugreport/testdata)"
)

// view is one day of a team, seen from the reader's zone.
type view struct {
	team   Team
	day    date.Date
	monday date.Date // of day's ISO week
	at     time.Time // the report instant, in the team zone
	reader *time.Location
}

// newView returns the view of t at the instant at, on its day in the team zone.
func newView(t Team, at time.Time, reader *time.Location) view {
	day := date.NewAt(at.In(t.Zone))
	return view{team: t, day: day, monday: monday(day), at: at.In(t.Zone), reader: reader}
}

// in returns x in the reader's zone (the zero time stays zero).
func (v view) in(x time.Time) time.Time {
	if x.IsZero() {
		return x
	}
	return x.In(v.reader)
}

// build computes the report for day in the reader's zone.
func build(t Team, day date.Date, reader *time.Location, history release.History, issues []byte) (Report, error) {
	y, m, d := day.Date()
	return buildAt(t, time.Date(y, m, d, refHour, 0, 0, 0, t.Zone), reader, history, issues)
}

// buildAt computes the report as seen at the instant at, on its day in the
// team zone; build looks at 12:00 there.
func buildAt(t Team, at time.Time, reader *time.Location, history release.History, issues []byte) (Report, error) {
	v := newView(t, at, reader)
	day := v.day
	yr, wk := day.ISOWeek()
	bugs, err := v.bugs(issues)
	if err != nil {
		return Report{}, err
	}
	return Report{
		Day:      day.String(),
		Weekday:  day.Weekday().String(),
		ISOWeek:  fmt.Sprintf("%d-W%02d", yr, wk),
		Preset:   t.Name + "-" + t.Variant,
		Zone:     reader.String(),
		TeamZone: t.Zone.String(),
		At:       v.in(v.at),
		OnCall:   v.onCall(),
		Sprint:   v.sprint(),
		Release:  v.release(history),
		SLA:      v.sla(),
		Bugs:     bugs,
	}, nil
}

// onCall reports who is on duty (R1-R4), the escalation chain (R3, R28) and
// the next hand-off (R2, R32).
func (v view) onCall() OnCallReport {
	t, at := v.team, v.at
	var r OnCallReport
	s := t.OnCall.At(at)
	r.Engineering = Duty{s.Who, v.in(s.Start), v.in(s.End)}
	for _, sh := range t.Infra.Responders.At(at) {
		r.Infra = append(r.Infra, Duty{sh.Who, v.in(sh.Start), v.in(sh.End)})
	}
	primary := t.Infra.Responders[0].Rotation
	turn := primary.WithoutOverrides().At(at)
	r.InfraTurn = Duty{turn.Who, v.in(turn.Start), v.in(turn.End)}
	r.Backup = t.Backup
	weekFrom, weekTo := midnight(v.monday, t.Zone), midnight(v.monday+7, t.Zone)
	r.Absences = []Absence{}
	for _, o := range primary.Overrides() {
		if o.Kind == rotation.Cover && o.From.Before(weekTo) && weekFrom.Before(o.To) {
			r.Absences = append(r.Absences, Absence{o.Absent, o.Who, v.in(o.From), v.in(o.To)})
		}
	}
	var after time.Duration
	for i, l := range t.Infra.Escalation.Levels() {
		r.Escalation = append(r.Escalation, Level{i + 1, l.Name, l.Who(at), Duration(after)})
		after += l.Wait
	}
	if p, err := t.Infra.Escalation.At(at, time.Time{}, at.Add(alertAfter)); err == nil {
		r.Alert = Page{v.in(at), v.in(at.Add(alertAfter)), p.Level + 1, p.Who, v.in(p.Next)}
	}
	if h, ok := t.OnCall.NextHandoff(at); ok {
		r.Handoff = Handoff{v.in(h.At), h.Outgoing, h.Incoming, slices.Clone(h.Checklist)}
	}
	return r
}

// sprint reports the sprint (R6), today's and the next ceremonies (R7) and
// the week's rituals (R31).
func (v view) sprint() SprintReport {
	t, day := v.team, v.day
	sp := t.Sprints.At(day)
	r := SprintReport{Number: sp.Number, Start: sp.Start.String(), Last: sp.Last().String(), Days: sp.Days()}
	r.Day, _ = sp.DayOf(day)
	daily := map[string]bool{}
	for c := range t.Sprints.All() {
		daily[c.Name] = c.Rule == sprint.EveryWorkday()
	}
	r.Today = []Event{}
	for e := range t.Sprints.Ceremonies(sp) {
		if e.Day == day {
			r.Today = append(r.Today, v.event(e))
		}
	}
	// The next ceremony after today that is not a daily one; every sprint
	// has some, so two sprints ahead is far enough.
	from, to := midnight(day+1, t.Zone), midnight(day+1+2*date.Date(sp.Days()), t.Zone)
	for e := range t.Sprints.Meetings(from, to) {
		if !daily[e.Name] {
			ev := v.event(e)
			r.Next = &ev
			break
		}
	}
	// One row per ritual and reader-zone time of day: a DST change in one of
	// the two zones during the week gives a ritual a second row.
	r.Rituals = []RitualWeek{}
	index := map[[2]string]int{}
	for e := range v.rituals(v.monday, v.monday+7) {
		key := [2]string{e.Name, v.in(e.Start).Format("15:04")}
		i, ok := index[key]
		if !ok {
			i = len(r.Rituals)
			index[key] = i
			r.Rituals = append(r.Rituals, RitualWeek{Name: e.Name, Owner: e.Owner, Time: key[1]})
		}
		r.Rituals[i].Days = append(r.Rituals[i].Days, v.in(e.Start).Format("Mon"))
	}
	r.OnDemand = []OnDemandRitual{}
	for rt := range t.Rituals.OnDemand() {
		r.OnDemand = append(r.OnDemand, OnDemandRitual{rt.Name, rt.Owner, rt.Recurrence.Trigger()})
	}
	return r
}

// rituals yields the rituals of the days [from, to), with the release-week
// ones (R31) on the days the release actually ships: a ritual that recurs
// with the train's period and falls in the week before a planned release
// day is tied to that release. One planned on release day takes place on
// the day the release ships (moved off a holiday with its freeze); one
// planned earlier in release week (the testing report on Monday) keeps its
// weekday in the week the release ships, and never comes after it.
func (v view) rituals(from, to date.Date) iter.Seq[sprint.Event] {
	t := v.team
	weeks := map[string]bool{}
	for r := range t.Rituals.All() {
		f := strings.Fields(r.Recurrence.String())
		weeks[r.Name] = len(f) >= 3 && f[0] == "every" && f[1] == strconv.Itoa(t.Train.Weeks())
	}
	return func(yield func(sprint.Event) bool) {
		// A release moves at most six days, so a week on either side holds
		// every ritual that may move into [from, to).
		var events []sprint.Event
		for e := range t.Rituals.Occurrences(from-7, to+7) {
			if weeks[e.Name] {
				e = v.followRelease(e)
			}
			if e.Day >= from && e.Day < to {
				events = append(events, e)
			}
		}
		slices.SortStableFunc(events, func(a, b sprint.Event) int { return a.Start.Compare(b.Start) })
		for _, e := range events {
			if !yield(e) {
				return
			}
		}
	}
}

// followRelease moves a release-week ritual to the week its release ships.
func (v view) followRelease(e sprint.Event) sprint.Event {
	t := v.team.Train
	// The release planned on or after the ritual, from the cadence alone.
	plain, err := release.NewTrain(t.First(), t.Weeks())
	if err != nil {
		return e
	}
	r := t.Release(plain.Next(e.Planned).Number)
	if r.Planned-e.Planned > 6 || r.Day == r.Planned {
		return e // not in a release week, or the release did not move
	}
	day := e.Planned + (monday(r.Day) - monday(r.Planned))
	if e.Planned == r.Planned || day > r.Day {
		day = r.Day
	}
	y, m, d := day.Date()
	start := time.Date(y, m, d, e.Start.Hour(), e.Start.Minute(), e.Start.Second(), 0, e.Start.Location())
	e.End = start.Add(e.End.Sub(e.Start))
	e.Start, e.Day = start, day
	return e
}

// monday returns the Monday of d's ISO week.
func monday(d date.Date) date.Date { return d - date.Date((int(d.Weekday())+6)%7) }

func (v view) event(e sprint.Event) Event {
	return Event{e.Name, e.Owner, v.in(e.Start), v.in(e.End)}
}

// release reports the next release (R9), its window and the merge gate
// (R10), sample classifications (R11-R14) and the drift (R30).
func (v view) release(history release.History) ReleaseReport {
	t, at := v.team, v.at
	rel, win := t.Train.Upcoming(at)
	r := ReleaseReport{
		Policy: t.Train.Policy().Name(), Mode: win.Mode.String(),
		Number: rel.Number, Version: version(rel.Version), Day: rel.Day.String(), Weekday: rel.Day.Weekday().String(),
		Start: v.in(win.Start), Deep: v.in(win.Deep), End: v.in(win.End),
		Phase: win.Phase(at).String(),
	}
	pick := win.Mode == release.BranchCut
	if pick {
		// The main branch first, then what may be picked into the release branch.
		c := release.Change{Kind: release.Feature}
		r.Gates = append(r.Gates, Gate{c.String(), t.Train.Gate(at, c).Allowed})
	}
	for _, k := range []release.ChangeKind{release.Feature, release.ReleasedBugFix, release.UnreleasedBugFix, release.BlockerFix, release.Docs, release.Chore} {
		c := release.Change{Kind: k, Pick: pick}
		r.Gates = append(r.Gates, Gate{c.String(), t.Train.Gate(at, c).Allowed})
	}
	r.Reason = t.Train.Gate(at, release.Change{Kind: release.Feature, Pick: pick}).ReasonIn(v.reader)
	for _, b := range sampleBugs {
		facts := release.FactsOf(b.facts...)
		c := t.Rules.Classify(facts)
		r.Classify = append(r.Classify, Classified{b.name, facts.String(), c.Blocker.String(), c.Critical.String(), c.Patch.String()})
	}
	r.Drift = drift(t.Train, history, v.day)
	return r
}

// version returns v's text, or "" for the zero Version (no version: a
// release before the train's first version).
func version(v release.Version) string {
	if v.IsZero() {
		return ""
	}
	return v.String()
}

// sla reports the Fleet SLA clocks (R25-R28) of the sample ticket.
func (v view) sla() SLAReport {
	tz := v.team.Zone
	y, m, d := v.day.Date()
	opened := time.Date(y, m, d, ticketHour, ticketMin, 0, 0, tz)
	y, m, d = (v.day + 1).Date()
	checked := time.Date(y, m, d, checkHour, checkMin, 0, 0, tz)
	r := SLAReport{Opened: v.in(opened), Checked: v.in(checked)}
	for _, tg := range slaTargets(v.team.Business, opened) {
		c := tg.target.Start(opened)
		due, _ := c.Due()
		line := SLAClock{
			Target: tg.target.Name, Rule: tg.rule, Within: Duration(tg.target.Within), Business: !tg.target.Calendar.IsZero(),
			Due: v.in(due), Remaining: Duration(c.Remaining(checked)), Breached: c.Breached(checked),
		}
		if ms, when, ok := c.NextMilestone(checked); ok {
			line.Milestone, line.MilestoneAt = ms.Name, v.in(when)
		} else if passed := c.Passed(checked); len(passed) > 0 {
			// The clock ran without a pause, so the milestone was reached
			// at one Calendar.Add from its start.
			last := passed[len(passed)-1]
			line.Milestone, line.MilestoneAt, line.MilestoneHit = last.Name, v.in(tg.target.Calendar.Add(opened, last.At)), true
		}
		r.Clocks = append(r.Clocks, line)
	}
	return r
}

// bugs reports the week of the bundled issues (R17-R24) at the report
// instant, orphans first-class (R23).
func (v view) bugs(issues []byte) (BugsReport, error) {
	list, skipped, err := bugflow.DecodeGitHub(issues)
	if err != nil {
		return BugsReport{}, fmt.Errorf("bundled issues: %w", err)
	}
	end := sampleEnd(list)
	asOf := v.at
	if asOf.After(end) {
		asOf = end
	}
	rep := v.team.Scheme.Report(list, asOf, bugflow.ReportOptions{Age: bugflow.Fleet2024Age()})
	return BugsReport{
		Source: issuesSource, Scheme: v.team.SchemeName, Summary: rep.Summary(),
		Orphans: nonNil(rep.Orphans), ReproducedOrphans: nonNil(rep.ReproducedOrphans), Skipped: len(skipped),
		DataEnds: date.NewAt(end.In(v.team.Zone)).String(), AsOf: v.in(asOf),
	}, nil
}

// sampleEnd returns the last instant the issues record: an issue opened,
// closed or answered.
func sampleEnd(list []bugflow.Issue) time.Time {
	var end time.Time
	for _, is := range list {
		for _, t := range []time.Time{is.Created, is.ClosedAt, is.LastContact} {
			if t.After(end) {
				end = t
			}
		}
	}
	return end
}

// nonNil returns s, or an empty slice for nil, so JSON prints [].
func nonNil(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

// sampleBugs are bugs the release section classifies with the variant's rules.
var sampleBugs = []struct {
	name  string
	facts []release.Fact
}{
	{"login loop after upgrade", []release.Fact{release.Regression, release.FoundInTesting, release.PreventsUpgrade}},
	{"export drops rows", []release.Fact{release.DataLoss, release.Released}},
	{"old tooltip typo", []release.Fact{release.KnownIssue, release.ReproducesInStable}},
}

// drift reports the train's drift by version over the releases shipped by
// day.
func drift(t release.Train, h release.History, day date.Date) Drift {
	out := Drift{Source: historySource, Skipped: []string{}}
	for s := range h.All() {
		out.DataEnds = s.Day.String() // sorted by day: the last is the end
	}
	past := h.Until(day)
	if past.Len() == 0 {
		return out
	}
	rep, err := t.Drift(past)
	if err != nil {
		return out
	}
	out.Matching, out.Weekday, out.Period = rep.Matching.String(), rep.Weekday.String(), rep.Period
	s := rep.Summary
	figures := func(f release.Figures) Figures { return Figures{f.Mean, f.Median, f.Min, f.Max} }
	out.Minors, out.Patches, out.Extra = s.Minors, s.Patches, s.Extra
	for _, r := range rep.Skipped {
		out.Skipped = append(out.Skipped, r.Version.String())
	}
	out.Gap, out.Slip, out.PatchDelay = figures(s.Gap), figures(s.Slip), figures(s.PatchDelay)
	out.OnCadence, out.OnWeekday = Share{s.OnPeriod.Count, s.OnPeriod.Of}, Share{s.OnWeekday.Count, s.OnWeekday.Of}
	if n := len(rep.Minors); n > 0 {
		last := rep.Minors[n-1]
		out.LastVersion, out.LastDay, out.LastPlanned, out.LastSlip = last.Version.String(), last.Day.String(), last.Planned.Day.String(), last.Slip
	}
	return out
}

// marshal writes r as indented JSON.
func (r Report) marshal() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// slaTarget is a target of the sample ticket with the rule it models.
type slaTarget struct {
	target sla.Target
	rule   string
}

// slaTargets are the Fleet SLA presets (R25-R28) on the business calendar;
// the tiered on-call target is resolved for a clock started at opened.
func slaTargets(business sla.Calendar, opened time.Time) []slaTarget {
	return []slaTarget{
		{sla.Fleet2024FirstResponse(business), "R25"},
		{sla.Fleet2024OnCall(business).For(opened), "R26"},
		{sla.Fleet2024PullRequestFollowUp(business), "R27"},
		{sla.Fleet2024CriticalBugConfirmation(business), "R28"},
	}
}

// midnight returns the first instant of day d in loc, built with time.Date:
// date v2.3.1's MidnightIn is off by the DST shift on the days clocks change
// in zones east of UTC, such as Australia/Sydney.
func midnight(d date.Date, loc *time.Location) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}
