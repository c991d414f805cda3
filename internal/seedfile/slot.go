package seedfile

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// slot is an existing node with what is needed to replace or delete it.
type slot struct {
	path   string
	val    *yaml.Node
	key    *yaml.Node // nil for a sequence item
	parent *yaml.Node
	owner  int  // column of the block holding val: its key's or its dash's
	flow   bool // parent is a flow collection
}

// slot finds the node at path.
func (d *Document) slot(path string) (slot, bool) {
	val, key, parent := d.lookup(path)
	if val == nil {
		return slot{}, false
	}
	s := slot{path: path, val: val, key: key, parent: parent, flow: parent.Style&yaml.FlowStyle != 0}
	if key != nil {
		s.owner = key.Column - 1
	} else {
		s.owner = d.blockIndent(parent)
	}
	return s, true
}

// childSlot returns the slot of the entry at index i (a key's index) of
// mapping m, or of item i of sequence m, without going through a path (keys
// may hold dots).
func (d *Document) childSlot(path string, m *yaml.Node, i int) slot {
	s := slot{path: path, parent: m, flow: m.Style&yaml.FlowStyle != 0}
	if m.Kind == yaml.MappingNode {
		s.key, s.val, s.owner = m.Content[i], m.Content[i+1], m.Content[i].Column-1
	} else {
		s.val, s.owner = m.Content[i], d.blockIndent(m)
	}
	return s
}

// start returns the offset where the slot's value starts.
func (d *Document) start(s slot) int { return d.nodeOffset(s.val) }

// end returns the offset just after the slot's value.
func (d *Document) end(s slot) int { return d.nodeEnd(s.val, s.owner, s.flow) }

// indicatorEnd returns the offset just after the ':' of the slot's key, or
// after the '-' of a sequence item.
func (d *Document) indicatorEnd(s slot) (int, error) {
	if s.key == nil {
		p := d.start(s) - 1
		for p >= d.fmStart && (d.src[p] == ' ' || d.src[p] == '\t' || d.src[p] == '\n' || d.src[p] == '\r') {
			p--
		}
		if p < d.fmStart || d.src[p] != '-' {
			return 0, fmt.Errorf("cannot find the list item's dash for %s", s.path)
		}
		return p + 1, nil
	}
	p := d.nodeOffset(s.key)
	lineEnd := d.eol(p)
	if c := d.src[p]; c == '"' || c == '\'' {
		p = d.quotedEnd(p)
	}
	for ; p < lineEnd; p++ {
		if d.src[p] == ':' && (p+1 >= d.fmEnd || strings.IndexByte(" \t\r\n,]}", d.src[p+1]) >= 0) {
			return p + 1, nil
		}
	}
	return 0, fmt.Errorf("cannot find the ':' after key %q", s.key.Value)
}

// isEmptyNull reports whether the slot's value is an empty (unwritten) null.
func (d *Document) isEmptyNull(s slot) bool {
	return s.val.Kind == yaml.ScalarNode && s.val.Value == "" &&
		s.val.Style&^yaml.TaggedStyle == 0 && d.end(s) == d.start(s)
}

// isBlock reports whether a collection is written in block style.
func isBlock(n *yaml.Node) bool {
	return (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && n.Style&yaml.FlowStyle == 0
}

// splitPath splits a dotted path into segments.
func splitPath(path string) []string { return strings.Split(path, ".") }

// isIndex reports whether a path segment is a list index.
func isIndex(seg string) bool {
	_, err := strconv.Atoi(seg)
	return err == nil
}

// fieldKind returns the kind of a known field path, including
// "related.N.<field>" and images fields; ok is false for unknown paths.
func fieldKind(path string) (Kind, bool) {
	if f, ok := LookupField(path); ok {
		return f.Kind, true
	}
	segs := splitPath(path)
	if len(segs) < 3 || segs[0] != "related" || !isIndex(segs[1]) {
		return 0, false
	}
	rest := strings.Join(segs[2:], ".")
	for _, f := range RelatedFields {
		if f.Path == rest {
			return f.Kind, true
		}
	}
	if len(segs) == 5 && segs[2] == "images" && isIndex(segs[3]) {
		switch segs[4] {
		case "url":
			return KindURL, true
		case "width", "height":
			return KindInt, true
		}
	}
	return 0, false
}

// seedStyle returns the style the seeds write a field's strings in:
// titles, excerpts, URLs and secured double-quoted, everything else plain.
func seedStyle(path string) yaml.Style {
	segs := splitPath(path)
	last := segs[len(segs)-1]
	if len(segs) >= 2 && segs[len(segs)-2] != "provider" || len(segs) == 1 {
		switch last {
		case "title", "excerpt", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "secured", "url":
			return yaml.DoubleQuotedStyle
		}
	}
	return 0
}

// allowsTime reports whether a field holds timestamps (written plain).
func allowsTime(path string) bool {
	k, ok := fieldKind(path)
	return ok && k == KindTime
}

// siblingOrder returns the seeds' key order for the mapping at parentPath.
func siblingOrder(parentPath string) []string {
	segs := splitPath(parentPath)
	switch {
	case parentPath == "":
		return topOrder
	case segs[len(segs)-1] == "provider":
		return []string{"name", "domain"}
	case len(segs) == 2 && segs[0] == "related" && isIndex(segs[1]):
		return relatedOrder
	case len(segs) >= 2 && segs[len(segs)-2] == "images" && isIndex(segs[len(segs)-1]):
		return []string{"url", "width", "height"}
	}
	return nil
}

// topOrder is the seeds' order of top-level keys; relatedOrder that of a
// related article's keys.
var topOrder, relatedOrder = func() ([]string, []string) {
	dedupe := func(fields []Field) []string {
		var out []string
		for _, f := range fields {
			k, _, _ := strings.Cut(f.Path, ".")
			if len(out) == 0 || out[len(out)-1] != k {
				out = append(out, k)
			}
		}
		return out
	}
	return dedupe(Fields), append(dedupe(RelatedFields), "images")
}()

// groupKeys are the top-level keys the seeds set off with a blank line.
var groupKeys = map[string]bool{"provider": true, "topics": true, "related": true, "secured": true}

// blockIndent returns the column (0-based) of a block collection's keys or
// dashes. The node's own position may point at a tag before them.
func (d *Document) blockIndent(n *yaml.Node) int {
	if len(n.Content) == 0 {
		return n.Column - 1
	}
	if n.Kind == yaml.MappingNode {
		return n.Content[0].Column - 1
	}
	p := d.nodeOffset(n.Content[0]) - 1
	for p >= d.fmStart && (d.src[p] == ' ' || d.src[p] == '\n' || d.src[p] == '\r') {
		p--
	}
	if p < d.fmStart || d.src[p] != '-' {
		return n.Column - 1
	}
	return utf8.RuneCount(d.src[d.lineStart(p):p])
}
