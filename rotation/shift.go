package rotation

import "time"

// Shift is one person's stretch of duty: Start is included and End is
// excluded. An instant exactly at End belongs to the next shift.
//
// Shift values are comparable with == and usable as map keys, but == also
// compares the instants' locations and monotonic readings: compare Start
// and End with [time.Time.Equal].
// The zero Shift has zero instants and the zero P; it is what the zero
// [Rotation] returns.
type Shift[P comparable] struct {
	Who        P
	Start, End time.Time
}

// Contains reports whether t is in [s.Start, s.End).
func (s Shift[P]) Contains(t time.Time) bool {
	return !t.Before(s.Start) && t.Before(s.End)
}

// Duration returns the length of the shift in elapsed time: 167 or 169 hours
// for a weekly shift across a daylight-saving change.
func (s Shift[P]) Duration() time.Duration { return s.End.Sub(s.Start) }

// IsZero reports whether s is the zero Shift.
func (s Shift[P]) IsZero() bool {
	var zero P
	return s.Who == zero && s.Start.IsZero() && s.End.IsZero()
}
