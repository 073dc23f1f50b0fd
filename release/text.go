package release

import (
	"strconv"
	"strings"
	"time"

	"github.com/teamcadence/cadence/internal/tod"
)

// tokens splits s at spaces; a token that starts with a double quote runs to
// its closing quote, Go syntax, and comes back unquoted with quoted true.
func tokens(s string) (toks []string, quoted []bool, ok bool) {
	for {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			return toks, quoted, true
		}
		if s[0] == '"' {
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, nil, false
			}
			u, _ := strconv.Unquote(q)
			toks, quoted = append(toks, u), append(quoted, true)
			s = s[len(q):]
			continue
		}
		end := strings.IndexByte(s, ' ')
		if end < 0 {
			end = len(s)
		}
		toks, quoted = append(toks, s[:end]), append(quoted, false)
		s = s[end:]
	}
}

// kindList returns s as "blocker-fix,docs", or "none" when empty.
func kindList(s KindSet) string {
	if s == 0 {
		return "none"
	}
	return strings.Join(setNames(s, kindNames[:]), ",")
}

func parseKindList(s string) (KindSet, error) {
	if s == "none" {
		return 0, nil
	}
	var v KindSet
	for _, n := range strings.Split(s, ",") {
		k, err := ParseChangeKind(n)
		if err != nil {
			return 0, err
		}
		v |= 1 << k
	}
	return v, nil
}

// String returns the policy's text form, for example
//
//	freeze "Fleet 2024 freeze" from Tuesday 09:00 until 24:00 America/Los_Angeles deep 24h0m0s allow released-bug-fix,unreleased-bug-fix,blocker-fix,docs deep-allow unreleased-bug-fix,blocker-fix rule "R10"
//
// The zero Policy is "".
func (p Policy) String() string {
	if p.IsZero() {
		return ""
	}
	c := p.c
	s := c.Mode.String() + " " + strconv.Quote(c.Name) + " from " + c.Start.String() +
		" until " + tod.Format(c.Lift) + " " + c.Zone.String()
	if c.Deep != 0 {
		s += " deep " + c.Deep.String()
	}
	s += " allow " + kindList(c.Allow) + " deep-allow " + kindList(c.AllowDeep) + " rule " + strconv.Quote(c.Rule)
	return s
}

// ParsePolicy parses the text form String returns and validates it with
// NewPolicy. Zones are IANA names loaded with time.LoadLocation.
func ParsePolicy(s string) (Policy, error) {
	bad := func(why string) (Policy, error) { return Policy{}, configErr("policy", s, why, ErrSyntax) }
	t, q, ok := tokens(s)
	if !ok {
		return bad("unterminated quote")
	}
	if len(t) < 8 || !q[1] || t[2] != "from" {
		return bad(`want MODE "NAME" from WEEKDAY HH:MM [-Nw] until HH:MM ZONE ...`)
	}
	var c PolicyConfig
	if err := c.Mode.UnmarshalText([]byte(t[0])); err != nil {
		return Policy{}, err
	}
	c.Name = t[1]
	i := 5
	if t[5] != "until" {
		i = 6
	}
	if t[i] != "until" || i+2 >= len(t) {
		return bad(`want "until HH:MM ZONE" after the start`)
	}
	var err error
	if c.Start, err = ParseMoment(strings.Join(t[3:i], " ")); err != nil {
		return Policy{}, err
	}
	if c.Lift, err = tod.Parse(t[i+1]); err != nil {
		return bad(err.Error())
	}
	if q[i+2] {
		return Policy{}, configErr("zone", t[i+2], "want an IANA zone name, unquoted", ErrZone)
	}
	if c.Zone, err = loadZone("zone", t[i+2]); err != nil {
		return Policy{}, err
	}
	seen := map[string]bool{}
	for j := i + 3; j < len(t); j += 2 {
		key := t[j]
		if j+1 >= len(t) || seen[key] || q[j] {
			return bad("want KEY VALUE pairs, each key once: deep, allow, deep-allow, rule")
		}
		seen[key] = true
		v := t[j+1]
		switch {
		case key == "deep" && !q[j+1]:
			if c.Deep, err = time.ParseDuration(v); err != nil {
				return bad("deep: want a Go duration such as 24h")
			}
		case key == "allow" && !q[j+1]:
			if c.Allow, err = parseKindList(v); err != nil {
				return Policy{}, err
			}
		case key == "deep-allow" && !q[j+1]:
			if c.AllowDeep, err = parseKindList(v); err != nil {
				return Policy{}, err
			}
		case key == "rule" && q[j+1]:
			c.Rule = v
		default:
			return bad("unknown key " + strconv.Quote(key))
		}
	}
	return NewPolicy(c)
}

// MarshalText returns p.String().
func (p Policy) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText parses text with ParsePolicy; empty text gives the zero
// Policy.
func (p *Policy) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*p = Policy{}
		return nil
	}
	v, err := ParsePolicy(string(text))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// String returns the train's text form, for example
//
//	2024-03-06 every 3 weeks version 4.47.0 move later policy freeze "Fleet 2024 freeze" from ...
//
// leaving out version, move and policy when absent. The zero Train is "".
func (t Train) String() string {
	if t.IsZero() {
		return ""
	}
	s := t.first.String() + " every " + strconv.Itoa(t.Weeks()) + " weeks"
	if !t.version.IsZero() {
		s += " version " + t.version.String()
	}
	if t.move != Stay {
		s += " move " + t.move.String()
	}
	if p := t.Policy(); !p.IsZero() {
		s += " policy " + p.String()
	}
	return s
}

// ParseTrain parses the text form String returns and validates it as NewTrain
// does. A train with a move gets Monday to Friday as working days.
func ParseTrain(s string) (Train, error) {
	bad := func(why string) (Train, error) { return Train{}, configErr("train", s, why, ErrSyntax) }
	f := strings.SplitN(strings.TrimLeft(s, " "), " ", 5)
	if len(f) < 4 || f[1] != "every" || f[3] != "weeks" {
		return bad(`want "YYYY-MM-DD every N weeks ..."`)
	}
	first, err := parseDay(f[0])
	if err != nil {
		return Train{}, configErr("first", f[0], "want a day YYYY-MM-DD", ErrSyntax)
	}
	weeks, err := strconv.Atoi(f[2])
	if err != nil {
		return Train{}, configErr("weeks", f[2], "want a number", ErrWeeks)
	}
	var opts []Option
	rest := ""
	if len(f) == 5 {
		rest = f[4]
	}
	for rest != "" {
		key, val, _ := strings.Cut(rest, " ")
		if key == "policy" { // the policy takes the rest of the line
			p, err := ParsePolicy(val)
			if err != nil {
				return Train{}, err
			}
			opts = append(opts, WithPolicy(p))
			break
		}
		var v string
		v, rest, _ = strings.Cut(val, " ")
		switch key {
		case "version":
			ver, err := ParseVersion(v)
			if err != nil {
				return Train{}, err
			}
			opts = append(opts, WithVersion(ver))
		case "move":
			var m Move
			if err := m.UnmarshalText([]byte(v)); err != nil {
				return Train{}, err
			}
			opts = append(opts, WithWorkdays(nil, m))
		default:
			return bad("unknown key " + strconv.Quote(key))
		}
	}
	return NewTrain(first, weeks, opts...)
}

// MarshalText returns t.String(). JSON encodes a Train with MarshalJSON.
func (t Train) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText parses text with ParseTrain; empty text gives the zero Train.
func (t *Train) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*t = Train{}
		return nil
	}
	v, err := ParseTrain(string(text))
	if err != nil {
		return err
	}
	*t = v
	return nil
}
