package storage

import (
	"bytes"
	"database/sql"
	"fmt"
	"strings"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// The statements that write one article. Every derived value comes from
// derive, so Check can re-derive and compare. The hashes are hex in Go and
// their 32 bytes in the archive (migration 13): unhex(?) when written,
// lower(hex(...)) when read.
const (
	insertArticleSQL = `INSERT INTO article (id, file, sha256, content_key, edited,
	category, title, excerpt_key, published_at, web_url, type,
	quality, heat, published, provider_name, provider_domain, topics,
	image_count, related_count, has_body, imported_at, updated_at)
	VALUES (?, ?, unhex(?), unhex(?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	updateArticleSQL = `UPDATE article SET content_key = unhex(?), edited = ?,
	category = ?, title = ?, excerpt_key = ?, published_at = ?, web_url = ?,
	type = ?, quality = ?, heat = ?, published = ?, provider_name = ?,
	provider_domain = ?, topics = ?, image_count = ?, related_count = ?, has_body = ?, updated_at = ?
	WHERE id = ?`
	insertTextSQL  = `INSERT INTO article_text (article_id, original, current) VALUES (?, ?, ?)`
	insertTopicSQL = `INSERT INTO article_topic (article_id, position, name) VALUES (?, ?, ?)`
	insertImageSQL = `INSERT INTO article_image (article_id, position, url, width, height, source)
	VALUES (?, ?, ?, ?, ?, ?)`
	insertFTSSQL = `INSERT INTO article_fts (rowid, title, excerpt, body, provider, topics) VALUES (?, ?, ?, ?, ?, ?)`
	deleteFTSSQL = `DELETE FROM article_fts WHERE rowid = ?`
)

// columns returns the derived article columns in updateArticleSQL order
// (without updated_at and id).
func (ix *indexed) columns(edited bool) []any {
	return []any{ix.contentKey, edited,
		ix.category, ix.title, ix.excerptKey, ix.publishedAt, ix.webURL, ix.typ, ix.quality, ix.heat, ix.published, ix.providerName,
		ix.providerDomain, strings.Join(ix.topics, topicSep), len(ix.images), len(ix.related), ix.hasBody}
}

// Prepared is a document with everything the archive derives from it (the
// typed columns, child rows, full-text row and hashes), computed by Prepare
// before the write transaction, so that an importer can derive on its
// parsing goroutines, in parallel, and the one writer only writes. The
// document must not change after Prepare.
type Prepared struct {
	doc    *seedfile.Document
	ix     indexed
	sha    string // hex SHA-256 of doc.Bytes()
	stored []byte // putText(doc.Bytes()), compressed on the caller's goroutine
}

// Prepare derives what Tx.InsertPrepared stores for doc. It is safe to call
// from several goroutines at once (on different documents).
func Prepare(doc *seedfile.Document) *Prepared {
	return &Prepared{doc: doc, ix: derive(doc), sha: sha256Hex(doc.Bytes()), stored: putText(doc.Bytes())}
}

// Doc is the prepared document.
func (p *Prepared) Doc() *seedfile.Document { return p.doc }

// SHA256 is the hex SHA-256 of the document's text (article.sha256 once stored).
func (p *Prepared) SHA256() string { return p.sha }

// ContentKey is the document's ContentKey.
func (p *Prepared) ContentKey() string { return p.ix.contentKey }

// WebURL is the document's webUrl, "" when it has none.
func (p *Prepared) WebURL() string { return p.ix.webURL.String }

// newID is the id a new article must take so that it never takes one in
// the trash (whose undo would then fail), or 0 when SQLite's own choice
// (one past the largest id) is safe. Checked once per transaction: after
// one new article above the trash, SQLite's choice stays above it.
func (tx *Tx) newID() (int64, error) {
	if tx.idsChecked {
		return 0, nil
	}
	tx.idsChecked = true
	var trashed, live sql.NullInt64
	if err := tx.queryRow(maxTrashIDSQL).Scan(&trashed); err != nil {
		return 0, fmt.Errorf("trash ids: %w", err)
	}
	if !trashed.Valid {
		return 0, nil
	}
	if err := tx.queryRow(maxArticleIDSQL).Scan(&live); err != nil {
		return 0, fmt.Errorf("article ids: %w", err)
	}
	if trashed.Int64 > live.Int64 {
		return trashed.Int64 + 1, nil
	}
	return 0, nil
}

// insert stores an article with the given original and current document:
// id 0 picks a new id, another id restores that one.
func (tx *Tx) insert(id int64, file string, original []byte, p *Prepared, importedAt, updatedAt string) (int64, error) {
	ix := &p.ix
	text := p.doc.Bytes()
	sha := p.sha
	edited := !bytes.Equal(text, original)
	storedOriginal, storedCurrent := p.stored, []byte(nil)
	if edited {
		storedOriginal, storedCurrent = putText(original), p.stored
		sha = sha256Hex(original)
	}
	var idArg any
	if id != 0 {
		idArg = id
	} else if next, err := tx.newID(); err != nil {
		return 0, err
	} else if next != 0 {
		idArg = next
	}
	args := append([]any{idArg, file, sha}, ix.columns(edited)...)
	args = append(args, importedAt, updatedAt)
	res, err := tx.exec(insertArticleSQL, args...)
	if err != nil {
		return 0, err
	}
	if id, err = res.LastInsertId(); err != nil {
		return 0, err
	}
	if tx.deferKids {
		tx.bufferChildren(id, storedOriginal, storedCurrent, ix)
		err = tx.insertFTS(id, ix)
	} else if _, err = tx.exec(insertTextSQL, id, storedOriginal, storedCurrent); err == nil {
		err = tx.insertChildren(id, ix)
	}
	if err != nil {
		return 0, err
	}
	tx.countFacets(ix, 1)
	return id, nil
}

// reindex rewrites everything derived from doc for article id.
func (tx *Tx) reindex(id int64, doc *seedfile.Document, edited bool) error {
	ix := derive(doc)
	return tx.writeDerived(id, &ix, edited)
}

// writeDerived rewrites the article row's derived columns and its
// full-text row from ix, and those of its child rows that differ from ix.
func (tx *Tx) writeDerived(id int64, ix *indexed, edited bool) error {
	if err := tx.uncountStored(id); err != nil {
		return err
	}
	tx.countFacets(ix, 1)
	args := append(ix.columns(edited), tx.now, id)
	if _, err := tx.exec(updateArticleSQL, args...); err != nil {
		return err
	}
	topics, images, err := tx.sameChildren(id, ix)
	if err != nil {
		return err
	}
	if topics && images {
		if _, err := tx.exec(deleteFTSSQL, id); err != nil {
			return err
		}
		return tx.insertFTS(id, ix)
	}
	if err := tx.deleteChildren(id); err != nil {
		return err
	}
	return tx.insertChildren(id, ix)
}

// deleteChildren removes an article's child rows and full-text row.
func (tx *Tx) deleteChildren(id int64) error {
	for _, q := range []string{
		`DELETE FROM article_topic WHERE article_id = ?`,
		`DELETE FROM article_image WHERE article_id = ?`,
		deleteFTSSQL,
	} {
		if _, err := tx.exec(q, id); err != nil {
			return err
		}
	}
	return nil
}

// insertChildren writes an article's child rows and full-text row.
//
// One statement a row on purpose: a multi-row INSERT runs in a statement
// savepoint, and a savepoint makes FTS5 flush its pending terms to a new
// segment, once per article instead of once per batch.
func (tx *Tx) insertChildren(id int64, ix *indexed) error {
	for _, t := range ix.topicRows {
		if _, err := tx.exec(insertTopicSQL, id, t.position, t.name); err != nil {
			return err
		}
	}
	for i, im := range ix.images {
		if _, err := tx.exec(insertImageSQL, id, i, im.url, im.width, im.height, im.source); err != nil {
			return err
		}
	}
	return tx.insertFTS(id, ix)
}

// insertFTS writes an article's full-text row.
func (tx *Tx) insertFTS(id int64, ix *indexed) error {
	f := ix.fts
	_, err := tx.exec(insertFTSSQL, id, f.title, f.excerpt, f.body, f.provider, f.topics)
	return err
}
