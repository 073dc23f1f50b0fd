// Package rotation owns who is on duty: rotations of people that hand off at
// a fixed local time, roster changes, overrides and absences, layers of
// responders, escalation chains and hand-off events.
//
// It models rules R1-R5 and R32 of RULES.md at the root of the repository
// (rule R1 in RULES.md, and so on): a weekly on-call that changes on Wednesday (R1), the
// hand-off as an event with an outgoing and an incoming person and a
// checklist (R2, R32), a 24/7 infrastructure pair that changes first thing
// Monday with an escalation chain (R3), a named backup who covers an absence
// (R4), and planning queries such as who is on call during a sprint (R5).
// Fleet's own process is a preset built from the public types:
// [Fleet2024Weekly] and [Fleet2024Infra].
//
// # Rotations
//
// A [Rotation] cycles through a roster in order, one turn of 1 to [MaxTurn]
// days each ([Weekly], [Every], [New]; the anchor first, then the period,
// then the people). Hand-offs stay at the same wall-clock time in the
// rotation's zone across daylight-saving changes, so a weekly shift is 167
// or 169 hours long around them; a hand-off time that a change skips or
// repeats follows time.Date, and a hand-off whose whole day the zone
// skipped (Pacific/Apia on 2011-12-30) happens at the hand-off time of the
// next day the zone has (see [Rotation]). The rotation extends backwards
// before its first hand-off. An instant exactly at a hand-off belongs to
// the incoming person. Ranges are half-open. At(t) always holds t and
// Shifts tiles time with no gap or overlap; a test checks both, against a
// shift-walking model, in every zone of the tz database for years 1 to 9999.
//
// [Rotation.At] is arithmetic: the number of hand-offs since the first is the
// local calendar-day difference divided by the turn length, corrected by one
// comparison with that day's hand-off, so it costs the same next week as in
// ten years; overrides are found by binary search.
//
// # Roster changes
//
// [Rotation.WithRoster], [Rotation.Insert] and [Rotation.Remove] take effect
// from a hand-off and never rewrite the shifts before it: an insertion goes
// right after whoever is due then, a removal skips only the removed
// person's turns. [Diff] lists the stretches whose person an edit changes.
//
// # Overrides and absences
//
// [Swap] gives a range to someone whoever was on duty; [Absence] gives the
// backup only the parts of the range in which the absent person would have
// been on duty (R4). Where overrides overlap the later-added one wins.
// Every person an override names must be on the roster or among the
// rotation's backups ([Rotation.WithBackups]): a misspelt name is an
// [ErrUnknownName] error, never a shift given to nobody.
// [Rotation.Shifts] splits shifts at override edges. [Rotation.Offset] (and
// so the secondary of [Pair]) does not carry overrides over: add an absence
// to a whole 24/7 on-call, both layers and the escalation chain, with
// [Infra.WithOverrides].
//
// # Hand-offs, layers, escalation and planning
//
// [Rotation.Handoffs] yields every change of duty with its outgoing and
// incoming person and the rotation's checklist, so a bot can move the
// @oncall alias exactly then (R2, R32); [Rotation.NextHandoff] finds the
// next one however far ahead it is. [Layers] query several rotations
// together ([Pair]: a primary and a secondary one position behind). A
// [Chain] of escalation [Level] values says which level an unacknowledged
// alert is paging and when the next one is due, optionally repeating (R3,
// R28). [Rotation.During], [Rotation.People] and [Rotation.Loads] answer
// planning and fairness questions (R5); Loads weighs duty against any
// [Workdays], such as sla.Calendar.
//
// # Errors and JSON
//
// Constructors and decoders return a [*ConfigError] naming the field (its
// JSON path, such as "overrides[0].absent"), the value and why, matching
// one sentinel with errors.Is: [ErrZone], [ErrSyntax], [ErrUnknownField],
// [ErrDuplicateKey], [ErrUnknownName] and [ErrZeroTime], as in every
// cadence package, or the package's own ([ErrTurn], [ErrEmptyRoster],
// [ErrEmptyRange], [ErrSelfBackup], [ErrWait]). JSON is strict: keys are
// camelCase and match exactly, an unknown or repeated key at any depth is
// refused, null is the same as a missing field, instants are RFC 3339 and
// the zone is an IANA name in its own "zone" field ("Local" is refused).
//
// # Usage
//
//	loc, _ := time.LoadLocation("America/Chicago")
//	first := time.Date(2024, 3, 6, 9, 0, 0, 0, loc) // a Wednesday
//	r, err := rotation.Weekly(first, "alice", "bob", "carol")
//	if err != nil { ... }
//	r, err = r.WithBackups("dee").WithOverrides(rotation.Absence("bob", "dee", from, to))
//	fmt.Println(r.At(now).Who)
//	for s := range r.Shifts(from, to) { ... }          // shifts overlapping [from, to)
//	for h := range r.Handoffs(from, to) { ... }        // move the @oncall alias at h.At
//	edited, _ := r.Insert(now, "erin")                 // from the next hand-off
//	changes := rotation.Diff(r, edited, now, now.AddDate(0, 3, 0))
//
//	pair := rotation.Pair(r)                            // primary and secondary (R3)
//	chain, _ := rotation.Escalation(
//		rotation.Level[string]{Name: "on call", Rotations: []rotation.Rotation[string]{r}, Wait: 15 * time.Minute},
//		rotation.Level[string]{Name: "lead", People: []string{"lead"}, Wait: time.Hour})
//	page, err := chain.At(alertBegan, acked, now)       // page.Who, page.Next
//
//	infra, _ := rotation.Fleet2024Infra(monday, time.Hour, []string{"ana", "ben", "cy"},
//		rotation.Contact("application (payments)", "kai"), // named levels (R3)
//		rotation.Contact("engineering manager", "lena"),
//		rotation.Contact("cto", "mo"))
//	infra, _ = infra.WithBackups("dee").WithOverrides(rotation.Absence("ben", "dee", from, to)) // every layer and level (R4)
//	fmt.Println(infra.Responders.Who(now))
//
// Configuration round-trips through JSON ([Rotation.MarshalJSON]).
//
// The process rules cited as R1-R32 are in RULES.md at the module root:
// https://github.com/teamcadence/cadence/blob/main/RULES.md
package rotation
