package main

import "github.com/teamcadence/cadence/examples/internal/preset"

// The Fleet preset lives in examples/internal/preset, shared with
// examples/teamcal and examples/oncall-ics; these names keep the report's
// code as it was.
type (
	Preset   = preset.Preset
	Team     = preset.Team
	Contact  = preset.Contact
	Variant  = preset.Variant
	Duration = preset.Duration
)

// presetJSON is the embedded preset.json of examples/internal/preset.
var presetJSON = preset.JSON

// Fleet returns the Fleet preset as a Go value (preset.Fleet).
func Fleet() (Preset, error) { return preset.Fleet() }

// loadPreset decodes a Preset from JSON (preset.Load).
func loadPreset(b []byte) (Preset, error) { return preset.Load(b) }
