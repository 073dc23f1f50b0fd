package sla_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

// FuzzClockJSON decodes arbitrary input as a Clock. Input that decodes must
// re-encode to a fixed point, and the decoded clock must answer queries
// consistently: Elapsed(Due) == Within for a running clock not yet breached,
// and Remaining == Within - Elapsed.
func FuzzClockJSON(f *testing.F) {
	// valid: running, paused after a breach, stopped after restarts, the zero Clock
	f.Add(`{"target":{"within":"1h"},"state":"running","started":"2024-01-01T00:00:00Z[UTC]","since":"2024-01-01T01:00:00Z[UTC]","elapsed":"30m0s","cycles":1}`)
	f.Add(`{"target":{"name":"first response","within":"1h0m0s"},"state":"paused","started":"2024-03-08T16:00:00.0000005-06:00[America/Chicago]","since":"2024-03-08T17:30:00.0000005-06:00[America/Chicago]","elapsed":"1h30m0s","breachedAt":"2024-03-08T17:00:00.0000005-06:00[America/Chicago]","cycles":1}`)
	f.Add(`{"target":{"within":"8h","milestones":[{"name":"remind","at":"4h"}]},"state":"stopped","started":"2024-10-06T03:00:00+11:00[Australia/Lord_Howe]","since":"2024-10-06T04:00:00+11:00[Australia/Lord_Howe]","elapsed":"1h0m0s","cycles":3,"worst":"9h","breaches":1}`)
	f.Add(`{"target":{"name":"ack","within":"4h0m0s"},"state":"paused","zone":"Asia/Kathmandu","started":"2024-02-29T09:00:00+05:45","since":"2024-02-29T10:30:00+05:45","elapsed":"1h30m0s"}`)
	f.Add(`{"target":{"within":"1h","calendar":{"zone":"America/Chicago","week":{"Monday":["09:00-17:00"]}}},"state":"running","started":"2024-03-04T16:30:00-06:00"}`)
	f.Add(`{}`)
	// invalid: missing fields, bad zones, inconsistent breach
	f.Add(`{"state":"running"}`)
	f.Add(`{"target":{"within":"1h"},"state":"running","started":"2024-01-01T00:00:00Z[","since":"2024-01-01T00:00:00Z[UTC]","elapsed":"0s","cycles":1}`)
	f.Add(`{"target":{"within":"1h"},"state":"running","started":"2024-01-01T00:00:00Z","since":"2024-01-01T00:00:00Z","elapsed":"2h","cycles":1}`)
	f.Add(`{"target":{"within":"1h"},"state":"running","started":"2024-01-01T00:00:00Z","cycles":1,"cycles":2}`)
	f.Add(`{"target":{"within":"1h","milestone":[]},"state":"running","started":"2024-01-01T00:00:00Z"}`)
	f.Add(`{"target":"first response","state":"running","started":"2024-01-01T00:00:00Z"}`)
	f.Add(`{"target":{"within":"1h"},"state":"running","started":"0001-01-01T00:00:00Z"}`)
	f.Add(`{"target":{"within":"1h"},"state":"running","zone":"Local","started":"2024-01-01T00:00:00Z"}`)
	f.Add(`null`)
	f.Fuzz(func(t *testing.T, in string) {
		var c sla.Clock
		if err := c.UnmarshalJSON([]byte(in)); err != nil {
			// Errors are a *ConfigError naming the path, or come from the
			// calendar's own decoder; either way one "sla:" prefix.
			var ce *sla.ConfigError
			if !errors.As(err, &ce) {
				require.True(t, strings.HasPrefix(err.Error(), "sla: "), "%v", err)
			} else {
				require.Equal(t, 1, strings.Count(err.Error(), "sla:"), "%v", err)
			}
			require.True(t, c.IsZero(), "unchanged on error")
			return
		}
		b, err := json.Marshal(c)
		require.NoError(t, err)
		var again sla.Clock
		require.NoError(t, json.Unmarshal(b, &again), "%s", b)
		b2, err := json.Marshal(again)
		require.NoError(t, err)
		require.Equal(t, string(b), string(b2))
		at := c.Since().Add(time.Hour)
		ckSameClock(t, c, again, c.Since(), at)
		require.Equal(t, c.Target().Within-c.Elapsed(at), c.Remaining(at))
		if due, ok := c.Due(); ok {
			if _, breached := c.BreachedAt(c.Since()); !breached {
				require.Equal(t, c.Target().Within, c.Elapsed(due))
			}
		}
	})
}

// FuzzClockMoves applies a byte-coded sequence of moves at byte-coded gaps
// to a wall-clock target in America/Chicago. Refused moves must leave the
// clock unchanged; accepted ones keep Elapsed equal to the time run outside
// pauses in the current cycle, and every state round-trips through JSON.
func FuzzClockMoves(f *testing.F) {
	f.Add(int64(3600), []byte{0, 10, 1, 20, 0, 5, 2, 1})
	f.Add(int64(0), []byte{3, 0, 3, 0, 2, 0, 2, 0})
	f.Add(int64(60), []byte{1, 0, 0, 255, 0, 0})
	loc, err := time.LoadLocation("America/Chicago")
	if err != nil {
		f.Fatal(err)
	}
	moves := []func(sla.Clock, time.Time) (sla.Clock, error){sla.Clock.Pause, sla.Clock.Resume, sla.Clock.Stop, sla.Clock.Restart}
	f.Fuzz(func(t *testing.T, withinSeconds int64, program []byte) {
		target := sla.Target{Within: time.Duration(withinSeconds) * time.Second}
		start := time.Date(2024, time.March, 9, 20, 0, 0, 0, loc) // before spring-forward
		c := target.Start(start)
		if withinSeconds < 0 || withinSeconds > 1<<32 {
			require.True(t, c.IsZero())
			return
		}
		cycleStart, paused, pausedAt := start, time.Duration(0), time.Time{}
		for i := 0; i+1 < len(program); i += 2 {
			move := moves[int(program[i])%len(moves)]
			at := c.Since().Add(time.Duration(int8(program[i+1])) * 7 * time.Minute) // may go backwards
			before := ckJSON(t, c)
			next, err := move(c, at)
			if err != nil {
				require.True(t, errors.Is(err, sla.ErrIllegalAction) || errors.Is(err, sla.ErrOutOfOrder), err)
				require.Equal(t, before, ckJSON(t, next))
				continue
			}
			switch {
			case next.Started().Equal(at) && next.Record(at).Cycles > c.Record(at).Cycles:
				cycleStart, paused, pausedAt = at, 0, time.Time{}
			case next.State() == sla.Paused && c.State() == sla.Running:
				pausedAt = at
			case next.State() == sla.Running && c.State() == sla.Paused:
				paused += at.Sub(pausedAt)
				pausedAt = time.Time{}
			}
			c = next
			end := c.Since()
			if !pausedAt.IsZero() { // paused, or stopped while paused
				end = pausedAt
			}
			require.Equal(t, end.Sub(cycleStart)-paused, c.Elapsed(c.Since()), "elapsed outside pauses")
			var back sla.Clock
			require.NoError(t, json.Unmarshal([]byte(ckJSON(t, c)), &back))
			ckSameClock(t, c, back, c.Since())
		}
	})
}

// FuzzCatalogDecodeClock decodes arbitrary input through a catalog. Input
// that decodes by reference must encode by reference to a fixed point that
// answers the same; errors name their field with one "sla:" prefix.
func FuzzCatalogDecodeClock(f *testing.F) {
	// valid, by reference: running, paused after a breach, restarted, wall clock
	f.Add(`{"target":"first response","calendar":"us","state":"running","started":"2024-03-08T16:00:00-06:00"}`)
	f.Add(`{"target":"first response","calendar":"us","state":"paused","started":"2024-03-08T16:00:00-06:00","since":"2024-03-11T10:30:00-05:00","elapsed":"1h30m0s","breachedAt":"2024-03-11T10:00:00-05:00"}`)
	f.Add(`{"target":"pull request follow-up","calendar":"uk","state":"running","zone":"Asia/Kathmandu","started":"2024-03-08T16:00:00+05:45","cycles":3,"worst":"9h","breaches":1}`)
	f.Add(`{"target":"reporter follow-up","state":"stopped","started":"2024-03-08T16:00:00Z","since":"2024-03-09T16:00:00Z","elapsed":"24h"}`)
	// invalid: unknown names, keys, zero instants, bad zones
	f.Add(`{"target":"frist response","calendar":"us","state":"running","started":"2024-03-08T16:00:00-06:00"}`)
	f.Add(`{"target":"first response","calendar":"usa","state":"running","started":"2024-03-08T16:00:00-06:00"}`)
	f.Add(`{"target":"first response","calender":"us","state":"running","started":"2024-03-08T16:00:00-06:00"}`)
	f.Add(`{"target":"first response","state":"running","started":"0001-01-01T00:00:00Z"}`)
	f.Add(`{"target":"first response","state":"running","zone":"Local","started":"2024-03-08T16:00:00Z"}`)
	f.Add(`{"target":"first response","state":"running","started":"2024-03-08T16:00:00Z","since":"2024-03-08T15:00:00Z"}`)
	cat, _ := ckCatalog(f)
	f.Fuzz(func(t *testing.T, in string) {
		c, err := cat.DecodeClock([]byte(in))
		if err != nil {
			require.Equal(t, 1, strings.Count(err.Error(), "sla:"), "%v", err)
			var ce *sla.ConfigError
			if errors.As(err, &ce) {
				require.NotEmpty(t, ce.Error())
			}
			return
		}
		b, err := cat.EncodeClock(c)
		if err != nil {
			require.ErrorIs(t, err, sla.ErrUnknownName, "only a self-contained clock the catalog does not hold fails")
			return
		}
		again, err := cat.DecodeClock(b)
		require.NoError(t, err, "%s", b)
		b2, err := cat.EncodeClock(again)
		require.NoError(t, err)
		require.Equal(t, string(b), string(b2))
		ckSameClock(t, c, again, c.Since(), c.Since().Add(time.Hour))
	})
}
