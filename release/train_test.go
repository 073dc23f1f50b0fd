package release

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // pin the zone data the tests depend on

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func d(y int, m time.Month, day int) date.Date { return date.New(y, m, day) }

func TestNewTrainErrors(t *testing.T) {
	wed := d(2024, time.March, 6)
	tests := []struct {
		name  string
		first date.Date
		weeks int
		opts  []Option
		want  error
	}{
		{"zero weeks", wed, 0, nil, ErrWeeks},
		{"negative weeks", wed, -3, nil, ErrWeeks},
		{"absurd weeks", wed, 10_001, nil, ErrWeeks},
		{"thursday, want wednesday (R9)", wed + 1, 3, []Option{OnWeekday(time.Wednesday)}, ErrWeekday},
		{"not a weekday", wed, 3, []Option{OnWeekday(7)}, ErrWeekday},
		{"patch as first version", wed, 3, []Option{WithVersion(Version{4, 58, 1})}, ErrVersion},
		{"negative version", wed, 3, []Option{WithVersion(Version{-1, 0, 0})}, ErrVersion},
		{"policy window longer than a one-week train", wed, 1, []Option{WithPolicy(MustNewPolicy(PolicyConfig{
			Zone: time.UTC, Start: Moment{Weekday: time.Wednesday, Weeks: -1}, Lift: 24 * 3600 * 1e9}))}, ErrPolicy},
		{"deep freeze longer than the freeze before a Wednesday", wed, 3, []Option{WithPolicy(MustNewPolicy(PolicyConfig{
			Zone: time.UTC, Start: Moment{Weekday: time.Tuesday}, Lift: 0, Deep: 25 * time.Hour}))}, ErrPolicy},
		{"far past", d(-2_000_000, time.January, 1), 3, nil, ErrFirst},
		{"far future", d(2_000_000, time.January, 1), 3, nil, ErrFirst},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewTrain(tt.first, tt.weeks, tt.opts...)
			require.ErrorIs(t, err, tt.want)
			assert.Contains(t, err.Error(), "release: ")
		})
	}
	_, err := NewTrain(wed+1, 3, OnWeekday(time.Wednesday))
	var we *WeekdayError
	require.ErrorAs(t, err, &we)
	assert.Equal(t, time.Wednesday, we.Want)
	assert.Equal(t, `release: first "2024-03-07": a Thursday, want a Wednesday`, err.Error())
	var fe *ConfigError
	_, err = NewTrain(wed, 0)
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "weeks", fe.Field)
	assert.Equal(t, "0", fe.Value)
}

func TestTrainQueries(t *testing.T) {
	// R9: every three weeks, on Wednesday; 2024 is a leap year.
	tr := MustNewTrain(d(2024, time.February, 7), 3, OnWeekday(time.Wednesday), WithVersion(MustParseVersion("4.45.0")))
	tests := []struct {
		name           string
		day            date.Date
		next, at, prev int // release numbers
	}{
		{"first release day", d(2024, time.February, 7), 1, 1, 0},
		{"day after first", d(2024, time.February, 8), 2, 1, 1},
		{"leap day", d(2024, time.February, 29), 3, 2, 2},
		{"release day after leap day", d(2024, time.February, 28), 2, 2, 1},
		{"day before first", d(2024, time.February, 6), 1, 0, 0},
		{"release 0", d(2024, time.January, 17), 0, 0, -1},
		{"year end", d(2024, time.December, 31), 17, 16, 16},
		{"new year's day", d(2025, time.January, 1), 17, 16, 16},
		{"previous year end", d(2023, time.December, 31), 0, -1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, a, p := tr.Next(tt.day), tr.At(tt.day), tr.Prev(tt.day)
			assert.Equal(t, tt.next, n.Number, "Next(%v) = %v", tt.day, n)
			assert.Equal(t, tt.at, a.Number, "At(%v) = %v", tt.day, a)
			assert.Equal(t, tt.prev, p.Number, "Previous(%v) = %v", tt.day, p)
			assert.Equal(t, time.Wednesday, n.Day.Weekday())
			assert.GreaterOrEqual(t, n.Day, tt.day)
			assert.LessOrEqual(t, a.Day, tt.day)
			assert.Less(t, p.Day, tt.day)
		})
	}
	assert.Equal(t, d(2024, time.December, 18), tr.Release(16).Day)
	assert.Equal(t, d(2025, time.January, 8), tr.Release(17).Day)

	// Far past and future, against an oracle built on time.Time and float
	// arithmetic rather than the package's floor division.
	unixDay := func(y int, m time.Month, dd int) float64 {
		return float64(time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	}
	f := unixDay(2024, time.February, 7)
	for _, y := range []int{-400_000, -4000, -1, 0, 1, 1582, 1900, 2100, 9999, 10_000, 400_000} {
		for _, md := range [][2]int{{1, 1}, {2, 28}, {2, 29}, {3, 1}, {12, 31}} {
			day := d(y, time.Month(md[0]), md[1])
			x := unixDay(y, time.Month(md[0]), md[1])
			assert.Equal(t, int(math.Ceil((x-f)/21))+1, tr.Next(day).Number, "Next(%v)", day)
			assert.Equal(t, int(math.Floor((x-f)/21))+1, tr.At(day).Number, "At(%v)", day)
			assert.Equal(t, time.Wednesday, tr.Next(day).Day.Weekday(), "Next(%v)", day)
		}
	}
	assert.Equal(t, MustParseVersion("4.60.0"), tr.Release(16).Version)
	assert.Equal(t, MustParseVersion("4.0.0"), tr.Release(-44).Version)
	assert.True(t, tr.Release(-45).Version.IsZero(), "minor below 0 has no version")
}

func TestByVersion(t *testing.T) {
	tr := MustNewTrain(d(2024, time.October, 16), 3, WithVersion(MustParseVersion("4.58.0")))
	tests := []struct {
		v    string
		n    int
		ok   bool
		want date.Date
	}{
		{"4.58.0", 1, true, d(2024, time.October, 16)},
		{"4.58.3", 1, true, d(2024, time.October, 16)},
		{"4.60.0", 3, true, d(2024, time.November, 27)},
		{"4.57.0", 0, true, d(2024, time.September, 25)},
		{"5.0.0", 0, false, 0},
		{"3.58.0", 0, false, 0},
	}
	for _, tt := range tests {
		r, ok := tr.ByVersion(MustParseVersion(tt.v))
		assert.Equal(t, tt.ok, ok, tt.v)
		if ok {
			assert.Equal(t, tt.n, r.Number, tt.v)
			assert.Equal(t, tt.want, r.Day, tt.v)
		}
	}
	_, ok := MustNewTrain(d(2024, time.October, 16), 3).ByVersion(MustParseVersion("4.58.0"))
	assert.False(t, ok, "train without a version scheme")
}

func TestReleasesRange(t *testing.T) {
	tr := MustNewTrain(d(2024, time.March, 6), 3)
	var got []date.Date
	for r := range tr.Releases(d(2024, time.March, 6), d(2024, time.April, 17)) {
		got = append(got, r.Day)
	}
	assert.Equal(t, []date.Date{d(2024, time.March, 6), d(2024, time.March, 27)}, got, "half-open: 04-17 excluded")
	for range tr.Releases(d(2024, time.April, 17), d(2024, time.March, 6)) {
		t.Fatal("backwards range yields nothing")
	}
	n := 0
	for range tr.Releases(d(2000, time.January, 1), d(3000, time.January, 1)) {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n, "stops when yield returns false")
}

func TestZeroTrain(t *testing.T) {
	var tr Train
	assert.True(t, tr.IsZero())
	assert.Equal(t, Release{}, tr.Next(d(2024, time.March, 6)))
	assert.Equal(t, Release{}, tr.At(d(2024, time.March, 6)))
	assert.Equal(t, Release{}, tr.Prev(d(2024, time.March, 6)))
	assert.Equal(t, Release{}, tr.Release(5))
	dec := tr.Gate(time.Date(2024, 3, 6, 9, 0, 0, 0, time.UTC), Change{Kind: Feature})
	assert.True(t, dec.Allowed)
	assert.Equal(t, Open, dec.Phase)
	assert.Empty(t, mustDrift(t, tr, History{}).Minors)
	b, err := json.Marshal(tr)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
}

// Property (fixed seed): Next(d) is on or after d, no release day lies in
// [d, Next(d)), Next is monotone, and Previous/At/Release agree with it.
func TestTrainProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 2024))
	for range 200 {
		first := date.Date(rng.Int64N(2_000_000)) + 300_000
		weeks := 1 + rng.IntN(8)
		tr := MustNewTrain(first, weeks)
		period := date.Date(7 * weeks)
		prev := first - date.Date(rng.Int64N(5_000_000))
		prevNext := tr.Next(prev)
		for range 100 {
			day := prev + date.Date(rng.Int64N(3*int64(period)))
			n := tr.Next(day)
			require.GreaterOrEqual(t, n.Day, day, "Next(%v) = %v", day, n)
			require.Less(t, n.Day-day, period, "a release day between %v and Next = %v", day, n)
			require.Zero(t, (n.Day-first)%period, "Next(%v) = %v is not a release day", day, n)
			require.Equal(t, n.Day.Weekday(), first.Weekday())
			require.GreaterOrEqual(t, n.Number, prevNext.Number, "monotone: Next(%v) after Next(%v)", day, prev)
			p := tr.Prev(day)
			require.Equal(t, n.Number-1, p.Number)
			require.Less(t, p.Day, day)
			a := tr.At(day)
			require.LessOrEqual(t, a.Day, day)
			require.Greater(t, a.Day+period, day)
			require.Equal(t, n, tr.Release(n.Number))
			require.Equal(t, n, tr.Next(n.Day))
			require.Equal(t, n, tr.At(n.Day))
			prev, prevNext = day, n
		}
	}
}

func TestTrainJSON(t *testing.T) {
	trains := []Train{
		MustNewTrain(d(2024, time.March, 6), 3),
		MustNewTrain(d(2024, time.March, 6), 3, WithVersion(MustParseVersion("4.47.0")), WithPolicy(must(Fleet2024Freeze(pacific)))),
		MustNewTrain(d(2023, time.March, 1), 3, WithPolicy(must(Fleet2023Freeze(pacific)))),
		MustNewTrain(d(2025, time.March, 5), 2, WithPolicy(must(Fleet2025ReleaseCandidate(pacific)))),
		MustNewTrain(d(-4000, time.February, 29), 1),
	}
	for _, tr := range trains {
		b, err := json.Marshal(tr)
		require.NoError(t, err)
		var back Train
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.True(t, tr.Equal(back), "round trip of %s", b)
		b2, err := json.Marshal(back)
		require.NoError(t, err)
		assert.JSONEq(t, string(b), string(b2))
	}
	b, _ := json.Marshal(trains[1])
	assert.Contains(t, string(b), `"first":"2024-03-06","weeks":3,"weekday":"Wednesday","version":"4.47.0"`)
	assert.Contains(t, string(b), `"zone":"America/Los_Angeles","start":"Tuesday 09:00","lift":"24:00","deep":"24h0m0s"`)

	bad := map[string]error{
		`{"first":"2024-03-06","weeks":0}`:                                  ErrWeeks,
		`{"first":"2024-03-06","weeks":3,"weekday":"Thursday"}`:             ErrWeekday,
		`{"first":"2024-03-06","weeks":3,"weekday":"Caturday"}`:             ErrWeekday,
		`{"first":"2024-03-06","weeks":3,"version":"4.47"}`:                 ErrVersion,
		`{"first":"2024-03-06","weeks":3,"version":"4.47.1"}`:               ErrVersion,
		`{"first":"yesterday","weeks":3}`:                                   ErrSyntax,
		`{"first":"2024-03-06","weeks":"3"}`:                                ErrSyntax,
		`[]`:                                                                ErrSyntax,
		`{"first":"2024-03-06","weeks":3,"policy":{"zone":"Mars/Olympus"}}`: ErrPolicy,
	}
	for in, want := range bad {
		var tr Train
		assert.ErrorIs(t, json.Unmarshal([]byte(in), &tr), want, in)
	}
}

func TestTrainWith(t *testing.T) {
	tr := MustNewTrain(d(2024, time.March, 6), 1, WithVersion(MustParseVersion("4.47.0")))
	withP, err := tr.WithPolicy(must(Fleet2024Freeze(pacific)))
	require.NoError(t, err)
	assert.True(t, withP.Policy().Equal(must(Fleet2024Freeze(pacific))))
	assert.Equal(t, tr.FirstVersion(), withP.FirstVersion())
	assert.True(t, tr.Policy().IsZero(), "the original is unchanged")
	// A 2023 freeze (six days) fits a weekly train, a week-earlier start does not.
	c := must(Fleet2023Freeze(pacific)).Config()
	c.Start.Weeks = -1
	_, err = tr.WithPolicy(MustNewPolicy(c))
	assert.ErrorIs(t, err, ErrPolicy)

	rs := Fleet2024Rules()
	assert.Equal(t, "Fleet 2024 bug rules", rs.Name())
	all := slices.Collect(rs.All())
	require.Len(t, all, rs.Len())
	all[0].ID = "changed"
	for r := range rs.All() {
		assert.NotEqual(t, "changed", r.ID, "All yields copies")
		break
	}
	s := Fleet2024Support()
	assert.Equal(t, "Fleet version support", s.Name())
	tiers := s.Tiers()
	tiers[0].Tier = "changed"
	assert.Equal(t, "community", s.Tiers()[0].Tier, "Tiers returns a copy")
}
