package rotation

import (
	"fmt"
	"slices"
	"time"
)

// Fleet2024Checklist is the hand-off checklist of Fleet's engineering
// handbook (rules R2 and R32 in RULES.md), attached by the Fleet presets.
func Fleet2024Checklist() []string {
	return []string{
		"incoming engineer takes the @oncall alias",
		"hand off open threads explicitly; threads not handed off stay with the outgoing engineer",
		"report how the week was spent (most common requests, what was learned) at the weekly meeting",
		"improve at least one documentation page this week",
	}
}

// Fleet2024Weekly is the preset for Fleet's product on-call (R1, R2, R32): one
// engineer at a time, in roster order, handing off every Wednesday at
// first's local time of day (rule R1 in RULES.md says only "Wednesday"; pick the
// time), with [Fleet2024Checklist] on every hand-off. first must be a
// Wednesday; otherwise it returns a [*ConfigError] wrapping [ErrSyntax]. It
// is built from [Weekly] and [Rotation.WithChecklist] only.
func Fleet2024Weekly[P comparable](first time.Time, people ...P) (Rotation[P], error) {
	if !first.IsZero() && first.Weekday() != time.Wednesday {
		return Rotation[P]{}, configErr("first", first.Format("2006-01-02 Monday"), ErrSyntax, "want a Wednesday (R1)")
	}
	r, err := Weekly(first, people...)
	if err != nil {
		return r, err
	}
	return r.WithName("fleet on-call").WithChecklist(Fleet2024Checklist()...), nil
}

// Infra is a 24/7 on-call: layers of first responders and the chain an
// alert escalates through. Its fields are values: change one and the other
// does not follow, so add overrides and absences with
// [Infra.WithOverrides], which keeps the two consistent.
type Infra[P comparable] struct {
	Responders Layers[P]
	Escalation Chain[P]
}

// Contact returns an escalation level named name that pages people, for
// [Fleet2024Infra]'s contacts: Contact("application (payments)", "kai").
// Its Wait is zero, which Fleet2024Infra reads as its own wait; set Wait on
// the result for a level that waits longer or shorter.
func Contact[P comparable](name string, people ...P) Level[P] {
	return Level[P]{Name: name, People: slices.Clone(people)}
}

// Fleet2024Infra is the preset for Fleet's 24/7 infrastructure on-call (R3,
// R26, R28): one-week shifts taken over on Monday at first's local time
// ("first thing Monday morning", say 08:00), shared by two first responders
// (people in roster order, the second one position behind, see [Pair]).
// An alert pages both responders (the level "first responders"), then each
// of contacts in turn (four levels in rule R3 of RULES.md: pass three contacts,
// the application-level one chosen by area, R3), waiting wait between
// levels (the response target of RULES.md is one hour: R26, R28).
//
// Each contact is used as given, except that a zero Wait means wait and an
// empty Name means "contact"; a contact may page a rotation as well as
// people. [Contact] builds one. first must be a Monday; otherwise it returns
// a [*ConfigError] wrapping [ErrSyntax]. Fewer than two people, or a
// contact that pages nobody, is [ErrEmptyRoster]; a negative wait is
// [ErrWait]. It is built from [Weekly], [Pair] and [Escalation] only. Add
// announced absences (R4) with [Infra.WithOverrides].
func Fleet2024Infra[P comparable](first time.Time, wait time.Duration, people []P, contacts ...Level[P]) (Infra[P], error) {
	if !first.IsZero() && first.Weekday() != time.Monday {
		return Infra[P]{}, configErr("first", first.Format("2006-01-02 Monday"), ErrSyntax, "want a Monday (R3)")
	}
	if len(people) < 2 {
		return Infra[P]{}, configErr("people", fmt.Sprint(len(people)), ErrEmptyRoster, "two first responders need two people")
	}
	r, err := Weekly(first, people...)
	if err != nil {
		return Infra[P]{}, err
	}
	r = r.WithName("fleet infrastructure").WithChecklist(Fleet2024Checklist()...)
	layers := Pair(r)
	levels := []Level[P]{{Name: "first responders", Rotations: []Rotation[P]{layers[0].Rotation, layers[1].Rotation}, Wait: wait}}
	for _, c := range contacts {
		if c.Name == "" {
			c.Name = "contact"
		}
		if c.Wait == 0 {
			c.Wait = wait
		}
		levels = append(levels, c)
	}
	chain, err := Escalation(levels...)
	if err != nil {
		return Infra[P]{}, err
	}
	return Infra[P]{Responders: layers, Escalation: chain}, nil
}

// WithBackups returns a copy of in whose responder layers and chain
// rotations all have people as their backups ([Rotation.WithBackups]): the
// people who may cover an absence (R4) without being on the roster.
func (in Infra[P]) WithBackups(people ...P) Infra[P] {
	out := in
	out.Responders = slices.Clone(in.Responders)
	for i := range out.Responders {
		if !out.Responders[i].Rotation.IsZero() {
			out.Responders[i].Rotation = out.Responders[i].Rotation.WithBackups(people...)
		}
	}
	out.Escalation.levels = slices.Clone(in.Escalation.levels)
	for i, l := range out.Escalation.levels {
		out.Escalation.levels[i].Rotations = slices.Clone(l.Rotations)
		for j, r := range l.Rotations {
			if !r.IsZero() {
				out.Escalation.levels[i].Rotations[j] = r.WithBackups(people...)
			}
		}
	}
	return out
}

// WithOverrides returns a copy of in with overrides added to every
// responder layer and to every rotation that a level of the escalation
// chain pages, after each one's existing overrides (so, as in
// [Rotation.WithOverrides], the later-added wins where they overlap). An
// absence (R4) thus holds wherever the absent person would have been on
// duty: on either layer of a [Pair] and at the chain's levels, the backup
// takes exactly those stretches and nothing else changes. A [Swap] gives
// its range to its person on every layer and rotation, so a pair collapses
// to that one person; to have one responder replaced, use [Absence].
//
// Names resolve against the responder layers: every person an override
// names must be on one of their rosters or among their backups
// ([Infra.WithBackups]). A chain rotation that never has the absent person
// is left without that absence, which could not change it.
//
// People a level names directly are not rotations and are paged as listed:
// overrides do not change them. A backup who is already on duty on another
// layer is paged once ([Layers.Who], [Level.Who] do not repeat a person).
//
// It returns a [*ConfigError] wrapping [ErrEmptyRange], [ErrZeroTime],
// [ErrSelfBackup] or [ErrUnknownName] for a bad override (the field is
// "overrides[i]", i counting from 0 in this call), or [ErrEmptyRoster]
// when in has no rotation to add them to; in is then unchanged.
func (in Infra[P]) WithOverrides(overrides ...Override[P]) (Infra[P], error) {
	var known Rotation[P] // the responders' rosters and backups, to resolve names
	for _, l := range in.Responders {
		if l.Rotation.IsZero() {
			continue
		}
		if known.IsZero() {
			known = l.Rotation
			known.epochs = slices.Clone(known.epochs)
			known.backups = slices.Clone(known.backups)
			continue
		}
		known.epochs = append(known.epochs, l.Rotation.epochs...)
		known.backups = append(known.backups, l.Rotation.backups...)
	}
	for i, o := range overrides {
		f := fmt.Sprintf("overrides[%d]", i)
		if err := o.validate(f); err != nil {
			return in, err
		}
		if known.IsZero() {
			break
		}
		if err := known.resolve(o, f); err != nil {
			return in, err
		}
	}
	add := func(r Rotation[P]) (Rotation[P], bool) {
		if r.IsZero() {
			return r, false
		}
		var own []Override[P]
		for _, o := range overrides {
			if o.Kind == Cover && !r.knows(o.Absent) {
				continue
			}
			if !r.knows(o.Who) {
				r.backups = append(slices.Clone(r.backups), o.Who)
			}
			own = append(own, o)
		}
		if len(own) == 0 {
			return r, true
		}
		out, err := r.WithOverrides(own...)
		return out, err == nil // validated and resolved above, so no error
	}
	out, n := in, 0
	if in.Responders != nil {
		out.Responders = slices.Clone(in.Responders)
		for i, l := range out.Responders {
			var ok bool
			if out.Responders[i].Rotation, ok = add(l.Rotation); ok {
				n++
			}
		}
	}
	if len(in.Escalation.levels) > 0 {
		levels := slices.Clone(in.Escalation.levels)
		for i, l := range levels {
			if len(l.Rotations) == 0 {
				continue
			}
			levels[i].Rotations = slices.Clone(l.Rotations)
			for j, r := range l.Rotations {
				var ok bool
				if levels[i].Rotations[j], ok = add(r); ok {
					n++
				}
			}
		}
		out.Escalation.levels = levels
	}
	if n == 0 {
		return in, configErr("responders", "", ErrEmptyRoster)
	}
	return out, nil
}
