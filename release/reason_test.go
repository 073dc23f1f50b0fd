package release

import (
	"math/rand/v2"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// ReasonIn prints the same decision in the reader's zone; Reason stays in
// the policy's (R10: Fleet's freeze is held in Pacific time).
func TestDecisionReasonIn(t *testing.T) {
	la, chi, lon, ktm := zone(t, "America/Los_Angeles"), zone(t, "America/Chicago"), zone(t, "Europe/London"), zone(t, "Asia/Kathmandu")
	spring := MustNewTrain(d(2024, time.March, 6), 3, WithVersion(MustParseVersion("4.47.0")), WithPolicy(must(Fleet2024Freeze(pacific))))
	// release 1 on Wed 2024-03-13: its freeze opens after both US zones have
	// sprung forward on Sun 2024-03-10 (Chicago at 08:00 UTC, Los Angeles at
	// 10:00 UTC).
	dst := MustNewTrain(d(2024, time.March, 13), 3, WithPolicy(must(Fleet2024Freeze(pacific))))
	tests := []struct {
		name   string
		tr     Train
		at     time.Time
		c      Change
		loc    *time.Location
		want   string // ReasonIn(loc)
		reason string // Reason, unchanged
	}{
		// Chicago reader, winter: CST, two hours ahead of PST.
		{"chicago CST", spring, time.Date(2024, time.March, 5, 10, 0, 0, 0, la), Change{Kind: Feature}, chi,
			"feature may not merge at Tue 2024-03-05 12:00 CST: freeze for release 1 (4.47.0) since Tue 2024-03-05 11:00 CST until Thu 2024-03-07 02:00 CST; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)",
			"feature may not merge at Tue 2024-03-05 10:00 PST: freeze for release 1 (4.47.0) since Tue 2024-03-05 09:00 PST until Thu 2024-03-07 00:00 PST; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)"},
		// Chicago reader, summer: CDT, deep freeze.
		{"chicago CDT deep", spring, time.Date(2024, time.March, 27, 10, 0, 0, 0, la), Change{Kind: Feature}, chi,
			"feature may not merge at Wed 2024-03-27 12:00 CDT: deep freeze for release 2 (4.48.0) since Wed 2024-03-27 02:00 CDT until Thu 2024-03-28 02:00 CDT; only unreleased-bug-fix, blocker-fix may merge (Fleet 2024 freeze, R10)",
			"feature may not merge at Wed 2024-03-27 10:00 PDT: deep freeze for release 2 (4.48.0) since Wed 2024-03-27 00:00 PDT until Thu 2024-03-28 00:00 PDT; only unreleased-bug-fix, blocker-fix may merge (Fleet 2024 freeze, R10)"},
		// DST boundary: at 09:00 UTC on Sun 2024-03-10 Chicago is already on
		// CDT (04:00) while Los Angeles is still on PST (01:00): three hours
		// apart instead of two.
		{"spring forward between the zones", dst, time.Date(2024, time.March, 10, 9, 0, 0, 0, time.UTC), Change{Kind: Feature}, chi,
			"feature may merge at Sun 2024-03-10 04:00 CDT: main is open; the freeze for release 1 starts at Tue 2024-03-12 11:00 CDT (Fleet 2024 freeze, R10)",
			"feature may merge at Sun 2024-03-10 01:00 PST: main is open; the freeze for release 1 starts at Tue 2024-03-12 09:00 PDT (Fleet 2024 freeze, R10)"},
		// An instant exactly on the freeze's start, read in Chicago.
		{"on the boundary", dst, time.Date(2024, time.March, 12, 9, 0, 0, 0, la), Change{Kind: Docs}, chi,
			"docs may merge at Tue 2024-03-12 11:00 CDT: freeze for release 1 since Tue 2024-03-12 11:00 CDT until Thu 2024-03-14 02:00 CDT; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)",
			"docs may merge at Tue 2024-03-12 09:00 PDT: freeze for release 1 since Tue 2024-03-12 09:00 PDT until Thu 2024-03-14 00:00 PDT; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)"},
		// London is still on GMT on 2024-03-26 (it changes on 03-31): eight
		// hours ahead of PDT instead of the usual nine.
		{"london GMT", spring, time.Date(2024, time.March, 26, 10, 0, 0, 0, la), Change{Kind: Feature}, lon,
			"feature may not merge at Tue 2024-03-26 17:00 GMT: freeze for release 2 (4.48.0) since Tue 2024-03-26 16:00 GMT until Thu 2024-03-28 07:00 GMT; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)",
			"feature may not merge at Tue 2024-03-26 10:00 PDT: freeze for release 2 (4.48.0) since Tue 2024-03-26 09:00 PDT until Thu 2024-03-28 00:00 PDT; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)"},
		// Kathmandu (+05:45) crosses the date line of the window.
		{"kathmandu", spring, time.Date(2024, time.March, 26, 10, 0, 0, 0, la), Change{Kind: Feature}, ktm,
			"feature may not merge at Tue 2024-03-26 22:45 +0545: freeze for release 2 (4.48.0) since Tue 2024-03-26 21:45 +0545 until Thu 2024-03-28 12:45 +0545; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)",
			"feature may not merge at Tue 2024-03-26 10:00 PDT: freeze for release 2 (4.48.0) since Tue 2024-03-26 09:00 PDT until Thu 2024-03-28 00:00 PDT; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)"},
		// nil: the policy's zone, even for an instant given in another zone.
		{"nil is the policy zone", spring, time.Date(2024, time.March, 26, 12, 0, 0, 0, chi), Change{Kind: Feature}, nil,
			"feature may not merge at Tue 2024-03-26 10:00 PDT: freeze for release 2 (4.48.0) since Tue 2024-03-26 09:00 PDT until Thu 2024-03-28 00:00 PDT; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)",
			"feature may not merge at Tue 2024-03-26 10:00 PDT: freeze for release 2 (4.48.0) since Tue 2024-03-26 09:00 PDT until Thu 2024-03-28 00:00 PDT; only released-bug-fix, unreleased-bug-fix, blocker-fix, docs may merge (Fleet 2024 freeze, R10)"},
		// No policy: nil keeps At's location, a zone converts it.
		{"no policy", MustNewTrain(d(2024, time.March, 6), 3), time.Date(2024, time.March, 6, 12, 0, 0, 0, chi), Change{Kind: Feature}, lon,
			"feature may merge at Wed 2024-03-06 18:00 GMT: no freeze policy",
			"feature may merge at Wed 2024-03-06 12:00 CST: no freeze policy"},
	}
	for _, tt := range tests {
		dec := tt.tr.Gate(tt.at, tt.c)
		assert.Equal(t, tt.want, dec.ReasonIn(tt.loc), "%s: ReasonIn(%v)", tt.name, tt.loc)
		assert.Equal(t, tt.reason, dec.Reason(), "%s: Reason()", tt.name)
		assert.Equal(t, dec.Reason(), dec.ReasonIn(nil), tt.name)
		assert.Equal(t, dec.Reason(), dec.String(), tt.name)
	}
}

// Property (fixed seed): ReasonIn only rereads the instants. With the
// policy's zone it is Reason; in any zone it names At and the window's
// bound in that zone, and has the same words once the instants are blanked.
func TestDecisionReasonInProperties(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	zones := []*time.Location{la, zone(t, "America/Chicago"), zone(t, "Europe/London"),
		zone(t, "Australia/Lord_Howe"), zone(t, "Asia/Kathmandu"), time.UTC}
	trains := []Train{
		MustNewTrain(d(2024, time.January, 3), 3, WithPolicy(must(Fleet2024Freeze(pacific)))),
		MustNewTrain(d(2024, time.January, 3), 2, WithPolicy(must(Fleet2023Freeze(pacific)))),
		MustNewTrain(d(2024, time.January, 3), 3, WithPolicy(must(Fleet2025ReleaseCandidate(pacific)))),
	}
	stamp := regexp.MustCompile(`[A-Z][a-z]{2} \d{4}-\d\d-\d\d \d\d:\d\d [^ :;,)]+`)
	rng := rand.New(rand.NewPCG(10, 2024))
	base := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	for range 2000 {
		at := base.Add(time.Duration(rng.Int64N(int64(2 * 365 * 24 * time.Hour))))
		tr := trains[rng.IntN(len(trains))]
		c := Change{Kind: ChangeKind(rng.IntN(int(Chore) + 1)), Pick: rng.IntN(2) == 0}
		dec := tr.Gate(at, c)
		assert.Equal(t, dec.Reason(), dec.ReasonIn(la), "Gate(%v, %v)", at, c)
		for _, z := range zones {
			got := dec.ReasonIn(z)
			assert.Contains(t, got, " at "+at.In(z).Format("Mon 2006-01-02 15:04 MST")+": ", "Gate(%v, %v).ReasonIn(%v)", at, c, z)
			bound := dec.Window.End
			if dec.Phase == Open || (dec.Window.Mode == BranchCut && !c.Pick) {
				bound = dec.Window.Start
			}
			assert.Contains(t, got, " "+bound.In(z).Format("Mon 2006-01-02 15:04 MST"), "Gate(%v, %v).ReasonIn(%v)", at, c, z)
			assert.Equal(t, stamp.ReplaceAllString(dec.Reason(), "T"), stamp.ReplaceAllString(got, "T"), "only the instants differ")
		}
	}
}
