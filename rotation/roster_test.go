package rotation

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func whoSeq(r Rotation[string], from time.Time, n int) []string {
	var out []string
	for s := range r.Shifts(from, from.AddDate(0, 0, 7*n)) {
		out = append(out, s.Who)
	}
	return out[:n]
}

func TestRosterChanges(t *testing.T) {
	chi := zone(t, "America/Chicago")
	first := time.Date(2024, 3, 6, 9, 0, 0, 0, chi) // a, b, c from here
	r := MustWeekly(first, "a", "b", "c")
	w := func(n int) time.Time { return first.AddDate(0, 0, 7*n) }
	require.Equal(t, []string{"a", "b", "c", "a", "b", "c"}, whoSeq(r, first, 6))

	// Insert d effective from the hand-off at week 4 (b is due): b keeps
	// it and d is next; everything before stays.
	ins, err := ins(r, w(4).Add(-time.Hour), "d")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "a", "b", "d", "c", "a", "b", "d"}, whoSeq(ins, first, 10))
	// Remove c from week 2 (c is due there): a takes it; only c's turns go.
	rem, err := r.Remove(w(2), "c")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "a", "b", "a"}, whoSeq(rem, first, 5))
	// Remove b from week 2: c keeps week 2.
	rem, err = r.Remove(w(2), "b")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "a", "c", "a"}, whoSeq(rem, first, 6))
	// WithRoster keeps the person due if still on the roster.
	nr, err := r.WithRoster(w(3), "c", "a", "x")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "a", "x", "c", "a"}, whoSeq(nr, first, 7))
	// ...and otherwise passes to the next one in the old order.
	nr, err = r.WithRoster(w(4), "c", "a", "x") // b due: next in old order is c
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "a", "c", "a", "x"}, whoSeq(nr, first, 7))
	// Before the first hand-off too; and nothing before the change moves.
	nr, err = r.WithRoster(w(-2), "z")
	require.NoError(t, err)
	assert.Equal(t, r.At(w(-3)).Who, nr.At(w(-3)).Who)
	assert.Equal(t, "z", nr.At(w(-2)).Who)
	assert.Equal(t, "z", nr.At(w(5)).Who)
	// A later change replaces a change scheduled after it.
	nr2, err := ins.WithRoster(w(2), "a", "b", "c")
	require.NoError(t, err)
	assert.Equal(t, whoSeq(r, first, 9), whoSeq(nr2, first, 9))

	_, err = r.Remove(w(1), "nobody")
	require.ErrorIs(t, err, ErrUnknownName)
	one := MustWeekly(first, "solo")
	_, err = one.Remove(w(1), "solo")
	require.ErrorIs(t, err, ErrEmptyRoster)
	_, err = r.WithRoster(w(1))
	require.ErrorIs(t, err, ErrEmptyRoster)
	_, err = r.Insert(time.Time{}, "x")
	require.ErrorIs(t, err, ErrZeroTime)
	assert.Equal(t, []string{"a", "b", "d", "c"}, ins.Roster(w(6)))
	assert.Equal(t, []string{"a", "b", "c"}, ins.Roster(w(3)))
}

func ins(r Rotation[string], from time.Time, p string) (Rotation[string], error) {
	return r.Insert(from, p)
}

func TestDiff(t *testing.T) {
	lon := zone(t, "Europe/London")
	first := time.Date(2024, 3, 27, 9, 0, 0, 0, lon) // across the 2024-03-31 change
	r := MustWeekly(first, "a", "b", "c").WithBackups(testBackups...)
	nr, err := r.Insert(first.AddDate(0, 0, 7), "d") // b keeps week 1, d takes week 2
	require.NoError(t, err)
	from, to := first, first.AddDate(0, 0, 28)
	got := Diff(r, nr, from, to)
	require.Len(t, got, 2)
	assert.Equal(t, Change[string]{Start: first.AddDate(0, 0, 14), End: first.AddDate(0, 0, 21), Old: "c", New: "d"}.Old, got[0].Old)
	assert.True(t, got[0].Start.Equal(first.AddDate(0, 0, 14)))
	assert.Equal(t, "d", got[0].New)
	assert.Equal(t, "a", got[1].Old)
	assert.Equal(t, "c", got[1].New)
	assert.True(t, got[1].End.Equal(to))
	assert.Nil(t, Diff(r, r, from, to))
	// An absence shows up as a change of part of a shift, clipped to the range.
	ab, err := r.WithOverrides(Absence("a", "z", first.Add(24*time.Hour), first.Add(48*time.Hour)))
	require.NoError(t, err)
	got = Diff(r, ab, first.Add(36*time.Hour), to)
	require.Len(t, got, 1)
	assert.True(t, got[0].Start.Equal(first.Add(36*time.Hour)))
	assert.True(t, got[0].End.Equal(first.Add(48*time.Hour)))
}

func TestOffsetAndPair(t *testing.T) {
	ktm := zone(t, "Asia/Kathmandu")
	first := time.Date(2024, 1, 1, 8, 0, 0, 0, ktm)
	r := MustWeekly(first, "a", "b", "c").WithBackups(testBackups...)
	r2, err := r.Insert(first.AddDate(0, 0, 21), "d")
	require.NoError(t, err)
	sec := r2.Offset(1)
	for k := -5; k < 12; k++ {
		at := first.AddDate(0, 0, 7*k+1)
		assert.Equal(t, r2.At(at.AddDate(0, 0, 7)).Who, sec.At(at).Who, "turn %d", k)
	}
	p := Pair(r)
	who := p.Who(first)
	assert.Equal(t, []string{"a", "b"}, who)
	sh := p.At(first)
	require.Len(t, sh, 2)
	assert.Equal(t, "b", sh[1].Who)
	one := Pair(MustWeekly(first, "solo"))
	assert.Equal(t, []string{"solo"}, one.Who(first), "no repeats")
}
