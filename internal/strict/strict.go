// Package strict decodes JSON configuration strictly: unknown keys and
// duplicate keys are refused at any depth, nothing may follow the value, and
// every error names the JSON path of the offending value ("overrides[0].absent").
//
// It is shared by cadence's packages and is not part of the public API. Each
// package turns an [*Error] into its own ConfigError (see [Error.Kind]), so
// that callers match one sentinel per idea in every package.
package strict

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Kind classifies a decoding error.
type Kind int

const (
	// Syntax: the text is not JSON, or something follows the value.
	Syntax Kind = iota + 1
	// UnknownField: an object has a key the target type does not have.
	UnknownField
	// DuplicateKey: an object has the same key twice.
	DuplicateKey
	// Type: a JSON value does not fit the Go type it decodes into.
	Type
)

// An Error reports refused JSON: Path is where (empty for the document
// itself), Value the offending key or value text, Reason any detail beyond
// what Kind says (for an unknown field, a suggestion such as `did you mean
// "zone"?`; for a duplicate key, nothing), so that a package's ConfigError
// can take Reason as it is after its own sentinel's text.
type Error struct {
	Kind   Kind
	Path   string
	Value  string
	Reason string
}

// Error returns `path "value": what: reason`, naming the document itself
// when the path is empty.
func (e *Error) Error() string {
	p := e.Path
	if p == "" {
		p = "document"
	}
	what := map[Kind]string{UnknownField: "unknown field", DuplicateKey: "key given twice"}[e.Kind]
	msg := e.Reason
	switch {
	case what != "" && msg != "":
		msg = what + ": " + msg
	case what != "":
		msg = what
	}
	if e.Value == "" {
		return fmt.Sprintf("%s: %s", p, msg)
	}
	return fmt.Sprintf("%s %q: %s", p, e.Value, msg)
}

// Join returns the JSON path of key under parent.
func Join(parent, key string) string {
	if !isIdent(key) {
		key = "[" + strconv.Quote(key) + "]"
		return parent + key
	}
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// Index returns the JSON path of element i under parent.
func Index(parent string, i int) string {
	return parent + "[" + strconv.Itoa(i) + "]"
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '-' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Decode decodes data into v, which must point to a plain wire type (a
// struct, slice or map whose own type does not implement json.Unmarshaler;
// nested values may). Object keys must match a field's JSON name exactly
// (encoding/json would also accept other cases); maps and interface values
// accept any key. Duplicate keys are refused everywhere, also inside values
// whose types decode themselves. JSON null leaves a value unchanged, as
// encoding/json does.
//
// Errors from the structure of the text are *Error; errors returned by a
// nested type's UnmarshalJSON are passed through unchanged, so the caller
// may prefix their paths.
func Decode(data []byte, v any) error {
	rv := reflect.TypeOf(v)
	if rv == nil || rv.Kind() != reflect.Pointer {
		return &Error{Kind: Type, Reason: "internal: Decode needs a pointer"}
	}
	s := scanner{data: data}
	s.skipSpace()
	if err := s.value(rv.Elem(), "", true); err != nil {
		return err
	}
	s.skipSpace()
	if s.pos != len(s.data) {
		return &Error{Kind: Syntax, Value: excerpt(s.data[s.pos:]), Reason: "text after the JSON value"}
	}
	if err := json.Unmarshal(data, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			path := te.Field
			val := te.Value
			if te.Offset > 0 && int(te.Offset) <= len(data) {
				val = valueAt(data, int(te.Offset))
			}
			return &Error{Kind: Type, Path: path, Value: val, Reason: "want " + typeName(te.Type)}
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return &Error{Kind: Syntax, Reason: se.Error()}
		}
		return err
	}
	return nil
}

func typeName(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return t.String()
}

// valueAt returns the JSON value that ends at or starts near offset: the
// decoder reports the offset after the value it could not use.
func valueAt(data []byte, off int) string {
	start := off - 1
	for start > 0 && !bytes.ContainsRune([]byte(":[,"), rune(data[start-1])) {
		start--
	}
	return excerpt(bytes.TrimSpace(data[start:off]))
}

func excerpt(b []byte) string {
	const max = 64
	if len(b) > max {
		b = b[:max]
		for !utf8.Valid(b) && len(b) > 0 {
			b = b[:len(b)-1]
		}
		return string(b) + "..."
	}
	return string(b)
}

type scanner struct {
	data []byte
	pos  int
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

func (s *scanner) syntax(path, why string) error {
	v := ""
	if s.pos < len(s.data) {
		v = excerpt(s.data[s.pos:])
	}
	return &Error{Kind: Syntax, Path: path, Value: v, Reason: why}
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// decodesItself reports whether values of t decode themselves from JSON or
// from a JSON string, so their shape is theirs to check.
func decodesItself(t reflect.Type) bool {
	p := reflect.PointerTo(t)
	return t.Implements(unmarshalerType) || p.Implements(unmarshalerType) ||
		t.Implements(textUnmarshalerType) || p.Implements(textUnmarshalerType)
}

// want says what JSON a value of type t needs, or "" for anything.
func want(t reflect.Type) (first string, what string) {
	if t == nil {
		return "", ""
	}
	switch t.Kind() {
	case reflect.String:
		return "\"", "a string"
	case reflect.Bool:
		return "tf", "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "-0123456789", typeName(t)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return "\"[", "a base64 string"
		}
		return "[", "an array"
	case reflect.Array:
		return "[", "an array"
	case reflect.Map, reflect.Struct:
		return "{", "an object"
	}
	return "", ""
}

// value scans one JSON value at s.pos. t is the Go type it decodes into, or
// nil when any key is acceptable.
func (s *scanner) value(t reflect.Type, path string, root bool) error {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t != nil && !root && decodesItself(t) {
		t = nil // it decodes itself; still refuse duplicate keys inside
	}
	if t != nil && t.Kind() == reflect.Interface {
		t = nil
	}
	if s.pos >= len(s.data) {
		return s.syntax(path, "unexpected end of JSON")
	}
	if first, what := want(t); first != "" && s.data[s.pos] != 'n' && !strings.ContainsRune(first, rune(s.data[s.pos])) {
		start := s.pos
		if err := s.value(nil, path, false); err != nil {
			return err
		}
		return &Error{Kind: Type, Path: path, Value: excerpt(s.data[start:s.pos]), Reason: "want " + what}
	}
	switch c := s.data[s.pos]; {
	case c == '{':
		return s.object(t, path)
	case c == '[':
		return s.array(t, path)
	case c == '"':
		_, err := s.str(path)
		return err
	case c == '-' || c >= '0' && c <= '9':
		return s.number(path)
	case c == 't':
		return s.literal(path, "true")
	case c == 'f':
		return s.literal(path, "false")
	case c == 'n':
		return s.literal(path, "null")
	}
	return s.syntax(path, "not a JSON value")
}

func (s *scanner) literal(path, lit string) error {
	if !bytes.HasPrefix(s.data[s.pos:], []byte(lit)) {
		return s.syntax(path, "not a JSON value")
	}
	s.pos += len(lit)
	return nil
}

func (s *scanner) number(path string) error {
	start := s.pos
	if s.data[s.pos] == '-' {
		s.pos++
	}
	digits := func() int {
		n := 0
		for s.pos < len(s.data) && s.data[s.pos] >= '0' && s.data[s.pos] <= '9' {
			s.pos++
			n++
		}
		return n
	}
	if s.pos < len(s.data) && s.data[s.pos] == '0' {
		s.pos++
	} else if digits() == 0 {
		s.pos = start
		return s.syntax(path, "malformed number")
	}
	if s.pos < len(s.data) && s.data[s.pos] == '.' {
		s.pos++
		if digits() == 0 {
			s.pos = start
			return s.syntax(path, "malformed number")
		}
	}
	if s.pos < len(s.data) && (s.data[s.pos] == 'e' || s.data[s.pos] == 'E') {
		s.pos++
		if s.pos < len(s.data) && (s.data[s.pos] == '+' || s.data[s.pos] == '-') {
			s.pos++
		}
		if digits() == 0 {
			s.pos = start
			return s.syntax(path, "malformed number")
		}
	}
	return nil
}

// str scans a string and returns its decoded text.
func (s *scanner) str(path string) (string, error) {
	start := s.pos
	s.pos++ // opening quote
	simple := true
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			s.pos++
			raw := s.data[start:s.pos]
			if simple {
				return string(raw[1 : len(raw)-1]), nil
			}
			var out string
			if err := json.Unmarshal(raw, &out); err != nil {
				s.pos = start
				return "", s.syntax(path, "malformed string")
			}
			return out, nil
		case c == '\\':
			simple = false
			s.pos += 2
		case c < 0x20:
			s.pos = start
			return "", s.syntax(path, "control character in string")
		case c >= utf8.RuneSelf:
			simple = false
			s.pos++
		default:
			s.pos++
		}
	}
	s.pos = start
	return "", s.syntax(path, "unterminated string")
}

func (s *scanner) array(t reflect.Type, path string) error {
	var elem reflect.Type
	if t != nil {
		switch t.Kind() {
		case reflect.Slice, reflect.Array:
			elem = t.Elem()
		}
	}
	s.pos++ // [
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == ']' {
		s.pos++
		return nil
	}
	for i := 0; ; i++ {
		s.skipSpace()
		if err := s.value(elem, Index(path, i), false); err != nil {
			return err
		}
		s.skipSpace()
		if s.pos >= len(s.data) {
			return s.syntax(path, "unterminated array")
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return nil
		default:
			return s.syntax(path, "want , or ] in array")
		}
	}
}

func (s *scanner) object(t reflect.Type, path string) error {
	var fields map[string]reflect.Type
	var elem reflect.Type
	checkFields := false
	if t != nil {
		switch t.Kind() {
		case reflect.Struct:
			fields = fieldsOf(t)
			checkFields = true
		case reflect.Map:
			elem = t.Elem()
		}
	}
	s.pos++ // {
	s.skipSpace()
	if s.pos < len(s.data) && s.data[s.pos] == '}' {
		s.pos++
		return nil
	}
	var seen []string
	for {
		s.skipSpace()
		if s.pos >= len(s.data) || s.data[s.pos] != '"' {
			return s.syntax(path, "want a quoted key in object")
		}
		key, err := s.str(path)
		if err != nil {
			return err
		}
		kp := Join(path, key)
		for _, k := range seen {
			if k == key {
				return &Error{Kind: DuplicateKey, Path: kp, Value: key}
			}
		}
		seen = append(seen, key)
		vt := elem
		if checkFields {
			ft, ok := fields[key]
			if !ok {
				return &Error{Kind: UnknownField, Path: kp, Value: key, Reason: unknownReason(key, fields)}
			}
			vt = ft
		}
		s.skipSpace()
		if s.pos >= len(s.data) || s.data[s.pos] != ':' {
			return s.syntax(kp, "want : after key")
		}
		s.pos++
		s.skipSpace()
		if err := s.value(vt, kp, false); err != nil {
			return err
		}
		s.skipSpace()
		if s.pos >= len(s.data) {
			return s.syntax(path, "unterminated object")
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return nil
		default:
			return s.syntax(path, "want , or } in object")
		}
	}
}

// unknownReason suggests the field a misspelt key was meant to be: one that
// differs only in case or by a small edit; "" when none is close.
func unknownReason(key string, fields map[string]reflect.Type) string {
	best, bestD := "", 3
	for name := range fields {
		if strings.EqualFold(name, key) {
			return fmt.Sprintf("did you mean %q?", name)
		}
		if d := EditDistance(key, name); d < bestD || d == bestD && name < best {
			best, bestD = name, d
		}
	}
	if best != "" && bestD <= 2 {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return ""
}

// EditDistance is the Levenshtein distance of a and b in runes, for
// "did you mean" suggestions and near misses in every package. Names longer
// than 256 runes are not compared: the result is then the larger length.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 256 || len(rb) > 256 {
		return max(len(ra), len(rb))
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// fieldsOf maps a struct's JSON keys to their types, following
// encoding/json's rules for tags, "-" and embedded structs.
func fieldsOf(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	for _, f := range reflect.VisibleFields(t) {
		if f.Anonymous {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if _, tagged := f.Tag.Lookup("json"); !tagged && ft.Kind() == reflect.Struct {
				continue // its fields are promoted and listed on their own
			}
		}
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		if _, dup := m[name]; !dup || len(f.Index) == 1 {
			m[name] = f.Type
		}
	}
	fieldCache.Store(t, m)
	return m
}

// Message is the one text layout of every package's ConfigError:
// `pkg: field "value": what is wrong: reason`. The sentinel's own package
// prefix is not repeated; an empty field or value is left out.
func Message(pkg, field, value, reason string, sentinel error) string {
	var b strings.Builder
	b.WriteString(pkg)
	b.WriteString(":")
	if field != "" {
		b.WriteString(" ")
		b.WriteString(field)
	}
	if value != "" {
		b.WriteString(" ")
		b.WriteString(strconv.Quote(shorten(value)))
	}
	head := field != "" || value != ""
	what := ""
	if sentinel != nil {
		what = strings.TrimPrefix(sentinel.Error(), pkg+": ")
	}
	var parts []string
	if what != "" {
		parts = append(parts, what)
	}
	if reason != "" && reason != what {
		parts = append(parts, reason)
	}
	for i, part := range parts {
		if i == 0 && !head {
			b.WriteString(" ")
		} else {
			b.WriteString(": ")
		}
		b.WriteString(part)
	}
	return b.String()
}

func shorten(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	s = s[:max]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "..."
}
