package seedfile

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// delete removes the key or list item at path with its lines.
func (d *Document) delete(path string) error {
	s, ok := d.slot(path)
	if !ok {
		return nil
	}
	return d.deleteSlot(s)
}

// deleteSlot removes the entry or list item s with its lines.
func (d *Document) deleteSlot(s slot) error {
	path := s.path
	if s.flow {
		parentPath := path[:max(0, strings.LastIndexByte(path, '.'))]
		idx := slicesIndex(s.parent.Content, s.val)
		return d.rewriteFlow(parentPath, s.parent, func(n *yaml.Node) error {
			switch {
			case idx < 0:
				return fmt.Errorf("cannot find %s in its flow collection", path)
			case s.key != nil:
				n.Content = append(n.Content[:idx-1:idx-1], n.Content[idx+1:]...)
			default:
				n.Content = append(n.Content[:idx:idx], n.Content[idx+1:]...)
			}
			return nil
		})
	}
	count := len(s.parent.Content)
	if s.key != nil {
		count /= 2
	}
	if count == 1 && s.parent != d.root {
		// The collection would be left empty: write it as {} or [].
		parentPath := path[:strings.LastIndexByte(path, '.')]
		ps, _ := d.slot(parentPath)
		from, err := d.indicatorEnd(ps)
		if err != nil {
			return err
		}
		empty := " {}"
		if s.key == nil {
			empty = " []"
		}
		return d.commit(edit{from, d.end(ps), empty})
	}
	var first int
	if s.key != nil {
		first = d.nodeOffset(s.key)
	} else {
		dash, err := d.indicatorEnd(s)
		if err != nil {
			return err
		}
		first = dash - 1
	}
	if !d.firstOnLine(first) {
		// The first key of a list item shares the dash's line: the next
		// key moves up to take its place.
		if s.key == nil || slicesIndex(s.parent.Content, s.key) != 0 {
			return fmt.Errorf("cannot delete %s: unexpected layout", path)
		}
		return d.commit(edit{first, d.nodeOffset(s.parent.Content[2]), ""})
	}
	end := d.end(s)
	if end < first {
		end = first
	}
	from, to := d.lineStart(first), d.ownCommentsEnd(d.nextLineStart(end), s.owner)
	if s.parent == d.root && s.key != nil && groupKeys[s.key.Value] {
		from, to = d.withSeparator(s, from, to)
	}
	return d.commit(edit{from, to, ""})
}

// ownCommentsEnd returns the end of the comment lines from ls on that are
// indented deeper than owner (the column of the entry that ends just
// before ls): they sit inside the entry's block and go with it. A blank
// line or any other line ends them.
func (d *Document) ownCommentsEnd(ls, owner int) int {
	for ls < d.fmEnd {
		col, first, blank := d.lineInfo(ls)
		if blank || d.src[first] != '#' || col <= owner {
			break
		}
		ls = d.nextLineStart(ls)
	}
	return ls
}

// withSeparator widens the lines [from, to) of the top-level group entry s
// by the blank line that sets it off, as insert writes it: when the entry
// stands between two blank lines, the one above goes; when it opens the
// front matter, a blank line below goes; when it closes the front matter, a
// blank line above goes. Otherwise the span is unchanged, so no two lines
// that a blank line kept apart end up touching. A blank line that is
// content of the entry above (a "|+" block scalar's) is never taken.
func (d *Document) withSeparator(s slot, from, to int) (int, int) {
	blankAt := func(ls int) bool {
		_, _, blank := d.lineInfo(ls)
		return blank
	}
	hasAbove, hasBelow := from > d.fmStart, to < d.fmEnd
	above := -1
	if hasAbove {
		above = d.lineStart(from - 1)
		if i := slicesIndex(d.root.Content, s.key); i >= 2 && above < d.entryEnd(d.childSlot("", d.root, i-2)) {
			above = -1 // inside the entry above
		} else if !blankAt(above) {
			above = -1
		}
	}
	below := hasBelow && blankAt(to)
	switch {
	case above >= 0 && (below || !hasBelow):
		return above, to
	case below && !hasAbove:
		return from, d.nextLineStart(to)
	}
	return from, to
}

// rewriteFlow re-renders the flow collection at path after change has
// modified a copy of its node.
func (d *Document) rewriteFlow(path string, n *yaml.Node, change func(*yaml.Node) error) error {
	cp := deepCopy(n)
	if err := change(cp); err != nil {
		return err
	}
	cp.Style |= yaml.FlowStyle
	text, err := encodeFlow(cp)
	if err != nil {
		return err
	}
	start := d.nodeOffset(n)
	if path == "" { // the whole front matter is one flow mapping
		return d.commit(edit{start, d.nodeEnd(n, -1, false), text})
	}
	s, ok := d.slot(path)
	if !ok {
		return fmt.Errorf("cannot find %s", path)
	}
	return d.commit(edit{start, d.end(s), text})
}

// encodeFlow renders a node in flow style on one line.
func encodeFlow(n *yaml.Node) (string, error) {
	out, err := yaml.Marshal(n)
	if err != nil {
		return "", err
	}
	text := strings.TrimSuffix(string(out), "\n")
	if strings.Contains(text, "\n") {
		return "", fmt.Errorf("cannot write the flow collection on one line")
	}
	return text, nil
}

// deepCopy copies a node tree for re-encoding. Empty nulls become "null"
// (the encoder would write an empty string).
func deepCopy(n *yaml.Node) *yaml.Node {
	c := *n
	if c.Kind == yaml.ScalarNode && c.Tag == "!!null" && c.Value == "" {
		c.Value = "null"
	}
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, ch := range n.Content {
		c.Content[i] = deepCopy(ch)
	}
	return &c
}

// strNode returns a string scalar node, plain when that reads back in a
// flow collection, else double-quoted.
func strNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if !plainOK(s, true, false) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// valueNode converts a Set value to a yaml node (for flow collections).
func valueNode(v any) (*yaml.Node, error) {
	switch x := v.(type) {
	case string, int, bool:
		text, tag, err := scalarValue(x)
		if err != nil {
			return nil, err
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: text}, nil
	case []string:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, s := range x {
			n.Content = append(n.Content, strNode(s))
		}
		return n, nil
	case Provider:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, f := range [...]struct{ k, v string }{{"name", x.Name}, {"domain", x.Domain}} {
			if f.v != "" {
				n.Content = append(n.Content, strNode(f.k), strNode(f.v))
			}
		}
		return n, nil
	case []Image:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, img := range x {
			m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			if img.URL != "" {
				m.Content = append(m.Content, strNode("url"), strNode(img.URL))
			}
			m.Content = append(m.Content, strNode("width"), intNode(img.Width), strNode("height"), intNode(img.Height))
			n.Content = append(n.Content, m)
		}
		return n, nil
	case []Related:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, r := range x {
			m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			for _, f := range [...]struct{ k, v string }{{"title", r.Title}, {"excerpt", r.Excerpt},
				{"publishedDateTime", r.PublishedDateTime}, {"webUrl", r.WebURL}, {"type", r.Type}} {
				if f.v != "" {
					m.Content = append(m.Content, strNode(f.k), strNode(f.v))
				}
			}
			if r.Provider != (Provider{}) {
				p, _ := valueNode(r.Provider)
				m.Content = append(m.Content, strNode("provider"), p)
			}
			m.Content = append(m.Content, strNode("quality"), intNode(r.Quality))
			if len(r.Images) > 0 {
				imgs, _ := valueNode(r.Images)
				m.Content = append(m.Content, strNode("images"), imgs)
			}
			n.Content = append(n.Content, m)
		}
		return n, nil
	}
	return nil, fmt.Errorf("unsupported value type %T", v)
}

// intNode returns an integer scalar node.
func intNode(i int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(i)}
}

// slicesIndex returns the index of node n in nodes, or -1.
func slicesIndex(nodes []*yaml.Node, n *yaml.Node) int {
	for i, c := range nodes {
		if c == n {
			return i
		}
	}
	return -1
}
