package rotation

import (
	"testing"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
)

// TestParseDayRoundTrips covers the days MarshalJSON writes, including
// years outside 0-9999 that FuzzNew found written but not read back, and
// refuses days date.ParseISO would normalise.
func TestParseDayRoundTrips(t *testing.T) {
	for _, d := range []date.Date{date.New(2024, 2, 29), date.New(-2737, 2, 5), date.New(12345, 12, 31), date.New(0, 1, 1)} {
		got, err := parseDay(d.String())
		if assert.NoError(t, err, "parseDay(%q)", d.String()) {
			assert.Equal(t, d, got, "parseDay(%q)", d.String())
		}
	}
	for _, s := range []string{"2024-13-40", "2023-02-29", "+2024-01-01", "02024-01-01", "2024-1-1", "", "yesterday"} {
		_, err := parseDay(s)
		assert.Error(t, err, "parseDay(%q)", s)
	}
}
