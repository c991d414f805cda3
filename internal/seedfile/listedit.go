package seedfile

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// AddToList adds to the string list at path the items it lacks (compared
// ignoring case), after the items it has, and reports whether the text
// changed. An edit never loses a value: a single string written where the
// list belongs (topics: "AI", as real files have) is the list's first item,
// and the field becomes a list on the same line (topics: ["AI", Health])
// when that reads back, else a block list. A missing or null value becomes
// the list of items. A value that is neither a string nor a list of strings
// (a mapping, or a list holding one) is refused, and so is an edit the
// document cannot take; the document is then unchanged. The GUI's bulk
// topic edits and seedctl's FIELD+=VALUE call it.
func (d *Document) AddToList(path string, items ...string) (bool, error) {
	have, scalar, err := d.listItems(path)
	if err != nil {
		return false, err
	}
	list := append([]string(nil), have...)
	for _, it := range items {
		if !containsFold(list, it) {
			list = append(list, it)
		}
	}
	if len(list) == len(have) {
		return false, nil
	}
	if scalar != nil {
		if ok := d.scalarToFlowList(path, scalar, list); ok {
			return true, nil
		}
	}
	return d.setChanged(path, list)
}

// RemoveFromList removes from the string list at path the items equal
// (ignoring case) to one of items and reports whether the text changed;
// removing the last item deletes the key. A single string written where the
// list belongs is an item: it is removed when it matches, and otherwise
// kept. Values that are not strings are refused as by AddToList.
func (d *Document) RemoveFromList(path string, items ...string) (bool, error) {
	have, _, err := d.listItems(path)
	if err != nil {
		return false, err
	}
	var kept []string
	for _, x := range have {
		if !containsFold(items, x) {
			kept = append(kept, x)
		}
	}
	if len(kept) == len(have) {
		return false, nil
	}
	return d.setChanged(path, kept)
}

// ListItems returns the strings of the list at path as the list edits see
// them: a single string written where the list belongs is a list of one,
// and an alias reads as the list it repeats. Otherwise it is what
// Article reads: the strings of a list, nil for anything else. Editors
// show it, so that saving a list they changed keeps that string.
func (d *Document) ListItems(path string) []string {
	n, _, _ := d.lookup(path)
	if n = deref(n); n != nil && n.Kind == yaml.ScalarNode && !isNull(n) {
		return []string{n.Value}
	}
	return strList(n)
}

// errNotList refuses list edits of a value that is not a list of strings.
var errNotList = errors.New("is not a list of strings; edit it as text")

// listItems returns the strings of the list at path; a single non-null
// string is a list of one and is returned as scalar too.
func (d *Document) listItems(path string) (items []string, scalar *yaml.Node, err error) {
	if err := checkWritable(path); err != nil {
		return nil, nil, err
	}
	if err := d.checkAliases(path); err != nil {
		return nil, nil, err
	}
	n, _, _ := d.lookup(path)
	switch {
	case n == nil || isNull(n):
		return nil, nil, nil
	case n.Kind == yaml.ScalarNode:
		return []string{n.Value}, n, nil
	case n.Kind != yaml.SequenceNode:
		return nil, nil, fmt.Errorf("%s %w (it holds a %s)", path, errNotList, kindName(n))
	}
	for i, c := range n.Content {
		if c.Kind != yaml.ScalarNode || isNull(c) {
			return nil, nil, fmt.Errorf("%s %w (item %d on line %d is a %s)", path, errNotList, i+1, d.fileLine(c.Line), kindName(c))
		}
		items = append(items, c.Value)
	}
	return items, nil, nil
}

// kindName names a node's kind for messages.
func kindName(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "mapping"
	case n.Kind == yaml.SequenceNode:
		return "list"
	case n.Kind == yaml.AliasNode:
		return "alias"
	case isNull(n):
		return "null"
	}
	return "scalar"
}

// setChanged sets the list (deleting the key when empty) and reports
// whether the text changed.
func (d *Document) setChanged(path string, list []string) (bool, error) {
	before := d.src
	var err error
	if len(list) == 0 {
		err = d.Delete(path)
	} else {
		err = d.Set(path, list)
	}
	if err != nil {
		return false, err
	}
	return string(before) != string(d.src), nil
}

// scalarToFlowList rewrites the single-line scalar at path, kept as it is
// written, as the first item of a flow list of list: a one-line change.
// It reports false, leaving d unchanged, when the result would not read back
// as list.
func (d *Document) scalarToFlowList(path string, scalar *yaml.Node, list []string) bool {
	if scalar.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return false
	}
	s, ok := d.slot(path)
	if !ok || s.flow {
		return false
	}
	start, end := d.start(s), d.end(s)
	first := string(d.src[start:end])
	if strings.ContainsAny(first, "\r\n") || scalar.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 && !flowPlainOK(scalar.Value, false) {
		return false
	}
	parts := []string{first}
	for _, it := range list[1:] {
		text, err := renderScalar(it, 0, true, false, s.owner+2, d.nl)
		if err != nil {
			return false
		}
		parts = append(parts, text)
	}
	c := d.clone()
	if c.commit(edit{start, end, "[" + strings.Join(parts, ", ") + "]"}) != nil || c.verify(path, list) != nil {
		return false
	}
	*d = *c
	return true
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
