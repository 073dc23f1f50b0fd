package sla

import (
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The reproducers of issue 11, item 1: Add far (more than about 292 years
// of open time) from a special day or from the edge of the 1900-2150
// tables once overflowed int64 nanoseconds. Each is checked against the
// hand-computed answer and against the oracle.

func checkAddIssue11(t *testing.T, spec calSpec, from time.Time, d time.Duration, want time.Time) {
	t.Helper()
	cal := spec.mustBuild(t)
	got := cal.Add(from, d)
	assert.True(t, sameInstant(want, got), "Add(%s, %v) = %s, want %s\n\tcalendar: %s", fmtT(from), d, fmtT(got), fmtT(want), spec)
	assert.True(t, sameInstant(spec.oracle().add(from, d), want), "oracle disagrees with the hand-computed answer")
	if d > 0 {
		assert.Equal(t, d, cal.Between(from, got), "Between(t, Add(t, d))")
	} else {
		assert.Equal(t, -d, cal.Between(got, from), "Between(Add(t, d), t)")
	}
}

func TestAddIssue11ZeroTimeWithSpecialDay(t *testing.T) {
	spec := calSpec{loc: time.UTC, week: allWeek(allDay), specials: []special{{date.New(2024, 12, 24), []Span{span(9, 0, 13, 0)}}}}
	checkAddIssue11(t, spec, time.Time{}, time.Hour, time.Date(1, 1, 1, 1, 0, 0, 0, time.UTC))
}

func TestAddIssue11Year2500Backwards(t *testing.T) {
	spec := calSpec{loc: time.UTC, week: allWeek(allDay)}
	checkAddIssue11(t, spec, time.Date(2500, 1, 1, 12, 0, 0, 0, time.UTC), -time.Hour, time.Date(2500, 1, 1, 11, 0, 0, 0, time.UTC))
}

func TestAddIssue11NewYork1500Holiday(t *testing.T) {
	ny := mustLoad("America/New_York")
	spec := calSpec{loc: ny, week: allWeek(allDay), holidays: []date.Date{date.New(1500, 1, 1)}}
	checkAddIssue11(t, spec, time.Date(1500, 2, 4, 1, 0, 0, 0, ny), time.Hour, time.Date(1500, 2, 4, 2, 0, 0, 0, ny))
}

func TestAddIssue11TokyoYear9999Backwards(t *testing.T) {
	tokyo := mustLoad("Asia/Tokyo")
	spec := calSpec{loc: tokyo, week: WorkWeek(hm(9, 0), hm(17, 0))}
	from := time.Date(9999, 12, 17, 12, 0, 0, 0, tokyo) // a Friday
	require.Equal(t, time.Friday, from.Weekday())
	checkAddIssue11(t, spec, from, -time.Hour, time.Date(9999, 12, 17, 11, 0, 0, 0, tokyo))
}

func TestAddIssue11Nuuk1251Holiday(t *testing.T) {
	nuuk := mustLoad("America/Nuuk")
	spec := calSpec{loc: nuuk, week: allWeek(allDay), holidays: []date.Date{date.New(1251, 6, 15)}}
	// 48 hours on the 13th and 14th, the 15th closed, 30 hours more.
	checkAddIssue11(t, spec, time.Date(1251, 6, 13, 0, 0, 0, 0, nuuk), 78*time.Hour, time.Date(1251, 6, 17, 6, 0, 0, 0, nuuk))
	// From the holiday itself and after it.
	checkAddIssue11(t, spec, time.Date(1251, 6, 15, 12, 0, 0, 0, nuuk), 78*time.Hour, time.Date(1251, 6, 19, 6, 0, 0, 0, nuuk))
	checkAddIssue11(t, spec, time.Date(1251, 10, 1, 5, 0, 0, 0, time.UTC), 78*time.Hour, time.Date(1251, 10, 4, 11, 0, 0, 0, time.UTC))
}

// TestMulAddSatIssue11 checks the 128-bit a*b+c against math/big, at the
// int64 limits and at random.
func TestMulAddSatIssue11(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	edge := []int64{0, 1, -1, 2, -2, maxInt64, minInt64, maxInt64 - 1, minInt64 + 1, 1 << 32, -1 << 32, 604800e9, -604800e9}
	check := func(a, b, c int64) {
		want := new(big.Int).Mul(big.NewInt(a), big.NewInt(b))
		want.Add(want, big.NewInt(c))
		if want.Cmp(big.NewInt(maxInt64)) > 0 {
			want.SetInt64(maxInt64)
		} else if want.Cmp(big.NewInt(minInt64)) < 0 {
			want.SetInt64(minInt64)
		}
		if got := mulAddSat(a, b, c); got != want.Int64() {
			t.Fatalf("mulAddSat(%d, %d, %d) = %d, want %d", a, b, c, got, want.Int64())
		}
	}
	for _, a := range edge {
		for _, b := range edge {
			if b < 0 {
				continue
			}
			for _, c := range edge {
				check(a, b, c)
			}
		}
	}
	for range 100000 {
		check(int64(r.Uint64())>>r.IntN(64), int64(r.Uint64()>>1)>>r.IntN(63), int64(r.Uint64())>>r.IntN(64))
	}
}

// Issue 11, item 8 on the calendar's side: the zero time.Time is an
// ordinary instant (0001-01-01 00:00 UTC) to every query, answered as the
// oracle answers, whatever the zone and wherever the special days are.
func TestCalendarIssue11ZeroInstant(t *testing.T) {
	z := time.Time{}
	specs := []calSpec{
		{loc: time.UTC, week: allWeek(allDay), specials: []special{{date.New(2024, 12, 24), []Span{span(9, 0, 13, 0)}}}},
		office(mustLoad("America/New_York"), date.New(1, 1, 1), date.New(2024, 12, 25)),
		nightShift(mustLoad("Asia/Tokyo")),
		{loc: mustLoad("Europe/London"), allowNone: true, specials: []special{{date.New(1, 1, 3), []Span{span(9, 0, 12, 0)}}}},
		always(mustLoad("Pacific/Kiritimati")),
	}
	for _, spec := range specs {
		cal, o := spec.mustBuild(t), spec.oracle()
		b := z.Add(9 * 24 * time.Hour)
		for _, d := range []time.Duration{time.Nanosecond, time.Hour, 50 * time.Hour, -time.Hour} {
			n, ok := sweepCheck(t, cal, spec, o, z, b, d)
			assert.True(t, ok && n > 0, "at the zero time, calendar %s", spec)
		}
		assert.Equal(t, o.between(z, b), cal.Between(z, b), "Between from the zero time, %s", spec)
	}
	// A result that is the zero instant itself is that instant.
	cal := MustNewCalendar(time.UTC, AllWeek())
	assert.True(t, cal.Add(z.Add(time.Hour), -time.Hour).Equal(z))
}
