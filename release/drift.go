package release

import (
	"cmp"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/rickb777/date/v2"
)

// Shipped records one release that actually happened: its version (a minor
// such as 4.58.0 or a patch such as 4.58.2) and its day (R30).
type Shipped struct {
	Version Version   `json:"version"`
	Day     date.Date `json:"day"`
}

// History is a record of shipped releases, sorted by day and then version.
// It is immutable; the zero History is empty.
type History struct {
	s []Shipped
}

// NewHistory returns the history of shipped, in any order. Every version
// must be valid and non-zero and appear once (a *FieldError matching
// ErrHistory otherwise).
func NewHistory(shipped ...Shipped) (History, error) {
	s := slices.Clone(shipped)
	slices.SortFunc(s, func(a, b Shipped) int {
		if c := cmp.Compare(a.Day, b.Day); c != 0 {
			return c
		}
		return a.Version.Compare(b.Version)
	})
	seen := make(map[Version]bool, len(s))
	for _, x := range s {
		switch {
		case x.Version.IsZero() || !x.Version.IsValid():
			return History{}, fieldErr("version", x.Version.String(), "not a release version", ErrHistory)
		case seen[x.Version]:
			return History{}, fieldErr("version", x.Version.String(), "shipped twice", ErrHistory)
		case x.Day < minDay || x.Day > maxDay:
			return History{}, fieldErr("day", x.Day.String(), "out of range", ErrHistory)
		}
		seen[x.Version] = true
	}
	return History{s: s}, nil
}

// Len returns the number of shipped releases.
func (h History) Len() int { return len(h.s) }

// All yields the shipped releases in order of day, then version.
func (h History) All() iter.Seq[Shipped] {
	return func(yield func(Shipped) bool) {
		for _, x := range h.s {
			if !yield(x) {
				return
			}
		}
	}
}

// MarshalJSON encodes h as a JSON array of {"version":"4.58.0","day":"2024-10-17"}.
func (h History) MarshalJSON() ([]byte, error) {
	s := h.s
	if s == nil {
		s = []Shipped{}
	}
	return json.Marshal(s)
}

// UnmarshalJSON decodes the form MarshalJSON writes and validates it with
// NewHistory.
func (h *History) UnmarshalJSON(b []byte) error {
	var s []Shipped
	if err := json.Unmarshal(b, &s); err != nil {
		return jsonErr("history", err)
	}
	v, err := NewHistory(s...)
	if err != nil {
		return err
	}
	*h = v
	return nil
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
	Planned   Release   // the planned release it was matched to
	Slip      int       // Day - Planned.Day in days: positive late, negative early
	Gap       int       // days since the previous shipped minor; 0 for the first
	Extra     bool      // another minor matched the same planned release more closely
	OnWeekday bool      // shipped on the train's weekday
	Patches   []Patch   // its patch releases, in order
}

// A Summary condenses a drift report.
type Summary struct {
	Minors, Patches, Skipped, Extra  int
	MeanGap, MedianGap               float64 // days between consecutive shipped minors
	OnWeekday                        float64 // share of minors shipped on the train's weekday, 0 to 1
	OnCadence                        float64 // share of gaps exactly the train's period, 0 to 1
	MeanSlip, MedianSlip             float64 // days; positive late
	MaxSlip                          int     // the largest slip in either direction, signed
	PatchesPerMinor                  float64
	MeanPatchDelay, MedianPatchDelay float64 // days after the minor
	MaxPatchDelay                    int
}

// A Report is the drift between a train's plan and a History (R30).
type Report struct {
	Period  int       // days between planned releases
	Weekday string    // the planned weekday
	Minors  []Slip    // every shipped minor, in order of day
	Skipped []Release // planned releases between the first and last matched with no minor
	Orphans []Shipped // patches whose minor is not in the history
	Summary Summary
}

// Drift matches every shipped minor release of h to the planned release
// nearest its day (ties go to the later one; version numbers are not used,
// because a skipped release would shift every version after it), and reports
// per minor the planned day and the slip, the gap since the previous minor
// and its patches; the planned releases skipped; and summary figures. When
// several minors match one planned release, the closest keeps it and the
// others are marked Extra. The zero Train gives an empty report.
func (t Train) Drift(h History) Report {
	rep := Report{Period: int(t.period), Weekday: t.Weekday().String()}
	if t.period == 0 {
		return rep
	}
	minorAt := map[Version]int{}
	for _, x := range h.s {
		if x.Version.IsPatch() {
			continue
		}
		n := int(floorDiv(int64(x.Day-t.first)+t.period/2, t.period)) + 1
		p := t.Release(n)
		sl := Slip{Version: x.Version, Day: x.Day, Planned: p, Slip: int(x.Day - p.Day), OnWeekday: x.Day.Weekday() == t.Weekday()}
		if k := len(rep.Minors); k > 0 {
			sl.Gap = int(x.Day - rep.Minors[k-1].Day)
		}
		minorAt[x.Version] = len(rep.Minors)
		rep.Minors = append(rep.Minors, sl)
	}
	for _, x := range h.s {
		if !x.Version.IsPatch() {
			continue
		}
		i, ok := minorAt[x.Version.Minorline()]
		if !ok {
			rep.Orphans = append(rep.Orphans, x)
			continue
		}
		m := &rep.Minors[i]
		m.Patches = append(m.Patches, Patch{Version: x.Version, Day: x.Day, Delay: int(x.Day - m.Day)})
	}
	// Extras: among minors matched to one planned release, keep the closest.
	best := map[int]int{}
	for i, m := range rep.Minors {
		j, ok := best[m.Planned.Number]
		if !ok || abs(m.Slip) < abs(rep.Minors[j].Slip) {
			if ok {
				rep.Minors[j].Extra = true
			}
			best[m.Planned.Number] = i
		} else {
			rep.Minors[i].Extra = true
		}
	}
	if len(rep.Minors) > 0 {
		lo, hi := rep.Minors[0].Planned.Number, rep.Minors[0].Planned.Number
		for _, m := range rep.Minors {
			lo, hi = min(lo, m.Planned.Number), max(hi, m.Planned.Number)
		}
		for n := lo; n <= hi; n++ {
			if _, ok := best[n]; !ok {
				rep.Skipped = append(rep.Skipped, t.Release(n))
			}
		}
	}
	rep.Summary = rep.summarise()
	return rep
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (r Report) summarise() Summary {
	s := Summary{Minors: len(r.Minors), Skipped: len(r.Skipped)}
	var gaps, slips, delays []int
	onWeekday, onCadence := 0, 0
	for i, m := range r.Minors {
		if i > 0 {
			gaps = append(gaps, m.Gap)
			if m.Gap == r.Period {
				onCadence++
			}
		}
		if m.Extra {
			s.Extra++
		}
		if m.OnWeekday {
			onWeekday++
		}
		slips = append(slips, m.Slip)
		if abs(m.Slip) > abs(s.MaxSlip) {
			s.MaxSlip = m.Slip
		}
		for _, p := range m.Patches {
			delays = append(delays, p.Delay)
			s.MaxPatchDelay = max(s.MaxPatchDelay, p.Delay)
		}
	}
	s.Patches = len(delays)
	s.MeanGap, s.MedianGap = meanMedian(gaps)
	s.MeanSlip, s.MedianSlip = meanMedian(slips)
	s.MeanPatchDelay, s.MedianPatchDelay = meanMedian(delays)
	if s.Minors > 0 {
		s.OnWeekday = float64(onWeekday) / float64(s.Minors)
		s.PatchesPerMinor = float64(s.Patches) / float64(s.Minors)
	}
	if len(gaps) > 0 {
		s.OnCadence = float64(onCadence) / float64(len(gaps))
	}
	return s
}

func meanMedian(xs []int) (mean, median float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	sum := 0
	for _, x := range xs {
		sum += x
	}
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	median = float64(s[n/2])
	if n%2 == 0 {
		median = float64(s[n/2-1]+s[n/2]) / 2
	}
	return float64(sum) / float64(n), median
}

// String returns the report as a table, one line per shipped minor, followed
// by skipped releases and the summary.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-9s %-5s %-14s %-14s %5s %4s  %s\n", "version", "plan", "planned", "shipped", "slip", "gap", "patches (days after)")
	for _, m := range r.Minors {
		gap := "-"
		if m.Gap != 0 {
			gap = strconv.Itoa(m.Gap)
		}
		var ps []string
		for _, p := range m.Patches {
			ps = append(ps, fmt.Sprintf(".%d +%d", p.Version.Patch, p.Delay))
		}
		note := strings.Join(ps, ", ")
		if m.Extra {
			note = "extra; " + note
		}
		line := fmt.Sprintf("%-9s #%-4d %s %s %+5d %4s  %s", m.Version, m.Planned.Number,
			dayWd(m.Planned.Day), dayWd(m.Day), m.Slip, gap, strings.TrimSuffix(note, "; "))
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "skipped: #%d %s\n", s.Number, dayWd(s.Day))
	}
	for _, o := range r.Orphans {
		fmt.Fprintf(&b, "patch without its minor: %s %s\n", o.Version, dayWd(o.Day))
	}
	s := r.Summary
	fmt.Fprintf(&b, "%d minors, %d patches, %d skipped, %d extra\n", s.Minors, s.Patches, s.Skipped, s.Extra)
	fmt.Fprintf(&b, "gap: mean %.1f d, median %.1f d; exactly %d d: %.0f%%; on %s: %.0f%%\n",
		s.MeanGap, s.MedianGap, r.Period, 100*s.OnCadence, r.Weekday, 100*s.OnWeekday)
	fmt.Fprintf(&b, "slip: mean %+.1f d, median %+.1f d, largest %+d d\n", s.MeanSlip, s.MedianSlip, s.MaxSlip)
	fmt.Fprintf(&b, "patches: %.1f per minor, mean %.1f d after, median %.1f d, latest %d d (R30)\n",
		s.PatchesPerMinor, s.MeanPatchDelay, s.MedianPatchDelay, s.MaxPatchDelay)
	return b.String()
}

func dayWd(d date.Date) string { return d.String() + " " + d.Weekday().String()[:3] }
