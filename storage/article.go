package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// Record is one stored article.
type Record struct {
	ID       int64
	File     string // original file name (relative path as imported)
	Original []byte // bytes exactly as imported
	// Doc is the current text, parsed. Records Delete returns have none
	// (a parsed document takes several times the memory of its text, and
	// undo keeps them): Current holds their edited text then, nil when
	// unedited.
	Doc        *seedfile.Document
	Current    []byte
	ImportedAt time.Time
	UpdatedAt  time.Time
	Sets       []string // names of the manual sets holding the article (Restore puts it back in them)
	// Images are the image-cache records Delete dropped because no other
	// article referenced them; Restore puts them back.
	Images []ImageEntry
	// Linked is where the file of a deleted linked article was (nil for an
	// imported article): Restore writes the text back there.
	Linked *LinkedPath
}

// Text is the article's current text: the edited one, else the original.
func (r *Record) Text() []byte {
	switch {
	case r.Doc != nil:
		return r.Doc.Bytes()
	case r.Current != nil:
		return r.Current
	}
	return r.Original
}

// Edited reports whether the current text differs from the original.
func (r *Record) Edited() bool { return !bytes.Equal(r.Text(), r.Original) }

// Get loads one article; ErrNotFound when there is none with that id.
func (a *Archive) Get(ctx context.Context, id int64) (*Record, error) {
	rec, err := loadRecord(ctx, a.db, id)
	if err != nil {
		return nil, fmt.Errorf("storage: get %d: %w", id, err)
	}
	return rec, nil
}

// loadRecord reads and parses one article with its manual set names.
func loadRecord(ctx context.Context, q querier, id int64) (*Record, error) {
	rec := &Record{ID: id}
	var current []byte
	var imported, updated string
	err := q.QueryRowContext(ctx, `SELECT a.file, t.original, t.current, a.imported_at, a.updated_at
		FROM article a JOIN article_text t ON t.article_id = a.id WHERE a.id = ?`, id).
		Scan(&rec.File, &rec.Original, &current, &imported, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if rec.Original, err = loadText(rec.Original); err != nil {
		return nil, fmt.Errorf("%s: original: %w", rec.File, err)
	}
	if current, err = loadText(current); err != nil {
		return nil, fmt.Errorf("%s: edited text: %w", rec.File, err)
	}
	text := rec.Original
	if current != nil {
		text = current
	}
	if rec.Doc, err = seedfile.Parse(text); err != nil {
		return nil, fmt.Errorf("%s: %w", rec.File, err)
	}
	if rec.ImportedAt, err = time.Parse(stampLayout, imported); err != nil {
		return nil, fmt.Errorf("%s: imported_at: %w", rec.File, err)
	}
	if rec.UpdatedAt, err = time.Parse(stampLayout, updated); err != nil {
		return nil, fmt.Errorf("%s: updated_at: %w", rec.File, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT s.name FROM set_member m JOIN article_set s ON s.id = m.set_id
		WHERE m.article_id = ? AND s.query = '' ORDER BY s.name COLLATE NOCASE`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		rec.Sets = append(rec.Sets, name)
	}
	return rec, rows.Err()
}

// Insert stores a new article (doc's text becomes its original) and returns
// its id.
func (a *Archive) Insert(ctx context.Context, file string, doc *seedfile.Document) (int64, error) {
	var id int64
	err := a.WriteTx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.Insert(file, doc)
		return err
	})
	return id, err
}

// Update stores an edited document for an existing article: its text becomes
// the current text (none when it equals the original again) and everything
// derived from it is re-indexed. ErrNotFound when there is no such article.
func (a *Archive) Update(ctx context.Context, id int64, doc *seedfile.Document) error {
	return a.UpdateMany(ctx, map[int64]*seedfile.Document{id: doc})
}

// UpdateMany stores several edited documents in one transaction: all or none.
func (a *Archive) UpdateMany(ctx context.Context, docs map[int64]*seedfile.Document) error {
	ids := make([]int64, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return a.WriteTx(ctx, func(tx *Tx) error {
		for _, id := range ids {
			if docs[id] == nil {
				return fmt.Errorf("storage: update %d: no document", id)
			}
			if err := tx.update(id, docs[id]); err != nil {
				return fmt.Errorf("storage: update %d: %w", id, err)
			}
		}
		return nil
	})
}

// Delete removes articles (with their set memberships, and the cached images
// no other article references) in one transaction and returns them as they
// were, for undo with Restore: their texts, not parsed (Doc is nil, Current
// the edited text), because a parsed document takes several times the
// memory of its text and the undo of a large delete keeps every one. A missing id is
// ErrNotFound and deletes nothing; an id given twice is deleted once.
func (a *Archive) Delete(ctx context.Context, ids ...int64) ([]*Record, error) {
	var recs []*Record
	err := a.WriteTx(ctx, func(tx *Tx) error {
		recs = recs[:0]
		return tx.removeAll("delete", ids, func(rec *Record) error {
			recs = append(recs, rec)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return recs, nil
}

// removeAll removes each article of ids once (see remove) and hands it to
// keep; op names the operation in errors.
func (tx *Tx) removeAll(op string, ids []int64, keep func(*Record) error) error {
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		rec, err := tx.remove(id)
		if err == nil {
			err = keep(rec)
		}
		if err != nil {
			return fmt.Errorf("storage: %s %d: %w", op, id, err)
		}
	}
	return nil
}

// remove deletes one article (its rows, full-text entry and the cached
// images no other article references) and returns it as it was, its text
// not parsed (Doc nil, Current the edited text). A linked article's file
// is deleted too, unless it changed on disk since it was indexed
// (ErrChangedOnDisk); Record.Linked says where it was.
func (tx *Tx) remove(id int64) (*Record, error) {
	lf, err := tx.linkedOf(id)
	if err != nil {
		return nil, err
	}
	if lf != nil {
		if err := lf.checkUnchanged(); err != nil {
			return nil, err
		}
	}
	rec, err := tx.removeRows(id)
	if err != nil {
		return nil, err
	}
	if lf != nil {
		rec.Linked = &LinkedPath{Folder: lf.folder, Path: lf.path, Mode: lf.stat.mode}
		tx.removeFile(lf.abs())
	}
	return rec, nil
}

// removeRows deletes one article from the index only, as remove does,
// leaving any file it was indexed from.
func (tx *Tx) removeRows(id int64) (*Record, error) {
	rec, err := loadRecord(tx.ctx, tx.tx, id)
	if err != nil {
		return nil, err
	}
	if err := tx.uncountStored(id); err != nil {
		return nil, err
	}
	if _, err := tx.exec(deleteFTSSQL, id); err != nil {
		return nil, err
	}
	if _, err := tx.exec(`DELETE FROM article WHERE id = ?`, id); err != nil {
		return nil, err
	}
	refs := rec.Doc.Images()
	urls := make([]string, len(refs))
	for i, r := range refs {
		urls[i] = r.URL
	}
	if rec.Images, err = tx.dropOrphanImages(urls); err != nil {
		return nil, err
	}
	if rec.Edited() {
		rec.Current = bytes.Clone(rec.Doc.Bytes())
	}
	rec.Doc = nil
	return rec, nil
}

// Restore puts deleted records back with their ids, texts, timestamps and
// manual set memberships (recreating a manual set that was deleted since),
// in one transaction. An id that is in use again is an error.
func (a *Archive) Restore(ctx context.Context, recs []*Record) error {
	return a.WriteTx(ctx, func(tx *Tx) error {
		for _, rec := range recs {
			if err := tx.restore(rec); err != nil {
				return fmt.Errorf("storage: restore %d (%s): %w", rec.ID, rec.File, err)
			}
		}
		return nil
	})
}

func (tx *Tx) restore(rec *Record) error {
	if rec.ID <= 0 {
		return errors.New("record without an id")
	}
	var one int
	err := tx.queryRow(`SELECT 1 FROM article WHERE id = ?`, rec.ID).Scan(&one)
	if err == nil {
		return errors.New("the id is in use")
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	doc := rec.Doc
	if doc == nil {
		if doc, err = seedfile.Parse(rec.Text()); err != nil {
			return err
		}
	}
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return tx.now
		}
		return t.UTC().Format(stampLayout)
	}
	if _, err := tx.insert(rec.ID, rec.File, rec.Original, Prepare(doc), stamp(rec.ImportedAt), stamp(rec.UpdatedAt)); err != nil {
		return err
	}
	if err := tx.restoreImages(rec.Images); err != nil {
		return err
	}
	if rec.Linked != nil {
		if err := tx.restoreLinked(rec.ID, rec.Linked, rec.Text()); err != nil {
			return err
		}
	}
	for _, name := range rec.Sets {
		set, err := tx.ensureManualSet(name)
		if errors.Is(err, ErrSmartSet) {
			continue // the name now belongs to a smart set: membership follows its query
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT OR IGNORE INTO set_member (set_id, article_id, added_at) VALUES (?, ?, ?)`,
			set, rec.ID, tx.now); err != nil {
			return err
		}
	}
	return nil
}
