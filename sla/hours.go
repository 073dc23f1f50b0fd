package sla

import (
	"math/bits"
	"sort"
	"time"

	"github.com/rickb777/date/v2/clock"
)

const (
	nsDay  = int64(24 * time.Hour)
	nsWeek = 7 * nsDay
	// unixDay0 is the date.Date of 1970-01-01, the origin of local day numbers.
	unixDay0 = 719162
)

// hours is one day of opening hours compiled for arithmetic: merged,
// sorted spans as nanoseconds since local midnight, with the open time
// before each span.
type hours struct {
	from, to []int64
	cum      []int64 // cum[i] is the open time before span i
	total    int64
}

// compileHours merges touching spans; spans must already be valid, sorted
// and not overlapping.
func compileHours(spans []Span) hours {
	var h hours
	for _, s := range spans {
		f, t := int64(s.From), int64(s.To)
		if n := len(h.to); n > 0 && h.to[n-1] == f {
			h.to[n-1] = t
			h.total += t - f
			continue
		}
		h.from = append(h.from, f)
		h.to = append(h.to, t)
		h.cum = append(h.cum, h.total)
		h.total += t - f
	}
	return h
}

// allDayHours is 00:00-24:00 compiled, shared by every closed day's
// complement, and noHours the hours of a closed day; hours are never
// modified once compiled.
var (
	allDayHours = compileHours([]Span{{From: 0, To: endOfDay}})
	noHours     hours
)

// complement returns the hours of the day at which h is closed.
func (h hours) complement() hours {
	if h.total == 0 {
		return allDayHours
	}
	var spans []Span
	prev := int64(0)
	for i := range h.from {
		if h.from[i] > prev {
			spans = append(spans, Span{From: clock.Clock(prev), To: clock.Clock(h.from[i])})
		}
		prev = h.to[i]
	}
	if prev < nsDay {
		spans = append(spans, Span{From: clock.Clock(prev), To: clock.Clock(nsDay)})
	}
	return compileHours(spans)
}

// open reports whether ns since midnight falls in an open span.
func (h hours) open(ns int64) bool {
	i := sort.Search(len(h.from), func(i int) bool { return h.from[i] > ns }) - 1
	return i >= 0 && ns < h.to[i]
}

// prefix returns the open time in [00:00, ns).
func (h hours) prefix(ns int64) int64 {
	// i is the last span starting before ns: a binary search without
	// sort.Search's closure, as this is on every query's path.
	lo, hi := 0, len(h.from)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if h.from[m] < ns {
			lo = m + 1
		} else {
			hi = m
		}
	}
	i := lo - 1
	if i < 0 {
		return 0
	}
	return h.cum[i] + min(ns, h.to[i]) - h.from[i]
}

// firstAt returns the earliest ns with prefix(ns) == r, for 0 < r <= total.
func (h hours) firstAt(r int64) int64 {
	i := sort.Search(len(h.from), func(i int) bool { return h.cum[i]+h.to[i]-h.from[i] >= r })
	return h.from[i] + r - h.cum[i]
}

// lastAt returns the latest ns with prefix(ns) == r, for 0 <= r < total.
func (h hours) lastAt(r int64) int64 {
	i := sort.Search(len(h.from), func(i int) bool { return h.cum[i]+h.to[i]-h.from[i] > r })
	return h.from[i] + r - h.cum[i]
}

// compiledDay is a holiday or special day compiled for arithmetic.
type compiledDay struct {
	day   int64  // local day number, days since 1970-01-01
	h     *hours // shared between days with the same hours, never modified
	cum   int64  // sum over earlier specials of their open time minus their weekday's
	start int64  // startF(j, baseWeek)
}

// table holds what business-time arithmetic needs for one set of hours:
// the calendar's own, or its complement (the closed hours, for NextClose).
//
// F(w), the open wall-clock time from an origin to the wall reading w, is
// (weeks since the origin) * weekOpen + the open time earlier in w's week +
// the difference that special days before w make. g(u), the real open time
// from an origin to the instant u, is F(W(u)) + base[s] where s is the zone
// segment (a stretch of constant UTC offset) holding u: base sums, over
// every offset change before u, the open wall time the change skipped
// (negative) or repeated (positive).
type table struct {
	days     [7]hours // by time.Weekday
	dayStart [8]int64 // open time in a week before each weekday
	weekOpen int64
	specials []compiledDay
	cumEnd   int64 // cum after the last special

	// The first and last special days with open time, or maxInt64 and
	// minInt64 when none has any: all a week with no hours opens on.
	firstOpen, lastOpen int64

	base   []int64 // per zone segment
	gStart []int64 // g at the start of each zone segment
	gEnd   int64   // g at the end of the window
}

// split returns the week index (weeks start on Sunday) and weekday of a
// local day number.
func split(day int64) (k int64, wd int) {
	x := day + 4 // 1970-01-01 was a Thursday
	k = floorDiv(x, 7)
	return k, int(x - 7*k)
}

// cumBefore returns the special-day adjustment for days before specials[j].
func (tb *table) cumBefore(j int) int64 {
	if j < len(tb.specials) {
		return tb.specials[j].cum
	}
	return tb.cumEnd
}

// findSpecial returns the index of the first special day on or after day.
func (tb *table) findSpecial(day int64) int {
	lo, hi := 0, len(tb.specials)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if tb.specials[m].day < day {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// hoursOn returns the opening hours of a local day.
func (tb *table) hoursOn(day int64) *hours {
	if j := tb.findSpecial(day); j < len(tb.specials) && tb.specials[j].day == day {
		return tb.specials[j].h
	}
	_, wd := split(day)
	return &tb.days[wd]
}

// dayF returns F at the start of day, counting weeks from week base.
func (tb *table) dayF(day, base int64) int64 {
	k, wd := split(day)
	return satAdd(satMul(k-base, tb.weekOpen), tb.dayStart[wd])
}

// f returns F(day, ns), counting weeks from week base.
func (tb *table) f(day, ns, base int64) int64 {
	v := tb.dayF(day, base)
	j := tb.findSpecial(day)
	if j < len(tb.specials) && tb.specials[j].day == day {
		return satAdd(v, tb.specials[j].cum+tb.specials[j].h.prefix(ns))
	}
	_, wd := split(day)
	return satAdd(v, tb.cumBefore(j)+tb.days[wd].prefix(ns))
}

// startF returns F at the start of special j, saturated exactly: a
// special day too far from week base for its F to fit in an int64 gives
// the int64 limit on its side, beyond any y the inversions are asked for.
func (tb *table) startF(j int, base int64) int64 {
	if base == baseWeek { // inside the window: tabled by newTable
		return tb.specials[j].start
	}
	return tb.startFrom(j, base)
}

// startFrom is startF computed.
func (tb *table) startFrom(j int, base int64) int64 {
	k, wd := split(tb.specials[j].day)
	return mulAddSat(k-base, tb.weekOpen, tb.dayStart[wd]+tb.specials[j].cum)
}

// diffF returns F(day1, ns1) - F(day0, ns0), exact when it fits in an
// int64 and saturated otherwise, however far apart the two readings are.
// Each reading's F is taken from its own week, where it is small, and the
// whole weeks between them are multiplied in 128 bits.
func (tb *table) diffF(day0, ns0, day1, ns1 int64) int64 {
	k0, _ := split(day0)
	k1, _ := split(day1)
	return mulAddSat(k1-k0, tb.weekOpen, tb.f(day1, ns1, k1)-tb.f(day0, ns0, k0))
}

// maxWeeks bounds the weeks an inversion may move, about 21 billion
// years, so that day numbers and instants cannot overflow.
const maxWeeks = 1 << 40

// invFirst returns the earliest wall reading with F == y. It
// reports false when F never reaches y (a calendar with no weekly hours)
// or reaches it only more than maxWeeks weeks from base.
func (tb *table) invFirst(y, base int64) (wall, bool) {
	// j: the first special day whose end has F >= y
	j, hi := 0, len(tb.specials)
	for j < hi {
		m := int(uint(j+hi) >> 1)
		if satAdd(tb.startF(m, base), tb.specials[m].h.total) < y {
			j = m + 1
		} else {
			hi = m
		}
	}
	if j < len(tb.specials) {
		if sf := tb.startF(j, base); sf < y {
			return wall{tb.specials[j].day, tb.specials[j].h.firstAt(y - sf)}, true
		}
	}
	if tb.weekOpen == 0 {
		return wall{}, false
	}
	yp := y - tb.cumBefore(j)
	k := ceilDiv(yp, tb.weekOpen) - 1
	if k > maxWeeks || k < -maxWeeks {
		return wall{}, false
	}
	r := yp - k*tb.weekOpen // in (0, weekOpen]
	wd := 0
	for tb.dayStart[wd+1] < r {
		wd++
	}
	return wall{(k+base)*7 - 4 + int64(wd), tb.days[wd].firstAt(r - tb.dayStart[wd])}, true
}

// invLast returns the latest wall reading with F == y: the
// first open wall reading at or after the point where F reaches y. It
// reports false when F stays at y for ever.
func (tb *table) invLast(y, base int64) (wall, bool) {
	// j: the first special day whose start has F > y
	j, hi := 0, len(tb.specials)
	for j < hi {
		m := int(uint(j+hi) >> 1)
		if tb.startF(m, base) <= y {
			j = m + 1
		} else {
			hi = m
		}
	}
	if j > 0 {
		if sf := tb.startF(j-1, base); y < satAdd(sf, tb.specials[j-1].h.total) {
			return wall{tb.specials[j-1].day, tb.specials[j-1].h.lastAt(y - sf)}, true
		}
	}
	if tb.weekOpen == 0 {
		return wall{}, false
	}
	yp := y - tb.cumBefore(j)
	k := floorDiv(yp, tb.weekOpen)
	if k > maxWeeks || k < -maxWeeks {
		return wall{}, false
	}
	r := yp - k*tb.weekOpen // in [0, weekOpen)
	wd := 0
	for tb.dayStart[wd+1] <= r {
		wd++
	}
	return wall{(k+base)*7 - 4 + int64(wd), tb.days[wd].lastAt(r - tb.dayStart[wd])}, true
}

// newTable compiles a week and its special days; specials must be sorted.
func newTable(week [7]hours, specials []compiledDay) *table {
	tb := &table{days: week}
	for wd := 0; wd < 7; wd++ {
		tb.dayStart[wd+1] = tb.dayStart[wd] + week[wd].total
	}
	tb.weekOpen = tb.dayStart[7]
	tb.specials = specials
	cum := int64(0)
	for i := range tb.specials {
		tb.specials[i].cum = cum
		_, wd := split(tb.specials[i].day)
		cum += tb.specials[i].h.total - week[wd].total
	}
	tb.cumEnd = cum
	for i := range tb.specials {
		tb.specials[i].start = tb.startFrom(i, baseWeek)
	}
	tb.firstOpen, tb.lastOpen = maxInt64, minInt64
	for _, sp := range tb.specials {
		if sp.h.total > 0 {
			tb.firstOpen = min(tb.firstOpen, sp.day)
			tb.lastOpen = max(tb.lastOpen, sp.day)
		}
	}
	return tb
}

// opensAfter reports whether the table has any open time on or after day.
func (tb *table) opensAfter(day int64) bool { return tb.weekOpen > 0 || tb.lastOpen >= day }

// opensBefore reports whether the table has any open time on or before day.
func (tb *table) opensBefore(day int64) bool { return tb.weekOpen > 0 || tb.firstOpen <= day }

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

const (
	maxInt64 = int64(^uint64(0) >> 1)
	minInt64 = -maxInt64 - 1
)

// satAdd returns a+b, saturating at the int64 limits. It serves both the
// tables' int64 nanoseconds and a Clock's time.Duration.
func satAdd[T ~int64](a, b T) T {
	s := a + b
	if a > 0 && b > 0 && s < 0 {
		return T(maxInt64)
	}
	if a < 0 && b < 0 && s >= 0 {
		return T(minInt64)
	}
	return s
}

// mulAddSat returns a*b + c for b >= 0, computed in 128 bits and then
// saturated at the int64 limits, so the result is exact whenever it fits.
func mulAddSat(a, b, c int64) int64 {
	neg := a < 0
	ua := uint64(a)
	if neg {
		ua = -ua
	}
	hi, lo := bits.Mul64(ua, uint64(b))
	if neg { // two's complement negation of the 128-bit product
		lo = ^lo + 1
		hi = ^hi
		if lo == 0 {
			hi++
		}
	}
	uc := uint64(c)
	var carry uint64
	lo, carry = bits.Add64(lo, uc, 0)
	hi += carry + uint64(c>>63) // c's sign extension
	switch {
	case hi == 0 && lo <= uint64(maxInt64):
		return int64(lo)
	case hi == ^uint64(0) && lo >= 1<<63:
		return int64(lo)
	case int64(hi) < 0:
		return minInt64
	}
	return maxInt64
}

// satMul returns a*b for b >= 0, saturating at the int64 limits.
func satMul(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a > 0 && a > maxInt64/b {
		return maxInt64
	}
	if a < 0 && a < minInt64/b {
		return minInt64
	}
	return a * b
}
