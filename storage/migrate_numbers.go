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
}

// rederiveNumbers re-derives quality, heat and the related articles'
// quality of every article where one is stored as 0: an earlier version
// stored a value that is not a number (quality: high) as 0, and derive now
// makes it NULL. Only those columns change, so updated_at stays.
func rederiveNumbers(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM article WHERE quality = 0 OR heat = 0
		OR id IN (SELECT article_id FROM related WHERE quality = 0) ORDER BY id`)
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
		var text []byte
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(current, original) FROM article_text WHERE article_id = ?`,
			id).Scan(&text); err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
		doc, err := seedfile.Parse(text)
		if err != nil {
			continue // Check reports a text that does not parse
		}
		ix := derive(doc)
		if _, err := tx.ExecContext(ctx, `UPDATE article SET quality = ?, heat = ? WHERE id = ?`,
			ix.quality, ix.heat, id); err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
		for i, r := range ix.related {
			if _, err := tx.ExecContext(ctx, `UPDATE related SET quality = ? WHERE article_id = ? AND position = ?`,
				r.quality, id, i); err != nil {
				return fmt.Errorf("article %d: %w", id, err)
			}
		}
	}
	return nil
}
