package bugflow_test

import (
	"encoding/json"
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
