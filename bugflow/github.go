package bugflow

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// A Skipped names an input issue DecodeGitHub left out, and why: it is a
// pull request, or it is not a bug.
type Skipped struct {
	Index  int    // position in the input array
	Number int    // the issue's number
	Reason string // such as "pull request" or "not a bug: no label bug"
}

// ghIssue mirrors one element of gh issue list --json output. Pointers tell
// a missing or null field from a zero one.
type ghIssue struct {
	Number        *int        `json:"number"`
	Title         *string     `json:"title"`
	State         *string     `json:"state"`
	Labels        []ghNamed   `json:"labels"`
	Assignees     []ghNamed   `json:"assignees"`
	CreatedAt     *string     `json:"createdAt"`
	ClosedAt      *string     `json:"closedAt"`
	UpdatedAt     *string     `json:"updatedAt"`
	Comments      []ghComment `json:"comments"`
	ProjectItems  []ghItem    `json:"projectItems"`
	URL           *string     `json:"url"`
	IsPullRequest *bool       `json:"isPullRequest"`
	PullRequest   *ghAnything `json:"pull_request"`
}

type ghNamed struct {
	Name  *string `json:"name"`
	Login *string `json:"login"`
}

type ghComment struct {
	CreatedAt *string `json:"createdAt"`
}

type ghItem struct {
	Title  *string `json:"title"`
	Status *struct {
		Name string `json:"name"`
	} `json:"status"`
}

// ghAnything accepts any JSON value; only its presence matters.
type ghAnything struct{}

// UnmarshalJSON accepts any value.
func (*ghAnything) UnmarshalJSON([]byte) error { return nil }

// ghFields are the fields of ghIssue with what each must be, in the order
// errors are looked for.
var ghFields = [...]struct {
	name string
	want string
	into func() any
}{
	{"number", "want an integer", func() any { return new(int) }},
	{"title", "want a string", func() any { return new(string) }},
	{"state", "want a string", func() any { return new(string) }},
	{"createdAt", "want an RFC 3339 string", func() any { return new(string) }},
	{"closedAt", "want an RFC 3339 string", func() any { return new(string) }},
	{"updatedAt", "want an RFC 3339 string", func() any { return new(string) }},
	{"labels", `want an array of {"name": ...}`, func() any { return new([]ghNamed) }},
	{"assignees", `want an array of {"login": ...}`, func() any { return new([]ghNamed) }},
	{"projectItems", `want an array of {"title": ..., "status": {"name": ...}}`, func() any { return new([]ghItem) }},
	{"comments", `want an array of {"createdAt": ...}`, func() any { return new([]ghComment) }},
	{"url", "want a string", func() any { return new(string) }},
	{"isPullRequest", "want a boolean", func() any { return new(bool) }},
}

// DecodeGitHub decodes the JSON that
//
//	gh issue list --json number,title,state,labels,assignees,createdAt,closedAt,projectItems
//
// prints: an array of issues. It does no I/O. Unknown fields are ignored.
// Two optional fields are used when present: "comments" (the newest
// comment's createdAt) and otherwise "updatedAt" set Issue.LastContact,
// which the R19 reporter clock counts from. The "state" field decides
// whether an issue is closed; without it, a "closedAt" does.
//
// Only bugs are returned: an issue is a bug when it carries one of bugLabels
// (default "bug"; a name ending in "*" is a prefix). Pull requests (an
// "isPullRequest": true, a "pull_request" object, or a url containing
// "/pull/") and non-bugs are returned in skipped with the reason, in input
// order.
//
// Malformed input returns a *DecodeError naming the issue's index, its
// number when known, and the field; a number seen twice returns a
// *DecodeError that wraps ErrDuplicate. "number" and "createdAt" are
// required, numbers must be positive, and "state" must be OPEN or CLOSED
// (any case).
func DecodeGitHub(data []byte, bugLabels ...string) (issues []Issue, skipped []Skipped, err error) {
	if isNull(data) {
		return nil, nil, &DecodeError{Index: -1, Err: errors.New("empty input or null, want a JSON array")}
	}
	var gs []ghIssue
	if err := json.Unmarshal(data, &gs); err != nil {
		return nil, nil, explain(data, err)
	}
	if len(bugLabels) == 0 {
		bugLabels = []string{"bug"}
	}
	bugs := make([]pattern, len(bugLabels))
	for i, b := range bugLabels {
		bugs[i] = compilePattern(b)
	}
	notBug := "not a bug: no label " + strings.Join(bugLabels, ", ")
	seen := make(map[int]int, len(gs))
	issues = make([]Issue, 0, len(gs))
	for i := range gs {
		is, pr, err := convert(i, &gs[i])
		if err != nil {
			return nil, nil, err
		}
		if j, dup := seen[is.Number]; dup {
			return nil, nil, &DecodeError{Index: i, Number: is.Number, Field: "number", Value: fmt.Sprint(is.Number),
				Err: fmt.Errorf("%w (first at index %d)", ErrDuplicate, j)}
		}
		seen[is.Number] = i
		switch {
		case pr:
			skipped = append(skipped, Skipped{Index: i, Number: is.Number, Reason: "pull request"})
		case !hasAny(is.Labels, bugs):
			skipped = append(skipped, Skipped{Index: i, Number: is.Number, Reason: notBug})
		default:
			issues = append(issues, is)
		}
	}
	return issues, skipped, nil
}

// explain turns a failed decode of the whole document into a DecodeError
// that names the issue and the field, by decoding again piece by piece.
func explain(data []byte, cause error) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return &DecodeError{Index: -1, Err: fmt.Errorf("want a JSON array of issues: %w", err)}
	}
	for i, r := range raw {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(r, &fields); err != nil || fields == nil {
			return &DecodeError{Index: i, Value: clipValue(r), Err: errors.New("want a JSON object")}
		}
		number := 0
		if v, ok := lookup(fields, "number"); ok {
			_ = json.Unmarshal(v, &number)
		}
		for _, f := range ghFields {
			v, ok := lookup(fields, f.name)
			if !ok || isNull(v) {
				continue
			}
			if err := json.Unmarshal(v, f.into()); err != nil {
				return &DecodeError{Index: i, Number: max(number, 0), Field: f.name, Value: clipValue(v), Err: errors.New(f.want)}
			}
		}
	}
	return &DecodeError{Index: -1, Err: cause}
}

// lookup finds a field as encoding/json does: an exact match first, else
// one that matches ignoring case.
func lookup(fields map[string]json.RawMessage, name string) (json.RawMessage, bool) {
	if v, ok := fields[name]; ok {
		return v, true
	}
	for k, v := range fields {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// clipValue is clip of a raw JSON value without its surrounding space.
func clipValue(raw []byte) string { return clip(string(bytes.TrimSpace(raw))) }

// clip shortens an offending value to 64 bytes for a DecodeError.
func clip(v string) string {
	if len(v) > 64 {
		return v[:64] + "..."
	}
	return v
}

func hasAny(labels []string, ps []pattern) bool {
	for _, l := range labels {
		for _, p := range ps {
			if p.match(trim(l)) {
				return true
			}
		}
	}
	return false
}

// convert checks one decoded element and builds its Issue; pr reports a
// pull request.
func convert(i int, g *ghIssue) (is Issue, pr bool, err error) {
	fail := func(field, value string, err error) (Issue, bool, error) {
		return Issue{}, false, &DecodeError{Index: i, Number: is.Number, Field: field, Value: clip(value), Err: err}
	}
	if g.Number == nil {
		return fail("number", "", errors.New("missing"))
	}
	if *g.Number <= 0 {
		return fail("number", fmt.Sprint(*g.Number), errors.New("want a positive integer"))
	}
	is.Number = *g.Number
	if g.Title != nil {
		is.Title = *g.Title
	}
	if is.Created, err = parseTime(g.CreatedAt); err != nil || is.Created.IsZero() {
		if err == nil {
			err = errors.New("missing")
		}
		return fail("createdAt", deref(g.CreatedAt), err)
	}
	if is.ClosedAt, err = parseTime(g.ClosedAt); err != nil {
		return fail("closedAt", deref(g.ClosedAt), err)
	}
	is.Closed = !is.ClosedAt.IsZero()
	if g.State != nil {
		switch s := *g.State; {
		case strings.EqualFold(s, "open"):
			is.Closed = false
		case strings.EqualFold(s, "closed"):
			is.Closed = true
		default:
			return fail("state", s, errors.New("want OPEN or CLOSED"))
		}
	}
	var k int
	if is.Labels, k = names(g.Labels, func(n ghNamed) *string { return n.Name }); k >= 0 {
		return fail(fmt.Sprintf("labels[%d].name", k), deref(g.Labels[k].Name), errors.New("missing or empty"))
	}
	if is.Assignees, k = names(g.Assignees, func(n ghNamed) *string { return n.Login }); k >= 0 {
		return fail(fmt.Sprintf("assignees[%d].login", k), deref(g.Assignees[k].Login), errors.New("missing or empty"))
	}
	if len(g.ProjectItems) > 0 {
		is.Boards = make([]BoardItem, 0, len(g.ProjectItems))
	}
	for k, it := range g.ProjectItems {
		if it.Title == nil || trim(*it.Title) == "" {
			return fail(fmt.Sprintf("projectItems[%d].title", k), deref(it.Title), errors.New("missing or empty"))
		}
		b := BoardItem{Board: *it.Title}
		if it.Status != nil {
			b.Column = it.Status.Name
		}
		is.Boards = append(is.Boards, b)
	}
	for k, c := range g.Comments {
		t, err := parseTime(c.CreatedAt)
		if err != nil {
			return fail(fmt.Sprintf("comments[%d].createdAt", k), deref(c.CreatedAt), err)
		}
		if t.After(is.LastContact) {
			is.LastContact = t
		}
	}
	if is.LastContact.IsZero() {
		if is.LastContact, err = parseTime(g.UpdatedAt); err != nil {
			return fail("updatedAt", deref(g.UpdatedAt), err)
		}
	}
	pr = (g.IsPullRequest != nil && *g.IsPullRequest) || g.PullRequest != nil ||
		(g.URL != nil && strings.Contains(*g.URL, "/pull/"))
	return is, pr, nil
}

// names returns the name (or login, as get picks) of each element, nil for
// none; k is the index of the first missing or blank one, -1 when all are
// set.
func names(ns []ghNamed, get func(ghNamed) *string) (out []string, k int) {
	if len(ns) > 0 {
		out = make([]string, 0, len(ns))
	}
	for k, n := range ns {
		v := get(n)
		if v == nil || trim(*v) == "" {
			return nil, k
		}
		out = append(out, *v)
	}
	return out, -1
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func isNull(r []byte) bool {
	t := bytes.TrimSpace(r)
	return len(t) == 0 || bytes.Equal(t, []byte("null"))
}

// parseTime reads an RFC 3339 time; nil, "" and GitHub's
// "0001-01-01T00:00:00Z" are the zero time.
func parseTime(s *string) (time.Time, error) {
	if s == nil || *s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, *s)
	if err != nil {
		return time.Time{}, errors.New("want an RFC 3339 time such as 2024-03-06T09:00:00Z")
	}
	if t.Year() <= 1 {
		return time.Time{}, nil
	}
	return t, nil
}
