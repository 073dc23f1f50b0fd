package release

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
)

// Matching says how Drift pairs shipped minors with planned releases.
type Matching uint8

const (
	// ByVersion compares shipped minor N with planned release N of the
	// train's version scheme: the slip accumulates, a version planned and
	// never shipped is skipped, and a shipped version off the scheme
	// (another major) is extra.
	ByVersion Matching = iota
	// ByDay pairs each shipped minor with the planned release nearest its
	// day (ties go to the later release), for trains without versions.
	ByDay
)

// String returns "by version" or "by nearest day".
func (m Matching) String() string {
	switch m {
	case ByVersion:
		return "by version"
	case ByDay:
		return "by nearest day"
	}
	return "matching(" + strconv.Itoa(int(m)) + ")"
}

// A DriftOption changes how Train.Drift matches and plans.
type DriftOption func(*driftConfig)

type driftConfig struct {
	byDay    bool
	anchors  []Train
	badAncor error
}

// MatchByDay makes Drift pair each shipped minor with the planned release
// nearest its day, even on a train with a version scheme.
func MatchByDay() DriftOption { return func(c *driftConfig) { c.byDay = true } }

// Reanchor re-anchors the plan at plan's first version: from that version
// on, minors are compared with plan (its first day, period and numbering)
// instead of the train, as when a team resets its train after a change of
// pace. plan must have a version scheme; re-anchors at one version twice
// are refused (ErrAnchor). Each re-anchor starts a Segment of the report.
func Reanchor(plan Train) DriftOption {
	return func(c *driftConfig) {
		if plan.IsZero() || plan.version.IsZero() {
			c.badAncor = configErr("reanchor", plan.String(), "a re-anchored plan needs a version scheme", ErrAnchor)
			return
		}
		c.anchors = append(c.anchors, plan)
	}
}

// A Patch is a patch release in a drift report, with its delay in days after
// its minor release.
type Patch struct {
	Version Version
	Day     date.Date
	Delay   int // days after the minor release
}

// A Slip compares one shipped minor release with the planned release it was
// matched to.
type Slip struct {
	Version   Version
	Day       date.Date // the day it shipped
	Segment   int       // index in Report.Segments of the plan it was matched against
	Planned   Release   // the planned release it was matched to; zero when Extra by version
	Slip      int       // Day - Planned.Day in days: positive late, negative early; 0 when Extra
	Gap       int       // days since the previous shipped minor; 0 for the first
	Extra     bool      // not on the plan (by version) or another minor matched its planned release more closely (by day)
	OnWeekday bool      // shipped on the plan's weekday
	Patches   []Patch   // its patch releases, in order
}

// A Segment is one stretch of the plan: the train, or a plan a re-anchor
// started, and the figures of the minors matched against it.
type Segment struct {
	Plan    Train   // the plan of the segment
	Anchor  Release // release 1 of the plan: the version and day it is anchored on
	Minors  int     // shipped minors matched against it (extras included)
	Skipped int     // planned releases of the segment that never shipped
	Slip    Figures // slips of its matched minors
	Last    int     // the slip of its last matched minor
}

// Figures are the count, mean, median, minimum and maximum of a list of day
// counts; all zero for an empty list. The median of an even count is the
// mean of the middle two.
type Figures struct {
	N            int
	Mean, Median float64
	Min, Max     int
}

// figuresOf returns the figures of xs, sorting xs.
func figuresOf(xs []int) Figures {
	if len(xs) == 0 {
		return Figures{}
	}
	slices.Sort(xs)
	sum := 0
	for _, x := range xs {
		sum += x
	}
	n := len(xs)
	f := Figures{N: n, Mean: float64(sum) / float64(n), Median: float64(xs[n/2]), Min: xs[0], Max: xs[n-1]}
	if n%2 == 0 {
		f.Median = float64(xs[n/2-1]+xs[n/2]) / 2
	}
	return f
}

// String returns "mean 20.5 d, median 21.0 d, min 5 d, max 30 d".
func (f Figures) String() string {
	return fmt.Sprintf("mean %.1f d, median %.1f d, min %d d, max %d d", f.Mean, f.Median, f.Min, f.Max)
}

// A Share is Count out of Of, such as 8 gaps of 55.
type Share struct{ Count, Of int }

// Value returns Count/Of, from 0 to 1; 0 when Of is 0.
func (s Share) Value() float64 {
	if s.Of == 0 {
		return 0
	}
	return float64(s.Count) / float64(s.Of)
}

// String returns "8 of 55 (15%)".
func (s Share) String() string {
	return fmt.Sprintf("%d of %d (%.0f%%)", s.Count, s.Of, 100*s.Value())
}

// A Summary condenses a drift report as counts and shares (R30).
type Summary struct {
	Minors   int // shipped minors
	Skipped  int // planned releases never shipped
	Extra    int // shipped minors off the plan
	Orphans  int // patches whose minor is not in the history
	Gap      Figures
	OnPeriod Share // gaps between consecutive minors of exactly one period, of all gaps
	// OnWeekday is the minors shipped on the plan's weekday, of all minors.
	OnWeekday Share
	Slip      Figures // of matched (not Extra) minors; positive late
	LastSlip  int     // the slip of the last matched minor
	Patches   int     // patches of minors in the history (orphans left out)
	// WithPatches is the minors with at least one patch, of all minors.
	WithPatches Share
	MostPatches int     // the most patches of one minor
	PatchDelay  Figures // days from each patch's minor to it
}

// A Report is the drift between a train's plan and a History (R30).
type Report struct {
	Matching Matching
	Period   int // days between planned releases of the train
	Weekday  time.Weekday
	Segments []Segment // the train, then one per re-anchor, in version order
	Minors   []Slip    // every shipped minor, in order of day
	Skipped  []Release // planned releases (by version: versions) with no shipped minor, between the first and the last matched; at most MaxSkippedListed
	Orphans  []Shipped // patches whose minor is not in the history
	Summary  Summary
}

// Drift compares a History with the train's plan (R30).
//
// On a train with a version scheme, shipped minor N is compared with
// planned release N (ByVersion): a release planned for 2026-08-26 that
// shipped 2026-07-15 slipped -42 days, however far that is; versions the
// plan has between the first and last shipped minor and that never shipped
// are Skipped; shipped minors of another major are Extra. On a train
// without versions, or with MatchByDay, each minor is paired with the
// planned release nearest its day (ties go to the later release); when
// several minors pair with one planned release the closest keeps it (the
// first on a tie) and the others are Extra. Report.Matching says which
// matching was used. With Reanchor options the plan changes at each
// re-anchor's version: minors from that version on are matched against the
// re-anchored plan, and each stretch is a Segment with its own slip figures.
//
// Patches are listed under their minor with their delay in days; patches
// whose minor is not in the history are Orphans. Gaps are between
// consecutive shipped minors in order of day. The zero Train gives an empty
// report. Errors: a bad re-anchor (ErrAnchor). Drift allocates in
// proportion to the history and costs O(n log n).
func (t Train) Drift(h History, opts ...DriftOption) (Report, error) {
	var c driftConfig
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.badAncor != nil {
		return Report{}, c.badAncor
	}
	rep := Report{Period: int(t.period), Weekday: t.Weekday(), Matching: ByVersion}
	if t.period == 0 {
		return rep, nil
	}
	if c.byDay || t.version.IsZero() {
		rep.Matching = ByDay
	}
	plans := append([]Train{t}, c.anchors...)
	slices.SortStableFunc(plans[1:], func(a, b Train) int { return a.version.Compare(b.version) })
	for i := 2; i < len(plans); i++ {
		if plans[i].version == plans[i-1].version {
			return Report{}, configErr("reanchor", plans[i].version.String(), "re-anchored twice at one version", ErrAnchor)
		}
	}
	for _, p := range plans {
		rep.Segments = append(rep.Segments, Segment{Plan: p, Anchor: p.Release(1)})
	}
	segOf := func(v Version) int {
		i := len(plans) - 1
		for i > 0 && v.Less(plans[i].version) {
			i--
		}
		return i
	}

	nMinors := 0
	for _, x := range h.s {
		if !x.Version.IsPatch() {
			nMinors++
		}
	}
	rep.Minors = make([]Slip, 0, nMinors)
	minorAt := make(map[Version]int, nMinors)
	for _, x := range h.s {
		if x.Version.IsPatch() {
			continue
		}
		sg := segOf(x.Version)
		p := plans[sg]
		sl := Slip{Version: x.Version, Day: x.Day, Segment: sg, OnWeekday: x.Day.Weekday() == p.Weekday()}
		if rep.Matching == ByVersion {
			if x.Version.Major == p.version.Major {
				sl.Planned = p.Release(x.Version.Minor - p.version.Minor + 1)
				sl.Slip = int(x.Day - sl.Planned.Day)
			} else {
				sl.Extra = true
			}
		} else {
			// The nearest planned release; on a tie (only with an even
			// number of days between releases) the later one.
			n := int(floorDiv(int64(x.Day-p.first)+p.period/2, p.period)) + 1
			sl.Planned = p.nearest(x.Day, n)
			sl.Slip = int(x.Day - sl.Planned.Day)
		}
		if k := len(rep.Minors); k > 0 {
			sl.Gap = int(x.Day - rep.Minors[k-1].Day)
		}
		minorAt[x.Version] = len(rep.Minors)
		rep.Minors = append(rep.Minors, sl)
	}
	// Patches: count per minor, then hand out parts of one array, in order.
	count := make([]int, len(rep.Minors))
	patches := 0
	for _, x := range h.s {
		if !x.Version.IsPatch() {
			continue
		}
		if i, ok := minorAt[x.Version.Minorline()]; ok {
			count[i]++
			patches++
		} else {
			rep.Orphans = append(rep.Orphans, x)
		}
	}
	all := make([]Patch, patches)
	for i := range rep.Minors {
		if count[i] > 0 {
			rep.Minors[i].Patches, all = all[:0:count[i]], all[count[i]:]
		}
	}
	for _, x := range h.s {
		if !x.Version.IsPatch() {
			continue
		}
		if i, ok := minorAt[x.Version.Minorline()]; ok {
			m := &rep.Minors[i]
			m.Patches = append(m.Patches, Patch{Version: x.Version, Day: x.Day, Delay: int(x.Day - m.Day)})
		}
	}
	if rep.Matching == ByVersion {
		rep.skippedByVersion(plans, segOf)
	} else {
		rep.skippedByDay(plans)
	}
	rep.summarise()
	return rep, nil
}

// nearest returns the planned release nearest day, given n, the number of
// the release nearest on the cadence's planned days: with a move, a
// neighbour may have moved closer. Ties go to the later release.
func (t Train) nearest(day date.Date, n int) Release {
	best := t.Release(n)
	if t.move == Stay {
		return best
	}
	for _, m := range [2]int{n - 1, n + 1} {
		r := t.Release(m)
		db, dr := abs(int(day-best.Day)), abs(int(day-r.Day))
		if dr < db || dr == db && r.Number > best.Number {
			best = r
		}
	}
	return best
}

// MaxSkippedListed bounds Report.Skipped: a history whose versions or days
// leave more planned releases unshipped lists the first MaxSkippedListed of
// them, and Summary.Skipped and Segment.Skipped still count them all.
const MaxSkippedListed = 10_000

// missing calls emit for the numbers of [lo, hi] not in have (sorted,
// unique, within [lo, hi]) while emit returns true, and returns how many
// there are. It costs O(len(have)) plus the calls.
func missing(have []int, lo, hi int, emit func(n int) bool) int {
	count := (hi - lo + 1) - len(have)
	next := lo
	for _, h := range have {
		for n := next; n < h; n++ {
			if !emit(n) {
				return count
			}
		}
		next = h + 1
	}
	for n := next; n <= hi; n++ {
		if !emit(n) {
			return count
		}
	}
	return count
}

// skippedByVersion lists, for each major a segment plans, the versions
// between its lowest and highest shipped minor that never shipped, each with
// its planned release in the segment its version belongs to.
func (r *Report) skippedByVersion(plans []Train, segOf func(Version) int) {
	minors := map[int][]int{} // major: shipped minor numbers
	for _, m := range r.Minors {
		minors[m.Version.Major] = append(minors[m.Version.Major], m.Version.Minor)
	}
	majors := make([]int, 0, len(minors))
	for major := range minors {
		majors = append(majors, major)
	}
	slices.Sort(majors)
	for _, major := range majors {
		have := minors[major]
		slices.Sort(have)
		lo, hi := have[0], have[len(have)-1]
		// The segments planning this major cut [lo, hi] into stretches.
		for sg, p := range plans {
			if p.version.Major != major {
				continue
			}
			from, to := lo, hi // the minors whose segment is sg
			if sg > 0 {
				from = max(from, p.version.Minor)
			}
			for _, q := range plans[sg+1:] {
				if q.version.Major == major && q.version.Minor > p.version.Minor {
					to = min(to, q.version.Minor-1)
					break
				}
				if q.version.Major > major {
					break
				}
			}
			if from > to || segOf(Version{major, from, 0}) != sg {
				continue
			}
			a, _ := slices.BinarySearch(have, from)
			b, _ := slices.BinarySearch(have, to+1)
			r.Segments[sg].Skipped += missing(have[a:b], from, to, func(n int) bool {
				if len(r.Skipped) >= MaxSkippedListed {
					return false
				}
				r.Skipped = append(r.Skipped, p.Release(n-p.version.Minor+1))
				return true
			})
		}
	}
	slices.SortStableFunc(r.Skipped, func(a, b Release) int { return a.Version.Compare(b.Version) })
}

// skippedByDay marks extras (several minors on one planned release: the
// closest keeps it, the first on a tie) and lists, per segment, the planned
// releases between the first and last matched with no minor.
func (r *Report) skippedByDay(plans []Train) {
	type key struct{ seg, n int }
	best := make(map[key]int, len(r.Minors))
	numbers := make([][]int, len(plans))
	for i, m := range r.Minors {
		k := key{m.Segment, m.Planned.Number}
		j, ok := best[k]
		switch {
		case !ok:
			best[k] = i
			numbers[m.Segment] = append(numbers[m.Segment], m.Planned.Number)
		case abs(m.Slip) < abs(r.Minors[j].Slip):
			r.Minors[j].Extra = true
			best[k] = i
		default:
			r.Minors[i].Extra = true
		}
	}
	for sg, p := range plans {
		have := numbers[sg]
		if len(have) == 0 {
			continue
		}
		slices.Sort(have)
		r.Segments[sg].Skipped += missing(have, have[0], have[len(have)-1], func(n int) bool {
			if len(r.Skipped) >= MaxSkippedListed {
				return false
			}
			r.Skipped = append(r.Skipped, p.Release(n))
			return true
		})
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (r *Report) summarise() {
	s := Summary{Minors: len(r.Minors), Orphans: len(r.Orphans)}
	for _, sg := range r.Segments {
		s.Skipped += sg.Skipped
	}
	gaps := make([]int, 0, len(r.Minors))
	slips := make([]int, 0, len(r.Minors))
	segSlips := make([][]int, len(r.Segments))
	var delays []int
	onPeriod, onWeekday, withPatches := 0, 0, 0
	for i, m := range r.Minors {
		if i > 0 {
			gaps = append(gaps, m.Gap)
			if m.Gap == r.Period {
				onPeriod++
			}
		}
		if m.OnWeekday {
			onWeekday++
		}
		r.Segments[m.Segment].Minors++
		if m.Extra {
			s.Extra++
		} else {
			slips = append(slips, m.Slip)
			segSlips[m.Segment] = append(segSlips[m.Segment], m.Slip)
			s.LastSlip = m.Slip
			r.Segments[m.Segment].Last = m.Slip
		}
		if len(m.Patches) > 0 {
			withPatches++
			s.MostPatches = max(s.MostPatches, len(m.Patches))
		}
		for _, p := range m.Patches {
			delays = append(delays, p.Delay)
		}
	}
	s.Patches = len(delays)
	s.Gap = figuresOf(gaps)
	s.Slip = figuresOf(slips)
	s.PatchDelay = figuresOf(delays)
	s.OnPeriod = Share{onPeriod, len(gaps)}
	s.OnWeekday = Share{onWeekday, len(r.Minors)}
	s.WithPatches = Share{withPatches, len(r.Minors)}
	for i := range r.Segments {
		r.Segments[i].Slip = figuresOf(segSlips[i])
	}
	r.Summary = s
}

// String returns the report as a table, one line per shipped minor,
// followed by the segments, the skipped releases and the summary.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "matched %s against a release every %d days on %s (R30)\n", r.Matching, r.Period, r.Weekday)
	planW := 5
	if len(r.Segments) > 1 {
		planW = 8
	}
	fmt.Fprintf(&b, "%-9s %-*s %-14s %-14s %5s %4s  %s\n", "version", planW, "plan", "planned", "shipped", "slip", "gap", "patches (days after)")
	for _, m := range r.Minors {
		gap := "-"
		if m.Gap != 0 {
			gap = strconv.Itoa(m.Gap)
		}
		var ps []string
		if m.Extra {
			ps = append(ps, "extra")
		}
		for _, p := range m.Patches {
			ps = append(ps, fmt.Sprintf(".%d +%d", p.Version.Patch, p.Delay))
		}
		plan, planned, slip := "-", "-", "-"
		if m.Planned != (Release{}) {
			plan, planned, slip = "#"+strconv.Itoa(m.Planned.Number), dayWd(m.Planned.Day), fmt.Sprintf("%+d", m.Slip)
		}
		if len(r.Segments) > 1 {
			plan = "s" + strconv.Itoa(m.Segment) + " " + plan
		}
		line := fmt.Sprintf("%-9s %-*s %-14s %-14s %5s %4s  %s", m.Version, planW, plan, planned, dayWd(m.Day), slip, gap, strings.Join(ps, ", "))
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	if len(r.Segments) > 1 {
		for i, sg := range r.Segments {
			fmt.Fprintf(&b, "segment %d from %s on %s: %d minors, %d skipped, last slip %+d d\n",
				i, sg.Anchor.Version, dayWd(sg.Anchor.Day), sg.Minors, sg.Skipped, sg.Last)
			fmt.Fprintf(&b, "  slip: %s\n", sg.Slip)
		}
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "skipped: %s planned %s\n", rname(s), dayWd(s.Day))
	}
	for _, o := range r.Orphans {
		fmt.Fprintf(&b, "patch without its minor: %s %s\n", o.Version, dayWd(o.Day))
	}
	s := r.Summary
	fmt.Fprintf(&b, "%d minors, %d skipped, %d extra, %d patches, %d orphan patches\n", s.Minors, s.Skipped, s.Extra, s.Patches, s.Orphans)
	fmt.Fprintf(&b, "gap: %s\n", s.Gap)
	fmt.Fprintf(&b, "gaps of exactly %d d: %s; minors on %s: %s\n", r.Period, s.OnPeriod, r.Weekday, s.OnWeekday)
	fmt.Fprintf(&b, "slip: %s, last %+d d\n", s.Slip, s.LastSlip)
	fmt.Fprintf(&b, "patches: minors with patches %s, at most %d per minor\n", s.WithPatches, s.MostPatches)
	fmt.Fprintf(&b, "patch delay: %s\n", s.PatchDelay)
	return b.String()
}

func dayWd(d date.Date) string { return d.String() + " " + d.Weekday().String()[:3] }
