package bugflow_test

import (
	"testing"
	"time"

	"github.com/teamcadence/cadence/bugflow"
)

// cpuClock reports CPU time per operation as the metric cpu-ns/op: on a
// shared machine the wall time per operation (ns/op) also counts the time
// other processes held the CPU.
type cpuClock struct {
	start time.Duration
	ok    bool
}

func startCPU() cpuClock {
	t, ok := cpuTime()
	return cpuClock{t, ok}
}

func (c cpuClock) report(b *testing.B) {
	if t, ok := cpuTime(); ok && c.ok && b.N > 0 {
		b.ReportMetric(float64(t-c.start)/float64(b.N), "cpu-ns/op")
	}
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
				Assignees: []string{"emma", "dev1"}, Boards: []bugflow.BoardItem{{Board: "🚀 Release", Column: "Ready"}, {Board: "Roadmap"}}}
			b.ReportAllocs()
			c := startCPU()
			for b.Loop() {
				_ = s.Evaluate(is)
			}
			c.report(b)
		})
	}
}

// BenchmarkReport10k is the weekly report over 10,000 issues (target: 20 ms).
func BenchmarkReport10k(b *testing.B) {
	for _, preset := range []struct {
		name string
		make func(map[string]string) (bugflow.Scheme, error)
	}{{"Fleet2022", bugflow.Fleet2022}, {"Fleet2024", bugflow.Fleet2024}} {
		b.Run(preset.name, func(b *testing.B) {
			s, err := preset.make(testRoles)
			if err != nil {
				b.Fatal(err)
			}
			issues := randomIssues(10000, 1)
			at := time.Date(2024, 7, 10, 12, 0, 0, 0, time.UTC)
			b.ReportAllocs()
			c := startCPU()
			for b.Loop() {
				_ = s.Report(issues, at, bugflow.ReportOptions{Age: bugflow.Fleet2024Age()})
			}
			c.report(b)
		})
	}
}

// BenchmarkCheck10k checks a scheme against 10,000 issues (target: 50 ms).
func BenchmarkCheck10k(b *testing.B) {
	s, err := bugflow.Fleet2024(testRoles)
	if err != nil {
		b.Fatal(err)
	}
	issues := randomIssues(10000, 1)
	b.ReportAllocs()
	c := startCPU()
	for b.Loop() {
		_ = s.Check(issues)
	}
	c.report(b)
}

// BenchmarkParseMatch parses one of Fleet's searches.
func BenchmarkParseMatch(b *testing.B) {
	b.ReportAllocs()
	c := startCPU()
	for b.Loop() {
		if _, err := bugflow.ParseMatch(`is:issue is:open label:bug label::reproduce -project:fleetdm/37 -project:fleetdm/40 no:assignee`); err != nil {
			b.Fatal(err)
		}
	}
	c.report(b)
}

// BenchmarkExplain explains one issue.
func BenchmarkExplain(b *testing.B) {
	s, err := bugflow.Fleet2022(testRoles)
	if err != nil {
		b.Fatal(err)
	}
	is := bugflow.Issue{Number: 1, Labels: []string{"bug", "#agent"}, Assignees: []string{"emma"}}
	b.ReportAllocs()
	c := startCPU()
	for b.Loop() {
		_ = s.Explain(is).String()
	}
	c.report(b)
}

func BenchmarkDecodeGitHub(b *testing.B) {
	data := encodeGitHub(randomIssues(1000, 2))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	c := startCPU()
	for b.Loop() {
		if _, _, err := bugflow.DecodeGitHub(data); err != nil {
			b.Fatal(err)
		}
	}
	c.report(b)
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
	c := startCPU()
	for b.Loop() {
		_ = s.Evaluate(issues[i&1023])
		i++
	}
	c.report(b)
}

func BenchmarkPlan(b *testing.B) {
	s, err := bugflow.Fleet2024(testRoles)
	if err != nil {
		b.Fatal(err)
	}
	is := bugflow.Issue{Number: 1, Labels: []string{"bug", ":reproduce", "~released bug"}}
	b.ReportAllocs()
	c := startCPU()
	for b.Loop() {
		if _, err := s.Plan(is, bugflow.Reproduced, bugflow.MoveOptions{Team: "#g-mdm"}); err != nil {
			b.Fatal(err)
		}
	}
	c.report(b)
}
