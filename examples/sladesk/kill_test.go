package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// buildBinary builds sladesk once per test binary.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "sladesk")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

func writeEvents(t *testing.T, events []Event) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.jsonl")
	f, err := os.Create(path)
	require.NoError(t, err)
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, ev := range events {
		require.NoError(t, enc.Encode(ev))
	}
	require.NoError(t, w.Flush())
	require.NoError(t, f.Close())
	return path
}

// TestKillAndResume replays 10,000 tickets into a SQLite file, kills the
// process with SIGKILL in the middle, restarts it on the same input, and
// compares the outbox with the in-memory computation: nothing lost, nothing
// fired twice (a second write of a firing is a primary-key error that would
// fail the run).
func TestKillAndResume(t *testing.T) {
	if testing.Short() {
		t.Skip("replays 10,000 tickets")
	}
	p := testPolicy(t)
	events := genEvents(10_000, 42, genStart)
	until := genStart.Add(45 * 24 * time.Hour)
	bin := buildBinary(t)
	evPath := writeEvents(t, events)
	db := filepath.Join(t.TempDir(), "desk.db")
	args := []string{"-db", db, "-events", evPath, "-at", until.Format(time.RFC3339), "-q", "-progress", "500"}

	// First run: killed once a third of the events are in.
	cmd := exec.Command(bin, args...)
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	killAt := len(events) / 3
	sc := bufio.NewScanner(stderr)
	killed := false
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "applied "); ok {
			if k, _ := strconv.Atoi(n); k >= killAt {
				require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
				killed = true
				break
			}
		}
	}
	_ = cmd.Wait()
	require.True(t, killed, "the first run ended before it could be killed")

	// Second run: resumes after the last committed event.
	out, err := exec.Command(bin, args...).CombinedOutput()
	require.NoError(t, err, "restart: %s", out)
	t.Logf("restart: %s", strings.TrimSpace(string(out)))
	require.Contains(t, string(out), "skipped as already applied")
	require.NotContains(t, string(out), "(0 skipped", "the restart must resume, not start over")

	d, err := Open(context.Background(), db, Options{Policy: p})
	require.NoError(t, err)
	defer d.Close()
	got, err := d.Outbox(context.Background())
	require.NoError(t, err)
	want := expectFirings(t, p, events, until)
	if diffs := diffFirings(sortByKey(want), sortByKey(got)); len(diffs) > 0 {
		t.Fatalf("outbox after kill and restart differs (%d want, %d got):\n%s", len(want), len(got), joinLines(diffs))
	}
	t.Logf("%d events, %d firings, killed after %d", len(events), len(got), killAt)
}
