package ical

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// A contentLine is one unfolded content line: NAME;PARAM=V:VALUE.
type contentLine struct {
	line   int // the file line on which it starts, from 1
	raw    string
	name   string            // upper case
	params map[string]string // upper-case names; quotes removed
	value  string
}

// syntaxErr returns a *ParseError for l wrapping ErrSyntax.
func (l contentLine) syntaxErr(reason string) error {
	return &ParseError{Line: l.line, Text: l.raw, Reason: reason, Err: ErrSyntax}
}

// unsupported returns a *ParseError for l wrapping ErrUnsupported.
func (l contentLine) unsupported(reason string) error {
	return &ParseError{Line: l.line, Text: l.raw, Reason: reason, Err: ErrUnsupported}
}

// contentLines unfolds data (CRLF or LF line ends; a line that starts with
// a space or a tab continues the previous one) and parses each content
// line. Blank lines are skipped.
func contentLines(data []byte) ([]contentLine, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var out []contentLine
	var cur strings.Builder
	start := 0
	flush := func() error {
		if start == 0 {
			return nil
		}
		l, err := parseContentLine(start, cur.String())
		if err != nil {
			return err
		}
		out = append(out, l)
		cur.Reset()
		start = 0
		return nil
	}
	for n := 1; len(data) > 0; n++ {
		var phys []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			phys, data = data[:i], data[i+1:]
		} else {
			phys, data = data, nil
		}
		phys = bytes.TrimSuffix(phys, []byte("\r"))
		switch {
		case len(phys) > 0 && (phys[0] == ' ' || phys[0] == '\t'):
			if start == 0 {
				return nil, &ParseError{Line: n, Text: string(phys), Err: ErrSyntax, Reason: "continuation line with nothing to continue"}
			}
			cur.Write(phys[1:])
		case len(bytes.TrimSpace(phys)) == 0:
			if err := flush(); err != nil {
				return nil, err
			}
		default:
			if err := flush(); err != nil {
				return nil, err
			}
			start = n
			cur.Write(phys)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// parseContentLine parses NAME *(";" PARAM) ":" VALUE.
func parseContentLine(n int, s string) (contentLine, error) {
	l := contentLine{line: n, raw: s}
	if !utf8.ValidString(s) {
		// Checked after unfolding: a fold may split a UTF-8 sequence.
		l.raw = strings.ToValidUTF8(s, "\uFFFD")
		return l, l.syntaxErr("not UTF-8")
	}
	i := 0
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	if i == 0 {
		return l, l.syntaxErr("want a property name")
	}
	l.name = strings.ToUpper(s[:i])
	for i < len(s) && s[i] == ';' {
		i++
		j := i
		for j < len(s) && isNameByte(s[j]) {
			j++
		}
		if j == i || j >= len(s) || s[j] != '=' {
			return l, l.syntaxErr("want a parameter NAME=value")
		}
		pname := strings.ToUpper(s[i:j])
		i = j + 1
		var val strings.Builder
		for {
			if i < len(s) && s[i] == '"' {
				k := strings.IndexByte(s[i+1:], '"')
				if k < 0 {
					return l, l.syntaxErr("unterminated quoted parameter value")
				}
				val.WriteString(s[i+1 : i+1+k])
				i += k + 2
			} else {
				k := i
				for k < len(s) && s[k] != ';' && s[k] != ':' && s[k] != ',' && s[k] != '"' {
					k++
				}
				val.WriteString(s[i:k])
				i = k
			}
			if i < len(s) && s[i] == ',' {
				val.WriteByte(',')
				i++
				continue
			}
			break
		}
		if l.params == nil {
			l.params = map[string]string{}
		}
		if _, dup := l.params[pname]; dup {
			return l, l.syntaxErr("parameter " + pname + " given twice")
		}
		l.params[pname] = val.String()
	}
	if i >= len(s) || s[i] != ':' {
		return l, l.syntaxErr("want ':' before the value")
	}
	l.value = s[i+1:]
	return l, nil
}

// isNameByte reports whether c may appear in a property or parameter name
// (letters, digits, '-').
func isNameByte(c byte) bool {
	return c == '-' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

// unescape undoes TEXT escaping; an unknown escape keeps its character.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
