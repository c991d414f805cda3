package storage

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
)

func init() { fixups[8] = compressTexts }

// compressTextsPage is how many texts compressTexts reads before writing
// them back, so that a large archive is never read into memory at once.
const compressTextsPage = 500

// compressTexts stores every text of article_text in putText's form. It
// reads a page of rows at a time by article_id and writes them back before
// reading the next, so no query is open on the table it updates. A text
// already in that form stays: a stored text is valid UTF-8 (seedfile
// refuses anything else), and the zstd magic number is not, so running the
// step again (an archive whose user_version was lowered) changes nothing.
func compressTexts(ctx context.Context, tx *sql.Tx) error {
	type row struct {
		id                int64
		original, current []byte
	}
	upd, err := tx.PrepareContext(ctx, `UPDATE article_text SET original = ?, current = ? WHERE article_id = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	after := int64(-1 << 63)
	for {
		rows, err := tx.QueryContext(ctx, `SELECT article_id, original, current FROM article_text
			WHERE article_id > ? ORDER BY article_id LIMIT ?`, after, compressTextsPage)
		if err != nil {
			return err
		}
		var page []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.original, &r.current); err != nil {
				rows.Close()
				return err
			}
			page = append(page, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(page) == 0 {
			return nil
		}
		for _, r := range page {
			if bytes.HasPrefix(r.original, zstdMagic) {
				continue
			}
			if _, err := upd.ExecContext(ctx, putText(r.original), putText(r.current), r.id); err != nil {
				return fmt.Errorf("article %d: %w", r.id, err)
			}
		}
		after = page[len(page)-1].id
	}
}
