package configcheck_test

import (
	"encoding/json"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/require"
	"github.com/teamcadence/cadence/sla"
	"github.com/teamcadence/cadence/sprint"
)

// A config is one documented configuration: a valid document and how its
// package decodes it, with the package's sentinels.
type config struct {
	name      string
	doc       []byte
	decode    func([]byte) error
	unknown   error // the package's ErrUnknownField
	duplicate error // the package's ErrDuplicateKey
	syntax    error // the package's ErrSyntax
	maps      *regexp.Regexp
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func into[T any](b []byte) error {
	var v T
	return json.Unmarshal(b, &v)
}

func chicago(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)
	return loc
}

func slaConfigs(t *testing.T) []config {
	loc := chicago(t)
	cal, err := sla.NewCalendar(loc, sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)),
		sla.Holidays(date.New(2024, 12, 25)),
		sla.Special(date.New(2024, 12, 24), sla.Span{From: clock.New(9, 0, 0, 0), To: clock.New(13, 0, 0, 0)}))
	require.NoError(t, err)
	crit := sla.Fleet2024CriticalBugConfirmation(cal)
	running := crit.Start(time.Date(2024, 3, 8, 16, 0, 0, 0, loc))
	paused, err := running.Pause(time.Date(2024, 3, 8, 16, 30, 0, 0, loc))
	require.NoError(t, err)
	cat, err := sla.NewCatalog(map[string]sla.Calendar{"us": cal}, crit)
	require.NoError(t, err)
	stored, err := cat.EncodeClock(paused)
	require.NoError(t, err)
	maps := regexp.MustCompile(`(^|\.)special$`)
	base := config{unknown: sla.ErrUnknownField, duplicate: sla.ErrDuplicateKey, syntax: sla.ErrSyntax, maps: maps}
	cs := []config{
		{name: "sla.Calendar", doc: marshal(t, cal), decode: into[sla.Calendar]},
		{name: "sla.Target", doc: marshal(t, crit), decode: into[sla.Target]},
		{name: "sla.Tiered", doc: marshal(t, sla.Fleet2024OnCall(cal)), decode: into[sla.Tiered]},
		{name: "sla.Clock", doc: marshal(t, paused), decode: into[sla.Clock]},
		{name: "sla.Catalog.DecodeClock", doc: stored, decode: func(b []byte) error { _, err := cat.DecodeClock(b); return err }},
	}
	for i := range cs {
		cs[i].unknown, cs[i].duplicate, cs[i].syntax, cs[i].maps = base.unknown, base.duplicate, base.syntax, base.maps
	}
	return cs
}

func sprintConfigs(t *testing.T) []config {
	loc := chicago(t)
	sched, err := sprint.Fleet2024Schedule(date.New(2024, 1, 3), loc, nil)
	require.NoError(t, err)
	rituals, err := sprint.Fleet2024Rituals(date.New(2024, 3, 6), loc, nil)
	require.NoError(t, err)
	cad, err := sprint.NewCadence(date.New(2024, 1, 3), 3)
	require.NoError(t, err)
	cs := []config{
		{name: "sprint.Cadence", doc: marshal(t, cad), decode: into[sprint.Cadence]},
		{name: "sprint.Schedule", doc: marshal(t, sched), decode: into[sprint.Schedule]},
		{name: "sprint.Rituals", doc: marshal(t, rituals), decode: into[sprint.Rituals]},
	}
	for i := range cs {
		cs[i].unknown, cs[i].duplicate, cs[i].syntax = sprint.ErrUnknownField, sprint.ErrDuplicateKey, sprint.ErrSyntax
		cs[i].maps = regexp.MustCompile(`^$^`)
	}
	return cs
}

// TestHostileConfig decodes every documented configuration after each
// hostile change: none may be accepted, and each is refused with the
// package's sentinel for that change.
func TestHostileConfig(t *testing.T) {
	var all []config
	all = append(all, slaConfigs(t)...)
	all = append(all, sprintConfigs(t)...)
	all = append(all, moreConfigs(t)...)
	total := 0
	for _, c := range all {
		t.Run(c.name, func(t *testing.T) {
			require.NoError(t, c.decode(c.doc), "the unchanged document decodes: %s", c.doc)
			root, err := parse(c.doc)
			require.NoError(t, err)
			muts := mutations(root, c.maps.MatchString)
			require.NotEmpty(t, muts)
			for _, m := range muts {
				err := c.decode(m.doc)
				want := c.unknown
				if m.kind == "duplicate key" {
					want = c.duplicate
				}
				if !errors.Is(err, want) {
					t.Errorf("%s at %s: got %v, want an error matching %v\n  document: %s", m.kind, m.path, err, want, m.doc)
				}
			}
			for _, tail := range []string{` {}`, `x`, `,`} {
				err := c.decode(append(append([]byte{}, c.doc...), tail...))
				require.Error(t, err, "text %q after the value", tail)
			}
			total += len(muts)
		})
	}
	t.Logf("%d configurations, %d hostile documents", len(all), total)
}
