package storage

import (
	"context"
)

// checkLinked verifies that each linked article's index holds what its
// file was when indexed: the text's SHA-256 is the one recorded for the
// file, and the article's file name is the file's path in its folder.
// (Whether the files changed since is Sync's business, not an integrity
// problem.)
func (a *Archive) checkLinked(ctx context.Context, p *problems) error {
	rows, err := a.db.QueryContext(ctx, `SELECT l.article_id, a.file, l.path, l.sha256, coalesce(t.current, t.original)
		FROM linked_file l JOIN article a ON a.id = l.article_id JOIN article_text t ON t.article_id = l.article_id
		ORDER BY l.article_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var file, path, sha string
		var text []byte
		if err := rows.Scan(&id, &file, &path, &sha, &text); err != nil {
			return err
		}
		if text, err = loadText(text); err != nil {
			p.add(id, "article %d (%s): %v", id, file, err)
			continue
		}
		if file != path {
			p.add(id, "article %d (%s): its linked file is %s", id, file, path)
		}
		if sha256Hex(text) != sha {
			p.add(id, "article %d (%s): the text differs from the linked file as indexed", id, file)
		}
	}
	return rows.Err()
}
