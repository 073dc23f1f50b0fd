package sprint_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"
	_ "time/tzdata" // pin the zone data the DST tests depend on

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/teamcadence/cadence/sprint"
)

func day(y int, m time.Month, d int) date.Date { return date.New(y, m, d) }

// refAt is an independent model of Cadence.At using exact big-integer floor
// division, so it is right at any distance.
func refAt(first date.Date, weeks int, d date.Date) (n int64, start date.Date) {
	l := big.NewInt(int64(weeks) * 7)
	diff := new(big.Int).Sub(big.NewInt(int64(d)), big.NewInt(int64(first)))
	q, m := new(big.Int).DivMod(diff, l, new(big.Int)) // Euclidean: m >= 0
	return q.Int64() + 1, d - date.Date(m.Int64())
}

func TestCadenceAt(t *testing.T) {
	first := day(2024, time.January, 8)  // a Monday
	c := sprint.MustNewCadence(first, 3) // R6: three-week sprints
	tests := []struct {
		name       string
		d          date.Date
		wantNumber int
		wantStart  date.Date
	}{
		// the first sprint and its boundaries
		{"first day", first, 1, first},
		{"last day of sprint 1", day(2024, time.January, 28), 1, first},
		{"first day of sprint 2", day(2024, time.January, 29), 2, day(2024, time.January, 29)},
		// before the first day: numbers 0 and below
		{"day before first", day(2024, time.January, 7), 0, day(2023, time.December, 18)},
		{"first day of sprint 0", day(2023, time.December, 18), 0, day(2023, time.December, 18)},
		{"last day of sprint -1", day(2023, time.December, 17), -1, day(2023, time.November, 27)},
		// leap day and year ends
		{"leap day 2024", day(2024, time.February, 29), 3, day(2024, time.February, 19)},
		{"new year's eve 2024", day(2024, time.December, 31), 18, day(2024, time.December, 30)},
		{"new year 2025 (sprint spans the year end)", day(2025, time.January, 1), 18, day(2024, time.December, 30)},
		{"leap day 2028", day(2028, time.February, 29), 73, day(2028, time.February, 28)},
		// far from the first day
		{"year 9999", day(9999, time.December, 31), 0, 0}, // filled from refAt below
		{"year -3000", day(-3000, time.March, 1), 0, 0},
		{"date.Max", date.Max(), 0, 0},
		{"date.Min", date.Min(), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantN, wantStart := int64(tt.wantNumber), tt.wantStart
			if tt.wantStart == 0 {
				wantN, wantStart = refAt(first, 3, tt.d)
			} else {
				n, s := refAt(first, 3, tt.d)
				require.Equal(t, wantN, n, "reference model disagrees with the table")
				require.Equal(t, wantStart, s, "reference model disagrees with the table")
			}
			got := c.At(tt.d)
			assert.Equal(t, int(wantN), got.Number, "At(%v).Number", tt.d)
			assert.Equal(t, wantStart, got.Start, "At(%v).Start", tt.d)
			assert.Equal(t, wantStart+21, got.End, "At(%v).End", tt.d)
			assert.True(t, got.Contains(tt.d), "At(%v) = %v does not contain it", tt.d, got)
			assert.Equal(t, got, c.Sprint(got.Number), "Sprint(%d)", got.Number)
		})
	}
}

func TestCadenceZero(t *testing.T) {
	var c sprint.Cadence
	assert.False(t, c.IsValid())
	assert.Equal(t, sprint.Sprint{}, c.At(day(2024, time.May, 1)))
	assert.Equal(t, sprint.Sprint{}, c.Sprint(3))
	assert.Empty(t, c.String())
	for range c.Sprints(0, 100) {
		t.Fatal("zero Cadence yielded a sprint")
	}
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	assert.False(t, sprint.Sprint{}.Contains(0), "the zero Sprint is empty")
	assert.Zero(t, sprint.Sprint{}.Days())
}

func TestNewCadenceErrors(t *testing.T) {
	ok := day(2024, time.January, 8)
	tests := []struct {
		name      string
		first     date.Date
		weeks     int
		wantErr   error
		wantField string
		wantMsg   string
	}{
		{"zero weeks", ok, 0, sprint.ErrWeeks, "weeks", `sprint: weeks "0": bad sprint length: want 1 to 52`},
		{"negative weeks", ok, -3, sprint.ErrWeeks, "weeks", `sprint: weeks "-3": bad sprint length: want 1 to 52`},
		{"too many weeks", ok, sprint.MaxWeeks + 1, sprint.ErrWeeks, "weeks", `sprint: weeks "53": bad sprint length: want 1 to 52`},
		{"first after date.Max", date.Max() + 1, 3, sprint.ErrFirst, "first", ""},
		{"first before date.Min", date.Min() - 1, 3, sprint.ErrFirst, "first", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sprint.NewCadence(tt.first, tt.weeks)
			require.ErrorIs(t, err, tt.wantErr)
			var ce *sprint.ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.wantField, ce.Field)
			if tt.wantMsg != "" {
				assert.Equal(t, tt.wantMsg, err.Error())
			}
			assert.Panics(t, func() { sprint.MustNewCadence(tt.first, tt.weeks) })
		})
	}
	for _, w := range []int{1, 2, 3, sprint.MaxWeeks} {
		c, err := sprint.NewCadence(ok, w)
		require.NoError(t, err, "weeks %d", w)
		assert.Equal(t, 7*w, c.Days())
		assert.Equal(t, w, c.Weeks())
		assert.Equal(t, ok, c.First())
	}
}

// TestTilingProperty checks, for random cadences and windows of days, that
// every day belongs to exactly one sprint: At(d) contains d, consecutive days
// are in the same sprint or the next, and sprint n+1 starts where n ends.
func TestTilingProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 2024))
	for range 300 {
		weeks := 1 + rng.IntN(sprint.MaxWeeks)
		first := date.Date(rng.Int64N(2_000_000) - 1_000_000 + 739000)
		c := sprint.MustNewCadence(first, weeks)
		start := first + date.Date(rng.Int64N(20_000_000)-10_000_000)
		prev := c.At(start - 1)
		for d := start; d < start+date.Date(2*c.Days()+5); d++ {
			s := c.At(d)
			require.True(t, s.Contains(d), "At(%v) = %v", d, s)
			require.Equal(t, c.Days(), s.Days())
			if s != prev {
				require.Equal(t, prev.Next(), s, "At(%v) after %v", d, prev)
				require.Equal(t, prev.End, s.Start, "sprint %d starts where %d ends", s.Number, prev.Number)
				require.Equal(t, d, s.Start, "a new sprint starts on its first day")
				require.Equal(t, s.Prev(), prev)
			}
			n, st := refAt(first, weeks, d)
			require.Equal(t, int(n), s.Number, "At(%v).Number", d)
			require.Equal(t, st, s.Start)
			prev = s
		}
	}
}

func TestSprints(t *testing.T) {
	c := sprint.MustNewCadence(day(2024, time.January, 8), 3)
	collect := func(from, to date.Date) []int {
		var ns []int
		for s := range c.Sprints(from, to) {
			ns = append(ns, s.Number)
		}
		return ns
	}
	tests := []struct {
		name     string
		from, to date.Date
		want     []int
	}{
		{"one day", day(2024, time.January, 8), day(2024, time.January, 9), []int{1}},
		{"exactly one sprint", day(2024, time.January, 8), day(2024, time.January, 29), []int{1}},
		{"one day into the next", day(2024, time.January, 8), day(2024, time.January, 30), []int{1, 2}},
		{"across the first day", day(2023, time.December, 1), day(2024, time.February, 1), []int{-1, 0, 1, 2}},
		{"across a year end", day(2024, time.December, 20), day(2025, time.January, 21), []int{17, 18, 19}},
		{"to is excluded", day(2024, time.December, 20), day(2025, time.January, 20), []int{17, 18}},
		{"empty range", day(2024, time.March, 1), day(2024, time.March, 1), nil},
		{"backwards range", day(2024, time.March, 1), day(2024, time.February, 1), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, collect(tt.from, tt.to), "Sprints(%v, %v)", tt.from, tt.to)
		})
	}
	// stops when yield returns false, even for an endless range
	n := 0
	for range c.Sprints(date.Min(), date.Date(1<<62)) {
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
}

func TestSprintMethods(t *testing.T) {
	s := sprint.MustNewCadence(day(2024, time.February, 19), 3).At(day(2024, time.February, 29))
	assert.Equal(t, day(2024, time.March, 10), s.Last())
	assert.Equal(t, 21, s.Days())
	n, ok := s.DayOf(day(2024, time.February, 29))
	assert.True(t, ok)
	assert.Equal(t, 11, n)
	_, ok = s.DayOf(s.End)
	assert.False(t, ok, "End is excluded")
	assert.True(t, s.Contains(s.Start))
	assert.True(t, s.Contains(s.Last()))
	assert.False(t, s.Contains(s.End))
	assert.False(t, s.Contains(s.Start-1))
	assert.Equal(t, "sprint 1 [2024-02-19, 2024-03-11)", s.String())
	r := s.DateRange()
	assert.Equal(t, s.Start, r.Start())
	assert.Equal(t, s.Last(), r.Last())
}

func TestCadenceText(t *testing.T) {
	tests := []struct {
		in      string
		want    sprint.Cadence
		wantErr error
	}{
		// valid
		{"R/2024-01-08/P3W", sprint.MustNewCadence(day(2024, time.January, 8), 3), nil},
		{"R/2024-02-29/P1W", sprint.MustNewCadence(day(2024, time.February, 29), 1), nil},
		{"R/2024-12-31/P52W", sprint.MustNewCadence(day(2024, time.December, 31), 52), nil},
		// invalid
		{"R/2024-01-08/P0W", sprint.Cadence{}, sprint.ErrWeeks},
		{"R/2024-01-08/P53W", sprint.Cadence{}, sprint.ErrWeeks},
		{"R/2024-01-08/P+3W", sprint.Cadence{}, sprint.ErrSyntax},
		{"R/2024-01-08/P-3W", sprint.Cadence{}, sprint.ErrSyntax},
		{"R/2024-01-08/PW", sprint.Cadence{}, sprint.ErrSyntax},
		{"R/2024-01-08/P3D", sprint.Cadence{}, sprint.ErrSyntax},
		{"R/2023-02-29/P3W", sprint.Cadence{}, sprint.ErrSyntax}, // not a leap year
		{"R/2024-1-8/P3W", sprint.Cadence{}, sprint.ErrSyntax},
		{"2024-01-08/P3W", sprint.Cadence{}, sprint.ErrSyntax},
		{"R/2024-01-08", sprint.Cadence{}, sprint.ErrSyntax},
		{"", sprint.Cadence{}, sprint.ErrSyntax},
		{"R/2024-01-08/P99999999999999999999W", sprint.Cadence{}, sprint.ErrWeeks},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := sprint.ParseCadence(tt.in)
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr, "ParseCadence(%q)", tt.in)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, got.String())
		})
	}
	var c sprint.Cadence
	require.NoError(t, c.UnmarshalText(nil))
	assert.Equal(t, sprint.Cadence{}, c, "empty text is the zero Cadence")
	b, err := sprint.Cadence{}.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)
}

func TestCadenceJSON(t *testing.T) {
	want := sprint.MustNewCadence(day(2024, time.January, 8), 3)
	b, err := json.Marshal(want)
	require.NoError(t, err)
	assert.JSONEq(t, `{"first":"2024-01-08","weeks":3}`, string(b))
	tests := []struct {
		name    string
		in      string
		want    sprint.Cadence
		wantErr error
		wantMsg string
	}{
		{"object", `{"first":"2024-01-08","weeks":3}`, want, nil, ""},
		{"null leaves the value unchanged", `null`, want, nil, ""},
		{"text form is not JSON's form", `"R/2024-01-08/P3W"`, sprint.Cadence{}, sprint.ErrSyntax,
			`sprint: "\"R/2024-01-08/P3W\"": syntax error: want an object`},
		{"zero weeks", `{"first":"2024-01-08","weeks":0}`, sprint.Cadence{}, sprint.ErrWeeks,
			`sprint: weeks "0": bad sprint length: want 1 to 52`},
		{"missing weeks", `{"first":"2024-01-08"}`, sprint.Cadence{}, sprint.ErrWeeks, ""},
		{"missing first", `{"weeks":3}`, sprint.Cadence{}, sprint.ErrSyntax,
			`sprint: first: syntax error: missing; want a calendar day YYYY-MM-DD`},
		{"bad day", `{"first":"2024-13-01","weeks":3}`, sprint.Cadence{}, sprint.ErrSyntax,
			`sprint: first "2024-13-01": syntax error: want a calendar day YYYY-MM-DD`},
		{"unknown field", `{"first":"2024-01-08","weeks":3,"length":3}`, sprint.Cadence{}, sprint.ErrUnknownField,
			`sprint: length "length": unknown field`},
		{"wrong case", `{"First":"2024-01-08","weeks":3}`, sprint.Cadence{}, sprint.ErrUnknownField,
			`sprint: First "First": unknown field: did you mean "first"?`},
		{"duplicate key", `{"first":"2024-01-08","weeks":3,"weeks":2}`, sprint.Cadence{}, sprint.ErrDuplicateKey,
			`sprint: weeks "weeks": key given twice`},
		{"weeks as string", `{"first":"2024-01-08","weeks":"3"}`, sprint.Cadence{}, sprint.ErrSyntax,
			`sprint: weeks "\"3\"": syntax error: want an integer`},
		{"trailing text", `{"first":"2024-01-08","weeks":3} {}`, sprint.Cadence{}, sprint.ErrSyntax, ""},
		{"array", `[1]`, sprint.Cadence{}, sprint.ErrSyntax, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := want
			if tt.wantErr != nil {
				got = sprint.Cadence{}
			}
			err := got.UnmarshalJSON([]byte(tt.in))
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var ce *sprint.ConfigError
				assert.True(t, errors.As(err, &ce), "error %v is not a *ConfigError", err)
				if tt.wantMsg != "" {
					assert.Equal(t, tt.wantMsg, err.Error())
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
