// Package e2e tests the handbook's dashboard (go run ./examples/handbook
// -http ADDR) in a real browser: it builds and starts the program on
// loopback, drives headless Chromium with chromedp, checks the page's key
// elements at desktop and phone sizes, and writes screenshots for review to
// examples/handbook/testdata/screenshots (not compared pixel by pixel).
//
// It is a module of its own so that chromedp stays out of the library's
// requirements. Run it from this directory:
//
//	cd examples/handbook/e2e && go test ./...
//
// Chromium comes from $CADENCE_CHROMIUM or `chromium` on the PATH (Debian:
// apt-get install chromium; CI: source .ci/chromium.sh). Without it the test
// skips, except when CI is set, where it fails.
package e2e

import (
	"bufio"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// fixedDay is the -at day: release day of 4.46.0 in the deep freeze (R10),
// gus away and jo covering (R4).
const fixedDay = "2024-03-06"

// root is the repository root, from this directory.
const root = "../../.."

// chromium returns the browser to drive, or skips (fails in CI) without one.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CADENCE_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("CADENCE_CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "Chromium not found: install Debian's package with `apt-get install chromium` " +
		"(or `source .ci/chromium.sh`), or set CADENCE_CHROMIUM to a Chromium binary"
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " (CI is set: the browser test must run)")
	}
	t.Skip(msg)
	return ""
}

// startHandbook builds the handbook program and starts it on a free
// loopback port at the fixed day; it returns the page's URL. The server
// is stopped with SIGINT when the test ends.
func startHandbook(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "handbook")
	build := exec.Command("go", "build", "-o", bin, "./examples/handbook")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./examples/handbook: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-http", "127.0.0.1:0", "-at", fixedDay)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	found := make(chan string, 1)
	var logged strings.Builder
	var mu sync.Mutex
	go func() {
		re := regexp.MustCompile(`dashboard at (http://127\.0\.0\.1:\d+/)`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			mu.Lock()
			logged.WriteString(sc.Text() + "\n")
			mu.Unlock()
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("handbook -http exited with %v", err)
			}
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			t.Error("handbook -http did not stop within 10s of SIGINT")
		}
	})
	select {
	case u := <-found:
		return u
	case err := <-done:
		mu.Lock()
		defer mu.Unlock()
		t.Fatalf("handbook -http exited before serving: %v\n%s", err, logged.String())
	case <-time.After(30 * time.Second):
		t.Fatal("handbook -http printed no URL within 30s")
	}
	return ""
}

// viewport is a screen size the page must be readable at.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var viewports = []viewport{
	{"desktop", 1280, 800, false},
	{"phone", 390, 844, true},
}

// pageFacts is what the test reads from the loaded page.
type pageFacts struct {
	Title        string   `json:"title"`
	ScrollWidth  int      `json:"scrollWidth"`
	InnerWidth   int      `json:"innerWidth"`
	ReleaseText  string   `json:"releaseText"`
	ReleaseBox   bool     `json:"releaseBox"` // the release day's box is displayed
	FreezeDays   []string `json:"freezeDays"`
	FreezeShade  string   `json:"freezeShade"` // the computed background of a freeze day
	PlainShade   string   `json:"plainShade"`
	Layers       []string `json:"layers"`
	Names        []string `json:"names"` // people drawn in the first timeline week
	LaneWidth    float64  `json:"laneWidth"`
	Clocks       []string `json:"clocks"`
	ClockBars    int      `json:"clockBars"`
	BugBars      int      `json:"bugBars"`
	ChartWidth   float64  `json:"chartWidth"`
	SVGTitles    int      `json:"svgTitles"`
	SVGs         int      `json:"svgs"`
	TooWide      []string `json:"tooWide"` // elements wider than the viewport
	SmallestFont float64  `json:"smallestFont"`
}

// readFacts runs in the page.
const readFacts = `(() => {
  const q = s => document.querySelector(s), qa = s => [...document.querySelectorAll(s)];
  const rel = q('[data-day="` + fixedDay + `"][data-release]');
  const freeze = qa('[data-window]').filter(e => e.classList.contains('day') && getComputedStyle(e).display !== 'none');
  const plain = q('[data-day="2024-03-13"]');
  const firstWeek = q('#oncall figure');
  const tooWide = qa('body *').filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && getComputedStyle(e).display !== 'none')
    .slice(0, 10).map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className);
  const fonts = qa('svg text').filter(e => e.getBoundingClientRect().width > 0).map(e => e.getBoundingClientRect().height);
  return {
    title: document.title,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    releaseText: rel ? rel.innerText : '',
    releaseBox: !!rel && rel.getBoundingClientRect().height > 0,
    freezeDays: freeze.map(e => e.dataset.day + ':' + e.dataset.window),
    freezeShade: freeze.length ? getComputedStyle(freeze[0]).backgroundImage : '',
    plainShade: plain ? getComputedStyle(plain).backgroundImage : '',
    layers: qa('#oncall figure:first-of-type [data-layer]').map(e => e.dataset.layer),
    names: firstWeek ? [...new Set(qa('#oncall figure:first-of-type [data-who]').map(e => e.dataset.who))] : [],
    laneWidth: firstWeek ? firstWeek.querySelector('svg').getBoundingClientRect().width : 0,
    clocks: qa('#sla .clock').map(e => e.dataset.target + ':' + e.querySelector('h3').innerText),
    clockBars: qa('#sla .clock svg rect.bar').filter(e => e.getBoundingClientRect().width > 0).length,
    bugBars: qa('#bug-chart rect').filter(e => e.getBoundingClientRect().height > 0).length,
    chartWidth: q('#bug-chart').getBoundingClientRect().width,
    svgTitles: qa('svg > title').filter(e => e.textContent.trim() !== '').length,
    svgs: qa('svg').length,
    tooWide: tooWide,
    smallestFont: fonts.length ? Math.min(...fonts) : 0,
  };
})()`

func TestDashboardInChromium(t *testing.T) {
	exe := chromium(t)
	start := time.Now()
	pageURL := startHandbook(t)
	t.Logf("built and started the handbook in %v: %s", time.Since(start).Round(time.Millisecond), pageURL)
	base, err := url.Parse(pageURL)
	if err != nil {
		t.Fatal(err)
	}

	// The machine may have no network: keep Chromium from calling home,
	// and give it a fresh profile.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()

	var mu sync.Mutex
	var requests, problems []string
	launch := time.Now()
	// The first call starts the browser, on a context without a timeout
	// (a timeout there would end the browser).
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, e.Request.URL)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				problems = append(problems, fmt.Sprintf("%s: %s %s", e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		}
	})
	if err != nil {
		t.Fatalf("starting Chromium (%s): %v", exe, err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if v, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{}); err == nil {
		t.Logf("%s started in %v", v.Product, time.Since(launch).Round(time.Millisecond))
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()

	shots := filepath.Join("..", "testdata", "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			began := time.Now()
			emulate := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
			if vp.mobile {
				emulate = append(emulate, chromedp.EmulateMobile, chromedp.EmulateTouch)
			}
			err := chromedp.Do(ctx,
				chromedp.EmulateViewport(vp.width, vp.height, emulate...),
				chromedp.Navigate(pageURL),
				chromedp.WaitVisible(chromedp.CSS("#month")),
			)
			if err != nil {
				t.Fatal(err)
			}
			facts, err := chromedp.Run(ctx, chromedp.Evaluate[pageFacts](readFacts))
			if err != nil {
				t.Fatal(err)
			}
			text := map[string]string{}
			for _, id := range []string{"#month", "#oncall", "#sla", "#bugs"} {
				if text[id], err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(id))); err != nil {
					t.Fatal(err)
				}
			}
			month, oncall, sla, bugs := text["#month"], text["#oncall"], text["#sla"], text["#bugs"]
			png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s %dx%d: loaded, checked and captured in %v", vp.name, vp.width, vp.height, time.Since(began).Round(time.Millisecond))

			if want := "Team rhythm " + fixedDay; !strings.HasPrefix(facts.Title, want) {
				t.Errorf("title %q, want it to begin with %q", facts.Title, want)
			}
			// No horizontal scrolling, at any size.
			if facts.ScrollWidth > facts.InnerWidth {
				t.Errorf("page is %dpx wide in a %dpx window: %v", facts.ScrollWidth, facts.InnerWidth, facts.TooWide)
			}
			if len(facts.TooWide) > 0 {
				t.Errorf("elements reach past the window's right edge: %v", facts.TooWide)
			}
			if int64(facts.InnerWidth) != vp.width {
				t.Errorf("window is %dpx wide, want %d", facts.InnerWidth, vp.width)
			}

			// Month view: the release day, the freeze and deep freeze shaded.
			if !facts.ReleaseBox || !strings.Contains(facts.ReleaseText, "Release 4.46.0") {
				t.Errorf("release day box: shown %v, text %q", facts.ReleaseBox, facts.ReleaseText)
			}
			for _, want := range []string{"2024-03-05:freeze", "2024-03-06:deep-freeze", "2024-03-26:freeze", "2024-03-27:deep-freeze"} {
				if !contains(facts.FreezeDays, want) {
					t.Errorf("freeze days %v lack %s", facts.FreezeDays, want)
				}
			}
			if !strings.Contains(facts.FreezeShade, "gradient") || facts.PlainShade != "none" {
				t.Errorf("freeze days are not shaded: freeze %q, plain day %q", facts.FreezeShade, facts.PlainShade)
			}
			for _, want := range []string{"March 2024", "Release 4.47.0", "freeze from 11:00", "Sprint planning", "Estimation", "Retrospective"} {
				if !strings.Contains(month, want) {
					t.Errorf("month view lacks %q", want)
				}
			}

			// On-call timeline: each layer, and the people of the first week.
			if got := strings.Join(facts.Layers, ","); got != "engineering,infra primary,infra secondary" {
				t.Errorf("first timeline week has layers %q", got)
			}
			for _, who := range []string{"ana", "ben", "farah", "gus", "jo", "hana"} {
				if !contains(facts.Names, who) {
					t.Errorf("first timeline week lacks %s: %v", who, facts.Names)
				}
			}
			for _, want := range []string{"engineering", "infra primary", "infra secondary", "ben", "chidi", "jo", "gus away Tue 03-05 00:00 to Sat 03-09 00:00"} {
				if !strings.Contains(oncall, want) {
					t.Errorf("on-call section lacks %q", want)
				}
			}
			t.Logf("timeline week %.0fpx wide, bug chart %.0fpx, smallest SVG text %.1fpx", facts.LaneWidth, facts.ChartWidth, facts.SmallestFont)
			if facts.LaneWidth < min(600, float64(vp.width)*0.8) {
				t.Errorf("timeline week is %.0fpx wide in a %dpx window", facts.LaneWidth, vp.width)
			}

			// SLA clocks against business hours, and the bug chart.
			if len(facts.Clocks) != 4 || facts.ClockBars != 4 {
				t.Errorf("SLA clocks %v with %d bars, want 4", facts.Clocks, facts.ClockBars)
			}
			for _, want := range []string{"R25 first response", "breached 30m ago", "6h30m left", "business hours"} {
				if !strings.Contains(sla, want) {
					t.Errorf("SLA section lacks %q", want)
				}
			}
			if facts.BugBars < 8 || facts.ChartWidth < 300 {
				t.Errorf("bug chart: %d bars, %.0fpx wide", facts.BugBars, facts.ChartWidth)
			}
			for _, want := range []string{"inbox", "in engineering", "awaiting QA", "W10"} {
				if !strings.Contains(bugs, want) {
					t.Errorf("bug section lacks %q", want)
				}
			}
			// Accessible: every SVG has a title; SVG text stays legible.
			if facts.SVGTitles != facts.SVGs {
				t.Errorf("%d of %d SVGs have a title", facts.SVGTitles, facts.SVGs)
			}
			if facts.SmallestFont < 9 {
				t.Errorf("SVG text %.1fpx tall: too small to read", facts.SmallestFont)
			}

			path := filepath.Join(shots, vp.name+".png")
			if err := os.WriteFile(path, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d bytes, the full page)", path, len(png))
		})
	}

	// Nothing left loopback: every request went to the dashboard's server.
	mu.Lock()
	defer mu.Unlock()
	if len(requests) == 0 {
		t.Error("saw no requests: the network listener is not working")
	}
	for _, r := range requests {
		u, err := url.Parse(r)
		if err != nil || (u.Scheme != "data" && u.Host != base.Host) {
			t.Errorf("request left the dashboard's server %s: %s", base.Host, r)
		}
	}
	for _, p := range problems {
		t.Errorf("browser console: %s", p)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
