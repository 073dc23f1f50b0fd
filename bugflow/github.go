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

// ghIssue mirrors one element of gh issue list --json output; every field is
// decoded separately so that errors can name it.
type ghIssue struct {
	Number        json.RawMessage `json:"number"`
	Title         json.RawMessage `json:"title"`
	State         json.RawMessage `json:"state"`
	Labels        json.RawMessage `json:"labels"`
	Assignees     json.RawMessage `json:"assignees"`
	CreatedAt     json.RawMessage `json:"createdAt"`
	ClosedAt      json.RawMessage `json:"closedAt"`
	UpdatedAt     json.RawMessage `json:"updatedAt"`
	Comments      json.RawMessage `json:"comments"`
	ProjectItems  json.RawMessage `json:"projectItems"`
	URL           json.RawMessage `json:"url"`
	IsPullRequest json.RawMessage `json:"isPullRequest"`
	PullRequest   json.RawMessage `json:"pull_request"`
}

// DecodeGitHub decodes the JSON that
//
//	gh issue list --json number,title,state,labels,assignees,createdAt,closedAt,projectItems
//
// prints: an array of issues. It does no I/O. Unknown fields are ignored.
// Two optional fields are used when present: "comments" (the newest
// comment's createdAt) and otherwise "updatedAt" set Issue.LastContact,
// which the R19 reporter clock counts from.
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
	var raw []json.RawMessage
	if isNull(data) {
		return nil, nil, &DecodeError{Index: -1, Err: errors.New("empty input or null, want a JSON array")}
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, nil, &DecodeError{Index: -1, Err: fmt.Errorf("want a JSON array of issues: %w", err)}
	}
	bugs := make([]pattern, 0, max(1, len(bugLabels)))
	for _, b := range bugLabels {
		bugs = append(bugs, compilePattern(b))
	}
	if len(bugs) == 0 {
		bugs = append(bugs, compilePattern("bug"))
	}
	seen := make(map[int]int, len(raw))
	issues = make([]Issue, 0, len(raw))
	for i, r := range raw {
		is, pr, err := decodeOne(i, r)
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
			skipped = append(skipped, Skipped{Index: i, Number: is.Number, Reason: "not a bug: no label " + labelList(bugLabels)})
		default:
			issues = append(issues, is)
		}
	}
	return issues, skipped, nil
}

func labelList(bugLabels []string) string {
	if len(bugLabels) == 0 {
		return "bug"
	}
	return strings.Join(bugLabels, ", ")
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

func decodeOne(i int, r json.RawMessage) (Issue, bool, error) {
	var g ghIssue
	var is Issue
	fail := func(field string, raw []byte, err error) (Issue, bool, error) {
		v := string(raw)
		if len(v) > 64 {
			v = v[:64] + "..."
		}
		return Issue{}, false, &DecodeError{Index: i, Number: is.Number, Field: field, Value: v, Err: err}
	}
	if err := json.Unmarshal(r, &g); err != nil {
		return fail("", r, errors.New("want a JSON object"))
	}
	if isNull(g.Number) {
		return fail("number", g.Number, errors.New("missing"))
	}
	if err := json.Unmarshal(g.Number, &is.Number); err != nil {
		return fail("number", g.Number, errors.New("want an integer"))
	}
	if is.Number <= 0 {
		n := is.Number
		is.Number = 0
		return fail("number", fmt.Append(nil, n), errors.New("want a positive integer"))
	}
	if !isNull(g.Title) {
		if err := json.Unmarshal(g.Title, &is.Title); err != nil {
			return fail("title", g.Title, errors.New("want a string"))
		}
	}
	var err error
	if is.Created, err = decodeTime(g.CreatedAt); err != nil || is.Created.IsZero() {
		if err == nil {
			err = errors.New("missing")
		}
		return fail("createdAt", g.CreatedAt, err)
	}
	if is.ClosedAt, err = decodeTime(g.ClosedAt); err != nil {
		return fail("closedAt", g.ClosedAt, err)
	}
	is.Closed = !is.ClosedAt.IsZero()
	if !isNull(g.State) {
		var s string
		if err := json.Unmarshal(g.State, &s); err != nil {
			return fail("state", g.State, errors.New("want a string"))
		}
		switch {
		case strings.EqualFold(s, "open"):
			is.Closed = false
		case strings.EqualFold(s, "closed"):
			is.Closed = true
		default:
			return fail("state", g.State, errors.New("want OPEN or CLOSED"))
		}
	}
	var named []struct {
		Name  *string `json:"name"`
		Login *string `json:"login"`
	}
	if !isNull(g.Labels) {
		if err := json.Unmarshal(g.Labels, &named); err != nil {
			return fail("labels", g.Labels, errors.New("want an array of {\"name\": ...}"))
		}
		for k, n := range named {
			if n.Name == nil || trim(*n.Name) == "" {
				return fail(fmt.Sprintf("labels[%d].name", k), g.Labels, errors.New("missing or empty"))
			}
			is.Labels = append(is.Labels, *n.Name)
		}
	}
	if !isNull(g.Assignees) {
		named = named[:0]
		if err := json.Unmarshal(g.Assignees, &named); err != nil {
			return fail("assignees", g.Assignees, errors.New("want an array of {\"login\": ...}"))
		}
		for k, n := range named {
			if n.Login == nil || trim(*n.Login) == "" {
				return fail(fmt.Sprintf("assignees[%d].login", k), g.Assignees, errors.New("missing or empty"))
			}
			is.Assignees = append(is.Assignees, *n.Login)
		}
	}
	if !isNull(g.ProjectItems) {
		var items []struct {
			Title  *string `json:"title"`
			Status *struct {
				Name string `json:"name"`
			} `json:"status"`
		}
		if err := json.Unmarshal(g.ProjectItems, &items); err != nil {
			return fail("projectItems", g.ProjectItems, errors.New("want an array of {\"title\": ..., \"status\": {\"name\": ...}}"))
		}
		for k, it := range items {
			if it.Title == nil || trim(*it.Title) == "" {
				return fail(fmt.Sprintf("projectItems[%d].title", k), g.ProjectItems, errors.New("missing or empty"))
			}
			b := BoardItem{Board: *it.Title}
			if it.Status != nil {
				b.Column = it.Status.Name
			}
			is.Boards = append(is.Boards, b)
		}
	}
	if !isNull(g.Comments) {
		var cs []struct {
			CreatedAt json.RawMessage `json:"createdAt"`
		}
		if err := json.Unmarshal(g.Comments, &cs); err != nil {
			return fail("comments", g.Comments, errors.New("want an array of {\"createdAt\": ...}"))
		}
		for k, c := range cs {
			t, err := decodeTime(c.CreatedAt)
			if err != nil {
				return fail(fmt.Sprintf("comments[%d].createdAt", k), c.CreatedAt, err)
			}
			if t.After(is.LastContact) {
				is.LastContact = t
			}
		}
	}
	if is.LastContact.IsZero() {
		if is.LastContact, err = decodeTime(g.UpdatedAt); err != nil {
			return fail("updatedAt", g.UpdatedAt, err)
		}
	}
	pr := false
	if !isNull(g.IsPullRequest) {
		if err := json.Unmarshal(g.IsPullRequest, &pr); err != nil {
			return fail("isPullRequest", g.IsPullRequest, errors.New("want a boolean"))
		}
	}
	if !isNull(g.PullRequest) {
		pr = true
	}
	if !isNull(g.URL) {
		var u string
		if err := json.Unmarshal(g.URL, &u); err != nil {
			return fail("url", g.URL, errors.New("want a string"))
		}
		pr = pr || strings.Contains(u, "/pull/")
	}
	return is, pr, nil
}

func isNull(r json.RawMessage) bool {
	t := bytes.TrimSpace(r)
	return len(t) == 0 || bytes.Equal(t, []byte("null"))
}

// decodeTime reads an RFC 3339 string; null, absent and GitHub's
// "0001-01-01T00:00:00Z" are the zero time.
func decodeTime(r json.RawMessage) (time.Time, error) {
	if isNull(r) {
		return time.Time{}, nil
	}
	var s string
	if err := json.Unmarshal(r, &s); err != nil {
		return time.Time{}, errors.New("want an RFC 3339 string")
	}
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, errors.New("want an RFC 3339 time such as 2024-03-06T09:00:00Z")
	}
	if t.Year() <= 1 {
		return time.Time{}, nil
	}
	return t, nil
}
