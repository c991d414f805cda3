package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// fixups are the Go steps of migrations, run after their SQL in the same
// transaction, keyed by version.
var fixups = map[int]func(ctx context.Context, tx *sql.Tx) error{
	6: rederiveNumbers,
	9: rederiveTopics,
}

// rederiveNumbers re-derives quality, heat and the related articles'
// quality of every article where one is stored as 0: an earlier version
// stored a value that is not a number (quality: high) as 0, and derive now
// makes it NULL. Only those columns change, so updated_at stays.
func rederiveNumbers(ctx context.Context, tx *sql.Tx) error {
	// Migration 6 runs before 8 compresses the texts: they are stored as is.
	return eachStoredArticle(ctx, tx, `SELECT id FROM article WHERE quality = 0 OR heat = 0
		OR id IN (SELECT article_id FROM related WHERE quality = 0) ORDER BY id`, plainText,
		func(id int64, ix *indexed) error {
			if _, err := tx.ExecContext(ctx, `UPDATE article SET quality = ?, heat = ? WHERE id = ?`,
				ix.quality, ix.heat, id); err != nil {
				return err
			}
			for i, r := range ix.related {
				if _, err := tx.ExecContext(ctx, `UPDATE related SET quality = ? WHERE article_id = ? AND position = ?`,
					r.quality, id, i); err != nil {
					return err
				}
			}
			return nil
		})
}

// plainText is how a migration before 8 reads a stored text: as it is.
func plainText(b []byte) ([]byte, error) { return b, nil }

// eachStoredArticle re-derives, inside a migration's transaction, every
// article idsSQL selects and hands what derive makes of its text to fn.
// The ids are read first: the transaction's one connection cannot write
// while it reads rows, and holding every parsed text would cost memory in
// proportion to the archive. read turns a stored text into the text (it
// depends on the schema the migration runs at); a text that does not
// decode or parse is skipped, for Check to report.
func eachStoredArticle(ctx context.Context, tx *sql.Tx, idsSQL string, read func([]byte) ([]byte, error),
	fn func(id int64, ix *indexed) error) error {
	rows, err := tx.QueryContext(ctx, idsSQL)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		var stored []byte
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(current, original) FROM article_text WHERE article_id = ?`,
			id).Scan(&stored); err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
		text, err := read(stored)
		if err != nil {
			continue
		}
		doc, err := seedfile.Parse(text)
		if err != nil {
			continue
		}
		ix := derive(doc)
		if err := fn(id, &ix); err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
	}
	return nil
}
