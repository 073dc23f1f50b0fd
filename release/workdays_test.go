package release

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holidays is a Monday-Friday calendar with closed days, like sla.Calendar.
type holidays map[date.Date]bool

func (h holidays) IsWorkday(d date.Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !h[d]
}

func TestWorkdayShift(t *testing.T) {
	xmas := holidays{d(2024, time.December, 25): true, d(2024, time.December, 26): true, d(2025, time.January, 1): true}
	first := d(2023, time.November, 1)
	later := MustNewTrain(first, 3, WithWorkdays(xmas, Later))
	earlier := MustNewTrain(first, 3, WithWorkdays(xmas, Earlier))
	plain := MustNewTrain(first, 3)

	// Release 21 is planned on Christmas Day 2024, a Wednesday.
	r := plain.Release(21)
	require.Equal(t, d(2024, time.December, 25), r.Day)
	assert.Equal(t, d(2024, time.December, 27), later.Release(21).Day, "25th and 26th closed: Friday")
	assert.Equal(t, d(2024, time.December, 24), earlier.Release(21).Day)
	assert.Equal(t, d(2024, time.December, 25), later.Release(21).Planned)
	assert.Equal(t, "release 21 on 2024-12-27 (moved from 2024-12-25)", later.Release(21).String())

	tests := []struct {
		name string
		tr   Train
		day  date.Date
		next date.Date
		at   date.Date
	}{
		{"later: on the planned day", later, d(2024, time.December, 25), d(2024, time.December, 27), d(2024, time.December, 4)},
		{"later: moved day", later, d(2024, time.December, 27), d(2024, time.December, 27), d(2024, time.December, 27)},
		{"later: after the moved day", later, d(2024, time.December, 28), d(2025, time.January, 15), d(2024, time.December, 27)},
		{"earlier: planned day is past", earlier, d(2024, time.December, 25), d(2025, time.January, 15), d(2024, time.December, 24)},
		{"earlier: moved day", earlier, d(2024, time.December, 24), d(2024, time.December, 24), d(2024, time.December, 24)},
		{"earlier: day before", earlier, d(2024, time.December, 23), d(2024, time.December, 24), d(2024, time.December, 4)},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.next, tt.tr.Next(tt.day).Day, "%s: Next(%v)", tt.name, tt.day)
		assert.Equal(t, tt.at, tt.tr.At(tt.day).Day, "%s: At(%v)", tt.name, tt.day)
	}

	// nil means Monday to Friday: a Saturday train moves to Monday.
	sat := MustNewTrain(d(2024, time.March, 2), 1, WithWorkdays(nil, Later))
	assert.Equal(t, d(2024, time.March, 4), sat.Next(d(2024, time.March, 1)).Day)
	// No working day within six days: the release stays.
	closed := MustNewTrain(d(2024, time.March, 6), 2, WithWorkdays(alwaysClosed{}, Later))
	assert.Equal(t, d(2024, time.March, 6), closed.Next(d(2024, time.March, 6)).Day)

	_, err := NewTrain(first, 3, WithWorkdays(nil, Move(9)))
	assert.ErrorIs(t, err, ErrMove)

	b, err := json.Marshal(later)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"move":"later"`)
	var back Train
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, later.Equal(back))
	assert.Equal(t, Later, back.Move())
	back, err = back.WithWorkdays(xmas, back.Move())
	require.NoError(t, err)
	assert.Equal(t, later.Release(21), back.Release(21))
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"first":"2024-03-06","weeks":3,"move":"sideways"}`), &back), ErrMove)
}

type alwaysClosed struct{}

func (alwaysClosed) IsWorkday(date.Date) bool { return false }

// Property (fixed seed): with random holidays, releases stay in order, land
// on working days when one is near, and Next/At/Previous agree.
func TestWorkdayProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 30))
	for _, shift := range []Move{Later, Earlier} {
		for range 20 {
			h := holidays{}
			base := d(2024, time.January, 1)
			for range 120 {
				h[base+date.Date(rng.IntN(730))] = true
			}
			tr := MustNewTrain(base+date.Date(rng.IntN(7)), 1+rng.IntN(3), WithWorkdays(h, shift))
			for day := base - 30; day < base+760; day++ {
				n, p, a := tr.Next(day), tr.Prev(day), tr.At(day)
				require.GreaterOrEqual(t, n.Day, day)
				require.Less(t, p.Day, day)
				require.Equal(t, n.Number-1, p.Number)
				require.LessOrEqual(t, a.Day, day)
				require.Less(t, day, tr.Release(a.Number+1).Day)
				require.Less(t, p.Day, n.Day, "order kept")
				require.LessOrEqual(t, abs(int(n.Day-n.Planned)), 6)
				if !h.IsWorkday(n.Day) {
					require.Equal(t, n.Planned, n.Day, "stays only when no working day is near")
				}
			}
		}
	}
}
