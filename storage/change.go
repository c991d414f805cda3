package storage

import (
	"context"
	"fmt"
	"sync"
)

// changeSeq tells this Archive's commits from other programs'. Every write
// transaction that changed a row also bumps change_seq.seq, in the same
// transaction; the Archive remembers the value its own last commit wrote
// (or the value it last saw). A stored value other than that one means
// another connection committed since. SQLite's PRAGMA data_version cannot
// make that distinction here: it needs one connection kept open for the
// Archive's life, and when this Archive and another program both commit
// between two polls it reports one change without saying whose.
type changeSeq struct {
	// mu is held across each commit and each poll, so that a poll never
	// reads a value this Archive committed before it has noted it as its own.
	mu       sync.Mutex
	seen     int64 // change_seq.seq as this Archive last wrote or read it
	external bool  // another connection's commit was found at one of ours
}

// seqQuery reads the change counter.
const seqQuery = `SELECT seq FROM change_seq WHERE id = 1`

// initChangeSeq notes the counter as it is when the archive is opened.
func (a *Archive) initChangeSeq(ctx context.Context) error {
	if err := a.wdb.QueryRowContext(ctx, seqQuery).Scan(&a.changes.seen); err != nil {
		return fmt.Errorf("read change counter: %w", err)
	}
	return nil
}

// totalChanges is the number of rows the transaction's connection has
// changed since it was opened (SQLite's total_changes()).
func (tx *Tx) totalChanges() (int64, error) {
	var n int64
	err := tx.queryRow(`SELECT total_changes()`).Scan(&n)
	return n, err
}

// ignoreChanges makes the rows changed so far not count as a change to the
// archive: the full-text index's integrity check is an INSERT that changes
// no content.
func (tx *Tx) ignoreChanges() error {
	n, err := tx.totalChanges()
	tx.startChanges = n
	return err
}

// bumpChangeSeq increments the change counter when the transaction changed
// any row (that counts), and returns the new value (0 when it did not).
func (tx *Tx) bumpChangeSeq() (int64, error) {
	n, err := tx.totalChanges()
	if err != nil || n == tx.startChanges {
		return 0, err
	}
	var seq int64
	err = tx.queryRow(`UPDATE change_seq SET seq = seq + 1 WHERE id = 1 RETURNING seq`).Scan(&seq)
	return seq, err
}

// ExternalChange reports whether another connection (another process such
// as seedctl, or another Archive on the same file) committed a change to
// the archive since this Archive was opened or since the previous call of
// ExternalChange, whichever is later. This Archive's own commits do not
// count, nor do transactions that changed no row. A call reads one row
// through the read pool and is cheap enough to poll every second; calls may
// come from any goroutine.
func (a *Archive) ExternalChange(ctx context.Context) (bool, error) {
	c := &a.changes
	c.mu.Lock()
	defer c.mu.Unlock()
	var seq int64
	if err := a.db.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
		return false, fmt.Errorf("storage: external change: %w", err)
	}
	changed := c.external || seq != c.seen
	c.external = false
	c.seen = seq
	return changed, nil
}
