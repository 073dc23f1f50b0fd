package release

import (
	"encoding/json"
	"errors"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/rickb777/date/v2"
)

// A Release is one release of a Train: its Number, its Day and, when the
// train has a version scheme, its Version.
//
// Release 1 is on the train's first day; release n is planned (n-1) periods
// later, and with WithWorkdays moves off a non-working day.
// Releases before the first have numbers 0, -1, -2 and so on, counting
// backwards one period at a time. Release values compare with ==. The freeze
// window of a release comes from Train.Window, so that the calendar queries
// stay free of time-zone work.
type Release struct {
	Number  int       // 1 for the first release; 0 and below before it
	Day     date.Date // the release day, after any working-day shift
	Planned date.Date // the day the cadence gives, before any working-day shift
	Version Version   // minor version; zero when the train has no scheme or the number is too small
}

// String returns "release 12 (4.69.0) on 2024-03-06", leaving out the
// version when there is none.
func (r Release) String() string {
	s := rname(r) + " on " + r.Day.String()
	if r.Planned != r.Day {
		s += " (moved from " + r.Planned.String() + ")"
	}
	return s
}

// A Train is a release every Weeks weeks on the weekday of its first release
// day (R9: every three weeks, centred on Wednesday), optionally with a
// version scheme, a freeze or branch-cut policy (R10) and a working-day
// shift.
//
// Every query is arithmetic on day numbers (floor division), so it costs the
// same for a day next week or in a thousand years. A Train is an immutable
// value, safe for concurrent use. == compares a policy or calendar by
// pointer, so compare trains with Equal. The zero Train has no releases: its
// queries return the zero Release and its gate allows everything.
type Train struct {
	first   date.Date
	period  int64 // days between releases; 0 only in the zero Train
	version Version
	move    Move
	ext     *trainExt // nil when the train has neither policy nor calendar
}

// trainExt holds the rarely used parts of a Train behind one pointer, so that
// Train stays small enough to pass in registers.
type trainExt struct {
	policy   Policy
	workdays Workdays // nil: Monday to Friday
}

// Workdays is a working-day calendar; sla.Calendar satisfies it.
type Workdays interface {
	IsWorkday(date.Date) bool
}

// A Move says where a release planned on a non-working day goes. The
// constants are the same, in the same order and with the same texts, as
// sprint.Move; a release train cannot skip a release (its numbers and
// versions would no longer follow its days), so NewTrain refuses Skip with
// ErrMove.
type Move int8

const (
	Stay    Move = iota // "stay": releases stay where the cadence puts them
	Skip                // "skip": refused by trains (ErrMove)
	Earlier             // "earlier": to the previous working day
	Later               // "later": to the next working day
)

var moveNames = [...]string{"stay", "skip", "earlier", "later"}

// IsValid reports whether m is one of Stay, Skip, Earlier and Later.
func (m Move) IsValid() bool { return m >= Stay && m <= Later }

// String returns "stay", "skip", "earlier" or "later", or "move(7)" for an
// invalid value.
func (m Move) String() string {
	if m.IsValid() {
		return moveNames[m]
	}
	return "move(" + strconv.Itoa(int(m)) + ")"
}

// MarshalText returns m.String(); an invalid Move is an error.
func (m Move) MarshalText() ([]byte, error) {
	if !m.IsValid() {
		return nil, configErr("move", m.String(), "", ErrMove)
	}
	return []byte(m.String()), nil
}

// UnmarshalText parses "stay", "skip", "earlier" or "later"; empty text is
// Stay.
func (m *Move) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*m = Stay
		return nil
	}
	if i := slices.Index(moveNames[:], string(text)); i >= 0 {
		*m = Move(i)
		return nil
	}
	return configErr("move", string(text), "", ErrMove)
}

// An Option configures a Train.
type Option func(*trainConfig) error

type trainConfig struct {
	weekday    time.Weekday
	hasWeekday bool
	version    Version
	policy     Policy
	move       Move
	workdays   Workdays
}

// WithWorkdays moves a release planned on a day that is not a working day in
// w to the next (Later) or previous (Earlier) working day, looking at most
// six days away so that releases never swap order; if none of those is a
// working day the release stays on its planned day. Stay keeps releases on
// their planned days; Skip is refused with ErrMove (a train never skips a
// release). A nil w means Monday to Friday. Queries stay constant-time: they
// ask w about at most seven days per release they look at.
//
// A moved release keeps its window's shape: see [Train.Window].
func WithWorkdays(w Workdays, m Move) Option {
	return func(c *trainConfig) error {
		if !m.IsValid() {
			return configErr("move", m.String(), "", ErrMove)
		}
		if m == Skip {
			return configErr("move", m.String(), "a train never skips a release (its numbers and versions follow its days)", ErrMove)
		}
		c.move, c.workdays = m, w
		return nil
	}
}

// OnWeekday requires the first release day to fall on wd; NewTrain returns a
// *WeekdayError otherwise. Without it the first day's weekday is the train's.
func OnWeekday(wd time.Weekday) Option {
	return func(c *trainConfig) error {
		if wd < time.Sunday || wd > time.Saturday {
			return configErr("weekday", strconv.Itoa(int(wd)), "not a weekday", ErrWeekday)
		}
		c.weekday, c.hasWeekday = wd, true
		return nil
	}
}

// WithVersion gives the first release version first, and so every release a
// minor version: release n is first.Major.(first.Minor+n-1).0. The patch of
// first must be 0. A major version bump starts a new Train.
func WithVersion(first Version) Option {
	return func(c *trainConfig) error {
		if !first.IsValid() || first.IsPatch() {
			return &VersionError{Input: first.String(), Why: "first version must be a valid minor release X.Y.0"}
		}
		c.version = first
		return nil
	}
}

// WithPolicy gives the train a freeze or branch-cut policy (R10), used by
// Window and Gate. The policy's window must be shorter than the train's
// period, so that windows never overlap.
func WithPolicy(p Policy) Option {
	return func(c *trainConfig) error {
		c.policy = p
		return nil
	}
}

// NewTrain returns a train with a release on first and then every weeks weeks.
// weeks must be 1 to 10000 (a *ConfigError matching ErrWeeks otherwise).
func NewTrain(first date.Date, weeks int, opts ...Option) (Train, error) {
	var c trainConfig
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c); err != nil {
			return Train{}, err
		}
	}
	if weeks <= 0 || weeks > 10_000 {
		return Train{}, configErr("weeks", strconv.Itoa(weeks), "want 1 to 10000", ErrWeeks)
	}
	if c.hasWeekday && first.Weekday() != c.weekday {
		return Train{}, &WeekdayError{First: first, Want: c.weekday}
	}
	if first < minDay || first > maxDay {
		return Train{}, configErr("first", first.String(), "outside years -1000000 to 1000000", ErrFirst)
	}
	t := Train{first: first, period: int64(weeks) * 7, version: c.version, move: c.move}
	if !c.policy.IsZero() || c.workdays != nil {
		t.ext = &trainExt{policy: c.policy, workdays: c.workdays}
	}
	if !c.policy.IsZero() {
		span := c.policy.span(first.Weekday())
		if span > t.period*24*60 {
			return Train{}, configErr("policy", c.policy.Name(), "window longer than "+strconv.Itoa(weeks)+" weeks", ErrPolicy)
		}
		if c.policy.c.Deep > time.Duration(span)*time.Minute {
			return Train{}, configErr("policy", c.policy.Name(), "deep freeze "+c.policy.c.Deep.String()+" longer than the freeze before a "+first.Weekday().String()+" release", ErrPolicy)
		}
	}
	return t, nil
}

// The range of first days NewTrain accepts, so that release arithmetic never
// overflows.
var (
	minDay = date.New(-1_000_000, time.January, 1)
	maxDay = date.New(1_000_000, time.January, 1)
)

// MustNewTrain is like NewTrain but panics on error. It is intended for use in
// tests and with hard-coded values.
func MustNewTrain(first date.Date, weeks int, opts ...Option) Train {
	t, err := NewTrain(first, weeks, opts...)
	if err != nil {
		panic(err)
	}
	return t
}

// IsZero reports whether t is the zero Train.
func (t Train) IsZero() bool { return t.period == 0 }

// First returns the day of release 1.
func (t Train) First() date.Date { return t.first }

// Weeks returns the number of weeks between releases.
func (t Train) Weeks() int { return int(t.period / 7) }

// Weekday returns the weekday every release falls on.
func (t Train) Weekday() time.Weekday { return t.first.Weekday() }

// FirstVersion returns the version of release 1; zero when the train has no
// version scheme.
func (t Train) FirstVersion() Version { return t.version }

// Policy returns the train's freeze or branch-cut policy; the zero Policy
// when it has none.
func (t Train) Policy() Policy {
	if t.ext == nil {
		return Policy{}
	}
	return t.ext.policy
}

func (t Train) workdays() Workdays {
	if t.ext == nil {
		return nil
	}
	return t.ext.workdays
}

// WithPolicy returns a copy of t with policy p, or an error if p's window is
// longer than t's period.
func (t Train) WithPolicy(p Policy) (Train, error) {
	return NewTrain(t.first, t.Weeks(), WithVersion(t.version), WithPolicy(p), WithWorkdays(t.workdays(), t.move))
}

// WithWorkdays returns a copy of t whose releases move off days that are not
// working days in w, as the WithWorkdays option does.
func (t Train) WithWorkdays(w Workdays, m Move) (Train, error) {
	return NewTrain(t.first, t.Weeks(), WithVersion(t.version), WithPolicy(t.Policy()), WithWorkdays(w, m))
}

// Move returns where releases on non-working days go.
func (t Train) Move() Move { return t.move }

// Equal reports whether t and u have the same releases, versions, policy and
// move. Working-day calendars are not compared (they are interfaces,
// not data).
func (t Train) Equal(u Train) bool {
	return t.first == u.first && t.period == u.period && t.version == u.version && t.move == u.move && t.Policy().Equal(u.Policy())
}

// isWorkday reports whether d is a working day in t's calendar, Monday to
// Friday when it has none.
func (t Train) isWorkday(d date.Date) bool {
	if w := t.workdays(); w != nil {
		return w.IsWorkday(d)
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// moved returns the day a release planned on p happens.
func (t Train) moved(p date.Date) date.Date {
	step := date.Date(1)
	if t.move == Earlier {
		step = -1
	}
	for i := date.Date(0); i < 7; i++ {
		if d := p + i*step; t.isWorkday(d) {
			return d
		}
	}
	return p
}

// floorDiv returns a/b rounded towards minus infinity, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// Release returns release number n; numbers 0 and below are before the first.
// Day arithmetic is exact for releases within about a billion years of the
// first.
func (t Train) Release(n int) Release {
	if t.period == 0 {
		return Release{}
	}
	r := t.planned(n)
	if t.move != Stay {
		r.Day = t.moved(r.Planned)
	}
	return r
}

// planned returns release n on its planned day; small enough to inline.
func (t Train) planned(n int) Release {
	p := t.first + date.Date(int64(n-1)*t.period)
	r := Release{Number: n, Day: p, Planned: p}
	if m := t.version.Minor + n - 1; t.version != (Version{}) && uint(m) <= maxPart {
		r.Version = Version{t.version.Major, m, 0}
	}
	return r
}

// Next returns the first release on or after d.
func (t Train) Next(d date.Date) Release {
	if t.period == 0 {
		return Release{}
	}
	// ceil((d-first)/period) = -floor((first-d)/period)
	n := int(-floorDiv(int64(t.first-d), t.period)) + 1
	if t.move == Stay {
		return t.planned(n)
	}
	r := t.Release(n)
	if t.move == Later { // the release planned before d may have moved onto or past d
		if p := t.Release(n - 1); p.Day >= d {
			return p
		}
	} else if r.Day < d { // Earlier: r may have moved before d
		return t.Release(n + 1)
	}
	return r
}

// At returns the release current on d: the last release on or before d, the
// one that is in production on day d.
func (t Train) At(d date.Date) Release {
	if t.period == 0 {
		return Release{}
	}
	n := int(floorDiv(int64(d-t.first), t.period)) + 1
	if t.move == Stay {
		return t.planned(n)
	}
	r := t.Release(n)
	if t.move == Later { // r may have moved past d
		if r.Day > d {
			return t.Release(n - 1)
		}
	} else if next := t.Release(n + 1); next.Day <= d { // Earlier: the next release may have moved onto or before d
		return next
	}
	return r
}

// Prev returns the last release strictly before d, so that
// Prev(d).Day < d <= Next(d).Day and their numbers are consecutive.
func (t Train) Prev(d date.Date) Release {
	if t.period == 0 {
		return Release{}
	}
	if t.move == Stay {
		return t.planned(int(-floorDiv(int64(t.first-d), t.period)))
	}
	return t.Release(t.Next(d).Number - 1)
}

// ByVersion returns the release whose minor version is v's (a patch version
// finds its minor release), and false when v is not on the train's scheme.
func (t Train) ByVersion(v Version) (Release, bool) {
	if t.period == 0 || t.version.IsZero() || v.Major != t.version.Major || uint(v.Minor) > maxPart || uint(v.Patch) > maxPart {
		return Release{}, false
	}
	n := v.Minor - t.version.Minor + 1
	if t.move == Stay {
		return t.planned(n), true
	}
	return t.Release(n), true
}

// Releases yields, in order, the releases whose days are in [from, to): from
// is included and to is excluded. It yields nothing when to <= from.
func (t Train) Releases(from, to date.Date) iter.Seq[Release] {
	return func(yield func(Release) bool) {
		if t.period == 0 || to <= from {
			return
		}
		for r := t.Next(from); r.Day < to; r = t.Release(r.Number + 1) {
			if !yield(r) {
				return
			}
		}
	}
}

// trainWire is the stored form of a Train.
type trainWire struct {
	First   string      `json:"first"`
	Weeks   *int        `json:"weeks,omitempty"`
	Weekday string      `json:"weekday,omitempty"`
	Version string      `json:"version,omitempty"`
	Policy  *policyWire `json:"policy,omitempty"`
	Move    string      `json:"move,omitempty"`
}

// MarshalJSON encodes t as
// {"first":"2024-03-06","weeks":3,"weekday":"Wednesday","version":"4.58.0","policy":{...},"move":"later"};
// version, policy and move are left out when absent. The working-day
// calendar is not data and is not encoded: only the move is. The zero
// Train encodes as null.
func (t Train) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	weeks := t.Weeks()
	j := trainWire{First: t.first.String(), Weeks: &weeks, Weekday: t.Weekday().String()}
	if !t.version.IsZero() {
		j.Version = t.version.String()
	}
	if t.move != Stay {
		j.Move = t.move.String()
	}
	if p := t.Policy(); !p.IsZero() {
		w := p.wire()
		j.Policy = &w
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes the form MarshalJSON writes and validates it as
// NewTrain does. Decoding is strict: an unknown or duplicate key at any
// depth is refused (ErrUnknownField, ErrDuplicateKey), and every error is a
// *ConfigError naming the JSON path, such as "policy.start". "first" and
// "weeks" are required; "weekday", when present, must match the first day.
// A null document or field leaves the value as it was, as encoding/json
// does. A train with a move comes back with Monday to Friday as its working
// days; attach your calendar again with Train.WithWorkdays.
func (t *Train) UnmarshalJSON(b []byte) error {
	var j *trainWire
	if err := decode(b, &j, ""); err != nil {
		return err
	}
	if j == nil {
		return nil
	}
	u, err := j.train()
	if err != nil {
		return err
	}
	*t = u
	return nil
}

func (j *trainWire) train() (Train, error) {
	if j.First == "" {
		return Train{}, configErr("first", "", "a first release day YYYY-MM-DD is required", ErrFirst)
	}
	first, err := parseDay(j.First)
	if err != nil {
		return Train{}, configErr("first", j.First, "want a day YYYY-MM-DD", ErrSyntax)
	}
	if j.Weeks == nil {
		return Train{}, configErr("weeks", "", "required: want 1 to 10000", ErrWeeks)
	}
	var opts []Option
	if j.Version != "" {
		v, err := ParseVersion(j.Version)
		if err != nil {
			return Train{}, withPath("version", err)
		}
		opts = append(opts, WithVersion(v))
	}
	var m Move
	if err := m.UnmarshalText([]byte(j.Move)); err != nil {
		return Train{}, err
	}
	opts = append(opts, WithWorkdays(nil, m))
	if j.Weekday != "" {
		wd, ok := parseWeekday(j.Weekday)
		if !ok {
			return Train{}, configErr("weekday", j.Weekday, "not a weekday name", ErrWeekday)
		}
		opts = append(opts, OnWeekday(wd))
	}
	if j.Policy != nil {
		p, err := j.Policy.policy()
		if err != nil {
			return Train{}, withPath("policy", err)
		}
		opts = append(opts, WithPolicy(p))
	}
	t, err := NewTrain(first, *j.Weeks, opts...)
	var we *WeekdayError
	if errors.As(err, &we) {
		return Train{}, configErr("first", we.First.String(), "a "+we.First.Weekday().String()+", want a "+we.Want.String(), ErrWeekday)
	}
	return t, err
}

// parseDay parses an ISO day YYYY-MM-DD strictly: 2024-13-40 is refused,
// not normalised; years outside 0-9999 take a sign, as date.Date writes them.
func parseDay(s string) (date.Date, error) {
	d, err := date.ParseISO(s)
	if err != nil {
		return 0, err
	}
	if d.String() != s {
		return 0, errNotCanonical
	}
	return d, nil
}

var errNotCanonical = errors.New("not a canonical day")
