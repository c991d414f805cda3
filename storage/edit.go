package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// ErrChanged is what an EditFunc returns (wrapped or not) when the stored
// text is no longer the one its caller loaded: another program or window
// changed the article since, and writing over it would lose that change.
var ErrChanged = errors.New("changed since it was read")

// EditFunc changes one article's document in place and reports whether it
// changed anything. It runs inside the write transaction, so it must not
// call the Archive's write methods (they would wait for it forever).
type EditFunc func(id int64, doc *seedfile.Document) (changed bool, err error)

// Edited is one article an Edit changed: its text before and after (for
// undo patches).
type Edited struct {
	ID            int64
	File          string
	Before, After []byte
}

// Edit reads each article, applies fn and stores the changed ones inside ONE
// write transaction: all or none. Reading inside the transaction is the
// point: no other connection or process can commit between the read and the
// write, so an edit never overwrites a change it did not see. An error from
// fn aborts and changes nothing; it is returned wrapped with the article's
// id and file (errors.Is finds ErrChanged through it). A missing id is
// ErrNotFound and changes nothing; an id given twice is edited once. The
// result lists the changed articles in the order of ids; an article whose
// text fn left byte for byte as it was is not stored and not listed.
func (a *Archive) Edit(ctx context.Context, ids []int64, fn EditFunc) ([]Edited, error) {
	var out []Edited
	err := a.WriteTx(ctx, func(tx *Tx) error {
		out = out[:0] // fresh on every call of this callback
		seen := make(map[int64]bool, len(ids))
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			e, changed, err := tx.edit(id, fn)
			if err != nil {
				return err
			}
			if changed {
				out = append(out, e)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// edit applies fn to one article inside the transaction and stores the
// result when its text changed.
func (tx *Tx) edit(id int64, fn EditFunc) (Edited, bool, error) {
	e := Edited{ID: id}
	var original, current []byte
	err := tx.queryRow(`SELECT a.file, t.original, t.current
		FROM article a JOIN article_text t ON t.article_id = a.id WHERE a.id = ?`, id).
		Scan(&e.File, &original, &current)
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, fmt.Errorf("storage: edit %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return e, false, fmt.Errorf("storage: edit %d: %w", id, err)
	}
	if original, err = loadText(original); err == nil {
		current, err = loadText(current)
	}
	if err != nil {
		return e, false, fmt.Errorf("storage: edit %d (%s): %w", id, e.File, err)
	}
	e.Before = original
	if current != nil {
		e.Before = current
	}
	doc, err := seedfile.Parse(e.Before)
	if err != nil {
		return e, false, fmt.Errorf("storage: edit %d (%s): %w", id, e.File, err)
	}
	changed, err := fn(id, doc)
	if err != nil {
		return e, false, fmt.Errorf("storage: edit %d (%s): %w", id, e.File, err)
	}
	if !changed || bytes.Equal(doc.Bytes(), e.Before) {
		return e, false, nil
	}
	if err := tx.update(id, doc); err != nil {
		return e, false, fmt.Errorf("storage: edit %d (%s): %w", id, e.File, err)
	}
	e.After = bytes.Clone(doc.Bytes())
	return e, true, nil
}
