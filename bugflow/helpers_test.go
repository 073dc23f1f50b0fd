package bugflow_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/teamcadence/cadence/bugflow"
)

var testRoles = map[string]string{"quinn": bugflow.RoleQA, "emma": bugflow.RoleEM, "pat": bugflow.RolePM}

// encodeGitHub writes issues as gh issue list --json prints them.
func encodeGitHub(issues []bugflow.Issue) []byte {
	type named struct {
		Name string `json:"name"`
	}
	type login struct {
		Login string `json:"login"`
	}
	type status struct {
		Name string `json:"name"`
	}
	type item struct {
		Title  string  `json:"title"`
		Status *status `json:"status"`
	}
	type gh struct {
		Number       int        `json:"number"`
		Title        string     `json:"title"`
		State        string     `json:"state"`
		Labels       []named    `json:"labels"`
		Assignees    []login    `json:"assignees"`
		CreatedAt    time.Time  `json:"createdAt"`
		ClosedAt     *time.Time `json:"closedAt"`
		UpdatedAt    *time.Time `json:"updatedAt,omitempty"`
		ProjectItems []item     `json:"projectItems"`
	}
	out := make([]gh, 0, len(issues))
	for _, is := range issues {
		g := gh{Number: is.Number, Title: is.Title, State: "OPEN", CreatedAt: is.Created,
			Labels: []named{}, Assignees: []login{}, ProjectItems: []item{}}
		if is.Closed {
			g.State = "CLOSED"
			t := is.ClosedAt
			g.ClosedAt = &t
		}
		if !is.LastContact.IsZero() {
			t := is.LastContact
			g.UpdatedAt = &t
		}
		for _, l := range is.Labels {
			g.Labels = append(g.Labels, named{l})
		}
		for _, a := range is.Assignees {
			g.Assignees = append(g.Assignees, login{a})
		}
		for _, b := range is.Boards {
			it := item{Title: b.Board}
			if b.Column != "" {
				it.Status = &status{b.Column}
			}
			g.ProjectItems = append(g.ProjectItems, it)
		}
		out = append(out, g)
	}
	data, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	return data
}

func board(b, c string) bugflow.BoardItem { return bugflow.BoardItem{Board: b, Column: c} }

// randomIssues returns n issues with a fixed seed, spread over the label,
// board and assignee combinations of the Fleet presets.
func randomIssues(n int, seed uint64) []bugflow.Issue {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	labels := []string{"bug", "Bug", " bug ", ":reproduce", ":product", ":release", "#agent", "#platform", "#interface",
		"#g-mdm", "#g-orchestration", "P0", "P1", "P2", "customer-acme", "~released bug", "~unreleased bug", "~more info needed", "docs"}
	people := []string{"quinn", "emma", "pat", "dev1", "Emma", "xpkoala"}
	boards := []string{bugflow.ReleaseBoard, bugflow.ProductBoard, "Roadmap", "Release"}
	cols := []string{"Ready", "In progress", "In review", "Awaiting QA", "", "Done", "Ready for review"}
	base := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	out := make([]bugflow.Issue, n)
	for i := range out {
		is := bugflow.Issue{Number: i + 1, Title: fmt.Sprintf("issue %d", i+1), Labels: []string{"bug"}}
		if r.IntN(3) == 0 {
			is.Labels = append(is.Labels, ":reproduce")
		}
		for range r.IntN(4) {
			is.Labels = append(is.Labels, labels[r.IntN(len(labels))])
		}
		for range r.IntN(3) {
			is.Assignees = append(is.Assignees, people[r.IntN(len(people))])
		}
		// An issue is on a board at most once, as on GitHub.
		for _, k := range r.Perm(len(boards))[:r.IntN(len(boards)+1)] {
			is.Boards = append(is.Boards, bugflow.BoardItem{Board: boards[k], Column: cols[r.IntN(len(cols))]})
		}
		is.Created = base.Add(time.Duration(r.IntN(200*24)) * time.Hour)
		if r.IntN(4) == 0 {
			is.Closed = true
			is.ClosedAt = is.Created.Add(time.Duration(r.IntN(40*24)+1) * time.Hour)
		}
		if r.IntN(2) == 0 {
			is.LastContact = is.Created.Add(time.Duration(r.IntN(20*24)) * time.Hour)
		}
		out[i] = is
	}
	return out
}
