package sprint_test

import (
	"cmp"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/teamcadence/cadence/sprint"
)

// TestFleetRitualsR31 checks the release-week rituals of the Fleet preset:
// the report on the Monday of release week and the testing deadline at the
// end of release Wednesday, every three weeks from a release day, far into
// the past and the future.
func TestFleetRitualsR31(t *testing.T) {
	release := day(2024, time.January, 10) // a Wednesday
	loc := mustLoad(t, "America/Chicago")
	rs, err := sprint.Fleet2024Rituals(release, loc, nil)
	require.NoError(t, err)
	for _, from := range []date.Date{day(1950, time.March, 1), day(2024, time.January, 1), day(2300, time.July, 1)} {
		to := from + 365
		var reports, deadlines, handoffs, reviews int
		for e := range rs.Occurrences(from, to) {
			require.True(t, e.Day >= from && e.Day < to, "%v outside [%v, %v)", e, from, to)
			assert.Equal(t, loc, e.Start.Location())
			switch e.Name {
			case "Release testing report":
				reports++
				assert.Equal(t, time.Monday, e.Day.Weekday(), "%v", e)
				assert.Zero(t, (int64(e.Day-release)+2)%21, "%v: Monday of release week", e)
				assert.Equal(t, "QA", e.Owner)
			case "Release testing done (issues in Ready for release)":
				deadlines++
				assert.Equal(t, time.Wednesday, e.Day.Weekday())
				assert.Zero(t, int64(e.Day-release)%21)
				assert.Equal(t, 17, e.Start.Hour())
			case "On-call hand-off":
				handoffs++
				assert.Equal(t, time.Wednesday, e.Day.Weekday(), "R1")
			case "Pull request review":
				reviews++
				assert.NotContains(t, []time.Weekday{time.Saturday, time.Sunday}, e.Day.Weekday())
			case "Patch release branch":
				t.Fatalf("on-demand ritual has a dated occurrence: %v", e)
			}
		}
		assert.InDelta(t, 365.0/21, reports, 1, "from %v", from)
		assert.InDelta(t, reports, deadlines, 1)
		assert.InDelta(t, 52, handoffs, 1)
		assert.InDelta(t, 261, reviews, 1)
	}
	var onDemand []string
	for r := range rs.OnDemand() {
		onDemand = append(onDemand, r.Name+": "+r.Recurrence.Trigger())
	}
	assert.Equal(t, []string{"Patch release branch: every patch release"}, onDemand)
	n := 0
	for range rs.All() {
		n++
	}
	assert.Equal(t, len(sprint.Fleet2024RitualList(release)), n)
}

func TestRitualMoves(t *testing.T) {
	loc := mustLoad(t, "Europe/London")
	tests := []struct {
		name    string
		rec     sprint.Recurrence
		move    sprint.Move
		off     []date.Date
		from    date.Date
		want    []date.Date
		planned []date.Date
	}{
		// R1 hand-off on Wednesday: Christmas 2024 is a Wednesday
		{"weekly later", sprint.WeeklyOn(time.Wednesday), sprint.Later,
			[]date.Date{day(2024, time.December, 25), day(2024, time.December, 26)}, day(2024, time.December, 23),
			[]date.Date{day(2024, time.December, 27), day(2025, time.January, 1)},
			[]date.Date{day(2024, time.December, 25), day(2025, time.January, 1)}},
		{"weekly later over new year", sprint.WeeklyOn(time.Wednesday), sprint.Later,
			[]date.Date{day(2025, time.January, 1)}, day(2024, time.December, 30),
			[]date.Date{day(2025, time.January, 2)}, []date.Date{day(2025, time.January, 1)}},
		{"weekly earlier", sprint.WeeklyOn(time.Wednesday), sprint.Earlier,
			[]date.Date{day(2024, time.December, 25), day(2025, time.January, 1)}, day(2024, time.December, 23),
			[]date.Date{day(2024, time.December, 24), day(2024, time.December, 31)},
			[]date.Date{day(2024, time.December, 25), day(2025, time.January, 1)}},
		{"weekly skip", sprint.WeeklyOn(time.Wednesday), sprint.Skip,
			[]date.Date{day(2024, time.December, 25)}, day(2024, time.December, 23),
			[]date.Date{day(2025, time.January, 1)}, []date.Date{day(2025, time.January, 1)}},
		{"weekly stay", sprint.WeeklyOn(time.Wednesday), sprint.Stay,
			[]date.Date{day(2024, time.December, 25)}, day(2024, time.December, 23),
			[]date.Date{day(2024, time.December, 25), day(2025, time.January, 1)},
			[]date.Date{day(2024, time.December, 25), day(2025, time.January, 1)}},
		{"every 2 weeks stays on a Saturday", sprint.EveryWeeks(2, day(2024, time.December, 21), 0), sprint.Stay,
			nil, day(2024, time.December, 16), []date.Date{day(2024, time.December, 21), day(2025, time.January, 4)},
			[]date.Date{day(2024, time.December, 21), day(2025, time.January, 4)}},
		// a move across the range boundary: planned in the range, held before it
		{"moved out of the range", sprint.WeeklyOn(time.Monday), sprint.Earlier,
			[]date.Date{day(2024, time.December, 23)}, day(2024, time.December, 23),
			[]date.Date{day(2024, time.December, 30)}, []date.Date{day(2024, time.December, 30)}},
		{"moved into the range", sprint.WeeklyOn(time.Monday), sprint.Later,
			[]date.Date{day(2024, time.December, 16)}, day(2024, time.December, 17),
			[]date.Date{day(2024, time.December, 17), day(2024, time.December, 23), day(2024, time.December, 30)},
			[]date.Date{day(2024, time.December, 16), day(2024, time.December, 23), day(2024, time.December, 30)}},
		// every 3 weeks from a Wednesday, Monday of release week; weekend anchors move
		{"every 3 weeks -2d", sprint.EveryWeeks(3, day(2024, time.December, 11), -2), sprint.Earlier,
			[]date.Date{day(2024, time.December, 30)}, day(2024, time.December, 23),
			[]date.Date{day(2024, time.December, 27)}, []date.Date{day(2024, time.December, 30)}},
		{"every 2 weeks on a Saturday", sprint.EveryWeeks(2, day(2024, time.December, 21), 0), sprint.Later,
			nil, day(2024, time.December, 16), []date.Date{day(2024, time.December, 23)}, []date.Date{day(2024, time.December, 21)}},
		// daily: working days only
		{"daily", sprint.Daily(), sprint.Later, []date.Date{day(2024, time.December, 25), day(2024, time.December, 26)},
			day(2024, time.December, 23),
			workdays(day(2024, time.December, 23), day(2024, time.December, 24), day(2024, time.December, 27),
				day(2024, time.December, 30), day(2024, time.December, 31), day(2025, time.January, 1),
				day(2025, time.January, 2), day(2025, time.January, 3)),
			workdays(day(2024, time.December, 23), day(2024, time.December, 24), day(2024, time.December, 27),
				day(2024, time.December, 30), day(2024, time.December, 31), day(2025, time.January, 1),
				day(2025, time.January, 2), day(2025, time.January, 3))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := sprint.NewRituals(loc, closed(tt.off...), []string{"QA"},
				sprint.Ritual{Name: "R", Owner: "QA", Recurrence: tt.rec, Time: hm(9, 0), Move: tt.move})
			require.NoError(t, err)
			var got, planned []date.Date
			for e := range rs.Occurrences(tt.from, day(2025, time.January, 6)) {
				got = append(got, e.Day)
				planned = append(planned, e.Planned)
				assert.Equal(t, "QA", e.Owner)
				assert.Equal(t, 9, e.Start.Hour())
				assert.True(t, e.Start.Equal(e.End), "no duration")
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.planned, planned)
		})
	}
}

func workdays(ds ...date.Date) []date.Date { return ds }

// refOccurrences is a brute-force model of Rituals.Occurrences: it walks
// every planned day near the range and applies the move rule directly.
func refOccurrences(list []sprint.Ritual, periods []struct {
	base date.Date
	per  int
}, w offDays, from, to date.Date) []string {
	type occ struct {
		d   date.Date
		tod time.Duration
		i   int
	}
	seen := map[[2]int64]bool{}
	var out []occ
	for i, r := range list {
		for p := from - sprint.MaxMove - 1; p < to+sprint.MaxMove+1; p++ {
			planned := false
			if periods[i].per == 0 {
				planned = w.IsWorkday(p)
			} else {
				planned = (int64(p)-int64(periods[i].base))%int64(periods[i].per) == 0
			}
			if !planned {
				continue
			}
			d, ok := p, w.IsWorkday(p) || (r.Move == sprint.Stay && periods[i].per != 0)
			for k := 1; !ok && k <= sprint.MaxMove && r.Move != sprint.Skip; k++ {
				if r.Move == sprint.Earlier {
					d = p - date.Date(k)
				} else {
					d = p + date.Date(k)
				}
				ok = w.IsWorkday(d)
			}
			if !ok || d < from || d >= to || seen[[2]int64{int64(i), int64(d)}] {
				continue
			}
			seen[[2]int64{int64(i), int64(d)}] = true
			out = append(out, occ{d, time.Duration(r.Time), i})
		}
	}
	slices.SortFunc(out, func(a, b occ) int {
		return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.tod, b.tod), cmp.Compare(a.i, b.i))
	})
	var s []string
	for _, o := range out {
		s = append(s, o.d.String()+" "+list[o.i].Name)
	}
	return s
}

// TestOccurrencesProperty compares Occurrences with the brute-force model
// for random rituals, holidays and ranges (fixed seed), and checks that
// splitting a range splits the result.
func TestOccurrencesProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 2023))
	loc := mustLoad(t, "Asia/Kathmandu")
	moves := []sprint.Move{sprint.Stay, sprint.Skip, sprint.Earlier, sprint.Later}
	for iter := range 200 {
		w := offDays{off: map[date.Date]bool{}, weekends: rng.IntN(4) == 0}
		center := date.Date(rng.Int64N(3_000_000)) - 1_000_000 + 700_000
		for range rng.IntN(30) {
			w.off[center+date.Date(rng.IntN(120))-20] = true
		}
		var list []sprint.Ritual
		var periods []struct {
			base date.Date
			per  int
		}
		for i := range 1 + rng.IntN(5) {
			r := sprint.Ritual{Name: string(rune('a' + i)), Time: hm(rng.IntN(24), 15*rng.IntN(4)), Move: moves[rng.IntN(len(moves))]}
			var base date.Date
			per := 0
			switch rng.IntN(3) {
			case 0:
				r.Recurrence = sprint.Daily()
			case 1:
				wd := time.Weekday(rng.IntN(7))
				r.Recurrence = sprint.WeeklyOn(wd)
				base, per = day(2024, time.January, 7)+date.Date(wd), 7 // 2024-01-07 is a Sunday
			default:
				n := 1 + rng.IntN(4)
				anchor := center + date.Date(rng.Int64N(2_000_000)-1_000_000)
				off := rng.IntN(14*n-1) - (7*n - 1)
				r.Recurrence = sprint.EveryWeeks(n, anchor, off)
				base, per = anchor+date.Date(off), 7*n
			}
			list = append(list, r)
			periods = append(periods, struct {
				base date.Date
				per  int
			}{base, per})
		}
		rs, err := sprint.NewRituals(loc, w, nil, list...)
		require.NoError(t, err)
		from := center + date.Date(rng.IntN(60)) - 10
		to := from + date.Date(rng.IntN(60))
		var got []string
		for e := range rs.Occurrences(from, to) {
			got = append(got, e.Day.String()+" "+e.Name)
		}
		require.Equal(t, refOccurrences(list, periods, w, from, to), got, "iteration %d [%v, %v)", iter, from, to)
		mid := from + (to-from)/2
		var split []string
		for _, r := range [][2]date.Date{{from, mid}, {mid, to}} {
			for e := range rs.Occurrences(r[0], r[1]) {
				split = append(split, e.Day.String()+" "+e.Name)
			}
		}
		require.Equal(t, got, split, "iteration %d: split at %v", iter, mid)
	}
}

func TestOccurrencesEdges(t *testing.T) {
	rs, err := sprint.Fleet2024Rituals(day(2024, time.January, 10), time.UTC, nil)
	require.NoError(t, err)
	assert.Empty(t, events(rs.Occurrences(day(2024, time.March, 1), day(2024, time.March, 1))), "empty range")
	assert.Empty(t, events(rs.Occurrences(day(2024, time.March, 8), day(2024, time.March, 1))), "backwards range")
	n := 0
	for range rs.Occurrences(date.Min(), date.Max()) {
		n++
		if n == 5 {
			break
		}
	}
	assert.Equal(t, 5, n, "stops when yield returns false")
	var zero sprint.Rituals
	assert.Empty(t, events(zero.Occurrences(0, 100)))

	// 24:00 is the end of the day: the next midnight, still dated on the day
	london := mustLoad(t, "Europe/London")
	eod, err := sprint.NewRituals(london, nil, nil, sprint.Ritual{Name: "EOD", Recurrence: sprint.WeeklyOn(time.Saturday), Time: hm(24, 0), Move: sprint.Earlier})
	require.NoError(t, err)
	es := events(eod.Occurrences(day(2024, time.March, 25), day(2024, time.April, 1)))
	require.Len(t, es, 1)
	assert.Equal(t, day(2024, time.March, 29), es[0].Day, "Saturday moves to Friday")
	assert.True(t, es[0].Start.Equal(time.Date(2024, 3, 30, 0, 0, 0, 0, london)))

	// leap day and DST in one ritual: every 4 weeks from 2024-02-29 at 09:00 London
	leap, err := sprint.NewRituals(london, offDays{weekends: true}, nil, sprint.Ritual{Name: "L", Recurrence: sprint.EveryWeeks(4, day(2024, time.February, 29), 0), Time: hm(9, 0)})
	require.NoError(t, err)
	var got []string
	for e := range leap.Occurrences(day(2024, time.February, 1), day(2024, time.May, 1)) {
		got = append(got, e.Start.UTC().Format(time.RFC3339))
	}
	assert.Equal(t, []string{"2024-02-01T09:00:00Z", "2024-02-29T09:00:00Z", "2024-03-28T09:00:00Z", "2024-04-25T08:00:00Z"}, got, "09:00 GMT, then 09:00 BST")
}

func TestRecurrenceText(t *testing.T) {
	tests := []struct {
		in   string
		want sprint.Recurrence
		ok   bool
	}{
		// valid
		{"daily", sprint.Daily(), true},
		{"weekly Wednesday", sprint.WeeklyOn(time.Wednesday), true},
		{"every 3 weeks from 2024-01-10", sprint.EveryWeeks(3, day(2024, time.January, 10), 0), true},
		{"every 3 weeks from 2024-01-10 -2d", sprint.EveryWeeks(3, day(2024, time.January, 10), -2), true},
		{"every 1 weeks from 2024-02-29 +6d", sprint.EveryWeeks(1, day(2024, time.February, 29), 6), true},
		{"on demand: every patch release", sprint.OnDemand("every patch release"), true},
		// invalid
		{"", sprint.Recurrence{}, false},
		{"weekly", sprint.Recurrence{}, false},
		{"weekly Funday", sprint.Recurrence{}, false},
		{"every 0 weeks from 2024-01-10", sprint.Recurrence{}, false},
		{"every -3 weeks from 2024-01-10", sprint.Recurrence{}, false},
		{"every 3 weeks from 2024-01-10 +21d", sprint.Recurrence{}, false},
		{"every 3 weeks from 2024-01-10 -21d", sprint.Recurrence{}, false},
		{"every 3 weeks from 2024-01-10 2d", sprint.Recurrence{}, false},
		{"every 3 weeks from 2024-01-10 +0d", sprint.Recurrence{}, false},
		{"every 3 weeks from 2024-01-10 +02d", sprint.Recurrence{}, false},
		{"every 3 weeks from 2024-02-30", sprint.Recurrence{}, false},
		{"every 3 days from 2024-01-10", sprint.Recurrence{}, false},
		{"every 521 weeks from 2024-01-10", sprint.Recurrence{}, false},
		{"on demand: ", sprint.Recurrence{}, false},
		{"on demand: a\nb", sprint.Recurrence{}, false},
		{"Daily", sprint.Recurrence{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := sprint.ParseRecurrence(tt.in)
			if !tt.ok {
				require.ErrorIs(t, err, sprint.ErrRecurrence, "ParseRecurrence(%q)", tt.in)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, got.String())
		})
	}
	assert.Empty(t, sprint.Daily().Trigger())
	assert.False(t, sprint.WeeklyOn(time.Monday).IsOnDemand())
}

func TestNewRitualsErrors(t *testing.T) {
	good := sprint.Ritual{Name: "R", Recurrence: sprint.Daily(), Time: hm(9, 0)}
	with := func(f func(*sprint.Ritual)) sprint.Ritual { x := good; f(&x); return x }
	tests := []struct {
		name      string
		loc       *time.Location
		r         sprint.Ritual
		wantErr   error
		wantField string
	}{
		{"nil location", nil, good, sprint.ErrZone, "zone"},
		{"empty name", time.UTC, with(func(x *sprint.Ritual) { x.Name = "" }), sprint.ErrName, "rituals[1].name"},
		{"zero recurrence", time.UTC, with(func(x *sprint.Ritual) { x.Recurrence = sprint.Recurrence{} }), sprint.ErrRecurrence, "rituals[1].recurrence"},
		{"every 0 weeks", time.UTC, with(func(x *sprint.Ritual) { x.Recurrence = sprint.EveryWeeks(0, 0, 0) }), sprint.ErrRecurrence, "rituals[1].recurrence"},
		{"offset a whole period", time.UTC, with(func(x *sprint.Ritual) { x.Recurrence = sprint.EveryWeeks(1, 0, 7) }), sprint.ErrRecurrence, "rituals[1].recurrence"},
		{"anchor out of range", time.UTC, with(func(x *sprint.Ritual) { x.Recurrence = sprint.EveryWeeks(1, date.Max()+1, 0) }), sprint.ErrRecurrence, "rituals[1].recurrence"},
		{"weekday 7", time.UTC, with(func(x *sprint.Ritual) { x.Recurrence = sprint.WeeklyOn(7) }), sprint.ErrRecurrence, "rituals[1].recurrence"},
		{"empty trigger", time.UTC, with(func(x *sprint.Ritual) { x.Recurrence = sprint.OnDemand("") }), sprint.ErrRecurrence, "rituals[1].recurrence"},
		{"time 24:00:01", time.UTC, with(func(x *sprint.Ritual) { x.Time = hm(24, 0) + 1e9 }), sprint.ErrTime, "rituals[1].time"},
		{"negative duration", time.UTC, with(func(x *sprint.Ritual) { x.Duration = -1 }), sprint.ErrDuration, "rituals[1].duration"},
		{"bad move", time.UTC, with(func(x *sprint.Ritual) { x.Move = -1 }), sprint.ErrMove, "rituals[1].move"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sprint.NewRituals(tt.loc, nil, nil, good, tt.r)
			require.ErrorIs(t, err, tt.wantErr)
			var ce *sprint.ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.wantField, ce.Field)
		})
	}
}

func TestRitualsJSON(t *testing.T) {
	loc := mustLoad(t, "America/Chicago")
	rs, err := sprint.Fleet2024Rituals(day(2024, time.January, 10), loc, nil)
	require.NoError(t, err)
	b, err := json.Marshal(rs)
	require.NoError(t, err)
	assert.Contains(t, string(b), `{"name":"Release testing report","owner":"QA","recurrence":"every 3 weeks from 2024-01-10 -2d","time":"17:00","duration":"0s","move":"earlier"}`)
	assert.Contains(t, string(b), `"recurrence":"on demand: every patch release"`)
	var got sprint.Rituals
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, slices.Collect(rs.All()), slices.Collect(got.All()))
	assert.Equal(t, "America/Chicago", got.Location().String())
	from := day(2031, time.May, 5)
	want := events(rs.Occurrences(from, from+14))
	have := events(got.Occurrences(from, from+14))
	require.Equal(t, len(want), len(have))
	for i := range want {
		assert.True(t, want[i].Start.Equal(have[i].Start))
		assert.Equal(t, want[i].Owner, have[i].Owner)
	}
	b2, err := json.Marshal(got)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(b2), "marshal is stable after a round trip")

	bad := []struct {
		in      string
		wantErr error
	}{
		{`{"zone":"America/Chicago","rituals":[{"name":"a","recurrence":"fortnightly","time":"09:00","duration":"0s"}]}`, sprint.ErrRecurrence},
		{`{"zone":"America/Chicago","rituals":[{"name":"a","recurrence":"daily","time":"9am","duration":"0s"}]}`, sprint.ErrTime},
		{`{"zone":"America/Chicago","rituals":[{"name":"a","recurrence":"daily","time":"09:00","duration":"25h"}]}`, sprint.ErrDuration},
		{`{"zone":"America/Chicago","rituals":[{"name":"","recurrence":"daily","time":"09:00"}]}`, sprint.ErrName},
		{`{"zone":"Nowhere/Else","rituals":[]}`, sprint.ErrZone},
		{`{"zone":"UTC","rituals":[],"extra":1}`, sprint.ErrUnknownField},
		{`{"zone":"UTC","rituals":[{"name":"a","recurrence":"daily","time":"09:00","owners":["x"]}]}`, sprint.ErrUnknownField},
		{`{"zone":"UTC","roles":["QA"],"rituals":[{"name":"a","owner":"Qa","recurrence":"daily"}]}`, sprint.ErrUnknownName},
		{`{"zone":"Local","rituals":[]}`, sprint.ErrZone},
	}
	for _, tt := range bad {
		var r sprint.Rituals
		err := json.Unmarshal([]byte(tt.in), &r)
		require.ErrorIs(t, err, tt.wantErr, tt.in)
	}
	var minimal sprint.Rituals
	require.NoError(t, json.Unmarshal([]byte(`{"zone":"UTC","rituals":[{"name":"Patch branch","recurrence":"on demand: every patch release"}]}`), &minimal))
	all := slices.Collect(minimal.All())
	require.Len(t, all, 1)
	assert.Equal(t, sprint.Ritual{Name: "Patch branch", Recurrence: sprint.OnDemand("every patch release")}, all[0])

	var zero sprint.Rituals
	b, err = json.Marshal(zero)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	require.NoError(t, json.Unmarshal([]byte("null"), &zero))
}
