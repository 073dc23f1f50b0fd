package release

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func versionsOf(h History) []string {
	var out []string
	for s := range h.All() {
		out = append(out, s.Version.String()+" "+s.Day.String())
	}
	return out
}

func TestParseHistory(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		prefix string
		want   []string
	}{
		{"git tag with days, prefix with and without v", "fleet-v4.58.0 2024-10-17\nfleet-4.58.1 2024-10-21\n", "fleet-",
			[]string{"4.58.0 2024-10-17", "4.58.1 2024-10-21"}},
		{"day first, tabs, CRLF, comments and blank lines", "# tags\r\n2024-10-17\tfleet-v4.58.0\r\n\r\n", "fleet-",
			[]string{"4.58.0 2024-10-17"}},
		{"pre-releases and other products left out, build ignored",
			"fleet-v4.59.0-rc.1 2024-11-01\norbit-v1.35.0 2024-11-02\nfleet-v4.59.0+build.7 2024-11-12\nfleetctl-v4.59.0 2024-11-12\n", "fleet-",
			[]string{"4.59.0 2024-11-12"}},
		{"no prefix", "v4.58.0 2024-10-17\n4.58.1 2024-10-21\n", "",
			[]string{"4.58.0 2024-10-17", "4.58.1 2024-10-21"}},
		{"gh release list, not a terminal", "TITLE\tTYPE\tTAG NAME\tPUBLISHED\n" +
			"Fleet 4.60.0\tLatest\tfleet-v4.60.0\t2024-11-28T03:10:00Z\n" +
			"Fleet 4.61.0 RC\tPre-release\tfleet-v4.61.0\t2024-12-10T17:00:00Z\n" +
			"Fleet 4.61.0\tDraft\tfleet-v4.61.1\t\n" +
			"Fleet 4.59.0\t\tfleet-v4.59.0\t2024-11-12T20:00:00-08:00\n", "fleet-",
			[]string{"4.59.0 2024-11-12", "4.60.0 2024-11-27"}},
		{"gh JSON", `[{"tagName":"fleet-v4.60.0","publishedAt":"2024-11-28T03:10:00Z"},` +
			`{"tagName":"fleet-v4.61.0-rc.1","publishedAt":"2024-12-10T17:00:00Z"},` +
			`{"tagName":"orbit-v1.0.0","publishedAt":"2024-12-10T17:00:00Z"},` +
			`{"tagName":"fleet-4.59.0","publishedAt":"2024-11-12T20:00:00Z"}]`, "fleet-",
			[]string{"4.59.0 2024-11-12", "4.60.0 2024-11-27"}},
		{"empty", "", "fleet-", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := ParseHistory([]byte(tt.in), tt.prefix, pacific)
			require.NoError(t, err)
			assert.Equal(t, tt.want, versionsOf(h))
		})
	}

	// Fleet's changelog history as a tag listing reads back the same.
	fleet := loadFleet(t)
	var b strings.Builder
	for s := range fleet.All() {
		b.WriteString("fleet-v" + s.Version.String() + " " + s.Day.String() + "\n")
	}
	h, err := ParseHistory([]byte(b.String()), "fleet-", nil)
	require.NoError(t, err)
	assert.Equal(t, versionsOf(fleet), versionsOf(h))
}

func TestParseHistoryErrors(t *testing.T) {
	tests := []struct {
		name, in string
		zone     *time.Location
		want     error
		line     int
	}{
		{"malformed version", "fleet-v4.58.0 2024-10-17\nfleet-v4.58 2024-10-18\n", pacific, ErrVersion, 2},
		{"leading zero", "fleet-v4.058.0 2024-10-17\n", pacific, ErrVersion, 1},
		{"bad suffix", "fleet-v4.58.0-rc..1 2024-10-17\n", pacific, ErrVersion, 1},
		{"plain git tag, no day", "fleet-v4.58.0\n", pacific, ErrSyntax, 1},
		{"bad day", "fleet-v4.58.0 2024-10-40\n", pacific, ErrSyntax, 1},
		{"relative day", "Fleet 4.58.0\tLatest\tfleet-v4.58.0\tabout 2 days ago\n", pacific, ErrSyntax, 1},
		{"instant without a zone", "fleet-v4.58.0 2024-10-17T19:05:00Z\n", nil, ErrZone, 1},
		{"zero instant", "# x\nfleet-v4.58.0 0001-01-01T00:00:00Z\n", pacific, ErrZeroTime, 2},
		{"twice", "fleet-v4.58.0 2024-10-17\n\nv4.58.0+b 2024-10-18\nfleet-4.58.0 2024-10-19\n", pacific, ErrHistory, 4},
		{"no tag without prefix", "hello 2024-10-17\n", pacific, ErrSyntax, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prefix := "fleet-"
			if tt.name == "no tag without prefix" {
				prefix = ""
			}
			_, err := ParseHistory([]byte(tt.in), prefix, tt.zone)
			require.ErrorIs(t, err, tt.want)
			var le *LineError
			require.ErrorAs(t, err, &le)
			assert.Equal(t, tt.line, le.Line)
			assert.Contains(t, err.Error(), "release: line ")
			assert.Equal(t, 1, strings.Count(err.Error(), "release: "), err.Error())
		})
	}
	jsonTests := []struct {
		name, in string
		zone     *time.Location
		want     error
		field    string
	}{
		{"typo", `[{"tagName":"fleet-v4.60.0","publishedAt":"2024-11-28T03:10:00Z","url":"x"}]`, pacific, ErrUnknownField, "[0].url"},
		{"dup", `[{"tagName":"fleet-v4.60.0","tagName":"fleet-v4.61.0","publishedAt":"2024-11-28T03:10:00Z"}]`, pacific, ErrDuplicateKey, "[0].tagName"},
		{"bad tag", `[{"tagName":"fleet-v4.60","publishedAt":"2024-11-28T03:10:00Z"}]`, pacific, ErrVersion, "[0].tagName"},
		{"draft", `[{"tagName":"fleet-v4.60.0","publishedAt":""}]`, pacific, ErrZeroTime, "[0].publishedAt"},
		{"zero", `[{"tagName":"fleet-v4.60.0","publishedAt":"0001-01-01T00:00:00Z"}]`, pacific, ErrZeroTime, "[0].publishedAt"},
		{"bad instant", `[{"tagName":"fleet-v4.60.0","publishedAt":"2024-11-28 03:10"}]`, pacific, ErrSyntax, "[0].publishedAt"},
		{"no zone", `[{"tagName":"fleet-v4.60.0","publishedAt":"2024-11-28T03:10:00Z"}]`, nil, ErrZone, "[0].publishedAt"},
		{"twice", `[{"tagName":"fleet-v4.60.0","publishedAt":"2024-11-28T03:10:00Z"},{"tagName":"fleet-4.60.0","publishedAt":"2024-11-29T03:10:00Z"}]`, pacific, ErrHistory, "[1].tagName"},
	}
	for _, tt := range jsonTests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseHistory([]byte(tt.in), "fleet-", tt.zone)
			require.ErrorIs(t, err, tt.want)
			var ce *ConfigError
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field, "%v", err)
		})
	}
	_, err := ParseHistory(nil, "", time.Local)
	assert.ErrorIs(t, err, ErrZone)
}

func TestParseTag(t *testing.T) {
	tag, err := ParseTag("fleet-v4.58.0-rc.1+b.5", "fleet-")
	require.NoError(t, err)
	assert.Equal(t, Tag{Prefix: "fleet-v", Version: Version{4, 58, 0}, Pre: "rc.1", Build: "b.5"}, tag)
	assert.True(t, tag.IsPreRelease())
	assert.Equal(t, "fleet-v4.58.0-rc.1+b.5", tag.String())
	tag, err = ParseTag("4.58.1", "")
	require.NoError(t, err)
	assert.False(t, tag.IsPreRelease())
	for _, bad := range []string{"orbit-v1.0.0", "fleet-v4.58", "fleet-v4.58.0-", "fleet-v4.58.0+", "fleet-vv4.58.0", "fleet-v4.58.0-rc_1"} {
		_, err := ParseTag(bad, "fleet-")
		assert.ErrorIs(t, err, ErrVersion, bad)
	}
}
