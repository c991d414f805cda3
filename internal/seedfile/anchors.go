package seedfile

import (
	"errors"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// This file handles YAML anchors (&name) and aliases (*name). They are
// read as the value they repeat and kept byte for byte; what an alias
// repeats is bounded so that no reader of a file can be made to walk a
// structure that explodes (the "billion laughs"), and edits that would
// change what an alias repeats, or go through one, are refused.

// MaxAliasExpansion is how many nodes the aliases of a front matter may
// repeat in all, counting every node of each repeated value (and of the
// aliases inside it). Real files repeat a few values; an exponential
// alias bomb crosses the limit within a few lines and is refused there.
const MaxAliasExpansion = 10_000

// ErrAliased refuses an edit of a value that takes part in YAML anchors and
// aliases: changing it would change, or break, another value too.
var ErrAliased = errors.New("it takes part in a YAML anchor or alias; edit the file as text")

// deref returns the value an alias repeats, or n itself.
func deref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// checkExpansion refuses an alias that repeats a value it is inside (a
// recursive structure) and aliases that repeat more than MaxAliasExpansion
// nodes in all, naming the line of the alias that crosses the limit.
func (d *Document) checkExpansion(top *yaml.Node) *ParseError {
	sizes := map[*yaml.Node]int{} // anchored node -> its expanded size
	open := map[*yaml.Node]bool{} // the nodes being walked
	total := 0
	var size func(n *yaml.Node) (int, *ParseError)
	size = func(n *yaml.Node) (int, *ParseError) {
		if n.Kind == yaml.AliasNode {
			t := n.Alias
			if open[t] {
				return 0, &ParseError{Line: d.fileLine(n.Line), Msg: fmt.Sprintf("the YAML alias *%s repeats the value it is inside (line %d)", n.Value, d.fileLine(t.Line))}
			}
			s, ok := sizes[t]
			if !ok { // an anchor is always walked before its aliases; this is a safety net
				var err *ParseError
				if s, err = size(t); err != nil {
					return 0, err
				}
			}
			if total += s; total > MaxAliasExpansion {
				return 0, &ParseError{Line: d.fileLine(n.Line), Msg: fmt.Sprintf("YAML aliases expand to more than %d nodes (at *%s)", MaxAliasExpansion, n.Value)}
			}
			return s, nil
		}
		if s, ok := sizes[n]; ok {
			return s, nil
		}
		open[n] = true
		s := 1
		for _, c := range n.Content {
			cs, err := size(c)
			if err != nil {
				return 0, err
			}
			s += cs
		}
		delete(open, n)
		if n.Anchor != "" {
			sizes[n] = s
		}
		return s, nil
	}
	_, err := size(top)
	return err
}

// checkAliases refuses an edit at path when a value on the way to it is an
// alias, when it or a value around it is anchored, or when the value it
// replaces holds an anchor or an alias.
func (d *Document) checkAliases(path string) error {
	if !d.aliased {
		return nil
	}
	cur := d.root
	segs := splitPath(path)
	where := ""
	for i := 0; cur != nil; i++ {
		if cur.Kind == yaml.AliasNode {
			return fmt.Errorf("%s is the YAML alias *%s (line %d): %w", orRoot(where), cur.Value, d.fileLine(cur.Line), ErrAliased)
		}
		if cur.Anchor != "" {
			return fmt.Errorf("%s is anchored as &%s (line %d): %w", orRoot(where), cur.Anchor, d.fileLine(cur.Line), ErrAliased)
		}
		if i == len(segs) {
			if n := findAliased(cur); n != nil {
				return fmt.Errorf("%s holds %s (line %d): %w", path, aliasName(n), d.fileLine(n.Line), ErrAliased)
			}
			return nil
		}
		where = joinPath(where, segs[i])
		switch cur.Kind {
		case yaml.MappingNode:
			cur = mapValue0(cur, segs[i])
		case yaml.SequenceNode:
			j, err := strconv.Atoi(segs[i])
			if err != nil || j < 0 || j >= len(cur.Content) {
				return nil
			}
			cur = cur.Content[j]
		default:
			return nil
		}
	}
	return nil
}

// mapValue0 is mapValue without following an alias.
func mapValue0(m *yaml.Node, key string) *yaml.Node {
	_, v := mapGet(m, key)
	return v
}

// findAliased returns the first node under n (n excluded) that is an alias
// or anchored, or nil.
func findAliased(n *yaml.Node) *yaml.Node {
	for _, c := range n.Content {
		if c.Kind == yaml.AliasNode || c.Anchor != "" {
			return c
		}
		if f := findAliased(c); f != nil {
			return f
		}
	}
	return nil
}

// aliasName describes an alias or anchored node for messages.
func aliasName(n *yaml.Node) string {
	if n.Kind == yaml.AliasNode {
		return "the YAML alias *" + n.Value
	}
	return "the YAML anchor &" + n.Anchor
}

// orRoot names the front matter itself for an empty path.
func orRoot(path string) string {
	if path == "" {
		return "the front matter"
	}
	return path
}
