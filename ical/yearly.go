package ical

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
)

// A yearly is a parsed RRULE:FREQ=YEARLY.
type yearly struct {
	interval  int
	count     int
	until     date.Date // 0: none
	months    []time.Month
	monthDays []int // ±1..31
	days      []byDay
}

// A byDay is one BYDAY item: the nth wd of the month or year (n < 0 counts
// from the end; 0 means every wd).
type byDay struct {
	n  int
	wd time.Weekday
}

// parseYearly parses the RRULE of l.
func parseYearly(l contentLine) (*yearly, error) {
	r := &yearly{interval: 1}
	seen := map[string]bool{}
	freq := ""
	for _, part := range strings.Split(strings.TrimSpace(l.value), ";") {
		k, v, ok := strings.Cut(part, "=")
		k = strings.ToUpper(k)
		if !ok || k == "" || v == "" {
			return nil, l.syntaxErr(fmt.Sprintf("rule part %q: want NAME=value", part))
		}
		if seen[k] {
			return nil, l.syntaxErr("rule part " + k + " given twice")
		}
		seen[k] = true
		v = strings.ToUpper(v)
		var err error
		switch k {
		case "FREQ":
			switch v {
			case "YEARLY":
			case "SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY":
				return nil, l.unsupported("FREQ=" + v + ": only yearly holidays are read")
			default:
				return nil, l.syntaxErr("FREQ=" + v + ": unknown frequency")
			}
			freq = v
		case "INTERVAL":
			r.interval, err = ruleInt(l, k, v, 1, MaxInterval)
		case "COUNT":
			r.count, err = ruleInt(l, k, v, 1, MaxCount)
		case "UNTIL":
			r.until, _, err = dayOf(contentLine{line: l.line, raw: l.raw}, v)
		case "BYMONTH":
			for _, s := range strings.Split(v, ",") {
				m, err := ruleInt(l, k, s, 1, 12)
				if err != nil {
					return nil, err
				}
				r.months = append(r.months, time.Month(m))
			}
		case "BYMONTHDAY":
			for _, s := range strings.Split(v, ",") {
				md, err := ruleInt(l, k, s, -31, 31)
				if err != nil {
					return nil, err
				}
				if md == 0 {
					return nil, l.syntaxErr("BYMONTHDAY=0: want 1 to 31 or -31 to -1")
				}
				r.monthDays = append(r.monthDays, md)
			}
		case "BYDAY":
			for _, s := range strings.Split(v, ",") {
				bd, err := parseByDay(l, s)
				if err != nil {
					return nil, err
				}
				r.days = append(r.days, bd)
			}
		case "WKST":
			if !slices.Contains(weekdayCodes[:], v) {
				return nil, l.syntaxErr("WKST=" + v + ": want SU to SA")
			}
		case "BYSETPOS", "BYWEEKNO", "BYYEARDAY", "BYHOUR", "BYMINUTE", "BYSECOND":
			return nil, l.unsupported(k + " in a holiday rule")
		default:
			return nil, l.syntaxErr("unknown rule part " + k)
		}
		if err != nil {
			return nil, err
		}
	}
	switch {
	case freq == "":
		return nil, l.syntaxErr("rule without FREQ")
	case r.count > 0 && r.until != 0:
		return nil, l.syntaxErr("COUNT and UNTIL in one rule")
	}
	for _, bd := range r.days {
		switch {
		case bd.n != 0 && len(r.monthDays) > 0:
			return nil, l.unsupported("a numbered BYDAY with BYMONTHDAY")
		case bd.n != 0 && len(r.months) > 0 && (bd.n > 5 || bd.n < -5):
			return nil, l.syntaxErr(fmt.Sprintf("BYDAY %d: a month has at most 5 of a weekday", bd.n))
		}
	}
	return r, nil
}

// ruleInt parses the integer v of rule part k within [lo, hi].
func ruleInt(l contentLine, k, v string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, l.syntaxErr(fmt.Sprintf("%s=%s: want %d to %d", k, v, lo, hi))
	}
	return n, nil
}

// parseByDay parses a BYDAY item: [+|-][n]XX.
func parseByDay(l contentLine, s string) (byDay, error) {
	if len(s) < 2 {
		return byDay{}, l.syntaxErr(fmt.Sprintf("BYDAY %q: want a weekday such as MO or 4TH", s))
	}
	wd := slices.Index(weekdayCodes[:], s[len(s)-2:])
	if wd < 0 {
		return byDay{}, l.syntaxErr(fmt.Sprintf("BYDAY %q: want a weekday such as MO or 4TH", s))
	}
	bd := byDay{wd: time.Weekday(wd)}
	if num := s[:len(s)-2]; num != "" {
		n, err := strconv.Atoi(num)
		if err != nil || n == 0 || n < -53 || n > 53 || len(num) > 3 {
			return byDay{}, l.syntaxErr(fmt.Sprintf("BYDAY %q: want an ordinal 1 to 53 or -53 to -1", s))
		}
		bd.n = n
	}
	return bd, nil
}

// each calls yield with the occurrence starts of r for an event that starts
// on start, among the days [lo, hi), in order. start counts as the first
// occurrence (RFC 5545, COUNT). The work is a fixed amount per year between
// start's year and hi's (only from lo's year when there is no COUNT).
func (r *yearly) each(start, lo, hi date.Date, yield func(date.Date)) {
	if r.until != 0 && r.until < start {
		return
	}
	if start >= lo && start < hi {
		yield(start)
	}
	y0, first, last := start.Year(), start.Year(), hi.Year()
	if r.count == 0 && lo.Year() > y0 {
		k := (lo.Year() - y0 + r.interval - 1) / r.interval
		first = y0 + k*r.interval
	}
	if r.until != 0 {
		last = min(last, r.until.Year())
	}
	n := 1
	for y := first; y <= last; y += r.interval {
		for _, d := range r.inYear(y, start) {
			if d <= start {
				continue
			}
			if r.until != 0 && d > r.until {
				return
			}
			if n++; r.count > 0 && n > r.count {
				return
			}
			if d >= hi {
				return
			}
			if d >= lo {
				yield(d)
			}
		}
	}
}

// inYear returns the days of year y that r picks, sorted; start gives the
// month and day when the rule names none.
func (r *yearly) inYear(y int, start date.Date) []date.Date {
	var out []date.Date
	months := r.months
	if len(months) == 0 && (len(r.monthDays) > 0 || len(r.days) > 0) {
		months = []time.Month{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	}
	switch {
	case len(r.days) > 0 && len(r.months) == 0 && len(r.monthDays) == 0:
		for _, bd := range r.days {
			out = nth(out, date.New(y, time.January, 1), date.New(y, time.December, 31), bd)
		}
	case len(r.days) > 0 && len(r.monthDays) == 0:
		for _, m := range months {
			for _, bd := range r.days {
				out = nth(out, date.New(y, m, 1), date.New(y, m, daysIn(y, m)), bd)
			}
		}
	default:
		if len(months) == 0 {
			months = []time.Month{start.Month()}
		}
		mds := r.monthDays
		if len(mds) == 0 {
			mds = []int{start.Day()}
		}
		for _, m := range months {
			dim := daysIn(y, m)
			for _, md := range mds {
				if md < 0 {
					md += dim + 1
				}
				if md < 1 || md > dim {
					continue // 30 February, or 31 April: no occurrence
				}
				d := date.New(y, m, md)
				if len(r.days) > 0 && !slices.ContainsFunc(r.days, func(bd byDay) bool { return bd.wd == d.Weekday() }) {
					continue
				}
				out = append(out, d)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nth appends the days of [first, last] that bd picks: every wd, the nth,
// or the nth from the end.
func nth(out []date.Date, first, last date.Date, bd byDay) []date.Date {
	d0 := first + date.Date((int(bd.wd)-int(first.Weekday())+7)%7)
	switch {
	case bd.n == 0:
		for d := d0; d <= last; d += 7 {
			out = append(out, d)
		}
	case bd.n > 0:
		if d := d0 + date.Date(7*(bd.n-1)); d <= last {
			out = append(out, d)
		}
	default:
		dl := last - date.Date((int(last.Weekday())-int(bd.wd)+7)%7)
		if d := dl - date.Date(7*(-bd.n-1)); d >= first {
			out = append(out, d)
		}
	}
	return out
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
