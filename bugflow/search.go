package bugflow

import (
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date/v2"
)

// A Status restricts a Match to open or closed issues. The zero Status
// matches both.
type Status string

const (
	// StatusAny matches open and closed issues.
	StatusAny Status = ""
	// StatusOpen matches open issues only (is:open).
	StatusOpen Status = "open"
	// StatusClosed matches closed issues only (is:closed).
	StatusClosed Status = "closed"
)

// A DateFilter restricts the day of an instant, as GitHub's created: and
// closed: qualifiers do: Op is ">=", ">", "<=", "<" or "=" (the day itself),
// and "" for no restriction. Days are UTC days, as GitHub's search reads a
// bare date. A zero instant (never closed) passes no filter. == works.
type DateFilter struct {
	Op  string
	Day date.Date
}

// IsZero reports whether the filter restricts nothing.
func (f DateFilter) IsZero() bool { return f.Op == "" }

// String returns the qualifier's value: ">=2024-03-04", or the bare day for
// "=".
func (f DateFilter) String() string {
	if f.Op == "" {
		return ""
	}
	if f.Op == "=" {
		return f.Day.String()
	}
	return f.Op + f.Day.String()
}

// A Match is a filter over one issue, written as a GitHub issue search
// (ParseMatch reads one, String writes it back): every condition that is set
// must hold; unset conditions match anything.
//
// Labels, logins, columns and board titles compare case-insensitively
// (ASCII letters) and trimmed, as GitHub's search does. A label ending in
// "*" is a prefix ("#g-*" matches every group label), bugflow's one
// extension of GitHub's label syntax. Projects are named as GitHub names
// them, "OWNER/NUMBER"; the scheme's board table gives each its title, which
// is what gh's JSON carries. Roles and columns are the scheme's own
// qualifiers: GitHub's search sees neither.
//
// Match holds slices: compare Matches with reflect.DeepEqual, not ==.
type Match struct {
	Issue  bool   // is:issue; every Issue is one (DecodeGitHub skips pull requests)
	Status Status // is:open or is:closed

	Labels    []string   // label:x, each one present
	AnyLabels [][]string // label:a,b, at least one of each group present
	NotLabels []string   // -label:x, none present
	NoLabel   bool       // no:label

	Assignees    []string // assignee:login, each one assigned
	NotAssignees []string // -assignee:login, none assigned
	NoAssignee   bool     // no:assignee

	Roles    []string // role:qa, someone with the role assigned
	NotRoles []string // -role:qa, nobody with the role assigned

	Projects    []string // project:OWNER/N, on each board
	NotProjects []string // -project:OWNER/N, on none of them
	NoProject   bool     // no:project

	// Columns (column:a,b) requires the issue to be in one of these
	// columns of the board of its only project: qualifier; "" stands for
	// the board with no column set (column:"").
	Columns []string

	Created DateFilter // created:>=YYYY-MM-DD
	Closed  DateFilter // closed:>=YYYY-MM-DD
}

// The qualifiers ParseMatch knows, for error messages.
const knownQualifiers = "is:, label:, no:, assignee:, role:, project:, column:, created:, closed:"

// ParseMatch parses a GitHub issue search: qualifiers separated by spaces,
// "-" before one negates it, values with spaces or commas are quoted
// (label:"~more info needed", project titles with emoji). It reads is:open,
// is:closed, is:issue, label:x, label:a,b (any of), -label:x, no:label,
// assignee:x, -assignee:x, no:assignee, project:OWNER/N, -project:OWNER/N,
// no:project, created: and closed: with >=, >, <=, < or a bare
// YYYY-MM-DD, and the scheme's own role:r, -role:r and column:a,b (see
// Match). Free text, unknown qualifiers and unsupported negations are a
// *ConfigError matching ErrSyntax that names them.
func ParseMatch(search string) (Match, error) {
	var m Match
	p := searchParser{s: search}
	for {
		p.space()
		if p.i >= len(p.s) {
			break
		}
		start := p.i
		neg := p.s[p.i] == '-'
		if neg {
			p.i++
		}
		k := p.i
		for p.i < len(p.s) && p.s[p.i] != ':' && !isSpace(p.s[p.i]) {
			p.i++
		}
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return Match{}, syntaxErr(p.s[start:p.i], "free text: bugflow reads qualifiers only ("+knownQualifiers+")")
		}
		key := strings.ToLower(p.s[k:p.i])
		p.i++
		vals, err := p.values()
		if err != nil {
			return Match{}, err
		}
		term := p.s[start:p.i]
		if err := m.add(key, neg, vals, term); err != nil {
			return Match{}, err
		}
	}
	if err := m.validate(""); err != nil {
		return Match{}, err
	}
	return m, nil
}

// MustParseMatch is like ParseMatch but panics on error. It is intended for
// use in tests and with hard-coded searches.
func MustParseMatch(search string) Match {
	m, err := ParseMatch(search)
	if err != nil {
		panic(err)
	}
	return m
}

func syntaxErr(value, reason string) *ConfigError {
	return &ConfigError{Value: value, Reason: reason, Err: ErrSyntax}
}

type searchParser struct {
	s string
	i int
}

func (p *searchParser) space() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

// values reads a comma-separated list of plain or quoted values.
func (p *searchParser) values() ([]string, error) {
	var out []string
	for {
		start := p.i
		if p.i < len(p.s) && p.s[p.i] == '"' {
			end := strings.IndexByte(p.s[p.i+1:], '"')
			if end < 0 {
				return nil, syntaxErr(p.s[start:], "unterminated quote")
			}
			out = append(out, p.s[p.i+1:p.i+1+end])
			p.i += end + 2
		} else {
			for p.i < len(p.s) && !isSpace(p.s[p.i]) && p.s[p.i] != ',' && p.s[p.i] != '"' {
				p.i++
			}
			if p.i == start {
				return nil, syntaxErr(p.s[max(0, start-1):min(len(p.s), start+1)], "empty value: quote it (\"\") where an empty name is meant")
			}
			out = append(out, p.s[start:p.i])
		}
		if p.i >= len(p.s) || isSpace(p.s[p.i]) {
			return out, nil
		}
		if p.s[p.i] != ',' {
			return nil, syntaxErr(p.s[start:min(len(p.s), p.i+1)], "want a space or a comma after a value")
		}
		p.i++
	}
}

func (m *Match) add(key string, neg bool, vals []string, term string) error {
	one := func() (string, error) {
		if len(vals) != 1 {
			return "", syntaxErr(term, key+": takes one value")
		}
		return vals[0], nil
	}
	noNeg := func() error {
		if neg {
			return syntaxErr(term, "-"+key+": cannot be negated")
		}
		return nil
	}
	switch key {
	case "is":
		if err := noNeg(); err != nil {
			return err
		}
		v, err := one()
		if err != nil {
			return err
		}
		switch strings.ToLower(v) {
		case "issue":
			m.Issue = true
		case "open", "closed":
			st := Status(strings.ToLower(v))
			if m.Status != StatusAny && m.Status != st {
				return syntaxErr(term, "both is:open and is:closed")
			}
			m.Status = st
		default:
			return syntaxErr(term, "is: takes open, closed or issue")
		}
	case "no":
		if err := noNeg(); err != nil {
			return err
		}
		v, err := one()
		if err != nil {
			return err
		}
		switch strings.ToLower(v) {
		case "label":
			m.NoLabel = true
		case "assignee":
			m.NoAssignee = true
		case "project":
			m.NoProject = true
		default:
			return syntaxErr(term, "no: takes label, assignee or project")
		}
	case "label":
		switch {
		case neg:
			m.NotLabels = append(m.NotLabels, vals...)
		case len(vals) == 1:
			m.Labels = append(m.Labels, vals[0])
		default:
			m.AnyLabels = append(m.AnyLabels, vals)
		}
	case "assignee", "role", "project":
		v, err := one()
		if err != nil {
			return err
		}
		dst := map[string][2]*[]string{
			"assignee": {&m.Assignees, &m.NotAssignees},
			"role":     {&m.Roles, &m.NotRoles},
			"project":  {&m.Projects, &m.NotProjects},
		}[key]
		i := 0
		if neg {
			i = 1
		}
		*dst[i] = append(*dst[i], v)
	case "column":
		if err := noNeg(); err != nil {
			return err
		}
		if m.Columns != nil {
			return syntaxErr(term, "column: given twice: list the columns in one, column:a,b")
		}
		m.Columns = vals
	case "created", "closed":
		if err := noNeg(); err != nil {
			return err
		}
		v, err := one()
		if err != nil {
			return err
		}
		f, err := parseDateFilter(v)
		if err != nil {
			return syntaxErr(term, err.Error())
		}
		dst := &m.Created
		if key == "closed" {
			dst = &m.Closed
		}
		if !dst.IsZero() {
			return syntaxErr(term, key+": given twice")
		}
		*dst = f
	default:
		return syntaxErr(term, fmt.Sprintf("unknown qualifier %q (known: %s)", key+":", knownQualifiers))
	}
	return nil
}

func parseDateFilter(v string) (DateFilter, error) {
	f := DateFilter{Op: "="}
	for _, op := range []string{">=", "<=", ">", "<"} {
		if strings.HasPrefix(v, op) {
			f.Op, v = op, v[len(op):]
			break
		}
	}
	if len(v) != len("2006-01-02") {
		return DateFilter{}, fmt.Errorf("want >=, >, <=, < or nothing before a day YYYY-MM-DD")
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return DateFilter{}, fmt.Errorf("want a day YYYY-MM-DD after the comparison")
	}
	f.Day = date.NewAt(t)
	return f, nil
}

// validate checks what ParseMatch cannot produce and Go code can: empty or
// unwritable names, any-of groups of fewer than two, columns without
// exactly one project, malformed project references.
func (m Match) validate(field string) error {
	at := func(sub string) string { return joinPath(field, sub) }
	switch m.Status {
	case StatusAny, StatusOpen, StatusClosed:
	default:
		return &ConfigError{Field: at("status"), Value: string(m.Status), Reason: `want "open", "closed" or ""`, Err: ErrSyntax}
	}
	names := func(sub string, xs []string, emptyOK bool) error {
		for i, x := range xs {
			f := fmt.Sprintf("%s[%d]", at(sub), i)
			if !emptyOK && trim(x) == "" {
				return &ConfigError{Field: f, Value: x, Reason: "empty name", Err: ErrSyntax}
			}
			if strings.ContainsRune(x, '"') {
				return &ConfigError{Field: f, Value: x, Reason: "a name with a double quote cannot be written as a search", Err: ErrSyntax}
			}
		}
		return nil
	}
	for _, x := range []struct {
		sub string
		xs  []string
	}{{"labels", m.Labels}, {"notLabels", m.NotLabels}, {"assignees", m.Assignees}, {"notAssignees", m.NotAssignees},
		{"roles", m.Roles}, {"notRoles", m.NotRoles}, {"projects", m.Projects}, {"notProjects", m.NotProjects}} {
		if err := names(x.sub, x.xs, false); err != nil {
			return err
		}
	}
	for i, g := range m.AnyLabels {
		sub := fmt.Sprintf("anyLabels[%d]", i)
		if len(g) < 2 {
			return &ConfigError{Field: at(sub), Value: strings.Join(g, ","), Reason: "an any-of group needs two labels or more; put one label in labels", Err: ErrSyntax}
		}
		if err := names(sub, g, false); err != nil {
			return err
		}
	}
	if err := names("columns", m.Columns, true); err != nil {
		return err
	}
	for i, p := range m.Projects {
		if err := checkProjectRef(fmt.Sprintf("%s[%d]", at("projects"), i), p); err != nil {
			return err
		}
	}
	for i, p := range m.NotProjects {
		if err := checkProjectRef(fmt.Sprintf("%s[%d]", at("notProjects"), i), p); err != nil {
			return err
		}
	}
	if m.Columns != nil && len(m.Columns) == 0 {
		return &ConfigError{Field: at("columns"), Value: "", Reason: "an empty column list: leave it nil, or list \"\" for no column", Err: ErrSyntax}
	}
	if m.Columns != nil && len(m.Projects) != 1 {
		return &ConfigError{Field: at("columns"), Value: strings.Join(m.Columns, ","), Reason: "column: needs exactly one project: to say whose columns", Err: ErrSyntax}
	}
	for _, d := range []struct {
		sub string
		f   DateFilter
	}{{"created", m.Created}, {"closed", m.Closed}} {
		switch d.f.Op {
		case "":
		case ">=", ">", "<=", "<", "=":
			if y := d.f.Day.Year(); y < 1 || y > 9999 {
				return &ConfigError{Field: at(d.sub), Value: d.f.String(), Reason: "want a year from 1 to 9999", Err: ErrSyntax}
			}
		default:
			return &ConfigError{Field: at(d.sub), Value: d.f.Op, Reason: `want ">=", ">", "<=", "<", "=" or ""`, Err: ErrSyntax}
		}
	}
	return nil
}

// checkProjectRef checks that ref reads OWNER/NUMBER.
func checkProjectRef(field, ref string) error {
	owner, num, ok := strings.Cut(trim(ref), "/")
	valid := ok && owner != "" && num != "" && !strings.ContainsAny(owner, " \t/")
	for i := 0; valid && i < len(num); i++ {
		valid = num[i] >= '0' && num[i] <= '9'
	}
	if !valid {
		return &ConfigError{Field: field, Value: ref, Reason: "want a project as GitHub names it, OWNER/NUMBER such as fleetdm/40", Err: ErrSyntax}
	}
	return nil
}

// String writes the match as a GitHub search that ParseMatch reads back to
// an equal Match: is:, label:, -label:, no:label, assignee:, -assignee:,
// no:assignee, role:, -role:, project:, -project:, no:project, column:,
// created:, closed:, in that order, each field's values in their order.
// The zero Match writes "".
func (m Match) String() string {
	var b strings.Builder
	term := func(neg bool, key string, vals ...string) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if neg {
			b.WriteByte('-')
		}
		b.WriteString(key)
		b.WriteByte(':')
		for i, v := range vals {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(quote(v))
		}
	}
	if m.Issue {
		term(false, "is", "issue")
	}
	if m.Status != StatusAny {
		term(false, "is", string(m.Status))
	}
	for _, l := range m.Labels {
		term(false, "label", l)
	}
	for _, g := range m.AnyLabels {
		term(false, "label", g...)
	}
	for _, l := range m.NotLabels {
		term(true, "label", l)
	}
	if m.NoLabel {
		term(false, "no", "label")
	}
	for _, a := range m.Assignees {
		term(false, "assignee", a)
	}
	for _, a := range m.NotAssignees {
		term(true, "assignee", a)
	}
	if m.NoAssignee {
		term(false, "no", "assignee")
	}
	for _, r := range m.Roles {
		term(false, "role", r)
	}
	for _, r := range m.NotRoles {
		term(true, "role", r)
	}
	for _, p := range m.Projects {
		term(false, "project", p)
	}
	for _, p := range m.NotProjects {
		term(true, "project", p)
	}
	if m.NoProject {
		term(false, "no", "project")
	}
	if m.Columns != nil {
		term(false, "column", m.Columns...)
	}
	if !m.Created.IsZero() {
		term(false, "created", m.Created.String())
	}
	if !m.Closed.IsZero() {
		term(false, "closed", m.Closed.String())
	}
	return b.String()
}

// quote returns v as a search value: bare when it can be, else quoted.
func quote(v string) string {
	if v == "" || strings.ContainsAny(v, " \t\n\r,\"") {
		return `"` + v + `"`
	}
	return v
}

// MarshalText returns String's text.
func (m Match) MarshalText() ([]byte, error) {
	if err := m.validate(""); err != nil {
		return nil, err
	}
	return []byte(m.String()), nil
}

// UnmarshalText parses a search with ParseMatch.
func (m *Match) UnmarshalText(b []byte) error {
	x, err := ParseMatch(string(b))
	if err != nil {
		return err
	}
	*m = x
	return nil
}

func (m Match) clone() Match {
	c := m
	c.Labels = cloneStrings(m.Labels)
	c.NotLabels = cloneStrings(m.NotLabels)
	c.Assignees = cloneStrings(m.Assignees)
	c.NotAssignees = cloneStrings(m.NotAssignees)
	c.Roles = cloneStrings(m.Roles)
	c.NotRoles = cloneStrings(m.NotRoles)
	c.Projects = cloneStrings(m.Projects)
	c.NotProjects = cloneStrings(m.NotProjects)
	c.Columns = cloneStrings(m.Columns)
	if m.AnyLabels != nil {
		c.AnyLabels = make([][]string, len(m.AnyLabels))
		for i, g := range m.AnyLabels {
			c.AnyLabels[i] = cloneStrings(g)
		}
	}
	return c
}

// cloneStrings copies xs, keeping nil nil and empty empty.
func cloneStrings(xs []string) []string {
	if xs == nil {
		return nil
	}
	return append(make([]string, 0, len(xs)), xs...)
}

// And returns a Match that requires both m and o: lists are joined, flags
// or-ed; o's status and dates win where o sets them.
func (m Match) And(o Match) Match {
	c := m.clone()
	o = o.clone()
	c.Issue = c.Issue || o.Issue
	if o.Status != StatusAny {
		c.Status = o.Status
	}
	c.Labels = append(c.Labels, o.Labels...)
	c.AnyLabels = append(c.AnyLabels, o.AnyLabels...)
	c.NotLabels = append(c.NotLabels, o.NotLabels...)
	c.NoLabel = c.NoLabel || o.NoLabel
	c.Assignees = append(c.Assignees, o.Assignees...)
	c.NotAssignees = append(c.NotAssignees, o.NotAssignees...)
	c.NoAssignee = c.NoAssignee || o.NoAssignee
	c.Roles = append(c.Roles, o.Roles...)
	c.NotRoles = append(c.NotRoles, o.NotRoles...)
	c.Projects = append(c.Projects, o.Projects...)
	c.NotProjects = append(c.NotProjects, o.NotProjects...)
	c.NoProject = c.NoProject || o.NoProject
	if o.Columns != nil {
		c.Columns = o.Columns
	}
	if !o.Created.IsZero() {
		c.Created = o.Created
	}
	if !o.Closed.IsZero() {
		c.Closed = o.Closed
	}
	return c
}
