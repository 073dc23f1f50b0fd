// Package rotation owns who is on duty: rotations of people that hand off at
// a fixed local time, overrides and absences, layers of responders,
// escalation chains and hand-off events.
//
// It models rules R1-R5 and R32 of the reference handbook
// (shared/handbook.md): a weekly on-call that changes on Wednesday (R1), the
// hand-off as an event with an outgoing and an incoming person and a
// checklist (R2, R32), a 24/7 infrastructure pair that changes first thing
// Monday with an escalation chain (R3), a named backup who covers an absence
// (R4), and planning queries such as who is on call during a sprint (R5).
//
// # Rotations
//
// A [Rotation] cycles through a roster in order. Hand-offs stay at the same
// wall-clock time in the rotation's zone across daylight-saving changes, so a
// weekly shift is 167 or 169 hours long around them. The rotation extends
// backwards before its first hand-off. An instant exactly at a hand-off
// belongs to the incoming person. [Rotation.At] is arithmetic: it costs the
// same next week as in ten years.
//
// # Usage
//
//	loc, _ := time.LoadLocation("America/Chicago")
//	first := time.Date(2024, 3, 6, 9, 0, 0, 0, loc) // a Wednesday
//	r, err := rotation.Weekly(first, "alice", "bob", "carol")
//	if err != nil { ... }
//	fmt.Println(r.At(now).Who)
//	for s := range r.Shifts(from, to) { ... }
package rotation
