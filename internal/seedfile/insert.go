package seedfile

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// insert adds a missing path: it finds the deepest existing ancestor and
// writes the rest of the path below it as new nested mappings.
func (d *Document) insert(path string, v any) error {
	segs := splitPath(path)
	parentPath := ""
	cur := d.root
	i := 0
	for ; i < len(segs)-1; i++ {
		next, _, _ := d.lookup(strings.Join(segs[:i+1], "."))
		if next == nil {
			break
		}
		parentPath, cur = strings.Join(segs[:i+1], "."), next
	}
	if cur != nil && cur.Kind == yaml.SequenceNode {
		return fmt.Errorf("list %s has no item %s", parentPath, segs[i])
	}
	for _, seg := range segs[i+1:] {
		if isIndex(seg) {
			return fmt.Errorf("cannot create list item %s in %s", seg, path)
		}
	}
	if cur != nil && cur.Kind != yaml.MappingNode {
		// A scalar (often an empty null) becomes a mapping.
		s, _ := d.slot(parentPath)
		lines, err := d.nestedLines(segs, i, v, s.owner+2)
		if err != nil {
			return err
		}
		return d.replaceWithBlock(s, lines)
	}
	if cur != nil && cur.Style&yaml.FlowStyle != 0 {
		return d.rewriteFlow(parentPath, cur, func(n *yaml.Node) error {
			child, err := valueNode(v)
			if err != nil {
				return err
			}
			for j := len(segs) - 1; j > i; j-- {
				child = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{strNode(segs[j]), child}}
			}
			n.Content = append(n.Content, strNode(segs[i]), child)
			return nil
		})
	}
	indent := 0
	if cur != nil {
		indent = d.blockIndent(cur)
	}
	lines, err := d.nestedLines(segs, i, v, indent)
	if err != nil {
		return err
	}
	if len(lines) == 0 {
		return nil
	}
	return d.insertEntry(parentPath, cur, segs[i], lines)
}

// nestedLines renders segs[i:] as nested mappings ending in the value v,
// the first key at indent.
func (d *Document) nestedLines(segs []string, i int, v any, indent int) ([]string, error) {
	if i == len(segs)-1 {
		return entryLines(strings.Join(segs, "."), v, indent)
	}
	inner, err := d.nestedLines(segs, i+1, v, indent+2)
	if err != nil || len(inner) == 0 {
		return nil, err
	}
	return append([]string{strings.Repeat(" ", indent) + renderKey(segs[i]) + ":"}, inner...), nil
}

// insertEntry inserts the lines of a new key into mapping m (nil for an
// empty front matter) at parentPath: after the nearest preceding present key
// in the seeds' order, else before the nearest following one, else (for
// unknown keys) before secured or at the end of the mapping.
func (d *Document) insertEntry(parentPath string, m *yaml.Node, key string, lines []string) error {
	text := strings.Join(lines, d.nl) + d.nl
	group := parentPath == "" && groupKeys[key]
	if m == nil {
		if group && d.fmEnd > d.fmStart {
			text = d.nl + text
		}
		return d.commit(edit{d.fmEnd, d.fmEnd, text})
	}
	order := siblingOrder(parentPath)
	if at := slices.Index(order, key); at >= 0 {
		for j := at - 1; j >= 0; j-- {
			if s, ok := d.slot(joinPath(parentPath, order[j])); ok {
				if group {
					text = d.nl + text
				}
				return d.commit(edit{d.entryEnd(s), d.entryEnd(s), text})
			}
		}
		for _, name := range order[at+1:] {
			if s, ok := d.slot(joinPath(parentPath, name)); ok {
				return d.insertBefore(s, lines, group)
			}
		}
	} else if parentPath == "" {
		if s, ok := d.slot("secured"); ok {
			return d.insertBefore(s, lines, false)
		}
	}
	s := d.childSlot(parentPath, m, len(m.Content)-2)
	if group {
		text = d.nl + text
	}
	return d.commit(edit{d.entryEnd(s), d.entryEnd(s), text})
}

// insertBefore inserts the lines of a new key just before the entry s.
func (d *Document) insertBefore(s slot, lines []string, group bool) error {
	at := d.nodeOffset(s.key)
	if !d.firstOnLine(at) {
		// The entry follows a list dash: the new key takes its place
		// and the old one moves to the next line.
		first := strings.TrimLeft(lines[0], " ")
		rest := append(lines[1:len(lines):len(lines)], strings.Repeat(" ", s.key.Column-1))
		return d.commit(edit{at, at, first + d.nl + strings.Join(rest, d.nl)})
	}
	text := strings.Join(lines, d.nl) + d.nl
	ls := d.lineStart(at)
	if group {
		text += d.nl
	} else {
		// Stay with the entries above a blank line that sets s apart.
		for ls > d.fmStart {
			prev := d.lineStart(ls - 1)
			if _, _, blank := d.lineInfo(prev); !blank {
				break
			}
			ls = prev
		}
	}
	return d.commit(edit{ls, ls, text})
}

// entryEnd returns the offset of the line after the entry s (where a new
// entry after it goes).
func (d *Document) entryEnd(s slot) int {
	end := d.end(s)
	if end <= d.start(s) && s.key != nil {
		end = d.nodeOffset(s.key)
	}
	return d.nextLineStart(end)
}

// joinPath joins a parent path and a key.
func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}
