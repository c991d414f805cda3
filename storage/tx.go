package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// Tx is one write transaction (import batches, edits). Only one is open at a
// time per Archive; a second WriteTx waits for the first. Its methods must be
// called only from inside the WriteTx callback, on one goroutine.
type Tx struct {
	tx    *sql.Tx
	ctx   context.Context
	now   string               // the transaction's timestamp (UTC, stampLayout)
	stmts map[string]*sql.Stmt // prepared statements, closed with the transaction

	idsChecked bool // a new article's id was checked against the trash (see newID)

	startChanges int64 // total_changes() of the connection when the transaction began (see bumpChangeSeq)

	pending []pendingFile // linked files to write or remove just before the commit (see placeFile)
	touched []string      // linked files written or removed (absolute), whose git status changes

	facetDelta map[facetKey]int // facet count changes, written just before the commit (see flushFacets)

	lookupsReady bool // the duplicate lookups' indexes are known to exist (see ensureLookups)

	deferKids bool            // inserted articles' child rows wait in kids (see DeferChildRows)
	kids      pendingChildren // child rows not yet written
}

// querier is what *sql.DB, *sql.Conn and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// WriteTx runs fn in one immediate write transaction: it commits when fn
// returns nil and rolls back when fn returns an error or panics, so nothing
// of a failed batch stays. It waits for the archive's other write
// transactions, and up to the busy timeout for a writer in another process.
// fn may read through the Archive (the read pool sees only committed data),
// but must not call its write methods (Insert, Update, AddToSet, WriteTx…):
// they would wait for fn's own transaction forever.
func (a *Archive) WriteTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := a.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: begin write: %w", err)
	}
	tx := &Tx{tx: sqlTx, ctx: ctx, now: time.Now().UTC().Format(stampLayout), stmts: map[string]*sql.Stmt{}}
	committed := false
	defer func() {
		if !committed {
			tx.discardPending()
			_ = sqlTx.Rollback()
		}
	}()
	if tx.startChanges, err = tx.totalChanges(); err != nil {
		return fmt.Errorf("storage: begin write: %w", err)
	}
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.flushChildren(childBatchRows); err != nil {
		return fmt.Errorf("storage: write: %w", err)
	}
	if err := tx.flushFacets(); err != nil {
		return err
	}
	if err := tx.applyPending(); err != nil {
		return err
	}
	seq, err := tx.bumpChangeSeq()
	if err != nil {
		return fmt.Errorf("storage: change counter: %w", err)
	}
	c := &a.changes
	c.mu.Lock()
	err = sqlTx.Commit()
	if err == nil && seq != 0 {
		// The counter was seq-1 when this transaction took the write lock:
		// any other value means another connection committed before it.
		c.external = c.external || seq-1 != c.seen
		c.seen = seq
	}
	c.mu.Unlock()
	if err != nil {
		return fmt.Errorf("storage: commit: %w", err)
	}
	committed = true
	a.few.forget() // the write may have changed how many rows a match has
	if len(tx.touched) > 0 {
		a.refreshGitFiles(ctx, tx.touched)
	}
	return nil
}

// stmt returns the statement for query, preparing it once per transaction.
// Pending child rows are written first, unless query keeps them
// (keepsChildren).
func (tx *Tx) stmt(query string) (*sql.Stmt, error) {
	if err := tx.settle(query); err != nil {
		return nil, err
	}
	st, ok := tx.stmts[query]
	if !ok {
		var err error
		if st, err = tx.tx.PrepareContext(tx.ctx, query); err != nil {
			return nil, err
		}
		tx.stmts[query] = st
	}
	return st, nil
}

// exec runs a statement, preparing it once per transaction.
func (tx *Tx) exec(query string, args ...any) (sql.Result, error) {
	st, err := tx.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(tx.ctx, args...)
}

// query runs a query, preparing it once per transaction.
func (tx *Tx) query(query string, args ...any) (*sql.Rows, error) {
	st, err := tx.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(tx.ctx, args...)
}

// queryRow runs a one-row query, preparing it once per transaction.
func (tx *Tx) queryRow(query string, args ...any) rowScanner {
	st, err := tx.stmt(query)
	if err != nil {
		return errRow{err}
	}
	return st.QueryRowContext(tx.ctx, args...)
}

// rowScanner is a *sql.Row, or the error preparing its query.
type rowScanner interface{ Scan(dest ...any) error }

// errRow is a row whose query could not be prepared.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// Match is an existing article that duplicates an incoming one.
type Match struct {
	ID         int64
	File       string
	SHA256     string // of the stored original
	ContentKey string // of the stored current text
}

// The lookups of Tx.FindDuplicates. The same content has the same webUrl,
// so a match by content has none either; the condition is that of the
// partial index article_content_key (TestDuplicateLookupsUseIndexes).
const (
	findByURLSQL     = `SELECT id, file, lower(hex(sha256)), lower(hex(content_key)) FROM article WHERE web_url = ? ORDER BY id`
	findByContentSQL = `SELECT id, file, lower(hex(sha256)), lower(hex(content_key)) FROM article
		WHERE content_key = unhex(?) AND coalesce(web_url, '') = '' ORDER BY id`
	maxArticleIDSQL = `SELECT max(id) FROM article`
	maxTrashIDSQL   = `SELECT max(id) FROM trash`
)

// LastArticleID returns the largest article id, 0 when there is none.
func (tx *Tx) LastArticleID() (int64, error) {
	var id sql.NullInt64
	if err := tx.queryRow(maxArticleIDSQL).Scan(&id); err != nil {
		return 0, fmt.Errorf("storage: last article id: %w", err)
	}
	return id.Int64, nil
}

// FindDuplicates returns the articles with this webUrl, or, when webURL is
// empty, with this content key, in id order.
func (tx *Tx) FindDuplicates(webURL, contentKey string) ([]Match, error) {
	if err := tx.ensureLookups(); err != nil {
		return nil, fmt.Errorf("storage: find duplicates: %w", err)
	}
	q, arg := findByURLSQL, webURL
	if webURL == "" {
		q, arg = findByContentSQL, contentKey
	}
	rows, err := tx.query(q, arg)
	if err != nil {
		return nil, fmt.Errorf("storage: find duplicates: %w", err)
	}
	defer rows.Close()
	var out []Match
	for rows.Next() {
		var m Match
		if err := rows.Scan(&m.ID, &m.File, &m.SHA256, &m.ContentKey); err != nil {
			return nil, fmt.Errorf("storage: find duplicates: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: find duplicates: %w", err)
	}
	return out, nil
}

// Insert stores a new article in the transaction: doc's text becomes its
// original. It returns the new id.
func (tx *Tx) Insert(file string, doc *seedfile.Document) (int64, error) {
	return tx.InsertPrepared(file, Prepare(doc))
}

// InsertPrepared stores a new article from a prepared document, as Insert
// does, and returns the new id.
func (tx *Tx) InsertPrepared(file string, p *Prepared) (int64, error) {
	id, err := tx.insert(0, file, p.doc.Bytes(), p, tx.now, tx.now)
	if err != nil {
		return 0, fmt.Errorf("storage: insert %s: %w", file, err)
	}
	return id, nil
}

// Replace overwrites an article's original with doc's text, clears its
// edits, renames it to file and re-indexes it; imported_at becomes now.
func (tx *Tx) Replace(id int64, file string, doc *seedfile.Document) error {
	if err := tx.replace(id, file, doc); err != nil {
		return fmt.Errorf("storage: replace %d with %s: %w", id, file, err)
	}
	return nil
}

// replace is Replace; a linked article's file is written (when it is still
// what was indexed) and keeps its name.
func (tx *Tx) replace(id int64, file string, doc *seedfile.Document) error {
	lf, err := tx.linkedOf(id)
	if err != nil {
		return err
	}
	if lf != nil {
		file = lf.path
		if err := tx.writeLinked(id, doc.Bytes()); err != nil {
			return err
		}
	}
	return tx.replaceText(id, file, Prepare(doc))
}

// replaceText makes p's text the article's original, as Replace does,
// in the index only. It stores what Prepare derived (on a sync's parsing
// goroutines) instead of deriving and compressing again in the one writer.
func (tx *Tx) replaceText(id int64, file string, p *Prepared) error {
	if _, err := tx.storedSHA(id); err != nil {
		return err
	}
	if _, err := tx.exec(`UPDATE article_text SET original = ?, current = NULL WHERE article_id = ?`, p.stored, id); err != nil {
		return err
	}
	if _, err := tx.exec(`UPDATE article SET file = ?, sha256 = unhex(?), imported_at = ? WHERE id = ?`,
		file, p.sha, tx.now, id); err != nil {
		return err
	}
	return tx.writeDerived(id, &p.ix, false)
}

// update stores doc as the current text of article id and writes a linked
// article's file (ErrChangedOnDisk when it changed since it was indexed).
func (tx *Tx) update(id int64, doc *seedfile.Document) error {
	sha, err := tx.storedSHA(id)
	if err != nil {
		return err
	}
	text := doc.Bytes()
	edited := sha256Hex(text) != sha
	var current []byte
	if edited {
		current = text
	}
	if _, err := tx.exec(`UPDATE article_text SET current = ? WHERE article_id = ?`, putText(current), id); err != nil {
		return err
	}
	if err := tx.writeLinked(id, text); err != nil {
		return err
	}
	return tx.reindex(id, doc, edited)
}

// storedSHA returns the sha256 of an article's original, or ErrNotFound.
func (tx *Tx) storedSHA(id int64) (string, error) {
	var sha string
	err := tx.queryRow(`SELECT lower(hex(sha256)) FROM article WHERE id = ?`, id).Scan(&sha)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	return sha, err
}
