package rotation

import (
	"testing"
	"time"

	"github.com/rickb777/date/v2"
	"github.com/stretchr/testify/assert"
)

// TestMidnightOnDSTDays pins the first instant of a local day on the days
// clocks change, where date v2.3.1's MidnightIn is off in zones east of UTC.
func TestMidnightOnDSTDays(t *testing.T) {
	tests := []struct {
		zone string
		day  date.Date
		want string
	}{
		{"Australia/Lord_Howe", date.New(2024, time.April, 7), "2024-04-07T00:00:00+11:00"},   // fall back at 02:00
		{"Australia/Lord_Howe", date.New(2024, time.October, 6), "2024-10-06T00:00:00+10:30"}, // spring forward at 02:00
		{"Australia/Sydney", date.New(2024, time.October, 6), "2024-10-06T00:00:00+10:00"},
		{"America/Chicago", date.New(2024, time.March, 10), "2024-03-10T00:00:00-06:00"},
		{"Asia/Kathmandu", date.New(2024, time.February, 29), "2024-02-29T00:00:00+05:45"},
	}
	for _, tt := range tests {
		loc, err := time.LoadLocation(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		got := midnight(tt.day, loc)
		assert.Equal(t, tt.want, got.Format(time.RFC3339), "midnight(%v) in %s", tt.day, tt.zone)
	}
}
