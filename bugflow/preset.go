package bugflow

// Role names the Fleet presets use in Config.Roles.
const (
	RoleQA = "qa" // quality assurance: reproduces and verifies bugs
	RoleEM = "em" // engineering manager: owns reproduced bugs of a team
	RolePM = "pm" // product manager: prioritises, decides "not a bug"
)

// Board and column names the Fleet presets use: the titles of the two
// GitHub project boards and the release board's columns.
const (
	ReleaseBoard = "Release"
	ProductBoard = "Product"

	ColumnReady      = "Ready"
	ColumnInProgress = "In progress"
	ColumnInReview   = "In review"
	ColumnAwaitingQA = "Awaiting QA"
)

// WaitingLabel is the label the Fleet presets read as "waiting for the
// reporter" (R19): while it is on an issue the reporter clock runs.
const WaitingLabel = "~more info needed"

// FleetTimers are the R18/R19 clocks: one week to reproduce, ping the
// reporter at three weeks, close at six.
func FleetTimers() Timers { return Timers{Reproduce: Week, Ping: 3 * Week, Close: 6 * Week} }

// Fleet2022 returns Fleet's 2022-23 scheme, the GitHub filters of R17:
//
//   - inbox: open, bug and :reproduce, on neither board, assigned to nobody;
//   - acknowledged (an inbox variant): bug and :reproduce, QA assigned, on
//     the release board in the "Awaiting QA" column;
//   - reproduced: bug, no :reproduce, on the release board ("Ready" or no
//     column), a team label (#agent, #platform, #interface), assigned to an
//     engineering manager and not to QA;
//   - in engineering: bug, no :reproduce, release board "In progress" or
//     "In review"; awaiting QA: release board "Awaiting QA";
//   - orphan: bug, no :reproduce, on neither board;
//   - reproduced orphan: passes the reproduced filter but has no team label.
//
// WaitingLabel runs the R19 reporter clock; P0-P2 and
// customer-* labels order priorities. roles maps logins to RoleQA, RoleEM
// and RolePM. Boards are named ReleaseBoard and ProductBoard.
func Fleet2022(roles map[string]string) (Scheme, error) {
	teams := []string{"#agent", "#platform", "#interface"}
	both := []string{ReleaseBoard, ProductBoard}
	reproduced := Match{Status: StatusOpen, Labels: []string{"bug"}, NoLabel: []string{":reproduce"},
		Board: ReleaseBoard, Columns: []string{ColumnReady, ""}, Roles: []string{RoleEM}, NoRoles: []string{RoleQA}}
	withTeam, noTeam := reproduced.clone(), reproduced.clone()
	withTeam.AnyLabel = teams
	noTeam.NoLabel = append(noTeam.NoLabel, teams...)
	toReproduced := Transition{Rule: "R20", To: Reproduced, Remove: []string{":reproduce"}, Team: true,
		Assign: RoleEM, Unassign: []string{RoleQA}, Board: ReleaseBoard, Column: ColumnReady}
	return NewScheme(Config{
		Name:  "fleet-2022",
		Roles: roles,
		Teams: teams,
		States: []StateRule{
			{Name: "inbox", State: Inbox, Match: Match{Status: StatusOpen, Labels: []string{"bug", ":reproduce"}, OffBoard: both, Unassigned: true}},
			{Name: "acknowledged", State: Inbox, Match: Match{Status: StatusOpen, Labels: []string{"bug", ":reproduce"}, Board: ReleaseBoard, Columns: []string{ColumnAwaitingQA}, Roles: []string{RoleQA}}},
			{Name: "reproduced", State: Reproduced, Match: withTeam},
			{Name: "in engineering", State: InEngineering, Match: Match{Status: StatusOpen, Labels: []string{"bug"}, NoLabel: []string{":reproduce"}, Board: ReleaseBoard, Columns: []string{ColumnInProgress, ColumnInReview}}},
			{Name: "awaiting QA", State: AwaitingQA, Match: Match{Status: StatusOpen, Labels: []string{"bug"}, NoLabel: []string{":reproduce"}, Board: ReleaseBoard, Columns: []string{ColumnAwaitingQA}}},
			{Name: "closed", State: Closed, Match: Match{Status: StatusClosed, Labels: []string{"bug"}}},
		},
		Diagnoses: []DiagnosisRule{
			{Name: "orphan", Diagnosis: Orphan, Match: Match{Status: StatusOpen, Labels: []string{"bug"}, NoLabel: []string{":reproduce"}, OffBoard: both}},
			{Name: "reproduced orphan", Diagnosis: ReproducedOrphan, Match: noTeam},
		},
		Transitions: append(fleetMoves(toReproduced, nil, both),
			Transition{Name: "acknowledge", Rule: "R18", From: Inbox, To: Inbox, Assign: RoleQA, Board: ReleaseBoard, Column: ColumnAwaitingQA}),
		Waiting:    []string{WaitingLabel},
		Priorities: []string{"P0", "P1", "P2"},
		Customer:   []string{"customer-*"},
		Timers:     FleetTimers(),
	})
}

// Fleet2024 returns Fleet's later scheme (2024-25): reproduced bugs carry
// :product and a #g- group label and sit on the product board; scheduled
// bugs carry :release and sit on the release board; ~released bug and
// ~unreleased bug say whether a release has the bug; P0-P2 and customer-*
// labels order priorities.
//
//   - inbox: open, bug and :reproduce, on neither board, assigned to nobody;
//   - reproduced: bug and :product, no :reproduce or :release, on the
//     product board, a #g- label;
//   - in engineering: bug and :release, no :reproduce, on the release board
//     in "Ready", "In progress", "In review" or no column;
//   - awaiting QA: bug and :release, release board "Awaiting QA";
//   - orphan (R23): bug with neither :reproduce nor :release nor :product;
//   - reproduced orphan (R23): bug with :product or :release on neither
//     board, or on the product board without a #g- label.
//
// roles maps logins to RoleQA, RoleEM and RolePM.
func Fleet2024(roles map[string]string) (Scheme, error) {
	both := []string{ReleaseBoard, ProductBoard}
	reproduced := Match{Status: StatusOpen, Labels: []string{"bug", ":product"}, NoLabel: []string{":reproduce", ":release"}, Board: ProductBoard}
	withTeam, noTeam := reproduced.clone(), reproduced.clone()
	withTeam.AnyLabel = []string{"#g-*"}
	noTeam.NoLabel = append(noTeam.NoLabel, "#g-*")
	engineering := Match{Status: StatusOpen, Labels: []string{"bug", ":release"}, NoLabel: []string{":reproduce"}, Board: ReleaseBoard,
		Columns: []string{ColumnReady, ColumnInProgress, ColumnInReview, ""}}
	toReproduced := Transition{Rule: "R20", To: Reproduced, Remove: []string{":reproduce", ":release"}, Add: []string{":product"}, Team: true,
		Assign: RoleEM, Unassign: []string{RoleQA}, Board: ProductBoard, Leave: []string{ReleaseBoard}}
	moves := fleetMoves(toReproduced, []string{":product"}, both)
	// Scheduling a reproduced bug moves it from the product board to the
	// release board.
	for i := range moves {
		if moves[i].From == Reproduced && moves[i].To == InEngineering {
			moves[i].Remove = []string{":product"}
			moves[i].Add = []string{":release"}
			moves[i].Leave = []string{ProductBoard}
			moves[i].Column = ColumnReady
		}
	}
	return NewScheme(Config{
		Name:  "fleet-2024",
		Roles: roles,
		Teams: []string{"#g-*"},
		States: []StateRule{
			{Name: "inbox", State: Inbox, Match: Match{Status: StatusOpen, Labels: []string{"bug", ":reproduce"}, OffBoard: both, Unassigned: true}},
			{Name: "reproduced", State: Reproduced, Match: withTeam},
			{Name: "in engineering", State: InEngineering, Match: engineering},
			{Name: "awaiting QA", State: AwaitingQA, Match: Match{Status: StatusOpen, Labels: []string{"bug", ":release"}, NoLabel: []string{":reproduce"}, Board: ReleaseBoard, Columns: []string{ColumnAwaitingQA}}},
			{Name: "closed", State: Closed, Match: Match{Status: StatusClosed, Labels: []string{"bug"}}},
		},
		Diagnoses: []DiagnosisRule{
			{Name: "orphan", Diagnosis: Orphan, Match: Match{Status: StatusOpen, Labels: []string{"bug"}, NoLabel: []string{":reproduce", ":release", ":product"}}},
			{Name: "reproduced orphan", Diagnosis: ReproducedOrphan, Match: Match{Status: StatusOpen, Labels: []string{"bug"}, AnyLabel: []string{":product", ":release"}, NoLabel: []string{":reproduce"}, OffBoard: both}},
			{Name: "reproduced orphan (no group)", Diagnosis: ReproducedOrphan, Match: noTeam},
		},
		Transitions: moves,
		Waiting:     []string{WaitingLabel},
		Priorities:  []string{"P0", "P1", "P2"},
		Customer:    []string{"customer-*"},
		Timers:      FleetTimers(),
	})
}

// fleetMoves are the transitions both presets share: reproduce and fast
// track (R20), start, hand to QA, fail QA and verify (R17), close as stale
// (R19) or as a story's bug (R22), not a bug (R21), reopen (R19), and the
// R19 actions within the inbox: ask the reporter, reporter answered.
// Fleet2022 adds "acknowledge" (R18): QA takes a report, which stays in the
// inbox.
func fleetMoves(toReproduced Transition, notABugAdd []string, boards []string) []Transition {
	reproduce := toReproduced.clone()
	reproduce.Name, reproduce.From = "reproduce", Inbox
	fast := toReproduced.clone()
	fast.Name, fast.From = "fast track", Inbox
	fastNew := toReproduced.clone()
	fastNew.Name, fastNew.From = "fast track", Unknown
	fastNew.Add = append([]string{"bug"}, fastNew.Add...)
	return []Transition{
		reproduce, fast, fastNew,
		{Name: "start", Rule: "R17", From: Reproduced, To: InEngineering, Board: ReleaseBoard, Column: ColumnInProgress},
		{Name: "ready for QA", Rule: "R17", From: InEngineering, To: AwaitingQA, Board: ReleaseBoard, Column: ColumnAwaitingQA, Assign: RoleQA},
		{Name: "QA failed", Rule: "R17", From: AwaitingQA, To: InEngineering, Board: ReleaseBoard, Column: ColumnInProgress, Unassign: []string{RoleQA}},
		{Name: "verified", Rule: "R17", From: AwaitingQA, To: Closed, Close: true},
		{Name: "no answer", Rule: "R19", From: Inbox, To: Closed, Close: true},
		{Name: "story bug", Rule: "R22", From: Inbox, To: Closed, Close: true},
		{Name: "not a bug", Rule: "R21", From: Inbox, To: Unknown, Remove: []string{"bug", ":reproduce"}, Add: notABugAdd, Assign: RolePM, Unassign: []string{"*"}, Leave: []string{ReleaseBoard}},
		{Name: "not a bug", Rule: "R21", From: Reproduced, To: Unknown, Remove: []string{"bug", ":reproduce"}, Add: notABugAdd, Assign: RolePM, Unassign: []string{"*"}, Leave: []string{ReleaseBoard}},
		{Name: "reopen", Rule: "R19", From: Closed, To: Inbox, Reopen: true, Add: []string{":reproduce"}, Unassign: []string{"*"}, Leave: boards},
		{Name: "ask reporter", Rule: "R19", From: Inbox, To: Inbox, Add: []string{WaitingLabel}},
		{Name: "reporter answered", Rule: "R19", From: Inbox, To: Inbox, Remove: []string{WaitingLabel}},
	}
}
