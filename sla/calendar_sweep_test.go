package sla

// The all-zones sweep of issue 11: every zone of the tz database Go ships
// (and of the system's, when there is one), random calendars, instants in
// years 1 to 9999 clustered at the zone's offset changes and at the edges
// of the 1900-2150 tables, every query compared with the brute-force
// oracle of oracle_test.go, which reads only time.Time.Zone.
//
// The default run samples the zones so that it takes a few seconds; set
// CADENCE_SWEEP=full to run every calendar on every zone.

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// zoneSource is one zone's tz data: the source it came from, its name and
// its TZif bytes.
type zoneSource struct {
	from, name string
	data       []byte
}

var zoneDataOnce = sync.OnceValues(func() (map[string][]byte, error) {
	path := os.Getenv("ZONEINFO")
	if !strings.HasSuffix(path, ".zip") {
		out, err := exec.Command("go", "env", "GOROOT").Output()
		if err != nil {
			return nil, err
		}
		path = filepath.Join(strings.TrimSpace(string(out)), "lib", "time", "zoneinfo.zip")
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	m := map[string][]byte{}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		m[f.Name] = b
	}
	return m, nil
})

// zoneData returns the zones of $GOROOT/lib/time/zoneinfo.zip (or of the
// zip ZONEINFO names) by name.
func zoneData(t testing.TB) map[string][]byte {
	t.Helper()
	m, err := zoneDataOnce()
	require.NoError(t, err, "reading Go's zoneinfo.zip")
	return m
}

// systemZones returns the TZif files under /usr/share/zoneinfo, without
// its posix/ and right/ copies (right/ counts leap seconds, which Go
// ignores).
func systemZones() []zoneSource {
	const root = "/usr/share/zoneinfo"
	var out []zoneSource
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if rel == "posix" || rel == "right" {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte("TZif")) {
			return nil
		}
		out = append(out, zoneSource{"system", rel, b})
		return nil
	})
	return out
}

// ruleOnly reports whether TZif data lists no transitions and only a TZ
// rule with daylight saving. For such zones Go's time.Time.Zone is wrong
// before 1970: it applies the rule with a remainder of negative seconds
// (time/zoneinfo.go, tzset), so the offsets it reports are not the rule's,
// and ZoneBounds does not agree with Zone. The sweep checks them from 1970
// on only.
func ruleOnly(data []byte) bool {
	counts := func(b []byte) (timecnt, size int, ok bool) {
		if len(b) < 44 || string(b[:4]) != "TZif" {
			return 0, 0, false
		}
		c := make([]int, 6)
		for i := range c {
			c[i] = int(binary.BigEndian.Uint32(b[20+4*i:]))
		}
		isut, isstd, leap, tx, typ, chars := c[0], c[1], c[2], c[3], c[4], c[5]
		return tx, tx*4 + tx + typ*6 + chars + leap*8 + isstd + isut, true
	}
	// Version 1 files have no rule; in later versions the 64-bit block
	// after the version 1 block counts the transitions, and the rule is
	// the file's last line.
	_, size, ok := counts(data)
	if !ok || data[4] < '2' || len(data) <= 44+size {
		return false
	}
	tx, _, ok := counts(data[44+size:])
	if !ok {
		return false
	}
	foot := strings.TrimRight(string(data), "\n")
	i := strings.LastIndexByte(foot, '\n')
	return i >= 0 && tx == 0 && strings.Contains(foot[i+1:], ",")
}

// ruleOnlyTZif returns TZif data with no transitions, one standard-time
// type and a TZ rule: the shape of a rule-only zone file.
func ruleOnlyTZif(std string, off int32, rule string) []byte {
	var b bytes.Buffer
	for range 2 { // the version 1 block, then the version 2 one
		b.WriteString("TZif2")
		b.Write(make([]byte, 15))
		for _, c := range []uint32{0, 0, 0, 0, 1, uint32(len(std) + 1)} {
			_ = binary.Write(&b, binary.BigEndian, c)
		}
		_ = binary.Write(&b, binary.BigEndian, off)
		b.Write([]byte{0, 0})
		b.WriteString(std + "\x00")
	}
	b.WriteString("\n" + rule + "\n")
	return b.Bytes()
}

// ruleOnlyZones are rule-only zone files, which neither Go's zip nor
// recent system tz data hold any more (tzdata 2024b made EST5EDT and its
// kind links): both hemispheres, a negative DST and a rule at -1.
var ruleOnlyZones = []zoneSource{
	{"rule-only", "EST5EDT", ruleOnlyTZif("EST", -5*3600, "EST5EDT,M3.2.0,M11.1.0")},
	{"rule-only", "AEST-10AEDT", ruleOnlyTZif("AEST", 10*3600, "AEST-10AEDT,M10.1.0,M4.1.0/3")},
	{"rule-only", "IST-1GMT0", ruleOnlyTZif("IST", 3600, "IST-1GMT0,M10.5.0,M3.5.0/1")},
	{"rule-only", "-02-01", ruleOnlyTZif("-02", -2*3600, "<-02>2<-01>,M3.5.0/-1,M10.5.0/0")},
}

// sweepHubs returns instants to cluster queries around: offset changes of
// loc in years 1-9999 (found with ZoneBounds; they are only places to look,
// the oracle does not use them), the edges of the tables, the ends of the
// years 1 and 9999, and a few random instants.
func sweepHubs(r *rand.Rand, loc *time.Location, since time.Time) []time.Time {
	var changes []time.Time
	t := since
	for range 4000 {
		_, end := t.In(loc).ZoneBounds()
		if end.IsZero() || end.Year() > 2200 {
			break
		}
		if !end.After(t) { // golang/go#81583: step over the glitch
			end = t.Add(48 * time.Hour)
		}
		changes = append(changes, end)
		t = end
	}
	var hubs []time.Time
	for range min(6, len(changes)) {
		hubs = append(hubs, changes[r.IntN(len(changes))])
	}
	for _, c := range changes { // the first and last change, and any LMT end
		if c.Year() < 1900 {
			hubs = append(hubs, c)
			break
		}
	}
	if len(changes) > 0 {
		hubs = append(hubs, changes[len(changes)-1])
	}
	lo, hi := time.Unix(-2208988800, 0), time.Unix(5680281600, 0) // 1900 and 2150 UTC
	hubs = append(hubs, lo, hi, lo.Add(-time.Nanosecond), hi.Add(-time.Nanosecond))
	if since.Year() < 1970 {
		hubs = append(hubs, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}.Add(36*time.Hour))
	}
	hubs = append(hubs, time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC))
	for range 2 {
		y := 1 + r.IntN(9998)
		if y < since.Year() {
			y = since.Year() + r.IntN(9999-since.Year())
		}
		hubs = append(hubs, time.Date(y, time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), 0, 0, 0, time.UTC))
	}
	for i, h := range hubs {
		if h.Before(since) {
			hubs[i] = since.Add(time.Duration(r.Int64N(int64(24 * time.Hour))))
		}
	}
	return hubs
}

// sweepCheck compares every query of cal at a with the oracle, and checks
// the laws of Add: Between(a, Add(a, d)) == d and Add gives the first
// (for d < 0 the last) such instant. It returns the number of checks made,
// and false after a failure.
func sweepCheck(t *testing.T, cal Calendar, spec calSpec, o oracle, a, b time.Time, d time.Duration) (int, bool) {
	t.Helper()
	fail := func(format string, args ...any) (int, bool) {
		t.Helper()
		args = append(args, spec)
		t.Errorf(format+"\n\tcalendar: %s", args...)
		return 0, false
	}
	if got, want := cal.Open(a), o.open(a); got != want {
		return fail("Open(%s) = %v, want %v", fmtT(a), got, want)
	}
	if got, want := cal.NextOpen(a), o.nextOpen(a); !sameInstant(got, want) {
		return fail("NextOpen(%s) = %s, want %s", fmtT(a), fmtT(got), fmtT(want))
	}
	if got, want := cal.NextClose(a), o.nextClose(a); !sameInstant(got, want) {
		return fail("NextClose(%s) = %s, want %s", fmtT(a), fmtT(got), fmtT(want))
	}
	if got, want := cal.Between(a, b), o.between(a, b); got != want {
		return fail("Between(%s, %s) = %v, want %v", fmtT(a), fmtT(b), got, want)
	}
	u := cal.Add(a, d)
	if want := o.add(a, d); !sameInstant(u, want) {
		return fail("Add(%s, %v) = %s, want %s", fmtT(a), d, fmtT(u), fmtT(want))
	}
	n := 5
	if u.IsZero() {
		return n, true
	}
	switch {
	case d > 0:
		if got := cal.Between(a, u); got != d {
			return fail("Between(t, Add(t, %v)) = %v at %s", d, got, fmtT(a))
		}
		if got := cal.Between(a, u.Add(-1)); got >= d {
			return fail("Add(%s, %v) = %s is not the first: Between reaches %v a nanosecond earlier", fmtT(a), d, fmtT(u), got)
		}
	case d < 0:
		if got := cal.Between(u, a); got != -d {
			return fail("Between(Add(t, %v), t) = %v at %s", d, got, fmtT(a))
		}
		if got := cal.Between(u.Add(1), a); got >= -d {
			return fail("Add(%s, %v) = %s is not the last: Between reaches %v a nanosecond later", fmtT(a), d, fmtT(u), got)
		}
	}
	return n + 2, true
}

func TestAllZonesSweep(t *testing.T) {
	full := os.Getenv("CADENCE_SWEEP") == "full"
	if testing.Short() && !full {
		t.Skip("the all-zones sweep is long; it runs without -short")
	}
	start := time.Now()
	var sources []zoneSource
	for name, data := range zoneData(t) {
		sources = append(sources, zoneSource{"go", name, data})
	}
	sources = append(sources, systemZones()...)
	sources = append(sources, ruleOnlyZones...)
	slices.SortFunc(sources, func(a, b zoneSource) int { return strings.Compare(a.from+a.name, b.from+b.name) })
	// Each distinct zone data once: the system's copy is often the same.
	seen := map[string]bool{}
	sources = slices.DeleteFunc(sources, func(z zoneSource) bool {
		k := z.name + "\x00" + string(z.data)
		if seen[k] {
			return true
		}
		seen[k] = true
		return false
	})
	require.NotEmpty(t, sources)

	calendars, instants := 2, 6 // per zone, in the default run
	if full {
		calendars, instants = 8, 16
	}
	const shards = 2 // one per core of the CI machine
	stats := make([]sweepStats, shards)
	t.Run("shards", func(t *testing.T) {
		for sh := range shards {
			t.Run(strconv.Itoa(sh), func(t *testing.T) {
				t.Parallel()
				var part []zoneSource
				for i := sh; i < len(sources); i += shards {
					part = append(part, sources[i])
				}
				stats[sh] = sweepZones(t, part, calendars, instants, uint64(sh))
			})
		}
	})
	var sum sweepStats
	for _, st := range stats {
		sum.zones += st.zones
		sum.ruleOnly += st.ruleOnly
		sum.calendars += st.calendars
		sum.instants += st.instants
		sum.checks += st.checks
	}
	t.Logf("all-zones sweep (CADENCE_SWEEP=full: %v): %d zones (%d rule-only, checked from 1970), %d calendars, %d instants, %d checks in %v",
		full, sum.zones, sum.ruleOnly, sum.calendars, sum.instants, sum.checks, time.Since(start).Round(time.Millisecond))
}

type sweepStats struct{ zones, ruleOnly, calendars, instants, checks int }

// sweepZones runs the sweep on zones.
func sweepZones(t *testing.T, zones []zoneSource, calendars, instants int, seed uint64) sweepStats {
	r := rand.New(rand.NewPCG(11, seed))
	var st sweepStats
	failures := 0
	for _, z := range zones {
		loc, err := time.LoadLocationFromTZData(z.name, z.data)
		if err != nil {
			continue // not a zone file Go reads
		}
		since := time.Time{}
		if ruleOnly(z.data) {
			// Go's own zone bug for rule-only zone files before 1970 (see
			// ruleOnly): the sweep starts at 1970 for them.
			since = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
			st.ruleOnly++
		}
		st.zones++
		g := &gen{r: r, loc: loc, hubs: sweepHubs(r, loc, since)}
		for range calendars {
			spec := g.spec()
			cal, err := spec.build()
			require.NoError(t, err, "%s %s: NewCalendar(%s)", z.from, z.name, spec)
			st.calendars++
			o := spec.oracle()
			for range instants {
				a := g.instant()
				if a.Before(since) {
					continue
				}
				if r.IntN(4) == 0 { // on the edge of an open interval
					if ivs := o.intervals(a.Add(-36*time.Hour), a.Add(36*time.Hour)); len(ivs) > 0 {
						iv := ivs[r.IntN(len(ivs))]
						a = g.inZone([]time.Time{iv.s, iv.e}[r.IntN(2)].Add(time.Duration(r.IntN(3) - 1)))
					}
				}
				b := a.Add(time.Duration(r.Int64N(int64(6 * 24 * time.Hour))))
				n, ok := sweepCheck(t, cal, spec, o, a, b, g.duration())
				st.instants++
				st.checks += n
				if !ok {
					t.Logf("zone %s from %s", z.name, z.from)
					if failures++; failures >= 10 {
						t.Fatal("stopping after 10 failures")
					}
				}
			}
		}
	}
	return st
}

// TestRuleOnly: the detection the sweep's exclusion relies on.
func TestRuleOnly(t *testing.T) {
	for _, z := range ruleOnlyZones {
		require.True(t, ruleOnly(z.data), z.name)
		_, err := time.LoadLocationFromTZData(z.name, z.data)
		require.NoError(t, err, z.name)
	}
	zd := zoneData(t)
	for _, name := range []string{"America/Chicago", "UTC", "Asia/Kolkata", "Australia/Lord_Howe"} {
		require.False(t, ruleOnly(zd[name]), name)
	}
}
