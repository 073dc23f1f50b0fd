package release

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseVersion(t *testing.T) {
	good := map[string]Version{
		"4.58.0":                        {4, 58, 0},
		"v4.58.2":                       {4, 58, 2},
		"0.0.1":                         {0, 0, 1},
		"0.0.0":                         {},
		"999999999.999999999.999999999": {maxPart, maxPart, maxPart},
	}
	for in, want := range good {
		v, err := ParseVersion(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, v, in)
	}
	bad := []string{"", "v", "4", "4.58", "4.58.", ".58.0", "4..0", "04.58.0", "4.058.0", "4.58.00", "4.58.0-rc.1",
		"4.58.0+build", "V4.58.0", "vv4.58.0", "4.58.0.1", "-4.58.0", "4.-58.0", "1000000000.0.0", " 4.58.0", "4,58,0", "४.५८.०"}
	for _, in := range bad {
		_, err := ParseVersion(in)
		require.ErrorIs(t, err, ErrVersion, in)
		var ve *VersionError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, in, ve.Input)
	}
	assert.Panics(t, func() { MustParseVersion("x") })
}

func TestVersionCompare(t *testing.T) {
	vs := []string{"0.0.1", "0.1.0", "1.0.0", "4.9.9", "4.58.0", "4.58.1", "4.58.10", "4.59.0", "5.0.0"}
	for i, a := range vs {
		for j, b := range vs {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			assert.Equal(t, want, MustParseVersion(a).Compare(MustParseVersion(b)), "%s vs %s", a, b)
			assert.Equal(t, i < j, MustParseVersion(a).Less(MustParseVersion(b)))
		}
	}
}

func TestVersionText(t *testing.T) {
	var zero Version
	b, err := zero.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)
	require.NoError(t, zero.UnmarshalText(nil))
	assert.True(t, zero.IsZero())
	_, err = Version{-1, 0, 0}.MarshalText()
	assert.ErrorIs(t, err, ErrVersion)

	type doc struct {
		V Version `json:"v"`
	}
	for _, v := range []Version{{4, 58, 0}, {1, 2, 3}, {}} {
		b, err := json.Marshal(doc{v})
		require.NoError(t, err)
		var back doc
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, v, back.V)
	}
	var d doc
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"v":"4.58"}`), &d), ErrVersion)
	assert.Equal(t, "4.58.0", Version{4, 58, 3}.Minorline().String())
	assert.True(t, Version{4, 58, 3}.IsPatch())
}
