package rotation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/teamcadence/cadence/internal/strict"
)

// Level is one step of an escalation chain: the people paged (a person, a
// group) plus whoever is on duty in each of Rotations, for Wait before the
// chain moves to the next level.
type Level[P comparable] struct {
	Name      string
	People    []P
	Rotations []Rotation[P]
	Wait      time.Duration
}

// Who returns who this level pages at t: People, then each rotation's
// person on duty at t, without repeats.
func (l Level[P]) Who(t time.Time) []P {
	out := make([]P, 0, len(l.People)+len(l.Rotations))
	for _, p := range l.People {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	for _, r := range l.Rotations {
		if r.IsZero() {
			continue
		}
		if w := r.At(t).Who; !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// Chain is an escalation chain (R3, R28): an alert pages level 0, and while
// nobody acknowledges it, each level's Wait later the next level is paged.
// After the last level's Wait the chain starts again from level 0, up to
// Repeats more times; after that the last level stays paged. The zero Chain
// has no levels.
type Chain[P comparable] struct {
	levels  []Level[P]
	repeats int
	ends    []time.Duration // ends[i]: sum of Wait of levels 0..i
}

// Escalation returns a chain of levels, paged in order. It returns a
// [*ConfigError] wrapping [ErrEmptyRoster] for no levels or a level that
// pages nobody, or [ErrWait] for a negative wait.
func Escalation[P comparable](levels ...Level[P]) (Chain[P], error) {
	if len(levels) == 0 {
		return Chain[P]{}, configErr("levels", "", ErrEmptyRoster, "want at least one level")
	}
	c := Chain[P]{levels: make([]Level[P], len(levels)), ends: make([]time.Duration, len(levels))}
	var sum time.Duration
	for i, l := range levels {
		f := fmt.Sprintf("levels[%d]", i)
		if len(l.People) == 0 && len(l.Rotations) == 0 {
			return Chain[P]{}, configErr(f+".people", l.Name, ErrEmptyRoster, "the level pages nobody")
		}
		for j, r := range l.Rotations {
			if r.IsZero() {
				return Chain[P]{}, configErr(fmt.Sprintf("%s.rotations[%d]", f, j), "", ErrEmptyRoster, "a zero Rotation")
			}
		}
		if l.Wait < 0 || sum+l.Wait < sum { // negative, or the total overflows
			return Chain[P]{}, configErr(f+".wait", l.Wait.String(), ErrWait, "want 0 or more, and a total that fits a time.Duration")
		}
		l.People = slices.Clone(l.People)
		l.Rotations = slices.Clone(l.Rotations)
		c.levels[i] = l
		sum += l.Wait
		c.ends[i] = sum
	}
	return c, nil
}

// WithRepeats returns a copy of c that runs through its levels n more times
// after the first pass before it stops at the last level. It returns a
// [*ConfigError] wrapping [ErrWait] when n < 0, when n > 0 and the levels'
// waits add up to zero, or when the n+1 passes would last longer than a
// time.Duration holds (about 292 years).
func (c Chain[P]) WithRepeats(n int) (Chain[P], error) {
	switch {
	case n < 0:
		return c, configErr("repeats", n, ErrWait, "want 0 or more")
	case n == 0:
	case len(c.ends) == 0 || c.ends[len(c.ends)-1] <= 0:
		return c, configErr("repeats", n, ErrWait, "the levels' waits add up to zero")
	case int64(n) >= math.MaxInt64/int64(c.ends[len(c.ends)-1]):
		return c, configErr("repeats", n, ErrWait,
			fmt.Sprintf("want at most %d for a chain of %v", math.MaxInt64/int64(c.ends[len(c.ends)-1])-1, c.ends[len(c.ends)-1]))
	}
	c.repeats = n
	return c, nil
}

// Levels returns a copy of the chain's levels.
func (c Chain[P]) Levels() []Level[P] { return slices.Clone(c.levels) }

// Repeats returns how many times the chain starts again after its first pass.
func (c Chain[P]) Repeats() int { return c.repeats }

// Page says where an alert's escalation stands at an instant.
type Page[P comparable] struct {
	Level int       // index of the level being paged
	Pass  int       // 0 for the first pass through the chain, 1 for the first repeat, ...
	Name  string    // the level's name
	Who   []P       // who the level pages at the instant
	Since time.Time // when this level was paged
	// Next is when the next level will be paged if nobody acknowledges;
	// zero once the chain is exhausted or the alert acknowledged.
	Next  time.Time
	Acked bool // the alert was acknowledged; Level is where it stopped
}

// At returns which level is paged at t for an alert that began at began
// and was acknowledged at acked (the zero time when not acknowledged).
// After an acknowledgement the escalation stops at the level paged then.
// It returns a [*ConfigError] wrapping [ErrZeroTime] for a zero began or
// t, [ErrEmptyRange] when t is before began, or [ErrEmptyRoster] when c
// has no levels. At is arithmetic: one division by the chain's total wait
// and one binary search, however far t is from began.
func (c Chain[P]) At(began, acked, t time.Time) (p Page[P], err error) {
	switch {
	case len(c.levels) == 0:
		return Page[P]{}, configErr("levels", "", ErrEmptyRoster)
	case began.IsZero():
		return Page[P]{}, configErr("began", "", ErrZeroTime)
	case t.IsZero():
		return Page[P]{}, configErr("t", "", ErrZeroTime)
	case t.Before(began):
		return Page[P]{}, configErr("t", t.Format(time.RFC3339Nano), ErrEmptyRange,
			"before the alert began at "+began.Format(time.RFC3339Nano))
	}
	at := t
	if !acked.IsZero() && !acked.After(t) {
		at = acked
		if at.Before(began) {
			at = began
		}
		p.Acked = true
	}
	total := c.ends[len(c.ends)-1]
	// Sub saturates at about 292 years, which WithRepeats keeps beyond the
	// end of the last pass, so a saturated elapsed still lands on it.
	elapsed := at.Sub(began)
	pass := 0
	if total > 0 {
		pass = int(min(int64(elapsed/total), int64(c.repeats)))
	}
	within := elapsed - time.Duration(pass)*total
	lvl, _ := slices.BinarySearchFunc(c.ends, within, func(e, w time.Duration) int {
		if e <= w {
			return -1
		}
		return 1
	})
	last := lvl >= len(c.levels)
	if last {
		lvl = len(c.levels) - 1
	}
	passStart := began.Add(time.Duration(pass) * total)
	p.Level, p.Pass, p.Name = lvl, pass, c.levels[lvl].Name
	p.Since = passStart
	if lvl > 0 {
		p.Since = passStart.Add(c.ends[lvl-1])
	}
	p.Who = c.levels[lvl].Who(t)
	if !p.Acked && !last && (lvl < len(c.levels)-1 || pass < c.repeats) {
		p.Next = passStart.Add(c.ends[lvl])
	}
	return p, nil
}

type wireLevel[P comparable] struct {
	Name      string            `json:"name,omitempty"`
	People    []P               `json:"people,omitempty"`
	Rotations []json.RawMessage `json:"rotations,omitempty"`
	Wait      string            `json:"wait"`
}

type wireChain[P comparable] struct {
	Levels  []wireLevel[P] `json:"levels"`
	Repeats int            `json:"repeats,omitempty"`
}

// MarshalJSON encodes the chain as {"levels": [...], "repeats": n}, each
// level with its name, people, rotations and wait as a Go duration string
// ("15m0s"). The zero Chain encodes as null.
func (c Chain[P]) MarshalJSON() ([]byte, error) {
	if len(c.levels) == 0 {
		return []byte("null"), nil
	}
	type level struct {
		Name      string        `json:"name,omitempty"`
		People    []P           `json:"people,omitempty"`
		Rotations []Rotation[P] `json:"rotations,omitempty"`
		Wait      string        `json:"wait"`
	}
	w := struct {
		Levels  []level `json:"levels"`
		Repeats int     `json:"repeats,omitempty"`
	}{Repeats: c.repeats, Levels: make([]level, len(c.levels))}
	for i, l := range c.levels {
		w.Levels[i] = level{Name: l.Name, People: l.People, Rotations: l.Rotations, Wait: l.Wait.String()}
	}
	return json.Marshal(w)
}

// UnmarshalJSON decodes the form [Chain.MarshalJSON] writes and validates it
// as [Escalation] and [Chain.WithRepeats] do, and each rotation as
// [Rotation.UnmarshalJSON] does. Unknown and duplicate keys are refused at
// any depth, with their JSON path ("levels[1].rotations[0].overrides[0].absnet").
// A null document or field is the same as a missing one: null leaves c
// unchanged. Errors are [*ConfigError] values.
func (c *Chain[P]) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var w wireChain[P]
	if err := strict.Decode(b, &w); err != nil {
		return fromStrict(err, "")
	}
	levels := make([]Level[P], len(w.Levels))
	for i, l := range w.Levels {
		f := fmt.Sprintf("levels[%d]", i)
		d, err := time.ParseDuration(l.Wait)
		if err != nil {
			return configErr(f+".wait", l.Wait, ErrWait, `want a duration such as "15m"`)
		}
		levels[i] = Level[P]{Name: l.Name, People: l.People, Wait: d}
		for j, raw := range l.Rotations {
			r, err := decodeRotation[P](raw, fmt.Sprintf("%s.rotations[%d]", f, j))
			if err != nil {
				return err
			}
			levels[i].Rotations = append(levels[i].Rotations, r)
		}
	}
	out, err := Escalation(levels...)
	if err != nil {
		return err
	}
	if out, err = out.WithRepeats(w.Repeats); err != nil {
		return err
	}
	*c = out
	return nil
}
