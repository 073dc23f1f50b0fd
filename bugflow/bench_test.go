package bugflow_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/teamcadence/cadence/bugflow"
)

// randomIssues returns n issues with a fixed seed, spread over the label,
// board and assignee combinations of the Fleet presets.
func randomIssues(n int, seed uint64) []bugflow.Issue {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	labels := []string{"bug", "Bug", " bug ", ":reproduce", ":product", ":release", "#agent", "#platform", "#interface",
		"#g-mdm", "#g-orchestration", "P0", "P1", "P2", "customer-acme", "~released bug", "~unreleased bug", "~more info needed", "docs"}
	people := []string{"quinn", "emma", "pat", "dev1", "Emma"}
	boards := []string{"Release", "Product", "Roadmap"}
	cols := []string{"Ready", "In progress", "In review", "Awaiting QA", "", "Done"}
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

func BenchmarkEvaluate(b *testing.B) {
	for _, preset := range []struct {
		name string
		make func(map[string]string) (bugflow.Scheme, error)
	}{{"Fleet2022", bugflow.Fleet2022}, {"Fleet2024", bugflow.Fleet2024}} {
		b.Run(preset.name, func(b *testing.B) {
			s, err := preset.make(testRoles)
			if err != nil {
				b.Fatal(err)
			}
			is := bugflow.Issue{Number: 1, Labels: []string{"bug", "#agent", ":product", "#g-mdm", "P1", "customer-acme"},
				Assignees: []string{"emma", "dev1"}, Boards: []bugflow.BoardItem{{Board: "Release", Column: "Ready"}, {Board: "Roadmap"}}}
			b.ReportAllocs()
			for b.Loop() {
				_ = s.Evaluate(is)
			}
		})
	}
}

func BenchmarkReport10k(b *testing.B) {
	s, err := bugflow.Fleet2022(testRoles)
	if err != nil {
		b.Fatal(err)
	}
	issues := randomIssues(10000, 1)
	at := time.Date(2024, 7, 10, 12, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Report(issues, at, bugflow.ReportOptions{Age: bugflow.Fleet2024Age()})
	}
}

func BenchmarkDecodeGitHub(b *testing.B) {
	data := encodeGitHub(randomIssues(1000, 2))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := bugflow.DecodeGitHub(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateMix evaluates a realistic mix of issues, one per
// iteration.
func BenchmarkEvaluateMix(b *testing.B) {
	s, err := bugflow.Fleet2024(testRoles)
	if err != nil {
		b.Fatal(err)
	}
	issues := randomIssues(1024, 9)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Evaluate(issues[i&1023])
		i++
	}
}

func BenchmarkPlan(b *testing.B) {
	s, err := bugflow.Fleet2024(testRoles)
	if err != nil {
		b.Fatal(err)
	}
	is := bugflow.Issue{Number: 1, Labels: []string{"bug", ":reproduce", "~released bug"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Plan(is, bugflow.Reproduced, bugflow.MoveOptions{Team: "#g-mdm"}); err != nil {
			b.Fatal(err)
		}
	}
}
