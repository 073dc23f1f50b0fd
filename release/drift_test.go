package release

import (
	"encoding/json"
	"os"
	"slices"
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
	rep := tr.Drift(h)
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
	assert.Equal(t, 1.0, sum.OnCadence)
	assert.Equal(t, 1.0, sum.OnWeekday)
	assert.Equal(t, 21.0, sum.MeanGap)
	assert.Equal(t, 21.0, sum.MedianGap)
	assert.Equal(t, 1.0, sum.PatchesPerMinor)
	assert.Zero(t, sum.MaxSlip)
	assert.Empty(t, rep.Skipped)
}

func TestDriftSkippedExtraOrphan(t *testing.T) {
	tr := MustNewTrain(d(2024, time.March, 6), 3)
	h, err := NewHistory(
		ship("4.47.0", d(2024, time.March, 6)),
		// 2024-03-27 skipped
		ship("4.48.0", d(2024, time.April, 18)), // Thursday, a day late for 04-17
		ship("4.49.0", d(2024, time.April, 23)), // 6 days late for 04-17: extra
		ship("4.49.1", d(2024, time.April, 24)),
		ship("4.46.3", d(2024, time.March, 8)), // patch of a minor not recorded
		ship("4.50.0", d(2024, time.May, 7)),   // a day early for 05-08
	)
	require.NoError(t, err)
	rep := tr.Drift(h)
	require.Len(t, rep.Minors, 4)
	assert.Equal(t, []int{1, 3, 3, 4}, []int{rep.Minors[0].Planned.Number, rep.Minors[1].Planned.Number, rep.Minors[2].Planned.Number, rep.Minors[3].Planned.Number})
	assert.Equal(t, []int{0, 1, 6, -1}, []int{rep.Minors[0].Slip, rep.Minors[1].Slip, rep.Minors[2].Slip, rep.Minors[3].Slip})
	assert.Equal(t, []int{0, 43, 5, 14}, []int{rep.Minors[0].Gap, rep.Minors[1].Gap, rep.Minors[2].Gap, rep.Minors[3].Gap})
	assert.False(t, rep.Minors[1].Extra)
	assert.True(t, rep.Minors[2].Extra)
	require.Len(t, rep.Skipped, 1)
	assert.Equal(t, d(2024, time.March, 27), rep.Skipped[0].Day)
	require.Len(t, rep.Orphans, 1)
	assert.Equal(t, "4.46.3", rep.Orphans[0].Version.String())
	assert.Equal(t, 1, rep.Summary.Extra)
	assert.Equal(t, 6, rep.Summary.MaxSlip)
	assert.InDelta(t, (43+5+14)/3.0, rep.Summary.MeanGap, 1e-9)
	assert.Equal(t, 14.0, rep.Summary.MedianGap)
	assert.Equal(t, 0.25, rep.Summary.OnWeekday) // only 03-06 is a Wednesday
	assert.Contains(t, rep.String(), "skipped: #2 2024-03-27 Wed")
	assert.Contains(t, rep.String(), "patch without its minor: 4.46.3")
}

// R30 against Fleet's real releases 4.40.0-4.63.1 (testdata): the figures are
// recomputed here from the raw list, independently of Drift.
func TestDriftFleetSample(t *testing.T) {
	h := loadFleet(t)
	tr := MustNewTrain(d(2023, time.November, 1), 3, OnWeekday(time.Wednesday))
	rep := tr.Drift(h)

	var minors []date.Date
	delays := map[Version][]int{}
	minorDay := map[Version]date.Date{}
	for x := range h.All() {
		if !x.Version.IsPatch() {
			minors = append(minors, x.Day)
			minorDay[x.Version] = x.Day
		}
	}
	for x := range h.All() {
		if x.Version.IsPatch() {
			delays[x.Version.Minorline()] = append(delays[x.Version.Minorline()], int(x.Day-minorDay[x.Version.Minorline()]))
		}
	}
	var gaps []int
	sum, exact, wed := 0, 0, 0
	for i := range minors {
		if minors[i].Weekday() == time.Wednesday {
			wed++
		}
		if i > 0 {
			g := int(minors[i] - minors[i-1])
			gaps = append(gaps, g)
			sum += g
			if g == 21 {
				exact++
			}
		}
	}
	require.Equal(t, len(minors), rep.Summary.Minors)
	assert.InDelta(t, float64(sum)/float64(len(gaps)), rep.Summary.MeanGap, 1e-9)
	assert.InDelta(t, float64(exact)/float64(len(gaps)), rep.Summary.OnCadence, 1e-9)
	assert.InDelta(t, float64(wed)/float64(len(minors)), rep.Summary.OnWeekday, 1e-9)
	slices.Sort(gaps)
	med := float64(gaps[len(gaps)/2])
	if len(gaps)%2 == 0 {
		med = float64(gaps[len(gaps)/2-1]+gaps[len(gaps)/2]) / 2
	}
	assert.Equal(t, med, rep.Summary.MedianGap)
	assert.Equal(t, gaps[0], 5, "some minors come 5-6 days apart (R30)")

	npatch := 0
	for _, m := range rep.Minors {
		assert.Equal(t, delays[m.Version], func() []int {
			var ds []int
			for _, p := range m.Patches {
				ds = append(ds, p.Delay)
			}
			return ds
		}(), m.Version.String())
		for _, p := range m.Patches {
			npatch++
			assert.GreaterOrEqual(t, p.Delay, 1, "patches come 1-28 days after (R30)")
			assert.LessOrEqual(t, p.Delay, 28)
		}
		assert.LessOrEqual(t, abs(m.Slip), 10, "%s matched to the nearest planned day", m.Version)
	}
	assert.Equal(t, npatch, rep.Summary.Patches)
	assert.Empty(t, rep.Orphans)
	// Real data in the handbook's ballpark: around 20-21 days, rarely exactly 21,
	// a minority on Wednesday.
	assert.InDelta(t, 20.8, rep.Summary.MeanGap, 1.5)
	assert.Less(t, rep.Summary.OnCadence, 0.25)
	assert.Less(t, rep.Summary.OnWeekday, 0.35)
}

func TestHistoryErrors(t *testing.T) {
	_, err := NewHistory(ship("4.58.0", d(2024, time.October, 17)), ship("4.58.0", d(2024, time.October, 18)))
	assert.ErrorIs(t, err, ErrHistory)
	_, err = NewHistory(Shipped{Day: d(2024, time.October, 17)})
	assert.ErrorIs(t, err, ErrHistory)
	_, err = NewHistory(Shipped{Version: Version{-1, 2, 3}, Day: d(2024, time.October, 17)})
	assert.ErrorIs(t, err, ErrHistory)
	var h History
	assert.ErrorIs(t, json.Unmarshal([]byte(`[{"version":"4.58","day":"2024-10-17"}]`), &h), ErrVersion)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{}`), &h), ErrJSON)

	fleet := loadFleet(t)
	b, err := json.Marshal(fleet)
	require.NoError(t, err)
	var back History
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, fleet, back)
	n := 0
	for range fleet.All() {
		n++
		break
	}
	assert.Equal(t, 1, n)
}

func TestMeanMedian(t *testing.T) {
	tests := []struct {
		xs           []int
		mean, median float64
	}{
		{nil, 0, 0},
		{[]int{21}, 21, 21},
		{[]int{21, 5}, 13, 13},
		{[]int{30, 5, 21, 22}, 19.5, 21.5},
		{[]int{-9, 5, 1}, -1, 1},
	}
	for _, tt := range tests {
		m, med := meanMedian(tt.xs)
		assert.InDelta(t, tt.mean, m, 1e-9, "%v", tt.xs)
		assert.Equal(t, tt.median, med, "%v", tt.xs)
	}
}
