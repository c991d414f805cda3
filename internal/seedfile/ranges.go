package seedfile

import (
	"sort"

	"gopkg.in/yaml.v3"
)

// This file finds where nodes end in the text. yaml.v3 records only where a
// node starts, so the end is found by scanning: quoted scalars to their
// closing quote, flow collections to their closing bracket, plain scalars to
// the end of their (continued) lines, block scalars to the end of their
// indented content, block collections to the end of their last child.

// lineOf returns the index into lineStarts of the line holding absolute offset off.
func (d *Document) lineOf(off int) int {
	starts := d.lineStarts()
	rel := off - d.fmStart
	return sort.Search(len(starts), func(i int) bool { return starts[i] > rel }) - 1
}

// lineStart returns the absolute offset of the start of the line holding off.
func (d *Document) lineStart(off int) int {
	return d.fmStart + d.lineStarts()[d.lineOf(off)]
}

// nextLineStart returns the absolute offset of the line after the one
// holding off (the front matter's end for its last line).
func (d *Document) nextLineStart(off int) int {
	starts := d.lineStarts()
	i := d.lineOf(off)
	if i+1 < len(starts) {
		return d.fmStart + starts[i+1]
	}
	return d.fmEnd
}

// eol returns the absolute offset of the line break ending the line at off.
func (d *Document) eol(off int) int {
	for off < d.fmEnd {
		if yamlBreak(d.src[:d.fmEnd], off) > 0 {
			return off
		}
		off++
	}
	return d.fmEnd
}

// firstOnLine reports whether only spaces precede off on its line.
func (d *Document) firstOnLine(off int) bool {
	for p := d.lineStart(off); p < off; p++ {
		if d.src[p] != ' ' {
			return false
		}
	}
	return true
}

// lineInfo returns the column (in characters) of the first character that
// is not a space or tab on the line starting at ls, that character's offset,
// and whether the line is blank.
func (d *Document) lineInfo(ls int) (col, first int, blank bool) {
	p := ls
	for p < d.fmEnd && (d.src[p] == ' ' || d.src[p] == '\t') {
		p++
	}
	if p >= d.fmEnd || yamlBreak(d.src[:d.fmEnd], p) > 0 {
		return p - ls, p, true
	}
	return p - ls, p, false
}

// indentOf returns the number of leading spaces of the line starting at ls.
func (d *Document) indentOf(ls int) int {
	p := ls
	for p < d.fmEnd && d.src[p] == ' ' {
		p++
	}
	return p - ls
}

// contentEnd returns the end of the text on the line from p, stopping at a
// comment (a '#' after a space or tab, or at p) and trimming trailing blanks.
// In flow context it also stops at a flow indicator.
func (d *Document) contentEnd(p int, flow bool) int {
	end := d.eol(p)
	for q := p; q < end; q++ {
		c := d.src[q]
		if c == '#' && (q == p || d.src[q-1] == ' ' || d.src[q-1] == '\t') {
			end = q
			break
		}
		if flow && (c == ',' || c == ']' || c == '}') {
			end = q
			break
		}
	}
	for end > p && (d.src[end-1] == ' ' || d.src[end-1] == '\t') {
		end--
	}
	return end
}

// skipProps skips a node's tag and anchor (yaml.v3 positions a node at
// its first property) and the blanks after them.
func (d *Document) skipProps(p int) int {
	for p < d.fmEnd && (d.src[p] == '!' || d.src[p] == '&') {
		for p < d.fmEnd && d.src[p] != ' ' && d.src[p] != '\t' && yamlBreak(d.src[:d.fmEnd], p) == 0 {
			p++
		}
		for p < d.fmEnd && (d.src[p] == ' ' || d.src[p] == '\t') {
			p++
		}
	}
	return p
}

// quotedEnd returns the offset just after the quoted scalar starting at p.
func (d *Document) quotedEnd(p int) int {
	q := d.src[p]
	for i := p + 1; i < d.fmEnd; i++ {
		switch c := d.src[i]; {
		case q == '"' && c == '\\':
			i++
		case c == q:
			if q == '\'' && i+1 < d.fmEnd && d.src[i+1] == '\'' {
				i++
				continue
			}
			return i + 1
		}
	}
	return d.fmEnd
}

// flowEnd returns the offset just after the flow collection starting at p.
func (d *Document) flowEnd(p int) int {
	depth := 0
	for i := p; i < d.fmEnd; i++ {
		switch c := d.src[i]; c {
		case '"', '\'':
			i = d.quotedEnd(i) - 1
		case '#':
			if i > p && (d.src[i-1] == ' ' || d.src[i-1] == '\t' || yamlBreak(d.src[:d.fmEnd], i-1) > 0) {
				i = d.eol(i) - 1
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return d.fmEnd
}

// nodeEnd returns the offset just after the text of node n. owner is the
// column (0-based) of the block that holds n: its key's column for a
// mapping value, its dash's column for a sequence item. flow tells whether
// n sits inside a flow collection.
func (d *Document) nodeEnd(n *yaml.Node, owner int, flow bool) int {
	start := d.nodeOffset(n)
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		p := d.skipProps(start)
		if p < d.fmEnd && (d.src[p] == '[' || d.src[p] == '{') {
			return d.flowEnd(p)
		}
		if len(n.Content) == 0 {
			return start
		}
		last := n.Content[len(n.Content)-1]
		if n.Kind == yaml.MappingNode {
			return d.nodeEnd(last, n.Content[len(n.Content)-2].Column-1, false)
		}
		return d.nodeEnd(last, d.blockIndent(n), false)
	case yaml.ScalarNode:
		return d.scalarEnd(n, start, owner, flow)
	case yaml.AliasNode:
		return d.aliasEnd(start)
	}
	return start
}

// aliasEnd returns the offset just after the alias (*name) starting at p:
// an alias name ends at a blank, a line break or a flow indicator.
func (d *Document) aliasEnd(p int) int {
	for p++; p < d.fmEnd; p++ {
		if c := d.src[p]; c == ' ' || c == '\t' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || yamlBreak(d.src[:d.fmEnd], p) > 0 {
			break
		}
	}
	return p
}

// scalarEnd returns the offset just after the scalar n that starts at start.
func (d *Document) scalarEnd(n *yaml.Node, start, owner int, flow bool) int {
	if n.Value == "" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 &&
		(start >= d.fmEnd || d.src[start] != '!' && d.src[start] != '&') {
		return start // an empty (null) value: nothing written
	}
	p := d.skipProps(start)
	if p >= d.fmEnd || yamlBreak(d.src[:d.fmEnd], p) > 0 || d.src[p] == '#' {
		return d.contentEnd(start, flow) // a tag with an empty value
	}
	switch c := d.src[p]; {
	case c == '"' || c == '\'':
		return d.quotedEnd(p)
	case (c == '|' || c == '>') && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return d.blockScalarEnd(p, owner)
	}
	end := d.contentEnd(p, flow)
	if flow {
		// A plain scalar in a flow collection may continue on later lines
		// when its line ends without a flow indicator.
		for d.atEOL(end) {
			ls := d.nextLineStart(end)
			for ls < d.fmEnd {
				if _, _, blank := d.lineInfo(ls); !blank {
					break
				}
				ls = d.nextLineStart(ls)
			}
			if ls >= d.fmEnd {
				return end
			}
			_, first, _ := d.lineInfo(ls)
			switch d.src[first] {
			case '#', ',', ']', '}', ':':
				return end
			}
			end = d.contentEnd(first, true)
		}
		return end
	}
	for ls := d.nextLineStart(end); ls < d.fmEnd; ls = d.nextLineStart(ls) {
		col, first, blank := d.lineInfo(ls)
		if blank {
			continue
		}
		if col <= owner || d.src[first] == '#' {
			break
		}
		end = d.contentEnd(first, false)
	}
	return end
}

// blockScalarEnd returns the end of a literal or folded block scalar whose
// header starts at p: the end of its last non-blank content line.
func (d *Document) blockScalarEnd(p, owner int) int {
	header := d.eol(p)
	end := d.contentEnd(p, false)
	indent, keep := 0, false
	for q := p + 1; q < header; q++ {
		if c := d.src[q]; c >= '1' && c <= '9' {
			indent = owner + int(c-'0')
		} else if c == '+' {
			keep = true
		} else if c != '-' {
			break
		}
	}
	for ls := d.nextLineStart(p); ls < d.fmEnd && ls > p; ls = d.nextLineStart(ls) {
		spaces := d.indentOf(ls)
		_, _, blank := d.lineInfo(ls)
		if blank {
			if keep { // "+" keeps trailing blank lines as content
				end = d.eol(ls)
			}
			continue
		}
		if indent == 0 {
			if spaces <= owner {
				break
			}
			indent = spaces
		}
		if spaces < indent {
			break
		}
		end = d.eol(ls)
	}
	return end
}

// atEOL reports whether only blanks follow off on its line.
func (d *Document) atEOL(off int) bool {
	for off < d.fmEnd && (d.src[off] == ' ' || d.src[off] == '\t') {
		off++
	}
	return off >= d.fmEnd || yamlBreak(d.src[:d.fmEnd], off) > 0
}
