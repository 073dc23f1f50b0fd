package release

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func hm(h, m int) clock.Clock { return clock.New(h, m, 0, 0) }

func TestMomentDay(t *testing.T) {
	wed := d(2024, time.March, 6)
	tests := []struct {
		m    Moment
		want date.Date
	}{
		{Moment{Weekday: time.Thursday}, d(2024, time.February, 29)}, // R10 2023: the Thursday before, a leap day
		{Moment{Weekday: time.Tuesday}, d(2024, time.March, 5)},      // R10 2024
		{Moment{Weekday: time.Monday}, d(2024, time.March, 4)},       // R10 branch cut
		{Moment{Weekday: time.Wednesday}, d(2024, time.February, 28)},
		{Moment{Weekday: time.Monday, Weeks: -1}, d(2024, time.February, 26)},
		{Moment{Weekday: time.Sunday, Weeks: -2}, d(2024, time.February, 18)},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.m.Day(wed), "%v.Day(%v)", tt.m, wed)
		assert.Equal(t, int(wed-tt.want), tt.m.daysBefore(time.Wednesday), "%v", tt.m)
	}
	// Year end: the Thursday before Wednesday 2025-01-01 is in 2024.
	assert.Equal(t, d(2024, time.December, 26), Moment{Weekday: time.Thursday}.Day(d(2025, time.January, 1)))
}

func TestMomentText(t *testing.T) {
	good := map[string]Moment{
		"Thursday 09:00":    {Weekday: time.Thursday, Time: hm(9, 0)},
		"monday 08:00 -1w":  {Weekday: time.Monday, Time: hm(8, 0), Weeks: -1},
		"TUE 24:00":         {Weekday: time.Tuesday, Time: clock.Day},
		"Sunday 00:00:30":   {Weekday: time.Sunday, Time: clock.New(0, 0, 30, 0)},
		"Saturday 23:59 0w": {Weekday: time.Saturday, Time: hm(23, 59)},
		" Friday   17:30  ": {Weekday: time.Friday, Time: hm(17, 30)},
	}
	for in, want := range good {
		m, err := ParseMoment(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, m, in)
		back, err := ParseMoment(m.String())
		require.NoError(t, err)
		assert.Equal(t, m, back, "round trip of %q", m.String())
	}
	for _, in := range []string{"", "Thursday", "Thu 9:00", "Thu 24:01", "Thu 25:00", "Caturday 09:00", "Thu 09:00 1", "Thu 09:00 -1d", "Thu 09:00 -999w", "Thu 09:60", "a b c d"} {
		_, err := ParseMoment(in)
		assert.True(t, errors.Is(err, ErrSyntax) || errors.Is(err, ErrWeekday), "ParseMoment(%q) = %v", in, err)
		var ce *ConfigError
		assert.ErrorAs(t, err, &ce, in)
	}
}

func TestNewPolicyErrors(t *testing.T) {
	base := PolicyConfig{Zone: time.UTC, Start: Moment{Weekday: time.Thursday, Time: hm(9, 0)}, Lift: clock.Day}
	tests := []struct {
		name string
		edit func(*PolicyConfig)
		want error
	}{
		{"no zone", func(c *PolicyConfig) { c.Zone = nil }, ErrZone},
		{"local zone", func(c *PolicyConfig) { c.Zone = time.Local }, ErrZone},
		{"starts a week after release day", func(c *PolicyConfig) { c.Start.Weeks = 1 }, ErrFreezeAfterRelease},
		{"bad weekday", func(c *PolicyConfig) { c.Start.Weekday = 9 }, ErrPolicy},
		{"start past 24:00", func(c *PolicyConfig) { c.Start.Time = clock.Day + 1 }, ErrPolicy},
		{"negative lift", func(c *PolicyConfig) { c.Lift = -1 }, ErrPolicy},
		{"negative deep", func(c *PolicyConfig) { c.Deep = -time.Hour }, ErrPolicy},
		{"deep longer than longest freeze", func(c *PolicyConfig) { c.Deep = 8 * 24 * time.Hour }, ErrPolicy},
		{"unknown mode", func(c *PolicyConfig) { c.Mode = 7 }, ErrPolicy},
		{"unknown kinds", func(c *PolicyConfig) { c.Allow = 1 << 12 }, ErrPolicy},
		{"too many weeks back", func(c *PolicyConfig) { c.Start.Weeks = -521 }, ErrPolicy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			tt.edit(&c)
			_, err := NewPolicy(c)
			require.ErrorIs(t, err, tt.want)
			var fe *ConfigError
			require.ErrorAs(t, err, &fe)
			assert.True(t, strings.HasPrefix(err.Error(), "release: "+fe.Field), err.Error())
		})
	}
	p, err := NewPolicy(base)
	require.NoError(t, err)
	assert.Equal(t, "R10", p.Config().Rule, "default rule")
}

// The freeze instant keeps its wall-clock time across DST changes (R10).
func TestWindowDST(t *testing.T) {
	la, london := zone(t, "America/Los_Angeles"), zone(t, "Europe/London")
	lordHowe, kathmandu := zone(t, "Australia/Lord_Howe"), zone(t, "Asia/Kathmandu")
	chicago := zone(t, "America/Chicago")
	f23, f24 := must(Fleet2023Freeze(pacific)), must(Fleet2024Freeze(pacific))
	tests := []struct {
		name      string
		p         Policy
		day       date.Date
		startUTC  string
		deepUTC   string
		endUTC    string
		realHours time.Duration // End - Start
	}{
		// America/Los_Angeles: DST starts 2024-03-10, ends 2024-11-03.
		{"2023 freeze, PST", f23, d(2024, time.March, 6), "2024-02-29T17:00:00Z", "2024-03-07T08:00:00Z", "2024-03-07T08:00:00Z", 6*24*time.Hour + 15*time.Hour},
		{"2023 freeze spans spring forward", f23, d(2024, time.March, 13), "2024-03-07T17:00:00Z", "2024-03-14T07:00:00Z", "2024-03-14T07:00:00Z", 6*24*time.Hour + 14*time.Hour},
		{"2023 freeze spans fall back", f23, d(2024, time.November, 6), "2024-10-31T16:00:00Z", "2024-11-07T08:00:00Z", "2024-11-07T08:00:00Z", 6*24*time.Hour + 16*time.Hour},
		{"2024 freeze, PDT", f24, d(2024, time.March, 27), "2024-03-26T16:00:00Z", "2024-03-27T07:00:00Z", "2024-03-28T07:00:00Z", 39 * time.Hour},
		{"2024 freeze at year end", f24, d(2025, time.January, 1), "2024-12-31T17:00:00Z", "2025-01-01T08:00:00Z", "2025-01-02T08:00:00Z", 39 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := tt.p.Window(Release{Number: 1, Day: tt.day})
			assert.Equal(t, tt.startUTC, w.Start.UTC().Format(time.RFC3339))
			assert.Equal(t, tt.endUTC, w.End.UTC().Format(time.RFC3339))
			if tt.p.Config().Deep > 0 {
				assert.Equal(t, tt.deepUTC, w.Deep.UTC().Format(time.RFC3339))
			} else {
				assert.True(t, w.Deep.Equal(w.End))
			}
			assert.Equal(t, tt.realHours, w.End.Sub(w.Start))
			assert.Equal(t, 9, w.Start.In(la).Hour(), "09:00 local")
		})
	}
	// Other zones: a freeze at 09:00 local stays 09:00 local.
	local := []struct {
		name      string
		loc       *time.Location
		start     Moment
		lift      clock.Clock
		deep      time.Duration
		day       date.Date
		realSpan  time.Duration
		deepStart string // local wall clock of Deep
	}{
		// Europe/London: BST starts 2024-03-31 01:00, ends 2024-10-27 02:00.
		{"London spring forward", london, Moment{Weekday: time.Thursday, Time: hm(9, 0)}, hm(9, 0), 0, d(2024, time.April, 3), 6*24*time.Hour - time.Hour, "2024-04-03 09:00"},
		{"London fall back, deep 48h", london, Moment{Weekday: time.Friday, Time: hm(9, 0)}, hm(9, 0), 48 * time.Hour, d(2024, time.October, 28), 3*24*time.Hour + time.Hour, "2024-10-26 10:00"},
		// Australia/Lord_Howe: a 30-minute DST; ends 2024-04-07 02:00 (+11 to +10:30).
		{"Lord Howe half-hour fall back", lordHowe, Moment{Weekday: time.Saturday, Time: hm(9, 0)}, hm(9, 0), 24 * time.Hour, d(2024, time.April, 8), 48*time.Hour + 30*time.Minute, "2024-04-07 09:00"},
		{"Lord Howe half-hour spring forward", lordHowe, Moment{Weekday: time.Saturday, Time: hm(9, 0)}, hm(9, 0), 36 * time.Hour, d(2024, time.October, 7), 48*time.Hour - 30*time.Minute, "2024-10-05 20:30"},
		// Asia/Kathmandu: +05:45, no DST.
		{"Kathmandu", kathmandu, Moment{Weekday: time.Thursday, Time: hm(9, 0)}, clock.Day, 24 * time.Hour, d(2024, time.March, 6), 6*24*time.Hour + 15*time.Hour, "2024-03-06 00:00"},
		// America/Chicago: DST starts 2024-03-10 02:00.
		{"Chicago spring forward, deep 48h", chicago, Moment{Weekday: time.Saturday, Time: hm(9, 0)}, clock.Day, 48 * time.Hour, d(2024, time.March, 11), 3*24*time.Hour - 9*time.Hour - time.Hour, "2024-03-09 23:00"},
	}
	for _, tt := range local {
		t.Run(tt.name, func(t *testing.T) {
			p := MustNewPolicy(PolicyConfig{Zone: tt.loc, Start: tt.start, Lift: tt.lift, Deep: tt.deep})
			w := p.Window(Release{Day: tt.day})
			st := w.Start.In(tt.loc)
			assert.Equal(t, tt.start.Time.Hour(), st.Hour(), "start %v", st)
			assert.Equal(t, tt.start.Day(tt.day), date.NewAt(st))
			assert.Equal(t, tt.realSpan, w.End.Sub(w.Start), "End - Start")
			assert.Equal(t, tt.deepStart, w.Deep.In(tt.loc).Format("2006-01-02 15:04"))
			if tt.deep > 0 {
				assert.Equal(t, tt.deep, w.End.Sub(w.Deep), "deep freeze is real hours")
			}
		})
	}
	// A start in the spring-forward gap resolves as time.Date does: 01:30
	// does not exist in London on 2024-03-31 and comes out as 02:30 BST.
	gap := MustNewPolicy(PolicyConfig{Zone: london, Start: Moment{Weekday: time.Sunday, Time: hm(1, 30)}, Lift: hm(9, 0)})
	w := gap.Window(Release{Day: d(2024, time.April, 1)})
	assert.Equal(t, "2024-03-31 02:30 BST", w.Start.In(london).Format("2006-01-02 15:04 MST"))
}

func TestGateFleet2024(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	tr := MustNewTrain(d(2024, time.March, 6), 3, WithVersion(MustParseVersion("4.47.0")), WithPolicy(must(Fleet2024Freeze(pacific))))
	at := func(m time.Month, day, h, mi int) time.Time { return time.Date(2024, m, day, h, mi, 0, 0, la) }
	start, deep, end := at(time.March, 26, 9, 0), at(time.March, 27, 0, 0), at(time.March, 28, 0, 0)
	tests := []struct {
		name  string
		at    time.Time
		phase Phase
		ships int
		ok    [numKinds]bool // feature, released fix, unreleased fix, blocker, docs, chore
	}{
		{"open, week before", at(time.March, 20, 12, 0), Open, 2, [numKinds]bool{true, true, true, true, true, true}},
		{"1ns before the freeze", start.Add(-1), Open, 2, [numKinds]bool{true, true, true, true, true, true}},
		{"exactly at the freeze", start, Frozen, 2, [numKinds]bool{false, true, true, true, true, false}},
		{"1ns before deep", deep.Add(-1), Frozen, 2, [numKinds]bool{false, true, true, true, true, false}},
		{"exactly at deep", deep, DeepFrozen, 2, [numKinds]bool{false, false, true, true, false, false}},
		{"release day afternoon", at(time.March, 27, 15, 0), DeepFrozen, 2, [numKinds]bool{false, false, true, true, false, false}},
		{"exactly at the lift", end, Open, 3, [numKinds]bool{true, true, true, true, true, true}},
		{"same instant in UTC", end.Add(-time.Minute).UTC(), DeepFrozen, 2, [numKinds]bool{false, false, true, true, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k := ChangeKind(0); k < numKinds; k++ {
				dec := tr.Gate(tt.at, Change{Kind: k})
				assert.Equal(t, tt.phase, dec.Phase, "Gate(%v, %v)", tt.at, k)
				assert.Equal(t, tt.ok[k], dec.Allowed, "Gate(%v, %v): %s", tt.at, k, dec.Reason())
				assert.Equal(t, tt.ships, dec.Ships.Number)
				assert.Equal(t, "R10", dec.Rule)
				assert.Contains(t, dec.Reason(), k.String()+" may")
				if !dec.Allowed {
					assert.Contains(t, dec.Reason(), "may not merge")
					assert.Contains(t, dec.Reason(), "only ")
				}
			}
		})
	}
}

func TestGateBranchCut(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	tr := MustNewTrain(d(2025, time.March, 5), 3, WithPolicy(must(Fleet2025ReleaseCandidate(pacific))))
	cut := time.Date(2025, time.March, 24, 8, 0, 0, 0, la)
	tests := []struct {
		name    string
		at      time.Time
		c       Change
		allowed bool
		phase   Phase
		ships   int
	}{
		{"main before the cut", cut.Add(-1), Change{Kind: Feature}, true, Open, 2},
		{"pick before the cut: no branch", cut.Add(-1), Change{Kind: UnreleasedBugFix, Pick: true}, false, Open, 2},
		{"main after the cut ships next", cut, Change{Kind: Feature}, true, Cut, 3},
		{"pick unreleased fix", cut, Change{Kind: UnreleasedBugFix, Pick: true}, true, Cut, 2},
		{"pick released fix", cut, Change{Kind: ReleasedBugFix, Pick: true}, false, Cut, 2},
		{"pick feature", cut, Change{Kind: Feature, Pick: true}, false, Cut, 2},
		{"after the release", time.Date(2025, time.March, 27, 0, 0, 0, 0, la), Change{Kind: UnreleasedBugFix, Pick: true}, false, Open, 3},
	}
	for _, tt := range tests {
		dec := tr.Gate(tt.at, tt.c)
		assert.Equal(t, tt.allowed, dec.Allowed, "%s: %s", tt.name, dec.Reason())
		assert.Equal(t, tt.phase, dec.Phase, tt.name)
		assert.Equal(t, tt.ships, dec.Ships.Number, tt.name)
	}
}

func TestGateNoPolicy(t *testing.T) {
	tr := MustNewTrain(d(2024, time.March, 6), 3)
	dec := tr.Gate(time.Date(2024, time.March, 6, 12, 0, 0, 0, time.UTC), Change{Kind: Feature})
	assert.True(t, dec.Allowed)
	assert.Equal(t, Open, dec.Phase)
	assert.Contains(t, dec.Reason(), "no freeze policy")
	assert.Equal(t, 1, dec.Ships.Number)
}

// Property (fixed seed): the gate judges an instant against the first window
// that has not ended, and the previous release's window has ended.
func TestGateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 2023))
	policies := []Policy{must(Fleet2023Freeze(pacific)), must(Fleet2024Freeze(pacific)), must(Fleet2025ReleaseCandidate(pacific))}
	base := time.Date(2020, time.January, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range policies {
		tr := MustNewTrain(d(2022, time.January, 5), 3, WithPolicy(p))
		for range 2000 {
			at := base.Add(time.Duration(rng.Int64N(int64(10 * 365 * 24 * time.Hour))))
			dec := tr.Gate(at, Change{Kind: ChangeKind(rng.IntN(int(numKinds))), Pick: rng.IntN(2) == 0})
			w := dec.Window
			require.True(t, at.Before(w.End), "%v not before end %v", at, w.End)
			prev := tr.Window(tr.Release(w.Release.Number - 1))
			require.False(t, at.Before(prev.End), "%v before previous end %v", at, prev.End)
			require.Equal(t, w.Contains(at), dec.Phase != Open)
			if dec.Phase == Open && !dec.Change.Pick {
				require.True(t, dec.Allowed)
			}
		}
	}
}

func TestPolicyJSON(t *testing.T) {
	for _, p := range []Policy{must(Fleet2023Freeze(pacific)), must(Fleet2024Freeze(pacific)), must(Fleet2025ReleaseCandidate(pacific)),
		MustNewPolicy(PolicyConfig{Zone: zone(t, "Australia/Lord_Howe"), Start: Moment{Weekday: time.Friday, Time: clock.New(7, 30, 15, 0), Weeks: -1}, Lift: hm(9, 0), Deep: 90 * time.Minute, Rule: "R10b"})} {
		b, err := json.Marshal(p)
		require.NoError(t, err)
		var back Policy
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.True(t, p.Equal(back), string(b))
	}
	bad := []string{
		`{"zone":"","start":"Thursday 09:00","lift":"24:00"}`,
		`{"zone":"Local","start":"Thursday 09:00","lift":"24:00"}`,
		`{"zone":"UTC","start":"Thursday 9","lift":"24:00"}`,
		`{"zone":"UTC","start":"Thursday 09:00","lift":"25:00"}`,
		`{"zone":"UTC","start":"Thursday 09:00","lift":"24:00","deep":"a day"}`,
		`{"zone":"UTC","start":"Thursday 09:00 1w","lift":"24:00"}`,
		`{"zone":"UTC","start":"Thursday 09:00","lift":"24:00","mode":"thaw"}`,
		`{"zone":"UTC","start":"Thursday 09:00","lift":"24:00","allow":["merge-anything"]}`,
		`{"zone":"UTC","start":"Thursday 09:00","lift":"24:00","allow":"docs"}`,
		`"freeze"`,
	}
	for _, in := range bad {
		var p Policy
		err := json.Unmarshal([]byte(in), &p)
		require.Error(t, err, in)
		assert.True(t, strings.HasPrefix(err.Error(), "release: "), err.Error())
	}
	var p Policy
	require.NoError(t, json.Unmarshal([]byte("null"), &p))
	assert.True(t, p.IsZero())
}

func TestKindSet(t *testing.T) {
	s := Kinds(BlockerFix, Docs, ChangeKind(99))
	assert.True(t, s.Has(BlockerFix))
	assert.False(t, s.Has(Feature))
	assert.False(t, s.Has(ChangeKind(99)))
	assert.Equal(t, "blocker-fix, docs", s.String())
	assert.Equal(t, "nothing", KindSet(0).String())
	for k := ChangeKind(0); k < numKinds; k++ {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back ChangeKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
	}
	_, err := ChangeKind(42).MarshalText()
	assert.ErrorIs(t, err, ErrUnknownName)
	for p := Open; p <= DeepCut; p++ {
		b, _ := p.MarshalText()
		var back Phase
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, p, back)
	}
}

// The 2023 freeze (Thursday 09:00 Pacific) begins at 17:00 UTC before the
// spring-forward Sunday and at 16:00 UTC after it; the gate follows.
func TestGateDST(t *testing.T) {
	tr := MustNewTrain(d(2024, time.March, 6), 1, WithPolicy(must(Fleet2023Freeze(pacific))))
	tests := []struct {
		utc   string
		phase Phase
		ships date.Date
	}{
		{"2024-02-29T16:59:59Z", Open, d(2024, time.March, 6)},
		{"2024-02-29T17:00:00Z", Frozen, d(2024, time.March, 6)},
		{"2024-03-07T07:59:59Z", Frozen, d(2024, time.March, 6)},  // 23:59:59 PST on release day
		{"2024-03-07T08:00:00Z", Open, d(2024, time.March, 13)},   // release day over
		{"2024-03-07T16:59:59Z", Open, d(2024, time.March, 13)},   // 08:59:59 PST
		{"2024-03-07T17:00:00Z", Frozen, d(2024, time.March, 13)}, // 09:00 PST, before the DST change on the 10th
		{"2024-03-14T15:59:59Z", Open, d(2024, time.March, 20)},   // 08:59:59 PDT
		{"2024-03-14T16:00:00Z", Frozen, d(2024, time.March, 20)}, // 09:00 PDT
		{"2024-10-31T15:59:59Z", Open, d(2024, time.November, 6)}, // 08:59:59 PDT; fall back on 11-03
		{"2024-10-31T16:00:00Z", Frozen, d(2024, time.November, 6)},
		{"2024-11-07T08:00:00Z", Open, d(2024, time.November, 13)}, // 00:00 PST
	}
	for _, tt := range tests {
		at, err := time.Parse(time.RFC3339, tt.utc)
		require.NoError(t, err)
		dec := tr.Gate(at, Change{Kind: Feature})
		assert.Equal(t, tt.phase, dec.Phase, "Gate(%s): %s", tt.utc, dec.Reason())
		assert.Equal(t, tt.phase == Open, dec.Allowed, tt.utc)
		assert.Equal(t, tt.ships, dec.Ships.Day, tt.utc)
	}
}
