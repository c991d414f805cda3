package seedfile

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

var bomBytes = []byte{0xEF, 0xBB, 0xBF}

// fastPathOff disables fastParse (for benchmarks and tests that compare).
var fastPathOff = false

// Parse parses a seed file. It refuses malformed input with a *ParseError
// that names the 1-based line of the file (the opening --- is line 1):
// no front matter or no closing ---, invalid YAML, duplicate keys, a front
// matter that is not a mapping, non-scalar keys, anchors on keys, aliases
// that repeat their own anchor or expand past MaxAliasExpansion, invalid
// UTF-8, NUL bytes, files over MaxSize. Parse copies data.
func Parse(data []byte) (*Document, error) { return parse(data, true) }

// parse parses a seed file, refusing files over MaxSize when limit is set.
func parse(data []byte, limit bool) (*Document, error) {
	if limit && len(data) > MaxSize {
		return nil, &ParseError{Line: 1, Msg: fmt.Sprintf("file is %d bytes, larger than the %d-byte limit", len(data), MaxSize)}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, &ParseError{Line: lineAt(data, i), Msg: "binary file (NUL byte)"}
	}
	if !utf8.Valid(data) {
		return nil, &ParseError{Line: lineAt(data, invalidUTF8At(data)), Msg: "invalid UTF-8"}
	}
	data = bytes.Clone(data)
	d := &Document{src: data, nl: "\n"}
	pos := 0
	if bytes.HasPrefix(data, bomBytes) {
		d.bom = true
		pos = len(bomBytes)
	}
	first, next := nextLine(data, pos)
	if trimEOL(first) != "---" {
		return nil, &ParseError{Line: 1, Msg: "no front matter: the first line must be ---"}
	}
	if strings.HasSuffix(string(first), "\r\n") {
		d.nl = "\r\n"
	}
	d.fmStart = next
	d.fmEnd = -1
	for pos = next; pos < len(data); {
		line, after := nextLine(data, pos)
		if trimEOL(line) == "---" {
			d.fmEnd, d.closeEnd = pos, after
			break
		}
		if isDocMarker(line) {
			return nil, &ParseError{Line: lineAt(data, pos), Msg: fmt.Sprintf("YAML document marker %q is not allowed inside the front matter", strings.TrimRight(string(line), "\r\n"))}
		}
		pos = after
	}
	if d.fmEnd < 0 {
		return nil, &ParseError{Line: 1, Msg: "the front matter opened on line 1 has no closing --- line"}
	}
	d.bodyOff = d.closeEnd
	if rest := data[d.closeEnd:]; bytes.HasPrefix(rest, []byte("\r\n")) {
		d.bodyOff += 2
	} else if bytes.HasPrefix(rest, []byte("\n")) {
		d.bodyOff++
	}
	d.lineStarts() // built now so that reading methods never write
	root, err := d.decode()
	if err != nil {
		return nil, err
	}
	d.root = root
	return d, nil
}

// decode parses the front matter into its top-level mapping and validates it.
func (d *Document) decode() (root *yaml.Node, err error) {
	fm := d.src[d.fmStart:d.fmEnd]
	if top, ok := fastParse(fm); ok && !fastPathOff {
		if top == nil {
			return nil, nil
		}
		if perr := d.validate(top); perr != nil {
			return nil, perr
		}
		return top, nil
	}
	var doc yaml.Node
	if err = safeUnmarshal(fm, &doc); err != nil {
		line, msg := splitYAMLError(err)
		fileLine := d.fileLine(line)
		if parserError(msg) {
			fileLine = d.errorLine(fm, msg, fileLine)
		}
		return nil, &ParseError{Line: fileLine, Msg: "invalid YAML: " + msg}
	}
	if doc.Kind == 0 {
		return nil, nil // empty front matter (or only comments)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, &ParseError{Line: 2, Msg: "front matter is not a YAML mapping"}
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, &ParseError{Line: d.fileLine(top.Line), Msg: "front matter is not a YAML mapping"}
	}
	if perr := d.validate(top); perr != nil {
		return nil, perr
	}
	if d.aliased {
		if perr := d.checkExpansion(top); perr != nil {
			return nil, perr
		}
	}
	return top, nil
}

// validate refuses non-scalar keys, anchors on keys and duplicate keys,
// and notes whether the front matter uses anchors or aliases.
func (d *Document) validate(n *yaml.Node) *ParseError {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		d.aliased = true
	}
	if n.Kind == yaml.MappingNode {
		var seen map[string]int
		if len(n.Content) > 64 {
			seen = make(map[string]int, len(n.Content)/2)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				if k.Kind == yaml.AliasNode {
					return &ParseError{Line: d.fileLine(k.Line), Msg: "a YAML alias as a mapping key is not supported"}
				}
				return &ParseError{Line: d.fileLine(k.Line), Msg: "mapping key is not a scalar"}
			}
			if k.Anchor != "" {
				return &ParseError{Line: d.fileLine(k.Line), Msg: "a YAML anchor on a mapping key is not supported"}
			}
			dup := -1
			if seen != nil {
				if j, ok := seen[k.Value]; ok {
					dup = j
				} else {
					seen[k.Value] = i
				}
			} else {
				for j := 0; j < i; j += 2 {
					if n.Content[j].Value == k.Value {
						dup = j
						break
					}
				}
			}
			if dup >= 0 {
				return &ParseError{Line: d.fileLine(k.Line), Msg: fmt.Sprintf("duplicate key %q (first defined on line %d)", k.Value, d.fileLine(n.Content[dup].Line))}
			}
			if err := d.validate(n.Content[i+1]); err != nil {
				return err
			}
		}
		return nil
	}
	for _, c := range n.Content {
		if err := d.validate(c); err != nil {
			return err
		}
	}
	return nil
}

// parserError reports whether a yaml.v3 error message comes from its
// parser, whose line numbers point at the start of the enclosing
// collection (and are 0-based) rather than at the problem, or has no line.
func parserError(msg string) bool {
	return strings.HasPrefix(msg, "did not find expected") || strings.HasPrefix(msg, "found duplicate %") ||
		msg == "found incompatible YAML document" || msg == "found undefined tag handle" ||
		strings.HasPrefix(msg, "unknown anchor") // reported without a line
}

// maxErrorScan bounds the size of front matter errorLine re-parses.
const maxErrorScan = 256 << 10

// errorLine finds the file line of a YAML parser error: the last line of
// the shortest prefix of the front matter that fails with the same message
// (found by bisection: a prefix that holds the faulty line fails the same
// way).
func (d *Document) errorLine(fm []byte, msg string, fallback int) int {
	if len(fm) > maxErrorScan {
		return fallback
	}
	ends := []int{} // ends[k-1] is the offset after line k
	for pos := 0; pos < len(fm); {
		_, pos = nextLine(fm, pos)
		ends = append(ends, pos)
	}
	fails := func(k int) bool {
		var n yaml.Node
		err := safeUnmarshal(fm[:ends[k-1]], &n)
		if err == nil {
			return false
		}
		_, m := splitYAMLError(err)
		return m == msg
	}
	lo, hi := 1, len(ends) // fails(hi) holds: it is the whole front matter
	if hi == 0 || !fails(hi) {
		return fallback
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return hi + 1
}

// safeUnmarshal decodes YAML into a node, turning a panic into an error.
func safeUnmarshal(data []byte, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return yaml.Unmarshal(data, n)
}

// splitYAMLError extracts the line number (0 when absent) and the message of
// a yaml.v3 error.
func splitYAMLError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, tail, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				return n, tail
			}
		}
	}
	return 0, msg
}

// nextLine returns the line starting at pos (with its line break) and the
// offset of the next line.
func nextLine(data []byte, pos int) ([]byte, int) {
	i := bytes.IndexByte(data[pos:], '\n')
	if i < 0 {
		return data[pos:], len(data)
	}
	return data[pos : pos+i+1], pos + i + 1
}

// trimEOL drops the line break and trailing spaces, tabs and CRs.
func trimEOL(line []byte) string {
	return string(bytes.TrimRight(line, " \t\r\n"))
}

// isDocMarker reports whether a line starts a new YAML document or ends one.
func isDocMarker(line []byte) bool {
	if !bytes.HasPrefix(line, []byte("---")) && !bytes.HasPrefix(line, []byte("...")) {
		return false
	}
	if len(line) == 3 {
		return true
	}
	switch line[3] {
	case ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

// lineAt returns the 1-based line (counting '\n') of a byte offset.
func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// invalidUTF8At returns the offset of the first invalid UTF-8 sequence.
func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}
