package main

import (
	"time"

	"github.com/teamcadence/cadence/sla"
)

// slaClock is one of the ticket's clocks and the events it reacts to.
type slaClock struct {
	rule    string      // handbook rule, such as "R25"
	title   string      // short name, such as "first response"
	starter sla.Starter // a Target or a Tiered, started at opened
	// stopsOnReply: the first agent reply meets the target.
	stopsOnReply bool
	// restarts: every agent reply starts a new cycle (R27).
	restarts bool
	// pauses: waiting on customer pauses it, customer replied resumes it.
	pauses bool
	clock  sla.Clock
}

// fleetClocks returns Fleet's clocks R25-R28 on the business calendar cal,
// not yet started.
func fleetClocks(cal sla.Calendar) []*slaClock {
	return []*slaClock{
		{rule: "R25", title: "first response", starter: sla.Fleet2024FirstResponse(cal), stopsOnReply: true, pauses: true},
		{rule: "R26", title: "on-call", starter: sla.Fleet2024OnCall(cal), stopsOnReply: true},
		{rule: "R27", title: "follow-up", starter: sla.Fleet2024PullRequestFollowUp(cal), restarts: true, pauses: true},
		{rule: "R28", title: "bug confirmation", starter: sla.Fleet2024CriticalBugConfirmation(cal), stopsOnReply: true},
	}
}

// target describes the running target: "1h business", "8h business", or for
// the tiered R26 "1h wall clock (in hours)" or "4h wall clock (after hours)",
// the tier chosen when the ticket was opened.
func (c *slaClock) target() string {
	t := c.clock.Target()
	s := duration(t.Within) + " business"
	if t.Calendar.IsZero() {
		s = duration(t.Within) + " wall clock"
	}
	if tiered, ok := c.starter.(sla.Tiered); ok {
		if tiered.Calendar.Open(c.clock.Started()) {
			return s + " (in hours)"
		}
		return s + " (after hours)"
	}
	return s
}

// react applies ev to the clock and returns the move it made, or "-" when
// the event does not concern the clock in its state. An error means the sla
// package refused a move; parseTicket's checks make that a bug.
func (c *slaClock) react(ev event) (string, error) {
	var move func(time.Time) (sla.Clock, error)
	var name string
	state := c.clock.State()
	switch ev.kind {
	case opened:
		c.clock = c.starter.Start(ev.at)
		return "start", nil
	case agentReplied:
		switch {
		case state == sla.Stopped:
		case c.restarts:
			move, name = c.clock.Restart, "restart"
		case c.stopsOnReply:
			move, name = c.clock.Stop, "stop"
		}
	case waitingOnCustomer:
		if c.pauses && state == sla.Running {
			move, name = c.clock.Pause, "pause"
		}
	case customerReplied:
		if c.pauses && state == sla.Paused {
			move, name = c.clock.Resume, "resume"
		}
	case solved:
		if state != sla.Stopped {
			move, name = c.clock.Stop, "stop"
		}
	}
	if move == nil {
		return "-", nil
	}
	k, err := move(ev.at)
	if err != nil {
		return "", err
	}
	c.clock = k
	return name, nil
}
