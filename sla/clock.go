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
	Stopped                  // finished; no further moves
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
// State. It fails for a value that is not one of the constants.
func (s State) MarshalText() ([]byte, error) {
	if s > Stopped {
		return nil, fmt.Errorf("sla: invalid clock state %d: %w", uint8(s), ErrInvalidClock)
	}
	if s == 0 {
		return nil, nil
	}
	return []byte(s.String()), nil
}

// UnmarshalText accepts "running", "paused", "stopped" and empty text (the
// zero State); anything else is an error wrapping ErrInvalidClock.
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
		return fmt.Errorf("sla: clock state %q: %w", b, ErrInvalidClock)
	}
	return nil
}

// Move names an operation on a Clock, for MoveError.
type Move uint8

// The moves of a Clock.
const (
	MovePause   Move = iota + 1 // Clock.Pause
	MoveResume                  // Clock.Resume
	MoveStop                    // Clock.Stop
	MoveRestart                 // Clock.Restart
)

// String returns the verb: "pause", "resume", "stop" or "restart".
func (m Move) String() string {
	switch m {
	case MovePause:
		return "pause"
	case MoveResume:
		return "resume"
	case MoveStop:
		return "stop"
	case MoveRestart:
		return "restart"
	}
	return fmt.Sprintf("Move(%d)", uint8(m))
}

// ErrIllegalMove is wrapped by a *MoveError for a move the clock's state does
// not allow: pausing a clock that is not running, resuming one that is not
// paused, any move on a stopped clock or on the zero Clock.
var ErrIllegalMove = errors.New("sla: move not allowed in the clock's state")

// ErrOutOfOrder is wrapped by a *MoveError for a move at an instant before
// the clock's last event.
var ErrOutOfOrder = errors.New("sla: instant before the clock's last event")

// A MoveError reports a refused move. The clock it was tried on is
// unchanged. It wraps ErrIllegalMove or ErrOutOfOrder.
type MoveError struct {
	Target string    // the clock's target name
	Move   Move      // the move tried
	State  State     // the clock's state when it was tried
	At     time.Time // the instant given to the move
	Last   time.Time // the clock's last event (zero for the zero Clock)
	Err    error     // ErrIllegalMove or ErrOutOfOrder
}

// Error returns a lowercase message naming the move, the target, and the state
// or the two instants.
func (e *MoveError) Error() string {
	if errors.Is(e.Err, ErrOutOfOrder) {
		return fmt.Sprintf("sla: cannot %s clock %q at %s: before its last event at %s",
			e.Move, e.Target, e.At.Format(time.RFC3339Nano), e.Last.Format(time.RFC3339Nano))
	}
	return fmt.Sprintf("sla: cannot %s clock %q: it is %s", e.Move, e.Target, e.State)
}

// Unwrap returns Err.
func (e *MoveError) Unwrap() error { return e.Err }

// Clock is a response clock: it counts the open time of its Target's
// Calendar while running, from Target.Start until stopped, and can be paused,
// resumed and restarted. Every move returns a new Clock and leaves the
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
// instant as that event. The zero Clock has not been started: it counts
// nothing, is never due or breached, and refuses every move. Clock is not
// comparable with == (its Target holds a slice); compare JSON encodings or
// query results.
type Clock struct {
	target     Target
	state      State
	cycles     int           // cycles started, including the current one; >= 1 once started
	breaches   int           // completed cycles that breached
	worst      time.Duration // longest elapsed time among completed cycles
	stored     time.Duration // open time counted in this cycle before since
	started    time.Time     // start of the current cycle
	since      time.Time     // the last event: start, pause, resume, stop or restart
	breachedAt time.Time     // deadline of this cycle, once passed at a move; zero otherwise
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
// stop or restart). Moves at earlier instants fail with ErrOutOfOrder.
func (c Clock) Since() time.Time { return c.since }

// Pause returns c paused at at: it stops counting until Resume. It fails with
// ErrIllegalMove unless c is running, and with ErrOutOfOrder when at is
// before c's last event.
func (c Clock) Pause(at time.Time) (Clock, error) {
	if err := c.check(MovePause, at, Running); err != nil {
		return c, err
	}
	c = c.settle(at)
	c.state = Paused
	return c, nil
}

// Resume returns c running again from at. It fails with ErrIllegalMove
// unless c is paused, and with ErrOutOfOrder when at is before the pause.
func (c Clock) Resume(at time.Time) (Clock, error) {
	if err := c.check(MoveResume, at, Paused); err != nil {
		return c, err
	}
	c.since = at
	c.state = Running
	return c, nil
}

// Stop returns c stopped at at, its elapsed time and breach fixed for good. A
// running or paused clock can stop; a stopped one fails with ErrIllegalMove,
// and an instant before the last event with ErrOutOfOrder.
func (c Clock) Stop(at time.Time) (Clock, error) {
	if err := c.check(MoveStop, at, Running, Paused); err != nil {
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
// with ErrIllegalMove, and an instant before the last event with
// ErrOutOfOrder.
func (c Clock) Restart(at time.Time) (Clock, error) {
	if err := c.check(MoveRestart, at, Running, Paused); err != nil {
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

func (c Clock) check(m Move, at time.Time, allowed ...State) error {
	if !slices.Contains(allowed, c.state) {
		return &MoveError{c.target.Name, m, c.state, at, c.since, ErrIllegalMove}
	}
	if at.Before(c.since) {
		return &MoveError{c.target.Name, m, c.state, at, c.since, ErrOutOfOrder}
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
	if c.breachedAt.IsZero() {
		if due := c.due(); at.After(due) {
			c.breachedAt = due
		}
	}
	c.stored = satAdd(c.stored, c.target.Calendar.Between(c.since, at))
	c.since = at
	return c
}

// due is the deadline of a running clock.
func (c Clock) due() time.Time {
	if !c.breachedAt.IsZero() {
		return c.breachedAt
	}
	return c.target.Calendar.Add(c.since, max(c.target.Within-c.stored, 0))
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
// the clock is paused, stopped or zero.
func (c Clock) Due() (time.Time, bool) {
	if c.state != Running {
		return time.Time{}, false
	}
	return c.due(), true
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
	switch {
	case !c.breachedAt.IsZero():
		due = c.breachedAt
	case c.state == Running:
		due = c.due()
	default:
		return time.Time{}, false
	}
	if at.After(due) {
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
