package sla_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

// FuzzTargetJSON decodes arbitrary input as a Target: what decodes is valid
// and round-trips exactly.
func FuzzTargetJSON(f *testing.F) {
	f.Add(`{"name":"reporter follow-up","within":"1008h0m0s","milestones":[{"name":"remind","at":"504h0m0s"},{"name":"close","at":"1008h0m0s"}]}`)
	f.Add(`{"within":"0s"}`)
	f.Add(`{"within":"-1h"}`)
	f.Add(`{"within":"1h","milestones":[{"name":"a","at":"2h"},{"name":"a","at":"3h"}]}`)
	f.Add(`{"name":"x"}`)
	f.Fuzz(func(t *testing.T, in string) {
		var target sla.Target
		if err := json.Unmarshal([]byte(in), &target); err != nil {
			require.Equal(t, sla.Target{}, target, "unchanged on error")
			return
		}
		require.NoError(t, target.Validate())
		b, err := json.Marshal(target)
		require.NoError(t, err)
		var again sla.Target
		require.NoError(t, json.Unmarshal(b, &again))
		require.Equal(t, target, again)
	})
}

// FuzzTieredJSON decodes arbitrary input as a Tiered: what decodes is valid
// and round-trips exactly.
func FuzzTieredJSON(f *testing.F) {
	f.Add(`{"name":"on-call response","open":{"name":"business hours","within":"1h0m0s"},"closed":{"within":"4h0m0s"}}`)
	f.Add(`{"open":{"within":"1h"}}`)
	f.Add(`{"open":{"within":"1h"},"closed":{"within":"-4h"}}`)
	f.Fuzz(func(t *testing.T, in string) {
		var tiers sla.Tiered
		if err := json.Unmarshal([]byte(in), &tiers); err != nil {
			require.Equal(t, sla.Tiered{}, tiers, "unchanged on error")
			return
		}
		require.NoError(t, tiers.Validate())
		b, err := json.Marshal(tiers)
		require.NoError(t, err)
		var again sla.Tiered
		require.NoError(t, json.Unmarshal(b, &again))
		require.Equal(t, tiers, again)
	})
}

// FuzzNewTarget checks NewTarget against the rules it documents: an error
// exactly when within or an offset is negative, a name empty or repeated, or
// the offsets out of order; otherwise a target that starts a running clock.
func FuzzNewTarget(f *testing.F) {
	f.Add("first response", int64(time.Hour), "remind", int64(0), "close", int64(time.Hour))
	f.Add("", int64(-1), "", int64(0), "", int64(0))
	f.Add("x", int64(0), "a", int64(2), "a", int64(3))
	f.Add("x", int64(0), "a", int64(3), "b", int64(2))
	f.Fuzz(func(t *testing.T, name string, within int64, n1 string, a1 int64, n2 string, a2 int64) {
		target, err := sla.NewTarget(name, time.Duration(within), sla.Calendar{},
			sla.Milestone{Name: n1, At: time.Duration(a1)}, sla.Milestone{Name: n2, At: time.Duration(a2)})
		bad := within < 0 || a1 < 0 || a2 < 0 || n1 == "" || n2 == "" || n1 == n2 || a2 < a1
		if bad {
			require.Error(t, err)
			require.True(t, errors.Is(err, sla.ErrInvalidTarget))
			var te *sla.ConfigError
			require.ErrorAs(t, err, &te)
			require.NotEmpty(t, te.Field)
			bad := sla.Target{Name: name, Within: time.Duration(within),
				Milestones: []sla.Milestone{{Name: n1, At: time.Duration(a1)}, {Name: n2, At: time.Duration(a2)}}}
			_, cerr := sla.NewClock(bad, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
			require.Equal(t, err, cerr, "NewClock reports Validate's error")
			require.True(t, bad.Start(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero())
			return
		}
		require.NoError(t, err)
		at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		c := target.Start(at)
		require.Equal(t, sla.Running, c.State())
		checked, err := sla.NewClock(target, at)
		require.NoError(t, err)
		require.Equal(t, ckJSON(t, c), ckJSON(t, checked))
		_, err = sla.NewClock(target, time.Time{})
		require.ErrorIs(t, err, sla.ErrZeroTime)
		require.True(t, target.Start(time.Time{}).IsZero())
		_, due, ok := c.NextMilestone(at)
		if a1 > 0 {
			require.True(t, ok)
			require.True(t, due.Equal(at.Add(time.Duration(a1))))
		}
	})
}
