package sprint

import (
	"slices"
	"strconv"
	"strings"

	"github.com/teamcadence/cadence/internal/strict"
)

// checkRoles validates a list of role names: none empty or with a line
// break, none given twice. Errors name "roles[i]".
func checkRoles(roles []string) error {
	for i, r := range roles {
		field := "roles[" + strconv.Itoa(i) + "]"
		switch {
		case r == "":
			return &ConfigError{Field: field, Err: ErrName, Reason: "empty role name"}
		case strings.ContainsAny(r, "\r\n"):
			return &ConfigError{Field: field, Value: r, Err: ErrName, Reason: "has a line break"}
		case slices.Contains(roles[:i], r):
			return &ConfigError{Field: field, Value: r, Err: ErrName, Reason: "role listed twice"}
		}
	}
	return nil
}

// checkOwner reports an owner that is not one of roles as ErrUnknownName on
// field; an empty owner (none) is fine.
func checkOwner(field, owner string, roles []string) error {
	if owner == "" || slices.Contains(roles, owner) {
		return nil
	}
	return &ConfigError{Field: field, Value: owner, Err: ErrUnknownName, Reason: ownerReason(owner, roles)}
}

// ownerReason says why owner does not resolve, suggesting a role that
// differs only in case or by a small edit.
func ownerReason(owner string, roles []string) string {
	if len(roles) == 0 {
		return "not a role: no roles are listed"
	}
	best, bestD := "", 3
	for _, r := range roles {
		if strings.EqualFold(r, owner) {
			return "not one of the roles (did you mean " + strconv.Quote(r) + "?)"
		}
		if d := strict.EditDistance(owner, r); d < bestD {
			best, bestD = r, d
		}
	}
	if best != "" {
		return "not one of the roles (did you mean " + strconv.Quote(best) + "?)"
	}
	var b strings.Builder
	b.WriteString("not one of the roles ")
	for i, r := range roles {
		if i > 0 {
			b.WriteString(", ")
		}
		if b.Len() > 120 {
			b.WriteString("...")
			break
		}
		b.WriteString(strconv.Quote(r))
	}
	return b.String()
}
