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
// articles, each read and written in one (storage.Archive.Edit). Articles
// that changed since, or are gone, are left alone and counted in a
// *leftAlone error; any other error stops it.
func applyPatches(ctx context.Context, arc *storage.Archive, patches []textPatch, redo bool) error {
	skipped := 0
	for batch := range slices.Chunk(patches, editBatch) {
		n, err := applyBatch(ctx, arc, batch, redo)
		if err != nil {
			return err
		}
		skipped += n
	}
	if skipped > 0 {
		return &leftAlone{skipped}
	}
	return nil
}

// applyBatch applies one batch of patches and returns how many it left
// alone. An article deleted meanwhile makes Edit refuse the whole batch:
// the batch is tried again without the articles that are gone.
func applyBatch(ctx context.Context, arc *storage.Archive, batch []textPatch, redo bool) (skipped int, err error) {
	byID := make(map[int64]textPatch, len(batch))
	ids := make([]int64, 0, len(batch))
	for _, p := range batch {
		byID[p.id] = p
		ids = append(ids, p.id)
	}
	for {
		left := map[int64]bool{} // a set: Edit may run fn again on a retry
		_, err := arc.Edit(ctx, ids, func(id int64, doc *seedfile.Document) (bool, error) {
			text, ok := byID[id].apply(doc.Bytes(), redo)
			if !ok {
				left[id] = true
				return false, nil
			}
			parsed, err := seedfile.Parse(text)
			if err != nil {
				return false, fmt.Errorf("restore: %w", err)
			}
			*doc = *parsed
			return true, nil
		})
		if err == nil {
			return len(batch) - len(ids) + len(left), nil
		}
		if !errors.Is(err, storage.ErrNotFound) {
			return 0, fmt.Errorf("store %s: %w", articles(len(ids)), err)
		}
		present, lerr := presentIDs(ctx, arc, ids)
		if lerr != nil {
			return 0, lerr
		}
		if len(present) == len(ids) {
			return 0, fmt.Errorf("store %s: %w", articles(len(ids)), err)
		}
		ids = present
	}
}

// presentIDs keeps the ids of articles still in the archive.
func presentIDs(ctx context.Context, arc *storage.Archive, ids []int64) ([]int64, error) {
	out := ids[:0:0]
	for _, id := range ids {
		_, err := arc.Get(ctx, id)
		switch {
		case err == nil:
			out = append(out, id)
		case !errors.Is(err, storage.ErrNotFound):
			return nil, fmt.Errorf("load article %d: %w", id, err)
		}
	}
	return out, nil
}
