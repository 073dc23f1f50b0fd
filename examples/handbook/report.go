package main

import (
	"encoding/json"
	"fmt"
	"slices"
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
	At       time.Time     `json:"at"` // the reference instant: 12:00 in the team zone
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

// Drift is a compact drift report over the shipped history up to the day (R30).
type Drift struct {
	Source      string  `json:"source"`
	Weekday     string  `json:"weekday"` // the train's release weekday
	Period      int     `json:"period_days"`
	Minors      int     `json:"minors"`
	Patches     int     `json:"patches"`
	MeanGap     float64 `json:"mean_gap_days"`
	MedianGap   float64 `json:"median_gap_days"`
	OnCadence   float64 `json:"on_cadence"` // share of gaps exactly the train's period
	OnWeekday   float64 `json:"on_weekday"`
	Skipped     int     `json:"skipped"`
	Extra       int     `json:"extra"`
	MaxSlip     int     `json:"max_slip_days"`
	MaxPatch    int     `json:"max_patch_delay_days"`
	LastVersion string  `json:"last_version,omitempty"`
	LastDay     string  `json:"last_day,omitempty"`
	LastPlanned string  `json:"last_planned,omitempty"`
	LastSlip    int     `json:"last_slip_days"`
}

// ReleaseReport is the next release and the merge gate (R9-R16, R30).
type ReleaseReport struct {
	Policy   string       `json:"policy"`
	Mode     string       `json:"mode"` // freeze or branch-cut
	Number   int          `json:"number"`
	Version  string       `json:"version"`
	Day      string       `json:"day"`
	Weekday  string       `json:"weekday"`
	Start    time.Time    `json:"window_start"`
	Deep     time.Time    `json:"window_deep"`
	End      time.Time    `json:"window_end"`
	Phase    string       `json:"phase"`
	Gates    []Gate       `json:"gates"`
	Reason   string       `json:"reason"`
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
}

// sampleTicket is when the SLA sample ticket is opened and checked, as local
// times in the team zone on the -at day and the day after.
const (
	ticketHour, ticketMin = 16, 30
	checkHour, checkMin   = 10, 0
	refHour               = 12
	alertAfter            = 90 * time.Minute
	historySource         = "testdata/fleet-releases.json (Fleet 4.8.0-4.63.1, from release/testdata)"
	issuesSource          = "testdata/issues.json (from examples/bugreport/testdata)"
)

// build computes the report for day in the reader's zone.
func build(t Team, day date.Date, reader *time.Location, history release.History, issues []byte) (Report, error) {
	tz := t.Zone
	y, m, d := day.Date()
	at := time.Date(y, m, d, refHour, 0, 0, 0, tz)
	yr, wk := day.ISOWeek()
	r := Report{
		Day:      day.String(),
		Weekday:  day.Weekday().String(),
		ISOWeek:  fmt.Sprintf("%d-W%02d", yr, wk),
		Preset:   t.Name + "-" + t.Variant,
		Zone:     reader.String(),
		TeamZone: tz.String(),
		At:       at.In(reader),
	}
	in := func(x time.Time) time.Time {
		if x.IsZero() {
			return x
		}
		return x.In(reader)
	}
	monday := day - date.Date((int(day.Weekday())+6)%7)

	// On call (R1-R4, R28, R32).
	s := t.OnCall.At(at)
	r.OnCall.Engineering = Duty{s.Who, in(s.Start), in(s.End)}
	for _, sh := range t.Infra.Responders.At(at) {
		r.OnCall.Infra = append(r.OnCall.Infra, Duty{sh.Who, in(sh.Start), in(sh.End)})
	}
	turn := t.Infra.Responders[0].Rotation.WithoutOverrides().At(at)
	r.OnCall.InfraTurn = Duty{turn.Who, in(turn.Start), in(turn.End)}
	r.OnCall.Backup = t.Backup
	weekFrom, weekTo := monday.MidnightIn(tz), (monday + 7).MidnightIn(tz)
	r.OnCall.Absences = []Absence{}
	for _, o := range t.Infra.Responders[0].Rotation.Overrides() {
		if o.Kind == rotation.Cover && o.From.Before(weekTo) && weekFrom.Before(o.To) {
			r.OnCall.Absences = append(r.OnCall.Absences, Absence{o.Absent, o.Who, in(o.From), in(o.To)})
		}
	}
	var after time.Duration
	for i, l := range t.Infra.Escalation.Levels() {
		r.OnCall.Escalation = append(r.OnCall.Escalation, Level{i + 1, l.Name, l.Who(at), Duration(after)})
		after += l.Wait
	}
	if p, ok := t.Infra.Escalation.At(at, time.Time{}, at.Add(alertAfter)); ok {
		r.OnCall.Alert = Page{in(at), in(at.Add(alertAfter)), p.Level + 1, p.Who, in(p.Next)}
	}
	if h, ok := t.OnCall.NextHandoff(at); ok {
		r.OnCall.Handoff = Handoff{in(h.At), h.Outgoing, h.Incoming, slices.Clone(h.Checklist)}
	}

	// Sprint (R6, R7, R31).
	sp := t.Sprints.At(day)
	r.Sprint.Number, r.Sprint.Start, r.Sprint.Last = sp.Number, sp.Start.String(), sp.Last().String()
	r.Sprint.Day, _ = sp.DayOf(day)
	r.Sprint.Days = sp.Days()
	daily := map[string]bool{}
	for _, c := range t.Sprints.Schedule() {
		daily[c.Name] = c.Rule == sprint.EveryWorkday()
	}
	r.Sprint.Today = []Event{}
	for e := range t.Sprints.Ceremonies(sp) {
		if e.Day == day {
			r.Sprint.Today = append(r.Sprint.Today, event(e, in))
		}
	}
	for e := range t.Sprints.Meetings((day + 1).MidnightIn(tz), (day + 1 + 2*date.Date(t.Sprints.Cadence().Days())).MidnightIn(tz)) {
		if !daily[e.Name] {
			ev := event(e, in)
			r.Sprint.Next = &ev
			break
		}
	}
	r.Sprint.Rituals = []RitualWeek{}
	// One row per ritual and reader-zone time of day: a DST change in one of
	// the two zones during the week gives a ritual a second row.
	index := map[[2]string]int{}
	for e := range t.Rituals.Occurrences(monday, monday+7) {
		key := [2]string{e.Name, in(e.Start).Format("15:04")}
		i, ok := index[key]
		if !ok {
			i = len(r.Sprint.Rituals)
			index[key] = i
			r.Sprint.Rituals = append(r.Sprint.Rituals, RitualWeek{Name: e.Name, Owner: e.Owner, Time: key[1]})
		}
		r.Sprint.Rituals[i].Days = append(r.Sprint.Rituals[i].Days, in(e.Start).Format("Mon"))
	}
	r.Sprint.OnDemand = []OnDemandRitual{}
	for rt := range t.Rituals.OnDemand() {
		r.Sprint.OnDemand = append(r.Sprint.OnDemand, OnDemandRitual{rt.Name, rt.Owner, rt.Recurrence.Trigger()})
	}

	// Release (R9-R14, R30).
	pol := t.Train.Policy()
	rel, win := t.Train.Upcoming(at)
	r.Release.Policy, r.Release.Mode = pol.Name(), win.Mode.String()
	r.Release.Number, r.Release.Version, r.Release.Day = rel.Number, rel.Version.String(), rel.Day.String()
	r.Release.Weekday = rel.Day.Weekday().String()
	r.Release.Start, r.Release.Deep, r.Release.End = in(win.Start), in(win.Deep), in(win.End)
	r.Release.Phase = win.Phase(at).String()
	if win.Mode == release.BranchCut {
		// The main branch, then what may be picked into the release branch.
		c := release.Change{Kind: release.Feature}
		r.Release.Gates = append(r.Release.Gates, Gate{c.String(), t.Train.Gate(at, c).Allowed})
	}
	for _, k := range []release.Kind{release.Feature, release.ReleasedBugFix, release.UnreleasedBugFix, release.BlockerFix, release.Docs, release.Chore} {
		c := release.Change{Kind: k, Pick: win.Mode == release.BranchCut}
		r.Release.Gates = append(r.Release.Gates, Gate{c.String(), t.Train.Gate(at, c).Allowed})
	}
	r.Release.Reason = t.Train.Gate(at, release.Change{Kind: release.Feature, Pick: win.Mode == release.BranchCut}).Reason()
	for _, b := range sampleBugs {
		c := t.Rules.Classify(release.FactsOf(b.facts...))
		r.Release.Classify = append(r.Release.Classify, Classified{b.name, release.FactsOf(b.facts...).String(),
			c.Blocker.String(), c.Critical.String(), c.Patch.String()})
	}
	r.Release.Drift = drift(t.Train, history, day)

	// SLA (R25-R28).
	opened := time.Date(y, m, d, ticketHour, ticketMin, 0, 0, tz)
	cy, cm, cd := (day + 1).Date()
	checked := time.Date(cy, cm, cd, checkHour, checkMin, 0, 0, tz)
	r.SLA.Opened, r.SLA.Checked = in(opened), in(checked)
	for _, tg := range slaTargets(t.Business, opened) {
		c := tg.target.Start(opened)
		due, _ := c.Due()
		line := SLAClock{
			Target: tg.target.Name, Rule: tg.rule, Within: Duration(tg.target.Within), Business: !tg.target.Calendar.IsZero(),
			Due: in(due), Remaining: Duration(c.Remaining(checked)), Breached: c.Breached(checked),
		}
		if ms, when, ok := c.NextMilestone(checked); ok {
			line.Milestone, line.MilestoneAt = ms.Name, in(when)
		} else if passed := c.Passed(checked); len(passed) > 0 {
			last := passed[len(passed)-1]
			line.Milestone, line.MilestoneAt, line.MilestoneHit = last.Name, in(tg.target.Calendar.Add(opened, last.At)), true
		}
		r.SLA.Clocks = append(r.SLA.Clocks, line)
	}

	// Bugs (R17-R24).
	list, skipped, err := bugflow.DecodeGitHub(issues)
	if err != nil {
		return Report{}, fmt.Errorf("bundled issues: %w", err)
	}
	rep := t.Scheme.Report(list, at, bugflow.ReportOptions{Age: bugflow.Fleet2024Age()})
	r.Bugs = BugsReport{
		Source: issuesSource, Scheme: t.SchemeName, Summary: rep.Summary(),
		Orphans: nonNil(rep.Orphans), ReproducedOrphans: nonNil(rep.ReproducedOrphans), Skipped: len(skipped),
	}
	return r, nil
}

// nonNil returns s, or an empty slice for nil, so JSON prints [].
func nonNil(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

func event(e sprint.Event, in func(time.Time) time.Time) Event {
	return Event{e.Name, e.Owner, in(e.Start), in(e.End)}
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

// drift reports the train's drift over the releases shipped by day.
func drift(t release.Train, h release.History, day date.Date) Drift {
	var shipped []release.Shipped
	for s := range h.All() {
		if s.Day <= day {
			shipped = append(shipped, s)
		}
	}
	out := Drift{Source: historySource}
	past, err := release.NewHistory(shipped...)
	if err != nil || past.Len() == 0 {
		return out
	}
	rep := t.Drift(past)
	out.Weekday, out.Period = rep.Weekday, rep.Period
	s := rep.Summary
	out.Minors, out.Patches, out.Skipped, out.Extra = s.Minors, s.Patches, s.Skipped, s.Extra
	out.MeanGap, out.MedianGap, out.OnCadence, out.OnWeekday = s.MeanGap, s.MedianGap, s.OnCadence, s.OnWeekday
	out.MaxSlip, out.MaxPatch = s.MaxSlip, s.MaxPatchDelay
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
