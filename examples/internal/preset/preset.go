// Package preset is the Fleet preset that the example programs share: the
// team's whole process as one JSON document (preset.json, embedded as
// [JSON]) and the Go value it encodes ([Fleet]), composed from the five
// cadence packages. examples/handbook prints it, examples/teamcal and
// examples/oncall-ics turn it into calendar feeds.
package preset

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/bugflow"
	"github.com/teamcadence/cadence/release"
	"github.com/teamcadence/cadence/rotation"
	"github.com/teamcadence/cadence/sla"
	"github.com/teamcadence/cadence/sprint"
)

// A Preset is a team's whole process as configuration: copy Fleet, edit the
// names, days and hours, and the report follows. Every field is a value of a
// cadence package (or plain data) and the Preset round-trips through JSON:
// preset.json, embedded in the binary, is Fleet() encoded.
type Preset struct {
	// Name labels the preset in the report.
	Name string `json:"name"`
	// Business holds the team's business hours, holidays and zone (R25-R28).
	// Its zone is the team zone: the report's reference instant is 12:00
	// there, and sprints, rituals and rotations are held in it.
	Business sla.Calendar `json:"business"`
	// OnCall is the engineering on-call (R1, R2, R32): weekly, on Wednesday.
	OnCall rotation.Rotation[string] `json:"oncall"`
	// Infra is the primary rotation of the 24/7 infrastructure on-call (R3):
	// weekly, first thing Monday; the secondary is one position behind.
	// Its overrides are the announced absences (R4).
	Infra rotation.Rotation[string] `json:"infra"`
	// Backup covers an infrastructure responder who is out of office (R4).
	Backup string `json:"backup"`
	// Contacts are the escalation levels after the first responders (R3:
	// four levels in all, the application-level one chosen by area), paged
	// Wait apart (R26, R28).
	Contacts []Contact `json:"contacts"`
	Wait     Duration  `json:"wait"`
	// Sprints are the meeting schedule with its ceremonies (R6, R7).
	Sprints sprint.Schedule `json:"sprints"`
	// Rituals are the recurring duties with their owners (R31).
	Rituals sprint.Rituals `json:"rituals"`
	// Train is the release train (R9) without its freeze policy, which
	// depends on the variant; its move applies the business calendar's
	// holidays.
	Train release.Train `json:"train"`
	// Roles gives bug-tracker logins their roles (bugflow.RoleQA, ...).
	Roles map[string]string `json:"roles"`
	// Variants are the years of the handbook that -preset chooses from.
	Variants map[string]Variant `json:"variants"`
}

// A Contact is one escalation level after the first responders: the
// level's name (its role) and the person it pages.
type Contact struct {
	Level string `json:"level"`
	Who   string `json:"who"`
}

// A Variant is what changed between years of the handbook: the freeze or
// release-candidate policy (R10), the bug classification rules (R11-R14)
// and the bug-tracker scheme (R17).
type Variant struct {
	Policy release.Policy `json:"policy"`
	Rules  release.Rules  `json:"rules"`
	// Scheme names a bugflow preset: "fleet-2022" or "fleet-2024".
	Scheme string `json:"scheme"`
}

// Duration is a time.Duration that reads and writes Go duration strings
// ("1h0m0s") in JSON.
type Duration time.Duration

// MarshalText writes d as a Go duration string.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// UnmarshalText parses a Go duration string.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return fmt.Errorf("duration %q: %w", b, err)
	}
	*d = Duration(v)
	return nil
}

// JSON is preset.json, Fleet() encoded: what the programs run on. A test
// in examples/handbook keeps the two equal (-update rewrites the file).
//
//go:embed preset.json
var JSON []byte

// schemes are the bugflow presets a Variant can name.
var schemes = map[string]func(map[string]string) (bugflow.Scheme, error){
	"fleet-2022": bugflow.Fleet2022,
	"fleet-2024": bugflow.Fleet2024,
}

// Names lists the variants of p, sorted.
func (p Preset) Names() []string {
	names := make([]string, 0, len(p.Variants))
	for n := range p.Variants {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Fleet returns Fleet's process (RULES.md) as a Preset: the
// handbook's rules with made-up names, a Chicago team, and the three
// freeze policies of R10 as the variants "2023", "2024" and "rc".
//
// Anchors: the train is release.Fleet2024Train, Fleet's canonical train
// (4.21.0 on Wednesday 2022-09-28, every three weeks), so 2023-01-11 is
// 4.26.0 and 2024-03-06 is 4.46.0; releases planned on a holiday of the
// business calendar move to the working day before, with their freeze
// (release.Earlier). Sprint 1 starts on Monday 2023-01-09, the Monday of
// the 4.26.0 release week, so sprints start on the Monday of every release
// week; the engineering on-call hands off on Wednesdays at 09:00 and the
// infrastructure pair on Mondays at 08:00.
func Fleet() (Preset, error) {
	chicago, err := time.LoadLocation("America/Chicago")
	if err != nil {
		return Preset{}, err
	}
	// Fleet's freezes are in Pacific time (R10).
	pacific, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		return Preset{}, err
	}
	freeze2023, err := release.Fleet2023Freeze(pacific)
	if err != nil {
		return Preset{}, err
	}
	freeze2024, err := release.Fleet2024Freeze(pacific)
	if err != nil {
		return Preset{}, err
	}
	rc, err := release.Fleet2025ReleaseCandidate(pacific)
	if err != nil {
		return Preset{}, err
	}
	business, err := sla.NewCalendar(chicago,
		sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)),
		sla.Holidays(usHolidays()...))
	if err != nil {
		return Preset{}, err
	}
	oncall, err := rotation.Fleet2024Weekly(time.Date(2023, 1, 4, 9, 0, 0, 0, chicago),
		"ana", "ben", "chidi", "dana", "eli")
	if err != nil {
		return Preset{}, err
	}
	oncall = oncall.WithName("engineering on-call")
	// The infrastructure rotation as Fleet2024Infra builds it, kept here so
	// that its absences travel with it in JSON.
	infra, err := rotation.Weekly(time.Date(2023, 1, 2, 8, 0, 0, 0, chicago), "farah", "gus", "hana", "ivo")
	if err != nil {
		return Preset{}, err
	}
	infra = infra.WithName("fleet infrastructure").WithChecklist(rotation.Fleet2024Checklist()...).WithBackups("jo")
	// gus announced a conference (R4): Tuesday 5 to Friday 8 March 2024.
	infra, err = infra.WithOverrides(rotation.Absence("gus", "jo",
		time.Date(2024, 3, 5, 0, 0, 0, 0, chicago), time.Date(2024, 3, 9, 0, 0, 0, 0, chicago)))
	if err != nil {
		return Preset{}, err
	}
	// Sprints and rituals (R6, R7, R31) are sprint's Fleet2024 presets, the same
	// in every variant: the handbook years differ in R10-R17, not here.
	sprints, err := sprint.Fleet2024Schedule(date.New(2023, time.January, 9), chicago, business)
	if err != nil {
		return Preset{}, err
	}
	first := date.New(2023, time.January, 11)
	rituals, err := sprint.Fleet2024Rituals(first, chicago, business)
	if err != nil {
		return Preset{}, err
	}
	train, err := release.Fleet2024Train(release.WithWorkdays(business, release.Earlier))
	if err != nil {
		return Preset{}, err
	}
	return Preset{
		Name:     "fleet",
		Business: business,
		OnCall:   oncall,
		Infra:    infra,
		Backup:   "jo",
		Contacts: []Contact{
			{Level: "application (infra)", Who: "kai (infra)"},
			{Level: "engineering manager", Who: "lena (EM)"},
			{Level: "CTO", Who: "mo (CTO)"},
		},
		Wait:    Duration(time.Hour),
		Sprints: sprints,
		Rituals: rituals,
		Train:   train,
		Roles: map[string]string{
			"quinn-qa": bugflow.RoleQA, "rachel-qa": bugflow.RoleQA,
			"emma-em": bugflow.RoleEM, "luke-em": bugflow.RoleEM, "pat-pm": bugflow.RolePM,
		},
		Variants: map[string]Variant{
			"2023": {Policy: freeze2023, Rules: release.Fleet2024Rules(), Scheme: "fleet-2022"},
			"2024": {Policy: freeze2024, Rules: release.Fleet2024Rules(), Scheme: "fleet-2024"},
			"rc":   {Policy: rc, Rules: release.Fleet2025Rules(), Scheme: "fleet-2024"},
		},
	}, nil
}

// usHolidays are the US federal holidays (as observed) of 2023-2027, the
// days the business calendar is closed.
func usHolidays() []date.Date {
	days := []string{
		"2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19", "2023-07-04",
		"2023-09-04", "2023-10-09", "2023-11-10", "2023-11-23", "2023-12-25",
		"2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04",
		"2024-09-02", "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25",
		"2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04",
		"2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25",
		"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
		"2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25",
		"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05",
		"2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24",
	}
	out := make([]date.Date, len(days))
	for i, s := range days {
		out[i] = date.MustParseISO(s)
	}
	return out
}

// Load decodes a Preset from JSON, such as the embedded JSON.
func Load(b []byte) (Preset, error) {
	var p Preset
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Preset{}, fmt.Errorf("preset: %w", err)
	}
	return p, nil
}

// Team is a Preset with one variant chosen, ready to query.
type Team struct {
	Name     string
	Variant  string
	Zone     *time.Location
	Business sla.Calendar
	OnCall   rotation.Rotation[string]
	Infra    rotation.Infra[string]
	Backup   string
	Sprints  sprint.Schedule
	Rituals  sprint.Rituals
	Train    release.Train
	Rules    release.Rules
	Scheme   bugflow.Scheme
	// SchemeName is the bugflow preset Scheme was built from.
	SchemeName string
}

// Use builds the Team of variant name.
func (p Preset) Use(name string) (Team, error) {
	v, ok := p.Variants[name]
	if !ok {
		return Team{}, fmt.Errorf("unknown preset %q: want %s", name, strings.Join(p.Names(), ", "))
	}
	if p.Business.IsZero() {
		return Team{}, fmt.Errorf("preset %q: no business calendar", p.Name)
	}
	zone := p.Business.Location()
	roster := p.Infra.Roster(p.Infra.First())
	contacts := make([]rotation.Level[string], len(p.Contacts))
	for i, c := range p.Contacts {
		contacts[i] = rotation.Contact(c.Level, c.Who)
	}
	infra, err := rotation.Fleet2024Infra(p.Infra.First(), time.Duration(p.Wait), roster, contacts...)
	if err != nil {
		return Team{}, err
	}
	// The announced absences (R4) hold on both layers and in the chain.
	if infra, err = infra.WithBackups(p.Infra.Backups()...).WithOverrides(p.Infra.Overrides()...); err != nil {
		return Team{}, err
	}
	train, err := p.Train.WithPolicy(v.Policy)
	if err != nil {
		return Team{}, err
	}
	// JSON does not store working days: attach the holidays again, so that
	// a release planned on one moves with its freeze.
	if train, err = train.WithWorkdays(p.Business, train.Move()); err != nil {
		return Team{}, err
	}
	newScheme, ok := schemes[v.Scheme]
	if !ok {
		return Team{}, fmt.Errorf("preset %q: unknown bug scheme %q", name, v.Scheme)
	}
	scheme, err := newScheme(p.Roles)
	if err != nil {
		return Team{}, err
	}
	return Team{
		Name:     p.Name,
		Variant:  name,
		Zone:     zone,
		Business: p.Business,
		OnCall:   p.OnCall,
		Infra:    infra,
		Backup:   p.Backup,
		// JSON does not store working days: attach the holidays again.
		Sprints: p.Sprints.WithWorkdays(p.Business),
		Rituals: p.Rituals.WithWorkdays(p.Business),
		Train:   train,
		Rules:   v.Rules,
		Scheme:  scheme,

		SchemeName: v.Scheme,
	}, nil
}
