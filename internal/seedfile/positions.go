package seedfile

import (
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// yamlBreak returns the length of the YAML line break at fm[i], or 0. It
// follows yaml.v3, which also breaks lines at a lone CR, NEL, LS and PS, so
// that node Line/Column values convert to the right byte offsets.
func yamlBreak(fm []byte, i int) int {
	switch c := fm[i]; c {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(fm) && fm[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xC2:
		if i+1 < len(fm) && fm[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < len(fm) && fm[i+1] == 0x80 && (fm[i+2] == 0xA8 || fm[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// lineStarts returns the offsets, relative to the front matter, of the YAML
// lines of the front matter (built once per text).
func (d *Document) lineStarts() []int {
	if d.lines != nil {
		return d.lines
	}
	fm := d.src[d.fmStart:d.fmEnd]
	starts := make([]int, 1, 64)
	for i := 0; i < len(fm); {
		// Skip to the next byte that can start a break: every text is
		// parsed once per import, and this runs over all its front matter
		// (BenchmarkParse).
		for i < len(fm) && !breakLead[fm[i]] {
			i++
		}
		if i == len(fm) {
			break
		}
		if n := yamlBreak(fm, i); n > 0 {
			i += n
			starts = append(starts, i)
			continue
		}
		i++
	}
	d.lines = starts
	return starts
}

// breakLead marks the first bytes of the line breaks yamlBreak finds.
var breakLead = [256]bool{'\n': true, '\r': true, 0xC2: true, 0xE2: true}

// fileLine converts a 1-based YAML line of the front matter to the 1-based
// line of the file (lines counted at '\n').
func (d *Document) fileLine(yamlLine int) int {
	if yamlLine < 1 {
		return 2
	}
	starts := d.lineStarts()
	if yamlLine > len(starts) {
		return lineAt(d.src, d.fmEnd)
	}
	return lineAt(d.src, d.fmStart+starts[yamlLine-1])
}

// offset converts a yaml.v3 position (1-based line, 1-based column counted
// in characters) to an absolute byte offset in src.
func (d *Document) offset(line, col int) int {
	starts := d.lineStarts()
	if line < 1 {
		return d.fmStart
	}
	if line > len(starts) {
		return d.fmEnd
	}
	off := d.fmStart + starts[line-1]
	for c := 1; c < col && off < d.fmEnd; c++ {
		if d.src[off] < utf8.RuneSelf {
			off++
			continue
		}
		_, size := utf8.DecodeRune(d.src[off:d.fmEnd])
		off += size
	}
	return off
}

// nodeOffset returns the absolute byte offset where a node starts.
func (d *Document) nodeOffset(n *yaml.Node) int { return d.offset(n.Line, n.Column) }
