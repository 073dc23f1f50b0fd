package bugflow

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"sort"
	"strings"
)

// A Status restricts a Match to open or closed issues. The zero Status
// matches both.
type Status string

const (
	// StatusAny matches open and closed issues.
	StatusAny Status = ""
	// StatusOpen matches open issues only.
	StatusOpen Status = "open"
	// StatusClosed matches closed issues only.
	StatusClosed Status = "closed"
)

// A Match is a filter over one issue, like one GitHub search: every
// condition that is set must hold; unset conditions match anything.
//
// Label names compare case-insensitively and trimmed; a name ending in "*"
// is a prefix ("#g-*" matches every group label). Board and column names
// compare the same way; the column "" stands for an issue on the board with
// no column set.
type Match struct {
	Status   Status   `json:"status,omitempty"`
	Labels   []string `json:"labels,omitempty"`   // every one present
	AnyLabel []string `json:"anyLabel,omitempty"` // at least one present, when set
	NoLabel  []string `json:"noLabel,omitempty"`  // none present
	Board    string   `json:"board,omitempty"`    // the issue is on this board
	Columns  []string `json:"columns,omitempty"`  // ... in one of these columns, when set
	OffBoard []string `json:"offBoard,omitempty"` // the issue is on none of these boards
	// Unassigned requires that nobody is assigned.
	Unassigned bool `json:"unassigned,omitempty"`
	// Roles requires, for each role, someone with it among the assignees.
	Roles []string `json:"roles,omitempty"`
	// NoRoles requires that nobody with these roles is assigned.
	NoRoles []string `json:"noRoles,omitempty"`
}

// A StateRule says that issues matching Match are in State. Several rules
// may name one state (the handbook's "acknowledged" is a kind of inbox);
// Name tells them apart in a Verdict.
type StateRule struct {
	Name  string `json:"name"`
	State State  `json:"state"`
	Match
}

// A DiagnosisRule says that issues matching Match have the Diagnosis
// (Orphan or ReproducedOrphan; R23).
type DiagnosisRule struct {
	Name      string    `json:"name"`
	Diagnosis Diagnosis `json:"diagnosis"`
	Match
}

// A Config is a scheme as data: the rules that map labels, assignees and
// board columns to states, the legal moves, the labels the timers and the
// priority order read, and who has which role. It round-trips through JSON.
// NewScheme validates and compiles it.
type Config struct {
	Name string `json:"name"`
	// Roles maps a login to its role, such as "qa", "em" (engineering
	// manager) or "pm" (product manager); logins compare case-insensitively.
	Roles map[string]string `json:"roles,omitempty"`
	// Teams lists the team labels a reproduced bug carries (R20); "*"
	// suffixes are prefixes ("#g-*").
	Teams       []string        `json:"teams,omitempty"`
	States      []StateRule     `json:"states"`
	Diagnoses   []DiagnosisRule `json:"diagnoses,omitempty"`
	Transitions []Transition    `json:"transitions,omitempty"`
	// Waiting lists the labels that mean "waiting for the reporter": while
	// one is present, the R19 reporter clock runs and the R18 clock stops.
	Waiting []string `json:"waiting,omitempty"`
	// Priorities lists priority labels, most urgent first ("P0", "P1",
	// "P2"); Customer lists labels of customer bugs, which come next.
	Priorities []string `json:"priorities,omitempty"`
	Customer   []string `json:"customer,omitempty"`
	Timers     Timers   `json:"timers"`
}

// A Scheme is a compiled Config: label, board and role names interned to
// bits so that Evaluate runs without allocating. Build one with NewScheme or
// a preset such as Fleet2022. A Scheme is immutable and safe for concurrent
// use; copies share the compiled data, so == reports whether two Schemes
// come from the same build (not whether their rules are equal). The zero
// Scheme has no rules: every open issue is Unknown and Unclassified.
type Scheme struct {
	*compiled
}

// compiled is a Scheme's data, shared by copies of the Scheme and never
// changed after NewScheme.
type compiled struct {
	cfg Config

	labels   []string  // folded exact labels, sorted; bit i
	prefixes []pattern // prefix patterns; bit len(labels)+j
	boards   []string  // folded board names, sorted; bit i
	columns  []column  // (board, column) pairs; bit i
	people   []person  // folded logins, sorted
	roles    []string  // role names; bit i

	states    []crule
	diagnoses []crule
	waiting   uint64
	prios     []uint64 // one mask per priority level
	customer  uint64
	teamPats  []pattern
}

type column struct {
	board int
	name  string
}

type person struct {
	login string
	role  int
}

type crule struct {
	name  string
	state State
	diag  Diagnosis
	m     cmatch
}

// cmatch is a compiled Match.
type cmatch struct {
	status     Status
	all, any   uint64
	none       uint64
	board      uint32 // bit of the required board, 0 for none
	cols       uint64 // allowed (board, column) pairs, 0 for any
	off        uint32
	unassigned bool
	roles      uint32
	noRoles    uint32
}

// features is an issue reduced to bits.
type features struct {
	closed   bool
	labels   uint64
	boards   uint32
	cols     uint64
	assigned bool
	roles    uint32
}

// Limits of a compiled scheme.
const (
	maxLabels = 64
	maxBoards = 32
	maxCols   = 64
	maxRoles  = 32
)

// NewScheme validates cfg and compiles it. It returns a *ConfigError
// (wrapping ErrConfig) naming the bad field: a rule with an invalid state,
// diagnosis or status, or requiring roles of an unassigned issue; an empty
// label or board name; columns without a board; more than 64 distinct label
// names, 32 boards, 64 board columns or 32 roles; an empty or repeated
// login; a transition without a name or with an invalid state, or one that
// both closes and reopens, sets a column without a board, leaves the board
// it joins, or needs a team when Teams is empty; or negative or
// out-of-order timers. Boards and roles need no declaring: naming one in a
// rule or transition is enough. The scheme keeps a copy of cfg.
func NewScheme(cfg Config) (Scheme, error) {
	cfg = cfg.clone()
	s := Scheme{&compiled{cfg: cfg}}
	if err := s.intern(); err != nil {
		return Scheme{}, err
	}
	for i, r := range cfg.States {
		f := fmt.Sprintf("states[%d]", i)
		if !r.State.IsValid() {
			return Scheme{}, &ConfigError{Field: f + ".state", Value: r.State.String(), Reason: "want inbox, reproduced, in engineering, awaiting QA or closed"}
		}
		m, err := s.compile(f, r.Match)
		if err != nil {
			return Scheme{}, err
		}
		s.states = append(s.states, crule{name: r.Name, state: r.State, m: m})
	}
	for i, r := range cfg.Diagnoses {
		f := fmt.Sprintf("diagnoses[%d]", i)
		if r.Diagnosis != Orphan && r.Diagnosis != ReproducedOrphan {
			return Scheme{}, &ConfigError{Field: f + ".diagnosis", Value: r.Diagnosis.String(), Reason: "want orphan or reproduced orphan"}
		}
		m, err := s.compile(f, r.Match)
		if err != nil {
			return Scheme{}, err
		}
		s.diagnoses = append(s.diagnoses, crule{name: r.Name, diag: r.Diagnosis, m: m})
	}
	var err error
	if s.waiting, err = s.labelMask("waiting", cfg.Waiting); err != nil {
		return Scheme{}, err
	}
	if s.customer, err = s.labelMask("customer", cfg.Customer); err != nil {
		return Scheme{}, err
	}
	for _, t := range cfg.Teams {
		s.teamPats = append(s.teamPats, compilePattern(t))
	}
	for i, p := range cfg.Priorities {
		m, err := s.labelMask(fmt.Sprintf("priorities[%d]", i), []string{p})
		if err != nil {
			return Scheme{}, err
		}
		s.prios = append(s.prios, m)
	}
	if err := s.checkTransitions(); err != nil {
		return Scheme{}, err
	}
	if err := cfg.Timers.validate(); err != nil {
		return Scheme{}, err
	}
	return s, nil
}

// MustScheme is like NewScheme but panics on error. It is intended for use
// in tests and with hard-coded configurations.
func MustScheme(cfg Config) Scheme {
	s, err := NewScheme(cfg)
	if err != nil {
		panic(err)
	}
	return s
}

// orEmpty returns s, or a scheme without rules for the zero Scheme.
func (s Scheme) orEmpty() Scheme {
	if s.compiled == nil {
		return Scheme{&compiled{}}
	}
	return s
}

// Config returns a copy of the scheme's configuration, to change and build
// again, or to store as JSON.
func (s Scheme) Config() Config {
	return s.orEmpty().cfg.clone()
}

// Name returns the configuration's name.
func (s Scheme) Name() string {
	return s.orEmpty().cfg.Name
}

// MarshalJSON writes the scheme's Config.
func (s Scheme) MarshalJSON() ([]byte, error) { return json.Marshal(s.orEmpty().cfg) }

// UnmarshalJSON reads a Config and compiles it with NewScheme, returning its
// error for an invalid one.
func (s *Scheme) UnmarshalJSON(b []byte) error {
	var cfg Config
	if err := json.Unmarshal(b, &cfg); err != nil {
		return err
	}
	c, err := NewScheme(cfg)
	if err != nil {
		return err
	}
	*s = c
	return nil
}

func (c Config) clone() Config {
	c.Roles = maps.Clone(c.Roles)
	c.Teams = slices.Clone(c.Teams)
	c.Waiting = slices.Clone(c.Waiting)
	c.Priorities = slices.Clone(c.Priorities)
	c.Customer = slices.Clone(c.Customer)
	c.States = slices.Clone(c.States)
	for i := range c.States {
		c.States[i].Match = c.States[i].Match.clone()
	}
	c.Diagnoses = slices.Clone(c.Diagnoses)
	for i := range c.Diagnoses {
		c.Diagnoses[i].Match = c.Diagnoses[i].Match.clone()
	}
	c.Transitions = slices.Clone(c.Transitions)
	for i := range c.Transitions {
		c.Transitions[i] = c.Transitions[i].clone()
	}
	return c
}

func (m Match) clone() Match {
	m.Labels = slices.Clone(m.Labels)
	m.AnyLabel = slices.Clone(m.AnyLabel)
	m.NoLabel = slices.Clone(m.NoLabel)
	m.Columns = slices.Clone(m.Columns)
	m.OffBoard = slices.Clone(m.OffBoard)
	m.Roles = slices.Clone(m.Roles)
	m.NoRoles = slices.Clone(m.NoRoles)
	return m
}

// intern collects every name the configuration uses.
func (s *compiled) intern() error {
	c := s.cfg
	exact := map[string]bool{}
	prefix := map[string]bool{}
	addLabel := func(field, l string) error {
		p := compilePattern(l)
		if p.text == "" {
			return &ConfigError{Field: field, Value: l, Reason: "empty label"}
		}
		if p.prefix {
			prefix[p.text] = true
		} else {
			exact[p.text] = true
		}
		return nil
	}
	addAll := func(field string, ls []string) error {
		for i, l := range ls {
			if err := addLabel(fmt.Sprintf("%s[%d]", field, i), l); err != nil {
				return err
			}
		}
		return nil
	}
	boards := map[string]bool{}
	roles := map[string]bool{}
	matches := func(f string, m Match) error {
		for _, x := range []struct {
			n  string
			ls []string
		}{{"labels", m.Labels}, {"anyLabel", m.AnyLabel}, {"noLabel", m.NoLabel}} {
			if err := addAll(f+"."+x.n, x.ls); err != nil {
				return err
			}
		}
		if m.Board != "" {
			boards[foldString(m.Board)] = true
		}
		for _, b := range m.OffBoard {
			boards[foldString(b)] = true
		}
		for _, r := range m.Roles {
			roles[r] = true
		}
		for _, r := range m.NoRoles {
			roles[r] = true
		}
		return nil
	}
	for i, r := range c.States {
		if err := matches(fmt.Sprintf("states[%d]", i), r.Match); err != nil {
			return err
		}
	}
	for i, r := range c.Diagnoses {
		if err := matches(fmt.Sprintf("diagnoses[%d]", i), r.Match); err != nil {
			return err
		}
	}
	for _, x := range []struct {
		n  string
		ls []string
	}{{"waiting", c.Waiting}, {"priorities", c.Priorities}, {"customer", c.Customer}, {"teams", c.Teams}} {
		if err := addAll(x.n, x.ls); err != nil {
			return err
		}
	}
	for i, t := range c.Transitions {
		f := fmt.Sprintf("transitions[%d]", i)
		if err := addAll(f+".add", t.Add); err != nil {
			return err
		}
		if err := addAll(f+".remove", t.Remove); err != nil {
			return err
		}
		if t.Board != "" {
			boards[foldString(t.Board)] = true
		}
		for _, b := range t.Leave {
			boards[foldString(b)] = true
		}
		if t.Assign != "" {
			roles[t.Assign] = true
		}
		for _, r := range t.Unassign {
			if r != "*" {
				roles[r] = true
			}
		}
	}
	for login, r := range c.Roles {
		if trim(login) == "" {
			return &ConfigError{Field: "roles", Value: login, Reason: "empty login"}
		}
		roles[r] = true
	}
	s.labels = slices.SortedFunc(maps.Keys(exact), cmpKey)
	for _, p := range slices.Sorted(maps.Keys(prefix)) {
		s.prefixes = append(s.prefixes, pattern{text: p, prefix: true})
	}
	if n := len(s.labels) + len(s.prefixes); n > maxLabels {
		return &ConfigError{Field: "labels", Value: fmt.Sprint(n), Reason: fmt.Sprintf("more than %d distinct labels", maxLabels)}
	}
	delete(boards, "")
	s.boards = slices.SortedFunc(maps.Keys(boards), cmpKey)
	if len(s.boards) > maxBoards {
		return &ConfigError{Field: "boards", Value: fmt.Sprint(len(s.boards)), Reason: fmt.Sprintf("more than %d boards", maxBoards)}
	}
	s.roles = slices.Sorted(maps.Keys(roles))
	if len(s.roles) > maxRoles {
		return &ConfigError{Field: "roles", Value: fmt.Sprint(len(s.roles)), Reason: fmt.Sprintf("more than %d roles", maxRoles)}
	}
	for login, r := range c.Roles {
		s.people = append(s.people, person{login: foldString(login), role: slices.Index(s.roles, r)})
	}
	slices.SortFunc(s.people, func(a, b person) int { return cmpKey(a.login, b.login) })
	for i := 1; i < len(s.people); i++ {
		if s.people[i].login == s.people[i-1].login {
			return &ConfigError{Field: "roles", Value: s.people[i].login, Reason: "login listed twice"}
		}
	}
	// columns
	cols := map[column]bool{}
	for _, r := range c.States {
		s.addCols(cols, r.Match)
	}
	for _, r := range c.Diagnoses {
		s.addCols(cols, r.Match)
	}
	for k := range cols {
		s.columns = append(s.columns, k)
	}
	sort.Slice(s.columns, func(i, j int) bool {
		a, b := s.columns[i], s.columns[j]
		return a.board < b.board || a.board == b.board && a.name < b.name
	})
	if len(s.columns) > maxCols {
		return &ConfigError{Field: "columns", Value: fmt.Sprint(len(s.columns)), Reason: fmt.Sprintf("more than %d board columns", maxCols)}
	}
	return nil
}

func (s *compiled) addCols(cols map[column]bool, m Match) {
	if m.Board == "" {
		return
	}
	b := s.boardIndex(m.Board)
	for _, c := range m.Columns {
		cols[column{board: b, name: foldString(c)}] = true
	}
}

func (s *compiled) boardIndex(name string) int {
	t := trim(name)
	return searchKey(s.boards, t)
}

func (s *compiled) roleIndex(r string) int { return slices.Index(s.roles, r) }

func (s *compiled) labelMask(field string, ls []string) (uint64, error) {
	var m uint64
	for i, l := range ls {
		p := compilePattern(l)
		bit := -1
		if p.prefix {
			bit = slices.IndexFunc(s.prefixes, func(q pattern) bool { return q.text == p.text })
			if bit >= 0 {
				bit += len(s.labels)
			}
		} else {
			bit = searchKey(s.labels, p.text)
		}
		if bit < 0 {
			return 0, &ConfigError{Field: fmt.Sprintf("%s[%d]", field, i), Value: l, Reason: "empty label"}
		}
		m |= 1 << uint(bit)
	}
	return m, nil
}

func (s *compiled) roleMask(field string, rs []string) (uint32, error) {
	var m uint32
	for i, r := range rs {
		j := s.roleIndex(r)
		if j < 0 {
			return 0, &ConfigError{Field: fmt.Sprintf("%s[%d]", field, i), Value: r, Reason: "unknown role"}
		}
		m |= 1 << uint(j)
	}
	return m, nil
}

func (s *compiled) compile(f string, m Match) (cmatch, error) {
	var c cmatch
	var err error
	switch m.Status {
	case StatusAny, StatusOpen, StatusClosed:
		c.status = m.Status
	default:
		return c, &ConfigError{Field: f + ".status", Value: string(m.Status), Reason: `want "open", "closed" or ""`}
	}
	if c.all, err = s.labelMask(f+".labels", m.Labels); err != nil {
		return c, err
	}
	if c.any, err = s.labelMask(f+".anyLabel", m.AnyLabel); err != nil {
		return c, err
	}
	if c.none, err = s.labelMask(f+".noLabel", m.NoLabel); err != nil {
		return c, err
	}
	if m.Board != "" && trim(m.Board) == "" {
		return c, &ConfigError{Field: f + ".board", Value: m.Board, Reason: "empty board name"}
	}
	for i, b := range m.OffBoard {
		if trim(b) == "" {
			return c, &ConfigError{Field: fmt.Sprintf("%s.offBoard[%d]", f, i), Value: b, Reason: "empty board name"}
		}
	}
	if m.Board != "" {
		b := s.boardIndex(m.Board)
		c.board = 1 << uint(b)
		for _, col := range m.Columns {
			k := slices.Index(s.columns, column{board: b, name: foldString(col)})
			c.cols |= 1 << uint(k)
		}
	} else if len(m.Columns) > 0 {
		return c, &ConfigError{Field: f + ".columns", Value: strings.Join(m.Columns, ","), Reason: "columns without a board"}
	}
	for _, b := range m.OffBoard {
		c.off |= 1 << uint(s.boardIndex(b))
	}
	c.unassigned = m.Unassigned
	if c.roles, err = s.roleMask(f+".roles", m.Roles); err != nil {
		return c, err
	}
	if c.noRoles, err = s.roleMask(f+".noRoles", m.NoRoles); err != nil {
		return c, err
	}
	if c.unassigned && c.roles != 0 {
		return c, &ConfigError{Field: f + ".roles", Value: strings.Join(m.Roles, ","), Reason: "roles required of an unassigned issue"}
	}
	return c, nil
}

// features reduces an issue to bits without allocating.
func (s *compiled) features(is *Issue) features {
	f := features{closed: is.Closed}
	for _, l := range is.Labels {
		f.labels |= s.labelBits(trim(l))
	}
	for _, bi := range is.Boards {
		b := s.boardIndex(bi.Board)
		if b < 0 {
			continue
		}
		f.boards |= 1 << uint(b)
		col := trim(bi.Column)
		for k, c := range s.columns {
			if c.board == b && eqFold(col, c.name) {
				f.cols |= 1 << uint(k)
			}
		}
	}
	for _, a := range is.Assignees {
		if trim(a) != "" {
			f.assigned = true
		}
		if r := s.roleOf(a); r >= 0 {
			f.roles |= 1 << uint(r)
		}
	}
	return f
}

func (s *compiled) labelBits(l string) uint64 {
	var m uint64
	if i := searchKey(s.labels, l); i >= 0 {
		m |= 1 << uint(i)
	}
	for j, p := range s.prefixes {
		if p.match(l) {
			m |= 1 << uint(len(s.labels)+j)
		}
	}
	return m
}

// roleOf returns the role index of a login, -1 when it has none.
func (s *compiled) roleOf(login string) int {
	i, ok := slices.BinarySearchFunc(s.people, trim(login), func(p person, t string) int { return cmpKey(p.login, t) })
	if !ok {
		return -1
	}
	return s.people[i].role
}

// Role returns the role the scheme gives a login ("" for none); logins
// compare case-insensitively.
func (s Scheme) Role(login string) string {
	s = s.orEmpty()
	if r := s.roleOf(login); r >= 0 {
		return s.roles[r]
	}
	return ""
}

func (m cmatch) match(f features) bool {
	switch m.status {
	case StatusOpen:
		if f.closed {
			return false
		}
	case StatusClosed:
		if !f.closed {
			return false
		}
	}
	if f.labels&m.all != m.all || f.labels&m.none != 0 {
		return false
	}
	if m.any != 0 && f.labels&m.any == 0 {
		return false
	}
	if m.board != 0 && f.boards&m.board == 0 {
		return false
	}
	if m.cols != 0 && f.cols&m.cols == 0 {
		return false
	}
	if f.boards&m.off != 0 {
		return false
	}
	if m.unassigned && f.assigned {
		return false
	}
	return f.roles&m.roles == m.roles && f.roles&m.noRoles == 0
}

// A Verdict is what a scheme says of one issue: its state, the name of the
// first rule that gave it, the states whose rules matched, and the
// diagnoses. When rules of two states match, State is Unknown, Matched
// holds both and Diagnoses has Ambiguous: the conflict is reported, never
// resolved. A Verdict is comparable with ==.
type Verdict struct {
	State     State
	Rule      string // the first matching state rule's Name
	Matched   StateSet
	Diagnoses Diagnosis
}

// String returns the state, followed by the diagnoses in parentheses when
// there are any: "inbox", "unknown (orphan)", "unknown (ambiguous:
// reproduced|in engineering)".
func (v Verdict) String() string {
	switch {
	case v.Diagnoses.Has(Ambiguous):
		return fmt.Sprintf("%s (%s: %s)", v.State, v.Diagnoses, v.Matched)
	case v.Diagnoses != 0:
		return fmt.Sprintf("%s (%s)", v.State, v.Diagnoses)
	}
	return v.State.String()
}

// Evaluate returns the verdict for one issue. It does not allocate and costs
// well under a microsecond for a typical scheme and issue.
func (s Scheme) Evaluate(is Issue) Verdict {
	s = s.orEmpty()
	return s.evaluate(&is)
}

func (s *compiled) evaluate(is *Issue) Verdict {
	f := s.features(is)
	var v Verdict
	for i := range s.states {
		r := &s.states[i]
		if r.m.match(f) {
			if v.Matched == 0 {
				v.Rule = r.name
			}
			v.Matched = v.Matched.With(r.state)
		}
	}
	for i := range s.diagnoses {
		if s.diagnoses[i].m.match(f) {
			v.Diagnoses |= s.diagnoses[i].diag
		}
	}
	switch v.Matched.Len() {
	case 1:
		v.State = State(bits.TrailingZeros8(uint8(v.Matched)))
	case 0:
		if !is.Closed && v.Diagnoses == 0 {
			v.Diagnoses |= Unclassified
		}
	default:
		v.Diagnoses |= Ambiguous
		v.Rule = ""
	}
	return v
}

// cmpKey orders names by length, then by their ASCII-folded bytes: the
// length test rejects most candidates of a binary search at once.
func cmpKey(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return cmpFold(a, b)
}

// searchKey returns the index of t in keys, sorted by cmpKey, or -1.
func searchKey(keys []string, t string) int {
	if i, ok := slices.BinarySearchFunc(keys, t, cmpKey); ok {
		return i
	}
	return -1
}
