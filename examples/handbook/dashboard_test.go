package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixedDay is the day the dashboard tests and the browser test look at:
// release day of 4.46.0 in the deep freeze, gus away and jo covering (R4).
const fixedDay = "2024-03-06"

// dashboardFor builds the dashboard server of the -http command line args.
func dashboardFor(t *testing.T, args ...string) *server {
	t.Helper()
	opts, err := parseFlags(append([]string{"-http", "127.0.0.1:0"}, args...), io.Discard, now)
	require.NoError(t, err)
	s, err := newServer(opts, func() time.Time { return now })
	require.NoError(t, err)
	return s
}

// get serves path and returns the status, content type and body.
func get(t *testing.T, h http.Handler, path string) (int, string, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Header().Get("Content-Type"), rec.Body.String()
}

// decodeDashboard decodes the JSON path's body, refusing unknown fields.
func decodeDashboard(t *testing.T, body string) Dashboard {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(body))
	dec.DisallowUnknownFields()
	var d Dashboard
	require.NoError(t, dec.Decode(&d))
	return d
}

func TestDashboardGolden(t *testing.T) {
	s := dashboardFor(t, "-at", fixedDay)
	code, ctype, page := get(t, s, "/")
	require.Equal(t, http.StatusOK, code, page)
	assert.Equal(t, "text/html; charset=utf-8", ctype)
	path := filepath.Join("testdata", "golden", "dashboard-"+fixedDay+".html")
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(page), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run with -update to create it")
	assert.Equal(t, string(want), page, "the page changed: check it and run with -update")
}

// attr matches an element's opening tag holding every given attribute.
func hasElement(page string, attrs ...string) bool {
	for _, tag := range regexp.MustCompile(`<[a-z]+ [^>]*>`).FindAllString(page, -1) {
		all := true
		for _, a := range attrs {
			all = all && strings.Contains(tag, a)
		}
		if all {
			return true
		}
	}
	return false
}

func TestDashboardPage(t *testing.T) {
	_, _, page := get(t, dashboardFor(t, "-at", fixedDay), "/")
	for _, want := range []string{
		`<h1 id="title">Team rhythm on Wednesday 2024-03-06</h1>`,
		"March 2024", "Release 4.46.0", "Release 4.47.0", "freeze from 11:00", "deep freeze from 02:00",
		"Sprint planning", "Estimation", "Sprint demo", "Retrospective", "Daily stand-up 09:00-09:15",
		"Sprint 21, day 3 of 21", "ben until Wed 03-13 09:00", "jo + hana",
		"gus away Tue 03-05 00:00 to Sat 03-09 00:00 (infra primary, infra secondary); jo covers",
		"jo covering gus: Tue 03-05 00:00 to Sat 03-09 00:00",
		"R25 first response", "R26 on-call response", "R27 pull request follow-up", "R28 critical bug confirmation",
		"breached 30m ago", "6h30m left", `milestone “escalate to P1” reached Thu 03-07 09:30`,
		`id="bug-chart"`, "<title", `role="img"`,
	} {
		assert.Contains(t, page, want)
	}
	// The release day, the freeze and the deep freeze are marked on their days.
	assert.True(t, hasElement(page, `data-day="2024-03-06"`, `data-release="4.46.0"`, `data-window="deep-freeze"`, `aria-current="date"`))
	assert.True(t, hasElement(page, `data-day="2024-03-05"`, `data-window="freeze"`, "w-freeze"))
	assert.False(t, hasElement(page, `data-day="2024-03-04"`, `data-window=`), "the freeze starts on Tuesday")
	// Every layer has a lane in each of the four weeks.
	for _, layer := range []string{"engineering", "infra primary", "infra secondary"} {
		assert.Equal(t, timelineWeeks, strings.Count(page, `data-layer="`+layer+`"`), layer)
	}
	for _, who := range []string{"ana", "ben", "chidi", "dana", "eli", "farah", "gus", "hana", "ivo", "jo"} {
		assert.True(t, hasElement(page, `data-who="`+who+`"`), who)
	}
	// Nothing is fetched from elsewhere and there is no script.
	assert.NotContains(t, page, "<script")
	assert.NotRegexp(t, `(src|href)="(https?:)?//`, page)
	assert.NotContains(t, page, "@import")
	assert.NotContains(t, page, "url(")
	// Every SVG is an image with a title.
	assert.Equal(t, strings.Count(page, "<svg "), strings.Count(page, `role="img" aria-labelledby=`))
}

func TestDashboardHoliday(t *testing.T) {
	_, _, page := get(t, dashboardFor(t, "-at", "2024-07-03"), "/")
	assert.True(t, hasElement(page, `data-day="2024-07-04"`, `data-holiday="true"`))
	assert.Contains(t, page, `<span class="badge hol">Holiday</span>`)
	assert.False(t, hasElement(page, `data-day="2024-07-05"`, `data-holiday=`), "the 5th is a working Friday")
	assert.False(t, hasElement(page, `data-day="2024-07-06"`, `data-holiday=`), "weekends are not holidays")

	// Independence Day 2024 is a Thursday: the estimation moves to Friday
	// (its move is later).
	code, _, body := get(t, dashboardFor(t, "-at", "2024-07-03"), jsonPath)
	require.Equal(t, http.StatusOK, code)
	d := decodeDashboard(t, body)
	for _, w := range d.Month.Weeks {
		for _, b := range w {
			if b.Day == "2024-07-04" {
				assert.True(t, b.Holiday)
				assert.False(t, b.Workday)
				assert.Empty(t, b.Events)
			}
		}
	}
}

func TestDashboardBranchCut(t *testing.T) {
	code, _, body := get(t, dashboardFor(t, "-at", "2024-03-04", "-preset", "rc"), jsonPath)
	require.Equal(t, http.StatusOK, code)
	d := decodeDashboard(t, body)
	require.NotEmpty(t, d.Month.Windows)
	assert.Equal(t, "branch-cut", d.Month.Windows[0].Mode)
	var cut []string
	for _, w := range d.Month.Weeks {
		for _, b := range w {
			if b.Window == "branch-cut" {
				cut = append(cut, b.Day)
			}
		}
	}
	assert.Contains(t, cut, "2024-03-04")
}

// TestDashboardJSON checks that the JSON path is the page's data: every day,
// shift, clock and bug count of the JSON is on the page.
func TestDashboardJSON(t *testing.T) {
	s := dashboardFor(t, "-at", fixedDay)
	code, ctype, body := get(t, s, jsonPath)
	require.Equal(t, http.StatusOK, code, body)
	assert.Equal(t, "application/json", ctype)
	d := decodeDashboard(t, body)
	_, _, page := get(t, s, "/")

	// The report part is the -json report of the same day.
	var text bytes.Buffer
	require.Equal(t, 0, run([]string{"-at", fixedDay, "-json"}, &text, io.Discard, now))
	report, err := json.Marshal(d.Report)
	require.NoError(t, err)
	assert.JSONEq(t, text.String(), string(report))

	assert.Equal(t, "March 2024", d.Month.Title)
	assert.Contains(t, page, d.Month.Title)
	days := 0
	for _, w := range d.Month.Weeks {
		require.Len(t, w, 7)
		for _, b := range w {
			days++
			assert.True(t, hasElement(page, `data-day="`+b.Day+`"`), b.Day)
			if b.Release != "" {
				assert.True(t, hasElement(page, `data-day="`+b.Day+`"`, `data-release="`+b.Release+`"`), b.Day)
			}
			if b.Window != "" {
				assert.True(t, hasElement(page, `data-day="`+b.Day+`"`, `data-window="`+b.Window+`"`), b.Day)
			}
			for _, e := range b.Events {
				assert.Contains(t, page, e.Start.Format("15:04")+"</time> "+e.Name)
			}
		}
	}
	assert.Equal(t, 35, days, "March 2024 spans five weeks")

	require.Len(t, d.Timeline.Weeks, timelineWeeks)
	assert.Equal(t, "2024-03-04", d.Timeline.From)
	for _, w := range d.Timeline.Weeks {
		for _, l := range w.Lanes {
			for _, sh := range l.Shifts {
				label := sh.Who
				if sh.Covers != "" {
					label += " covering " + sh.Covers
				}
				assert.Contains(t, page, label+": "+stamp(sh.From)+" to "+stamp(sh.Until))
			}
		}
	}
	require.Len(t, d.Timeline.Absences, 1)
	assert.Equal(t, "gus", d.Timeline.Absences[0].Absent)

	require.Len(t, d.Clocks.Rows, 4)
	for _, c := range d.Clocks.Rows {
		assert.True(t, hasElement(page, `data-target="`+c.Rule+`"`, fmt.Sprintf(`data-breached="%t"`, c.Breached)), c.Rule)
		assert.Contains(t, page, "due "+stamp(c.Due))
	}
	assert.Len(t, d.Clocks.Business, 2, "Wednesday's and Thursday's business hours")

	require.Len(t, d.Bugs, bugWeeks)
	last := d.Bugs[len(d.Bugs)-1]
	assert.Equal(t, "2024-W10", last.Week)
	assert.Equal(t, 25, last.Open, "the report's week: 25 open")
	for _, w := range d.Bugs {
		cells := ""
		sum := 0
		for _, n := range w.Counts {
			cells += fmt.Sprintf("<td>%d</td>", n)
			sum += n
		}
		assert.Equal(t, w.Open, sum, "%s: the states add up to the open bugs", w.Week)
		assert.Contains(t, page, cells+fmt.Sprintf("<td>%d</td></tr>", w.Open), w.Week)
	}
	assert.Equal(t, []string{"inbox", "reproduced", "in engineering", "awaiting QA", "no state"}, d.States)
}

// TestTimelineTilesWeeks checks that each lane's shifts cover its week
// without gaps or overlaps, across the DST changes of Chicago and London.
func TestTimelineTilesWeeks(t *testing.T) {
	for _, args := range [][]string{
		{"-at", "2024-03-10"}, {"-at", "2024-11-03"}, {"-at", "2024-10-27", "-zone", "Europe/London"},
		{"-at", "2024-02-29", "-preset", "2023"}, {"-at", "2024-12-31"},
	} {
		s := dashboardFor(t, args...)
		d, err := s.dashboard(s.at())
		require.NoError(t, err)
		for _, w := range d.Timeline.Weeks {
			for _, l := range w.Lanes {
				require.NotEmpty(t, l.Shifts)
				assert.Equal(t, 0.0, l.Shifts[0].X, "%v %s %s", args, w.Monday, l.Layer)
				end := l.Shifts[0].X
				for i, sh := range l.Shifts {
					assert.InDelta(t, end, sh.X, 0.11, "%v %s %s shift %d", args, w.Monday, l.Layer, i)
					assert.Positive(t, sh.W)
					if i > 0 {
						assert.True(t, l.Shifts[i-1].Until.Equal(sh.From), "%v %s %s shift %d", args, w.Monday, l.Layer, i)
					}
					end = sh.X + sh.W
				}
				assert.InDelta(t, weekW, end, 0.11, "%v %s %s", args, w.Monday, l.Layer)
			}
		}
	}
}

// TestDashboardEveryDay renders a day every week for two years under each
// preset, and checks each page holds its day.
func TestDashboardEveryDay(t *testing.T) {
	for _, preset := range variants {
		s := dashboardFor(t, "-preset", preset)
		for at := time.Date(2023, 1, 2, 12, 0, 0, 0, time.UTC); at.Year() < 2025; at = at.Add(9 * 24 * time.Hour) {
			d, err := s.dashboard(at)
			require.NoError(t, err, "%s %v", preset, at)
			var b bytes.Buffer
			require.NoError(t, s.page.Execute(&b, d), "%s %v", preset, at)
			assert.True(t, hasElement(b.String(), `data-day="`+d.Report.Day+`"`, `aria-current="date"`), "%s %v", preset, at)
		}
	}
}

func TestDashboardInstant(t *testing.T) {
	s := dashboardFor(t, "-at", "2024-03-06T07:30:00Z")
	_, _, body := get(t, s, jsonPath)
	d := decodeDashboard(t, body)
	// 07:30 UTC is 01:30 in Chicago: before the deep freeze of 02:00.
	assert.Equal(t, "2024-03-06", d.Report.Day)
	assert.True(t, d.Report.At.Equal(time.Date(2024, 3, 6, 7, 30, 0, 0, time.UTC)))
	assert.Equal(t, "freeze", d.Report.Release.Phase)
	assert.Equal(t, "ana", d.Report.OnCall.Engineering.Who, "ben takes over at 09:00")
}

// TestDashboardNow checks that without -at every request reads the clock.
func TestDashboardNow(t *testing.T) {
	opts, err := parseFlags([]string{"-http", "127.0.0.1:0"}, io.Discard, now)
	require.NoError(t, err)
	clock := time.Date(2024, 3, 6, 18, 0, 0, 0, time.UTC)
	s, err := newServer(opts, func() time.Time { return clock })
	require.NoError(t, err)
	_, _, body := get(t, s, jsonPath)
	assert.Equal(t, "2024-03-06", decodeDashboard(t, body).Report.Day)
	clock = clock.Add(14 * 24 * time.Hour)
	_, _, body = get(t, s, jsonPath)
	assert.Equal(t, "2024-03-20", decodeDashboard(t, body).Report.Day)
}

func TestDashboardRoutes(t *testing.T) {
	s := dashboardFor(t, "-at", fixedDay)
	code, _, _ := get(t, s, "/nope")
	assert.Equal(t, http.StatusNotFound, code)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	assert.Equal(t, "GET, HEAD", rec.Header().Get("Allow"))
	_, _, _ = get(t, s, "/")
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Contains(t, rec.Header().Get("Content-Security-Policy"), "default-src 'none'")
}

func TestRunHTTPRejectsBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-http", "127.0.0.1:0", "-json"}, "-json and -http"},
		{[]string{"-at", "2024-03-06T12:00:00"}, `-at "2024-03-06T12:00:00": want a day (YYYY-MM-DD) or an RFC 3339 instant`},
		{[]string{"-http", "127.0.0.1:0", "-at", "2024-03-06 12:00"}, "or an RFC 3339 instant"},
		{[]string{"-http", "127.0.0.1:99999"}, `-http "127.0.0.1:99999"`},
	} {
		var out, errOut bytes.Buffer
		assert.Equal(t, 2, run(tc.args, &out, &errOut, now), "run(%q)", tc.args)
		assert.Empty(t, out.String())
		assert.Contains(t, errOut.String(), tc.want, "run(%q)", tc.args)
	}
}

// lineWriter sends each write to a channel, for reading the URL a server prints.
type lineWriter chan string

func (w lineWriter) Write(b []byte) (int, error) {
	w <- string(b)
	return len(b), nil
}

// TestServe starts the server on a free loopback port, reads the page and
// its JSON over HTTP, and stops it.
func TestServe(t *testing.T) {
	opts, err := parseFlags([]string{"-http", "127.0.0.1:0", "-at", fixedDay}, io.Discard, now)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lines := make(lineWriter, 4)
	status := make(chan int, 1)
	go func() { status <- serveUntil(ctx, opts, lines) }()
	var line string
	select {
	case line = <-lines:
	case <-time.After(10 * time.Second):
		t.Fatal("no URL printed")
	}
	m := regexp.MustCompile(`^handbook: dashboard at (http://127\.0\.0\.1:\d+/) \(data at /api/dashboard.json\)\n$`).FindStringSubmatch(line)
	require.NotNil(t, m, line)
	for _, path := range []string{"", "api/dashboard.json"} {
		resp, err := http.Get(m[1] + path)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, resp.Body.Close())
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode, path)
		assert.Contains(t, string(body), "2024-03-06", path)
	}
	cancel()
	select {
	case code := <-status:
		assert.Equal(t, 0, code)
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
	_, err = http.Get(m[1])
	assert.Error(t, err, "the server still answers after its context ended")
}

// Long after the bug sample ends, the dashboard's bug weeks are the
// sample's last eight, and the page says where the data ends.
func TestDashboardSampleEnds(t *testing.T) {
	s := dashboardFor(t, "-at", "2026-12-02", "-zone", "Europe/London")
	_, _, body := get(t, s, jsonPath)
	d := decodeDashboard(t, body)
	require.Len(t, d.Bugs, bugWeeks)
	assert.Equal(t, "2024-W11", d.Bugs[len(d.Bugs)-1].Week)
	assert.Equal(t, "2024-03-13", d.Report.Bugs.DataEnds)
	assert.Positive(t, d.Bugs[len(d.Bugs)-1].Open)
	_, _, page := get(t, s, "/")
	assert.Contains(t, page, "(the sample data ends 2024-03-13)")
	// Inside the sample, no such note.
	_, _, page = get(t, dashboardFor(t, "-at", fixedDay), "/")
	assert.NotContains(t, page, "the sample data ends")
}
