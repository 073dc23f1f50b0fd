package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSample runs the program on its embedded sample, as README shows, and
// checks its report against the in-memory computation.
func TestSample(t *testing.T) {
	var out, errOut bytes.Buffer
	now := time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)
	err := run(context.Background(), []string{"-at", now.Format(time.RFC3339)}, nil, &out, &errOut, time.Time{})
	require.NoError(t, err, errOut.String())
	events, err := ReadEvents(bytes.NewReader(sampleEvents))
	require.NoError(t, err)
	want := expectFirings(t, testPolicy(t), events, now)
	require.NotEmpty(t, want)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, len(want)+3, "a header, one line per firing and two summary lines:\n%s", out.String())
	for i, f := range want {
		assert.Contains(t, lines[i+1], f.Ticket, "line %d", i+1)
		assert.Contains(t, lines[i+1], f.Target, "line %d", i+1)
		assert.Contains(t, lines[i+1], f.Kind, "line %d", i+1)
	}
	assert.Contains(t, lines[len(lines)-1], "11 events applied")
	for _, l := range lines {
		assert.LessOrEqual(t, len(l), 100, "line wider than 100 columns: %q", l)
	}
}

func TestFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-zone", "Local"},
		{"-zone", "Mars/Olympus"},
		{"-at", "yesterday"},
		{"-workers", "0"},
		{"-events", "/nonexistent/events.jsonl"},
		{"extra"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, nil, &out, &errOut, time.Now())
		var ue usageError
		require.ErrorAs(t, err, &ue, "run(%q)", args)
	}
}

func TestReadEvents(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`{"ticket":"T","kind":"opened","at":"2024-03-08T16:30:00Z","tiket":"x"}`, `line 1: json: unknown field "tiket"`},
		{`{"ticket":"","kind":"opened","at":"2024-03-08T16:30:00Z"}`, "line 1: ticket: empty"},
		{`{"ticket":"T","kind":"closed","at":"2024-03-08T16:30:00Z"}`, `line 1: kind "closed"`},
		{`{"ticket":"T","kind":"opened"}`, "line 1: at: missing instant"},
		{"\n" + `{"ticket":"T","kind":"opened","at":"yesterday"}`, "line 2:"},
		{`{"seq":5,"ticket":"T","kind":"opened","at":"2024-03-08T16:30:00Z"}` + "\n" + `{"seq":4,"ticket":"T","kind":"solved","at":"2024-03-08T16:30:00Z"}`, "line 2: seq 4 not after 5"},
	} {
		_, err := ReadEvents(strings.NewReader(tt.in))
		require.Error(t, err, tt.in)
		assert.Contains(t, err.Error(), tt.want)
	}
	evs, err := ReadEvents(bytes.NewReader(sampleEvents))
	require.NoError(t, err)
	assert.Len(t, evs, 11)
	assert.Equal(t, int64(11), evs[10].Seq)
}

func TestReadPolicy(t *testing.T) {
	good := `{"targets":[{"name":"ack","target":{"name":"ack","within":"1s"},"on":{"opened":"start","agent-replied":"stop"}}]}`
	p, err := ReadPolicy(strings.NewReader(good))
	require.NoError(t, err)
	require.Len(t, p.Rules, 1)
	for _, tt := range []struct{ in, want string }{
		{`{"targets":[]}`, "no targets"},
		{`{"target":[]}`, `unknown field "target"`},
		{`{"targets":[{"name":"a","target":{"within":"1s"},"on":{"opened":"begin"}}]}`, `unknown action "begin"`},
		{`{"targets":[{"name":"a","target":{"within":"1s"},"on":{"opend":"start"}}]}`, `unknown event "opend"`},
		{`{"targets":[{"name":"a","target":{"within":"1s"},"on":{"solved":"stop"}}]}`, `on.opened: want "start"`},
		{`{"targets":[{"name":"a","on":{"opened":"start"}}]}`, "want a target"},
		{`{"targets":[{"name":"a b","target":{"within":"1s"},"on":{"opened":"start"}}]}`, "without spaces"},
	} {
		_, err := ReadPolicy(strings.NewReader(tt.in))
		require.Error(t, err, tt.in)
		assert.Contains(t, err.Error(), tt.want)
	}
}

// TestHTTP runs the live mode's handler on real time: a ticket opened on a
// one-second wall-clock target breaches, and River fires the breach on its
// own, with no event to catch it up.
func TestHTTP(t *testing.T) {
	p, err := ReadPolicy(strings.NewReader(`{"targets":[{"name":"ack","target":{"name":"ack","within":"1s"},"on":{"opened":"start","agent-replied":"stop"}}]}`))
	require.NoError(t, err)
	ctx := context.Background()
	d, err := Open(ctx, filepath.Join(t.TempDir(), "live.db"), Options{Policy: p, Workers: 2})
	require.NoError(t, err)
	defer d.Close()
	require.NoError(t, d.Start(ctx))
	defer d.Stop(ctx)
	srv := httptest.NewServer(handler(d))
	defer srv.Close()

	opened := time.Now()
	body := `{"ticket":"L-1","kind":"opened","at":"` + opened.Format(time.RFC3339Nano) + `"}` + "\n" +
		`{"ticket":"L-2","kind":"opened","at":"` + opened.Format(time.RFC3339Nano) + `"}` + "\n" +
		`{"ticket":"L-2","kind":"agent-replied","at":"` + opened.Add(100*time.Millisecond).Format(time.RFC3339Nano) + `"}`
	resp, err := http.Post(srv.URL+"/events", "application/x-ndjson", strings.NewReader(body))
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusNoContent, resp.StatusCode)

	bad, err := http.Post(srv.URL+"/events", "application/x-ndjson", strings.NewReader(`{"ticket":"L-9","kind":"solved","at":"`+opened.Format(time.RFC3339Nano)+`"}`))
	require.NoError(t, err)
	bad.Body.Close()
	assert.Equal(t, http.StatusUnprocessableEntity, bad.StatusCode, "an event for a ticket never opened")

	deadline := time.Now().Add(30 * time.Second)
	var got []Firing
	for time.Now().Before(deadline) {
		resp, err := http.Get(srv.URL + "/outbox")
		require.NoError(t, err)
		got = nil
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&got))
		resp.Body.Close()
		if len(got) > 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	require.Len(t, got, 1, "L-1 breaches; L-2 was answered in time")
	assert.Equal(t, "L-1", got[0].Ticket)
	assert.Equal(t, "breach", got[0].Kind)
	assert.WithinDuration(t, opened.Add(time.Second), got[0].Due, time.Microsecond)
}

// TestResumeSkipsApplied replays the sample twice into one file: the second
// run applies nothing and the outbox is unchanged.
func TestResumeSkipsApplied(t *testing.T) {
	db := filepath.Join(t.TempDir(), "twice.db")
	args := []string{"-db", db, "-at", "2024-03-20T00:00:00Z", "-q"}
	var first, second, errOut bytes.Buffer
	require.NoError(t, run(context.Background(), args, nil, &first, &errOut, time.Time{}), errOut.String())
	require.NoError(t, run(context.Background(), args, nil, &second, &errOut, time.Time{}), errOut.String())
	assert.Contains(t, first.String(), "11 events applied (0 skipped")
	assert.Contains(t, second.String(), "0 events applied (11 skipped")
	sc := bufio.NewScanner(strings.NewReader(second.String()))
	sc.Scan()
	assert.Equal(t, "4 firings in the outbox up to 2024-03-19T19:00:00-05:00", sc.Text(), "the outbox is unchanged")
	_ = os.Remove(db)
}
