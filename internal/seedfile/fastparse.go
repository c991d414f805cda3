package seedfile

import (
	"bytes"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// This file is a fast path for Parse. Seed files use a small part of YAML:
// block mappings and sequences indented with spaces, keys made of letters,
// digits, '_' and '-', single-line plain scalars and single-line
// double-quoted scalars without escapes other than \" and \\. fastParse
// builds for such front matter the same node tree yaml.v3 would build
// (kinds, styles, resolved tags, values, lines and columns; a differential
// test and the fuzzer check this) faster (BenchmarkParse against
// BenchmarkParseYAML, the same files with the fast path off). Anything outside
// that subset, valid or not, returns ok == false and Parse falls back to
// yaml.v3.

// fastLine is one line of the front matter.
type fastLine struct {
	start, end int // content after the indent, and the end before the line break
	indent     int
	num        int // 1-based line number in the front matter
}

// fastParser holds the state of one fast parse.
type fastParser struct {
	fm    []byte
	lines []fastLine
	i     int // next line
	nodes []yaml.Node
}

// fallback is the panic value fastParse uses to give up.
type fallback struct{}

// fastParse parses seed-shaped front matter. ok is false when fm uses
// anything outside the fast subset.
func fastParse(fm []byte) (root *yaml.Node, ok bool) {
	if bytes.IndexByte(fm, '\t') >= 0 || bytes.Contains(fm, []byte("\xc2\x85")) ||
		bytes.Contains(fm, []byte("\xe2\x80\xa8")) || bytes.Contains(fm, []byte("\xe2\x80\xa9")) {
		return nil, false
	}
	p := &fastParser{fm: fm, lines: make([]fastLine, 0, 64)}
	for pos, num := 0, 1; pos < len(fm); num++ {
		end := bytes.IndexByte(fm[pos:], '\n')
		next := len(fm)
		if end < 0 {
			end = len(fm)
		} else {
			end += pos
			next = end + 1
		}
		lineEnd := end
		if lineEnd > pos && fm[lineEnd-1] == '\r' {
			lineEnd--
		}
		if bytes.IndexByte(fm[pos:lineEnd], '\r') >= 0 {
			return nil, false
		}
		ind := pos
		for ind < lineEnd && fm[ind] == ' ' {
			ind++
		}
		if ind < lineEnd { // blank lines are skipped
			if fm[ind] == '#' {
				return nil, false
			}
			p.lines = append(p.lines, fastLine{start: ind, end: lineEnd, indent: ind - pos, num: num})
		}
		pos = next
	}
	if len(p.lines) == 0 {
		return nil, true
	}
	defer func() {
		if r := recover(); r != nil {
			if _, is := r.(fallback); !is {
				panic(r)
			}
			root, ok = nil, false
		}
	}()
	p.nodes = make([]yaml.Node, 0, 2*len(p.lines)+8)
	first := p.lines[0]
	if first.indent != 0 {
		return nil, false
	}
	root = p.mapping(first.indent, first.start, first.num)
	if p.i != len(p.lines) {
		return nil, false
	}
	return root, true
}

func giveUp() { panic(fallback{}) }

// node allocates a node from the parser's slab.
func (p *fastParser) node(kind yaml.Kind, tag string, line, col int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 64)
	}
	p.nodes = append(p.nodes, yaml.Node{Kind: kind, Tag: tag, Line: line, Column: col})
	return &p.nodes[len(p.nodes)-1]
}

// col returns the 1-based column of offset off on line l (the line's
// prefix up to a value is ASCII in the subset).
func (p *fastParser) col(l fastLine, off int) int { return l.indent + off - l.start + 1 }

// mapping parses a block mapping whose first key starts at offset start of
// the current line, at column indent.
func (p *fastParser) mapping(indent, start, num int) *yaml.Node {
	m := p.node(yaml.MappingNode, "!!map", num, indent+1)
	for {
		l := p.lines[p.i]
		key, rest := p.key(l, start, indent)
		m.Content = append(m.Content, key)
		p.i++
		if rest < l.end {
			m.Content = append(m.Content, p.scalar(l, rest))
		} else {
			if p.i >= len(p.lines) {
				giveUp() // an empty value
			}
			n := p.lines[p.i]
			switch {
			case n.indent >= indent && p.isItem(n):
				m.Content = append(m.Content, p.sequence(n.indent))
			case n.indent > indent:
				m.Content = append(m.Content, p.mapping(n.indent, n.start, n.num))
			default:
				giveUp()
			}
		}
		if p.i >= len(p.lines) {
			return m
		}
		n := p.lines[p.i]
		if n.indent < indent {
			return m
		}
		if n.indent > indent || p.isItem(n) {
			giveUp()
		}
		start = n.start
	}
}

// isItem reports whether a line starts a sequence item.
func (p *fastParser) isItem(l fastLine) bool {
	return p.fm[l.start] == '-' && (l.start+1 == l.end || p.fm[l.start+1] == ' ')
}

// sequence parses a block sequence whose dashes sit at column indent.
func (p *fastParser) sequence(indent int) *yaml.Node {
	l := p.lines[p.i]
	s := p.node(yaml.SequenceNode, "!!seq", l.num, indent+1)
	for {
		l = p.lines[p.i]
		rest := l.start + 1
		for rest < l.end && p.fm[rest] == ' ' {
			rest++
		}
		if rest >= l.end || p.fm[rest] == '-' {
			giveUp() // an empty item or a nested compact sequence
		}
		if p.keyEnd(l, rest) > 0 {
			s.Content = append(s.Content, p.mapping(p.col(l, rest)-1, rest, l.num))
		} else {
			s.Content = append(s.Content, p.scalar(l, rest))
			p.i++
		}
		if p.i >= len(p.lines) {
			return s
		}
		n := p.lines[p.i]
		if n.indent < indent || n.indent == indent && !p.isItem(n) {
			return s
		}
		if n.indent > indent {
			giveUp()
		}
	}
}

// keyEnd returns the offset of the ':' ending a simple key at off, or 0.
func (p *fastParser) keyEnd(l fastLine, off int) int {
	q := off
	for q < l.end {
		c := p.fm[q]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || q > off && c == '-' {
			q++
			continue
		}
		break
	}
	if q == off || q >= l.end || p.fm[q] != ':' || q+1 < l.end && p.fm[q+1] != ' ' {
		return 0
	}
	return q
}

// key parses "key:" at off and returns the key node and the offset of the
// value (l.end when none follows on the line).
func (p *fastParser) key(l fastLine, off, indent int) (*yaml.Node, int) {
	colon := p.keyEnd(l, off)
	if colon == 0 {
		giveUp()
	}
	text := string(p.fm[off:colon])
	tag, ok := resolvePlain(text)
	if !ok {
		giveUp()
	}
	k := p.node(yaml.ScalarNode, tag, l.num, indent+1)
	k.Value = text
	rest := colon + 1
	for rest < l.end && p.fm[rest] == ' ' {
		rest++
	}
	return k, rest
}

// scalar parses a single-line scalar at off that ends the line.
func (p *fastParser) scalar(l fastLine, off int) *yaml.Node {
	text := p.fm[off:l.end]
	if text[0] == '"' {
		value, ok := doubleQuotedValue(text)
		if !ok {
			giveUp()
		}
		n := p.node(yaml.ScalarNode, "!!str", l.num, p.col(l, off))
		n.Style, n.Value = yaml.DoubleQuotedStyle, value
		return n
	}
	value := strings.TrimRight(string(text), " ")
	tag, ok := resolvePlain(value)
	if !ok || !plainValueOK(value) {
		giveUp()
	}
	n := p.node(yaml.ScalarNode, tag, l.num, p.col(l, off))
	n.Value = value
	return n
}

// plainValueOK reports whether a one-line plain scalar is in the subset:
// it starts with a letter, a digit or a non-ASCII letter, holds no comment
// or ": ", and only printable characters.
func plainValueOK(v string) bool {
	if strings.Contains(v, " #") || strings.Contains(v, ": ") || strings.HasSuffix(v, ":") {
		return false
	}
	for i := 0; i < len(v); {
		c := v[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7F {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(v[i:])
		if !unicode.IsPrint(r) || r == 0xFEFF {
			return false
		}
		i += size
	}
	return true
}

// resolvePlain returns the tag yaml.v3 resolves a plain scalar to, for the
// plain scalars of the subset; ok is false for anything else.
func resolvePlain(v string) (tag string, ok bool) {
	if v == "" {
		return "", false
	}
	c := v[0]
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		switch v {
		case "true", "True", "TRUE", "false", "False", "FALSE":
			return "!!bool", true
		case "null", "Null", "NULL":
			return "!!null", true
		}
		return "!!str", true
	case c >= 0x80:
		r, _ := utf8.DecodeRuneInString(v)
		return "!!str", unicode.IsLetter(r)
	case c >= '0' && c <= '9':
		if len(v) <= 18 && (len(v) == 1 || c != '0') && strings.Trim(v, "0123456789") == "" {
			return "!!int", true
		}
		if len(v) == 20 && v[4] == '-' && v[7] == '-' && v[10] == 'T' && v[13] == ':' && v[16] == ':' && v[19] == 'Z' {
			if _, err := time.Parse(time.RFC3339, v); err == nil {
				return "!!timestamp", true
			}
		}
	}
	return "", false
}

// doubleQuotedValue decodes a one-line double-quoted scalar that makes up
// the rest of its line, using only the \" and \\ escapes.
func doubleQuotedValue(text []byte) (string, bool) {
	var b []byte
	i := 1
	for ; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '"':
			for _, t := range text[i+1:] {
				if t != ' ' {
					return "", false
				}
			}
			if b == nil {
				return string(text[1:i]), true
			}
			return string(b), true
		case c == '\\':
			if i+1 >= len(text) || text[i+1] != '"' && text[i+1] != '\\' {
				return "", false
			}
			if b == nil {
				b = append(make([]byte, 0, len(text)), text[1:i]...)
			}
			i++
			b = append(b, text[i])
			continue
		case c < 0x20 || c == 0x7F:
			return "", false
		case c >= 0x80:
			r, size := utf8.DecodeRune(text[i:])
			if !unicode.IsPrint(r) && r != ' ' || r == 0xFEFF {
				return "", false
			}
			if b != nil {
				b = append(b, text[i:i+size]...)
			}
			i += size - 1
			continue
		}
		if b != nil {
			b = append(b, c)
		}
	}
	return "", false
}
