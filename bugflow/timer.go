package bugflow

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/teamcadence/cadence/internal/strict"
)

// An Adder adds a duration to an instant. WallClock is the default;
// sla.Calendar satisfies it to count business time instead.
type Adder interface {
	Add(t time.Time, d time.Duration) time.Time
}

// WallClock is the Adder of plain calendar time: whole days of d are added
// as calendar days in t's location, keeping the local time of day across
// DST changes (a week from Monday 09:00 is the next Monday 09:00, 167 or 169
// hours later), and the remainder as elapsed time. A local time that does
// not exist on the day reached (a spring-forward gap) is normalised as
// forward by the gap: 02:30 on 2024-03-10 in America/Chicago becomes 03:30
// CDT, never earlier.
// Its zero value is ready to use.
type WallClock struct{}

// Add returns t plus d, whole days as calendar days in t's location.
func (WallClock) Add(t time.Time, d time.Duration) time.Time {
	days := int(d / (24 * time.Hour))
	rest := d % (24 * time.Hour)
	y, m, dd := t.Date()
	h, mi, s := t.Clock()
	u := time.Date(y, m, dd+days, h, mi, s, t.Nanosecond(), t.Location())
	// In a spring-forward gap time.Date may answer before the wall time
	// asked for (01:30 CST for 02:30); move on by the difference so that a
	// deadline never comes early.
	want := time.Date(y, m, dd+days, h, mi, s, t.Nanosecond(), time.UTC)
	uy, um, ud := u.Date()
	uh, umi, us := u.Clock()
	if diff := want.Sub(time.Date(uy, um, ud, uh, umi, us, u.Nanosecond(), time.UTC)); diff > 0 {
		u = u.Add(diff)
	}
	return u.Add(rest)
}

// Timers are the clocks of R18, R19 and R29: QA has Reproduce to reproduce
// a new report; a reporter asked for information is pinged after Ping and
// the bug closes after Close, both counted from the last communication.
// In JSON the durations are Go duration strings ("168h").
type Timers struct {
	Reproduce time.Duration
	Ping      time.Duration
	Close     time.Duration
}

// Week is seven days; WallClock adds it as seven calendar days. The Fleet
// presets use one week to reproduce (R18) and three and six weeks for the
// reporter (R19).
const Week = 7 * 24 * time.Hour

type timersJSON struct {
	Reproduce string `json:"reproduce,omitempty"`
	Ping      string `json:"ping,omitempty"`
	Close     string `json:"close,omitempty"`
}

// MarshalJSON writes the durations as Go duration strings; zero ones are
// left out.
func (t Timers) MarshalJSON() ([]byte, error) {
	f := func(d time.Duration) string {
		if d == 0 {
			return ""
		}
		return d.String()
	}
	return json.Marshal(timersJSON{f(t.Reproduce), f(t.Ping), f(t.Close)})
}

// UnmarshalJSON reads what MarshalJSON writes, strictly (unknown and
// duplicate keys are refused); a missing or null field, and a null
// document, leave the duration unchanged. Errors are *ConfigError with the
// field's path ("ping").
func (t *Timers) UnmarshalJSON(b []byte) error {
	j := t.wire()
	if err := strict.Decode(b, &j); err != nil {
		return fromStrict("", err)
	}
	out, err := j.timers("")
	if err != nil {
		return err
	}
	*t = out
	return nil
}

func (t Timers) wire() timersJSON {
	f := func(d time.Duration) string {
		if d == 0 {
			return ""
		}
		return d.String()
	}
	return timersJSON{f(t.Reproduce), f(t.Ping), f(t.Close)}
}

// timers parses the wire form; prefix is the path of the timers object.
func (j timersJSON) timers(prefix string) (Timers, error) {
	var out Timers
	for _, x := range []struct {
		name string
		s    string
		d    *time.Duration
	}{{"reproduce", j.Reproduce, &out.Reproduce}, {"ping", j.Ping, &out.Ping}, {"close", j.Close, &out.Close}} {
		if x.s == "" {
			continue
		}
		d, err := time.ParseDuration(x.s)
		if err != nil {
			return Timers{}, &ConfigError{Field: joinPath(prefix, x.name), Value: x.s, Reason: "want a Go duration such as 168h", Err: ErrSyntax}
		}
		*x.d = d
	}
	if err := out.validate(); err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) && prefix != "" {
			c := *ce
			c.Field = strings.Replace(c.Field, "timers.", prefix+".", 1)
			return Timers{}, &c
		}
		return Timers{}, err
	}
	return out, nil
}

func (t Timers) validate() error {
	for _, x := range []struct {
		name string
		d    time.Duration
	}{{"reproduce", t.Reproduce}, {"ping", t.Ping}, {"close", t.Close}} {
		if x.d < 0 {
			return configErr("timers."+x.name, x.d.String(), "negative")
		}
	}
	if t.Ping > 0 && t.Close > 0 && t.Ping >= t.Close {
		return configErr("timers.ping", t.Ping.String(), "not before timers.close "+t.Close.String())
	}
	return nil
}

// A Timer names one of the clocks.
type Timer int

const (
	// TimerReproduce is R18: QA reproduces a new report within
	// Timers.Reproduce.
	TimerReproduce Timer = iota + 1
	// TimerPing is R19: the reporter is pinged after Timers.Ping of silence.
	TimerPing
	// TimerClose is R19: the bug is closed after Timers.Close of silence.
	TimerClose
)

// String returns "reproduce", "ping reporter" or "close".
func (t Timer) String() string {
	switch t {
	case TimerReproduce:
		return "reproduce"
	case TimerPing:
		return "ping reporter"
	case TimerClose:
		return "close"
	}
	return fmt.Sprintf("Timer(%d)", int(t))
}

// Rule returns the rule in RULES.md behind the timer: "R18" or "R19".
func (t Timer) Rule() string {
	if t == TimerReproduce {
		return "R18"
	}
	return "R19"
}

// A Deadline is when a timer of one issue falls due: Start is when its
// clock started (creation, or last communication) and Due is Start plus the
// timer's duration on the Adder. Compare its times with Equal, not ==.
type Deadline struct {
	Number int
	Timer  Timer
	Start  time.Time
	Due    time.Time
}

// Overdue reports whether the deadline has passed at the instant: at is on
// or after Due.
func (d Deadline) Overdue(at time.Time) bool { return !at.Before(d.Due) }

// String describes the deadline on one line, such as
// "#17102 reproduce (R18) due 2024-03-08 09:40 UTC".
func (d Deadline) String() string {
	return fmt.Sprintf("#%d %s (%s) due %s", d.Number, d.Timer, d.Timer.Rule(), d.Due.Format("2006-01-02 15:04 MST"))
}

// Deadlines returns the running timers of one issue, earliest first: for an
// open issue in the inbox (or a state the flow puts between the inbox and
// reproduced, such as Fleet's "acknowledged"), the R18 reproduce clock from creation (stopped
// while a Waiting label is present); for an open issue with a Waiting label,
// the R19 ping and close clocks from the last communication (creation when
// unknown). cal counts durations; nil means WallClock. The clocks run in
// the location of the issue's times (convert them with In to use another
// zone; Agenda and Report use the location of their instant).
func (s Scheme) Deadlines(is Issue, cal Adder) []Deadline {
	s = s.orEmpty()
	return s.deadlines(nil, &is, s.evaluate(&is), cal, nil)
}

// deadlines appends the issue's running timers to dst; with loc set, the
// clocks start from the issue's instants seen in loc.
func (s *compiled) deadlines(dst []Deadline, is *Issue, v Evaluation, cal Adder, loc *time.Location) []Deadline {
	if is.Closed {
		return dst
	}
	if cal == nil {
		cal = WallClock{}
	}
	waiting := false
	if s.waiting != 0 {
		for _, l := range is.Labels {
			if s.labelBits(trim(l))&s.waiting != 0 {
				waiting = true
				break
			}
		}
	}
	in := func(t time.Time) time.Time {
		if loc == nil || t.IsZero() {
			return t
		}
		return t.In(loc)
	}
	t := s.cfg.Timers
	if s.reproducing.Has(v.State) && !waiting && t.Reproduce > 0 && !is.Created.IsZero() {
		start := in(is.Created)
		dst = append(dst, Deadline{Number: is.Number, Timer: TimerReproduce, Start: start, Due: cal.Add(start, t.Reproduce)})
	}
	if waiting {
		start := is.LastContact
		if start.IsZero() {
			start = is.Created
		}
		start = in(start)
		if !start.IsZero() {
			if t.Ping > 0 {
				dst = append(dst, Deadline{Number: is.Number, Timer: TimerPing, Start: start, Due: cal.Add(start, t.Ping)})
			}
			if t.Close > 0 {
				dst = append(dst, Deadline{Number: is.Number, Timer: TimerClose, Start: start, Due: cal.Add(start, t.Close)})
			}
		}
	}
	return dst
}

// An Agenda is what the timers of many issues say at one instant: the
// overdue deadlines (oldest first; of an issue's reporter clocks only the
// latest overdue stage), and the next deadline to fall due after the
// instant, with HasNext false when none is running.
type Agenda struct {
	At      time.Time
	Overdue []Deadline
	Next    Deadline
	HasNext bool
}

// Agenda returns the agenda of the issues at the instant; cal counts the
// durations (nil for WallClock). The clocks run in at's location: with
// WallClock a week from 09:00 in that zone ends at 09:00 there across a DST
// change, and the deadlines are returned in that location.
func (s Scheme) Agenda(issues []Issue, at time.Time, cal Adder) Agenda {
	s = s.orEmpty()
	a := Agenda{At: at}
	var buf [3]Deadline
	for i := range issues {
		is := &issues[i]
		if is.Closed {
			continue
		}
		s.agendaOne(&a, buf[:0], is, s.evaluate(is), cal)
	}
	sortDeadlines(a.Overdue)
	return a
}

func (s *compiled) agendaOne(a *Agenda, buf []Deadline, is *Issue, v Evaluation, cal Adder) {
	ds := s.deadlines(buf, is, v, cal, a.At.Location())
	expired := slices.ContainsFunc(ds, func(d Deadline) bool { return d.Timer == TimerClose && d.Overdue(a.At) })
	for _, d := range ds {
		if d.Overdue(a.At) {
			if expired && d.Timer == TimerPing {
				continue
			}
			a.Overdue = append(a.Overdue, d)
		} else if !a.HasNext || d.Due.Before(a.Next.Due) || d.Due.Equal(a.Next.Due) && d.Number < a.Next.Number {
			a.Next, a.HasNext = d, true
		}
	}
}

func sortDeadlines(ds []Deadline) {
	slices.SortFunc(ds, func(a, b Deadline) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		if a.Number != b.Number {
			return a.Number - b.Number
		}
		return int(a.Timer) - int(b.Timer)
	})
}
