package storage

import (
	"fmt"
	"strings"
)

// childBatchRows is how many child rows one multi-row INSERT of
// Tx.flushChildren writes: its statements are prepared once per
// transaction, and their parameters stay far below SQLite's limit.
const childBatchRows = 128

// pendingChildren are the text, topic and image rows of the articles a Tx
// inserted while it defers them (Tx.DeferChildRows).
type pendingChildren struct {
	texts  []any // article_id, original, current per row
	topics []any // article_id, position, name per row
	images []any // article_id, position, url, width, height, source per row
	linked []any // the linked_file columns per row (Tx.insertLinkedRow)
}

// keepsChildren are the statements that run while child rows are pending
// without writing them first: an import's lookups and the other writes of
// a new article (a linked one's too: Tx.syncFile), which touch no pending
// row. Any other statement of the Tx
// (through Tx.stmt) writes them first, so that it reads what it wrote.
var keepsChildren = map[string]bool{
	insertArticleSQL: true, insertTextSQL: true, insertFTSSQL: true,
	findByURLSQL: true, findByContentSQL: true,
	maxTrashIDSQL: true, maxArticleIDSQL: true,
	deleteProblemSQL: true, linkedIDSQL: true,
}

// DeferChildRows makes the articles this transaction inserts keep their
// text, topic and image rows in memory, to be written just before the
// commit by multi-row INSERTs instead of one statement a row, which saves
// the writer most of the cost of a statement per row. Any other statement
// run through the Tx writes them first (one row a statement); statements
// that bypass it (tx.tx) do not, so only an importer's batch, which looks
// up, inserts and replaces, and a sync's batch (Tx.syncFile) should call
// it. BenchmarkImport (internal/transfer) and BenchmarkLink (cmd/seedctl)
// guard the saving.
func (tx *Tx) DeferChildRows() { tx.deferKids = true }

// bufferChildren keeps an inserted article's child rows for flushChildren.
func (tx *Tx) bufferChildren(id int64, original, current []byte, ix *indexed) {
	tx.kids.texts = append(tx.kids.texts, id, original, current)
	for _, t := range ix.topicRows {
		tx.kids.topics = append(tx.kids.topics, id, t.position, t.name)
	}
	for i, im := range ix.images {
		tx.kids.images = append(tx.kids.images, id, i, im.url, im.width, im.height, im.source)
	}
}

// settle writes the pending child rows unless query is one of keepsChildren.
func (tx *Tx) settle(query string) error {
	if len(tx.kids.texts) == 0 || keepsChildren[query] {
		return nil
	}
	return tx.flushChildren(1)
}

// flushChildren writes the pending child rows, at most perStatement rows
// a statement. Only the last writes before the commit use more than one:
// a multi-row INSERT runs in a statement savepoint, which makes FTS5 write
// its pending terms as a new segment, so were it to run after each of
// many articles (say an import replacing some articles and inserting the
// others), the full-text index would get a segment per article.
func (tx *Tx) flushChildren(perStatement int) error {
	kids := tx.kids
	tx.kids = pendingChildren{}
	for _, t := range []struct {
		name, insert string
		width        int
		args         []any
	}{
		{"text", `INSERT INTO article_text (article_id, original, current) VALUES `, 3, kids.texts},
		{"topic", `INSERT INTO article_topic (article_id, position, name) VALUES `, 3, kids.topics},
		{"image", `INSERT INTO article_image (article_id, position, url, width, height, source) VALUES `, 6, kids.images},
		{"linked file", `INSERT INTO linked_file (article_id, folder_id, path, size, mtime_ns, inode, mode, sha256) VALUES `, 8, kids.linked},
	} {
		if err := tx.insertRows(t.insert, t.width, t.args, perStatement); err != nil {
			return fmt.Errorf("%s rows: %w", t.name, err)
		}
	}
	return nil
}

// insertRows runs insert (ending in VALUES) for args, width values a row,
// perStatement rows a statement and the rest in one more.
func (tx *Tx) insertRows(insert string, width int, args []any, perStatement int) error {
	for len(args) > 0 {
		rows := min(len(args)/width, perStatement)
		if _, err := tx.exec(insert+valueRows(rows, width), args[:rows*width]...); err != nil {
			return err
		}
		args = args[rows*width:]
	}
	return nil
}

// valueRows is "(?, ?), (?, ?)" for rows rows of width values.
func valueRows(rows, width int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", width), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", rows), ", ")
}
