package strict

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type inner struct {
	Absent string `json:"absent"`
	From   string `json:"from,omitempty"`
}

type self struct{ raw string }

func (s *self) UnmarshalJSON(b []byte) error { s.raw = string(b); return nil }

type wire struct {
	Zone      string            `json:"zone"`
	Overrides []inner           `json:"overrides"`
	Tags      map[string]inner  `json:"tags"`
	Any       any               `json:"any"`
	Self      self              `json:"self"`
	Skip      int               `json:"-"`
	Raw       json.RawMessage   `json:"raw"`
	Ptr       *inner            `json:"ptr"`
	Names     map[string]string `json:"names"`
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, in string
		kind     Kind
		path     string
		value    string
	}{
		// accepted
		{name: "ok", in: `{"zone":"UTC","overrides":[{"absent":"a"}],"tags":{"x y":{"absent":"b"}},"any":{"q":1},"self":{"z":1},"ptr":{"from":"x"},"raw":{"k":1}}`},
		{name: "null", in: `null`},
		{name: "null field", in: `{"zone":null}`},
		{name: "space", in: " \n{ } \t"},
		// unknown fields at each depth
		{name: "top typo", in: `{"zome":"UTC"}`, kind: UnknownField, path: "zome", value: "zome"},
		{name: "case", in: `{"Zone":"UTC"}`, kind: UnknownField, path: "Zone", value: "Zone"},
		{name: "nested typo", in: `{"overrides":[{"absent":"a"},{"abset":"b"}]}`, kind: UnknownField, path: "overrides[1].abset", value: "abset"},
		{name: "map elem typo", in: `{"tags":{"x":{"abset":"b"}}}`, kind: UnknownField, path: "tags.x.abset", value: "abset"},
		{name: "map key quoted", in: `{"tags":{"a b":{"abset":"b"}}}`, kind: UnknownField, path: `tags["a b"].abset`, value: "abset"},
		{name: "ptr typo", in: `{"ptr":{"frm":"x"}}`, kind: UnknownField, path: "ptr.frm", value: "frm"},
		{name: "dash field", in: `{"Skip":1}`, kind: UnknownField, path: "Skip", value: "Skip"},
		// duplicate keys at each depth, also inside self-decoding values
		{name: "dup top", in: `{"zone":"a","zone":"b"}`, kind: DuplicateKey, path: "zone", value: "zone"},
		{name: "dup nested", in: `{"overrides":[{"absent":"a","absent":"b"}]}`, kind: DuplicateKey, path: "overrides[0].absent"},
		{name: "dup in any", in: `{"any":{"q":1,"q":2}}`, kind: DuplicateKey, path: "any.q"},
		{name: "dup in self", in: `{"self":{"q":1,"q":2}}`, kind: DuplicateKey, path: "self.q"},
		{name: "dup in map", in: `{"names":{"a":"1","a":"2"}}`, kind: DuplicateKey, path: "names.a"},
		// syntax
		{name: "trailing", in: `{} {}`, kind: Syntax},
		{name: "truncated", in: `{"zone":"UTC"`, kind: Syntax},
		{name: "bad literal", in: `{"zone":nul}`, kind: Syntax, path: "zone"},
		{name: "bad number", in: `{"any":01}`, kind: Syntax},
		{name: "empty", in: ``, kind: Syntax},
		{name: "control", in: "{\"zone\":\"a\x01\"}", kind: Syntax, path: "zone"},
		// types
		{name: "type", in: `{"zone":5}`, kind: Type, path: "zone", value: "5"},
		{name: "type nested", in: `{"overrides":[{"absent":true}]}`, kind: Type, path: "overrides[0].absent", value: "true"},
		{name: "type array for object", in: `{"ptr":[1]}`, kind: Type, path: "ptr", value: "[1]"},
		{name: "type string for array", in: `{"overrides":"x"}`, kind: Type, path: "overrides", value: `"x"`},
		{name: "type in map", in: `{"names":{"a":1}}`, kind: Type, path: "names.a", value: "1"},
		{name: "null anywhere", in: `{"overrides":[null],"names":{"a":null},"ptr":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w wire
			err := Decode([]byte(tt.in), &w)
			if tt.kind == 0 {
				require.NoError(t, err)
				return
			}
			var se *Error
			require.ErrorAs(t, err, &se, "Decode(%s)", tt.in)
			assert.Equal(t, tt.kind, se.Kind, "kind of %v", err)
			if tt.path != "" {
				assert.Equal(t, tt.path, se.Path, "path of %v", err)
			}
			if tt.value != "" {
				assert.Equal(t, tt.value, se.Value, "value of %v", err)
			}
		})
	}
}

func TestDecodeValues(t *testing.T) {
	var w wire
	w.Zone = "keep"
	require.NoError(t, Decode([]byte(`{"zone":null,"overrides":[{"absent":"a\u00e9"}],"self":[1]}`), &w))
	assert.Equal(t, "keep", w.Zone, "null leaves the value unchanged")
	assert.Equal(t, "aé", w.Overrides[0].Absent)
	assert.Equal(t, "[1]", w.Self.raw)
}

func TestSuggestion(t *testing.T) {
	var w wire
	err := Decode([]byte(`{"overides":[]}`), &w)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `did you mean "overrides"`)
	assert.Equal(t, `overides "overides": unknown field: did you mean "overrides"?`, err.Error())
}

type failing struct{}

var errInner = errors.New("inner")

func (*failing) UnmarshalJSON([]byte) error { return errInner }

func TestNestedErrorPassesThrough(t *testing.T) {
	var w struct {
		F failing `json:"f"`
	}
	err := Decode([]byte(`{"f":1}`), &w)
	require.ErrorIs(t, err, errInner)
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{}`, `{"zone":"a","overrides":[{"absent":"x"}]}`, `{"a":1,"a":2}`, `[1,2`, `{"tags":{"k":{"from":"x"}}}`, `"\u00e9"`, `1e5`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w wire
		err := Decode([]byte(s), &w)
		// Anything Decode accepts, encoding/json accepts too.
		if err == nil {
			var w2 wire
			require.NoError(t, json.Unmarshal([]byte(s), &w2))
		}
		// Anything that is not valid JSON is refused.
		if !json.Valid([]byte(s)) {
			require.Error(t, err)
		}
	})
}

func TestMessage(t *testing.T) {
	errWeeks := errors.New("sprint: weeks out of range")
	assert.Equal(t, `sprint: weeks "0": weeks out of range: want 1 to 52`, Message("sprint", "weeks", "0", "want 1 to 52", errWeeks))
	assert.Equal(t, `sprint: people: weeks out of range`, Message("sprint", "people", "", "", errWeeks))
	assert.Equal(t, `sprint: "x": why`, Message("sprint", "", "x", "why", nil))
	assert.Equal(t, `sprint: weeks out of range`, Message("sprint", "", "", "", errWeeks))
	assert.Equal(t, `sprint: weeks out of range: want 1`, Message("sprint", "", "", "want 1", errWeeks))
}
