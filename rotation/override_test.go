package rotation

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func collect[P comparable](r Rotation[P], from, to time.Time) []Shift[P] {
	var out []Shift[P]
	for s := range r.Shifts(from, to) {
		out = append(out, s)
	}
	return out
}

func TestOverrides(t *testing.T) {
	chi := zone(t, "America/Chicago")
	first := time.Date(2024, 3, 4, 8, 0, 0, 0, chi) // Monday; a, b, c
	r := MustWeekly(first, "a", "b", "c").WithBackups(testBackups...)
	day := func(n int, h int) time.Time { return time.Date(2024, 3, 4+n, h, 0, 0, 0, chi) }

	// R4: a swap splits a's shift in three.
	sw, err := r.WithOverrides(Swap("x", day(2, 8), day(3, 8)))
	require.NoError(t, err)
	got := collect(sw, first, day(7, 8))
	require.Len(t, got, 3)
	assert.Equal(t, []string{"a", "x", "a"}, []string{got[0].Who, got[1].Who, got[2].Who})
	assert.True(t, got[1].Start.Equal(day(2, 8)) && got[1].End.Equal(day(3, 8)))
	assert.Equal(t, "x", sw.At(day(2, 8)).Who, "override start is included")
	assert.Equal(t, "a", sw.At(day(3, 8)).Who, "override end is excluded")

	// An absence of b across a's and b's shifts covers only b's part; the
	// covered hand-off (Monday 08:00) moves from a to y.
	ab, err := r.WithOverrides(Absence("b", "y", day(5, 0), day(9, 0)))
	require.NoError(t, err)
	got = collect(ab, first, day(14, 8))
	require.Len(t, got, 3)
	assert.Equal(t, Shift[string]{Who: "a"}.Who, got[0].Who)
	assert.True(t, got[0].End.Equal(day(7, 8)), "a's shift is untouched: %v", got[0])
	assert.Equal(t, "y", got[1].Who)
	assert.True(t, got[1].Start.Equal(day(7, 8)) && got[1].End.Equal(day(9, 0)))
	assert.Equal(t, "b", got[2].Who)

	// Later-added wins where overrides overlap.
	both, err := r.WithOverrides(Swap("x", day(1, 0), day(4, 0)), Swap("z", day(2, 0), day(3, 0)))
	require.NoError(t, err)
	assert.Equal(t, "z", both.At(day(2, 12)).Who)
	assert.Equal(t, "x", both.At(day(1, 12)).Who)
	rev, err := r.WithOverrides(Swap("z", day(2, 0), day(3, 0)), Swap("x", day(1, 0), day(4, 0)))
	require.NoError(t, err)
	assert.Equal(t, "x", rev.At(day(2, 12)).Who)
	// An absence sees what was added before it: x is replaced by w.
	chain, err := both.WithOverrides(Absence("x", "w", day(0, 0), day(10, 0)))
	require.NoError(t, err)
	assert.Equal(t, "w", chain.At(day(1, 12)).Who)
	assert.Equal(t, "z", chain.At(day(2, 12)).Who)
	// A backup's own absence hands on to the next backup.
	bb, err := ab.WithOverrides(Absence("y", "q", day(8, 0), day(9, 0)))
	require.NoError(t, err)
	assert.Equal(t, "q", bb.At(day(8, 1)).Who)
	assert.Equal(t, "y", bb.At(day(7, 9)).Who)
	// An absence of someone not on duty changes nothing and does not split.
	noop, err := r.WithOverrides(Absence("c", "y", day(1, 0), day(2, 0)))
	require.NoError(t, err)
	require.Len(t, collect(noop, first, day(7, 0)), 1)
	s := noop.At(day(1, 12))
	assert.True(t, s.Start.Equal(first) && s.End.Equal(day(7, 8)), "merged: %v", s)
	assert.Len(t, noop.Overrides(), 1)
	assert.Nil(t, noop.WithoutOverrides().Overrides())
}

func TestOverrideErrors(t *testing.T) {
	chi := zone(t, "America/Chicago")
	first := time.Date(2024, 3, 4, 8, 0, 0, 0, chi)
	r := MustWeekly(first, "a", "b").WithBackups(testBackups...)
	_, err := r.WithOverrides(Swap("x", first, first))
	require.ErrorIs(t, err, ErrEmptyRange)
	var ce *ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "overrides[0].to", ce.Field)
	_, err = r.WithOverrides(Swap("x", first, first.Add(time.Hour)), Swap("x", first, first.Add(-time.Hour)))
	require.ErrorIs(t, err, ErrEmptyRange)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "overrides[1].to", ce.Field)
	_, err = r.WithOverrides(Absence("a", "a", first, first.Add(time.Hour)))
	require.ErrorIs(t, err, ErrSelfBackup)
	assert.Contains(t, err.Error(), `rotation: overrides[0].who "a"`)
	_, err = r.WithOverrides(Swap("x", time.Time{}, first))
	require.ErrorIs(t, err, ErrZeroTime)
	_, err = Rotation[string]{}.WithOverrides(Swap("x", first, first.Add(time.Hour)))
	require.ErrorIs(t, err, ErrEmptyRoster)
}

func TestHandoffs(t *testing.T) {
	lon := zone(t, "Europe/London")
	first := time.Date(2024, 3, 27, 10, 0, 0, 0, lon)
	r := MustWeekly(first, "a", "b").WithChecklist("move the @oncall alias", "hand off open threads").WithBackups(testBackups...)
	r, err := r.WithOverrides(Swap("x", first.Add(24*time.Hour), first.Add(48*time.Hour)))
	require.NoError(t, err)
	var got []Handoff[string]
	for h := range r.Handoffs(first, first.AddDate(0, 0, 14)) {
		got = append(got, h)
	}
	require.Len(t, got, 4)
	assert.True(t, got[0].At.Equal(first), "a hand-off exactly at from is included")
	assert.Equal(t, "b", got[0].Outgoing)
	assert.Equal(t, [2]string{"a", "x"}, [2]string{got[1].Outgoing, got[1].Incoming})
	assert.Equal(t, [2]string{"x", "a"}, [2]string{got[2].Outgoing, got[2].Incoming})
	// 2024-04-03 10:00 BST: the same wall-clock time after the change.
	assert.Equal(t, "2024-04-03 10:00 BST", got[3].At.Format("2006-01-02 15:04 MST"))
	assert.Equal(t, []string{"move the @oncall alias", "hand off open threads"}, got[3].Checklist)
	mid := 0
	for h := range r.Handoffs(first.Add(time.Hour), first.AddDate(0, 0, 14)) {
		assert.True(t, h.At.After(first), "from inside a shift: no event at the earlier hand-off")
		mid++
	}
	assert.Equal(t, 3, mid)
	next, ok := r.NextHandoff(first)
	require.True(t, ok)
	assert.True(t, next.At.Equal(got[1].At))
	_, ok = MustWeekly(first, "solo").NextHandoff(first)
	assert.False(t, ok, "one person never hands off")
	for range r.Handoffs(first, first) {
		t.Fatal("empty range")
	}
}

type weekdays struct{}

// IsWorkday is Monday to Friday.
func (weekdays) IsWorkday(d date.Date) bool {
	return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
}

// Between counts 09:00-17:00 on workdays in UTC, hour by hour (test only).
func (w weekdays) Between(from, to time.Time) time.Duration {
	var sum time.Duration
	for t := from; t.Before(to); t = t.Add(time.Hour) {
		u := t.UTC()
		if w.IsWorkday(date.NewAt(u)) && u.Hour() >= 9 && u.Hour() < 17 {
			sum += min(time.Hour, to.Sub(t))
		}
	}
	return sum
}

func TestPlanning(t *testing.T) {
	first := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC) // Monday
	r := MustWeekly(first, "a", "b").WithBackups(testBackups...)
	// R5: who is on call during a two-week sprint starting on a Wednesday.
	var who []string
	for s := range r.During(date.New(2024, 1, 3), date.New(2024, 1, 17)) {
		who = append(who, s.Who)
	}
	assert.Equal(t, []string{"a", "b", "a"}, who)
	assert.Equal(t, []string{"a", "b"}, r.People(first, first.AddDate(0, 0, 21)))
	loads := r.Loads(first, first.AddDate(0, 0, 21), weekdays{})
	require.Len(t, loads, 2)
	assert.Equal(t, Load[string]{Who: "a", Shifts: 2, Duty: 14 * 24 * time.Hour,
		OffHours: 14*24*time.Hour - 2*5*8*time.Hour, NonWorkday: 2 * 2 * 24 * time.Hour}, loads[0])
	assert.Equal(t, 1, loads[1].Shifts)
	noCal := r.Loads(first.Add(12*time.Hour), first.AddDate(0, 0, 7), nil)
	require.Len(t, noCal, 1)
	assert.Equal(t, 7*24*time.Hour-12*time.Hour, noCal[0].Duty, "clipped to the range")
	assert.Zero(t, noCal[0].OffHours)
}

func TestJSONRoundTrip(t *testing.T) {
	lhi := zone(t, "Australia/Lord_Howe")
	first := time.Date(2024, 2, 28, 9, 30, 0, 0, lhi)
	r := MustWeekly(first, "a", "b", "c").WithName("r1").WithChecklist("alias").WithBackups(testBackups...)
	r, err := r.Insert(first.AddDate(0, 0, 14), "d")
	require.NoError(t, err)
	r, err = r.Remove(first.AddDate(0, 0, 35), "a")
	require.NoError(t, err)
	r, err = r.WithOverrides(Swap("x", first.Add(time.Hour), first.Add(5*time.Hour)),
		Absence("b", "y", first.AddDate(0, 0, 6), first.AddDate(0, 0, 9)))
	require.NoError(t, err)
	for _, rr := range []Rotation[string]{r, r.Offset(2)} {
		b, err := json.Marshal(rr)
		require.NoError(t, err)
		var back Rotation[string]
		require.NoError(t, json.Unmarshal(b, &back), "%s", b)
		assert.True(t, rr.Equal(back), "%s", b)
		b2, err := json.Marshal(back)
		require.NoError(t, err)
		assert.JSONEq(t, string(b), string(b2))
		for s := range rr.Shifts(first.AddDate(0, 0, -30), first.AddDate(0, 0, 90)) {
			got := back.At(s.Start)
			assert.Equal(t, s.Who, got.Who)
			assert.True(t, s.End.Equal(got.End))
		}
	}
	b, _ := json.Marshal(r)
	assert.Contains(t, string(b), `"zone":"Australia/Lord_Howe","first":"2024-02-28","weekday":"Wednesday","at":"09:30","every":7`)
	zb, err := json.Marshal(Rotation[string]{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(zb))
}

func TestJSONErrors(t *testing.T) {
	base := `"zone":"Europe/London","first":"2024-03-06","at":"09:00","every":7`
	tests := []struct {
		in    string
		field string
		err   error
	}{
		{`{"zone":"Mars/Base","first":"2024-03-06","at":"09:00","every":7,"people":["a"]}`, "zone", ErrZone},
		{`{"first":"2024-03-06","at":"09:00","every":7,"people":["a"]}`, "zone", ErrZone},
		{`{"zone":"UTC","first":"2024-13-06","at":"09:00","every":7,"people":["a"]}`, "first", ErrSyntax},
		{`{"zone":"UTC","first":"2024-03-06","at":"25:00","every":7,"people":["a"]}`, "at", ErrSyntax},
		{`{"zone":"UTC","first":"2024-03-06","weekday":"Monday","at":"09:00","every":7,"people":["a"]}`, "weekday", ErrSyntax},
		{`{` + base + `,"people":[]}`, "people", ErrEmptyRoster},
		{`{"zone":"UTC","first":"2024-03-06","at":"09:00","every":0,"people":["a"]}`, "every", ErrTurn},
		{`{` + base + `,"people":["a"],"start":1}`, "start", ErrSyntax},
		{`{` + base + `,"people":["a"],"changes":[{"from":"2024-03-07","people":["b"]}]}`, "changes[0].from", ErrSyntax},
		{`{` + base + `,"people":["a"],"changes":[{"from":"2024-03-13","people":[]}]}`, "changes[0].people", ErrEmptyRoster},
		{`{` + base + `,"people":["a"],"overrides":[{"kind":"absence","who":"a","absent":"a","from":"2024-03-06T00:00:00Z","to":"2024-03-07T00:00:00Z"}]}`, "overrides[0].who", ErrSelfBackup},
		{`{` + base + `,"people":["a"],"overrides":[{"who":"a","from":"2024-03-07T00:00:00Z","to":"2024-03-06T00:00:00Z"}]}`, "overrides[0].to", ErrEmptyRange},
		{`{` + base + `,"people":["a"],"overrides":[{"kind":"holiday","who":"a"}]}`, "overrides[0].kind", ErrSyntax},
		{`[1,2]`, "", ErrSyntax},
	}
	for _, tt := range tests {
		var r Rotation[string]
		err := json.Unmarshal([]byte(tt.in), &r)
		require.ErrorIs(t, err, tt.err, tt.in)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, tt.field, ce.Field, tt.in)
		assert.True(t, r.IsZero(), "a failed decode leaves the value unchanged")
	}
}

func TestKindText(t *testing.T) {
	for _, k := range []OverrideKind{Replace, Cover} {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back OverrideKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
	}
	_, err := OverrideKind(9).MarshalText()
	require.ErrorIs(t, err, ErrSyntax)
	assert.Equal(t, "OverrideKind(9)", OverrideKind(9).String())
}
