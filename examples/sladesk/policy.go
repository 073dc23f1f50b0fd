package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date/v2/clock"
	"github.com/teamcadence/cadence/sla"
)

// Kind is what happened to a ticket.
type Kind string

// The ticket events sladesk understands.
const (
	Opened          Kind = "opened"           // a ticket is opened: clocks start
	AgentReplied    Kind = "agent-replied"    // an agent answered the customer
	WaitingCustomer Kind = "waiting-customer" // the ticket waits on the customer
	CustomerReplied Kind = "customer-replied" // the customer answered
	Solved          Kind = "solved"           // the ticket is solved: clocks stop
)

var kinds = []Kind{Opened, AgentReplied, WaitingCustomer, CustomerReplied, Solved}

// Action is what an event does to one clock.
type Action string

// The actions. An action that does not apply in the clock's state (resume a
// running clock, restart a stopped one) leaves it as it is.
const (
	Start   Action = "start"
	Pause   Action = "pause"
	Resume  Action = "resume"
	Stop    Action = "stop"
	Restart Action = "restart"
)

var actions = []Action{Start, Pause, Resume, Stop, Restart}

// A Rule says which clock a ticket carries and what each event does to it.
type Rule struct {
	Name    string          // stable key of the clock in the database, such as "first-response"
	Starter sla.Starter     // an sla.Target or sla.Tiered
	When    string          // a tag the ticket must carry when opened; "" for every ticket
	On      map[Kind]Action // Opened must map to Start
	Cite    string          // the rule it models, such as "R25"
}

// A Policy is the list of rules, in a fixed order.
type Policy struct {
	Rules []Rule
}

func (p Policy) rule(name string) (Rule, bool) {
	i := slices.IndexFunc(p.Rules, func(r Rule) bool { return r.Name == name })
	if i < 0 {
		return Rule{}, false
	}
	return p.Rules[i], true
}

// businessCalendar is the default business calendar: Monday to Friday,
// 09:00-17:00 in America/Chicago.
func businessCalendar(loc *time.Location) (sla.Calendar, error) {
	return sla.NewCalendar(loc, sla.WorkWeek(clock.New(9, 0, 0, 0), clock.New(17, 0, 0, 0)))
}

// DefaultPolicy is R25-R28 of RULES.md on the business calendar cal.
func DefaultPolicy(cal sla.Calendar) Policy {
	stopOnAnswer := map[Kind]Action{Opened: Start, AgentReplied: Stop, Solved: Stop}
	return Policy{Rules: []Rule{
		{Name: "first-response", Starter: sla.Fleet2024FirstResponse(cal), On: stopOnAnswer, Cite: "R25"},
		{Name: "on-call", Starter: sla.Fleet2024OnCall(cal), When: "oncall", On: stopOnAnswer, Cite: "R26"},
		{Name: "follow-up", Starter: sla.Fleet2024PullRequestFollowUp(cal), Cite: "R27", On: map[Kind]Action{
			Opened: Start, AgentReplied: Restart, WaitingCustomer: Pause, CustomerReplied: Resume, Solved: Stop,
		}},
		{Name: "critical-confirmation", Starter: sla.Fleet2024CriticalBugConfirmation(cal), When: "critical", On: stopOnAnswer, Cite: "R28"},
	}}
}

// policyFile is the JSON form of a targets file.
type policyFile struct {
	Targets []struct {
		Name   string            `json:"name"`
		Target json.RawMessage   `json:"target"`
		Tiered json.RawMessage   `json:"tiered"`
		When   string            `json:"when"`
		On     map[string]string `json:"on"`
		Cite   string            `json:"cite"`
	} `json:"targets"`
}

// ReadPolicy reads a targets file: {"targets": [{"name": "first-response",
// "target": <sla.Target JSON> or "tiered": <sla.Tiered JSON>, "when": "tag",
// "on": {"opened": "start", "agent-replied": "stop", ...}}]}. Unknown keys,
// unknown events and actions, and duplicate names are errors.
func ReadPolicy(r io.Reader) (Policy, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Policy{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f policyFile
	if err := dec.Decode(&f); err != nil {
		return Policy{}, fmt.Errorf("targets: %w", err)
	}
	if len(f.Targets) == 0 {
		return Policy{}, fmt.Errorf("targets: no targets")
	}
	var p Policy
	for i, t := range f.Targets {
		field := fmt.Sprintf("targets[%d]", i)
		if t.Name == "" || strings.ContainsAny(t.Name, " \t\n") {
			return Policy{}, fmt.Errorf("%s.name %q: want a non-empty name without spaces", field, t.Name)
		}
		if _, dup := p.rule(t.Name); dup {
			return Policy{}, fmt.Errorf("%s.name %q: given twice", field, t.Name)
		}
		r := Rule{Name: t.Name, When: t.When, Cite: t.Cite, On: map[Kind]Action{}}
		switch {
		case len(t.Target) > 0 && len(t.Tiered) > 0:
			return Policy{}, fmt.Errorf("%s: give target or tiered, not both", field)
		case len(t.Target) > 0:
			var st sla.Target
			if err := json.Unmarshal(t.Target, &st); err != nil {
				return Policy{}, fmt.Errorf("%s.target: %w", field, err)
			}
			r.Starter = st
		case len(t.Tiered) > 0:
			var st sla.Tiered
			if err := json.Unmarshal(t.Tiered, &st); err != nil {
				return Policy{}, fmt.Errorf("%s.tiered: %w", field, err)
			}
			r.Starter = st
		default:
			return Policy{}, fmt.Errorf("%s: want a target or a tiered target", field)
		}
		for k, a := range t.On {
			if !slices.Contains(kinds, Kind(k)) {
				return Policy{}, fmt.Errorf("%s.on: unknown event %q (want one of %v)", field, k, kinds)
			}
			if !slices.Contains(actions, Action(a)) {
				return Policy{}, fmt.Errorf("%s.on.%s: unknown action %q (want one of %v)", field, k, a, actions)
			}
			r.On[Kind(k)] = Action(a)
		}
		if r.On[Opened] != Start {
			return Policy{}, fmt.Errorf("%s.on.opened: want \"start\"", field)
		}
		p.Rules = append(p.Rules, r)
	}
	return p, nil
}

// An Event is one line of the input: a ticket event at an instant.
type Event struct {
	Seq    int64     `json:"seq,omitempty"` // position in the input, from 1; set by the reader when absent
	Ticket string    `json:"ticket"`
	Kind   Kind      `json:"kind"`
	At     time.Time `json:"at"`
	Tags   []string  `json:"tags,omitempty"` // for opened: which optional clocks apply
}

// ReadEvents reads JSON lines of events. Blank lines are skipped; a missing
// seq is the line number. Errors name the line.
func ReadEvents(r io.Reader) ([]Event, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var out []Event
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		ev, err := parseEvent(line)
		if err != nil {
			return nil, fmt.Errorf("events line %d: %w", n+1, err)
		}
		if ev.Seq == 0 {
			ev.Seq = int64(n + 1)
		}
		if len(out) > 0 && ev.Seq <= out[len(out)-1].Seq {
			return nil, fmt.Errorf("events line %d: seq %d not after %d", n+1, ev.Seq, out[len(out)-1].Seq)
		}
		out = append(out, ev)
	}
	return out, nil
}

func parseEvent(line []byte) (Event, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	var ev Event
	if err := dec.Decode(&ev); err != nil {
		return Event{}, err
	}
	if dec.More() {
		return Event{}, fmt.Errorf("text after the event")
	}
	switch {
	case ev.Ticket == "":
		return Event{}, fmt.Errorf("ticket: empty")
	case !slices.Contains(kinds, ev.Kind):
		return Event{}, fmt.Errorf("kind %q: want one of %v", ev.Kind, kinds)
	case ev.At.IsZero():
		return Event{}, fmt.Errorf("at: missing instant")
	case ev.Seq < 0:
		return Event{}, fmt.Errorf("seq %d: negative", ev.Seq)
	}
	return ev, nil
}
