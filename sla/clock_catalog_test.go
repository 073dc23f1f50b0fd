package sla_test

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/sla"
)

// ckCatalog is Fleet's targets on a Chicago 09:00-17:00 calendar named
// "us" and a London one named "uk".
func ckCatalog(t testing.TB) (sla.Catalog, sla.Calendar) {
	t.Helper()
	us := ckNineToFive(t, ckLoc(t, "America/Chicago"), ckUSFederalHolidays(2024, 2025)...)
	uk := ckNineToFive(t, ckLoc(t, "Europe/London"))
	cat, err := sla.NewCatalog(map[string]sla.Calendar{"us": us, "uk": uk},
		sla.Fleet2024FirstResponse(us), sla.Fleet2024PullRequestFollowUp(us),
		sla.Fleet2024CriticalBugConfirmation(us), sla.Fleet2024OnCall(us).Open, sla.Fleet2024OnCall(us).Closed,
		sla.Fleet2024ReporterFollowUp())
	require.NoError(t, err)
	return cat, us
}

func TestCatalogRoundTrip(t *testing.T) {
	cat, us := ckCatalog(t)
	uk, _ := cat.Calendar("uk")
	r := rand.New(rand.NewPCG(15, 1))
	names := []string{"first response", "pull request follow-up", "critical bug confirmation",
		"on-call response (business hours)", "reporter follow-up"}
	for i := range 500 {
		target, ok := cat.Target(names[i%len(names)])
		require.True(t, ok)
		if target.Name != "on-call response (business hours)" && target.Name != "reporter follow-up" {
			target.Calendar = []sla.Calendar{us, uk}[i%2]
		}
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, calendarLoc(target.Calendar)).Add(time.Duration(r.Int64N(int64(300 * 24 * time.Hour))))
		c := ckRandomClock(t, r, target, start, r.IntN(6), 30*time.Hour)
		b, err := cat.EncodeClock(c)
		require.NoError(t, err)
		assert.NotContains(t, string(b), `"within"`, "by reference: %s", b)
		got, err := cat.DecodeClock(b)
		require.NoError(t, err, "%s", b)
		b2, err := cat.EncodeClock(got)
		require.NoError(t, err)
		require.Equal(t, string(b), string(b2))
		ckSameClock(t, c, got, c.Since(), c.Since().Add(time.Duration(r.Int64N(int64(40*time.Hour)))))
		assert.True(t, got.Target().Calendar.Equal(c.Target().Calendar))
		// The self-contained form decodes through the catalog too.
		self, err := json.Marshal(c)
		require.NoError(t, err)
		got, err = cat.DecodeClock(self)
		require.NoError(t, err)
		ckSameClock(t, c, got, c.Since())
	}
	z, err := cat.EncodeClock(sla.Clock{})
	require.NoError(t, err)
	assert.Equal(t, "{}", string(z))
	zc, err := cat.DecodeClock(z)
	require.NoError(t, err)
	assert.True(t, zc.IsZero())
}

func calendarLoc(cal sla.Calendar) *time.Location {
	if cal.IsZero() {
		return time.UTC
	}
	return cal.Location()
}

// TestCatalogStoredSize: a running clock with a named target stores in
// about 100 bytes (issue 15).
func TestCatalogStoredSize(t *testing.T) {
	cat, us := ckCatalog(t)
	opened := time.Date(2024, time.March, 8, 16, 0, 0, 0, us.Location())
	c := sla.Fleet2024FirstResponse(us).Start(opened)
	b, err := cat.EncodeClock(c)
	require.NoError(t, err)
	assert.Equal(t, `{"target":"first response","calendar":"us","state":"running","started":"2024-03-08T16:00:00-06:00"}`, string(b))
	assert.LessOrEqual(t, len(b), 110)
	self, err := json.Marshal(c)
	require.NoError(t, err)
	t.Logf("by reference %d bytes, self-contained %d bytes", len(b), len(self))
}

func TestCatalogDecodeErrors(t *testing.T) {
	cat, _ := ckCatalog(t)
	const ok = `{"target":"first response","calendar":"us","state":"running","started":"2024-03-08T16:00:00-06:00"}`
	_, err := cat.DecodeClock([]byte(ok))
	require.NoError(t, err)
	edit := func(old, new string) string {
		require.Contains(t, ok, old)
		return strings.Replace(ok, old, new, 1)
	}
	for _, tt := range []struct {
		name, in string
		want     error
		field    string
		text     string // in the message
	}{
		{"unknown target", edit(`"first response"`, `"frist response"`), sla.ErrUnknownName, "target", `"frist response"`},
		{"unknown calendar", edit(`"us"`, `"usa"`), sla.ErrUnknownName, "calendar", `"usa"`},
		{"misspelt key", edit(`"calendar"`, `"calender"`), sla.ErrUnknownField, "calender", "calender"},
		{"duplicate key", edit(`"state":"running"`, `"state":"running","state":"paused"`), sla.ErrDuplicateKey, "state", "state"},
		{"target name not a string", edit(`"first response"`, `["first response"]`), sla.ErrUnknownField, "target", "target"},
		{"zero instant", edit(`"2024-03-08T16:00:00-06:00"`, `"0001-01-01T00:00:00Z"`), sla.ErrZeroTime, "started", "started"},
		{"Local zone", edit(`"state"`, `"zone":"Local","state"`), sla.ErrZone, "zone", "Local"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := cat.DecodeClock([]byte(tt.in))
			if tt.name == "target name not a string" {
				require.Error(t, err)
				return
			}
			require.ErrorIs(t, err, tt.want)
			var ce *sla.ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field)
			assert.Contains(t, err.Error(), tt.text)
			assert.Equal(t, 1, strings.Count(err.Error(), "sla:"), "%v", err)
		})
	}
	// The zero Catalog resolves nothing.
	_, err = sla.Catalog{}.DecodeClock([]byte(ok))
	require.ErrorIs(t, err, sla.ErrUnknownName)
}

func TestCatalogEncodeErrors(t *testing.T) {
	cat, us := ckCatalog(t)
	at := time.Date(2024, time.March, 8, 16, 0, 0, 0, us.Location())

	_, err := cat.EncodeClock(sla.Target{Name: "nope", Within: time.Hour, Calendar: us}.Start(at))
	require.ErrorIs(t, err, sla.ErrUnknownName)
	assert.Contains(t, err.Error(), `"nope"`)

	_, err = cat.EncodeClock(sla.Target{Name: "first response", Within: 2 * time.Hour, Calendar: us}.Start(at))
	require.ErrorIs(t, err, sla.ErrUnknownName, "a target that differs from the catalog's")
	assert.Contains(t, err.Error(), "differs")

	// A holiday added to the calendar: the clock must be re-timed first.
	us2 := ckNineToFive(t, us.Location(), append(ckUSFederalHolidays(2024, 2025), date.New(2024, time.March, 11))...)
	_, err = cat.EncodeClock(sla.Fleet2024FirstResponse(us2).Start(at))
	require.ErrorIs(t, err, sla.ErrUnknownName)
	var ce *sla.ConfigError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "calendar", ce.Field)

	// An equal calendar built separately is found by Equal.
	again := ckNineToFive(t, us.Location(), ckUSFederalHolidays(2024, 2025)...)
	b, err := cat.EncodeClock(sla.Fleet2024FirstResponse(again).Start(at))
	require.NoError(t, err)
	assert.Contains(t, string(b), `"calendar":"us"`)
}

func TestNewCatalogErrors(t *testing.T) {
	us := ckNineToFive(t, ckLoc(t, "America/Chicago"))
	same := ckNineToFive(t, ckLoc(t, "America/Chicago"))
	good := sla.Target{Name: "a", Within: time.Hour}
	for _, tt := range []struct {
		name  string
		cals  map[string]sla.Calendar
		ts    []sla.Target
		want  error
		field string
	}{
		{"invalid target", nil, []sla.Target{good, {Name: "b", Within: -1}}, sla.ErrInvalidTarget, "targets[1].within"},
		{"unnamed target", nil, []sla.Target{{Within: time.Hour}}, sla.ErrInvalidTarget, "targets[0].name"},
		{"two targets of one name", nil, []sla.Target{good, good}, sla.ErrDuplicateKey, "targets[1].name"},
		{"one calendar, two names", map[string]sla.Calendar{"a": us, "b": same}, nil, sla.ErrDuplicateKey, `calendars["b"]`},
		{"empty calendar name", map[string]sla.Calendar{"": us}, nil, sla.ErrUnknownName, `calendars[""]`},
		{"calendar name not UTF-8", map[string]sla.Calendar{"\xff": us}, nil, sla.ErrUnknownName, `calendars["\xff"]`},
		{"target name not UTF-8", nil, []sla.Target{{Name: "\xff"}}, sla.ErrInvalidTarget, "targets[0].name"},
	} {
		_, err := sla.NewCatalog(tt.cals, tt.ts...)
		require.ErrorIs(t, err, tt.want, tt.name)
		var ce *sla.ConfigError
		require.ErrorAs(t, err, &ce, tt.name)
		assert.Equal(t, tt.field, ce.Field, tt.name)
	}
	cat, err := sla.NewCatalog(nil, good)
	require.NoError(t, err)
	got, ok := cat.Target("a")
	require.True(t, ok)
	assert.Equal(t, good, got)
	_, ok = cat.Calendar("us")
	assert.False(t, ok)
}

// TestIssue15HolidayPausedClockLoads is issue 15's reproducer: a stored
// paused clock whose calendar gained a holiday on a day it had counted failed
// to load ("elapsed 59m0s: more than the open time"). Time already counted
// stays counted.
func TestIssue15HolidayPausedClockLoads(t *testing.T) {
	loc := ckLoc(t, "America/Chicago")
	us := ckNineToFive(t, loc)
	opened := time.Date(2024, time.March, 11, 9, 0, 0, 0, loc) // Monday
	c := sla.Fleet2024FirstResponse(us).Start(opened)
	c, err := c.Pause(opened.Add(59 * time.Minute))
	require.NoError(t, err)
	self, err := json.Marshal(c)
	require.NoError(t, err)

	// Self-contained: the stored calendar is edited to close that Monday.
	edited := strings.Replace(string(self), `"week"`, `"holidays":["2024-03-11"],"week"`, 1)
	require.NotEqual(t, string(self), edited)
	var got sla.Clock
	require.NoError(t, json.Unmarshal([]byte(edited), &got))
	assert.Equal(t, 59*time.Minute, got.Elapsed(opened.Add(3*time.Hour)), "counted time stays counted")
	resumed, err := got.Resume(opened.Add(2 * time.Hour))
	require.NoError(t, err)
	due, ok := resumed.Due()
	require.True(t, ok)
	assert.WithinDuration(t, time.Date(2024, time.March, 12, 9, 1, 0, 0, loc), due, 0, "the last minute on Tuesday")

	// By reference: the catalog's calendar gains the holiday.
	cat, err := sla.NewCatalog(map[string]sla.Calendar{"us": us}, sla.Fleet2024FirstResponse(us))
	require.NoError(t, err)
	stored, err := cat.EncodeClock(c)
	require.NoError(t, err)
	cat2, err := cat.WithCalendar("us", ckNineToFive(t, loc, date.New(2024, time.March, 11)))
	require.NoError(t, err)
	got, err = cat2.DecodeClock(stored)
	require.NoError(t, err)
	assert.Equal(t, 59*time.Minute, got.Elapsed(opened.Add(3*time.Hour)))
	assert.Equal(t, ckJSON(t, resumed), ckJSON(t, ckOK(t)(got.Resume(opened.Add(2*time.Hour)))))
}

// TestClockWithCalendar checks the re-attach rule: counted time and passed
// deadlines stay, the new calendar counts from the re-attach instant.
func TestClockWithCalendar(t *testing.T) {
	for _, zone := range ckZones {
		t.Run(zone, func(t *testing.T) {
			loc := ckLoc(t, zone)
			old := ckNineToFive(t, loc)
			r := rand.New(rand.NewPCG(uint64(len(zone)), 15))
			for i := range 300 {
				start := time.Date(2024, 1, 1, 0, 0, 0, 0, loc).Add(time.Duration(r.Int64N(int64(360 * 24 * time.Hour))))
				// A new calendar: the old one with holidays around the start,
				// or 24x7.
				newCal := ckAlwaysOpen(t, loc)
				if i%2 == 0 {
					d := date.NewAt(start)
					newCal = ckNineToFive(t, loc, d, d+1, d+3)
				}
				target := sla.Target{Name: "t", Within: time.Duration(1+r.IntN(20)) * time.Hour, Calendar: old,
					Milestones: []sla.Milestone{{Name: "m", At: time.Duration(r.IntN(20)) * time.Hour}}}
				c := ckRandomClock(t, r, target, start, r.IntN(4), 20*time.Hour)
				at := c.Since().Add(time.Duration(r.Int64N(int64(30 * time.Hour))))
				n, err := c.WithCalendar(newCal, at)
				require.NoError(t, err)
				assert.True(t, n.Target().Calendar.Equal(newCal))
				assert.Equal(t, c.Elapsed(at), n.Elapsed(at), "counted time stays counted")
				if b, ok := c.BreachedAt(at); ok {
					nb, nok := n.BreachedAt(at)
					require.True(t, nok, "a deadline passed before the change stays passed")
					assert.WithinDuration(t, b, nb, 0)
				}
				later := at.Add(time.Duration(r.Int64N(int64(50 * time.Hour))))
				if c.State() == sla.Running {
					assert.True(t, n.Since().Equal(at), "the change is the last event")
					assert.Equal(t, c.Elapsed(at)+newCal.Between(at, later), n.Elapsed(later), "the new calendar counts from at")
					due, ok := n.Due()
					require.True(t, ok)
					if _, breached := c.BreachedAt(at); !breached {
						assert.WithinDuration(t, newCal.Add(at, target.Within-c.Elapsed(at)), due, 0)
					}
				} else {
					assert.Equal(t, c.Elapsed(at), n.Elapsed(later))
				}
				// Re-attaching the same calendar changes no answer.
				same, err := c.WithCalendar(old, at)
				require.NoError(t, err)
				ckAnswersSame(t, c, same, later)
			}
		})
	}
}

// ckAnswersSame asserts the queries of a and b agree at at.
func ckAnswersSame(t *testing.T, a, b sla.Clock, at time.Time) {
	t.Helper()
	assert.Equal(t, a.Elapsed(at), b.Elapsed(at))
	assert.Equal(t, a.Breached(at), b.Breached(at))
	ad, aok := a.Due()
	bd, bok := b.Due()
	assert.Equal(t, aok, bok)
	assert.WithinDuration(t, ad, bd, 0)
	am, amd, amok := a.NextMilestone(at)
	bm, bmd, bmok := b.NextMilestone(at)
	assert.Equal(t, am, bm)
	assert.Equal(t, amok, bmok)
	assert.WithinDuration(t, amd, bmd, 0)
	assert.Equal(t, a.Record(at), b.Record(at))
}

func TestClockWithCalendarErrors(t *testing.T) {
	loc := ckLoc(t, "Europe/London")
	cal := ckNineToFive(t, loc)
	at := time.Date(2024, time.March, 29, 16, 0, 0, 0, loc)
	c := sla.Target{Name: "t", Within: time.Hour, Calendar: cal}.Start(at)

	_, err := c.WithCalendar(sla.Calendar{}, at.Add(-time.Second))
	require.ErrorIs(t, err, sla.ErrOutOfOrder)
	var ae *sla.ActionError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, sla.ActionWithCalendar, ae.Action)

	_, err = sla.Clock{}.WithCalendar(cal, at)
	require.ErrorIs(t, err, sla.ErrIllegalAction)

	// A stopped clock only takes the calendar; its count is final.
	stopped := ckOK(t)(c.Stop(at.Add(30 * time.Minute)))
	n, err := stopped.WithCalendar(ckAlwaysOpen(t, loc), at.Add(5*time.Hour))
	require.NoError(t, err)
	assert.True(t, n.Since().Equal(stopped.Since()))
	assert.Equal(t, 30*time.Minute, n.Elapsed(at.Add(10*time.Hour)))
	assert.True(t, n.Target().Calendar.Equal(ckAlwaysOpen(t, loc)))
}

// TestCatalogDecodeIsWithCalendar: decoding by reference against a changed
// calendar is WithCalendar at the clock's last event.
func TestCatalogDecodeIsWithCalendar(t *testing.T) {
	cat, us := ckCatalog(t)
	us2 := ckNineToFive(t, us.Location(), date.New(2024, time.March, 12), date.New(2024, time.March, 13))
	cat2, err := cat.WithCalendar("us", us2)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 200 {
		target, _ := cat.Target([]string{"first response", "pull request follow-up"}[i%2])
		target.Calendar = us
		start := time.Date(2024, time.March, 8, 8, 0, 0, 0, us.Location()).Add(time.Duration(r.Int64N(int64(5 * 24 * time.Hour))))
		c := ckRandomClock(t, r, target, start, r.IntN(5), 20*time.Hour)
		b, err := cat.EncodeClock(c)
		require.NoError(t, err)
		got, err := cat2.DecodeClock(b)
		require.NoError(t, err, "%s", b)
		want, err := c.WithCalendar(us2, c.Since())
		require.NoError(t, err)
		assert.Equal(t, ckJSON(t, want), ckJSON(t, got), "%s", b)
	}
}

// TestCatalogTargetChange: a target changed in the catalog applies from
// each clock's last event, like a calendar change; a breach already
// recorded stays recorded.
func TestCatalogTargetChange(t *testing.T) {
	at := time.Date(2024, time.March, 8, 16, 0, 0, 0, time.UTC)
	one := sla.Target{Name: "ack", Within: time.Hour}
	cat1, err := sla.NewCatalog(nil, one)
	require.NoError(t, err)
	cat2, err := sla.NewCatalog(nil, sla.Target{Name: "ack", Within: 2 * time.Hour})
	require.NoError(t, err)

	running := ckOK(t)(ckOK(t)(one.Start(at).Pause(at.Add(30 * time.Minute))).Resume(at.Add(time.Hour)))
	b, err := cat1.EncodeClock(running)
	require.NoError(t, err)
	got, err := cat2.DecodeClock(b)
	require.NoError(t, err)
	due, ok := got.Due()
	require.True(t, ok)
	assert.WithinDuration(t, at.Add(time.Hour+90*time.Minute), due, 0, "30 minutes counted, 90 left of the new two hours")

	breached := ckOK(t)(one.Start(at).Pause(at.Add(90 * time.Minute)))
	b, err = cat1.EncodeClock(breached)
	require.NoError(t, err)
	got, err = cat2.DecodeClock(b)
	require.NoError(t, err, "%s", b)
	when, ok := got.BreachedAt(at.Add(3 * time.Hour))
	require.True(t, ok, "the recorded breach stays")
	assert.WithinDuration(t, at.Add(time.Hour), when, 0)

	// Shortened below the time counted: due at the last event.
	cat3, err := sla.NewCatalog(nil, sla.Target{Name: "ack", Within: 10 * time.Minute})
	require.NoError(t, err)
	b, err = cat1.EncodeClock(running)
	require.NoError(t, err)
	got, err = cat3.DecodeClock(b)
	require.NoError(t, err)
	due, ok = got.Due()
	require.True(t, ok)
	assert.WithinDuration(t, running.Since(), due, 0)
	assert.True(t, got.Breached(running.Since().Add(time.Second)))
}

// FuzzNewCatalog checks NewCatalog's documented refusals: an empty or
// repeated target name, an invalid target; otherwise every target resolves
// by its name.
func FuzzNewCatalog(f *testing.F) {
	f.Add("first response", "follow-up", int64(time.Hour), int64(8*time.Hour))
	f.Add("a", "a", int64(time.Hour), int64(time.Hour))
	f.Add("", "b", int64(time.Hour), int64(time.Hour))
	f.Add("a", "b", int64(-1), int64(time.Hour))
	f.Fuzz(func(t *testing.T, n1, n2 string, w1, w2 int64) {
		t1 := sla.Target{Name: n1, Within: time.Duration(w1)}
		t2 := sla.Target{Name: n2, Within: time.Duration(w2)}
		cat, err := sla.NewCatalog(nil, t1, t2)
		bad := n1 == "" || n2 == "" || n1 == n2 || w1 < 0 || w2 < 0 || !utf8.ValidString(n1) || !utf8.ValidString(n2)
		if bad {
			var ce *sla.ConfigError
			require.ErrorAs(t, err, &ce)
			require.True(t, strings.HasPrefix(ce.Field, "targets["), ce.Field)
			return
		}
		require.NoError(t, err)
		for _, want := range []sla.Target{t1, t2} {
			got, ok := cat.Target(want.Name)
			require.True(t, ok)
			require.Equal(t, want, got)
			c := want.Start(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
			b, err := cat.EncodeClock(c)
			require.NoError(t, err)
			back, err := cat.DecodeClock(b)
			require.NoError(t, err, "%s", b)
			require.Equal(t, ckJSON(t, c), ckJSON(t, back))
		}
	})
}
