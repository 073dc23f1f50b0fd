package rotation

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEscalation(t *testing.T) {
	chi := zone(t, "America/Chicago")
	first := time.Date(2024, 3, 4, 8, 0, 0, 0, chi)
	r := MustWeekly(first, "a", "b")
	c, err := Escalation(
		Level[string]{Name: "on call", Rotations: []Rotation[string]{r}, Wait: 15 * time.Minute},
		Level[string]{Name: "lead", People: []string{"lead"}, Wait: 30 * time.Minute},
		Level[string]{Name: "cto", People: []string{"cto"}, Wait: 15 * time.Minute},
	)
	require.NoError(t, err)
	began := time.Date(2024, 3, 5, 2, 0, 0, 0, chi)
	tests := []struct {
		after time.Duration
		level int
		next  time.Duration // 0: no next
		who   string
	}{
		{0, 0, 15 * time.Minute, "a"},
		{15*time.Minute - 1, 0, 15 * time.Minute, "a"},
		{15 * time.Minute, 1, 45 * time.Minute, "lead"}, // exactly at the edge: the next level
		{45 * time.Minute, 2, 0, "cto"},
		{10 * time.Hour, 2, 0, "cto"},
	}
	for _, tt := range tests {
		p, err := c.At(began, time.Time{}, began.Add(tt.after))
		require.NoError(t, err)
		assert.Equal(t, tt.level, p.Level, "At(+%v).Level", tt.after)
		assert.Equal(t, tt.who, p.Who[0], "At(+%v).Who", tt.after)
		if tt.next == 0 {
			assert.True(t, p.Next.IsZero(), "At(+%v).Next = %v, want none", tt.after, p.Next)
		} else {
			assert.True(t, p.Next.Equal(began.Add(tt.next)), "At(+%v).Next = %v", tt.after, p.Next)
		}
	}
	// Acknowledged at +20m: stops at level 1.
	p, err := c.At(began, began.Add(20*time.Minute), began.Add(5*time.Hour))
	require.NoError(t, err)
	assert.True(t, p.Acked)
	assert.Equal(t, 1, p.Level)
	assert.True(t, p.Next.IsZero())
	// Not yet acknowledged at t: still escalating.
	p, _ = c.At(began, began.Add(2*time.Hour), began.Add(20*time.Minute))
	assert.False(t, p.Acked)
	_, err = c.At(began, time.Time{}, began.Add(-time.Second))
	require.ErrorIs(t, err, ErrEmptyRange)

	// Repeat twice more: a chain of 60 minutes.
	rc, err := c.WithRepeats(2)
	require.NoError(t, err)
	p, _ = rc.At(began, time.Time{}, began.Add(130*time.Minute))
	assert.Equal(t, 2, p.Pass)
	assert.Equal(t, 0, p.Level)
	assert.True(t, p.Since.Equal(began.Add(120*time.Minute)))
	p, _ = rc.At(began, time.Time{}, began.Add(170*time.Minute))
	assert.Equal(t, 2, p.Level)
	assert.True(t, p.Next.IsZero(), "last level of the last pass")
	p, _ = rc.At(began, time.Time{}, began.Add(50*time.Minute))
	assert.True(t, p.Next.Equal(began.Add(60*time.Minute)), "the last level's wait leads to the repeat")
	assert.Equal(t, 2, rc.Repeats())
	assert.Len(t, rc.Levels(), 3)

	_, err = Escalation[string]()
	require.ErrorIs(t, err, ErrEmptyRoster)
	_, err = Escalation(Level[string]{Name: "x"})
	require.ErrorIs(t, err, ErrEmptyRoster)
	_, err = Escalation(Level[string]{People: []string{"a"}, Wait: -time.Second})
	require.ErrorIs(t, err, ErrWait)
	z, err := Escalation(Level[string]{People: []string{"a"}})
	require.NoError(t, err)
	_, err = z.WithRepeats(1)
	require.ErrorIs(t, err, ErrWait)
	_, err = c.WithRepeats(-1)
	require.ErrorIs(t, err, ErrWait)
}

func TestPresets(t *testing.T) {
	chi := zone(t, "America/Chicago")
	wed := time.Date(2024, 3, 6, 9, 0, 0, 0, chi)
	r, err := Fleet2024Weekly(wed, "a", "b")
	require.NoError(t, err)
	assert.Equal(t, Fleet2024Checklist(), r.Checklist())
	for h := range r.Handoffs(wed, wed.AddDate(0, 3, 0)) {
		assert.Equal(t, time.Wednesday, h.At.Weekday(), "R1")
		assert.Equal(t, 9, h.At.Hour())
	}
	_, err = Fleet2024Weekly(wed.AddDate(0, 0, 1), "a")
	require.ErrorIs(t, err, ErrSyntax)

	mon := time.Date(2024, 3, 4, 8, 0, 0, 0, chi)
	in, err := Fleet2024Infra(mon, time.Hour, []string{"a", "b", "c"}, Contact("contact", "d"), Contact("contact", "e"), Contact("contact", "f"))
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, in.Responders.Who(mon), "R3: two first responders")
	assert.Equal(t, []string{"b", "c"}, in.Responders.Who(mon.AddDate(0, 0, 7)))
	assert.Len(t, in.Escalation.Levels(), 4, "R3: four levels")
	p, _ := in.Escalation.At(mon, time.Time{}, mon.Add(90*time.Minute))
	assert.Equal(t, []string{"d"}, p.Who)
	_, err = Fleet2024Infra(mon.AddDate(0, 0, 1), time.Hour, []string{"a", "b"})
	require.ErrorIs(t, err, ErrSyntax)
	_, err = Fleet2024Infra(mon, time.Hour, []string{"a"})
	require.ErrorIs(t, err, ErrEmptyRoster)
}

func TestChainJSON(t *testing.T) {
	lhi := zone(t, "Australia/Lord_Howe")
	r := MustWeekly(time.Date(2024, 4, 1, 8, 0, 0, 0, lhi), "a", "b").WithName("primary")
	c, err := Escalation(
		Level[string]{Name: "on call", Rotations: []Rotation[string]{r, r.Offset(1)}, Wait: 15 * time.Minute},
		Level[string]{Name: "lead", People: []string{"lead", "em"}, Wait: time.Hour},
	)
	require.NoError(t, err)
	c, err = c.WithRepeats(2)
	require.NoError(t, err)
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"wait":"15m0s"`)
	var back Chain[string]
	require.NoError(t, json.Unmarshal(b, &back), "%s", b)
	b2, err := json.Marshal(back)
	require.NoError(t, err)
	assert.JSONEq(t, string(b), string(b2))
	began := time.Date(2024, 4, 3, 2, 0, 0, 0, lhi)
	for _, m := range []int{0, 20, 100, 200, 400} {
		at := began.Add(time.Duration(m) * time.Minute)
		p, _ := c.At(began, time.Time{}, at)
		q, _ := back.At(began, time.Time{}, at)
		assert.Equal(t, p.Who, q.Who)
		assert.True(t, p.Next.Equal(q.Next))
	}
	for in, field := range map[string]string{
		`{"levels":[]}`: "levels",
		`{"levels":[{"people":["a"],"wait":"soon"}]}`:           "levels[0].wait",
		`{"levels":[{"people":["a"],"wait":"-1m"}]}`:            "levels[0].wait",
		`{"levels":[{"people":["a"],"wait":"0s"}],"repeats":1}`: "repeats",
		`{"levels":[{"rotations":[{"zone":"Nowhere","first":"2024-01-01","at":"09:00","every":7,"people":["a"]}],"wait":"1m"}]}`: "levels[0].rotations[0].zone",
		`"x"`: "",
	} {
		var c Chain[string]
		err := json.Unmarshal([]byte(in), &c)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce, in)
		assert.Equal(t, field, ce.Field, in)
	}
	var l Layers[string]
	lb, err := json.Marshal(Pair(r))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(lb, &l))
	assert.Equal(t, Pair(r).Who(began), l.Who(began))
}
