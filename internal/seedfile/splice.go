package seedfile

import (
	"bytes"
	"fmt"
	"sort"
)

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// splice applies non-overlapping edits to src. Insertions (start == end) at
// the same offset as a replacement go first; edits at the same position keep
// their order.
func splice(src []byte, edits []edit) []byte {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].end == edits[i].start && edits[j].end != edits[j].start
	})
	size := len(src)
	for _, e := range edits {
		size += len(e.text) - (e.end - e.start)
	}
	out := make([]byte, 0, size)
	pos := 0
	for _, e := range edits {
		if e.start < pos {
			e.start = pos // overlapping edits are a bug; never duplicate text
		}
		out = append(out, src[pos:e.start]...)
		out = append(out, e.text...)
		pos = max(pos, e.end)
	}
	return append(out, src[pos:]...)
}

// commit applies edits and re-parses the result, replacing d's state. The
// document is unchanged when the result does not parse.
func (d *Document) commit(edits ...edit) error {
	if len(edits) == 0 {
		return nil
	}
	src := splice(d.src, edits)
	if bytes.Equal(src, d.src) {
		return nil
	}
	nd, err := Parse(src)
	if err != nil {
		return fmt.Errorf("edit would produce an invalid file: %w", err)
	}
	*d = *nd
	return nil
}

// clone returns a copy that can be edited without touching d (the text is
// never modified in place, so sharing it is safe).
func (d *Document) clone() *Document {
	c := *d
	return &c
}
