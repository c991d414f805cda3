package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// rederiveTopics re-derives the topics of every article stored with none:
// an earlier version read a single string where the list belongs
// (topics: "AI") as no topics, and derive now reads it as one. Only the
// topics column, the topic rows and the full-text row change, so updated_at
// stays.
func rederiveTopics(ctx context.Context, tx *sql.Tx) error {
	// The ids first: the transaction's one connection cannot write while
	// it reads rows, and holding every parsed text would cost memory in
	// proportion to the archive.
	rows, err := tx.QueryContext(ctx, `SELECT id FROM article WHERE topics = '' ORDER BY id`)
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
		text, err := loadText(text) // migration 0008 compressed the texts
		if err != nil {
			continue // Check reports a text that does not decompress
		}
		doc, err := seedfile.Parse(text)
		if err != nil {
			continue // Check reports a text that does not parse
		}
		if ix := derive(doc); len(ix.topics) > 0 {
			if err := writeTopics(ctx, tx, id, &ix); err != nil {
				return fmt.Errorf("article %d: %w", id, err)
			}
		}
	}
	return nil
}

// writeTopics replaces what is derived from an article's topics: the
// topics column, the topic rows and the full-text row.
func writeTopics(ctx context.Context, tx *sql.Tx, id int64, ix *indexed) error {
	if _, err := tx.ExecContext(ctx, `UPDATE article SET topics = ? WHERE id = ?`,
		strings.Join(ix.topics, topicSep), id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_topic WHERE article_id = ?`, id); err != nil {
		return err
	}
	for _, t := range ix.topicRows {
		if _, err := tx.ExecContext(ctx, insertTopicSQL, id, t.position, t.name); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, deleteFTSSQL, id); err != nil {
		return err
	}
	f := ix.fts
	_, err := tx.ExecContext(ctx, insertFTSSQL, id, f.title, f.excerpt, f.body, f.provider, f.topics)
	return err
}
