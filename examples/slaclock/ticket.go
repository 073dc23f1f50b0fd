package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// eventKind is what happened on the ticket.
type eventKind int

// The events of a ticket, in the CSV's words.
const (
	opened eventKind = iota + 1
	agentReplied
	waitingOnCustomer
	customerReplied
	solved
)

var eventNames = map[eventKind]string{
	opened:            "opened",
	agentReplied:      "agent replied",
	waitingOnCustomer: "waiting on customer",
	customerReplied:   "customer replied",
	solved:            "solved",
}

func (k eventKind) String() string { return eventNames[k] }

// parseEventKind accepts an event name regardless of case, with words
// separated by spaces, hyphens or underscores.
func parseEventKind(s string) (eventKind, bool) {
	s = strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == '\t'
	}), " "))
	for k, name := range eventNames {
		if name == s {
			return k, true
		}
	}
	return 0, false
}

// event is one row of the ticket.
type event struct {
	line int // line in the CSV, for messages
	at   time.Time
	kind eventKind
	note string
}

// maxEvents bounds a ticket, so that a wrong file fails fast.
const maxEvents = 10000

// parseTicket reads a ticket's CSV: rows of at,event[,note], an optional
// header row "at,event[,note]", and comment lines starting with #. Errors
// name the file, line and column.
func parseTicket(name string, data []byte) ([]event, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	r.ReuseRecord = true
	var events []event
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s: line %d, column %d: %v", name, pe.Line, pe.Column, pe.Err)
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := r.FieldPos(0)
		bad := func(field int, format string, a ...any) error {
			l, col := r.FieldPos(field)
			return fmt.Errorf("%s: line %d, column %d (%s): %s", name, l, col, []string{"at", "event", "note"}[field],
				fmt.Sprintf(format, a...))
		}
		if first && strings.EqualFold(strings.TrimSpace(rec[0]), "at") {
			continue // the header row
		}
		if len(rec) < 2 || len(rec) > 3 {
			return nil, fmt.Errorf("%s: line %d: %d fields, want at,event or at,event,note", name, line, len(rec))
		}
		if len(events) == maxEvents {
			return nil, fmt.Errorf("%s: line %d: more than %d events", name, line, maxEvents)
		}
		ev := event{line: line}
		if ev.at, err = time.Parse(time.RFC3339, strings.TrimSpace(rec[0])); err != nil {
			return nil, bad(0, "%q: want an RFC 3339 instant with an offset, such as 2024-03-08T16:30:00-06:00",
				rec[0])
		}
		var ok bool
		if ev.kind, ok = parseEventKind(rec[1]); !ok {
			return nil, bad(1, "%q: want opened, agent replied, waiting on customer, customer replied or solved",
				rec[1])
		}
		if len(rec) == 3 {
			ev.note = strings.TrimSpace(rec[2])
		}
		if len(events) == 0 && ev.kind != opened {
			return nil, bad(1, "%q: the first event must be opened", rec[1])
		}
		if len(events) > 0 {
			prev := events[len(events)-1]
			switch {
			case ev.kind == opened:
				return nil, bad(1, "opened again: the ticket was opened on line %d", events[0].line)
			case prev.kind == solved:
				return nil, bad(1, "%q after solved on line %d", rec[1], prev.line)
			case ev.at.Before(prev.at):
				return nil, bad(0, "%q is before the previous event, %s on line %d", rec[0],
					prev.at.Format(time.RFC3339), prev.line)
			}
		}
		events = append(events, ev)
	}
	if len(events) == 0 {
		return nil, fmt.Errorf("%s: no events: want rows of at,event[,note], the first one opened", name)
	}
	return events, nil
}
