package release

import (
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A release moved off a holiday keeps its freeze's shape: the case,
// Christmas 2024 with Fleet's 2024 freeze, moved earlier to Tuesday 12-24.
func TestMovedReleaseKeepsFreezeShape(t *testing.T) {
	freeze := must(Fleet2024Freeze(pacific))
	xmas := holidays{d(2024, time.December, 25): true}
	tr := must(Fleet2024Train(WithPolicy(freeze), WithWorkdays(xmas, Earlier)))
	r := tr.Next(d(2024, time.December, 20))
	require.Equal(t, d(2024, time.December, 24), r.Day)
	require.Equal(t, d(2024, time.December, 25), r.Planned)
	w := tr.Window(r)
	at := func(m time.Month, day, h int) time.Time { return time.Date(2024, m, day, h, 0, 0, 0, pacific) }
	assert.WithinDuration(t, at(time.December, 23, 9), w.Start, 0, "freeze starts the day before the release, as Tuesday before Wednesday")
	assert.WithinDuration(t, at(time.December, 24, 0), w.Deep, 0, "deep freeze: the last 24 hours")
	assert.WithinDuration(t, at(time.December, 25, 0), w.End, 0, "lifts at the end of the day it ships")
	normal := tr.Window(tr.Release(r.Number - 1))
	assert.Equal(t, normal.End.Sub(normal.Start), w.End.Sub(w.Start), "the normal length, 39 hours")
	assert.Equal(t, freeze.Window(r), w, "Policy.Window keeps the shape too; no start was on a closed day")

	assert.True(t, tr.Gate(at(time.December, 18, 12), Change{Kind: Feature}).Allowed, "no freeze a week early")
	assert.True(t, tr.Gate(at(time.December, 23, 8), Change{Kind: Feature}).Allowed)
	assert.False(t, tr.Gate(at(time.December, 23, 9), Change{Kind: Feature}).Allowed)
	assert.Equal(t, DeepFrozen, tr.Gate(at(time.December, 24, 1), Change{Kind: Feature}).Phase)
	assert.True(t, tr.Gate(at(time.December, 25, 0), Change{Kind: Feature}).Allowed, "open once it shipped")
	assert.Equal(t, r.Number+1, tr.Gate(at(time.December, 25, 0), Change{Kind: Feature}).Ships.Number)
}

// A window start that falls on a closed day moves to the previous working
// day (Train.Window), so the window is never shorter than the policy's.
func TestWindowStartOffClosedDay(t *testing.T) {
	at := func(m time.Month, day, h int) time.Time { return time.Date(2024, m, day, h, 0, 0, 0, pacific) }
	// Later: 12-25 and 12-26 closed, the release moves to Friday 12-27; the
	// freeze would start Thursday 12-26, closed, so it starts Tuesday 12-24.
	closed := holidays{d(2024, time.December, 25): true, d(2024, time.December, 26): true}
	tr := must(Fleet2024Train(WithPolicy(must(Fleet2024Freeze(pacific))), WithWorkdays(closed, Later)))
	r := tr.Next(d(2024, time.December, 20))
	require.Equal(t, d(2024, time.December, 27), r.Day)
	w := tr.Window(r)
	assert.WithinDuration(t, at(time.December, 24, 9), w.Start, 0)
	assert.WithinDuration(t, at(time.December, 28, 0), w.End, 0)
	assert.WithinDuration(t, at(time.December, 27, 0), w.Deep, 0)

	// The branch cut (Monday 08:00) before a release moved to Tuesday 12-24
	// would be Sunday 12-22: it moves to Friday 12-20.
	rc := must(Fleet2024Train(WithPolicy(must(Fleet2025ReleaseCandidate(pacific))), WithWorkdays(holidays{d(2024, time.December, 25): true}, Earlier)))
	w = rc.Window(rc.Next(d(2024, time.December, 20)))
	assert.WithinDuration(t, at(time.December, 20, 8), w.Start, 0)
	assert.WithinDuration(t, at(time.December, 25, 0), w.End, 0)

	// Thanksgiving 2024 (Thursday 11-28) under the 2023 freeze (Thursday
	// 09:00) before the 12-04 release: the freeze starts Wednesday 11-27.
	tg := must(Fleet2024Train(WithPolicy(must(Fleet2023Freeze(pacific))), WithWorkdays(holidays{d(2024, time.November, 28): true}, Earlier)))
	w = tg.Window(tg.Next(d(2024, time.December, 1)))
	assert.WithinDuration(t, at(time.November, 27, 9), w.Start, 0)
	// Without a move the train keeps the policy's start.
	plain := must(Fleet2024Train(WithPolicy(must(Fleet2023Freeze(pacific)))))
	w = plain.Window(plain.Next(d(2024, time.December, 1)))
	assert.WithinDuration(t, at(time.November, 28, 9), w.Start, 0)

	// Never back onto the previous release's day: a weekly train whose
	// freeze starts the Thursday after the last release, with the whole
	// week closed but that day.
	week := holidays{}
	for day := d(2024, time.March, 7); day < d(2024, time.March, 13); day++ {
		week[day] = true
	}
	p := MustNewPolicy(PolicyConfig{Zone: time.UTC, Start: Moment{Weekday: time.Thursday, Time: clock.New(9, 0, 0, 0)}, Lift: clock.Day})
	wk := MustNewTrain(d(2024, time.March, 6), 1, WithPolicy(p), WithWorkdays(week, Later))
	r = wk.Next(d(2024, time.March, 10))
	require.Equal(t, d(2024, time.March, 13), r.Day)
	w = wk.Window(r)
	assert.Equal(t, d(2024, time.March, 7), dateOf(w.Start), "stays on its closed day: the day before is the previous release's")
}

func dateOf(t time.Time) date.Date { return date.NewAt(t) }

// The deep-freeze clamp: a deep freeze that would begin before its window
// begins with it. Thursday 09:00 before a Wednesday release is 159 hours
// before the end of release day; a 168-hour deep freeze is clamped.
func TestDeepFreezeClamp(t *testing.T) {
	p := MustNewPolicy(PolicyConfig{Zone: pacific, Start: Moment{Weekday: time.Thursday, Time: clock.New(9, 0, 0, 0)},
		Lift: clock.Day, Deep: 168 * time.Hour, Allow: Kinds(BlockerFix), AllowDeep: Kinds(BlockerFix)})
	w := p.Window(Release{Day: d(2024, time.March, 6)})
	assert.WithinDuration(t, time.Date(2024, time.February, 29, 9, 0, 0, 0, pacific), w.Start, 0)
	assert.WithinDuration(t, w.Start, w.Deep, 0, "deep freeze clamped to the window's start")
	assert.Equal(t, DeepFrozen, w.Phase(w.Start))
	// A train refuses it: its Wednesday windows are shorter than the deep freeze.
	_, err := NewTrain(d(2024, time.March, 6), 3, WithPolicy(p))
	assert.ErrorIs(t, err, ErrPolicy)
	// Across spring forward a window is an hour shorter than its wall-clock
	// span: from Saturday 00:00 to the end of a Sunday release day is 48
	// hours of wall clock, 47 real hours on 2024-03-10, so a 48-hour deep
	// freeze is clamped there and fits exactly a week later.
	q := MustNewPolicy(PolicyConfig{Zone: pacific, Start: Moment{Weekday: time.Saturday}, Lift: clock.Day, Deep: 48 * time.Hour})
	w = q.Window(Release{Day: d(2024, time.March, 10)})
	assert.Equal(t, 47*time.Hour, w.End.Sub(w.Start))
	assert.WithinDuration(t, w.Start, w.Deep, 0, "clamped across spring forward")
	w = q.Window(Release{Day: d(2024, time.March, 17)})
	assert.WithinDuration(t, w.Start, w.Deep, 0)
	assert.WithinDuration(t, w.End.Add(-48*time.Hour), w.Deep, 0)
}

// Presets that need a zone take it: none loads one or panics.
func TestPresetsTakeTheirZone(t *testing.T) {
	for name, preset := range map[string]func(*time.Location) (Policy, error){
		"Fleet2023Freeze": Fleet2023Freeze, "Fleet2024Freeze": Fleet2024Freeze, "Fleet2025ReleaseCandidate": Fleet2025ReleaseCandidate,
	} {
		_, err := preset(nil)
		assert.ErrorIs(t, err, ErrZone, name)
		_, err = preset(time.Local)
		assert.ErrorIs(t, err, ErrZone, name)
		p, err := preset(pacific)
		require.NoError(t, err, name)
		assert.Equal(t, "America/Los_Angeles", p.Config().Zone.String())
	}
	for _, rs := range []Rules{Fleet2024Rules(), Fleet2025Rules()} {
		_, err := NewRules(rs.Name(), slices.Collect(rs.All())...)
		assert.NoError(t, err, rs.Name())
	}
	s := Fleet2024Support()
	_, err := NewSupport(s.Name(), s.Tiers()...)
	assert.NoError(t, err)

	// The canonical train: 4.21.0 on Wednesday 2022-09-28, every three weeks.
	tr := must(Fleet2024Train())
	for v, day := range map[string]date.Date{
		"4.21.0": d(2022, time.September, 28), "4.26.0": d(2023, time.January, 11),
		"4.46.0": d(2024, time.March, 6), "4.60.0": d(2024, time.December, 25), "4.89.0": d(2026, time.August, 26),
	} {
		r, ok := tr.ByVersion(MustParseVersion(v))
		require.True(t, ok, v)
		assert.Equal(t, day, r.Day, v)
	}
	assert.Equal(t, time.Wednesday, tr.Weekday())
	_, err = Fleet2024Train(OnWeekday(time.Thursday))
	assert.ErrorIs(t, err, ErrWeekday)
}
