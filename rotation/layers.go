package rotation

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/teamcadence/cadence/internal/strict"
)

// Layer is a named rotation within [Layers]: "primary", "secondary",
// "first responder 2".
// Layers encode to JSON as a list of {"name": ..., "rotation": ...}.
type Layer[P comparable] struct {
	Name     string      `json:"name,omitempty"`
	Rotation Rotation[P] `json:"rotation"`
}

// Layers is a set of rotations queried together (R3): two first responders
// on the same shift, or a primary and a secondary one position behind
// ([Rotation.Offset]). The order is the caller's, typically primary first.
type Layers[P comparable] []Layer[P]

// At returns the shift of every layer at t, in layer order.
func (l Layers[P]) At(t time.Time) []Shift[P] {
	out := make([]Shift[P], len(l))
	for i, x := range l {
		out[i] = x.Rotation.At(t)
	}
	return out
}

// Who returns who is on duty at t across the layers, in layer order,
// without repeating a person who is on more than one layer.
func (l Layers[P]) Who(t time.Time) []P {
	out := make([]P, 0, len(l))
	for _, x := range l {
		if x.Rotation.IsZero() {
			continue
		}
		if w := x.Rotation.At(t).Who; !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// Pair returns two layers named "primary" and "secondary": r, and r offset
// by one position, so this turn's secondary is next turn's primary. The
// secondary has none of r's overrides ([Rotation.Offset]); for absences
// that hold on both layers use [Infra.WithOverrides] or add them to each.
func Pair[P comparable](r Rotation[P]) Layers[P] {
	return Layers[P]{{Name: "primary", Rotation: r}, {Name: "secondary", Rotation: r.Offset(1)}}
}

// UnmarshalJSON decodes the list [Layers] encodes to, strictly: an unknown
// or repeated key at any depth is refused with its JSON path
// ("[1].rotation.overrides[0].absnet"), and each rotation is validated as
// [Rotation.UnmarshalJSON] does. null leaves l unchanged.
func (l *Layers[P]) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var w []struct {
		Name     string          `json:"name,omitempty"`
		Rotation json.RawMessage `json:"rotation"`
	}
	if err := strict.Decode(b, &w); err != nil {
		return fromStrict(err, "")
	}
	out := make(Layers[P], len(w))
	for i, x := range w {
		r, err := decodeRotation[P](x.Rotation, fmt.Sprintf("[%d].rotation", i))
		if err != nil {
			return err
		}
		out[i] = Layer[P]{Name: x.Name, Rotation: r}
	}
	*l = out
	return nil
}
