package sla_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

// ckRandomClock drives a clock through n random legal moves, restarts and
// stops included, with gaps up to maxGap.
func ckRandomClock(t testing.TB, r *rand.Rand, target sla.Target, start time.Time, n int, maxGap time.Duration) sla.Clock {
	t.Helper()
	c := target.Start(start)
	for range n {
		at := c.Since().Add(time.Duration(r.Int64N(int64(maxGap))))
		var err error
		switch c.State() {
		case sla.Running:
			switch r.IntN(5) {
			case 0:
				c, err = c.Stop(at)
			case 1:
				c, err = c.Restart(at)
			default:
				c, err = c.Pause(at)
			}
		case sla.Paused:
			switch r.IntN(5) {
			case 0:
				c, err = c.Stop(at)
			case 1:
				c, err = c.Restart(at)
			default:
				c, err = c.Resume(at)
			}
		}
		require.NoError(t, err)
	}
	return c
}

// ckSameClock asserts that got answers every query as want does, at the
// given instants, and that its instants keep their offsets.
func ckSameClock(t testing.TB, want, got sla.Clock, probes ...time.Time) {
	t.Helper()
	require.Equal(t, want.State(), got.State())
	for _, pair := range [][2]time.Time{{want.Started(), got.Started()}, {want.Since(), got.Since()}} {
		require.True(t, pair[0].Equal(pair[1]), "%v != %v", pair[0], pair[1])
		require.Equal(t, pair[0].Format(time.RFC3339Nano), pair[1].Format(time.RFC3339Nano))
	}
	wd, wok := want.Due()
	gd, gok := got.Due()
	require.Equal(t, wok, gok)
	require.True(t, wd.Equal(gd), "Due %v != %v", wd, gd)
	require.Equal(t, wd.Format(time.RFC3339Nano), gd.Format(time.RFC3339Nano))
	require.Equal(t, want.Target().Name, got.Target().Name)
	require.Equal(t, want.Target().Within, got.Target().Within)
	require.Equal(t, want.Target().Milestones, got.Target().Milestones)
	for _, at := range probes {
		require.Equal(t, want.Elapsed(at), got.Elapsed(at))
		require.Equal(t, want.Breached(at), got.Breached(at))
		wb, _ := want.BreachedAt(at)
		gb, _ := got.BreachedAt(at)
		require.True(t, wb.Equal(gb))
		require.Equal(t, want.Record(at), got.Record(at))
		require.Equal(t, want.Passed(at), got.Passed(at))
		wm, wmd, wok := want.NextMilestone(at)
		gm, gmd, gok := got.NextMilestone(at)
		require.Equal(t, wm, gm)
		require.Equal(t, wok, gok)
		require.True(t, wmd.Equal(gmd))
	}
}

// TestClockJSONRoundTrip is the round-trip property: random clocks in every
// test zone and in fixed zones, with nanoseconds, in every state, with
// restarts and milestones, decode to a clock that encodes to the same bytes
// and answers every query the same way.
func TestClockJSONRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(2024, 4))
	locs := []*time.Location{time.UTC, time.FixedZone("", 5*3600+45*60), time.FixedZone("XYZ", -3*3600-30*60), time.FixedZone("UTC", 3600)}
	for _, zone := range ckZones {
		locs = append(locs, ckLoc(t, zone))
	}
	states := map[sla.State]int{}
	for i := range 1000 {
		loc := locs[i%len(locs)]
		target := sla.Target{Name: fmt.Sprintf("target %d", i), Within: time.Duration(r.Int64N(int64(10 * time.Hour)))}
		for k := range r.IntN(4) {
			target.Milestones = append(target.Milestones, sla.Milestone{Name: fmt.Sprint("m", k), At: time.Duration(k) * time.Hour})
		}
		start := time.Date(1980, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(r.Int64N(int64(50 * 365 * 24 * time.Hour))))
		c := ckRandomClock(t, r, target, start, r.IntN(8), 5*time.Hour)
		states[c.State()]++
		b, err := json.Marshal(c)
		require.NoError(t, err)
		var got sla.Clock
		require.NoError(t, json.Unmarshal(b, &got), "%s", b)
		b2, err := json.Marshal(got)
		require.NoError(t, err)
		require.Equal(t, string(b), string(b2))
		ckSameClock(t, c, got, c.Since(), c.Since().Add(time.Duration(r.Int64N(int64(20*time.Hour)))))
		if name := loc.String(); strings.Contains(name, "/") {
			require.Equal(t, name, got.Since().Location().String(), "an IANA zone travels by name")
		}
	}
	for _, s := range []sla.State{sla.Running, sla.Paused, sla.Stopped} {
		assert.Greater(t, states[s], 50, "too few %s clocks", s)
	}
}

func TestClockJSONForm(t *testing.T) {
	loc := ckLoc(t, "America/Chicago")
	t0 := time.Date(2024, time.March, 8, 16, 0, 0, 500, loc)
	c := sla.Target{Name: "first response", Within: time.Hour}.Start(t0)
	c = ckOK(t)(c.Pause(t0.Add(90 * time.Minute)))
	assert.JSONEq(t, `{
		"target": {"name": "first response", "within": "1h0m0s"},
		"state": "paused",
		"zone": "America/Chicago",
		"started": "2024-03-08T16:00:00.0000005-06:00",
		"since": "2024-03-08T17:30:00.0000005-06:00",
		"elapsed": "1h30m0s",
		"breachedAt": "2024-03-08T17:00:00.0000005-06:00"
	}`, ckJSON(t, c))
	// Each instant is time.Time's own JSON.
	var plain struct{ Started, Since, BreachedAt time.Time }
	require.NoError(t, json.Unmarshal([]byte(ckJSON(t, c)), &plain))
	assert.WithinDuration(t, t0, plain.Started, 0)

	assert.Equal(t, `{}`, ckJSON(t, sla.Clock{}))
	var z sla.Clock
	require.NoError(t, json.Unmarshal([]byte(`{}`), &z))
	assert.True(t, z.IsZero())
	require.NoError(t, json.Unmarshal([]byte(`null`), &z))
	assert.True(t, z.IsZero())

	_, err := json.Marshal(sla.Target{}.Start(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)))
	require.ErrorIs(t, err, sla.ErrInvalidClock)
}

func TestClockJSONErrors(t *testing.T) {
	const ok = `{"target":{"within":"1h"},"state":"running","started":"2024-01-01T00:00:00Z","since":"2024-01-01T01:00:00Z","elapsed":"30m0s","cycles":1}`
	var c sla.Clock
	require.NoError(t, json.Unmarshal([]byte(ok), &c), "the base case is valid")
	edit := func(old, new string) string {
		require.Contains(t, ok, old)
		return strings.Replace(ok, old, new, 1)
	}
	tests := []struct {
		name, in string
		want     error
		field    string
	}{
		{"missing state", `{"cycles":1}`, sla.ErrInvalidClock, "state"},
		{"unknown state", edit(`"running"`, `"ticking"`), sla.ErrSyntax, "state"},
		{"missing target", edit(`"target":{"within":"1h"},`, ``), sla.ErrInvalidClock, "target"},
		{"null target", edit(`{"within":"1h"}`, `null`), sla.ErrInvalidClock, "target"},
		{"invalid target", edit(`"1h"`, `"-1h"`), sla.ErrInvalidTarget, "target.within"},
		{"misspelt target key", edit(`"1h"}`, `"1h","milestone":[]}`), sla.ErrUnknownField, "target.milestone"},
		{"misspelt key", edit(`"cycles":1`, `"cycle":1`), sla.ErrUnknownField, "cycle"},
		{"snake_case key", edit(`"cycles":1`, `"breached_at":"2024-01-01T00:30:00Z"`), sla.ErrUnknownField, "breached_at"},
		{"duplicate key", edit(`"cycles":1`, `"cycles":1,"cycles":1`), sla.ErrDuplicateKey, "cycles"},
		{"duplicate target key", edit(`"1h"}`, `"1h","within":"2h"}`), sla.ErrDuplicateKey, "target.within"},
		{"target by name", edit(`{"within":"1h"}`, `"first response"`), sla.ErrUnknownName, "target"},
		{"calendar name beside a target", edit(`"cycles":1`, `"cycles":1,"calendar":"us"`), sla.ErrInvalidClock, "calendar"},
		{"missing started", edit(`"started":"2024-01-01T00:00:00Z",`, ``), sla.ErrInvalidClock, "started"},
		{"zero started", edit(`"2024-01-01T00:00:00Z"`, `"0001-01-01T00:00:00Z"`), sla.ErrZeroTime, "started"},
		{"bad since", edit(`"2024-01-01T01:00:00Z"`, `"2024-01-01 01:00"`), sla.ErrSyntax, "since"},
		{"unclosed zone", edit(`01:00:00Z"`, `01:00:00Z[UTC"`), sla.ErrSyntax, "since"},
		{"empty bracket zone", edit(`01:00:00Z"`, `01:00:00Z[]"`), sla.ErrZone, "since.zone"},
		{"unknown zone", edit(`"cycles":1`, `"cycles":1,"zone":"Mars/Olympus"`), sla.ErrZone, "zone"},
		{"Local zone", edit(`"cycles":1`, `"cycles":1,"zone":"Local"`), sla.ErrZone, "zone"},
		{"since before started", edit(`"2024-01-01T01:00:00Z"`, `"2023-12-31T23:00:00Z"`), sla.ErrInvalidClock, "since"},
		{"negative elapsed", edit(`"30m0s"`, `"-30m"`), sla.ErrSyntax, "elapsed"},
		{"more elapsed than time passed", edit(`"30m0s"`, `"1h0m1s"`), sla.ErrInvalidClock, "elapsed"},
		{"zero cycles", edit(`"cycles":1`, `"cycles":0`), sla.ErrInvalidClock, "cycles"},
		{"breaches without cycles", edit(`"cycles":1`, `"cycles":1,"breaches":1`), sla.ErrInvalidClock, "breaches"},
		{"worst without cycles", edit(`"cycles":1`, `"cycles":1,"worst":"1h"`), sla.ErrInvalidClock, "worst"},
		{"duplicate since", edit(`"elapsed":"30m0s","cycles":1`, `"elapsed":"1h0m1s","cycles":1,"since":"2024-01-01T02:00:00Z"`), sla.ErrDuplicateKey, "since"},
		{"breach under within", edit(`"cycles":1`, `"cycles":1,"breachedAt":"2024-01-01T00:30:00Z"`), sla.ErrInvalidClock, "breachedAt"},
		{"breach at since", edit(`"since":"2024-01-01T01:00:00Z","elapsed":"30m0s"`, `"since":"2024-01-01T01:00:00Z","elapsed":"1h","breachedAt":"2024-01-01T01:00:00Z"`), sla.ErrInvalidClock, "breachedAt"},
		{"breach before started", edit(`"since":"2024-01-01T01:00:00Z","elapsed":"30m0s"`, `"since":"2024-01-01T01:00:00Z","elapsed":"1h","breachedAt":"2023-12-31T23:00:00Z"`), sla.ErrInvalidClock, "breachedAt"},
		{"not an object", `[]`, sla.ErrSyntax, ""},
		{"trailing text", ok + ` {}`, sla.ErrSyntax, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep := sla.Target{Name: "keep", Within: time.Minute}.Start(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
			before := ckJSON(t, keep)
			err := keep.UnmarshalJSON([]byte(tt.in))
			require.ErrorIs(t, err, tt.want)
			var ce *sla.ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field, "%v", err)
			assert.Equal(t, 1, strings.Count(err.Error(), "sla:"), "one prefix: %v", err)
			assert.Equal(t, before, ckJSON(t, keep), "unchanged on error")
		})
	}
	// Over within with no recorded breach, which no action produces.
	in := edit(`"since":"2024-01-01T01:00:00Z","elapsed":"30m0s"`, `"since":"2024-01-01T02:00:00Z","elapsed":"1h0m1s"`)
	err := c.UnmarshalJSON([]byte(in))
	require.ErrorIs(t, err, sla.ErrInvalidClock)
	assert.Contains(t, err.Error(), `elapsed "1h0m1s"`)
}

// TestClockJSONZones: instants keep their zone by name, in "zone" or in the
// RFC 9557 bracket form, which is read but never written; unnamed zones
// keep their offset.
func TestClockJSONZones(t *testing.T) {
	for _, tt := range []struct {
		instant, zone string
		offset        int
	}{
		{"2024-03-10T03:30:00-05:00[America/Chicago]", "America/Chicago", -5 * 3600},
		{"2024-04-07T01:45:00+10:30[Australia/Lord_Howe]", "Australia/Lord_Howe", 10*3600 + 1800},
		{"2024-01-01T00:00:00+05:45[Asia/Kathmandu]", "Asia/Kathmandu", 5*3600 + 45*60},
		{"2024-01-01T00:00:00+01:00[America/Chicago]", "America/Chicago", -6 * 3600}, // the instant wins; read in the zone
		{"2024-01-01T00:00:00+01:00", "", 3600},
		{"2024-01-01T00:00:00Z", "UTC", 0},
	} {
		in := fmt.Sprintf(`{"target":{"within":"1h"},"state":"paused","started":%q,"since":%q,"elapsed":"0s","cycles":1}`, tt.instant, tt.instant)
		var c sla.Clock
		require.NoError(t, json.Unmarshal([]byte(in), &c), tt.instant)
		name, off := c.Since().Zone()
		assert.Equal(t, tt.zone, c.Since().Location().String(), tt.instant)
		assert.Equal(t, tt.offset, off, "%s (%s)", tt.instant, name)
		out := ckJSON(t, c)
		assert.NotContains(t, out, "[", "the bracket form is never written")
		if strings.Contains(tt.zone, "/") {
			assert.Contains(t, out, `"zone":"`+tt.zone+`"`)
		}
		var back sla.Clock
		require.NoError(t, json.Unmarshal([]byte(out), &back))
		assert.Equal(t, c.Since().Format(time.RFC3339Nano), back.Since().Format(time.RFC3339Nano))
		assert.Equal(t, tt.zone, back.Since().Location().String())
	}
}
