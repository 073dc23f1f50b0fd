package sla

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzScanFlatClock checks decodeClock's fast path against the strict
// decoder: whenever scanFlatClock accepts an input, decodeStrict accepts it
// too and fills the same fields; whatever it refuses goes to decodeStrict.
func FuzzScanFlatClock(f *testing.F) {
	// accepted by the fast path
	f.Add(`{"target":"first response","calendar":"us","state":"running","started":"2024-03-08T16:00:00-06:00"}`)
	f.Add(` { "target" : "x" , "cycles" : 12 , "breaches" : -0 , "worst" : null } `)
	f.Add(`{}`)
	f.Add(`{"elapsed":"1h","since":"2024-03-08T17:00:00Z","breachedAt":"2024-03-08T16:30:00Z","zone":"UTC","cycles":0}`)
	// left to the strict decoder
	f.Add(`{"target":{"within":"1h"},"state":"running"}`)
	f.Add(`{"target":"x","target":"y"}`)
	f.Add(`{"cycles":01}`)
	f.Add(`{"cycles":1.0}`)
	f.Add(`{"cycles":1e3}`)
	f.Add(`{"cycles":1234567890123}`)
	f.Add(`{"state":"run\u006eing"}`)
	f.Add(`{"state":"running"} x`)
	f.Add(`{"state":"running",}`)
	f.Add(`{"State":"running"}`)
	f.Add(`{"state":nul}`)
	f.Add(`null`)
	f.Fuzz(func(t *testing.T, in string) {
		var fast clockWire
		var vals wireValues
		if !scanFlatClock([]byte(in), &fast, &vals) {
			return
		}
		var slow clockWire
		require.NoError(t, decodeStrict([]byte(in), &slow, ""), "the fast path accepted %s", in)
		require.True(t, bytes.Equal(fast.Target, slow.Target) || len(fast.Target) == 0 && string(slow.Target) == "null",
			"target %s != %s", fast.Target, slow.Target)
		for _, p := range [][2]*string{{fast.Calendar, slow.Calendar}, {fast.State, slow.State}, {fast.Zone, slow.Zone},
			{fast.Started, slow.Started}, {fast.Since, slow.Since}, {fast.Elapsed, slow.Elapsed},
			{fast.BreachedAt, slow.BreachedAt}, {fast.Worst, slow.Worst}} {
			require.Equal(t, p[1] == nil, p[0] == nil, in)
			if p[0] != nil {
				require.Equal(t, *p[1], *p[0], in)
			}
		}
		for _, p := range [][2]*int{{fast.Cycles, slow.Cycles}, {fast.Breaches, slow.Breaches}} {
			require.Equal(t, p[1] == nil, p[0] == nil, in)
			if p[0] != nil {
				require.Equal(t, *p[1], *p[0], in)
			}
		}
	})
}
