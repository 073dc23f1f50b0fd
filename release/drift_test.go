package release

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func loadFleet(t testing.TB) History {
	t.Helper()
	b, err := os.ReadFile("testdata/fleet-releases.json")
	require.NoError(t, err)
	var h History
	require.NoError(t, json.Unmarshal(b, &h))
	return h
}

func ship(v string, day date.Date) Shipped { return Shipped{Version: MustParseVersion(v), Day: day} }

func TestDriftOnPlan(t *testing.T) {
	tr := MustNewTrain(d(2024, time.March, 6), 3, WithVersion(MustParseVersion("4.47.0")))
	var s []Shipped
	for n := 1; n <= 6; n++ {
		r := tr.Release(n)
		s = append(s, Shipped{r.Version, r.Day}, Shipped{Version{r.Version.Major, r.Version.Minor, 1}, r.Day + 2})
	}
	h, err := NewHistory(s...)
	require.NoError(t, err)
	rep := mustDrift(t, tr, h)
	assert.Equal(t, ByVersion, rep.Matching)
	require.Len(t, rep.Minors, 6)
	for i, m := range rep.Minors {
		assert.Equal(t, i+1, m.Planned.Number)
		assert.Zero(t, m.Slip)
		assert.True(t, m.OnWeekday)
		assert.False(t, m.Extra)
		require.Len(t, m.Patches, 1)
		assert.Equal(t, 2, m.Patches[0].Delay)
	}
	sum := rep.Summary
	assert.Equal(t, Share{5, 5}, sum.OnPeriod)
	assert.Equal(t, Share{6, 6}, sum.OnWeekday)
	assert.Equal(t, Figures{N: 5, Mean: 21, Median: 21, Min: 21, Max: 21}, sum.Gap)
	assert.Equal(t, Share{6, 6}, sum.WithPatches)
	assert.Equal(t, Figures{N: 6}, sum.Slip)
	assert.Empty(t, rep.Skipped)
}

// By version (R30): shipped minor N against planned release N, however far
// apart; a version never shipped is skipped, another major is extra.
func TestDriftByVersion(t *testing.T) {
	tr := MustNewTrain(d(2024, time.March, 6), 3, WithVersion(MustParseVersion("4.47.0")))
	h, err := NewHistory(
		ship("4.47.0", d(2024, time.March, 6)),
		ship("4.48.0", d(2024, time.March, 12)), // planned 03-27: 15 days early
		// 4.49.0 (planned 04-17) never shipped
		ship("4.50.0", d(2024, time.April, 17)), // planned 05-08: 21 days early
		ship("4.50.1", d(2024, time.April, 19)),
		ship("4.50.2", d(2024, time.April, 30)),
		ship("5.0.0", d(2024, time.May, 1)),    // another major: extra
		ship("4.46.3", d(2024, time.March, 8)), // patch of a minor not recorded
		ship("4.51.0", d(2024, time.June, 3)),  // planned 05-29: 5 days late
	)
	require.NoError(t, err)
	rep := mustDrift(t, tr, h)
	require.Equal(t, ByVersion, rep.Matching)
	var got []string
	for _, m := range rep.Minors {
		got = append(got, fmt.Sprintf("%s #%d %+d gap %d extra %t", m.Version, m.Planned.Number, m.Slip, m.Gap, m.Extra))
	}
	assert.Equal(t, []string{
		"4.47.0 #1 +0 gap 0 extra false",
		"4.48.0 #2 -15 gap 6 extra false",
		"4.50.0 #4 -21 gap 36 extra false",
		"5.0.0 #0 +0 gap 14 extra true",
		"4.51.0 #5 +5 gap 33 extra false",
	}, got)
	require.Len(t, rep.Skipped, 1)
	assert.Equal(t, "4.49.0", rep.Skipped[0].Version.String())
	assert.Equal(t, d(2024, time.April, 17), rep.Skipped[0].Day)
	require.Len(t, rep.Orphans, 1)
	assert.Equal(t, "4.46.3", rep.Orphans[0].Version.String())
	s := rep.Summary
	assert.Equal(t, 5, s.Minors)
	assert.Equal(t, 1, s.Extra)
	assert.Equal(t, 1, s.Skipped)
	assert.Equal(t, 1, s.Orphans)
	assert.Equal(t, Figures{N: 4, Mean: (0 - 15 - 21 + 5) / 4.0, Median: (-15 + 0) / 2.0, Min: -21, Max: 5}, s.Slip)
	assert.Equal(t, 5, s.LastSlip)
	assert.Equal(t, Figures{N: 4, Mean: (6 + 36 + 14 + 33) / 4.0, Median: (14 + 33) / 2.0, Min: 6, Max: 36}, s.Gap)
	assert.Equal(t, Share{3, 5}, s.OnWeekday) // 03-06, 04-17 and 05-01 are Wednesdays; 03-12 a Tuesday, 06-03 a Monday
	assert.Equal(t, 2, s.Patches)
	assert.Equal(t, Share{1, 5}, s.WithPatches)
	assert.Equal(t, 2, s.MostPatches)
	assert.Equal(t, Figures{N: 2, Mean: 7.5, Median: 7.5, Min: 2, Max: 13}, s.PatchDelay)
	out := rep.String()
	assert.Contains(t, out, "matched by version")
	assert.Contains(t, out, "skipped: release 3 (4.49.0) planned 2024-04-17 Wed")
	assert.Contains(t, out, "patch without its minor: 4.46.3")
}

// Nearest day, for trains without versions: ties go to the later release
// (reachable only with an even number of days between releases).
func TestDriftByDayTie(t *testing.T) {
	tr := MustNewTrain(d(2024, time.March, 6), 2) // 14 days
	h, err := NewHistory(
		ship("1.0.0", d(2024, time.March, 13)), // 7 days after #1, 7 before #2: a tie, to #2
		ship("1.1.0", d(2024, time.March, 19)), // 1 day before #2: closer, keeps #2
		ship("1.2.0", d(2024, time.April, 10)), // 7 after #3 (04-03), 7 before #4 (04-17): a tie, to #4
	)
	require.NoError(t, err)
	rep := mustDrift(t, tr, h)
	require.Equal(t, ByDay, rep.Matching)
	assert.Equal(t, 2, rep.Minors[0].Planned.Number, "tie goes to the later release")
	assert.Equal(t, -7, rep.Minors[0].Slip)
	assert.True(t, rep.Minors[0].Extra, "the closer minor keeps #2")
	assert.Equal(t, 2, rep.Minors[1].Planned.Number)
	assert.False(t, rep.Minors[1].Extra)
	assert.Equal(t, 4, rep.Minors[2].Planned.Number, "tie goes to the later release")
	require.Len(t, rep.Skipped, 1)
	assert.Equal(t, 3, rep.Skipped[0].Number)
	assert.Contains(t, rep.String(), "matched by nearest day")

	// MatchByDay on a versioned train, and a moved train's neighbours.
	vt := MustNewTrain(d(2024, time.March, 6), 2, WithVersion(Version{1, 0, 0}))
	rep = mustDrift(t, vt, h, MatchByDay())
	assert.Equal(t, ByDay, rep.Matching)
	assert.Equal(t, 2, rep.Minors[0].Planned.Number)
}

// A tie on a train whose releases move: the nearest day counts the moved
// days, and a tie still goes to the later release.
func TestDriftByDayMoved(t *testing.T) {
	closed := holidays{d(2024, time.March, 20): true}
	tr := MustNewTrain(d(2024, time.March, 6), 2, WithWorkdays(closed, Later)) // #2 moves 03-20 -> 03-21
	h, err := NewHistory(ship("1.0.0", d(2024, time.March, 14)))               // 8 after #1, 7 before #2's moved day
	require.NoError(t, err)
	rep := mustDrift(t, tr, h)
	assert.Equal(t, 2, rep.Minors[0].Planned.Number)
	assert.Equal(t, -7, rep.Minors[0].Slip)
	h, err = NewHistory(ship("1.0.0", d(2024, time.March, 13))) // 7 after #1 and 8 before #2
	require.NoError(t, err)
	rep = mustDrift(t, tr, h)
	assert.Equal(t, 1, rep.Minors[0].Planned.Number)
}

// A plan re-anchored at a version (R30): slips after it count from the new
// anchor, and each segment has its own figures.
func TestDriftReanchor(t *testing.T) {
	tr := MustNewTrain(d(2024, time.January, 3), 3, WithVersion(MustParseVersion("4.40.0")))
	reset := MustNewTrain(d(2024, time.March, 20), 2, WithVersion(MustParseVersion("4.43.0"))) // a faster pace from 4.43.0
	h, err := NewHistory(
		ship("4.40.0", d(2024, time.January, 3)),
		ship("4.41.0", d(2024, time.January, 26)), // planned 01-24: +2
		ship("4.42.0", d(2024, time.February, 9)), // planned 02-14: -5
		ship("4.43.0", d(2024, time.March, 20)),   // anchor: 0 (on the old plan it would be 03-27: -7)
		ship("4.45.0", d(2024, time.April, 19)),   // planned 04-17: +2; 4.44.0 (04-03) skipped
	)
	require.NoError(t, err)
	rep := mustDrift(t, tr, h, Reanchor(reset))
	require.Len(t, rep.Segments, 2)
	assert.Equal(t, []int{0, 0, 0, 1, 1}, []int{rep.Minors[0].Segment, rep.Minors[1].Segment, rep.Minors[2].Segment, rep.Minors[3].Segment, rep.Minors[4].Segment})
	assert.Equal(t, []int{0, 2, -5, 0, 2}, []int{rep.Minors[0].Slip, rep.Minors[1].Slip, rep.Minors[2].Slip, rep.Minors[3].Slip, rep.Minors[4].Slip})
	s0, s1 := rep.Segments[0], rep.Segments[1]
	assert.Equal(t, 3, s0.Minors)
	assert.Equal(t, Figures{N: 3, Mean: -1, Median: 0, Min: -5, Max: 2}, s0.Slip)
	assert.Equal(t, -5, s0.Last)
	assert.Equal(t, 2, s1.Minors)
	assert.Equal(t, 1, s1.Skipped)
	assert.Equal(t, "4.43.0", s1.Anchor.Version.String())
	require.Len(t, rep.Skipped, 1)
	assert.Equal(t, d(2024, time.April, 3), rep.Skipped[0].Day)
	assert.Equal(t, 2, rep.Summary.LastSlip)
	assert.Contains(t, rep.String(), "segment 1 from 4.43.0 on 2024-03-20 Wed: 2 minors, 1 skipped, last slip +2 d")

	_, err = tr.Drift(h, Reanchor(MustNewTrain(d(2024, time.March, 20), 2)))
	assert.ErrorIs(t, err, ErrAnchor)
	_, err = tr.Drift(h, Reanchor(reset), Reanchor(reset))
	assert.ErrorIs(t, err, ErrAnchor)
}

// A history with far-apart versions or days counts every skipped release
// and lists the first MaxSkippedListed, at a cost that does not grow with the
// gap.
func TestDriftHugeGap(t *testing.T) {
	tr := MustNewTrain(d(2024, time.March, 6), 1, WithVersion(Version{4, 0, 0}))
	h, err := NewHistory(ship("4.0.0", d(2024, time.March, 6)), ship("4.999999999.0", d(2025, time.March, 6)), ship("4.5.0", d(2024, time.April, 10)))
	require.NoError(t, err)
	rep := mustDrift(t, tr, h)
	assert.Equal(t, 999_999_997, rep.Summary.Skipped)
	assert.Equal(t, 999_999_997, rep.Segments[0].Skipped)
	require.Len(t, rep.Skipped, MaxSkippedListed)
	assert.Equal(t, "4.1.0", rep.Skipped[0].Version.String())
	assert.Equal(t, "4.6.0", rep.Skipped[4].Version.String())

	h, err = NewHistory(ship("1.0.0", d(2024, time.March, 6)), ship("1.1.0", d(900_000, time.March, 6)))
	require.NoError(t, err)
	rep = mustDrift(t, MustNewTrain(d(2024, time.March, 6), 1), h)
	assert.Equal(t, rep.Minors[1].Planned.Number-2, rep.Summary.Skipped)
	assert.Len(t, rep.Skipped, MaxSkippedListed)
}

// fleetRow is one entry of testdata/fleet-releases.json, read without the
// package's types.
type fleetRow struct {
	Version string `json:"version"`
	Day     string `json:"day"`
}

// R30 on Fleet's real history, against the canonical Fleet train by
// version: every summary figure is recomputed here from the raw file with
// the standard library only.
func TestDriftFleetSummary(t *testing.T) {
	b, err := os.ReadFile("testdata/fleet-releases.json")
	require.NoError(t, err)
	var rows []fleetRow
	require.NoError(t, json.Unmarshal(b, &rows))
	tr := must(Fleet2024Train())
	rep := mustDrift(t, tr, loadFleet(t))

	// Independent computation: anchor 4.21.0 on 2022-09-28, 21 days apart.
	anchor := time.Date(2022, 9, 28, 0, 0, 0, 0, time.UTC)
	type minor struct {
		minor   int
		day     time.Time
		patches []time.Time
	}
	days := func(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }
	byMinor := map[int]*minor{}
	var minors []*minor
	var patchRows []fleetRow
	for _, r := range rows {
		p := strings.Split(r.Version, ".")
		n, _ := strconv.Atoi(p[1])
		day, err := time.Parse(time.DateOnly, r.Day)
		require.NoError(t, err)
		if p[2] != "0" {
			patchRows = append(patchRows, r)
			continue
		}
		m := &minor{minor: n, day: day}
		byMinor[n] = m
		minors = append(minors, m)
	}
	for _, r := range patchRows {
		p := strings.Split(r.Version, ".")
		n, _ := strconv.Atoi(p[1])
		day, _ := time.Parse(time.DateOnly, r.Day)
		if m, ok := byMinor[n]; ok {
			m.patches = append(m.patches, day)
		}
	}
	sort.SliceStable(minors, func(i, j int) bool { return minors[i].day.Before(minors[j].day) })
	var gaps, slips, delays []int
	exact, wed, with, most, lo, hi := 0, 0, 0, 0, 1<<30, -1
	for i, m := range minors {
		if i > 0 {
			g := days(minors[i-1].day, m.day)
			gaps = append(gaps, g)
			if g == 21 {
				exact++
			}
		}
		if m.day.Weekday() == time.Wednesday {
			wed++
		}
		planned := anchor.AddDate(0, 0, 21*(m.minor-21))
		slips = append(slips, days(planned, m.day))
		if len(m.patches) > 0 {
			with++
		}
		most = max(most, len(m.patches))
		for _, p := range m.patches {
			delays = append(delays, days(m.day, p))
		}
		lo, hi = min(lo, m.minor), max(hi, m.minor)
	}
	stats := func(xs []int) Figures {
		s := slices.Clone(xs)
		slices.Sort(s)
		sum := 0
		for _, x := range s {
			sum += x
		}
		med := float64(s[len(s)/2])
		if len(s)%2 == 0 {
			med = float64(s[len(s)/2-1]+s[len(s)/2]) / 2
		}
		return Figures{len(s), float64(sum) / float64(len(s)), med, s[0], s[len(s)-1]}
	}
	sum := rep.Summary
	assert.Equal(t, len(minors), sum.Minors)
	assert.Equal(t, hi-lo+1-len(minors), sum.Skipped)
	assert.Equal(t, 0, sum.Extra)
	assert.Equal(t, 0, sum.Orphans)
	assertFigures(t, "gap", stats(gaps), sum.Gap)
	assert.Equal(t, Share{exact, len(gaps)}, sum.OnPeriod)
	assert.Equal(t, Share{wed, len(minors)}, sum.OnWeekday)
	assertFigures(t, "slip", stats(slips), sum.Slip)
	assert.Equal(t, slips[len(slips)-1], sum.LastSlip)
	assert.Equal(t, len(delays), sum.Patches)
	assert.Equal(t, Share{with, len(minors)}, sum.WithPatches)
	assert.Equal(t, most, sum.MostPatches)
	assertFigures(t, "patch delay", stats(delays), sum.PatchDelay)

	// What R30 says of the real data: about 20-21 days apart, rarely
	// exactly 21, a minority on Wednesday, patches 1-28 days after; and by
	// version the train ran weeks ahead of its numbered plan.
	assert.InDelta(t, 20.8, sum.Gap.Mean, 1.5)
	assert.Equal(t, 5, sum.Gap.Min, "some minors come 5-6 days apart")
	assert.Less(t, sum.OnPeriod.Value(), 0.25)
	assert.Less(t, sum.OnWeekday.Value(), 0.35)
	assert.Equal(t, 1, sum.PatchDelay.Min)
	assert.Equal(t, 28, sum.PatchDelay.Max)
	assert.Less(t, sum.Slip.Min, -21, "by version the largest slip is not bounded by half a period")
}

func assertFigures(t *testing.T, what string, want, got Figures) {
	t.Helper()
	assert.Equal(t, want.N, got.N, what)
	assert.InDelta(t, want.Mean, got.Mean, 1e-9, what)
	assert.Equal(t, want.Median, got.Median, what)
	assert.Equal(t, want.Min, got.Min, what)
	assert.Equal(t, want.Max, got.Max, what)
}

func TestFiguresOf(t *testing.T) {
	tests := []struct {
		xs   []int
		want Figures
	}{
		{nil, Figures{}},
		{[]int{21}, Figures{1, 21, 21, 21, 21}},
		{[]int{21, 5}, Figures{2, 13, 13, 5, 21}},
		{[]int{30, 5, 21, 22}, Figures{4, 19.5, 21.5, 5, 30}},
		{[]int{-9, 5, 1}, Figures{3, -1, 1, -9, 5}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, figuresOf(slices.Clone(tt.xs)), "%v", tt.xs)
	}
	assert.Equal(t, 0.0, Share{}.Value())
	assert.Equal(t, "8 of 55 (15%)", Share{8, 55}.String())
}

func TestHistoryErrors(t *testing.T) {
	_, err := NewHistory(ship("4.58.0", d(2024, time.October, 17)), ship("4.58.0", d(2024, time.October, 18)))
	assert.ErrorIs(t, err, ErrHistory)
	assert.EqualError(t, err, `release: [1].version "4.58.0": invalid history: shipped twice (also [0])`)
	_, err = NewHistory(Shipped{Day: d(2024, time.October, 17)})
	assert.ErrorIs(t, err, ErrHistory)
	_, err = NewHistory(Shipped{Version: Version{-1, 2, 3}, Day: d(2024, time.October, 17)})
	assert.ErrorIs(t, err, ErrHistory)
	var h History
	tests := []struct {
		in    string
		want  error
		field string
	}{
		{`[{"version":"4.58","day":"2024-10-17"}]`, ErrVersion, "[0].version"},
		{`[{"version":"4.58.0","day":"2024-10-17","dya":"x"}]`, ErrUnknownField, "[0].dya"},
		{`[{"version":"4.58.0","day":"2024-10-17","day":"2024-10-18"}]`, ErrDuplicateKey, "[0].day"},
		{`[{"version":"4.58.0","day":"2024-13-40"}]`, ErrSyntax, "[0].day"},
		{`[{"version":"4.58.0"}]`, ErrHistory, "[0].day"},
		{`{}`, ErrSyntax, ""},
	}
	for _, tt := range tests {
		err := json.Unmarshal([]byte(tt.in), &h)
		require.ErrorIs(t, err, tt.want, tt.in)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce, tt.in)
		assert.Equal(t, tt.field, ce.Field, tt.in)
	}

	fleet := loadFleet(t)
	b, err := json.Marshal(fleet)
	require.NoError(t, err)
	back := History{}
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, fleet, back)
	require.NoError(t, json.Unmarshal([]byte(`null`), &back), "null leaves the history as it was")
	assert.Equal(t, fleet, back)
	n := 0
	for range fleet.All() {
		n++
		break
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, 3, fleet.Until(d(2022, time.February, 2)).Len())
}
