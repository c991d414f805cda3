package seedfile

import (
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// ErrReadOnly refuses edits of the opaque secured field.
var ErrReadOnly = errors.New("the field is read-only")

// checkWritable refuses paths under secured.
func checkWritable(path string) error {
	if path == "secured" || strings.HasPrefix(path, "secured.") {
		return fmt.Errorf("%s: %w", path, ErrReadOnly)
	}
	if path == "" {
		return errors.New("empty path")
	}
	for _, seg := range splitPath(path) {
		if seg == "" {
			return fmt.Errorf("invalid path %q", path)
		}
	}
	return nil
}

// Set sets the value at a dotted path (e.g. "title", "provider.name",
// "related.0.quality", "related.1.images.0.url", or an unknown key). value
// is a string, int, bool, []string, []Related, []Image, Provider, or nil
// (which deletes the key). Only the lines of the edited field change: the
// new value is spliced into the text, in the old value's quoting style when
// it reads back unchanged. A missing key is inserted where the seeds keep
// it; missing parent mappings are created. Empty lists and an empty Provider
// delete the key. The secured field is read-only. On error the document is
// unchanged.
func (d *Document) Set(path string, value any) error {
	if value == nil {
		return d.Delete(path)
	}
	if err := checkWritable(path); err != nil {
		return err
	}
	if err := d.checkAliases(path); err != nil {
		return fmt.Errorf("set %s: %w", path, err)
	}
	c := d.clone()
	if err := c.set(path, value); err != nil {
		return fmt.Errorf("set %s: %w", path, err)
	}
	if err := c.verify(path, value); err != nil {
		return fmt.Errorf("set %s: %w", path, err)
	}
	*d = *c
	return nil
}

// Delete removes the key (or list item) at a dotted path with its lines.
// Deleting a missing path does nothing. The secured field is read-only.
//
// The lines removed are exactly those a person would delete by hand; every
// other line keeps its bytes:
//   - the entry's own lines, from its key (or dash) to the end of its value,
//     blank and comment lines inside the value included;
//   - comment lines that directly follow and are indented deeper than the
//     key (or dash): they sit inside its block;
//   - for a top-level group field (provider, topics, related; see
//     groupKeys), the blank line that sets it off, as Set writes it: the one
//     above when the field stands between blank lines or closes the front
//     matter, the one below when it opens the front matter. A field set off
//     on one side only keeps its neighbours' spacing as it is.
//
// Comment lines above an entry are kept, even directly above it: the codec
// never ties them to the key below (Set inserts new keys under them too).
// Blank lines around other entries are kept.
func (d *Document) Delete(path string) error {
	if err := checkWritable(path); err != nil {
		return err
	}
	if err := d.checkAliases(path); err != nil {
		return fmt.Errorf("delete %s: %w", path, err)
	}
	c := d.clone()
	if err := c.delete(path); err != nil {
		return fmt.Errorf("delete %s: %w", path, err)
	}
	segs := splitPath(path)
	if !isIndex(segs[len(segs)-1]) && c.Has(path) {
		return fmt.Errorf("delete %s: the key is still there", path)
	}
	*d = *c
	return nil
}

// set dispatches on the value's type.
func (d *Document) set(path string, value any) error {
	switch v := value.(type) {
	case string, int, bool:
		return d.setScalar(path, v)
	case []string:
		if len(v) == 0 {
			return d.delete(path)
		}
		return d.setStrings(path, v)
	case Provider:
		if v == (Provider{}) {
			return d.delete(path)
		}
		return d.setProvider(path, v)
	case []Related:
		if len(v) == 0 {
			return d.delete(path)
		}
		return d.setRelated(path, v)
	case []Image:
		if len(v) == 0 {
			return d.delete(path)
		}
		return d.setImages(path, v)
	}
	return fmt.Errorf("unsupported value type %T", value)
}

// setScalar replaces or inserts a string, int or bool.
func (d *Document) setScalar(path string, v any) error {
	s, ok := d.slot(path)
	if !ok {
		return d.insert(path, v)
	}
	return d.replaceWithScalar(s, v)
}

// replaceWithScalar writes a scalar over the slot's value.
func (d *Document) replaceWithScalar(s slot, v any) error {
	start, end := d.start(s), d.end(s)
	if s.val.Kind == yaml.ScalarNode || !isBlock(s.val) {
		style := s.val.Style
		if s.val.Kind != yaml.ScalarNode || d.isEmptyNull(s) {
			style = seedStyle(s.path)
		}
		text, err := renderScalar(v, style, s.flow, allowsTime(s.path), s.owner+2, d.nl)
		if err != nil {
			return err
		}
		if start == end && start > d.fmStart && d.src[start-1] != ' ' {
			text = " " + text
		}
		return d.commit(edit{start, end, text})
	}
	// A block collection becomes a scalar after the key's ':' or the dash.
	from, err := d.indicatorEnd(s)
	if err != nil {
		return err
	}
	text, err := renderScalar(v, seedStyle(s.path), false, allowsTime(s.path), s.owner+2, d.nl)
	if err != nil {
		return err
	}
	return d.commit(edit{from, end, " " + text})
}

// replaceWithBlock writes a block structure (lines already indented) over
// the slot's value, starting on the line after its key or dash.
func (d *Document) replaceWithBlock(s slot, lines []string) error {
	from, err := d.indicatorEnd(s)
	if err != nil {
		return err
	}
	return d.commit(edit{from, d.end(s), d.nl + strings.Join(lines, d.nl)})
}

// setProvider sets a provider mapping field by field: unchanged fields keep
// their lines, empty fields are deleted.
func (d *Document) setProvider(path string, p Provider) error {
	s, ok := d.slot(path)
	if !ok {
		return d.insert(path, p)
	}
	if s.val.Kind != yaml.MappingNode {
		lines, err := entryLines(path, p, s.owner)
		if err != nil {
			return err
		}
		return d.replaceWithBlock(s, lines[1:])
	}
	for _, f := range [...]struct{ key, val string }{{"name", p.Name}, {"domain", p.Domain}} {
		if err := d.setStringField(path+"."+f.key, f.val); err != nil {
			return err
		}
	}
	return nil
}

// setStringField sets a string field only when its value differs; an empty
// value deletes the key.
func (d *Document) setStringField(path, v string) error {
	cur, _, _ := d.lookup(path)
	if cur != nil && cur.Kind == yaml.ScalarNode && str(cur) == v || cur == nil && v == "" {
		return nil
	}
	if v == "" {
		return d.delete(path)
	}
	return d.setScalar(path, v)
}

// setIntField sets an int field only when its value differs (a missing
// field reads as 0).
func (d *Document) setIntField(path string, v int) error {
	cur, _, _ := d.lookup(path)
	if integer(cur) == v && (cur == nil || cur.Kind == yaml.ScalarNode) {
		return nil
	}
	return d.setScalar(path, v)
}
