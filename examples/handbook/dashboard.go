package main

// The -http mode: one server-rendered page (dashboard.html.tmpl, html/template
// with inline SVG, no script and nothing fetched from elsewhere) and the same
// data as JSON. The page shows what the report shows for an instant, plus
// what a text report has no room for: the month around it, four weeks of
// on-call, the SLA clocks drawn against business hours and bugs per state
// over recent weeks.

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/teamcadence/cadence/bugflow"
	"github.com/teamcadence/cadence/release"
	"github.com/teamcadence/cadence/rotation"
	"github.com/teamcadence/cadence/sprint"
)

//go:embed dashboard.html.tmpl
var dashboardHTML string

// The dashboard's paths.
const (
	pagePath = "/"
	jsonPath = "/api/dashboard.json"
)

// Sizes of the dashboard's views.
const (
	timelineWeeks = 4 // on-call weeks, from the Monday of the instant's ISO week
	bugWeeks      = 8 // bug counts, the instant's week and the seven before
)

// Dashboard is everything the page shows for one instant; /api/dashboard.json
// is this value. Report is the handbook's report for the same instant; the
// other fields are views that only the page has room for. Instants are in
// the reader's zone; days are the team zone's.
type Dashboard struct {
	Report   Report        `json:"report"`
	Month    Month         `json:"month"`
	Timeline OnCallWeeks   `json:"oncallTimeline"`
	Clocks   SLAChart      `json:"slaChart"`
	Bugs     []BugWeek     `json:"bugWeeks"`
	States   []string      `json:"bugStates"` // the states each BugWeek counts, in flow order, then "no state"
	Daily    []DailyMeet   `json:"daily"`     // ceremonies held every workday, listed once
	Legend   []LegendEntry `json:"-"`
	BugTicks []Gridline    `json:"-"` // the bug chart's gridlines
}

// Month is the calendar month holding the instant's day, as whole weeks
// Monday to Sunday.
type Month struct {
	Title string     `json:"title"` // "March 2024"
	First string     `json:"first"` // the month's first day
	Last  string     `json:"last"`  // its last day
	Weeks [][]DayBox `json:"weeks"`
	// Windows are the freeze or branch-cut windows that touch the weeks shown.
	Windows []FreezeWindow `json:"windows"`
}

// DayBox is one day of the month view.
type DayBox struct {
	Day       string   `json:"day"` // 2024-03-06
	Number    int      `json:"number"`
	Weekday   string   `json:"weekday"` // "Wed"
	InMonth   bool     `json:"inMonth"`
	Today     bool     `json:"today"`
	Workday   bool     `json:"workday"`
	Holiday   bool     `json:"holiday"` // a Monday-to-Friday day the business calendar closes
	Sprint    int      `json:"sprint"`
	SprintDay int      `json:"sprintDay"`
	Release   string   `json:"release,omitempty"` // "4.46.0" (or "release 21") on a release day
	Window    string   `json:"window,omitempty"`  // the strongest phase touching the day: freeze, deep-freeze, branch-cut
	Notes     []string `json:"notes,omitempty"`   // where a window starts, deepens or ends that day
	Events    []Event  `json:"events"`            // ceremonies other than the daily ones
}

// FreezeWindow is one release's freeze or branch-cut window (R10).
type FreezeWindow struct {
	Release string    `json:"release"`
	Day     string    `json:"day"`
	Mode    string    `json:"mode"`
	Start   time.Time `json:"start"`
	Deep    time.Time `json:"deep"`
	End     time.Time `json:"end"`
}

// DailyMeet is a ceremony held on every working day (R7).
type DailyMeet struct {
	Name  string `json:"name"`
	Owner string `json:"owner"`
	Time  string `json:"time"` // "09:00-09:15" in the reader's zone on the instant's day
}

// OnCallWeeks is the on-call timeline: every layer's shifts over four weeks.
type OnCallWeeks struct {
	From     string       `json:"from"` // a Monday
	To       string       `json:"to"`   // the Monday four weeks later, excluded
	Weeks    []LaneWeek   `json:"weeks"`
	Absences []AbsenceRow `json:"absences"`
}

// LaneWeek is one week of the timeline, one lane per layer.
type LaneWeek struct {
	Monday string    `json:"monday"`
	Lanes  []Lane    `json:"lanes"`
	Now    float64   `json:"-"` // x of the instant in the SVG, or -1
	H      float64   `json:"-"` // the SVG's height
	Days   []DayTick `json:"-"`
}

// DayTick labels a day column of a timeline week.
type DayTick struct {
	X     float64
	Label string
}

// Lane is one layer's shifts within a week.
type Lane struct {
	Layer  string    `json:"layer"` // "engineering", "infra primary", "infra secondary"
	Shifts []Segment `json:"shifts"`
	Y      float64   `json:"-"`
}

// Segment is a shift clipped to a week. Covers is the person the
// rotation's roster puts on duty when an override or absence replaced them.
type Segment struct {
	Who    string    `json:"who"`
	From   time.Time `json:"from"`
	Until  time.Time `json:"until"`
	Covers string    `json:"covers,omitempty"`
	X, W   float64   `json:"-"`
}

// AbsenceRow is an announced absence (R4) in the timeline's weeks.
type AbsenceRow struct {
	Layer  string    `json:"layer"`
	Absent string    `json:"absent"`
	Backup string    `json:"backup"`
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
}

// SLAChart is the sample ticket's clocks (R25-R28) on an axis of whole days,
// with the business calendar's open intervals.
type SLAChart struct {
	From     time.Time  `json:"from"` // midnight of the opening day, team zone
	To       time.Time  `json:"to"`
	Business []Interval `json:"businessHours"`
	Rows     []ClockRow `json:"clocks"`
	Ticks    []DayTick  `json:"-"`
	CheckX   float64    `json:"-"`
	OpenX    float64    `json:"-"`
}

// Interval is an open interval of the business calendar, [From, To).
type Interval struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	X, W float64   `json:"-"`
}

// ClockRow is one clock of the sample ticket, drawn from the opening to due.
type ClockRow struct {
	SLAClock
	X, W, MilestoneX float64 `json:"-"`
}

// BugWeek counts the open bugs of the bundled sample per state at one
// instant, one week apart (R17, R24). States are read from the labels as
// the sample holds them: a bug's past states are not recorded, so earlier
// weeks show the bugs created by then in their current states.
type BugWeek struct {
	Week   string    `json:"week"` // 2024-W10
	At     time.Time `json:"at"`
	Open   int       `json:"open"`
	Opened int       `json:"opened"` // in that week, up to At
	Closed int       `json:"closed"`
	Counts []int     `json:"counts"` // per Dashboard.States
	Bars   []Bar     `json:"-"`
	X      float64   `json:"-"`
	TotalY float64   `json:"-"` // where the total is printed, above the bar
}

// Bar is one stacked segment of the bug chart.
type Bar struct {
	State string
	N     int
	Y, H  float64
	Class string
}

// Gridline is a horizontal line of the bug chart at a count.
type Gridline struct {
	Y     float64
	Label string
}

// LegendEntry names a colour of the bug chart.
type LegendEntry struct {
	State string
	Class string
}

// Geometry of the SVGs, in user units; the CSS scales them to the page.
const (
	weekW     = 700.0 // a timeline week: 100 per day
	laneH     = 34.0
	laneGap   = 30.0
	weekTop   = 28.0
	slaW      = 960.0
	chartW    = 640.0
	chartH    = 240.0
	chartTop  = 34.0
	chartBase = 216.0
)

// server holds what the handler needs; at gives each request's instant.
type server struct {
	team    Team
	history release.History
	reader  *time.Location
	at      func() time.Time
	page    *template.Template
}

// loadTeam reads the embedded preset, variant and release history.
func loadTeam(variant string) (Team, release.History, error) {
	p, err := loadPreset(presetJSON)
	if err != nil {
		return Team{}, release.History{}, err
	}
	team, err := p.Use(variant)
	if err != nil {
		return Team{}, release.History{}, err
	}
	var history release.History
	if err := json.Unmarshal(releasesJSON, &history); err != nil {
		return Team{}, release.History{}, fmt.Errorf("bundled release history: %w", err)
	}
	return team, history, nil
}

// newServer builds the dashboard of opts; now is the clock read per request
// when -at was not given.
func newServer(opts options, now func() time.Time) (*server, error) {
	team, history, err := loadTeam(opts.preset)
	if err != nil {
		return nil, err
	}
	page, err := template.New("dashboard").Funcs(template.FuncMap{
		"hm":    func(t time.Time) string { return t.Format("15:04") },
		"stamp": stamp,
		"f":     func(x float64) string { return fmt.Sprintf("%.1f", x) },
		"join":  strings.Join,
		"dur":   func(d Duration) string { return shortDuration(time.Duration(d)) },
		"over":  func(d Duration) string { return shortDuration(-time.Duration(d)) },
		"add":   func(a, b float64) float64 { return a + b },
		"short": shortState,
	}).Parse(dashboardHTML)
	if err != nil {
		return nil, err
	}
	s := &server{team: team, history: history, reader: opts.zone, page: page, at: now}
	if opts.fixed {
		at := reportInstant(opts.at, team)
		s.at = func() time.Time { return at }
	}
	return s, nil
}

// ServeHTTP serves the page at / and its data at /api/dashboard.json.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path != pagePath && r.URL.Path != jsonPath {
		http.NotFound(w, r)
		return
	}
	d, err := s.dashboard(s.at())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var b bytes.Buffer
	if r.URL.Path == jsonPath {
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(&b)
		enc.SetIndent("", "  ")
		err = enc.Encode(d)
	} else {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		// Nothing on the page comes from elsewhere; say so to the browser.
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
		err = s.page.Execute(&b, d)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b.Bytes())
}

// serve runs the dashboard until SIGINT or SIGTERM: it returns the exit status.
func serve(opts options, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, opts, stderr)
}

// serveUntil runs the dashboard until ctx ends, then shuts it down
// gracefully: it returns the exit status.
func serveUntil(ctx context.Context, opts options, stderr io.Writer) int {
	s, err := newServer(opts, time.Now)
	if err != nil {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", opts.http)
	if err != nil {
		fmt.Fprintf(stderr, "handbook: -http %q: %v\n", opts.http, err)
		return 2
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()
	fmt.Fprintf(stderr, "handbook: dashboard at http://%s/ (data at %s)\n", ln.Addr(), jsonPath)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "handbook: %v\n", err)
		return 1
	}
	<-stopped
	return 0
}

// dashboard computes the page's data at the instant at.
func (s *server) dashboard(at time.Time) (Dashboard, error) {
	rep, err := buildAt(s.team, at, s.reader, s.history, issuesJSON)
	if err != nil {
		return Dashboard{}, err
	}
	v := newView(s.team, at, s.reader)
	d := Dashboard{Report: rep, Month: v.month(), Timeline: v.timeline(), Clocks: v.slaChart(rep.SLA), Daily: v.daily()}
	d.States, d.Legend = bugStates()
	if d.Bugs, d.BugTicks, err = v.bugWeeks(issuesJSON, len(d.States), rep.Bugs.AsOf.In(s.team.Zone)); err != nil {
		return Dashboard{}, err
	}
	return d, nil
}

// isDaily reports whether c is held on every working day.
func isDaily(c sprint.Ceremony) bool { return c.Rule == sprint.EveryWorkday() }

// daily lists the ceremonies held every workday, with their times on the
// view's day.
func (v view) daily() []DailyMeet {
	out := []DailyMeet{}
	y, m, d := v.day.Date()
	for c := range v.team.Sprints.All() {
		if isDaily(c) {
			start := time.Date(y, m, d, c.Time.Hour(), c.Time.Minute(), 0, 0, v.team.Zone)
			out = append(out, DailyMeet{c.Name, c.Owner, v.in(start).Format("15:04") + "-" + v.in(start.Add(c.Duration)).Format("15:04")})
		}
	}
	return out
}

// month builds the month view around the view's day.
func (v view) month() Month {
	t := v.team
	y, m, _ := v.day.Date()
	first := date.New(y, m, 1)
	last := date.New(y, m+1, 1) - 1
	from := first - date.Date((int(first.Weekday())+6)%7)
	to := last + 1 + date.Date((7-int(last.Weekday()))%7)
	out := Month{Title: fmt.Sprintf("%s %d", m, y), First: first.String(), Last: last.String()}

	// Ceremonies by day, from the sprints that overlap the weeks shown.
	daily := map[string]bool{}
	for c := range t.Sprints.All() {
		daily[c.Name] = isDaily(c)
	}
	events := map[date.Date][]Event{}
	for sp := t.Sprints.At(from); sp.Start < to; sp = sp.Next() {
		for e := range t.Sprints.Ceremonies(sp) {
			if !daily[e.Name] && e.Day >= from && e.Day < to {
				events[e.Day] = append(events[e.Day], v.event(e))
			}
		}
	}
	// Windows of the releases whose window can touch the weeks shown: a
	// window lies within the period before its release day.
	period := date.Date(7 * t.Train.Weeks())
	releases := map[date.Date]release.Release{}
	out.Windows = []FreezeWindow{}
	var windows []release.Window
	for r := range t.Train.Releases(from, to+period) {
		releases[r.Day] = r
		w := t.Train.Window(r)
		if w.Start.IsZero() || !w.Start.Before(midnight(to, t.Zone)) || !w.End.After(midnight(from, t.Zone)) {
			continue
		}
		windows = append(windows, w)
		out.Windows = append(out.Windows, FreezeWindow{releaseName(r), r.Day.String(), w.Mode.String(), v.in(w.Start), v.in(w.Deep), v.in(w.End)})
	}
	for wk := from; wk < to; wk += 7 {
		var row []DayBox
		for d := wk; d < wk+7; d++ {
			sp := t.Sprints.At(d)
			n, _ := sp.DayOf(d)
			box := DayBox{
				Day: d.String(), Number: d.Day(), Weekday: d.Weekday().String()[:3], InMonth: d >= first && d <= last, Today: d == v.day,
				Workday: t.Business.IsWorkday(d), Sprint: sp.Number, SprintDay: n,
				Events: events[d],
			}
			box.Holiday = !box.Workday && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
			if box.Events == nil {
				box.Events = []Event{}
			}
			if r, ok := releases[d]; ok {
				box.Release = releaseName(r)
			}
			box.Window, box.Notes = v.windowOn(d, windows)
			row = append(row, box)
		}
		out.Weeks = append(out.Weeks, row)
	}
	return out
}

// releaseName is a release's version, or "release N" without a version.
func releaseName(r release.Release) string {
	if s := version(r.Version); s != "" {
		return s
	}
	return fmt.Sprintf("release %d", r.Number)
}

// windowOn returns the strongest phase of windows that touches the local
// day d (deep-freeze over freeze), and notes for the window edges on d.
func (v view) windowOn(d date.Date, windows []release.Window) (string, []string) {
	from, to := midnight(d, v.team.Zone), midnight(d+1, v.team.Zone)
	within := func(x time.Time) bool { return !x.Before(from) && x.Before(to) }
	phase := ""
	var notes []string
	for _, w := range windows {
		if !w.Start.Before(to) || !w.End.After(from) {
			continue
		}
		name := w.Mode.String()
		if w.Mode == release.BranchCut {
			name = "branch-cut"
		}
		if phase == "" {
			phase = name
		}
		if w.Deep.Before(w.End) && w.Deep.Before(to) {
			phase = "deep-freeze"
		}
		if within(w.Start) {
			notes = append(notes, name+" from "+v.in(w.Start).Format("15:04"))
		}
		if w.Deep.Before(w.End) && within(w.Deep) {
			notes = append(notes, "deep freeze from "+v.in(w.Deep).Format("15:04"))
		}
		if within(w.End) {
			notes = append(notes, name+" lifts "+v.in(w.End).Format("15:04"))
		}
	}
	return phase, notes
}

// timeline builds four weeks of on-call per layer from the Monday of the
// view's ISO week.
func (v view) timeline() OnCallWeeks {
	t := v.team
	from, to := v.monday, v.monday+date.Date(7*timelineWeeks)
	out := OnCallWeeks{From: from.String(), To: to.String(), Absences: []AbsenceRow{}}
	layers := []rotation.Layer[string]{{Name: "engineering", Rotation: t.OnCall}}
	for _, l := range t.Infra.Responders {
		layers = append(layers, rotation.Layer[string]{Name: "infra " + l.Name, Rotation: l.Rotation})
	}
	start, end := midnight(from, t.Zone), midnight(to, t.Zone)
	// An absence announced on several layers is listed once, with its layers.
	seen := map[rotation.Override[string]]int{}
	for _, l := range layers {
		for _, o := range l.Rotation.Overrides() {
			if o.Kind != rotation.Cover || !o.From.Before(end) || !start.Before(o.To) {
				continue
			}
			key := rotation.Override[string]{Kind: o.Kind, Who: o.Who, Absent: o.Absent, From: o.From.UTC(), To: o.To.UTC()}
			if i, ok := seen[key]; ok {
				out.Absences[i].Layer += ", " + l.Name
				continue
			}
			seen[key] = len(out.Absences)
			out.Absences = append(out.Absences, AbsenceRow{l.Name, o.Absent, o.Who, v.in(o.From), v.in(o.To)})
		}
	}
	for wk := from; wk < to; wk += 7 {
		ws, we := midnight(wk, t.Zone), midnight(wk+7, t.Zone)
		x := func(at time.Time) float64 { return weekX(ws, we, at) }
		lw := LaneWeek{Monday: wk.String(), Now: -1}
		if !v.at.Before(ws) && v.at.Before(we) {
			lw.Now = x(v.at)
		}
		for d := wk; d < wk+7; d++ {
			lw.Days = append(lw.Days, DayTick{x(midnight(d, t.Zone)), fmt.Sprintf("%s %d", d.Weekday().String()[:3], d.Day())})
		}
		for i, l := range layers {
			lane := Lane{Layer: l.Name, Shifts: []Segment{}, Y: weekTop + float64(i)*(laneH+laneGap) + laneGap - 4}
			base := l.Rotation.WithoutOverrides()
			for sh := range l.Rotation.During(wk, wk+7) {
				a, b := maxTime(sh.Start, ws), minTime(sh.End, we)
				if !a.Before(b) {
					continue
				}
				seg := Segment{Who: sh.Who, From: v.in(a), Until: v.in(b), X: x(a)}
				seg.W = x(b) - seg.X
				if rostered := base.At(a).Who; rostered != sh.Who {
					seg.Covers = rostered
				}
				lane.Shifts = append(lane.Shifts, seg)
			}
			lw.Lanes = append(lw.Lanes, lane)
			lw.H = lane.Y + laneH + 6
		}
		out.Weeks = append(out.Weeks, lw)
	}
	return out
}

// weekX places at on a week's axis [ws, we) of width weekW; the week may
// be 167 or 169 hours long across a DST change.
func weekX(ws, we, at time.Time) float64 {
	return round1(weekW * float64(at.Sub(ws)) / float64(we.Sub(ws)))
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// slaChart draws the report's sample clocks on whole team-zone days from
// the opening day to the day after the last due or check instant.
func (v view) slaChart(r SLAReport) SLAChart {
	tz := v.team.Zone
	last := r.Checked
	for _, c := range r.Clocks {
		last = maxTime(last, c.Due)
	}
	from := midnight(date.NewAt(r.Opened.In(tz)), tz)
	to := midnight(date.NewAt(last.In(tz))+1, tz)
	x := func(at time.Time) float64 { return round1(slaW * float64(at.Sub(from)) / float64(to.Sub(from))) }
	out := SLAChart{From: v.in(from), To: v.in(to), Business: []Interval{}, OpenX: x(r.Opened), CheckX: x(r.Checked)}
	for a, b := range v.team.Business.Intervals(from, to) {
		out.Business = append(out.Business, Interval{v.in(a), v.in(b), x(a), x(b) - x(a)})
	}
	for d := date.NewAt(from.In(tz)); midnight(d, tz).Before(to); d++ {
		out.Ticks = append(out.Ticks, DayTick{x(midnight(d, tz)), d.Format("Mon 01-02")})
	}
	for _, c := range r.Clocks {
		row := ClockRow{SLAClock: c, X: x(r.Opened), MilestoneX: -1}
		row.W = x(c.Due) - row.X
		if !c.MilestoneAt.IsZero() {
			row.MilestoneX = x(c.MilestoneAt)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// bugStates are the columns of the bug chart: the open states in flow
// order, then the open bugs in no state, with their CSS classes.
func bugStates() ([]string, []LegendEntry) {
	var names []string
	var legend []LegendEntry
	for i, s := range bugflow.States() {
		if s == bugflow.Closed {
			continue
		}
		names = append(names, s.String())
		legend = append(legend, LegendEntry{s.String(), fmt.Sprintf("s%d", i)})
	}
	names = append(names, "no state")
	legend = append(legend, LegendEntry{"no state", "sx"})
	return names, legend
}

// bugWeeks counts the bundled sample's open bugs per state at asOf (the
// report's instant, or the sample's end when the report is later) and at the
// same instant in each of the weeks before it, with the chart's gridlines.
func (v view) bugWeeks(issues []byte, nStates int, asOf time.Time) ([]BugWeek, []Gridline, error) {
	list, _, err := bugflow.DecodeGitHub(issues)
	if err != nil {
		return nil, nil, fmt.Errorf("bundled issues: %w", err)
	}
	states := slices.DeleteFunc(bugflow.States(), func(s bugflow.State) bool { return s == bugflow.Closed })
	_, legend := bugStates()
	out := make([]BugWeek, bugWeeks)
	top := 0
	for i := range out {
		at := asOf.Add(-time.Duration(bugWeeks-1-i) * bugflow.Week)
		rep := v.team.Scheme.Report(list, at, bugflow.ReportOptions{Age: bugflow.Fleet2024Age()})
		yr, wk := at.ISOWeek()
		w := BugWeek{Week: fmt.Sprintf("%d-W%02d", yr, wk), At: v.in(at), Open: rep.Open, Opened: rep.Opened, Closed: rep.Closed}
		for _, s := range states {
			w.Counts = append(w.Counts, rep.Count(s))
		}
		w.Counts = append(w.Counts, rep.Count(bugflow.Unknown))
		out[i] = w
		top = max(top, rep.Open)
	}
	if top == 0 {
		top = 1
	}
	scale := (chartBase - chartTop) / float64(top)
	slot := (chartW - 40) / bugWeeks
	for i := range out {
		out[i].X = round1(40 + float64(i)*slot + slot*0.2)
		y := chartBase
		for j, n := range out[i].Counts[:nStates] {
			h := round1(float64(n) * scale)
			y -= h
			if n > 0 {
				out[i].Bars = append(out[i].Bars, Bar{legend[j].State, n, round1(y), h, legend[j].Class})
			}
		}
		out[i].TotalY = round1(y - 4)
	}
	// Gridlines at 0, the middle and the top, on whole numbers.
	var lines []Gridline
	for _, n := range []int{0, top / 2, top} {
		if n > 0 || len(lines) == 0 {
			lines = append(lines, Gridline{round1(chartBase - float64(n)*scale), fmt.Sprint(n)})
		}
	}
	return out, slices.CompactFunc(lines, func(a, b Gridline) bool { return a.Label == b.Label }), nil
}

// shortDuration prints 1h, 8h, 30m, 16h30m.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// shortState abbreviates a state's name for the bug table's header.
func shortState(s string) string {
	switch s {
	case "reproduced":
		return "repro."
	case "in engineering":
		return "in eng."
	case "awaiting QA":
		return "QA"
	case "no state":
		return "none"
	}
	return s
}
