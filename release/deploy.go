package release

import (
	"fmt"
	"strings"
)

// An Image identifies what is deployed: a released Version or a commit hash
// (7 to 40 lowercase hexadecimal digits). A branch name such as "main" is
// not an Image: it moves, so it cannot say what runs (R16). Images compare
// with ==; the zero Image is nothing deployed yet.
type Image struct {
	version Version
	commit  string
}

// ImageOf returns the image of released version v.
func ImageOf(v Version) Image { return Image{version: v} }

// ParseImage parses a tag: a version such as "v4.58.0" or "4.58.0", or a
// commit hash such as "3f2a9c1". Anything else, such as "main" or "latest",
// returns a *TagError matching ErrTag.
func ParseImage(tag string) (Image, error) {
	if tag == "" {
		return Image{}, &TagError{Tag: tag, Why: "empty tag"}
	}
	if isCommit(tag) {
		return Image{commit: tag}, nil
	}
	if v, err := ParseVersion(tag); err == nil && !v.IsZero() {
		return Image{version: v}, nil
	}
	why := "not a version such as v4.58.0 or a commit hash; a branch name moves, so deploy its commit hash"
	return Image{}, &TagError{Tag: tag, Why: why}
}

func isCommit(s string) bool {
	if len(s) < 7 || len(s) > 40 {
		return false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'f':
		default:
			return false
		}
	}
	return digits > 0 || len(s) == 40
}

// IsZero reports whether i is the zero Image.
func (i Image) IsZero() bool { return i == Image{} }

// Version returns the image's version and true, or false for a commit.
func (i Image) Version() (Version, bool) { return i.version, i.commit == "" && !i.version.IsZero() }

// Commit returns the image's commit hash and true, or false for a version.
func (i Image) Commit() (string, bool) { return i.commit, i.commit != "" }

// String returns "v4.58.0" for a version, the hash for a commit, and "" for
// the zero Image.
func (i Image) String() string {
	switch {
	case i.commit != "":
		return i.commit
	case i.version.IsZero():
		return ""
	}
	return "v" + i.version.String()
}

// MarshalText returns i.String().
func (i Image) MarshalText() ([]byte, error) { return []byte(i.String()), nil }

// UnmarshalText parses text with ParseImage; empty text gives the zero Image.
func (i *Image) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*i = Image{}
		return nil
	}
	v, err := ParseImage(string(text))
	if err != nil {
		return err
	}
	*i = v
	return nil
}

// A TagError reports a tag that is not an Image.
type TagError struct {
	Tag string
	Why string
}

// Error returns `release: image tag "main": why`.
func (e *TagError) Error() string { return fmt.Sprintf("release: image tag %q: %s", e.Tag, e.Why) }

// Unwrap returns ErrTag.
func (e *TagError) Unwrap() error { return ErrTag }

// A DeployError reports a deploy that does not move forward (R16).
type DeployError struct {
	Deployed, Next Image
}

// Error names both images.
func (e *DeployError) Error() string {
	return fmt.Sprintf("release: deploy %q over %q: not newer, and the database cannot migrate down", e.Next.String(), e.Deployed.String())
}

// Unwrap returns ErrDowngrade.
func (e *DeployError) Unwrap() error { return ErrDowngrade }

// CheckDeploy reports whether next may be deployed where deployed runs (R16),
// returning nil when it may. A version must be newer than a deployed version
// (a *DeployError matching ErrDowngrade otherwise, including the same
// version); a commit hash is accepted over anything but the same commit,
// since only the repository knows commit order; anything goes over the zero
// Image. Use ParseImage to turn tags into images: it rejects branch names.
func CheckDeploy(deployed, next Image) error {
	switch {
	case next.IsZero():
		return &TagError{Tag: "", Why: "nothing to deploy"}
	case deployed.IsZero():
		return nil
	case next.commit != "":
		if strings.HasPrefix(deployed.commit, next.commit) || (deployed.commit != "" && strings.HasPrefix(next.commit, deployed.commit)) {
			return &DeployError{Deployed: deployed, Next: next}
		}
		return nil
	case deployed.commit != "":
		return nil
	case !deployed.version.Less(next.version):
		return &DeployError{Deployed: deployed, Next: next}
	}
	return nil
}
