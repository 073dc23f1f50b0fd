package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// genEvents makes the events of n tickets opened over about a month from
// start, each with a random but legal life: replies, waits on the customer,
// and usually a solve. Instants are whole seconds and distinct per ticket.
func genEvents(n int, seed uint64, start time.Time) []Event {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var evs []Event
	tagsets := [][]string{nil, nil, nil, {"critical"}, {"oncall"}, {"critical", "oncall"}}
	for i := range n {
		id := fmt.Sprintf("T-%05d", i+1)
		t := start.Add(time.Duration(rng.Int64N(int64(30*24*time.Hour))) / time.Second * time.Second)
		evs = append(evs, Event{Ticket: id, Kind: Opened, At: t, Tags: tagsets[rng.IntN(len(tagsets))]})
		waiting := false
		for range rng.IntN(6) {
			t = t.Add(time.Duration(1+rng.Int64N(int64(40*time.Hour/time.Second))) * time.Second)
			var k Kind
			switch {
			case waiting:
				k, waiting = CustomerReplied, false
			case rng.IntN(3) == 0:
				k, waiting = WaitingCustomer, true
			default:
				k = AgentReplied
			}
			evs = append(evs, Event{Ticket: id, Kind: k, At: t})
		}
		if rng.IntN(5) != 0 {
			t = t.Add(time.Duration(1+rng.Int64N(int64(72*time.Hour/time.Second))) * time.Second)
			evs = append(evs, Event{Ticket: id, Kind: Solved, At: t})
		}
	}
	slices.SortStableFunc(evs, func(a, b Event) int { return a.At.Compare(b.At) })
	for i := range evs {
		evs[i].Seq = int64(i + 1)
	}
	return evs
}
