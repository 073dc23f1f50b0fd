package rotation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/teamcadence/cadence/internal/strict"
	"github.com/teamcadence/cadence/internal/tod"
)

// wire is the JSON form of a Rotation.
type wire[P comparable] struct {
	Name      string            `json:"name,omitempty"`
	Zone      string            `json:"zone"`
	First     string            `json:"first"`
	Weekday   string            `json:"weekday,omitempty"`
	At        string            `json:"at"`
	Every     int64             `json:"every"`
	People    []P               `json:"people"`
	Start     int               `json:"start,omitempty"`
	Changes   []wireChange[P]   `json:"changes,omitempty"`
	Backups   []P               `json:"backups,omitempty"`
	Overrides []wireOverride[P] `json:"overrides,omitempty"`
	Checklist []string          `json:"checklist,omitempty"`
}

type wireChange[P comparable] struct {
	From   string `json:"from"`
	People []P    `json:"people"`
	Start  int    `json:"start,omitempty"`
}

type wireOverride[P comparable] struct {
	Kind   string    `json:"kind"`
	Who    P         `json:"who"`
	Absent *P        `json:"absent,omitempty"`
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
}

// MarshalJSON encodes r's configuration: the zone by IANA name, the first
// hand-off day as "2024-03-06" with its weekday, the hand-off time as
// "09:00", the turn length in days as "every", the roster, the roster
// changes (each from the local day of the hand-off it takes effect at, with
// "start", the roster position that takes that hand-off), the backups, the
// overrides in the order they were added (instants in RFC 3339, as
// time.Time writes them; the zone that gives the rotation its meaning is
// the "zone" field), and the checklist:
//
//	{"name":"r1","zone":"America/Chicago","first":"2024-03-06","weekday":"Wednesday",
//	 "at":"09:00","every":7,"people":["ana","ben"],
//	 "changes":[{"from":"2024-05-01","people":["ana","ben","cy"],"start":1}],
//	 "backups":["dee"],
//	 "overrides":[{"kind":"absence","who":"dee","absent":"ana","from":"...","to":"..."}]}
//
// The zero Rotation encodes as null.
func (r Rotation[P]) MarshalJSON() ([]byte, error) {
	if r.loc == nil {
		return []byte("null"), nil
	}
	if r.loc == time.Local || r.loc.String() == "Local" {
		return nil, configErr("zone", "Local", ErrZone, "its meaning depends on the machine: name the zone")
	}
	w := wire[P]{
		Name: r.name, Zone: r.loc.String(), First: r.anchor.String(),
		Weekday: r.anchor.Weekday().String(), At: tod.Format(r.at), Every: r.days,
		People: r.epochs[0].roster, Start: int(r.epochs[0].offset), Checklist: r.checklist,
		Backups: r.backups,
	}
	for _, ep := range r.epochs[1:] {
		off := floorMod(ep.start-ep.base+ep.offset, int64(len(ep.roster)))
		w.Changes = append(w.Changes, wireChange[P]{
			From: (r.anchor + date.Date(ep.start*r.days)).String(), People: ep.roster, Start: int(off),
		})
	}
	if r.tab != nil {
		for _, o := range r.tab.entries {
			wo := wireOverride[P]{Kind: o.Kind.String(), Who: o.Who, From: o.From, To: o.To}
			if o.Kind == Cover {
				a := o.Absent
				wo.Absent = &a
			}
			w.Overrides = append(w.Overrides, wo)
		}
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes the form [Rotation.MarshalJSON] writes, validating
// it as the constructors do. Keys match exactly; an unknown key or a key
// given twice, at any depth, is refused with its JSON path
// ("overrides[0].absnet"), as [ErrUnknownField] or [ErrDuplicateKey].
// "weekday" may be left out; "at" is HH:MM[:SS[.fraction]] before 24:00;
// "zone" is an IANA name ("Local" is refused: its meaning depends on the
// machine); "every" is 1 to [MaxTurn]; every person an override names
// resolves as in [Rotation.WithOverrides]. A null document or field is the
// same as a missing one: null leaves r unchanged. Errors are
// [*ConfigError] values naming the JSON path.
func (r *Rotation[P]) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var w wire[P]
	if err := strict.Decode(b, &w); err != nil {
		return fromStrict(err, "")
	}
	out, err := w.rotation()
	if err != nil {
		return err
	}
	*r = out
	return nil
}

// decodeRotation decodes one rotation nested at path.
func decodeRotation[P comparable](b []byte, path string) (Rotation[P], error) {
	var r Rotation[P]
	if len(b) == 0 {
		return r, configErr(path, "", ErrEmptyRoster, "want a rotation")
	}
	if err := r.UnmarshalJSON(b); err != nil {
		return r, fromStrict(err, path)
	}
	if r.IsZero() {
		return r, configErr(path, "null", ErrEmptyRoster, "want a rotation")
	}
	return r, nil
}

func (w *wire[P]) rotation() (Rotation[P], error) {
	var none Rotation[P]
	loc, err := loadZone(w.Zone)
	if err != nil {
		return none, err
	}
	first, err := parseDay(w.First)
	if err != nil {
		return none, configErr("first", w.First, ErrSyntax, "want a day such as 2024-03-06")
	}
	if w.Weekday != "" && w.Weekday != first.Weekday().String() {
		return none, configErr("weekday", w.Weekday, ErrSyntax, first.String()+" is a "+first.Weekday().String())
	}
	at, err := tod.Parse(w.At)
	if err == nil && at >= tod.EndOfDay {
		err = errors.New("a hand-off is before 24:00")
	}
	if err != nil {
		return none, configErr("at", w.At, ErrSyntax, err.Error())
	}
	if w.Every < 1 || w.Every > MaxTurn {
		return none, configErr("every", w.Every, ErrTurn, turnRange)
	}
	out, err := New(loc, first, at, int(w.Every), w.People...)
	if err != nil {
		return none, err
	}
	if w.Start < 0 || w.Start >= len(w.People) {
		return none, configErr("start", w.Start, ErrSyntax, fmt.Sprintf("want a roster position from 0 to %d", len(w.People)-1))
	}
	out.epochs[0].offset = int64(w.Start)
	prev := int64(0)
	for i, c := range w.Changes {
		f := fmt.Sprintf("changes[%d]", i)
		d, err := parseDay(c.From)
		if err != nil {
			return none, configErr(f+".from", c.From, ErrSyntax, "want a day such as 2024-03-06")
		}
		diff := int64(d - first)
		if diff%out.days != 0 || (i > 0 && diff/out.days <= prev) {
			return none, configErr(f+".from", c.From, ErrSyntax, "not a hand-off day after the previous change")
		}
		if len(c.People) == 0 {
			return none, configErr(f+".people", "", ErrEmptyRoster)
		}
		if c.Start < 0 || c.Start >= len(c.People) {
			return none, configErr(f+".start", c.Start, ErrSyntax, fmt.Sprintf("want a roster position from 0 to %d", len(c.People)-1))
		}
		prev = diff / out.days
		out = out.change(prev, slices.Clone(c.People), c.Start)
	}
	out = out.WithBackups(w.Backups...)
	os := make([]Override[P], len(w.Overrides))
	for i, o := range w.Overrides {
		f := fmt.Sprintf("overrides[%d]", i)
		var kind OverrideKind
		if err := kind.UnmarshalText([]byte(o.Kind)); err != nil {
			return none, configErr(f+".kind", o.Kind, ErrSyntax, `want "override" or "absence"`)
		}
		os[i] = Override[P]{Kind: kind, Who: o.Who, From: o.From, To: o.To}
		if o.Absent != nil {
			if kind != Cover {
				return none, configErr(f+".absent", fmt.Sprint(*o.Absent), ErrSyntax, "only an absence has an absent person")
			}
			os[i].Absent = *o.Absent
		} else if kind == Cover {
			return none, configErr(f+".absent", "", ErrSyntax, "an absence needs the absent person")
		}
	}
	if out, err = out.WithOverrides(os...); err != nil {
		return none, err
	}
	return out.WithName(w.Name).WithChecklist(w.Checklist...), nil
}

// loadZone loads an IANA zone name for JSON: empty, "Local" and unknown
// names are [ErrZone].
func loadZone(name string) (*time.Location, error) {
	switch name {
	case "":
		return nil, configErr("zone", "", ErrZone, "want an IANA zone name such as America/Chicago")
	case "Local":
		return nil, configErr("zone", name, ErrZone, "its meaning depends on the machine: name the zone")
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, configErr("zone", name, ErrZone, "unknown zone")
	}
	return loc, nil
}

// Equal reports whether r and o have the same configuration: zone, first
// hand-off, turn, roster and changes, backups, overrides (instants compared
// with Equal), name and checklist.
func (r Rotation[P]) Equal(o Rotation[P]) bool {
	if r.loc == nil || o.loc == nil {
		return r.loc == nil && o.loc == nil
	}
	if r.loc.String() != o.loc.String() || r.anchor != o.anchor || r.at != o.at || r.days != o.days ||
		r.name != o.name || !slices.Equal(r.checklist, o.checklist) || !slices.Equal(r.backups, o.backups) {
		return false
	}
	if !slices.EqualFunc(r.epochs, o.epochs, func(a, b epoch[P]) bool {
		return a.start == b.start && floorMod(a.offset-a.base, int64(len(a.roster))) == floorMod(b.offset-b.base, int64(len(b.roster))) &&
			slices.Equal(a.roster, b.roster)
	}) {
		return false
	}
	var x, y []Override[P]
	if r.tab != nil {
		x = r.tab.entries
	}
	if o.tab != nil {
		y = o.tab.entries
	}
	return slices.EqualFunc(x, y, func(a, b Override[P]) bool {
		return a.Kind == b.Kind && a.Who == b.Who && a.Absent == b.Absent && a.From.Equal(b.From) && a.To.Equal(b.To)
	})
}

// parseDay parses a day strictly in the ISO 8601 form MarshalJSON writes:
// "2006-01-02", or with a sign and more digits for years outside 0-9999
// ("-2737-02-05"). Days that date.ParseISO would normalise, such as
// "2024-13-40", are refused.
func parseDay(s string) (date.Date, error) {
	d, err := date.ParseISO(s)
	if err != nil {
		return 0, err
	}
	if d.String() != s {
		return 0, fmt.Errorf("%q is not a calendar day in the form 2006-01-02", s)
	}
	return d, nil
}
