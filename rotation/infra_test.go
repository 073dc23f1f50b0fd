package rotation

import (
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// R3: contact levels carry their own names; the application-level one
// depends on the area.
func TestFleet2024InfraContacts(t *testing.T) {
	lon := zone(t, "Europe/London")
	mon := time.Date(2024, 3, 25, 8, 0, 0, 0, lon) // the week of the UK spring-forward
	apps := MustWeekly(time.Date(2024, 3, 27, 9, 0, 0, 0, lon), "app1", "app2")
	slow := Contact("cto", "mo")
	slow.Wait = 2 * time.Hour
	in, err := Fleet2024Infra(mon, time.Hour, []string{"a", "b", "c"},
		Contact("application (payments)", "kai"),
		Level[string]{Name: "application on-call", Rotations: []Rotation[string]{apps}},
		Contact("", "lena"), slow)
	require.NoError(t, err)
	in = in.WithBackups(testBackups...)
	levels := in.Escalation.Levels()
	var names []string
	var waits []time.Duration
	for _, l := range levels {
		names = append(names, l.Name)
		waits = append(waits, l.Wait)
	}
	assert.Equal(t, []string{"first responders", "application (payments)", "application on-call", "contact", "cto"}, names)
	assert.Equal(t, []time.Duration{time.Hour, time.Hour, time.Hour, time.Hour, 2 * time.Hour}, waits, "zero Wait is the preset's wait")
	// The application on-call level pages whoever is on duty in apps.
	began := time.Date(2024, 3, 31, 3, 30, 0, 0, lon) // just after the 01:00 -> 02:00 BST jump
	p, err := in.Escalation.At(began, time.Time{}, began.Add(2*time.Hour+30*time.Minute))
	require.NoError(t, err)
	assert.Equal(t, "application on-call", p.Name)
	assert.Equal(t, []string{apps.At(began).Who}, p.Who)
	assert.True(t, p.Next.Equal(began.Add(3*time.Hour)), "Next = %v", p.Next)

	// Contact copies its people.
	people := []string{"x", "y"}
	c := Contact("pair", people...)
	people[0] = "z"
	assert.Equal(t, []string{"x", "y"}, c.People)

	// Errors name the contact's level.
	tests := []struct {
		name     string
		contacts []Level[string]
		field    string
		err      error
	}{
		{"pages nobody", []Level[string]{Contact[string]("lead")}, "levels[1].people", ErrEmptyRoster},
		{"zero rotation", []Level[string]{{Name: "x", Rotations: []Rotation[string]{{}}}}, "levels[1].rotations[0]", ErrEmptyRoster},
		{"negative wait", []Level[string]{Contact("lead", "l"), {Name: "x", People: []string{"y"}, Wait: -time.Minute}}, "levels[2].wait", ErrWait},
	}
	for _, tt := range tests {
		_, err := Fleet2024Infra(mon, time.Hour, []string{"a", "b"}, tt.contacts...)
		require.ErrorIs(t, err, tt.err, tt.name)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce, tt.name)
		assert.Equal(t, tt.field, ce.Field, tt.name)
	}
	_, err = Fleet2024Infra(mon, -time.Hour, []string{"a", "b"})
	require.ErrorIs(t, err, ErrWait)
}

// model applies overrides in order to the person base puts on duty at t:
// the resolution [Override] documents (later-added wins, an absence sees
// what the ones before it produced).
func model(base string, t time.Time, os []Override[string]) string {
	who := base
	for _, o := range os {
		if t.Before(o.From) || !t.Before(o.To) {
			continue
		}
		switch {
		case o.Kind == Replace:
			who = o.Who
		case who == o.Absent:
			who = o.Who
		}
	}
	return who
}

// probes returns instants to check in [from, to): every step, and each
// override's edges with a nanosecond either side.
func probes(from, to time.Time, step time.Duration, os []Override[string]) []time.Time {
	var out []time.Time
	for t := from; t.Before(to); t = t.Add(step) {
		out = append(out, t)
	}
	for _, o := range os {
		for _, e := range []time.Time{o.From, o.To} {
			out = append(out, e.Add(-1), e, e.Add(1))
		}
	}
	return out
}

// checkInfra checks got = base.WithOverrides(os) against the model at ts:
// every layer, every level and the paged level of an alert.
func checkInfra(t *testing.T, base, got Infra[string], os []Override[string], ts []time.Time) {
	t.Helper()
	bl, gl := base.Escalation.Levels(), got.Escalation.Levels()
	require.Len(t, gl, len(bl))
	for _, at := range ts {
		var want []string
		for i, l := range base.Responders {
			w := model(l.Rotation.At(at).Who, at, os)
			s := got.Responders[i].Rotation.At(at)
			if !assert.Equal(t, w, s.Who, "layer %d At(%v)", i, at) {
				return
			}
			assert.True(t, s.Contains(at), "layer %d At(%v) = %v", i, at, s)
			if !slices.Contains(want, w) {
				want = append(want, w)
			}
		}
		assert.Equal(t, want, got.Responders.Who(at), "Who(%v)", at)
		for i, l := range bl {
			var lw []string
			for _, p := range l.People {
				if !slices.Contains(lw, p) {
					lw = append(lw, p)
				}
			}
			for _, r := range l.Rotations {
				if w := model(r.At(at).Who, at, os); !slices.Contains(lw, w) {
					lw = append(lw, w)
				}
			}
			assert.Equal(t, lw, gl[i].Who(at), "level %d Who(%v)", i, at)
			assert.Equal(t, l.Name, gl[i].Name)
			assert.Equal(t, l.Wait, gl[i].Wait)
		}
		p, err := got.Escalation.At(at, time.Time{}, at)
		require.NoError(t, err)
		assert.Equal(t, want, p.Who, "alert at %v pages the first responders", at)
	}
}

// R4: an announced absence applies to the whole 24/7 on-call at once.
func TestInfraWithOverrides(t *testing.T) {
	chi := zone(t, "America/Chicago")
	mon := time.Date(2024, 3, 4, 8, 0, 0, 0, chi) // the week of the US spring-forward
	base, err := Fleet2024Infra(mon, time.Hour, []string{"ana", "ben", "cy"}, Contact("lead", "lead"), Contact("cto", "cto"))
	require.NoError(t, err)
	base = base.WithBackups(testBackups...)
	base.Escalation, err = base.Escalation.WithRepeats(2)
	require.NoError(t, err)
	// ben is secondary on Mar 4-11 and primary on Mar 11-18 (hand-offs at
	// 08:00 CST, then CDT after Sun Mar 10).
	from := time.Date(2024, 3, 7, 0, 0, 0, 0, chi)
	to := time.Date(2024, 3, 13, 0, 0, 0, 0, chi)
	in, err := base.WithOverrides(Absence("ben", "dee", from, to))
	require.NoError(t, err)
	assert.Equal(t, 2, in.Escalation.Repeats(), "repeats kept")
	os := []Override[string]{Absence("ben", "dee", from, to)}
	checkInfra(t, base, in, os, probes(mon.AddDate(0, 0, -7), mon.AddDate(0, 0, 21), 30*time.Minute, os))

	tests := []struct {
		at   time.Time
		want []string // Responders.Who
	}{
		{from.Add(-1), []string{"ana", "ben"}},
		{from, []string{"ana", "dee"}},                                          // absence starts: dee on the secondary layer
		{time.Date(2024, 3, 10, 2, 30, 0, 0, time.UTC), []string{"ana", "dee"}}, // the night of the spring-forward
		{time.Date(2024, 3, 11, 8, 0, 0, 0, chi).Add(-1), []string{"ana", "dee"}},
		{time.Date(2024, 3, 11, 8, 0, 0, 0, chi), []string{"dee", "cy"}}, // hand-off: ben's primary turn, covered
		{to.Add(-1), []string{"dee", "cy"}},
		{to, []string{"ben", "cy"}}, // back
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, in.Responders.Who(tt.at), "Who(%v)", tt.at)
		p, _ := in.Escalation.At(tt.at, time.Time{}, tt.at)
		assert.Equal(t, tt.want, p.Who, "alert at %v", tt.at)
		p, _ = in.Escalation.At(tt.at.Add(-3*time.Hour), time.Time{}, tt.at) // second pass of the chain
		assert.Equal(t, 1, p.Pass)
		assert.Equal(t, tt.want, p.Who, "repeated alert at %v", tt.at)
	}
	// The absence is stored on each rotation, so it travels in JSON.
	for _, l := range in.Responders {
		assert.Equal(t, os, l.Rotation.Overrides())
	}
	b, err := json.Marshal(in.Escalation)
	require.NoError(t, err)
	var back Chain[string]
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, []string{"dee", "cy"}, back.Levels()[0].Who(to.Add(-time.Hour)))
	// base is unchanged.
	assert.Equal(t, []string{"ben", "cy"}, base.Responders.Who(to.Add(-time.Hour)))
	assert.Empty(t, base.Responders[0].Rotation.Overrides())
	assert.Empty(t, base.Escalation.Levels()[0].Rotations[1].Overrides())

	// Later-added wins: dee's own absence, added later, hands on to eve;
	// a call with no overrides changes nothing.
	in2, err := in.WithOverrides(Absence("dee", "eve", from.AddDate(0, 0, 1), from.AddDate(0, 0, 2)))
	require.NoError(t, err)
	assert.Equal(t, []string{"ana", "eve"}, in2.Responders.Who(from.AddDate(0, 0, 1)))
	assert.Equal(t, []string{"ana", "dee"}, in2.Responders.Who(from.AddDate(0, 0, 2)))
	same, err := in2.WithOverrides()
	require.NoError(t, err)
	assert.Equal(t, in2, same)

	// A Swap takes every layer: the pair is one person for the range.
	sw, err := base.WithOverrides(Swap("zed", from, from.Add(time.Hour)))
	require.NoError(t, err)
	assert.Equal(t, []string{"zed"}, sw.Responders.Who(from))
	// A backup already on the other layer is paged once.
	dup, err := base.WithOverrides(Absence("ben", "ana", from, to))
	require.NoError(t, err)
	assert.Equal(t, []string{"ana"}, dup.Responders.Who(from))
	assert.Equal(t, []string{"ana"}, dup.Escalation.Levels()[0].Who(from))
}

func TestInfraWithOverridesErrors(t *testing.T) {
	mon := time.Date(2024, 3, 4, 8, 0, 0, 0, time.UTC)
	base, err := Fleet2024Infra(mon, time.Hour, []string{"a", "b"}, Contact("lead", "l"))
	require.NoError(t, err)
	base = base.WithBackups(testBackups...)
	tests := []struct {
		name  string
		o     []Override[string]
		field string
		err   error
	}{
		{"empty range", []Override[string]{Absence("a", "x", mon, mon)}, "overrides[0].to", ErrEmptyRange},
		{"backwards", []Override[string]{Swap("x", mon, mon.Add(time.Hour)), Swap("x", mon, mon.Add(-time.Hour))}, "overrides[1].to", ErrEmptyRange},
		{"zero time", []Override[string]{Absence("a", "x", time.Time{}, mon)}, "overrides[0].from", ErrZeroTime},
		{"self backup", []Override[string]{Absence("a", "a", mon, mon.Add(time.Hour))}, "overrides[0].who", ErrSelfBackup},
	}
	for _, tt := range tests {
		got, err := base.WithOverrides(tt.o...)
		require.ErrorIs(t, err, tt.err, tt.name)
		var ce *ConfigError
		require.ErrorAs(t, err, &ce, tt.name)
		assert.Equal(t, tt.field, ce.Field, tt.name)
		assert.Equal(t, base, got, "%s: unchanged", tt.name)
	}
	// Nothing to add them to.
	_, err = Infra[string]{}.WithOverrides(Absence("a", "x", mon, mon.Add(time.Hour)))
	require.ErrorIs(t, err, ErrEmptyRoster)
	people, err := Escalation(Contact("lead", "l"))
	require.NoError(t, err)
	_, err = Infra[string]{Escalation: people}.WithOverrides(Absence("a", "x", mon, mon.Add(time.Hour)))
	require.ErrorIs(t, err, ErrEmptyRoster)
	// A hand-built Infra with one layer and a chain of its own rotation.
	r := MustWeekly(mon, "a", "b").WithBackups(testBackups...)
	chain, err := Escalation(Level[string]{Name: "on call", Rotations: []Rotation[string]{r}, Wait: time.Minute}, Contact("lead", "a"))
	require.NoError(t, err)
	one, err := Infra[string]{Responders: Layers[string]{{Name: "only", Rotation: r}}, Escalation: chain}.WithOverrides(Absence("a", "x", mon, mon.Add(time.Hour)))
	require.NoError(t, err)
	assert.Equal(t, []string{"x"}, one.Responders.Who(mon))
	assert.Equal(t, []string{"x"}, one.Escalation.Levels()[0].Who(mon))
	assert.Equal(t, []string{"a"}, one.Escalation.Levels()[1].Who(mon), "people named by a level are paged as listed")
}

// Property (fixed seed): for random absences (and a few swaps) over random
// pairs in the DST zones, every layer and every level of the chain follows
// the model: the absent person is never on duty or paged during the
// absence, the backup appears only where the absent person would have been
// on duty, and nothing changes outside the ranges.
func TestInfraWithOverridesProperties(t *testing.T) {
	zones := []string{"America/Chicago", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu"}
	rng := rand.New(rand.NewPCG(4, 2024))
	names := []string{"a", "b", "c", "d", "x", "y"}
	for n := range 150 {
		loc := zone(t, zones[n%len(zones)])
		mon := time.Date(2024, time.Month(1+rng.IntN(12)), 1, 8, 0, 0, 0, loc)
		for mon.Weekday() != time.Monday {
			mon = time.Date(mon.Year(), mon.Month(), mon.Day()+1, 8, 0, 0, 0, loc)
		}
		roster := names[:2+rng.IntN(3)]
		base, err := Fleet2024Infra(mon, time.Hour, roster, Contact("lead", "l"),
			Level[string]{Name: "other rotation", Rotations: []Rotation[string]{MustWeekly(mon.AddDate(0, 0, 2), "c", "y")}})
		require.NoError(t, err)
		base = base.WithBackups(testBackups...)
		var os []Override[string]
		for range 1 + rng.IntN(3) {
			from := mon.Add(time.Duration(rng.Int64N(int64(21 * 24 * time.Hour)))).Truncate(time.Minute)
			to := from.Add(time.Minute + time.Duration(rng.Int64N(int64(10*24*time.Hour)))).Truncate(time.Minute)
			absent := names[rng.IntN(len(names))]
			backup := names[rng.IntN(len(names))]
			switch {
			case rng.IntN(8) == 0:
				os = append(os, Swap(backup, from, to))
			case absent != backup:
				os = append(os, Absence(absent, backup, from, to))
			}
		}
		in, err := base.WithOverrides(os...)
		require.NoError(t, err)
		checkInfra(t, base, in, os, probes(mon.AddDate(0, 0, -3), mon.AddDate(0, 0, 35), 3*time.Hour+7*time.Minute, os))
		// The absent person is never on duty during an absence that no
		// later override undoes.
		for i, o := range os {
			if o.Kind != Cover || slices.ContainsFunc(os[i+1:], func(l Override[string]) bool { return l.Who == o.Absent }) {
				continue
			}
			for _, at := range probes(o.From, o.To, 5*time.Hour, nil) {
				assert.NotContains(t, in.Responders.Who(at), o.Absent, "%v absent at %v", o.Absent, at)
				for _, l := range in.Escalation.Levels() {
					assert.NotContains(t, l.Who(at), o.Absent, "level %q at %v", l.Name, at)
				}
			}
		}
	}
}

// Offset drops overrides on purpose (see its doc): a kept Swap would put the
// same person on both layers of a pair.
func TestOffsetDropsOverrides(t *testing.T) {
	mon := time.Date(2024, 3, 4, 8, 0, 0, 0, time.UTC)
	r := MustWeekly(mon, "a", "b", "c").WithBackups(testBackups...)
	withAbs, err := r.WithOverrides(Absence("b", "x", mon, mon.AddDate(0, 0, 14)), Swap("y", mon, mon.Add(time.Hour)))
	require.NoError(t, err)
	off := withAbs.Offset(1)
	assert.Empty(t, off.Overrides())
	assert.True(t, off.Equal(r.Offset(1)))
	assert.Equal(t, "b", off.At(mon).Who, "the secondary's turn is not covered by Offset")
	assert.Equal(t, []string{"y", "b"}, Pair(withAbs).Who(mon))
}
