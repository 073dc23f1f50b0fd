package configcheck_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// node is a JSON value with its object keys in order.
type node struct {
	obj  bool
	arr  bool
	keys []string
	vals []*node // object values or array elements
	raw  json.RawMessage
}

func parse(data []byte) (*node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	n, err := parseValue(dec)
	if err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("text after the value")
	}
	return n, nil
}

func parseValue(dec *json.Decoder) (*node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		n := &node{obj: t == '{', arr: t == '['}
		for dec.More() {
			if n.obj {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.(string))
			}
			v, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			n.vals = append(n.vals, v)
		}
		if _, err := dec.Token(); err != nil { // closing delimiter
			return nil, err
		}
		return n, nil
	default:
		b, err := json.Marshal(t)
		return &node{raw: b}, err
	}
}

func (n *node) write(b *bytes.Buffer) {
	switch {
	case n.obj:
		b.WriteByte('{')
		for i, k := range n.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			n.vals[i].write(b)
		}
		b.WriteByte('}')
	case n.arr:
		b.WriteByte('[')
		for i, v := range n.vals {
			if i > 0 {
				b.WriteByte(',')
			}
			v.write(b)
		}
		b.WriteByte(']')
	default:
		b.Write(n.raw)
	}
}

func (n *node) bytes() []byte {
	var b bytes.Buffer
	n.write(&b)
	return b.Bytes()
}

func (n *node) clone() *node {
	c := &node{obj: n.obj, arr: n.arr, keys: append([]string(nil), n.keys...), raw: n.raw}
	for _, v := range n.vals {
		c.vals = append(c.vals, v.clone())
	}
	return c
}

// A mutation is one hostile change to a document, with its JSON path.
type mutation struct {
	kind string // "misspelt key", "unknown key", "duplicate key"
	path string
	doc  []byte
}

// mutations returns, for every object at every depth, the document with
// one of its keys misspelt, with an unknown key added, and with its first
// key given twice. Objects whose keys are data (maps) are skipped when
// isMap reports so for their path.
func mutations(root *node, isMap func(path string) bool) []mutation {
	var out []mutation
	var walk func(n *node, path string, edit func(f func(*node)) []byte)
	walk = func(n *node, path string, edit func(f func(*node)) []byte) {
		switch {
		case n.obj:
			if !isMap(path) {
				for i, k := range n.keys {
					i, k := i, k
					out = append(out, mutation{"misspelt key", join(path, k), edit(func(m *node) { m.keys[i] = misspell(k) })})
				}
				out = append(out, mutation{"unknown key", join(path, "zzTypo"), edit(func(m *node) {
					m.keys = append(m.keys, "zzTypo")
					m.vals = append(m.vals, &node{raw: json.RawMessage(`0`)})
				})})
			}
			if len(n.keys) > 0 {
				out = append(out, mutation{"duplicate key", join(path, n.keys[0]), edit(func(m *node) {
					m.keys = append(m.keys, m.keys[0])
					m.vals = append(m.vals, m.vals[0].clone())
				})})
			}
			for i, k := range n.keys {
				i := i
				walk(n.vals[i], join(path, k), func(f func(*node)) []byte {
					return edit(func(m *node) { f(m.vals[i]) })
				})
			}
		case n.arr:
			for i := range n.vals {
				i := i
				walk(n.vals[i], fmt.Sprintf("%s[%d]", path, i), func(f func(*node)) []byte {
					return edit(func(m *node) { f(m.vals[i]) })
				})
			}
		}
	}
	walk(root, "", func(f func(*node)) []byte {
		c := root.clone()
		f(c)
		return c.bytes()
	})
	return out
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// misspell drops a letter from a long key and doubles one in a short one,
// as typing does.
func misspell(k string) string {
	if len(k) > 3 {
		return k[:2] + k[3:]
	}
	return k + k[len(k)-1:]
}
