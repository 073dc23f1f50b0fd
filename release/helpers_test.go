package release

import (
	"testing"
	"time"
)

// pacific is Fleet's zone, loaded from the zone data the tests pin
// (ZONEINFO, or the time/tzdata import in train_test.go).
var pacific = func() *time.Location {
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		panic(err)
	}
	return loc
}()

// must returns v, panicking on err: for presets in tests.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// mustDrift is tr.Drift(h, opts...) that fails the test on error.
func mustDrift(t testing.TB, tr Train, h History, opts ...DriftOption) Report {
	t.Helper()
	rep, err := tr.Drift(h, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
