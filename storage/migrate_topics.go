package storage

import (
	"context"
	"database/sql"
	"strings"
)

// rederiveTopics re-derives the topics of every article stored with none:
// an earlier version read a single string where the list belongs
// (topics: "AI") as no topics, and derive now reads it as one. Only the
// topics column, the topic rows and the full-text row change, so updated_at
// stays.
func rederiveTopics(ctx context.Context, tx *sql.Tx) error {
	// Migration 8 compressed the texts before this one runs.
	return eachStoredArticle(ctx, tx, `SELECT id FROM article WHERE topics = '' ORDER BY id`, loadText,
		func(id int64, ix *indexed) error {
			if len(ix.topics) == 0 {
				return nil
			}
			return writeTopics(ctx, tx, id, ix)
		})
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
