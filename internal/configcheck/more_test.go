package configcheck_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/teamcadence/cadence/bugflow"
	"github.com/teamcadence/cadence/release"
	"github.com/teamcadence/cadence/rotation"
)

func withSentinels(cs []config, unknown, dup, syntax error, maps *regexp.Regexp) []config {
	for i := range cs {
		cs[i].unknown, cs[i].duplicate, cs[i].syntax, cs[i].maps = unknown, dup, syntax, maps
	}
	return cs
}

var noMaps = regexp.MustCompile(`^$^`)

func releaseConfigs(t *testing.T) []config {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	freeze, err := release.Fleet2024Freeze(la)
	require.NoError(t, err)
	train, err := release.Fleet2024Train(release.WithPolicy(freeze))
	require.NoError(t, err)
	return withSentinels([]config{
		{name: "release.Train", doc: marshal(t, train), decode: into[release.Train]},
		{name: "release.Policy", doc: marshal(t, freeze), decode: into[release.Policy]},
		{name: "release.Rules", doc: marshal(t, release.Fleet2024Rules()), decode: into[release.Rules]},
		{name: "release.Support", doc: marshal(t, release.Fleet2024Support()), decode: into[release.Support]},
	}, release.ErrUnknownField, release.ErrDuplicateKey, release.ErrSyntax, noMaps)
}

func rotationConfigs(t *testing.T) []config {
	loc := chicago(t)
	at := func(d, h int) time.Time { return time.Date(2024, 3, d, h, 0, 0, 0, loc) }
	eng, err := rotation.Fleet2024Weekly(at(6, 9), "ana", "ben", "chidi")
	require.NoError(t, err)
	eng, err = eng.WithRoster(at(20, 9), "ana", "ben", "chidi", "dana")
	require.NoError(t, err)
	eng, err = eng.WithOverrides(rotation.Swap("chidi", at(7, 9), at(8, 9)), rotation.Absence("ben", "ana", at(11, 0), at(12, 0)))
	require.NoError(t, err)
	infra, err := rotation.Fleet2024Infra(at(4, 8), time.Hour, []string{"gus", "hana", "ivo"},
		rotation.Contact("application", "kai"), rotation.Level[string]{Name: "engineering", Rotations: []rotation.Rotation[string]{eng}})
	require.NoError(t, err)
	infra, err = infra.WithBackups("jo").WithOverrides(rotation.Absence("gus", "jo", at(5, 0), at(9, 0)))
	require.NoError(t, err)
	return withSentinels([]config{
		{name: "rotation.Rotation", doc: marshal(t, eng), decode: into[rotation.Rotation[string]]},
		{name: "rotation.Chain", doc: marshal(t, infra.Escalation), decode: into[rotation.Chain[string]]},
		{name: "rotation.Layers", doc: marshal(t, infra.Responders), decode: into[rotation.Layers[string]]},
	}, rotation.ErrUnknownField, rotation.ErrDuplicateKey, rotation.ErrSyntax, noMaps)
}

func bugflowConfigs(t *testing.T) []config {
	var cs []config
	for _, preset := range []func(map[string]string) (bugflow.Scheme, error){bugflow.Fleet2022, bugflow.Fleet2024} {
		s, err := preset(map[string]string{"xpkoala": "qa", "lukeheath": "em"})
		require.NoError(t, err)
		doc := marshal(t, s)
		cs = append(cs, config{name: "bugflow.Scheme " + s.Name(), doc: doc, decode: into[bugflow.Scheme]})
	}
	cs = append(cs, config{name: "bugflow.Timers", doc: marshal(t, bugflow.FleetTimers()), decode: into[bugflow.Timers]})
	// people maps logins to roles: its keys are data.
	return withSentinels(cs, bugflow.ErrUnknownField, bugflow.ErrDuplicateKey, bugflow.ErrSyntax, regexp.MustCompile(`(^|\.)people$`))
}

// moreConfigs lists the configurations of rotation, release and bugflow.
func moreConfigs(t *testing.T) []config {
	var cs []config
	cs = append(cs, bugflowConfigs(t)...)
	cs = append(cs, rotationConfigs(t)...)
	cs = append(cs, releaseConfigs(t)...)
	return cs
}
