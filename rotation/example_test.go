package rotation_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/rickb777/date/v2/clock"

	"github.com/teamcadence/cadence/rotation"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// A Wednesday rotation (R1) with the R32 checklist: who is on call, and the
// next hand-off.
func Example() {
	chi := must(time.LoadLocation("America/Chicago"))
	first := time.Date(2024, 3, 6, 9, 0, 0, 0, chi) // a Wednesday
	r := must(rotation.Fleet2024Weekly(first, "alice", "bob", "carol"))

	now := time.Date(2024, 3, 21, 15, 0, 0, 0, chi)
	s := r.At(now)
	fmt.Printf("on call: %s until %s\n", s.Who, s.End.Format("Mon Jan 2 15:04 MST"))
	h, _ := r.NextHandoff(now)
	fmt.Printf("next hand-off: %s -> %s at %s\n", h.Outgoing, h.Incoming, h.At.Format("Mon Jan 2 15:04"))
	fmt.Println("checklist:", h.Checklist[0])
	// Output:
	// on call: carol until Wed Mar 27 09:00 CDT
	// next hand-off: carol -> alice at Wed Mar 27 09:00
	// checklist: incoming engineer takes the @oncall alias
}

// Hand-offs stay at 09:00 local time across daylight-saving changes, so the
// shift over the change is 167 hours long.
func ExampleWeekly_dst() {
	chi := must(time.LoadLocation("America/Chicago"))
	r := must(rotation.Weekly(time.Date(2024, 3, 6, 9, 0, 0, 0, chi), "alice", "bob"))
	for s := range r.Shifts(time.Date(2024, 3, 6, 9, 0, 0, 0, chi), time.Date(2024, 3, 20, 9, 0, 0, 0, chi)) {
		fmt.Printf("%-5s %s  %dh\n", s.Who, s.Start.Format("Jan 2 15:04 MST"), int(s.Duration().Hours()))
	}
	// Output:
	// alice Mar 6 09:00 CST  167h
	// bob   Mar 13 09:00 CDT  168h
}

// The R3 24/7 pair taken over on Monday morning, with named contact levels
// and an announced absence (R4): the backup takes only the absent person's
// duty, on whichever layer it falls, and the chain pages the backup too.
func ExampleInfra_WithOverrides() {
	lon := must(time.LoadLocation("Europe/London"))
	monday := time.Date(2024, 4, 1, 8, 0, 0, 0, lon)
	infra := must(rotation.Fleet2024Infra(monday, time.Hour, []string{"ana", "ben", "cy"},
		rotation.Contact("application (payments)", "kai"),
		rotation.Contact("engineering manager", "lena"),
		rotation.Contact("cto", "mo")))
	// ben is away Thursday 4 to Tuesday 9 April; dee, a named backup, covers.
	infra = must(infra.WithBackups("dee").WithOverrides(rotation.Absence("ben", "dee",
		time.Date(2024, 4, 4, 0, 0, 0, 0, lon), time.Date(2024, 4, 9, 0, 0, 0, 0, lon))))
	for _, l := range infra.Responders {
		for s := range l.Rotation.Shifts(monday, monday.AddDate(0, 0, 14)) {
			fmt.Printf("%-9s %-3s %s - %s\n", l.Name, s.Who, s.Start.Format("Mon Jan 2 15:04"), s.End.Format("Mon Jan 2 15:04"))
		}
	}
	began := time.Date(2024, 4, 5, 3, 0, 0, 0, lon)
	for _, after := range []time.Duration{0, 90 * time.Minute} {
		p, _ := infra.Escalation.At(began, time.Time{}, began.Add(after))
		fmt.Printf("alert +%v: %s %v\n", after, p.Name, p.Who)
	}
	// Output:
	// primary   ana Mon Apr 1 08:00 - Mon Apr 8 08:00
	// primary   dee Mon Apr 8 08:00 - Tue Apr 9 00:00
	// primary   ben Tue Apr 9 00:00 - Mon Apr 15 08:00
	// secondary ben Mon Apr 1 08:00 - Thu Apr 4 00:00
	// secondary dee Thu Apr 4 00:00 - Mon Apr 8 08:00
	// secondary cy  Mon Apr 8 08:00 - Mon Apr 15 08:00
	// alert +0s: first responders [ana dee]
	// alert +1h30m0s: application (payments) [kai]
}

// An escalation chain (R3, R28): which level is paged, and when the next one
// will be.
func ExampleChain_At() {
	utc := time.UTC
	oncall := must(rotation.Weekly(time.Date(2024, 4, 1, 8, 0, 0, 0, utc), "ana", "ben"))
	chain := must(rotation.Escalation(
		rotation.Level[string]{Name: "on call", Rotations: []rotation.Rotation[string]{oncall}, Wait: 15 * time.Minute},
		rotation.Level[string]{Name: "lead", People: []string{"lead"}, Wait: 45 * time.Minute},
		rotation.Level[string]{Name: "product", People: []string{"pm", "em"}, Wait: time.Hour},
	))
	began := time.Date(2024, 4, 3, 2, 10, 0, 0, utc)
	for _, after := range []time.Duration{0, 20 * time.Minute, 3 * time.Hour} {
		p, _ := chain.At(began, time.Time{}, began.Add(after))
		next := "none"
		if !p.Next.IsZero() {
			next = p.Next.Format("15:04")
		}
		fmt.Printf("+%v: %s %v, next escalation %s\n", after, p.Name, p.Who, next)
	}
	p, _ := chain.At(began, began.Add(5*time.Minute), began.Add(time.Hour))
	fmt.Printf("acknowledged: %v at level %q\n", p.Acked, p.Name)
	// Output:
	// +0s: on call [ana], next escalation 02:25
	// +20m0s: lead [lead], next escalation 03:10
	// +3h0m0s: product [pm em], next escalation none
	// acknowledged: true at level "on call"
}

// A roster change takes effect from a hand-off and never reshuffles the
// shifts before it; Diff shows its impact before it is saved.
func ExampleDiff() {
	first := time.Date(2024, 1, 3, 9, 0, 0, 0, time.UTC)
	old := must(rotation.Weekly(first, "ana", "ben", "cy"))
	// dee joins right after whoever is due on 17 January.
	edited := must(old.Insert(time.Date(2024, 1, 17, 9, 0, 0, 0, time.UTC), "dee"))
	for _, c := range rotation.Diff(old, edited, first, first.AddDate(0, 0, 42)) {
		fmt.Printf("%s: %s -> %s\n", c.Start.Format("Jan 2"), c.Old, c.New)
	}
	// Output:
	// Jan 24: ana -> dee
	// Jan 31: ben -> ana
	// Feb 7: cy -> ben
}

// A rotation's configuration round-trips through JSON.
func ExampleRotation_MarshalJSON() {
	first := time.Date(2024, 3, 6, 9, 0, 0, 0, must(time.LoadLocation("Asia/Kathmandu")))
	r := must(rotation.Every(first, 14, "ana", "ben")).WithName("platform")
	b := must(json.Marshal(r))
	fmt.Println(string(b))
	var back rotation.Rotation[string]
	fmt.Println(json.Unmarshal(b, &back), back.Equal(r))
	// Output:
	// {"name":"platform","zone":"Asia/Kathmandu","first":"2024-03-06","weekday":"Wednesday","at":"09:00","every":14,"people":["ana","ben"]}
	// <nil> true
}

// Who is on call during a sprint (R5), and how much duty each person had.
func ExampleRotation_Loads() {
	first := time.Date(2024, 1, 3, 9, 0, 0, 0, time.UTC)
	r := must(rotation.Weekly(first, "ana", "ben"))
	from, to := first, first.AddDate(0, 0, 21)
	for _, l := range r.Loads(from, to, nil) {
		fmt.Printf("%s: %d shifts, %v\n", l.Who, l.Shifts, l.Duty)
	}
	// Output:
	// ana: 2 shifts, 336h0m0s
	// ben: 1 shifts, 168h0m0s
}

// Samoa skipped 2011-12-30 when it moved across the date line. The turn
// due that day is empty: the hand-off happens at 23:30 on the next day the
// zone has, and whoever was on duty stays until then.
func ExampleRotation_At_skippedDay() {
	apia := must(time.LoadLocation("Pacific/Apia"))
	r := must(rotation.New(apia, date.New(2011, 12, 28), clock.New(23, 30, 0, 0), 1, "ana", "ben", "cy"))
	for s := range r.Shifts(time.Date(2011, 12, 29, 0, 0, 0, 0, apia), time.Date(2012, 1, 1, 0, 0, 0, 0, apia)) {
		fmt.Printf("%-3s %s - %s (%v)\n", s.Who, s.Start.Format("Jan 2 15:04 -07"), s.End.Format("Jan 2 15:04 -07"), s.Duration())
	}
	// Output:
	// ana Dec 28 23:30 -10 - Dec 29 23:30 -10 (24h0m0s)
	// ben Dec 29 23:30 -10 - Dec 31 23:30 +14 (24h0m0s)
	// ana Dec 31 23:30 +14 - Jan 1 23:30 +14 (24h0m0s)
}

// NextHandoff answers at any distance: a rotation with 400-day turns, and a
// one-person roster that never hands off.
func ExampleRotation_NextHandoff() {
	utc := time.UTC
	first := time.Date(2024, 3, 6, 9, 0, 0, 0, utc)
	long := must(rotation.Every(first, 400, "ana", "ben"))
	h, ok := long.NextHandoff(first)
	fmt.Println(h.At.Format("2006-01-02 15:04"), h.Outgoing, "->", h.Incoming, ok)
	_, ok = must(rotation.Weekly(first, "solo")).NextHandoff(first)
	fmt.Println("solo:", ok)
	// Output:
	// 2025-04-10 09:00 ana -> ben true
	// solo: false
}
