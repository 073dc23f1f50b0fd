package release

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSupportFleet(t *testing.T) {
	s := Fleet2024Support()
	latest := MustParseVersion("4.58.1")
	tests := []struct {
		tier, v       string
		fixes, troubl bool
	}{
		{"community", "4.58.1", true, true},
		{"community", "4.58.0", true, true}, // same minor line as latest
		{"community", "4.57.3", false, true},
		{"community", "3.29.0", false, false},
		{"premium", "4.58.0", true, true},
		{"premium", "4.57.0", false, true},
		{"premium", "3.29.0", false, true},
		{"premium", "0.0.1", false, true},
	}
	for _, tt := range tests {
		a, err := s.Check(tt.tier, MustParseVersion(tt.v), latest)
		require.NoError(t, err)
		assert.Equal(t, tt.fixes, a.Fixes, "R15 fixes %s %s", tt.tier, tt.v)
		assert.Equal(t, tt.troubl, a.Troubleshooting, "R15 troubleshooting %s %s", tt.tier, tt.v)
	}
	_, err := s.Check("enterprise", latest, latest)
	assert.ErrorIs(t, err, ErrUnknownName, "a tier that does not resolve")
	_, err = s.Check("premium", MustParseVersion("4.59.0"), latest)
	assert.ErrorIs(t, err, ErrSupport, "newer than latest")

	_, err = NewSupport("dup", Coverage{Tier: "a"}, Coverage{Tier: "a"})
	assert.ErrorIs(t, err, ErrSupport)
	_, err = NewSupport("unnamed", Coverage{})
	assert.ErrorIs(t, err, ErrSupport)
	_, err = NewSupport("bad scope", Coverage{Tier: "a", Fixes: 9})
	assert.ErrorIs(t, err, ErrSupport)

	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"Fleet version support","tiers":[{"tier":"community","fixes":"latest","troubleshooting":"major"},{"tier":"premium","fixes":"latest","troubleshooting":"all"}]}`, string(b))
	var back Support
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, s, back)
	assert.Error(t, json.Unmarshal([]byte(`{"tiers":[{"tier":"a","fixes":"some"}]}`), &back))
	assert.Error(t, json.Unmarshal([]byte(`{"tiers":[{"tier":"a"},{"tier":"a"}]}`), &back))
}

func TestDeploy(t *testing.T) {
	img := func(s string) Image {
		i, err := ParseImage(s)
		require.NoError(t, err, s)
		return i
	}
	tests := []struct {
		deployed, next string
		want           error
	}{
		{"v4.58.0", "v4.59.0", nil},
		{"v4.58.0", "4.58.1", nil},
		{"v4.58.0", "v5.0.0", nil},
		{"v4.58.0", "v4.58.0", ErrDowngrade}, // not newer
		{"v4.58.1", "v4.58.0", ErrDowngrade},
		{"v4.58.0", "v4.9.9", ErrDowngrade},
		{"v4.58.0", "3f2a9c1", nil},
		{"3f2a9c1", "v4.58.0", nil},
		{"3f2a9c1", "3f2a9c1", ErrDowngrade},
		{"3f2a9c1d0e", "3f2a9c1", ErrDowngrade}, // same commit, shorter hash
		{"3f2a9c1", "9e8d7c6", nil},
		{"", "v1.0.0", nil},
	}
	for _, tt := range tests {
		var dep Image
		if tt.deployed != "" {
			dep = img(tt.deployed)
		}
		err := CheckDeploy(dep, img(tt.next))
		if tt.want == nil {
			assert.NoError(t, err, "%s -> %s", tt.deployed, tt.next)
			continue
		}
		require.ErrorIs(t, err, tt.want, "%s -> %s", tt.deployed, tt.next)
		var de *DeployError
		require.ErrorAs(t, err, &de)
		assert.Equal(t, img(tt.next), de.Next)
	}
	assert.ErrorIs(t, CheckDeploy(img("v1.0.0"), Image{}), ErrTag)

	for _, tag := range []string{"main", "master", "latest", "release-4.58", "", "v4.58", "v4.58.0-rc1", "3F2A9C1", "abcdef", "deadbeef", "g123456"} {
		_, err := ParseImage(tag)
		require.ErrorIs(t, err, ErrTag, tag)
		var te *TagError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, tag, te.Tag)
	}
	for _, tag := range []string{"v4.58.0", "3f2a9c1", "0123456789abcdef0123456789abcdef01234567"} {
		i := img(tag)
		b, err := i.MarshalText()
		require.NoError(t, err)
		var back Image
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, i, back, tag)
	}
	v, ok := img("4.58.0").Version()
	assert.True(t, ok)
	assert.Equal(t, MustParseVersion("4.58.0"), v)
	assert.Equal(t, "v4.58.0", ImageOf(v).String())
	c, ok := img("3f2a9c1").Commit()
	assert.True(t, ok)
	assert.Equal(t, "3f2a9c1", c)
	_, ok = img("3f2a9c1").Version()
	assert.False(t, ok)
}
