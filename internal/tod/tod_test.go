package tod

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2/clock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	good := map[string]clock.Clock{
		"00:00":              0,
		"09:30":              clock.New(9, 30, 0, 0),
		"23:59:59":           clock.New(23, 59, 59, 0),
		"24:00":              EndOfDay,
		"24:00:00":           EndOfDay,
		"12:00:00.5":         clock.New(12, 0, 0, 0) + clock.Clock(500*time.Millisecond),
		"12:00:00.000000001": clock.New(12, 0, 0, 0) + 1,
	}
	for in, want := range good {
		got, err := Parse(in)
		require.NoError(t, err, "Parse(%q)", in)
		assert.Equal(t, want, got, "Parse(%q)", in)
		back, err := Parse(Format(got))
		require.NoError(t, err)
		assert.Equal(t, got, back, "round trip of %q via %q", in, Format(got))
	}
	for _, in := range []string{"", "9:00", "09", "09:0", "25:00", "24:01", "24:00:01", "24:00:00.1", "09:60", "09:00:60", "09:00:00.", "09:00:00.1234567890", "09:00:00.x", "09:00:00:00", "-1:00", "0a:00", " 09:00"} {
		_, err := Parse(in)
		require.ErrorIs(t, err, ErrSyntax, "Parse(%q)", in)
	}
}

func TestFormat(t *testing.T) {
	assert.Equal(t, "09:00", Format(clock.New(9, 0, 0, 0)))
	assert.Equal(t, "09:00:05", Format(clock.New(9, 0, 5, 0)))
	assert.Equal(t, "09:00:05.25", Format(clock.New(9, 0, 5, 0)+clock.Clock(250*time.Millisecond)))
	assert.Equal(t, "24:00", Format(EndOfDay))
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"09:00", "24:00", "23:59:59.999999999", "24:00:01", "9:00", "ab:cd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			return
		}
		if c < 0 || c > EndOfDay {
			t.Fatalf("Parse(%q) = %v outside 00:00-24:00", s, c)
		}
		back, err := Parse(Format(c))
		if err != nil || back != c {
			t.Fatalf("Parse(Format(%v)) = %v, %v", c, back, err)
		}
	})
}
