package release

import (
	"encoding"
	"testing"
	"time"

	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPolicyText(t *testing.T) {
	custom := MustNewPolicy(PolicyConfig{Name: `team "blue" freeze`, Zone: zone(t, "Australia/Lord_Howe"),
		Start: Moment{Weekday: time.Friday, Time: clock.New(7, 30, 15, 0), Weeks: -1}, Lift: hm(9, 0), Deep: 90 * time.Minute,
		AllowDeep: Kinds(BlockerFix), Rule: "R10 (2022)"})
	for _, p := range []Policy{must(Fleet2023Freeze(pacific)), must(Fleet2024Freeze(pacific)), must(Fleet2025ReleaseCandidate(pacific)), custom} {
		text, err := p.MarshalText()
		require.NoError(t, err)
		var back Policy
		require.NoError(t, back.UnmarshalText(text), string(text))
		assert.True(t, p.Equal(back), "round trip of %s", text)
	}
	assert.Equal(t, `freeze "Fleet 2024 freeze" from Tuesday 09:00 until 24:00 America/Los_Angeles deep 24h0m0s allow released-bug-fix,unreleased-bug-fix,blocker-fix,docs deep-allow unreleased-bug-fix,blocker-fix rule "R10"`,
		must(Fleet2024Freeze(pacific)).String())
	assert.Equal(t, `freeze "team \"blue\" freeze" from Friday 07:30:15 -1w until 09:00 Australia/Lord_Howe deep 1h30m0s allow none deep-allow blocker-fix rule "R10 (2022)"`, custom.String())

	bad := []string{
		`freeze "x" from Thursday 09:00 until 24:00`,
		`freeze x from Thursday 09:00 until 24:00 UTC`,
		`thaw "x" from Thursday 09:00 until 24:00 UTC`,
		`freeze "x" from Thursday 09:00 1w until 24:00 UTC`,
		`freeze "x" from Thursday 09:00 until 24:00 Local`,
		`freeze "x" from Thursday 09:00 until 24:00 Mars/Olympus`,
		`freeze "x" from Thursday 09:00 until 25:00 UTC`,
		`freeze "x" from Thursday 09:00 until 24:00 UTC allow merge-anything`,
		`freeze "x" from Thursday 09:00 until 24:00 UTC deep forever`,
		`freeze "x" from Thursday 09:00 until 24:00 UTC allow docs allow docs`,
		`freeze "x" from Thursday 09:00 until 24:00 UTC rule R10`,
		`freeze "x" from Thursday 09:00 until 24:00 UTC color`,
		`freeze "x from Thursday 09:00 until 24:00 UTC`,
	}
	for _, in := range bad {
		_, err := ParsePolicy(in)
		assert.Error(t, err, in)
	}
	_, err := ParsePolicy(`freeze "x" from Thursday 09:00 1w until 24:00 UTC`)
	assert.ErrorIs(t, err, ErrFreezeAfterRelease)
}

func TestTrainText(t *testing.T) {
	trains := []Train{
		MustNewTrain(d(2024, time.March, 6), 3),
		MustNewTrain(d(2024, time.March, 6), 3, WithVersion(MustParseVersion("4.47.0")), WithPolicy(must(Fleet2024Freeze(pacific))), WithWorkdays(nil, Later)),
		MustNewTrain(d(-4000, time.February, 29), 1, WithWorkdays(nil, Earlier)),
		MustNewTrain(d(2025, time.March, 5), 3, WithPolicy(must(Fleet2025ReleaseCandidate(pacific)))),
	}
	for _, tr := range trains {
		var m encoding.TextMarshaler = tr
		text, err := m.MarshalText()
		require.NoError(t, err)
		var back Train
		require.NoError(t, back.UnmarshalText(text), string(text))
		assert.True(t, tr.Equal(back), "round trip of %s", text)
		assert.Equal(t, tr.Release(7), back.Release(7))
	}
	assert.Equal(t, "2024-03-06 every 3 weeks", trains[0].String())
	assert.Contains(t, trains[1].String(), "2024-03-06 every 3 weeks version 4.47.0 move later policy freeze \"Fleet 2024 freeze\"")

	bad := map[string]error{
		"2024-03-06 every 0 weeks":               ErrWeeks,
		"2024-03-06 every three weeks":           ErrWeeks,
		"2024-03-06 each 3 weeks":                ErrSyntax,
		"yesterday every 3 weeks":                ErrSyntax,
		"2024-03-06 every 3 weeks version 4.47":  ErrVersion,
		"2024-03-06 every 3 weeks move sideways": ErrMove,
		"2024-03-06 every 3 weeks move skip":     ErrMove,
		"2024-03-06 every 3 weeks shift later":   ErrSyntax,
		"2024-03-06 every 3 weeks colour blue":   ErrSyntax,
		"2024-03-06 every 3 weeks policy freeze": ErrSyntax,
	}
	for in, want := range bad {
		_, err := ParseTrain(in)
		assert.ErrorIs(t, err, want, in)
	}
	var tr Train
	require.NoError(t, tr.UnmarshalText(nil))
	assert.True(t, tr.IsZero())
	assert.Equal(t, "", Train{}.String())
}
