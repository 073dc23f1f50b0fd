package release

import (
	"cmp"
	"strconv"
	"strings"
)

// maxPart bounds each number of a version so that version arithmetic never
// overflows.
const maxPart = 999_999_999

// A Version is a release version MAJOR.MINOR.PATCH, as in 4.58.0 (a minor
// release) or 4.58.2 (its second patch release).
//
// Versions compare with Compare, and == and map keys work. The zero Version,
// 0.0.0, stands for "no version": IsZero reports it, it marshals to empty text
// and empty text unmarshals to it.
type Version struct {
	Major, Minor, Patch int
}

// ParseVersion parses "4.58.0" or "v4.58.0": three decimal numbers without
// leading zeros, each at most 999999999. Pre-release and build suffixes are
// not accepted here (a tag such as "fleet-v4.58.0-rc.1" is read with
// ParseTag). Malformed input returns a *VersionError matching ErrVersion.
func ParseVersion(s string) (Version, error) {
	v, why := parseVersion(strings.TrimPrefix(s, "v"))
	if why != "" {
		return Version{}, &VersionError{Input: s, Why: why}
	}
	return v, nil
}

// parseVersion parses MAJOR.MINOR.PATCH, returning what is wrong or "".
func parseVersion(s string) (Version, string) {
	var parts [3]int
	for i := range parts {
		end := strings.IndexByte(s, '.')
		if i == 2 {
			end = len(s)
		} else if end < 0 {
			return Version{}, "want MAJOR.MINOR.PATCH"
		}
		n, why := parsePart(s[:end])
		if why != "" {
			return Version{}, why
		}
		parts[i] = n
		if i < 2 {
			s = s[end+1:]
		}
	}
	return Version{parts[0], parts[1], parts[2]}, ""
}

func parsePart(s string) (int, string) {
	switch {
	case s == "":
		return 0, "empty number"
	case len(s) > 1 && s[0] == '0':
		return 0, "leading zero in " + strconv.Quote(s)
	case len(s) > 9:
		return 0, "number " + strconv.Quote(s) + " too large"
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, "unexpected " + strconv.QuoteRune(rune(c))
		}
		n = n*10 + int(c-'0')
	}
	return n, ""
}

// MustParseVersion is like ParseVersion but panics on malformed input. It is
// intended for use in tests and with hard-coded strings.
func MustParseVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

// IsZero reports whether v is the zero Version 0.0.0, meaning no version.
func (v Version) IsZero() bool { return v == Version{} }

// IsValid reports whether every part of v is between 0 and 999999999.
func (v Version) IsValid() bool {
	return inPart(v.Major) && inPart(v.Minor) && inPart(v.Patch)
}

func inPart(n int) bool { return n >= 0 && n <= maxPart }

// IsPatch reports whether v is a patch release (its Patch is not 0).
func (v Version) IsPatch() bool { return v.Patch != 0 }

// Minorline returns the minor release v belongs to: v with Patch 0.
func (v Version) Minorline() Version { return Version{v.Major, v.Minor, 0} }

// Compare returns -1, 0 or +1 as v is older than, equal to or newer than w.
func (v Version) Compare(w Version) int {
	switch {
	case v.Major != w.Major:
		return cmp.Compare(v.Major, w.Major)
	case v.Minor != w.Minor:
		return cmp.Compare(v.Minor, w.Minor)
	default:
		return cmp.Compare(v.Patch, w.Patch)
	}
}

// Less reports whether v is older than w.
func (v Version) Less(w Version) bool { return v.Compare(w) < 0 }

// String returns "MAJOR.MINOR.PATCH", without a "v" prefix; the zero
// Version is "0.0.0".
func (v Version) String() string {
	b := make([]byte, 0, 16)
	return string(v.appendTo(b))
}

func (v Version) appendTo(b []byte) []byte {
	b = strconv.AppendInt(b, int64(v.Major), 10)
	b = append(b, '.')
	b = strconv.AppendInt(b, int64(v.Minor), 10)
	b = append(b, '.')
	return strconv.AppendInt(b, int64(v.Patch), 10)
}

// MarshalText returns v.String(), or empty text for the zero Version.
// A Version with a negative or too large part cannot be marshalled.
func (v Version) MarshalText() ([]byte, error) {
	if v.IsZero() {
		return []byte{}, nil
	}
	if !v.IsValid() {
		return nil, &VersionError{Input: v.String(), Why: "part out of range"}
	}
	return v.appendTo(nil), nil
}

// UnmarshalText parses text with ParseVersion; empty text gives the zero
// Version.
func (v *Version) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*v = Version{}
		return nil
	}
	w, err := ParseVersion(string(text))
	if err != nil {
		return err
	}
	*v = w
	return nil
}
