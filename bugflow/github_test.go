package bugflow_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/teamcadence/cadence/bugflow"
)

// ghSample is gh issue list --json output as gh 2.x prints it (fields in
// alphabetical order, closedAt null while open, status null off-column),
// with fields the decoder does not ask for.
const ghSample = `[
  {
    "assignees": [{"id": "MDQ6VXNlcjE=", "login": "quinn", "name": "Quinn"}],
    "closedAt": null,
    "createdAt": "2024-03-04T09:15:00Z",
    "labels": [
      {"id": "LA_1", "name": "bug", "description": "Something isn't working", "color": "d73a4a"},
      {"id": "LA_2", "name": ":reproduce", "description": "", "color": "ffffff"}
    ],
    "number": 17001,
    "projectItems": [{"status": {"optionId": "47fc9ee4", "name": "Awaiting QA"}, "title": "Release"}],
    "state": "OPEN",
    "title": "MDM enrollment fails on macOS 14",
    "milestone": {"title": "4.47.0"}
  },
  {
    "assignees": [],
    "closedAt": "2024-03-05T17:00:00Z",
    "createdAt": "2024-02-01T08:00:00+01:00",
    "labels": [{"name": "Bug"}],
    "number": 17002,
    "projectItems": [{"status": null, "title": "Product"}],
    "state": "CLOSED",
    "title": "Typo in settings",
    "updatedAt": "2024-03-05T17:00:00Z",
    "comments": [{"createdAt": "2024-02-10T10:00:00Z"}, {"createdAt": "2024-02-20T10:00:00Z"}]
  },
  {"number": 17003, "title": "Add dark mode", "state": "OPEN", "createdAt": "2024-03-01T00:00:00Z", "labels": [{"name": "feature"}]},
  {"number": 17004, "title": "fix: enrollment", "state": "OPEN", "createdAt": "2024-03-01T00:00:00Z", "labels": [{"name": "bug"}],
   "url": "https://github.com/fleetdm/fleet/pull/17004"},
  {"number": 17005, "title": "pr too", "state": "OPEN", "createdAt": "2024-03-01T00:00:00Z", "labels": [{"name": "bug"}], "isPullRequest": true},
  {"number": 17006, "title": "rest pr", "state": "OPEN", "createdAt": "2024-03-01T00:00:00Z", "labels": [{"name": "bug"}], "pull_request": {"url": "x"}},
  {"number": 17007, "title": "open, updated", "state": "open", "createdAt": "2024-03-01T00:00:00Z", "closedAt": "0001-01-01T00:00:00Z",
   "labels": [{"name": " bug "}], "updatedAt": "2024-03-02T00:00:00Z"}
]`

func TestDecodeGitHub(t *testing.T) {
	issues, skipped, err := bugflow.DecodeGitHub([]byte(ghSample))
	require.NoError(t, err)
	require.Len(t, issues, 3)

	a := issues[0]
	assert.Equal(t, 17001, a.Number)
	assert.Equal(t, "MDM enrollment fails on macOS 14", a.Title)
	assert.False(t, a.Closed)
	assert.Equal(t, []string{"bug", ":reproduce"}, a.Labels)
	assert.Equal(t, []string{"quinn"}, a.Assignees)
	assert.Equal(t, []bugflow.BoardItem{{Board: "Release", Column: "Awaiting QA"}}, a.Boards)
	assert.True(t, a.Created.Equal(time.Date(2024, 3, 4, 9, 15, 0, 0, time.UTC)))
	assert.True(t, a.ClosedAt.IsZero())
	assert.True(t, a.LastContact.IsZero())

	b := issues[1]
	assert.True(t, b.Closed)
	assert.True(t, b.ClosedAt.Equal(time.Date(2024, 3, 5, 17, 0, 0, 0, time.UTC)))
	assert.True(t, b.Created.Equal(time.Date(2024, 2, 1, 7, 0, 0, 0, time.UTC)), "offsets are kept: %v", b.Created)
	assert.Equal(t, []bugflow.BoardItem{{Board: "Product"}}, b.Boards, "a null status is no column")
	assert.True(t, b.LastContact.Equal(time.Date(2024, 2, 20, 10, 0, 0, 0, time.UTC)), "the newest comment wins over updatedAt: %v", b.LastContact)

	c := issues[2]
	assert.Equal(t, 17007, c.Number)
	assert.False(t, c.Closed, "a zero closedAt is open")
	assert.True(t, c.LastContact.Equal(time.Date(2024, 3, 2, 0, 0, 0, 0, time.UTC)))

	assert.Equal(t, []bugflow.Skipped{
		{Index: 2, Number: 17003, Reason: "not a bug: no label bug"},
		{Index: 3, Number: 17004, Reason: "pull request"},
		{Index: 4, Number: 17005, Reason: "pull request"},
		{Index: 5, Number: 17006, Reason: "pull request"},
	}, skipped)
}

func TestDecodeGitHubBugLabels(t *testing.T) {
	issues, skipped, err := bugflow.DecodeGitHub([]byte(ghSample), "feature", "~*bug")
	require.NoError(t, err)
	var got []int
	for _, is := range issues {
		got = append(got, is.Number)
	}
	assert.Equal(t, []int{17003}, got)
	assert.Len(t, skipped, 6)
	assert.Equal(t, "not a bug: no label feature, ~*bug", skipped[0].Reason)
}

func TestDecodeGitHubEmptyArray(t *testing.T) {
	issues, skipped, err := bugflow.DecodeGitHub([]byte(" [ ] "))
	require.NoError(t, err)
	assert.Empty(t, issues)
	assert.Empty(t, skipped)
}

func TestDecodeGitHubErrors(t *testing.T) {
	const ok = `{"number": 1, "createdAt": "2024-03-01T00:00:00Z", "labels": [{"name": "bug"}]}`
	tests := []struct {
		name   string
		in     string
		index  int
		number int
		field  string
	}{
		// the document
		{"empty", "", -1, 0, ""},
		{"null", " null ", -1, 0, ""},
		{"object", `{"number": 1}`, -1, 0, ""},
		{"truncated", `[` + ok, -1, 0, ""},
		// one issue
		{"not an object", `[` + ok + `, 7]`, 1, 0, ""},
		{"missing number", `[{"createdAt": "2024-03-01T00:00:00Z"}]`, 0, 0, "number"},
		{"string number", `[{"number": "12", "createdAt": "2024-03-01T00:00:00Z"}]`, 0, 0, "number"},
		{"float number", `[{"number": 1.5, "createdAt": "2024-03-01T00:00:00Z"}]`, 0, 0, "number"},
		{"zero number", `[{"number": 0, "createdAt": "2024-03-01T00:00:00Z"}]`, 0, 0, "number"},
		{"negative number", `[{"number": -4, "createdAt": "2024-03-01T00:00:00Z"}]`, 0, 0, "number"},
		{"title", `[{"number": 3, "title": 5, "createdAt": "2024-03-01T00:00:00Z"}]`, 0, 3, "title"},
		{"missing createdAt", `[{"number": 3}]`, 0, 3, "createdAt"},
		{"bad createdAt", `[{"number": 3, "createdAt": "2024-03-01"}]`, 0, 3, "createdAt"},
		{"numeric createdAt", `[{"number": 3, "createdAt": 1709251200}]`, 0, 3, "createdAt"},
		{"bad closedAt", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "closedAt": "yesterday"}]`, 0, 3, "closedAt"},
		{"state", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "state": "MERGED"}]`, 0, 3, "state"},
		{"labels shape", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "labels": ["bug"]}]`, 0, 3, "labels"},
		{"label name", `[` + ok + `, {"number": 3, "createdAt": "2024-03-01T00:00:00Z", "labels": [{"name": "bug"}, {"color": "fff"}]}]`, 1, 3, "labels[1].name"},
		{"blank label", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "labels": [{"name": "  "}]}]`, 0, 3, "labels[0].name"},
		{"assignee login", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "assignees": [{"name": "Q"}]}]`, 0, 3, "assignees[0].login"},
		{"project title", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "projectItems": [{"status": {"name": "Ready"}}]}]`, 0, 3, "projectItems[0].title"},
		{"project shape", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "projectItems": {"title": "Release"}}]`, 0, 3, "projectItems"},
		{"comment time", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "comments": [{"createdAt": "x"}]}]`, 0, 3, "comments[0].createdAt"},
		{"updatedAt", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "updatedAt": true}]`, 0, 3, "updatedAt"},
		{"isPullRequest", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "isPullRequest": "yes"}]`, 0, 3, "isPullRequest"},
		{"url", `[{"number": 3, "createdAt": "2024-03-01T00:00:00Z", "url": 1}]`, 0, 3, "url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := bugflow.DecodeGitHub([]byte(tt.in))
			var de *bugflow.DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, tt.index, de.Index, "index")
			assert.Equal(t, tt.number, de.Number, "number")
			assert.Equal(t, tt.field, de.Field, "field")
			assert.Regexp(t, `^bugflow: decode`, err.Error())
			if tt.field != "" {
				assert.Contains(t, err.Error(), "field "+tt.field)
			}
			if tt.number != 0 {
				assert.Contains(t, err.Error(), fmt.Sprintf("#%d", tt.number))
			}
		})
	}
}

func TestDecodeGitHubDuplicate(t *testing.T) {
	in := `[{"number": 5, "createdAt": "2024-03-01T00:00:00Z", "labels": [{"name": "bug"}]},
	        {"number": 6, "createdAt": "2024-03-01T00:00:00Z"},
	        {"number": 5, "createdAt": "2024-03-02T00:00:00Z"}]`
	_, _, err := bugflow.DecodeGitHub([]byte(in))
	require.ErrorIs(t, err, bugflow.ErrDuplicate)
	var de *bugflow.DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 2, de.Index)
	assert.Equal(t, 5, de.Number)
	assert.Contains(t, err.Error(), "first at index 0")
}

// Issues written as gh prints them decode to the same issues.
func TestDecodeGitHubRoundTrip(t *testing.T) {
	want := randomIssues(300, 7)
	got, skipped, err := bugflow.DecodeGitHub(encodeGitHub(want))
	require.NoError(t, err)
	assert.Empty(t, skipped, "every random issue has the bug label")
	require.Len(t, got, len(want))
	for i := range want {
		w, g := want[i], got[i]
		assert.Equal(t, w.Number, g.Number)
		assert.Equal(t, w.Title, g.Title)
		assert.Equal(t, w.Closed, g.Closed)
		assert.Equal(t, w.Labels, g.Labels)
		assert.Equal(t, w.Assignees, g.Assignees)
		assert.Equal(t, w.Boards, g.Boards)
		assert.True(t, w.Created.Equal(g.Created))
		assert.True(t, w.ClosedAt.Equal(g.ClosedAt))
		assert.True(t, w.LastContact.Equal(g.LastContact))
	}
}

// Issue is plain data that bots can cache as JSON.
func TestIssueJSON(t *testing.T) {
	issues, _, err := bugflow.DecodeGitHub([]byte(ghSample))
	require.NoError(t, err)
	for _, is := range issues {
		b, err := json.Marshal(is)
		require.NoError(t, err)
		var back bugflow.Issue
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, is.Number, back.Number)
		assert.Equal(t, is.Labels, back.Labels)
		assert.Equal(t, is.Boards, back.Boards)
		assert.True(t, is.Created.Equal(back.Created))
		assert.True(t, is.ClosedAt.Equal(back.ClosedAt))
		assert.True(t, is.LastContact.Equal(back.LastContact))
		if is.ClosedAt.IsZero() {
			assert.NotContains(t, string(b), "closedAt")
		}
	}
}
