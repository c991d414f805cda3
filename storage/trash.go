package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"time"
)

// Trash deletes articles as Delete does, in one transaction, but keeps them
// in the archive's trash under a new batch number instead of returning them:
// what an undo needs stays on disk, so deleting 100,000 articles costs no
// memory. Untrash(batch) puts them back, Purge(batch) forgets them. A
// missing id is ErrNotFound and deletes nothing; an id given twice is
// deleted once. n is how many articles went.
func (a *Archive) Trash(ctx context.Context, ids ...int64) (batch int64, n int, err error) {
	err = a.WriteTx(ctx, func(tx *Tx) error {
		n = 0
		if err := tx.queryRow(`SELECT coalesce(max(batch), 0) + 1 FROM trash`).Scan(&batch); err != nil {
			return fmt.Errorf("storage: trash: %w", err)
		}
		return tx.removeAll("trash", ids, func(rec *Record) error {
			if err := tx.putTrash(batch, rec); err != nil {
				return err
			}
			tx.idsChecked = false // the trash may now hold the largest id
			n++
			return nil
		})
	})
	if err != nil {
		return 0, 0, err
	}
	return batch, n, nil
}

// putTrash stores a removed article (and the images removed with it) in
// the trash.
func (tx *Tx) putTrash(batch int64, rec *Record) error {
	var current any
	if rec.Current != nil {
		current = rec.Current
	}
	sets, err := json.Marshal(rec.Sets)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO trash (batch, id, file, original, current, imported_at, updated_at, sets, trashed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		batch, rec.ID, rec.File, rec.Original, current, rec.ImportedAt.UTC().Format(stampLayout),
		rec.UpdatedAt.UTC().Format(stampLayout), string(sets), tx.now); err != nil {
		return err
	}
	if l := rec.Linked; l != nil {
		if _, err := tx.exec(`INSERT INTO trash_linked (batch, id, folder_path, path, mode) VALUES (?, ?, ?, ?, ?)`,
			batch, rec.ID, l.Folder, l.Path, int64(l.Mode)); err != nil {
			return err
		}
	}
	for _, e := range rec.Images {
		if _, err := tx.exec(`INSERT OR REPLACE INTO trash_image (batch, url, status, width, height, format, size,
			thumb_mime, thumb_width, thumb_height, error, failures, retry_at, fetched_at, thumb, original)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			batch, e.URL, string(e.Status), e.Width, e.Height, e.Format, e.Size, e.ThumbMIME, e.ThumbWidth,
			e.ThumbHeight, e.Error, e.Failures, imageTime(e.RetryAt), imageTime(e.FetchedAt), e.Thumb, e.Original); err != nil {
			return fmt.Errorf("image %s: %w", e.URL, err)
		}
	}
	return nil
}

// Untrash puts a batch of trashed articles back, as Restore does (same ids,
// texts, timestamps, manual sets and cached images), and empties the batch,
// in one transaction, reading it a page of articles at a time. A batch that
// is not in the trash is ErrNotFound.
func (a *Archive) Untrash(ctx context.Context, batch int64) error {
	return a.WriteTx(ctx, func(tx *Tx) error {
		fail := func(err error) error { return fmt.Errorf("storage: untrash batch %d: %w", batch, err) }
		var after int64
		n := 0
		for {
			recs, err := tx.trashed(batch, after, untrashPage)
			if err != nil {
				return fail(err)
			}
			for _, rec := range recs {
				if err := tx.restore(rec); err != nil {
					return fmt.Errorf("storage: untrash %d (%s): %w", rec.ID, rec.File, err)
				}
				after = rec.ID
			}
			n += len(recs)
			if len(recs) < untrashPage {
				break
			}
		}
		if n == 0 {
			return fail(ErrNotFound)
		}
		// The images go back inside SQLite: their bytes never pass through
		// memory (unless the URL was cached again meanwhile).
		if _, err := tx.exec(`INSERT OR IGNORE INTO image_cache (url, status, width, height, format, size,
			thumb_mime, thumb_width, thumb_height, error, failures, retry_at, fetched_at, thumb, original)
			SELECT url, status, width, height, format, size, thumb_mime, thumb_width, thumb_height, error,
			failures, retry_at, fetched_at, thumb, original FROM trash_image WHERE batch = ?`, batch); err != nil {
			return fail(err)
		}
		return tx.purge(batch)
	})
}

// untrashPage is how many trashed articles Untrash reads at once.
const untrashPage = 500

// trashed reads up to limit articles of a batch with ids above after, in id
// order.
func (tx *Tx) trashed(batch, after int64, limit int) ([]*Record, error) {
	rows, err := tx.query(`SELECT t.id, t.file, t.original, t.current, t.imported_at, t.updated_at, t.sets,
		l.folder_path, l.path, l.mode
		FROM trash t LEFT JOIN trash_linked l ON l.batch = t.batch AND l.id = t.id
		WHERE t.batch = ? AND t.id > ? ORDER BY t.id LIMIT ?`, batch, after, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var recs []*Record
	for rows.Next() {
		rec := &Record{}
		var imported, updated, sets string
		var folder, path sql.NullString
		var mode sql.NullInt64
		if err := rows.Scan(&rec.ID, &rec.File, &rec.Original, &rec.Current, &imported, &updated, &sets,
			&folder, &path, &mode); err != nil {
			return nil, err
		}
		if folder.Valid {
			rec.Linked = &LinkedPath{Folder: folder.String, Path: path.String, Mode: fs.FileMode(mode.Int64)}
		}
		if rec.ImportedAt, err = time.Parse(stampLayout, imported); err != nil {
			return nil, fmt.Errorf("%s: imported_at: %w", rec.File, err)
		}
		if rec.UpdatedAt, err = time.Parse(stampLayout, updated); err != nil {
			return nil, fmt.Errorf("%s: updated_at: %w", rec.File, err)
		}
		if err := json.Unmarshal([]byte(sets), &rec.Sets); err != nil {
			return nil, fmt.Errorf("%s: sets: %w", rec.File, err)
		}
		recs = append(recs, rec)
	}
	return recs, rows.Err()
}

// Purge forgets trashed batches for good (a missing one is no error).
func (a *Archive) Purge(ctx context.Context, batches ...int64) error {
	if len(batches) == 0 {
		return nil
	}
	return a.WriteTx(ctx, func(tx *Tx) error {
		for _, b := range batches {
			if err := tx.purge(b); err != nil {
				return fmt.Errorf("storage: purge batch %d: %w", b, err)
			}
		}
		return nil
	})
}

// PurgeOlder forgets the batches trashed before t: those of programs that
// stopped without purging theirs (killed, crashed).
func (a *Archive) PurgeOlder(ctx context.Context, t time.Time) error {
	return a.WriteTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT DISTINCT batch FROM trash WHERE trashed_at < ?`, t.UTC().Format(stampLayout))
		if err != nil {
			return err
		}
		var old []int64
		for rows.Next() {
			var b int64
			if err := rows.Scan(&b); err != nil {
				rows.Close()
				return err
			}
			old = append(old, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, b := range old {
			if err := tx.purge(b); err != nil {
				return fmt.Errorf("storage: purge batch %d: %w", b, err)
			}
		}
		return nil
	})
}

// Trashed counts the articles in the trash.
func (a *Archive) Trashed(ctx context.Context) (int, error) {
	var n int
	if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM trash`).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: trashed: %w", err)
	}
	return n, nil
}

func (tx *Tx) purge(batch int64) error {
	if _, err := tx.exec(`DELETE FROM trash WHERE batch = ?`, batch); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM trash_linked WHERE batch = ?`, batch); err != nil {
		return err
	}
	_, err := tx.exec(`DELETE FROM trash_image WHERE batch = ?`, batch)
	return err
}
