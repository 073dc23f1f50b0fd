package bugflow

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/teamcadence/cadence/internal/strict"
)

// configJSON is the wire form of a Config: every Match is its search text.
type configJSON struct {
	Name        string            `json:"name,omitempty"`
	Boards      []Board           `json:"boards,omitempty"`
	Flow        []string          `json:"flow,omitempty"`
	Scope       string            `json:"scope,omitempty"`
	Roles       []string          `json:"roles,omitempty"`
	People      map[string]string `json:"people,omitempty"`
	Teams       []string          `json:"teams,omitempty"`
	States      []ruleJSON        `json:"states,omitempty"`
	Diagnoses   []diagnosisJSON   `json:"diagnoses,omitempty"`
	Metrics     metricsJSON       `json:"metrics,omitzero"`
	Transitions []Transition      `json:"transitions,omitempty"`
	Waiting     []string          `json:"waiting,omitempty"`
	Priorities  []string          `json:"priorities,omitempty"`
	Customer    []string          `json:"customer,omitempty"`
	Known       []string          `json:"known,omitempty"`
	Timers      timersJSON        `json:"timers,omitzero"`
}

type ruleJSON struct {
	Name   string `json:"name,omitempty"`
	State  string `json:"state"`
	Search string `json:"search"`
}

type diagnosisJSON struct {
	Name      string `json:"name,omitempty"`
	Diagnosis string `json:"diagnosis"`
	State     string `json:"state,omitempty"`
	Search    string `json:"search"`
}

type metricsJSON struct {
	Open   string `json:"open,omitempty"`
	Opened string `json:"opened,omitempty"`
	Closed string `json:"closed,omitempty"`
}

// MarshalJSON writes the configuration with camelCase keys, every Match as
// its search text and the timers as Go duration strings. It fails for a
// Match that cannot be written as a search (a name with a double quote).
func (c Config) MarshalJSON() ([]byte, error) {
	w := configJSON{Name: c.Name, Boards: c.Boards, Flow: c.Flow, Roles: c.Roles, People: c.People, Teams: c.Teams,
		Transitions: c.Transitions, Waiting: c.Waiting, Priorities: c.Priorities, Customer: c.Customer, Known: c.Known, Timers: c.Timers.wire()}
	text := func(field string, m Match) (string, error) {
		if err := m.validate(field); err != nil {
			return "", err
		}
		return m.String(), nil
	}
	var err error
	if w.Scope, err = text("scope", c.Scope); err != nil {
		return nil, err
	}
	for i, r := range c.States {
		s, err := text(fmt.Sprintf("states[%d].search", i), r.Match)
		if err != nil {
			return nil, err
		}
		w.States = append(w.States, ruleJSON{Name: r.Name, State: r.State, Search: s})
	}
	for i, r := range c.Diagnoses {
		s, err := text(fmt.Sprintf("diagnoses[%d].search", i), r.Match)
		if err != nil {
			return nil, err
		}
		w.Diagnoses = append(w.Diagnoses, diagnosisJSON{Name: r.Name, Diagnosis: r.Diagnosis.String(), State: r.State, Search: s})
	}
	if w.Metrics.Open, err = text("metrics.open", c.Metrics.Open); err != nil {
		return nil, err
	}
	if w.Metrics.Opened, err = text("metrics.opened", c.Metrics.Opened); err != nil {
		return nil, err
	}
	if w.Metrics.Closed, err = text("metrics.closed", c.Metrics.Closed); err != nil {
		return nil, err
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads what MarshalJSON writes, strictly: unknown and
// duplicate keys are refused at any depth, keys match exactly, and each
// search is parsed with ParseMatch. Errors are *ConfigError naming the
// JSON path ("states[2].search"). A null document leaves c unchanged;
// otherwise the result replaces c, a missing or null field giving the zero
// value. It does not check that names resolve: NewScheme does.
func (c *Config) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var w configJSON
	if err := strict.Decode(b, &w); err != nil {
		return fromStrict("", err)
	}
	out := Config{Name: w.Name, Boards: w.Boards, Flow: w.Flow, Roles: w.Roles, People: w.People, Teams: w.Teams,
		Transitions: w.Transitions, Waiting: w.Waiting, Priorities: w.Priorities, Customer: w.Customer, Known: w.Known}
	parse := func(field, text string) (Match, error) {
		m, err := ParseMatch(text)
		if err != nil {
			return Match{}, fromStrict(field, err)
		}
		return m, nil
	}
	var err error
	if out.Scope, err = parse("scope", w.Scope); err != nil {
		return err
	}
	for i, r := range w.States {
		m, err := parse(fmt.Sprintf("states[%d].search", i), r.Search)
		if err != nil {
			return err
		}
		out.States = append(out.States, StateRule{Name: r.Name, State: r.State, Match: m})
	}
	for i, r := range w.Diagnoses {
		f := fmt.Sprintf("diagnoses[%d]", i)
		d, err := parseDiagnosis(r.Diagnosis)
		if err != nil || strings.Contains(r.Diagnosis, "|") {
			return &ConfigError{Field: f + ".diagnosis", Value: r.Diagnosis, Reason: "want orphan, reproduced orphan or incomplete", Err: ErrUnknownName}
		}
		m, err := parse(f+".search", r.Search)
		if err != nil {
			return err
		}
		out.Diagnoses = append(out.Diagnoses, DiagnosisRule{Name: r.Name, Diagnosis: d, State: r.State, Match: m})
	}
	if out.Metrics.Open, err = parse("metrics.open", w.Metrics.Open); err != nil {
		return err
	}
	if out.Metrics.Opened, err = parse("metrics.opened", w.Metrics.Opened); err != nil {
		return err
	}
	if out.Metrics.Closed, err = parse("metrics.closed", w.Metrics.Closed); err != nil {
		return err
	}
	if out.Timers, err = w.Timers.timers("timers"); err != nil {
		return err
	}
	*c = out
	return nil
}

// MarshalJSON writes the scheme's Config.
func (s Scheme) MarshalJSON() ([]byte, error) { return json.Marshal(s.orEmpty().cfg) }

// UnmarshalJSON reads a Config as Config.UnmarshalJSON does and compiles it
// with NewScheme, returning the first error. A null document leaves s
// unchanged.
func (s *Scheme) UnmarshalJSON(b []byte) error {
	if isNull(b) {
		return nil
	}
	var cfg Config
	if err := cfg.UnmarshalJSON(b); err != nil {
		return err
	}
	c, err := NewScheme(cfg)
	if err != nil {
		return err
	}
	*s = c
	return nil
}
