package sla

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// State is the state of a Clock. The zero State belongs to the zero Clock,
// which has not been started.
type State uint8

// The states of a started Clock.
const (
	Running State = iota + 1 // counting open time
	Paused                   // not counting; can resume
	Stopped                  // finished; no further actions
)

// String returns "running", "paused", "stopped", or "unstarted" for the zero
// State.
func (s State) String() string {
	switch s {
	case 0:
		return "unstarted"
	case Running:
		return "running"
	case Paused:
		return "paused"
	case Stopped:
		return "stopped"
	}
	return fmt.Sprintf("State(%d)", uint8(s))
}

// MarshalText returns the String form of s, and empty text for the zero
// State. It fails with a *ConfigError matching ErrInvalidClock for a value
// that is not one of the constants.
func (s State) MarshalText() ([]byte, error) {
	if s > Stopped {
		return nil, &ConfigError{Field: "state", Value: s.String(), Err: ErrInvalidClock, Reason: "not a state"}
	}
	if s == 0 {
		return nil, nil
	}
	return []byte(s.String()), nil
}

// UnmarshalText accepts "running", "paused", "stopped" and empty text (the
// zero State); anything else is a *ConfigError matching ErrSyntax.
func (s *State) UnmarshalText(b []byte) error {
	switch string(b) {
	case "":
		*s = 0
	case "running":
		*s = Running
	case "paused":
		*s = Paused
	case "stopped":
		*s = Stopped
	default:
		return &ConfigError{Field: "state", Value: string(b), Err: ErrSyntax,
			Reason: "want running, paused or stopped"}
	}
	return nil
}

// Action names an operation on a Clock, for ActionError.
type Action uint8

// The actions on a Clock.
const (
	ActionStart        Action = iota + 1 // NewClock or Target.Start
	ActionPause                          // Clock.Pause
	ActionResume                         // Clock.Resume
	ActionStop                           // Clock.Stop
	ActionRestart                        // Clock.Restart
	ActionWithCalendar                   // Clock.WithCalendar
)

// String returns the verb: "start", "pause", "resume", "stop", "restart" or
// "change the calendar of".
func (a Action) String() string {
	switch a {
	case ActionStart:
		return "start"
	case ActionPause:
		return "pause"
	case ActionResume:
		return "resume"
	case ActionStop:
		return "stop"
	case ActionRestart:
		return "restart"
	case ActionWithCalendar:
		return "change the calendar of"
	}
	return fmt.Sprintf("Action(%d)", uint8(a))
}

// ErrIllegalAction is wrapped by an *ActionError for an action the clock's
// state does not allow: pausing a clock that is not running, resuming one
// that is not paused, restarting or stopping a stopped clock, or any action
// on the zero Clock.
var ErrIllegalAction = errors.New("sla: action not allowed in the clock's state")

// ErrOutOfOrder is wrapped by an *ActionError for an action at an instant
// before the clock's last event.
var ErrOutOfOrder = errors.New("sla: instant before the clock's last event")

// An ActionError reports a refused action. The clock it was tried on is
// unchanged. It wraps ErrIllegalAction, ErrOutOfOrder, or ErrZeroTime for a
// zero instant.
type ActionError struct {
	Target string    // the clock's target name
	Action Action    // the action tried
	State  State     // the clock's state when it was tried
	At     time.Time // the instant given to the action
	Last   time.Time // the clock's last event (zero for the zero Clock)
	Err    error     // ErrIllegalAction, ErrOutOfOrder or ErrZeroTime
}

// Error returns a lowercase message naming the action, the target, and the
// state or the instants.
func (e *ActionError) Error() string {
	switch {
	case errors.Is(e.Err, ErrZeroTime):
		return fmt.Sprintf("sla: cannot %s clock %q at the zero time: it is not an instant", e.Action, e.Target)
	case errors.Is(e.Err, ErrOutOfOrder):
		return fmt.Sprintf("sla: cannot %s clock %q at %s: before its last event at %s",
			e.Action, e.Target, e.At.Format(time.RFC3339Nano), e.Last.Format(time.RFC3339Nano))
	}
	return fmt.Sprintf("sla: cannot %s clock %q: it is %s", e.Action, e.Target, e.State)
}

// Unwrap returns Err.
func (e *ActionError) Unwrap() error { return e.Err }

// Clock is a response clock: it counts the open time of its Target's
// Calendar while running, from Target.Start until stopped, and can be paused,
// resumed and restarted. Every action returns a new Clock and leaves the
// receiver unchanged, so Clocks are safe for concurrent use.
//
// The state is constant-size: the target, the state, the time counted before
// the last event and that event's instant, the start of the current cycle,
// the deadline if it was passed, and a summary of earlier cycles. Queries
// (Due, Elapsed, the next milestone) are computed directly from it, never by
// replaying history, at the cost of one Calendar.Between or Calendar.Add.
//
// Queries are meant for instants at or after the clock's last event
// (Since); Elapsed, Remaining and the milestone queries treat an earlier
// instant as that event.
//
// # The zero Clock and zero instants
//
// The zero Clock has not been started, and is what Target.Start returns for
// the zero time.Time or an invalid target ([NewClock] says which). It counts
// nothing: Elapsed is 0, Remaining is 0, Due and NextMilestone report false,
// it is never breached, its Record is zero, and every action on it fails
// with ErrIllegalAction. An action given the zero time.Time fails with
// ErrZeroTime, on any clock, before anything else is checked; [NewClock]
// is Start with that error. Queries given the zero time answer as at the
// clock's last event, like any instant before it.
//
// # Calendar changes
//
// [Clock.WithCalendar] moves a clock to another calendar, such as its old
// one with a holiday added, at an instant at: open time counted up to at,
// and a deadline passed before at, stay as the old calendar counted them;
// from at on, Elapsed, Remaining, Due, Breached and the milestones follow
// the new calendar. Decoding a clock stored by reference ([Catalog]) against
// a changed calendar is the same as WithCalendar at the clock's last event.
//
// Clock is not comparable with == (its Target holds a slice); compare JSON
// encodings or query results.
type Clock struct {
	target     Target
	state      State
	cycles     int           // cycles started, including the current one; >= 1 once started
	breaches   int           // completed cycles that breached
	worst      time.Duration // longest elapsed time among completed cycles
	stored     time.Duration // open time counted in this cycle before since
	started    time.Time     // start of the current cycle
	since      time.Time     // the last event: start, pause, resume, stop or restart
	breachedAt time.Time     // deadline of this cycle, once passed at an action; zero otherwise
}

// IsZero reports whether c is the zero Clock, which has not been started.
func (c Clock) IsZero() bool { return c.state == 0 }

// Target returns the target the clock runs against.
func (c Clock) Target() Target {
	t := c.target
	t.Milestones = cloneMilestones(t.Milestones)
	return t
}

// State returns the clock's state.
func (c Clock) State() State { return c.state }

// Started returns the start of the current cycle: the instant given to
// Target.Start, or to the last Restart.
func (c Clock) Started() time.Time { return c.started }

// Since returns the instant of the clock's last event (start, pause, resume,
// stop, restart or calendar change). Actions at earlier instants fail with
// ErrOutOfOrder.
func (c Clock) Since() time.Time { return c.since }

// Pause returns c paused at at: it stops counting until Resume. It fails with
// ErrIllegalAction unless c is running, and with ErrOutOfOrder when at is
// before c's last event.
func (c Clock) Pause(at time.Time) (Clock, error) {
	if err := c.check(ActionPause, at, Running); err != nil {
		return c, err
	}
	c = c.settle(at)
	c.state = Paused
	return c, nil
}

// Resume returns c running again from at. It fails with ErrIllegalAction
// unless c is paused, and with ErrOutOfOrder when at is before the pause.
func (c Clock) Resume(at time.Time) (Clock, error) {
	if err := c.check(ActionResume, at, Paused); err != nil {
		return c, err
	}
	c.since = at
	c.state = Running
	return c, nil
}

// Stop returns c stopped at at, its elapsed time and breach fixed for good. A
// running or paused clock can stop; a stopped one fails with ErrIllegalAction,
// and an instant before the last event with ErrOutOfOrder.
func (c Clock) Stop(at time.Time) (Clock, error) {
	if err := c.check(ActionStop, at, Running, Paused); err != nil {
		return c, err
	}
	c = c.settle(at)
	c.state = Stopped
	return c, nil
}

// Restart ends the current cycle at at and starts a new one, running, from
// at: the follow-up that resets R27's one-business-day clock. The finished
// cycle's elapsed time and breach (judged at at) go into Record; milestones
// start again. A running or paused clock can restart; a stopped one fails
// with ErrIllegalAction, and an instant before the last event with
// ErrOutOfOrder.
func (c Clock) Restart(at time.Time) (Clock, error) {
	if err := c.check(ActionRestart, at, Running, Paused); err != nil {
		return c, err
	}
	if e := c.Elapsed(at); e > c.worst {
		c.worst = e
	}
	if c.Breached(at) {
		c.breaches++
	}
	c.cycles++
	c.state = Running
	c.stored = 0
	c.started, c.since = at, at
	c.breachedAt = time.Time{}
	return c, nil
}

func (c Clock) check(a Action, at time.Time, allowed ...State) error {
	if at.IsZero() {
		return &ActionError{c.target.Name, a, c.state, at, c.since, ErrZeroTime}
	}
	if !slices.Contains(allowed, c.state) {
		return &ActionError{c.target.Name, a, c.state, at, c.since, ErrIllegalAction}
	}
	if at.Before(c.since) {
		return &ActionError{c.target.Name, a, c.state, at, c.since, ErrOutOfOrder}
	}
	return nil
}

// settle makes at the last event, at not before since. A running clock
// first folds the stretch [since, at) into stored and records the deadline
// if at is past it; a paused one (stopping) has nothing to fold.
func (c Clock) settle(at time.Time) Clock {
	if c.state != Running {
		c.since = at
		return c
	}
	counted := satAdd(c.stored, c.target.Calendar.Between(c.since, at))
	// Counted less than Within by at, at is before the deadline; only
	// otherwise is the deadline itself needed (one Calendar.Add).
	if c.breachedAt.IsZero() && counted >= c.target.Within {
		if due, ok := c.due(); ok && at.After(due) {
			c.breachedAt = due
		}
	}
	c.stored = counted
	c.since = at
	return c
}

// due is the deadline of a running clock, and false when it has none: the
// calendar never again has enough open time (Calendar.Add returns the zero
// time), so the clock can never be breached.
func (c Clock) due() (time.Time, bool) {
	if !c.breachedAt.IsZero() {
		return c.breachedAt, true
	}
	d := c.target.Calendar.Add(c.since, max(c.target.Within-c.stored, 0))
	return d, !d.IsZero()
}

// WithCalendar returns c counting cal's open time from at on: the time
// counted up to at, and a deadline passed before at, are kept as c's
// calendar counted them; from at on, Elapsed, Remaining, Due, Breached and
// NextMilestone follow cal, and at becomes the clock's last event. It costs
// one Calendar.Between (and one Calendar.Add once Within may have been
// counted) and no replay, so re-timing a million clocks after a holiday
// change is a loop over values.
//
// A stopped clock's count is final: it only takes cal, keeping its last
// event. WithCalendar fails with ErrZeroTime for the zero at, with
// ErrIllegalAction on the zero Clock and with ErrOutOfOrder when at is
// before c's last event.
func (c Clock) WithCalendar(cal Calendar, at time.Time) (Clock, error) {
	if err := c.check(ActionWithCalendar, at, Running, Paused, Stopped); err != nil {
		return c, err
	}
	if c.state != Stopped {
		c = c.settle(at)
	}
	c.target.Calendar = cal
	return c, nil
}

// Elapsed returns the open time counted in the current cycle up to at: the
// time counted before the last event, plus, while running, the open time of
// the calendar in [last event, at). It is frozen while paused or stopped.
func (c Clock) Elapsed(at time.Time) time.Duration {
	if c.state != Running {
		return c.stored
	}
	return satAdd(c.stored, c.target.Calendar.Between(c.since, at))
}

// Remaining returns Within minus Elapsed(at): the open time left before the
// deadline, negative once more than Within has been counted. On a business
// calendar it can be zero, not negative, in the closed hours after a
// deadline at closing time, though Breached reports true there.
func (c Clock) Remaining(at time.Time) time.Duration {
	return c.target.Within - c.Elapsed(at)
}

// Due returns the deadline of a running clock: the first instant at which
// Within has been counted, found with one Calendar.Add from the last event.
// If the current cycle already passed its deadline before a pause, Due
// returns that past deadline. The result is false (and the zero time) when
// the clock is paused, stopped or zero, and when it has no deadline because
// its calendar (one made with AllowNoOpeningHours) never again has enough
// open time.
func (c Clock) Due() (time.Time, bool) {
	if c.state != Running {
		return time.Time{}, false
	}
	return c.due()
}

// Breached reports whether at is past the current cycle's deadline: strictly
// after the instant Due returns (or returned before a pause or stop). A clock
// due Friday 17:00 on a business calendar is breached on Saturday, though no
// business time elapses, and is not breached at 17:00 itself. A clock paused
// or stopped before its deadline is not breached.
func (c Clock) Breached(at time.Time) bool {
	_, ok := c.BreachedAt(at)
	return ok
}

// BreachedAt returns the deadline that at is past, and true, when
// Breached(at); otherwise the zero time and false.
func (c Clock) BreachedAt(at time.Time) (time.Time, bool) {
	var due time.Time
	ok := false
	switch {
	case !c.breachedAt.IsZero():
		due, ok = c.breachedAt, true
	case c.state == Running:
		due, ok = c.due()
	}
	if ok && at.After(due) {
		return due, true
	}
	return time.Time{}, false
}

// Record summarises a clock's cycles, for R27's restarting clock.
type Record struct {
	Cycles   int           // cycles started, including the current one
	Worst    time.Duration // the longest Elapsed of any cycle, the current one measured at the query instant
	Breaches int           // cycles that breached, the current one judged at the query instant
}

// Record returns the clock's cycle summary at at. The zero Clock has the
// zero Record.
func (c Clock) Record(at time.Time) Record {
	if c.state == 0 {
		return Record{}
	}
	r := Record{Cycles: c.cycles, Worst: max(c.worst, c.Elapsed(at)), Breaches: c.breaches}
	if c.Breached(at) {
		r.Breaches++
	}
	return r
}
