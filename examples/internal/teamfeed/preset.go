package teamfeed

import "github.com/teamcadence/cadence/examples/internal/preset"

// FromPreset returns the Team of a preset with its variant chosen: the
// engineering on-call as one layer, then each layer of the infrastructure
// responders ("fleet infrastructure primary", "... secondary"), absences
// included.
func FromPreset(p preset.Team) Team {
	t := Team{Name: p.Name, Zone: p.Zone, Sprints: p.Sprints, Rituals: p.Rituals, Train: p.Train}
	if !p.OnCall.IsZero() {
		t.Layers = append(t.Layers, Layer{Name: p.OnCall.Name(), Rotation: p.OnCall})
	}
	// Offset layers (the secondary) carry no rotation name: use the first's.
	infra := "infra"
	if len(p.Infra.Responders) > 0 && p.Infra.Responders[0].Rotation.Name() != "" {
		infra = p.Infra.Responders[0].Rotation.Name()
	}
	for _, l := range p.Infra.Responders {
		t.Layers = append(t.Layers, Layer{Name: infra + " " + l.Name, Rotation: l.Rotation})
	}
	return t
}
