package seedfile

import (
	"errors"
	"fmt"
	"gopkg.in/yaml.v3"
	"slices"
	"strings"
)

// isKnownTop reports whether a top-level key is a known field.
func isKnownTop(key string) bool { return slices.Contains(topOrder, key) }

// entryText returns the original text of the top-level entry s (its
// lines). An entry of a front matter written as one flow mapping has no
// lines of its own: it is returned encoded as block YAML.
func (d *Document) entryText(s slot) string {
	if s.flow {
		m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{deepCopy(s.key), deepCopy(s.val)}}
		out, err := yaml.Marshal(m)
		if err != nil {
			return ""
		}
		return strings.ReplaceAll(string(out), "\n", d.nl)
	}
	return string(d.src[d.lineStart(d.nodeOffset(s.key)):d.entryEnd(s)])
}

// Extra returns the unknown top-level fields as YAML text: their original
// lines, in document order.
func (d *Document) Extra() string {
	if d.root == nil {
		return ""
	}
	var b strings.Builder
	for i := 0; i+1 < len(d.root.Content); i += 2 {
		key := d.root.Content[i].Value
		if isKnownTop(key) {
			continue
		}
		b.WriteString(d.entryText(d.childSlot(key, d.root, i)))
	}
	return b.String()
}

// SetExtra replaces the unknown top-level fields with the given YAML mapping
// text (as Extra returns it): unchanged fields keep their text, changed
// ones are replaced, missing ones deleted, new ones added before secured (or
// at the end of the front matter). It refuses text that is not a YAML
// mapping or that holds a known field. On error the document is unchanged.
func (d *Document) SetExtra(text string) error {
	td, err := Parse([]byte("---\n" + text + "\n---\n"))
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			return &ParseError{Line: max(1, pe.Line-1), Msg: "extra fields: " + pe.Msg}
		}
		return fmt.Errorf("extra fields: %w", err)
	}
	if td.fmEnd != len("---\n")+len(text)+1 {
		return &ParseError{Line: lineAt(td.src, td.fmEnd) - 1, Msg: "extra fields: a --- line is not allowed"}
	}
	want := map[string]string{}
	var order []string
	if td.root != nil {
		if td.blockIndent(td.root) != 0 {
			return errors.New("extra fields: keys must start at the beginning of the line")
		}
		for i := 0; i+1 < len(td.root.Content); i += 2 {
			key := td.root.Content[i].Value
			if isKnownTop(key) {
				return fmt.Errorf("extra fields: %q is a known field; edit it on its own", key)
			}
			t := strings.ReplaceAll(td.entryText(td.childSlot(key, td.root, i)), "\r\n", "\n")
			want[key] = strings.ReplaceAll(t, "\n", d.nl)
			order = append(order, key)
		}
	}
	c := d.clone()
	if c.root != nil && c.root.Style&yaml.FlowStyle != 0 {
		if c.Extra() == strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", d.nl) {
			return nil
		}
		return errors.New("extra fields: the front matter is one flow mapping; edit it as text")
	}
	if c.root != nil {
		var old []string
		for i := 0; i+1 < len(c.root.Content); i += 2 {
			if key := c.root.Content[i].Value; !isKnownTop(key) {
				old = append(old, key)
			}
		}
		for _, key := range old {
			s := c.childSlot(key, c.root, c.rootIndex(key))
			cur := c.entryText(s)
			t, keep := want[key]
			switch {
			case !keep:
				err = c.deleteSlot(s)
			case t != cur:
				start := c.lineStart(c.nodeOffset(s.key))
				err = c.commit(edit{start, start + len(cur), t})
			}
			if err != nil {
				return fmt.Errorf("extra fields: %s: %w", key, err)
			}
		}
	}
	for _, key := range order {
		if c.rootIndex(key) >= 0 {
			continue
		}
		lines := strings.Split(strings.TrimSuffix(want[key], d.nl), d.nl)
		if err := c.insertEntry("", c.root, key, lines); err != nil {
			return fmt.Errorf("extra fields: %s: %w", key, err)
		}
	}
	*d = *c
	return nil
}

// rootIndex returns the index of a top-level key in the root mapping, or -1.
func (d *Document) rootIndex(key string) int {
	if d.root == nil {
		return -1
	}
	for i := 0; i+1 < len(d.root.Content); i += 2 {
		if d.root.Content[i].Value == key {
			return i
		}
	}
	return -1
}
