package gui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// textPatch is what an edit changed in one article's text: the bytes
// between the start and the end the texts before and after have in common
// (an edit of one field changes a line or two). An undo step keeps patches,
// not whole texts, so a bulk edit of 100,000 articles costs a few megabytes
// of history rather than a gigabyte.
type textPatch struct {
	id       int64
	at, tail int    // lengths of the common start and end
	old, new []byte // the bytes between them before and after the edit
}

func newTextPatch(id int64, before, after []byte) textPatch {
	at := 0
	for at < len(before) && at < len(after) && before[at] == after[at] {
		at++
	}
	tail := 0
	for tail < len(before)-at && tail < len(after)-at && before[len(before)-1-tail] == after[len(after)-1-tail] {
		tail++
	}
	return textPatch{id: id, at: at, tail: tail,
		old: bytes.Clone(before[at : len(before)-tail]), new: bytes.Clone(after[at : len(after)-tail])}
}

// apply returns cur with the edit undone (or, with redo, done again). ok is
// false when cur is not the text the patch left (or, with redo, found): the
// article changed since, and is best left alone.
func (p textPatch) apply(cur []byte, redo bool) (out []byte, ok bool) {
	from, to := p.new, p.old
	if redo {
		from, to = p.old, p.new
	}
	if len(cur) != p.at+len(from)+p.tail || !bytes.Equal(cur[p.at:p.at+len(from)], from) {
		return nil, false
	}
	out = make([]byte, 0, len(cur)-len(from)+len(to))
	out = append(out, cur[:p.at]...)
	out = append(out, to...)
	return append(out, cur[p.at+len(from):]...), true
}

// leftAlone reports the articles an undo or redo did not touch because they
// changed after the step (an editor save, another program) or are gone; the
// others were undone.
type leftAlone struct{ n int }

func (e *leftAlone) Error() string {
	return fmt.Sprintf("%s changed since and %s", articles(e.n), plural(e.n, "was left as it is", "were left as they are"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// patchStep undoes and redoes an edit by its patches.
func patchStep(arc *storage.Archive, label string, patches []textPatch) undoStep {
	return undoStep{
		label: label,
		undo:  func(ctx context.Context) error { return applyPatches(ctx, arc, patches, false) },
		redo:  func(ctx context.Context) error { return applyPatches(ctx, arc, patches, true) },
	}
}

// applyPatches undoes (or redoes) patches in transactions of editBatch
// articles. Articles that changed since are left alone and counted in a
// *leftAlone error; any other error stops it.
func applyPatches(ctx context.Context, arc *storage.Archive, patches []textPatch, redo bool) error {
	skipped := 0
	for batch := range slices.Chunk(patches, editBatch) {
		docs := map[int64]*seedfile.Document{}
		for _, p := range batch {
			rec, err := arc.Get(ctx, p.id)
			if errors.Is(err, storage.ErrNotFound) {
				skipped++
				continue
			}
			if err != nil {
				return fmt.Errorf("load article %d: %w", p.id, err)
			}
			text, ok := p.apply(rec.Doc.Bytes(), redo)
			if !ok {
				skipped++
				continue
			}
			doc, err := seedfile.Parse(text)
			if err != nil {
				return fmt.Errorf("restore article %d: %w", p.id, err)
			}
			docs[p.id] = doc
		}
		if len(docs) > 0 {
			if err := arc.UpdateMany(ctx, docs); err != nil {
				return fmt.Errorf("store %d article(s): %w", len(docs), err)
			}
		}
	}
	if skipped > 0 {
		return &leftAlone{skipped}
	}
	return nil
}
