package rotation

import (
	"time"
)

// Fleet2024Checklist is the hand-off checklist of Fleet's engineering
// handbook (R2, R32), attached by the Fleet presets.
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
// first's local time of day (the handbook says only "Wednesday"; pick the
// time), with [Fleet2024Checklist] on every hand-off. first must be a
// Wednesday; otherwise it returns a [*ConfigError] wrapping [ErrSyntax]. It
// is built from [Weekly] and [Rotation.WithChecklist] only.
func Fleet2024Weekly[P comparable](first time.Time, people ...P) (Rotation[P], error) {
	if !first.IsZero() && first.Weekday() != time.Wednesday {
		return Rotation[P]{}, configErr("first", first.Weekday().String(), ErrSyntax)
	}
	r, err := Weekly(first, people...)
	if err != nil {
		return r, err
	}
	return r.WithName("fleet on-call").WithChecklist(Fleet2024Checklist()...), nil
}

// Infra is a 24/7 on-call: layers of first responders and the chain an
// alert escalates through.
type Infra[P comparable] struct {
	Responders Layers[P]
	Escalation Chain[P]
}

// Fleet2024Infra is the preset for Fleet's 24/7 infrastructure on-call (R3,
// R26, R28): one-week shifts taken over on Monday at first's local time
// ("first thing Monday morning", say 08:00), shared by two first responders
// (people in roster order, the second one position behind, see [Pair]).
// An alert pages both responders, then each of contacts in turn (four
// levels in the handbook: pass three contacts), waiting wait between levels
// (the handbook's response target is one hour: R26, R28). first must be a
// Monday. It is built from [Weekly], [Pair] and [Escalation] only.
func Fleet2024Infra[P comparable](first time.Time, wait time.Duration, people []P, contacts ...P) (Infra[P], error) {
	if !first.IsZero() && first.Weekday() != time.Monday {
		return Infra[P]{}, configErr("first", first.Weekday().String(), ErrSyntax)
	}
	if len(people) < 2 {
		return Infra[P]{}, configErr("people", "", ErrEmptyRoster) // two first responders need two people
	}
	r, err := Weekly(first, people...)
	if err != nil {
		return Infra[P]{}, err
	}
	r = r.WithName("fleet infrastructure").WithChecklist(Fleet2024Checklist()...)
	layers := Pair(r)
	levels := []Level[P]{{Name: "first responders", Rotations: []Rotation[P]{layers[0].Rotation, layers[1].Rotation}, Wait: wait}}
	for _, c := range contacts {
		levels = append(levels, Level[P]{Name: "contact", People: []P{c}, Wait: wait})
	}
	chain, err := Escalation(levels...)
	if err != nil {
		return Infra[P]{}, err
	}
	return Infra[P]{Responders: layers, Escalation: chain}, nil
}
