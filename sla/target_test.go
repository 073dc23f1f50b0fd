package sla_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

func TestTargetValidate(t *testing.T) {
	ms := func(m ...sla.Milestone) []sla.Milestone { return m }
	tests := []struct {
		name    string
		target  sla.Target
		field   string // "" when valid
		value   string
		message string
	}{
		// valid
		{"zero", sla.Target{}, "", "", ""},
		{"plain", sla.Target{Name: "r", Within: time.Hour}, "", "", ""},
		{"milestones past within", sla.Target{Within: time.Hour, Milestones: ms(sla.Milestone{"a", 0}, sla.Milestone{"b", time.Hour}, sla.Milestone{"c", 2 * time.Hour})}, "", "", ""},
		{"equal offsets", sla.Target{Within: time.Hour, Milestones: ms(sla.Milestone{"a", time.Hour}, sla.Milestone{"b", time.Hour})}, "", "", ""},
		// invalid
		{"negative within", sla.Target{Name: "r", Within: -time.Hour}, "within", "-1h0m0s", `sla: within "-1h0m0s": invalid target: negative (target "r")`},
		{"unnamed milestone", sla.Target{Milestones: ms(sla.Milestone{"", 0})}, "milestones[0].name", "", `sla: milestones[0].name: invalid target: empty`},
		{"negative milestone", sla.Target{Milestones: ms(sla.Milestone{"a", -time.Second})}, "milestones[0].at", "-1s", `sla: milestones[0].at "-1s": invalid target: negative`},
		{"out of order", sla.Target{Milestones: ms(sla.Milestone{"a", time.Hour}, sla.Milestone{"b", time.Minute})}, "milestones[1].at", "1m0s", `sla: milestones[1].at "1m0s": invalid target: before milestone "a" at 1h0m0s`},
		{"duplicate", sla.Target{Milestones: ms(sla.Milestone{"a", 0}, sla.Milestone{"b", 1}, sla.Milestone{"a", 2})}, "milestones[2].name", "a", `sla: milestones[2].name "a": invalid target: given twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.target.Validate()
			nt, nerr := sla.NewTarget(tt.target.Name, tt.target.Within, tt.target.Calendar, tt.target.Milestones...)
			if tt.field == "" {
				require.NoError(t, err)
				require.NoError(t, nerr)
				assert.Equal(t, tt.target, nt)
				return
			}
			require.ErrorIs(t, err, sla.ErrInvalidTarget)
			var te *sla.ConfigError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, tt.field, te.Field)
			assert.Equal(t, tt.value, te.Value)
			assert.EqualError(t, err, tt.message)
			assert.Equal(t, err, nerr)
			assert.Equal(t, sla.Target{}, nt)
		})
	}
}

func TestNewTargetCopiesMilestones(t *testing.T) {
	ms := []sla.Milestone{{Name: "a", At: time.Hour}}
	target, err := sla.NewTarget("t", 2*time.Hour, sla.Calendar{}, ms...)
	require.NoError(t, err)
	ms[0].Name = "changed"
	assert.Equal(t, "a", target.Milestones[0].Name)
}

func TestTargetJSON(t *testing.T) {
	target := sla.Target{Name: "reporter follow-up", Within: 6 * 7 * 24 * time.Hour,
		Milestones: []sla.Milestone{{Name: "remind", At: 3 * 7 * 24 * time.Hour}, {Name: "close", At: 6 * 7 * 24 * time.Hour}}}
	b, err := json.Marshal(target)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"reporter follow-up","within":"1008h0m0s","milestones":[{"name":"remind","at":"504h0m0s"},{"name":"close","at":"1008h0m0s"}]}`, string(b))
	var got sla.Target
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, target, got)

	b, err = json.Marshal(sla.Target{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"within":"0s"}`, string(b))

	tests := []struct {
		name, in string
		want     error
		field    string // the JSON path the error names
	}{
		{"missing within", `{"name":"x"}`, sla.ErrSyntax, "within"},
		{"null within", `{"name":"x","within":null}`, sla.ErrSyntax, "within"},
		{"bad within", `{"within":"an hour"}`, sla.ErrSyntax, "within"},
		{"negative within", `{"within":"-1h"}`, sla.ErrInvalidTarget, "within"},
		{"bad milestone", `{"within":"1h","milestones":[{"name":"a","at":"soon"}]}`, sla.ErrSyntax, "milestones[0].at"},
		{"missing milestone at", `{"within":"1h","milestones":[{"name":"a"}]}`, sla.ErrSyntax, "milestones[0].at"},
		{"unnamed milestone", `{"within":"1h","milestones":[{"at":"1h"}]}`, sla.ErrInvalidTarget, "milestones[0].name"},
		{"unordered milestones", `{"within":"1h","milestones":[{"name":"a","at":"2h"},{"name":"b","at":"1h"}]}`, sla.ErrInvalidTarget, "milestones[1].at"},
		{"not an object", `"1h"`, sla.ErrSyntax, ""},
		// issue 12: misspelt and duplicate keys at every level
		{"misspelt milestones", `{"within":"1h","milestone":[]}`, sla.ErrUnknownField, "milestone"},
		{"camel-cased key in other case", `{"Within":"1h"}`, sla.ErrUnknownField, "Within"},
		{"misspelt milestone key", `{"within":"1h","milestones":[{"name":"a","at":"1h","note":"x"}]}`, sla.ErrUnknownField, "milestones[0].note"},
		{"duplicate within", `{"within":"1h","within":"2h"}`, sla.ErrDuplicateKey, "within"},
		{"duplicate milestone key", `{"within":"1h","milestones":[{"name":"a","name":"b","at":"1h"}]}`, sla.ErrDuplicateKey, "milestones[0].name"},
		{"trailing text", `{"within":"1h"} {}`, sla.ErrSyntax, ""},
		{"duplicate key in the calendar", `{"within":"1h","calendar":{"zone":"UTC","zone":"UTC","week":{"Monday":["09:00-17:00"]}}}`, sla.ErrDuplicateKey, "calendar.zone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keep := sla.Target{Name: "keep", Within: time.Minute}
			err := keep.UnmarshalJSON([]byte(tt.in))
			require.ErrorIs(t, err, tt.want)
			assert.Equal(t, sla.Target{Name: "keep", Within: time.Minute}, keep, "unchanged on error")
			var ce *sla.ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field, "%v", err)
		})
	}
}

// TestTiered covers R26's choice of target from the start instant with the
// zero Calendar (always open); TestTieredBusinessHours in
// clock_calendar_test.go covers business hours.
func TestTiered(t *testing.T) {
	at := time.Date(2024, time.March, 8, 16, 30, 0, 0, time.UTC)
	tiers := sla.Fleet2024OnCall(sla.Calendar{})
	require.NoError(t, tiers.Validate())
	assert.Equal(t, tiers.Open, tiers.For(at), "the zero Calendar is always open")
	c := tiers.Start(at)
	due, ok := c.Due()
	require.True(t, ok)
	assert.True(t, due.Equal(at.Add(time.Hour)))
	assert.Equal(t, tiers.Open.Name, c.Target().Name)

	var s sla.Starter = tiers
	assert.Equal(t, ckJSON(t, c), ckJSON(t, s.Start(at)))
	s = tiers.Closed
	assert.Equal(t, tiers.Closed.Name, s.Start(at).Target().Name)

	bad := sla.Tiered{Open: sla.Target{Within: time.Hour}, Closed: sla.Target{Within: -time.Hour}}
	require.ErrorIs(t, bad.Validate(), sla.ErrInvalidTarget)
	bad.Open, bad.Closed = bad.Closed, bad.Open
	require.ErrorIs(t, bad.Validate(), sla.ErrInvalidTarget)
	assert.True(t, bad.Start(at).IsZero(), "invalid tier: the zero Clock")
}

func TestTieredJSON(t *testing.T) {
	tiers := sla.Fleet2024OnCall(sla.Calendar{})
	b, err := json.Marshal(tiers)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"on-call response",
		"open":{"name":"on-call response (business hours)","within":"1h0m0s"},
		"closed":{"name":"on-call response (outside business hours)","within":"4h0m0s"}}`, string(b))
	var got sla.Tiered
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, tiers, got)

	for _, tt := range []struct {
		in    string
		want  error
		field string
	}{
		{`{"open":{"within":"1h"}}`, sla.ErrInvalidTarget, "closed"},
		{`{"closed":{"within":"1h"}}`, sla.ErrInvalidTarget, "open"},
		{`{"open":{"within":"1h"},"closed":null}`, sla.ErrInvalidTarget, "closed"},
		{`{"open":{"within":"1h"},"closed":{"within":"-1h"}}`, sla.ErrInvalidTarget, "closed.within"},
		{`{"open":{"within":"1h"},"closed":{"within":"1h","milestone":[]}}`, sla.ErrUnknownField, "closed.milestone"},
		{`{"open":{"within":"1h"},"closed":{"within":"1h"},"opne":{}}`, sla.ErrUnknownField, "opne"},
		{`{"open":{"within":"1h","within":"2h"},"closed":{"within":"1h"}}`, sla.ErrDuplicateKey, "open.within"},
		{`[]`, sla.ErrSyntax, ""},
	} {
		keep := tiers
		err := json.Unmarshal([]byte(tt.in), &keep)
		require.ErrorIs(t, err, tt.want, tt.in)
		var ce *sla.ConfigError
		require.ErrorAs(t, err, &ce, tt.in)
		assert.Equal(t, tt.field, ce.Field, "%s: %v", tt.in, err)
		assert.Equal(t, tiers, keep, "unchanged on error: %s", tt.in)
	}
	keep := tiers
	require.NoError(t, json.Unmarshal([]byte("null"), &keep))
	assert.Equal(t, tiers, keep, "null leaves a Tiered unchanged")
}

// TestFleet2024Presets checks the presets carry the numbers of RULES.md
// (R25-R29) and are valid.
func TestFleet2024Presets(t *testing.T) {
	const week = 7 * 24 * time.Hour
	var cal sla.Calendar
	for _, tt := range []struct {
		rule   string
		target sla.Target
		within time.Duration
		ms     []sla.Milestone
	}{
		{"R25", sla.Fleet2024FirstResponse(cal), time.Hour, nil},
		{"R26 open", sla.Fleet2024OnCall(cal).Open, time.Hour, nil},
		{"R26 closed", sla.Fleet2024OnCall(cal).Closed, 4 * time.Hour, nil},
		{"R27", sla.Fleet2024PullRequestFollowUp(cal), 8 * time.Hour, nil},
		{"R28", sla.Fleet2024CriticalBugConfirmation(cal), time.Hour, []sla.Milestone{{Name: "escalate to P1", At: time.Hour}}},
		{"R18/R29 QA inbox", sla.Fleet2024QAInbox(cal), 40 * time.Hour, nil},
		{"R19/R29 reporter", sla.Fleet2024ReporterFollowUp(), 6 * week, []sla.Milestone{{Name: "remind", At: 3 * week}, {Name: "close", At: 6 * week}}},
	} {
		require.NoError(t, tt.target.Validate(), tt.rule)
		assert.Equal(t, tt.within, tt.target.Within, tt.rule)
		assert.Equal(t, tt.ms, tt.target.Milestones, tt.rule)
		assert.NotEmpty(t, tt.target.Name, tt.rule)
	}
}
