package seedfile

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// setStrings sets a list of strings. A block list is edited item by item:
// kept items keep their lines, removed items lose theirs, new items are
// added in the list's own style. A flow list is rewritten on its line.
func (d *Document) setStrings(path string, items []string) error {
	s, ok := d.slot(path)
	if !ok {
		return d.insert(path, items)
	}
	if s.val.Kind == yaml.SequenceNode && !isBlock(s.val) {
		n, _ := valueNode(items)
		n.Style = yaml.FlowStyle
		text, err := encodeFlow(n)
		if err != nil {
			return err
		}
		return d.commit(edit{d.start(s), d.end(s), text})
	}
	if s.val.Kind != yaml.SequenceNode {
		lines, err := entryLines(path, items, s.owner)
		if err != nil {
			return err
		}
		return d.replaceWithBlock(s, lines[1:])
	}
	seq := s.val
	old := make([]string, len(seq.Content))
	style := yaml.Style(0)
	for i, c := range seq.Content {
		old[i] = "\x00" // matches no new item
		if c.Kind == yaml.ScalarNode && !isNull(c) {
			old[i] = c.Value
			style = c.Style
		}
	}
	match := lcs(old, items)
	col := d.blockIndent(seq)
	pad := strings.Repeat(" ", col)
	var edits []edit
	ranges := make([][2]int, len(old))
	for i, c := range seq.Content {
		is, _ := d.slot(path + "." + strconv.Itoa(i))
		dash, err := d.indicatorEnd(is)
		if err != nil || !d.firstOnLine(dash-1) {
			return d.rewriteBlockList(s, path, items)
		}
		end := max(d.nodeEnd(c, col, false), dash)
		ranges[i] = [2]int{d.lineStart(dash - 1), d.nextLineStart(end)}
	}
	add := func(at int, item string) error {
		text, err := renderScalar(item, style, false, false, col+2, d.nl)
		if err == nil {
			edits = append(edits, edit{at, at, pad + "- " + text + d.nl})
		}
		return err
	}
	// New items go before the kept item they precede, the rest after the
	// last old item: a replaced item takes the place of the one removed.
	next := 0
	for i := range old {
		if match[i] < 0 {
			edits = append(edits, edit{ranges[i][0], ranges[i][1], ""})
			continue
		}
		for ; next < match[i]; next++ {
			if err := add(ranges[i][0], items[next]); err != nil {
				return err
			}
		}
		next = match[i] + 1
	}
	for ; next < len(items); next++ {
		if err := add(ranges[len(old)-1][1], items[next]); err != nil {
			return err
		}
	}
	return d.commit(edits...)
}

// rewriteBlockList replaces a list whose layout the item diff cannot handle.
func (d *Document) rewriteBlockList(s slot, path string, items []string) error {
	lines, err := entryLines(path, items, s.owner)
	if err != nil {
		return err
	}
	return d.replaceWithBlock(s, lines[1:])
}

// lcs marks, for each old item, whether it belongs to a longest common
// subsequence of old and new (match[i] >= 0) or is to be removed (-1).
func lcs(old, items []string) []int {
	n, m := len(old), len(items)
	t := make([][]int, n+1)
	for i := range t {
		t[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if old[i] == items[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	match := make([]int, n)
	for i := range match {
		match[i] = -1
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case old[i] == items[j]:
			match[i] = j
			i++
			j++
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return match
}

// setRelated sets the related list item by item: changed fields are spliced
// one by one, surplus items are removed, extra items appended in the seeds'
// style.
func (d *Document) setRelated(path string, rel []Related) error {
	return d.setItems(path, len(rel), func(i int, p string) error {
		return d.setRelatedItem(p, rel[i])
	}, func(from, indent int) ([]string, error) {
		var out []string
		for i, r := range rel[from:] {
			l, err := relatedLines(path+"."+strconv.Itoa(from+i), r, indent)
			if err != nil {
				return nil, err
			}
			out = append(out, l...)
		}
		return out, nil
	}, rel)
}

// setImages sets an images list item by item, like setRelated.
func (d *Document) setImages(path string, imgs []Image) error {
	return d.setItems(path, len(imgs), func(i int, p string) error {
		if err := d.setStringField(p+".url", imgs[i].URL); err != nil {
			return err
		}
		if err := d.setIntField(p+".width", imgs[i].Width); err != nil {
			return err
		}
		return d.setIntField(p+".height", imgs[i].Height)
	}, func(from, indent int) ([]string, error) {
		var out []string
		for i, img := range imgs[from:] {
			l, err := imageLines(path+"."+strconv.Itoa(from+i), img, indent)
			if err != nil {
				return nil, err
			}
			out = append(out, l...)
		}
		return out, nil
	}, imgs)
}

// setItems edits a block list of mappings in place: setItem updates the
// kept items, surplus items are deleted and render writes the new ones,
// which are appended after the last item. Any other shape is replaced by
// the seed-style rendering of whole.
func (d *Document) setItems(path string, n int, setItem func(i int, p string) error,
	render func(from, indent int) ([]string, error), whole any) error {
	s, ok := d.slot(path)
	if !ok {
		return d.insert(path, whole)
	}
	if !isBlock(s.val) || s.val.Kind != yaml.SequenceNode {
		lines, err := entryLines(path, whole, s.owner)
		if err != nil {
			return err
		}
		return d.replaceWithBlock(s, lines[1:])
	}
	for _, c := range s.val.Content {
		if c.Kind != yaml.MappingNode || !isBlock(c) {
			lines, err := entryLines(path, whole, s.owner)
			if err != nil {
				return err
			}
			return d.replaceWithBlock(s, lines[1:])
		}
	}
	old := len(s.val.Content)
	for i := 0; i < min(old, n); i++ {
		if err := setItem(i, path+"."+strconv.Itoa(i)); err != nil {
			return err
		}
	}
	for i := old - 1; i >= n; i-- {
		if err := d.delete(path + "." + strconv.Itoa(i)); err != nil {
			return err
		}
	}
	if n <= old {
		return nil
	}
	s, _ = d.slot(path)
	lines, err := render(old, d.blockIndent(s.val))
	if err != nil {
		return err
	}
	at := d.nextLineStart(d.end(s))
	return d.commit(edit{at, at, strings.Join(lines, d.nl) + d.nl})
}

// setRelatedItem updates the fields of one related article that differ.
func (d *Document) setRelatedItem(p string, r Related) error {
	for _, f := range [...]struct{ key, val string }{
		{"title", r.Title}, {"excerpt", r.Excerpt}, {"publishedDateTime", r.PublishedDateTime},
		{"webUrl", r.WebURL}, {"type", r.Type},
	} {
		if err := d.setStringField(p+"."+f.key, f.val); err != nil {
			return err
		}
	}
	pv, _, _ := d.lookup(p + ".provider")
	switch {
	case provider(pv) == r.Provider && (pv == nil || pv.Kind == yaml.MappingNode):
	case r.Provider == (Provider{}):
		if err := d.delete(p + ".provider"); err != nil {
			return err
		}
	default:
		if err := d.setProvider(p+".provider", r.Provider); err != nil {
			return err
		}
	}
	if err := d.setIntField(p+".quality", r.Quality); err != nil {
		return err
	}
	iv, _, _ := d.lookup(p + ".images")
	switch {
	case equalImages(images(iv), r.Images):
		return nil
	case len(r.Images) == 0:
		return d.delete(p + ".images")
	}
	return d.setImages(p+".images", r.Images)
}

// equalImages compares image lists, nil equal to empty.
func equalImages(a, b []Image) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
