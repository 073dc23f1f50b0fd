package sprint

import (
	"strconv"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
)

type ruleKind uint8

const (
	ruleNone ruleKind = iota
	ruleFirst
	ruleLast
	ruleEachWeek
	ruleEveryWorkday
	ruleDay
)

// A DayRule picks the days of a sprint on which a ceremony is planned (R7):
// the first Monday, the last Friday, a weekday of each week, every working
// day, or the nth day. Build one with FirstWeekday, LastWeekday, EachWeek,
// EveryWorkday or DayOfSprint, or parse one with ParseDayRule. (release's
// Rule is another idea: a classification rule.)
//
// DayRules are comparable with ==. The zero DayRule is not valid and picks
// no day.
type DayRule struct {
	kind    ruleKind
	weekday time.Weekday
	n       int
}

// FirstWeekday returns the rule for the first wd of the sprint (R7: planning
// on the first Monday).
func FirstWeekday(wd time.Weekday) DayRule { return DayRule{kind: ruleFirst, weekday: wd} }

// LastWeekday returns the rule for the last wd of the sprint (R7: demo and
// retrospective on the last Friday).
func LastWeekday(wd time.Weekday) DayRule { return DayRule{kind: ruleLast, weekday: wd} }

// EachWeek returns the rule for wd in each week of the sprint, counting weeks
// from the sprint's first day, so a three-week sprint has three (R7:
// estimation once a week, three per sprint).
func EachWeek(wd time.Weekday) DayRule { return DayRule{kind: ruleEachWeek, weekday: wd} }

// EveryWorkday returns the rule for every working day of the sprint (R7: the
// daily stand-up). Its days are working days by definition, so a Move never
// applies to it.
func EveryWorkday() DayRule { return DayRule{kind: ruleEveryWorkday} }

// DayOfSprint returns the rule for the nth day of the sprint, 1 being its
// first day.
func DayOfSprint(n int) DayRule { return DayRule{kind: ruleDay, n: n} }

// IsValid reports whether r was built by one of the constructors with a
// weekday in Sunday to Saturday, or a day number of at least 1.
func (r DayRule) IsValid() bool {
	switch r.kind {
	case ruleFirst, ruleLast, ruleEachWeek:
		return r.weekday >= time.Sunday && r.weekday <= time.Saturday
	case ruleEveryWorkday:
		return true
	case ruleDay:
		return r.n >= 1
	}
	return false
}

// String returns the text form: "first Monday", "last Friday", "each
// Tuesday", "every workday" or "day 3"; the zero DayRule gives "".
func (r DayRule) String() string {
	if !r.IsValid() {
		if r.kind == ruleNone {
			return ""
		}
		return "DayRule(invalid)"
	}
	switch r.kind {
	case ruleFirst:
		return "first " + r.weekday.String()
	case ruleLast:
		return "last " + r.weekday.String()
	case ruleEachWeek:
		return "each " + r.weekday.String()
	case ruleEveryWorkday:
		return "every workday"
	}
	return "day " + strconv.Itoa(r.n)
}

// ParseDayRule parses the text String returns. Weekday names are English,
// capitalised or not. Errors wrap ErrRule.
func ParseDayRule(s string) (DayRule, error) {
	bad := &ConfigError{Field: "rule", Value: s, Err: ErrRule,
		Reason: `want "first Monday", "last Friday", "each Thursday", "every workday" or "day N" (N >= 1)`}
	word, arg, _ := strings.Cut(s, " ")
	var r DayRule
	switch word {
	case "first", "last", "each":
		wd, ok := parseWeekday(arg)
		if !ok {
			return DayRule{}, bad
		}
		switch word {
		case "first":
			r = FirstWeekday(wd)
		case "last":
			r = LastWeekday(wd)
		default:
			r = EachWeek(wd)
		}
	case "every":
		if arg != "workday" {
			return DayRule{}, bad
		}
		r = EveryWorkday()
	case "day":
		n, err := strconv.Atoi(arg)
		if !isDecimal(arg) || err != nil || n < 1 {
			return DayRule{}, bad
		}
		r = DayOfSprint(n)
	default:
		return DayRule{}, bad
	}
	return r, nil
}

// parseWeekday parses an English weekday name such as "Monday" or "monday".
func parseWeekday(s string) (time.Weekday, bool) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		if strings.EqualFold(s, wd.String()) {
			return wd, true
		}
	}
	return 0, false
}

// MarshalText implements encoding.TextMarshaler; the zero DayRule gives empty
// text and another invalid DayRule an error.
func (r DayRule) MarshalText() ([]byte, error) {
	if r.kind != ruleNone && !r.IsValid() {
		return nil, &ConfigError{Field: "rule", Value: r.String(), Err: ErrRule, Reason: "not built by a DayRule constructor"}
	}
	return []byte(r.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseDayRule; empty
// text gives the zero DayRule.
func (r *DayRule) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*r = DayRule{}
		return nil
	}
	v, err := ParseDayRule(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// planned appends to dst the days of s that r picks, in order; w decides
// working days for EveryWorkday.
func (r DayRule) planned(dst []date.Date, s Sprint, w Workdays) []date.Date {
	if s.End <= s.Start {
		return dst
	}
	switch r.kind {
	case ruleFirst:
		if d := onOrAfter(s.Start, r.weekday); d < s.End {
			dst = append(dst, d)
		}
	case ruleLast:
		if d := onOrBefore(s.Last(), r.weekday); d >= s.Start {
			dst = append(dst, d)
		}
	case ruleEachWeek:
		for wk := s.Start; wk < s.End; wk += 7 {
			if d := onOrAfter(wk, r.weekday); d < s.End {
				dst = append(dst, d)
			}
		}
	case ruleEveryWorkday:
		for d := s.Start; d < s.End; d++ {
			if isWorkday(w, d) {
				dst = append(dst, d)
			}
		}
	case ruleDay:
		if r.n <= s.Days() {
			dst = append(dst, s.Start+date.Date(r.n-1))
		}
	}
	return dst
}

// onOrAfter returns the first day on or after d that falls on wd.
func onOrAfter(d date.Date, wd time.Weekday) date.Date {
	return d + date.Date((int(wd)-int(d.Weekday())+7)%7)
}

// onOrBefore returns the last day on or before d that falls on wd.
func onOrBefore(d date.Date, wd time.Weekday) date.Date {
	return d - date.Date((int(d.Weekday())-int(wd)+7)%7)
}
