package bugflow

import (
	"fmt"
	"slices"
	"strings"
)

// Role names the Fleet presets declare in Config.Roles.
const (
	RoleQA = "qa" // quality assurance: reproduces and verifies bugs
	RoleEM = "em" // engineering manager: owns reproduced bugs of a team
	RolePM = "pm" // product manager: prioritises, decides "not a bug"
)

// Fleet's two GitHub project boards, as searches name them and as gh's JSON
// titles them, and the release board's columns.
const (
	ReleaseProject = "fleetdm/40"
	ProductProject = "fleetdm/37"
	ReleaseBoard   = "🚀 Release"
	ProductBoard   = "🎁 Product"

	ColumnReady          = "Ready"
	ColumnInProgress     = "In progress"
	ColumnReadyForReview = "Ready for review"
	ColumnInReview       = "In review"
	ColumnAwaitingQA     = "Awaiting QA"
)

// FleetQA is the login Fleet's 2022-23 searches name for QA
// ("-assignee:xpkoala"); Scheme.Rename puts another in its place.
const FleetQA = "xpkoala"

// WaitingLabel is the label the Fleet presets read as "waiting for the
// reporter" (R19): while it is on an issue the reporter clock runs.
const WaitingLabel = "~more info needed"

// FleetBoards is Fleet's board table: fleetdm/40 is "🚀 Release",
// fleetdm/37 is "🎁 Product".
func FleetBoards() []Board {
	return []Board{{Project: ReleaseProject, Title: ReleaseBoard}, {Project: ProductProject, Title: ProductBoard}}
}

// FleetTimers are the R18/R19 clocks: one week to reproduce, ping the
// reporter at three weeks, close at six.
func FleetTimers() Timers { return Timers{Reproduce: Week, Ping: 3 * Week, Close: 6 * Week} }

// Fleet2022Searches are the searches of Fleet's 2022-23 handbook (rule R17
// in RULES.md), by state or diagnosis name, as Fleet2022 reads them within
// the scope "is:issue is:open". Where Fleet's own search leaves something
// to prose, the preset says it with a qualifier: the inbox is assigned to
// nobody (no:assignee); acknowledged bugs are on the release board in the
// Awaiting QA column with QA assigned; reproduced bugs are in the Ready
// column.
var fleet2022Searches = []struct{ name, kind, state, search string }{
	{"inbox", "state", "inbox", `is:issue is:open label:bug label::reproduce -project:fleetdm/37 -project:fleetdm/40 no:assignee`},
	{"acknowledged", "state", "acknowledged", `label:bug label::reproduce -project:fleetdm/37 project:fleetdm/40 role:qa column:"Awaiting QA"`},
	{"reproduced", "state", "reproduced", `label:bug -label::reproduce -project:fleetdm/37 project:fleetdm/40 -assignee:xpkoala column:Ready`},
	{"in engineering", "state", "in engineering", `label:bug project:fleetdm/40 column:"In progress","Ready for review","In review"`},
	{"awaiting QA", "state", "awaiting QA", `label:bug -label::reproduce project:fleetdm/40 column:"Awaiting QA"`},
	{"closed", "state", "closed", `is:closed label:bug`},
	{"orphan", "orphan", "", `label:bug -label::reproduce -project:fleetdm/37 -project:fleetdm/40`},
	{"reproduced orphan", "reproduced orphan", "", `label:bug -label::reproduce -project:fleetdm/37 project:fleetdm/40 -assignee:xpkoala column:Ready -label:#interface -label:#platform -label:#agent`},
	{"no engineering manager", "incomplete", "reproduced", `-role:em`},
}

// Fleet2022 returns Fleet's 2022-23 scheme: Fleet's own saved searches
// (R17, R23, R24), read within "is:issue is:open", on the flow inbox,
// acknowledged, reproduced, in engineering, awaiting QA, closed:
//
//	inbox:             is:issue is:open label:bug label::reproduce -project:fleetdm/37 -project:fleetdm/40 no:assignee
//	acknowledged:      label:bug label::reproduce -project:fleetdm/37 project:fleetdm/40 role:qa column:"Awaiting QA"
//	reproduced:        label:bug -label::reproduce -project:fleetdm/37 project:fleetdm/40 -assignee:xpkoala column:Ready
//	in engineering:    label:bug project:fleetdm/40 column:"In progress","Ready for review","In review"
//	awaiting QA:       label:bug -label::reproduce project:fleetdm/40 column:"Awaiting QA"
//	closed:            is:closed label:bug
//	orphan:            label:bug -label::reproduce -project:fleetdm/37 -project:fleetdm/40
//	reproduced orphan: the reproduced search plus -label:#interface -label:#platform -label:#agent
//	incomplete:        a reproduced bug with -role:em (no engineering manager assigned)
//
// The metrics are "is:issue is:open label:bug" (all bugs), "label:bug"
// created in the report's window and "is:closed label:bug" closed in it.
// Where the handbook's prose asks more than the searches (an engineering
// manager assigned, a team label), the preset follows the searches and the
// diagnoses report what is missing, so no bug drops out of every state.
//
// Boards have their real titles (FleetBoards) and QA is Fleet's login
// FleetQA, whom the reproduced search names; Scheme.Rename changes titles,
// projects and logins in one call. people maps logins to RoleQA, RoleEM and
// RolePM; FleetQA has RoleQA unless people gives it another role.
func Fleet2022(people map[string]string) (Scheme, error) {
	withQA := map[string]string{FleetQA: RoleQA}
	for login, role := range people {
		if eqFold(trim(login), FleetQA) {
			delete(withQA, FleetQA)
		}
		withQA[login] = role
	}
	people = withQA
	cfg := Config{
		Name:   "fleet-2022",
		Boards: FleetBoards(),
		Flow:   []string{"inbox", "acknowledged", "reproduced", "in engineering", "awaiting QA", "closed"},
		Scope:  MustParseMatch("is:issue is:open"),
		Roles:  []string{RoleQA, RoleEM, RolePM},
		People: people,
		Teams:  []string{"#agent", "#platform", "#interface"},
		Metrics: Metrics{
			Open:   MustParseMatch("is:issue is:open label:bug"),
			Opened: MustParseMatch("label:bug"),
			Closed: MustParseMatch("is:closed label:bug"),
		},
		Waiting:    []string{WaitingLabel},
		Priorities: []string{"P0", "P1", "P2"},
		Customer:   []string{"customer-*"},
		Timers:     FleetTimers(),
	}
	addSearches(&cfg, fleet2022Searches)
	toReproduced := Transition{Rule: "R20", To: "reproduced", Remove: []string{":reproduce"}, Team: true,
		Assign: RoleEM, Unassign: []string{RoleQA}, Board: ReleaseProject, Column: ColumnReady, Leave: []string{ProductProject}}
	moves := fleetMoves(toReproduced, nil)
	ack := toReproduced.clone()
	ack.Name, ack.From = "reproduce", "acknowledged"
	moves = append(moves,
		Transition{Name: "acknowledge", Rule: "R18", From: "inbox", To: "acknowledged", Assign: RoleQA, Board: ReleaseProject, Column: ColumnAwaitingQA},
		ack,
		Transition{Name: "not a bug", Rule: "R21", From: "acknowledged", Remove: []string{"bug", ":reproduce"}, Assign: RolePM, Unassign: []string{"*"}, Leave: []string{ReleaseProject}},
		Transition{Name: "no answer", Rule: "R19", From: "acknowledged", To: "closed", Close: true},
	)
	cfg.Transitions = moves
	return NewScheme(cfg)
}

var fleet2024Searches = []struct{ name, kind, state, search string }{
	{"inbox", "state", "inbox", `is:issue is:open label:bug label::reproduce -project:fleetdm/37 -project:fleetdm/40 no:assignee`},
	{"reproduced", "state", "reproduced", `label:bug label::product -label::reproduce -label::release project:fleetdm/37 label:#g-*`},
	{"in engineering", "state", "in engineering", `label:bug label::release -label::reproduce project:fleetdm/40 column:Ready,"In progress","Ready for review","In review",""`},
	{"awaiting QA", "state", "awaiting QA", `label:bug label::release -label::reproduce project:fleetdm/40 column:"Awaiting QA"`},
	{"closed", "state", "closed", `is:closed label:bug`},
	{"orphan", "orphan", "", `label:bug -label::reproduce -label::release -label::product`},
	{"reproduced orphan", "reproduced orphan", "", `label:bug label::product,:release -label::reproduce -project:fleetdm/37 -project:fleetdm/40`},
	{"reproduced orphan (no group)", "reproduced orphan", "", `label:bug label::product -label::reproduce -label::release project:fleetdm/37 -label:#g-*`},
}

// Fleet2024 returns Fleet's later scheme (2024-25), written the same way:
// reproduced bugs carry :product and a #g- group label and sit on the
// product board; scheduled bugs carry :release and sit on the release
// board; "#g-*" is bugflow's prefix extension (any group label).
//
//	inbox:             is:issue is:open label:bug label::reproduce -project:fleetdm/37 -project:fleetdm/40 no:assignee
//	reproduced:        label:bug label::product -label::reproduce -label::release project:fleetdm/37 label:#g-*
//	in engineering:    label:bug label::release -label::reproduce project:fleetdm/40 column:Ready,"In progress","Ready for review","In review",""
//	awaiting QA:       label:bug label::release -label::reproduce project:fleetdm/40 column:"Awaiting QA"
//	closed:            is:closed label:bug
//	orphan:            label:bug -label::reproduce -label::release -label::product
//	reproduced orphan: label:bug label::product,:release -label::reproduce -project:fleetdm/37 -project:fleetdm/40
//	                   label:bug label::product -label::reproduce -label::release project:fleetdm/37 -label:#g-*
//
// In engineering includes the release board with no column (column:""), a
// bug scheduled but not yet placed. Metrics, boards, roles and Rename are
// as for Fleet2022; the 2024 searches name no login.
func Fleet2024(people map[string]string) (Scheme, error) {
	cfg := Config{
		Name:   "fleet-2024",
		Boards: FleetBoards(),
		Scope:  MustParseMatch("is:issue is:open"),
		Roles:  []string{RoleQA, RoleEM, RolePM},
		People: people,
		Teams:  []string{"#g-*"},
		Metrics: Metrics{
			Open:   MustParseMatch("is:issue is:open label:bug"),
			Opened: MustParseMatch("label:bug"),
			Closed: MustParseMatch("is:closed label:bug"),
		},
		Waiting:    []string{WaitingLabel},
		Priorities: []string{"P0", "P1", "P2"},
		Customer:   []string{"customer-*"},
		Known:      []string{"~released bug", "~unreleased bug"},
		Timers:     FleetTimers(),
	}
	addSearches(&cfg, fleet2024Searches)
	toReproduced := Transition{Rule: "R20", To: "reproduced", Remove: []string{":reproduce", ":release"}, Add: []string{":product"}, Team: true,
		Assign: RoleEM, Unassign: []string{RoleQA}, Board: ProductProject, Leave: []string{ReleaseProject}}
	moves := fleetMoves(toReproduced, []string{":product"})
	// Scheduling a reproduced bug moves it from the product board to the
	// release board.
	for i := range moves {
		if moves[i].From == "reproduced" && moves[i].To == "in engineering" {
			moves[i].Remove = []string{":product"}
			moves[i].Add = []string{":release"}
			moves[i].Leave = []string{ProductProject}
			moves[i].Column = ColumnReady
		}
	}
	cfg.Transitions = moves
	return NewScheme(cfg)
}

// addSearches adds the preset's searches as state and diagnosis rules.
func addSearches(cfg *Config, searches []struct{ name, kind, state, search string }) {
	for _, x := range searches {
		m := MustParseMatch(x.search)
		if x.kind == "state" {
			cfg.States = append(cfg.States, StateRule{Name: x.name, State: x.state, Match: m})
			continue
		}
		d, _ := parseDiagnosis(x.kind)
		cfg.Diagnoses = append(cfg.Diagnoses, DiagnosisRule{Name: x.name, Diagnosis: d, State: x.state, Match: m})
	}
}

// fleetMoves are the transitions both presets share: reproduce and fast
// track (R20), start, hand to QA, fail QA and verify (R17), close as stale
// (R19) or as a story's bug (R22), not a bug (R21), reopen (R19), and the
// R19 actions within the inbox: ask the reporter, reporter answered.
func fleetMoves(toReproduced Transition, notABugAdd []string) []Transition {
	reproduce := toReproduced.clone()
	reproduce.Name, reproduce.From = "reproduce", "inbox"
	fast := toReproduced.clone()
	fast.Name, fast.From = "fast track", "inbox"
	fastNew := toReproduced.clone()
	fastNew.Name, fastNew.From = "fast track", ""
	fastNew.Add = append([]string{"bug"}, fastNew.Add...)
	boards := []string{ReleaseProject, ProductProject}
	return []Transition{
		reproduce, fast, fastNew,
		{Name: "start", Rule: "R17", From: "reproduced", To: "in engineering", Board: ReleaseProject, Column: ColumnInProgress},
		{Name: "ready for QA", Rule: "R17", From: "in engineering", To: "awaiting QA", Remove: []string{":reproduce"}, Board: ReleaseProject, Column: ColumnAwaitingQA, Assign: RoleQA},
		{Name: "QA failed", Rule: "R17", From: "awaiting QA", To: "in engineering", Board: ReleaseProject, Column: ColumnInProgress, Unassign: []string{RoleQA}},
		{Name: "verified", Rule: "R17", From: "awaiting QA", To: "closed", Close: true},
		{Name: "no answer", Rule: "R19", From: "inbox", To: "closed", Close: true},
		{Name: "story bug", Rule: "R22", From: "inbox", To: "closed", Close: true},
		{Name: "not a bug", Rule: "R21", From: "inbox", Remove: []string{"bug", ":reproduce"}, Add: notABugAdd, Assign: RolePM, Unassign: []string{"*"}, Leave: []string{ReleaseProject}},
		{Name: "not a bug", Rule: "R21", From: "reproduced", Remove: []string{"bug", ":reproduce"}, Add: notABugAdd, Assign: RolePM, Unassign: []string{"*"}, Leave: []string{ReleaseProject}},
		{Name: "reopen", Rule: "R19", From: "closed", To: "inbox", Reopen: true, Add: []string{":reproduce"}, Unassign: []string{"*"}, Leave: boards},
		{Name: "ask reporter", Rule: "R19", From: "inbox", To: "inbox", Add: []string{WaitingLabel}},
		{Name: "reporter answered", Rule: "R19", From: "inbox", To: "inbox", Remove: []string{WaitingLabel}},
	}
}

// Rename returns the scheme built again with names replaced, in one call:
// each key of names is a board title ("🚀 Release"), a project
// ("fleetdm/40") or a login ("xpkoala"), compared case-insensitively and
// trimmed, and its value the new title, project or login, changed in the
// board table, every search, every transition and People. A key that names
// nothing in the scheme is a *ConfigError matching ErrUnknownName; the
// rebuilt scheme's errors are NewScheme's.
func (s Scheme) Rename(names map[string]string) (Scheme, error) {
	s = s.orEmpty()
	cfg := s.Config()
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range names {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		v := names[k]
		found := false
		for i, b := range cfg.Boards {
			if eqFold(trim(b.Title), trim(k)) {
				cfg.Boards[i].Title, found = v, true
			}
			if eqFold(trim(b.Project), trim(k)) {
				cfg.Boards[i].Project, found = v, true
				cfg.renameProject(b.Project, v)
			}
		}
		if cfg.renameLogin(k, v) {
			found = true
		}
		if !found {
			return Scheme{}, unknownName("rename", k, "not a board title, project or login of the scheme")
		}
	}
	return NewScheme(cfg)
}

// matches returns pointers to every Match of the configuration.
func (c *Config) matches() []*Match {
	out := []*Match{&c.Scope, &c.Metrics.Open, &c.Metrics.Opened, &c.Metrics.Closed}
	for i := range c.States {
		out = append(out, &c.States[i].Match)
	}
	for i := range c.Diagnoses {
		out = append(out, &c.Diagnoses[i].Match)
	}
	return out
}

func replaceFold(xs []string, old, new string) bool {
	found := false
	for i, x := range xs {
		if eqFold(trim(x), trim(old)) {
			xs[i], found = new, true
		}
	}
	return found
}

func (c *Config) renameProject(old, new string) {
	for _, m := range c.matches() {
		replaceFold(m.Projects, old, new)
		replaceFold(m.NotProjects, old, new)
	}
	for i := range c.Transitions {
		t := &c.Transitions[i]
		if eqFold(trim(t.Board), trim(old)) {
			t.Board = new
		}
		replaceFold(t.Leave, old, new)
	}
}

func (c *Config) renameLogin(old, new string) bool {
	found := false
	for _, m := range c.matches() {
		if replaceFold(m.Assignees, old, new) {
			found = true
		}
		if replaceFold(m.NotAssignees, old, new) {
			found = true
		}
	}
	for login, r := range c.People {
		if eqFold(trim(login), trim(old)) {
			delete(c.People, login)
			c.People[new] = r
			found = true
		}
	}
	return found
}

// String lists a Config's rules as searches, one per line, for a handbook
// or a log: "state inbox: is:issue is:open label:bug ...".
func (c Config) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "scheme %s", c.Name)
	if sc := c.Scope.String(); sc != "" {
		fmt.Fprintf(&b, " (within %s)", sc)
	}
	for _, r := range c.States {
		name := r.State
		if r.Name != "" && r.Name != r.State {
			name += " (" + r.Name + ")"
		}
		fmt.Fprintf(&b, "\nstate %s: %s", name, r.Match)
	}
	for _, r := range c.Diagnoses {
		name := r.Diagnosis.String()
		if r.Name != "" && r.Name != name {
			name += " (" + r.Name + ")"
		}
		if r.State != "" {
			name += " in " + r.State
		}
		fmt.Fprintf(&b, "\ndiagnosis %s: %s", name, r.Match)
	}
	return b.String()
}
