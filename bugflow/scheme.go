package bugflow

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/rickb777/date/v2"
)

// A Board is one row of a scheme's board table: a GitHub project as a
// search names it (Project "fleetdm/40") and its title as gh's JSON carries
// it ("🚀 Release"). Titles compare trimmed and case-insensitively (ASCII
// letters), emoji included byte for byte: "🚀 release" is the same board,
// "Release" and "🚀 Release (archive)" are others.
type Board struct {
	Project string `json:"project"`
	Title   string `json:"title"`
}

// A StateRule says that issues matching Match are in State, a state of the
// scheme's flow named as Config.Flow names it ("inbox", "acknowledged").
// Several rules may name one state; Name tells them apart in an
// Evaluation ("" for the state's name).
type StateRule struct {
	Name  string
	State string
	Match Match
}

// A DiagnosisRule says that issues matching Match have the Diagnosis: an
// Orphan or ReproducedOrphan (R23), or Incomplete (a bug in a state that
// lacks what the rules ask, such as an engineering manager). With State
// set, the rule applies only to issues in that state.
type DiagnosisRule struct {
	Name      string
	Diagnosis Diagnosis
	State     string
	Match     Match
}

// Metrics are the filters of the R24 counts: Open selects the bugs counted
// as open and by state (the zero Match: every open issue), Opened the bugs
// counted as opened when created in the report's window, Closed the bugs
// counted as closed when closed in it. Report adds the window's dates, as
// Fleet's "created:>=" searches do.
type Metrics struct {
	Open   Match
	Opened Match
	Closed Match
}

// A Config is a scheme as data: the board table, the states of the flow,
// the searches that map labels, assignees and board columns to states and
// diagnoses, the legal moves, the labels the timers and the priority order
// read, and who has which role. It round-trips through JSON, where every
// Match is its search text. NewScheme validates and compiles it.
type Config struct {
	Name string
	// Boards is the board table: each project a search names, with its
	// title.
	Boards []Board
	// Flow names the scheme's states in the order of the flow. The names
	// "inbox", "reproduced", "in engineering", "awaiting QA" and "closed"
	// are the State constants; other names ("acknowledged", "triage",
	// "blocked") are states of this scheme, numbered from NumStates in
	// order (Scheme.State finds them). Nil means the five constants.
	Flow []string
	// Scope is the search every rule, diagnosis and metric is read within,
	// as GitHub's issue page adds "is:issue is:open" to a search: a rule's
	// own is:open or is:closed replaces the scope's.
	Scope Match
	// Roles declares the role names ("qa", "em", "pm") that People,
	// role: qualifiers and transitions may use.
	Roles []string
	// People maps a login to its role; logins compare case-insensitively.
	People map[string]string
	// Teams lists the team labels a reproduced bug carries (R20); "*"
	// suffixes are prefixes ("#g-*").
	Teams       []string
	States      []StateRule
	Diagnoses   []DiagnosisRule
	Metrics     Metrics
	Transitions []Transition
	// Waiting lists the labels that mean "waiting for the reporter": while
	// one is present, the R19 reporter clock runs and the R18 clock stops.
	Waiting []string
	// Priorities lists priority labels, most urgent first ("P0", "P1",
	// "P2"); Customer lists labels of customer bugs, which come next.
	Priorities []string
	Customer   []string
	// Known lists labels the team uses that no rule reads ("~released
	// bug"): Check does not report them as unknown.
	Known  []string
	Timers Timers
}

// A Scheme is a compiled Config: searches compiled to bit masks so that
// Evaluate runs without allocating. Build one with NewScheme or a preset
// such as Fleet2022. A Scheme is immutable and safe for concurrent use;
// copies share the compiled data, so == reports whether two Schemes come
// from the same build (not whether their rules are equal). The zero Scheme
// has no rules: every open issue is Unknown and Unclassified.
type Scheme struct {
	*compiled
}

// compiled is a Scheme's data, shared by copies and never changed after
// NewScheme.
type compiled struct {
	cfg Config

	labels    []string // folded exact labels, sorted by cmpKey; bit i
	labelTab  nameTable
	loginTab  nameTable
	titleTab  nameTable // board titles; index = board
	prefixes  []pattern // prefix patterns; bit len(labels)+j
	boards    []cboard  // the board table; bit i
	columns   []column  // (board, column) pairs; bit i
	logins    []string  // folded logins, sorted by cmpKey; bit i
	loginRole []int     // role index of logins[i], -1 for none
	roles     []string  // declared roles; bit i

	names       []string // state names by State value; "" for undeclared
	flow        []State  // declared states in flow order
	reproducing StateSet // states the R18 clock runs in
	usesDates   bool     // some search has created: or closed:

	scope     cmatch
	states    []crule
	diagnoses []crule
	open      cmatch
	opened    cmatch
	closed    cmatch
	moves     []cmove
	waiting   uint64
	prios     []uint64
	customer  uint64
	teamPats  []pattern
}

type cboard struct {
	project string // as configured
	title   string // folded
}

type column struct {
	board int
	name  string
}

type crule struct {
	name  string
	state State // the rule's state; for a diagnosis, the state it applies to (Unknown: any)
	diag  Diagnosis
	m     cmatch
	terms []term
}

// A term is one qualifier of a rule's search, compiled on its own, for
// explanations.
type term struct {
	text string
	src  Match
	m    cmatch
}

// cmatch is a compiled Match.
type cmatch struct {
	status             Status
	all, none          uint64
	any                []uint64
	noLabel            bool
	logins, notLogins  uint64
	noAssignee         bool
	roles, notRoles    uint32
	boards, notBoards  uint32
	noProject          bool
	cols               uint64
	hasCols            bool
	created, closedDay DateFilter
}

// features is an issue reduced to bits.
type features struct {
	closed     bool
	labels     uint64
	anyLabel   bool
	boards     uint32
	anyBoard   bool
	cols       uint64
	assigned   bool
	logins     uint64
	roles      uint32
	created    date.Date
	hasCreated bool
	closedDay  date.Date
	hasClosed  bool
}

// Limits of a compiled scheme.
const (
	maxLabels = 64
	maxBoards = 32
	maxCols   = 64
	maxRoles  = 32
	maxLogins = 64
	maxStates = 64
)

// NewScheme validates cfg and compiles it. It returns a *ConfigError naming
// the field and the value: ErrSyntax for a malformed search or name (an
// empty label, a project that is not OWNER/NUMBER, a column without exactly
// one project); ErrUnknownName for a name that does not resolve (a project
// missing from the board table, a rule's or transition's state missing from
// the flow, a role not declared in Roles, a renamed login); ErrConfig for
// the rest (a board listed twice, more than 64 labels, 32 boards, 64 board
// columns, 64 logins, 32 roles or 64 states, a transition that closes and
// reopens or leaves the board it joins, negative or out-of-order timers).
// The scheme keeps a copy of cfg.
func NewScheme(cfg Config) (Scheme, error) {
	cfg = cfg.clone()
	s := &compiled{cfg: cfg}
	if err := s.build(); err != nil {
		return Scheme{}, err
	}
	return Scheme{s}, nil
}

// MustNewScheme is like NewScheme but panics on error. It is intended for
// use in tests and with hard-coded configurations.
func MustNewScheme(cfg Config) Scheme {
	s, err := NewScheme(cfg)
	if err != nil {
		panic(err)
	}
	return s
}

// emptyScheme is the zero Scheme's data.
var emptyScheme = func() *compiled {
	s := &compiled{}
	_ = s.build()
	return s
}()

// orEmpty returns s, or a scheme without rules for the zero Scheme.
func (s Scheme) orEmpty() Scheme {
	if s.compiled == nil {
		return Scheme{emptyScheme}
	}
	return s
}

// Config returns a copy of the scheme's configuration, to change and build
// again, or to store as JSON.
func (s Scheme) Config() Config { return s.orEmpty().cfg.clone() }

// Name returns the configuration's name.
func (s Scheme) Name() string { return s.orEmpty().cfg.Name }

// State returns the state of the flow with the name, compared as ParseState
// compares ("acknowledged", "in-engineering"); false when the flow does not
// declare it.
func (s Scheme) State(name string) (State, bool) {
	s = s.orEmpty()
	t := spaced(name)
	for _, st := range s.flow {
		if strings.EqualFold(t, s.names[st]) {
			return st, true
		}
	}
	return Unknown, false
}

// StateName returns the name the scheme gives a state: the flow's name for
// a declared state, "unknown" for Unknown, and State.String otherwise.
func (s Scheme) StateName(st State) string {
	s = s.orEmpty()
	if st > Unknown && int(st) < len(s.names) && s.names[st] != "" {
		return s.names[st]
	}
	return st.String()
}

// Flow returns the scheme's states in the order of the flow.
func (s Scheme) Flow() []State { return slices.Clone(s.orEmpty().flow) }

func (c Config) clone() Config {
	c.Boards = slices.Clone(c.Boards)
	c.Flow = slices.Clone(c.Flow)
	c.Scope = c.Scope.clone()
	c.Roles = slices.Clone(c.Roles)
	c.People = maps.Clone(c.People)
	c.Teams = slices.Clone(c.Teams)
	c.Waiting = slices.Clone(c.Waiting)
	c.Priorities = slices.Clone(c.Priorities)
	c.Customer = slices.Clone(c.Customer)
	c.Known = slices.Clone(c.Known)
	c.States = slices.Clone(c.States)
	for i := range c.States {
		c.States[i].Match = c.States[i].Match.clone()
	}
	c.Diagnoses = slices.Clone(c.Diagnoses)
	for i := range c.Diagnoses {
		c.Diagnoses[i].Match = c.Diagnoses[i].Match.clone()
	}
	c.Metrics = Metrics{c.Metrics.Open.clone(), c.Metrics.Opened.clone(), c.Metrics.Closed.clone()}
	c.Transitions = slices.Clone(c.Transitions)
	for i := range c.Transitions {
		c.Transitions[i] = c.Transitions[i].clone()
	}
	return c
}

// defaultFlow is the flow of a Config without one.
var defaultFlow = []string{"inbox", "reproduced", "in engineering", "awaiting QA", "closed"}

// build validates and compiles s.cfg.
func (s *compiled) build() error {
	c := &s.cfg
	if err := s.buildFlow(); err != nil {
		return err
	}
	if err := s.buildBoards(); err != nil {
		return err
	}
	if err := s.buildRoles(); err != nil {
		return err
	}
	// Validate every search before interning its names.
	type named struct {
		field string
		m     Match
	}
	var all []named
	all = append(all, named{"scope", c.Scope})
	for i, r := range c.States {
		all = append(all, named{fmt.Sprintf("states[%d].search", i), r.Match})
	}
	for i, r := range c.Diagnoses {
		all = append(all, named{fmt.Sprintf("diagnoses[%d].search", i), r.Match})
	}
	all = append(all, named{"metrics.open", c.Metrics.Open}, named{"metrics.opened", c.Metrics.Opened}, named{"metrics.closed", c.Metrics.Closed})
	for _, n := range all {
		if err := n.m.validate(n.field); err != nil {
			return err
		}
		s.usesDates = s.usesDates || !n.m.Created.IsZero() || !n.m.Closed.IsZero()
	}
	if err := s.intern(); err != nil {
		return err
	}
	var err error
	if s.scope, err = s.compile("scope", c.Scope); err != nil {
		return err
	}
	scopeTerms, err := s.terms("scope", c.Scope)
	if err != nil {
		return err
	}
	rule := func(field string, m Match) (cmatch, []term, error) {
		cm, err := s.compile(field, m)
		if err != nil {
			return cmatch{}, nil, err
		}
		ts, err := s.terms(field, m)
		if err != nil {
			return cmatch{}, nil, err
		}
		var out []term
		for _, t := range scopeTerms {
			if t.src.Status != StatusAny && m.Status != StatusAny {
				continue // the rule's is: replaces the scope's
			}
			out = append(out, t)
		}
		for _, t := range ts {
			if !slices.ContainsFunc(out, func(o term) bool { return o.text == t.text }) {
				out = append(out, t)
			}
		}
		return s.scope.and(cm), out, nil
	}
	for i, r := range c.States {
		f := fmt.Sprintf("states[%d]", i)
		st, ok := s.lookupState(r.State)
		if !ok {
			return unknownName(f+".state", r.State, "not a state of the flow ("+s.flowText()+")")
		}
		cm, ts, err := rule(f+".search", r.Match)
		if err != nil {
			return err
		}
		name := r.Name
		if trim(name) == "" {
			name = s.names[st]
		}
		s.states = append(s.states, crule{name: name, state: st, m: cm, terms: ts})
	}
	for i, r := range c.Diagnoses {
		f := fmt.Sprintf("diagnoses[%d]", i)
		switch r.Diagnosis {
		case Orphan, ReproducedOrphan, Incomplete:
		default:
			return configErr(f+".diagnosis", r.Diagnosis.String(), "want orphan, reproduced orphan or incomplete")
		}
		st := Unknown
		if r.State != "" {
			var ok bool
			if st, ok = s.lookupState(r.State); !ok {
				return unknownName(f+".state", r.State, "not a state of the flow ("+s.flowText()+")")
			}
		}
		cm, ts, err := rule(f+".search", r.Match)
		if err != nil {
			return err
		}
		name := r.Name
		if trim(name) == "" {
			name = r.Diagnosis.String()
		}
		s.diagnoses = append(s.diagnoses, crule{name: name, state: st, diag: r.Diagnosis, m: cm, terms: ts})
	}
	for _, x := range []struct {
		f   string
		m   Match
		dst *cmatch
		def Status
	}{{"metrics.open", c.Metrics.Open, &s.open, StatusOpen}, {"metrics.opened", c.Metrics.Opened, &s.opened, StatusAny}, {"metrics.closed", c.Metrics.Closed, &s.closed, StatusAny}} {
		// Metrics are read as typed, without the scope: Fleet's "label:bug
		// created:>=..." counts closed bugs too.
		cm, err := s.compile(x.f, x.m)
		if err != nil {
			return err
		}
		if isZeroMatch(x.m) && x.def != StatusAny {
			cm.status = x.def
		}
		*x.dst = cm
	}
	if s.waiting, err = s.labelMask("waiting", c.Waiting); err != nil {
		return err
	}
	if s.customer, err = s.labelMask("customer", c.Customer); err != nil {
		return err
	}
	for _, t := range c.Teams {
		s.teamPats = append(s.teamPats, compilePattern(t))
	}
	for i, p := range c.Priorities {
		m, err := s.labelMask(fmt.Sprintf("priorities[%d]", i), []string{p})
		if err != nil {
			return err
		}
		s.prios = append(s.prios, m)
	}
	if err := s.buildMoves(); err != nil {
		return err
	}
	return c.Timers.validate()
}

func isZeroMatch(m Match) bool { return m.String() == "" }

func (s *compiled) buildFlow() error {
	flow := s.cfg.Flow
	if flow == nil {
		flow = defaultFlow
	}
	s.names = make([]string, NumStates)
	s.names[Unknown] = "unknown"
	next := State(NumStates)
	for i, n := range flow {
		f := fmt.Sprintf("flow[%d]", i)
		t := spaced(n)
		if t == "" || strings.EqualFold(t, "unknown") {
			return configErr(f, n, "want a state name other than \"\" and \"unknown\"")
		}
		if strings.ContainsRune(t, '|') {
			return configErr(f, n, "a state name cannot contain |")
		}
		if _, dup := s.lookupState(t); dup {
			return configErr(f, n, "state listed twice")
		}
		st, err := ParseState(t)
		if err != nil {
			if next >= maxStates {
				return configErr(f, n, fmt.Sprintf("more than %d states of the scheme's own", maxStates-NumStates))
			}
			st = next
			next++
			s.names = append(s.names, trim(n))
		} else {
			s.names[st] = stateName(st)
		}
		s.flow = append(s.flow, st)
	}
	// The R18 clock runs in the inbox and any state between it and
	// reproduced.
	if i := slices.Index(s.flow, Inbox); i >= 0 {
		for _, st := range s.flow[i:] {
			if st == Reproduced || st == Closed || st.IsValid() && st != Inbox {
				break
			}
			s.reproducing = s.reproducing.With(st)
		}
	}
	return nil
}

// lookupState finds a declared state by name.
func (s *compiled) lookupState(name string) (State, bool) {
	t := spaced(name)
	for _, st := range s.flow {
		if strings.EqualFold(t, spaced(s.names[st])) {
			return st, true
		}
	}
	return Unknown, false
}

func (s *compiled) flowText() string {
	var ns []string
	for _, st := range s.flow {
		ns = append(ns, s.names[st])
	}
	return strings.Join(ns, ", ")
}

func (s *compiled) buildBoards() error {
	if len(s.cfg.Boards) > maxBoards {
		return configErr("boards", fmt.Sprint(len(s.cfg.Boards)), fmt.Sprintf("more than %d boards", maxBoards))
	}
	for i, b := range s.cfg.Boards {
		f := fmt.Sprintf("boards[%d]", i)
		if err := checkProjectRef(f+".project", b.Project); err != nil {
			return err
		}
		if trim(b.Title) == "" {
			return &ConfigError{Field: f + ".title", Value: b.Title, Reason: "empty board title", Err: ErrSyntax}
		}
		for j, o := range s.boards {
			if eqFold(trim(o.project), trim(b.Project)) {
				return configErr(f+".project", b.Project, fmt.Sprintf("listed twice (boards[%d])", j))
			}
			if o.title == foldString(b.Title) {
				return configErr(f+".title", b.Title, fmt.Sprintf("listed twice (boards[%d])", j))
			}
		}
		s.boards = append(s.boards, cboard{project: trim(b.Project), title: foldString(b.Title)})
	}
	titles := make([]string, len(s.boards))
	for i, b := range s.boards {
		titles[i] = b.title
	}
	s.titleTab = newNameTable(titles)
	return nil
}

// boardByTitle returns the index of the board with the title, -1 for none.
func (s *compiled) boardByTitle(title string) int {
	return s.titleTab.find(trim(title))
}

// boardByProject returns the index of the board with the project, -1 for
// none.
func (s *compiled) boardByProject(ref string) int {
	return slices.IndexFunc(s.boards, func(b cboard) bool { return eqFold(b.project, trim(ref)) })
}

// resolveBoard finds a board named by project (OWNER/N) or by title.
func (s *compiled) resolveBoard(name string) int {
	if b := s.boardByProject(name); b >= 0 {
		return b
	}
	return s.boardByTitle(name)
}

func (s *compiled) buildRoles() error {
	if len(s.cfg.Roles) > maxRoles {
		return configErr("roles", fmt.Sprint(len(s.cfg.Roles)), fmt.Sprintf("more than %d roles", maxRoles))
	}
	for i, r := range s.cfg.Roles {
		f := fmt.Sprintf("roles[%d]", i)
		if trim(r) == "" || r == "*" || strings.ContainsAny(r, " \t\",") {
			return &ConfigError{Field: f, Value: r, Reason: "want a role name without spaces, commas or quotes", Err: ErrSyntax}
		}
		if slices.Contains(s.roles, r) {
			return configErr(f, r, "listed twice")
		}
		s.roles = append(s.roles, r)
	}
	for _, login := range slices.Sorted(maps.Keys(s.cfg.People)) {
		f := "people." + login
		if trim(login) == "" {
			return &ConfigError{Field: "people", Value: login, Reason: "empty login", Err: ErrSyntax}
		}
		if r := s.cfg.People[login]; !slices.Contains(s.roles, r) {
			return unknownName(f, r, "not a role of the scheme ("+strings.Join(s.roles, ", ")+")")
		}
	}
	return nil
}

func (s *compiled) roleIndex(field, r string) (int, error) {
	i := slices.Index(s.roles, r)
	if i < 0 {
		return -1, unknownName(field, r, "not a role of the scheme ("+strings.Join(s.roles, ", ")+")")
	}
	return i, nil
}

// intern collects every label and login the configuration uses.
func (s *compiled) intern() error {
	c := s.cfg
	exact := map[string]bool{}
	prefix := map[string]bool{}
	addLabel := func(field, l string) error {
		p := compilePattern(l)
		if p.text == "" {
			return &ConfigError{Field: field, Value: l, Reason: "empty label", Err: ErrSyntax}
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
	logins := map[string]bool{}
	for login := range c.People {
		logins[foldString(login)] = true
	}
	matches := func(f string, m Match) error {
		if err := addAll(f+".labels", m.Labels); err != nil {
			return err
		}
		for i, g := range m.AnyLabels {
			if err := addAll(fmt.Sprintf("%s.anyLabels[%d]", f, i), g); err != nil {
				return err
			}
		}
		if err := addAll(f+".notLabels", m.NotLabels); err != nil {
			return err
		}
		for _, a := range m.Assignees {
			logins[foldString(a)] = true
		}
		for _, a := range m.NotAssignees {
			logins[foldString(a)] = true
		}
		return nil
	}
	if err := matches("scope", c.Scope); err != nil {
		return err
	}
	for i, r := range c.States {
		if err := matches(fmt.Sprintf("states[%d].search", i), r.Match); err != nil {
			return err
		}
	}
	for i, r := range c.Diagnoses {
		if err := matches(fmt.Sprintf("diagnoses[%d].search", i), r.Match); err != nil {
			return err
		}
	}
	for _, x := range []struct {
		f string
		m Match
	}{{"metrics.open", c.Metrics.Open}, {"metrics.opened", c.Metrics.Opened}, {"metrics.closed", c.Metrics.Closed}} {
		if err := matches(x.f, x.m); err != nil {
			return err
		}
	}
	for _, x := range []struct {
		n  string
		ls []string
	}{{"waiting", c.Waiting}, {"priorities", c.Priorities}, {"customer", c.Customer}, {"teams", c.Teams}, {"known", c.Known}} {
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
	}
	s.labels = slices.SortedFunc(maps.Keys(exact), cmpKey)
	s.labelTab = newNameTable(s.labels)
	for _, p := range slices.Sorted(maps.Keys(prefix)) {
		s.prefixes = append(s.prefixes, pattern{text: p, prefix: true})
	}
	if n := len(s.labels) + len(s.prefixes); n > maxLabels {
		return configErr("labels", fmt.Sprint(n), fmt.Sprintf("more than %d distinct labels", maxLabels))
	}
	delete(logins, "")
	s.logins = slices.SortedFunc(maps.Keys(logins), cmpKey)
	s.loginTab = newNameTable(s.logins)
	if len(s.logins) > maxLogins {
		return configErr("people", fmt.Sprint(len(s.logins)), fmt.Sprintf("more than %d distinct logins", maxLogins))
	}
	s.loginRole = make([]int, len(s.logins))
	for i := range s.loginRole {
		s.loginRole[i] = -1
	}
	for _, login := range slices.Sorted(maps.Keys(c.People)) {
		r := c.People[login]
		i := searchKey(s.logins, foldString(login))
		if s.loginRole[i] >= 0 {
			return configErr("people."+login, r, "login listed twice (logins compare case-insensitively)")
		}
		s.loginRole[i] = slices.Index(s.roles, r)
	}
	// Columns.
	cols := map[column]bool{}
	addCols := func(f string, m Match) error {
		if m.Columns == nil {
			return nil
		}
		b := s.boardByProject(m.Projects[0])
		if b < 0 {
			return unknownName(f+".projects[0]", m.Projects[0], "not in the board table")
		}
		for _, col := range m.Columns {
			cols[column{board: b, name: foldString(col)}] = true
		}
		return nil
	}
	if err := addCols("scope", c.Scope); err != nil {
		return err
	}
	for i, r := range c.States {
		if err := addCols(fmt.Sprintf("states[%d].search", i), r.Match); err != nil {
			return err
		}
	}
	for i, r := range c.Diagnoses {
		if err := addCols(fmt.Sprintf("diagnoses[%d].search", i), r.Match); err != nil {
			return err
		}
	}
	for _, m := range []Match{c.Metrics.Open, c.Metrics.Opened, c.Metrics.Closed} {
		if err := addCols("metrics", m); err != nil {
			return err
		}
	}
	for k := range cols {
		s.columns = append(s.columns, k)
	}
	slices.SortFunc(s.columns, func(a, b column) int {
		if a.board != b.board {
			return a.board - b.board
		}
		return strings.Compare(a.name, b.name)
	})
	if len(s.columns) > maxCols {
		return configErr("columns", fmt.Sprint(len(s.columns)), fmt.Sprintf("more than %d board columns", maxCols))
	}
	return nil
}

func (s *compiled) labelBit(l string) int {
	p := compilePattern(l)
	if p.prefix {
		j := slices.IndexFunc(s.prefixes, func(q pattern) bool { return q.text == p.text })
		if j < 0 {
			return -1
		}
		return len(s.labels) + j
	}
	return searchKey(s.labels, p.text)
}

func (s *compiled) labelMask(field string, ls []string) (uint64, error) {
	var m uint64
	for i, l := range ls {
		bit := s.labelBit(l)
		if bit < 0 {
			return 0, &ConfigError{Field: fmt.Sprintf("%s[%d]", field, i), Value: l, Reason: "empty label", Err: ErrSyntax}
		}
		m |= 1 << uint(bit)
	}
	return m, nil
}

func (s *compiled) loginMask(ls []string) uint64 {
	var m uint64
	for _, l := range ls {
		if i := searchKey(s.logins, foldString(l)); i >= 0 {
			m |= 1 << uint(i)
		}
	}
	return m
}

func (s *compiled) roleMask(field string, rs []string) (uint32, error) {
	var m uint32
	for i, r := range rs {
		j, err := s.roleIndex(fmt.Sprintf("%s[%d]", field, i), r)
		if err != nil {
			return 0, err
		}
		m |= 1 << uint(j)
	}
	return m, nil
}

func (s *compiled) boardMask(field string, refs []string) (uint32, error) {
	var m uint32
	for i, r := range refs {
		b := s.boardByProject(r)
		if b < 0 {
			return 0, unknownName(fmt.Sprintf("%s[%d]", field, i), r, "not in the board table")
		}
		m |= 1 << uint(b)
	}
	return m, nil
}

// compile compiles a validated Match whose names are interned.
func (s *compiled) compile(f string, m Match) (cmatch, error) {
	c := cmatch{status: m.Status, noLabel: m.NoLabel, noAssignee: m.NoAssignee, noProject: m.NoProject,
		created: m.Created, closedDay: m.Closed}
	var err error
	if c.all, err = s.labelMask(f+".labels", m.Labels); err != nil {
		return c, err
	}
	for i, g := range m.AnyLabels {
		x, err := s.labelMask(fmt.Sprintf("%s.anyLabels[%d]", f, i), g)
		if err != nil {
			return c, err
		}
		c.any = append(c.any, x)
	}
	if c.none, err = s.labelMask(f+".notLabels", m.NotLabels); err != nil {
		return c, err
	}
	c.logins = s.loginMask(m.Assignees)
	c.notLogins = s.loginMask(m.NotAssignees)
	if c.roles, err = s.roleMask(f+".roles", m.Roles); err != nil {
		return c, err
	}
	if c.notRoles, err = s.roleMask(f+".notRoles", m.NotRoles); err != nil {
		return c, err
	}
	if c.boards, err = s.boardMask(f+".projects", m.Projects); err != nil {
		return c, err
	}
	if c.notBoards, err = s.boardMask(f+".notProjects", m.NotProjects); err != nil {
		return c, err
	}
	if m.Columns != nil {
		b := s.boardByProject(m.Projects[0])
		c.hasCols = true
		for _, col := range m.Columns {
			k := slices.Index(s.columns, column{board: b, name: foldString(col)})
			c.cols |= 1 << uint(k)
		}
	}
	return c, nil
}

// terms splits a Match into its qualifiers, each compiled on its own.
func (s *compiled) terms(f string, m Match) ([]term, error) {
	var parts []Match
	if m.Issue {
		parts = append(parts, Match{Issue: true})
	}
	if m.Status != StatusAny {
		parts = append(parts, Match{Status: m.Status})
	}
	for _, l := range m.Labels {
		parts = append(parts, Match{Labels: []string{l}})
	}
	for _, g := range m.AnyLabels {
		parts = append(parts, Match{AnyLabels: [][]string{g}})
	}
	for _, l := range m.NotLabels {
		parts = append(parts, Match{NotLabels: []string{l}})
	}
	if m.NoLabel {
		parts = append(parts, Match{NoLabel: true})
	}
	for _, a := range m.Assignees {
		parts = append(parts, Match{Assignees: []string{a}})
	}
	for _, a := range m.NotAssignees {
		parts = append(parts, Match{NotAssignees: []string{a}})
	}
	if m.NoAssignee {
		parts = append(parts, Match{NoAssignee: true})
	}
	for _, r := range m.Roles {
		parts = append(parts, Match{Roles: []string{r}})
	}
	for _, r := range m.NotRoles {
		parts = append(parts, Match{NotRoles: []string{r}})
	}
	for _, p := range m.Projects {
		parts = append(parts, Match{Projects: []string{p}})
	}
	for _, p := range m.NotProjects {
		parts = append(parts, Match{NotProjects: []string{p}})
	}
	if m.NoProject {
		parts = append(parts, Match{NoProject: true})
	}
	if m.Columns != nil {
		parts = append(parts, Match{Projects: m.Projects[:1], Columns: m.Columns})
	}
	if !m.Created.IsZero() {
		parts = append(parts, Match{Created: m.Created})
	}
	if !m.Closed.IsZero() {
		parts = append(parts, Match{Closed: m.Closed})
	}
	out := make([]term, 0, len(parts))
	for _, p := range parts {
		cm, err := s.compile(f, p)
		if err != nil {
			return nil, err
		}
		text := p.String()
		if p.Columns != nil {
			cm.boards = 0
			text = Match{Columns: p.Columns}.String()
		}
		out = append(out, term{text: text, src: p, m: cm})
	}
	return out, nil
}

// and returns a match that requires both; b's status and dates win where
// b sets them.
func (a cmatch) and(b cmatch) cmatch {
	c := a
	if b.status != StatusAny {
		c.status = b.status
	}
	c.all |= b.all
	c.none |= b.none
	c.any = append(slices.Clip(slices.Clone(a.any)), b.any...)
	c.noLabel = a.noLabel || b.noLabel
	c.logins |= b.logins
	c.notLogins |= b.notLogins
	c.noAssignee = a.noAssignee || b.noAssignee
	c.roles |= b.roles
	c.notRoles |= b.notRoles
	c.boards |= b.boards
	c.notBoards |= b.notBoards
	c.noProject = a.noProject || b.noProject
	if b.hasCols {
		if c.hasCols {
			c.cols &= b.cols
		} else {
			c.cols = b.cols
		}
		c.hasCols = true
	}
	if !b.created.IsZero() {
		c.created = b.created
	}
	if !b.closedDay.IsZero() {
		c.closedDay = b.closedDay
	}
	return c
}

// features reduces an issue to bits without allocating.
func (s *compiled) features(is *Issue) features {
	f := features{closed: is.Closed}
	for _, l := range is.Labels {
		t := trim(l)
		if t != "" {
			f.anyLabel = true
		}
		f.labels |= s.labelBits(t)
	}
	for _, bi := range is.Boards {
		f.anyBoard = true
		b := s.boardByTitle(bi.Board)
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
		t := trim(a)
		if t == "" {
			continue
		}
		f.assigned = true
		if i := s.loginTab.find(t); i >= 0 {
			f.logins |= 1 << uint(i)
			if r := s.loginRole[i]; r >= 0 {
				f.roles |= 1 << uint(r)
			}
		}
	}
	if !s.usesDates {
		return f
	}
	if !is.Created.IsZero() {
		f.created, f.hasCreated = date.NewAt(is.Created.UTC()), true
	}
	if !is.ClosedAt.IsZero() {
		f.closedDay, f.hasClosed = date.NewAt(is.ClosedAt.UTC()), true
	}
	return f
}

func (s *compiled) labelBits(l string) uint64 {
	var m uint64
	if i := s.labelTab.find(l); i >= 0 {
		m |= 1 << uint(i)
	}
	for j, p := range s.prefixes {
		if p.match(l) {
			m |= 1 << uint(len(s.labels)+j)
		}
	}
	return m
}

// Role returns the role the scheme gives a login ("" for none); logins
// compare case-insensitively.
func (s Scheme) Role(login string) string {
	s = s.orEmpty()
	if i := s.loginTab.find(trim(login)); i >= 0 && s.loginRole[i] >= 0 {
		return s.roles[s.loginRole[i]]
	}
	return ""
}

func dayHolds(f DateFilter, d date.Date, ok bool) bool {
	if f.Op == "" {
		return true
	}
	if !ok {
		return false
	}
	switch f.Op {
	case ">=":
		return d >= f.Day
	case ">":
		return d > f.Day
	case "<=":
		return d <= f.Day
	case "<":
		return d < f.Day
	}
	return d == f.Day
}

func (m *cmatch) match(f *features) bool {
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
	if f.labels&m.all != m.all || f.labels&m.none != 0 || m.noLabel && f.anyLabel {
		return false
	}
	for _, g := range m.any {
		if f.labels&g == 0 {
			return false
		}
	}
	if f.logins&m.logins != m.logins || f.logins&m.notLogins != 0 || m.noAssignee && f.assigned {
		return false
	}
	if f.roles&m.roles != m.roles || f.roles&m.notRoles != 0 {
		return false
	}
	if f.boards&m.boards != m.boards || f.boards&m.notBoards != 0 || m.noProject && f.anyBoard {
		return false
	}
	if m.hasCols && f.cols&m.cols == 0 {
		return false
	}
	return dayHolds(m.created, f.created, f.hasCreated) && dayHolds(m.closedDay, f.closedDay, f.hasClosed)
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
