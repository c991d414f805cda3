package storage

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
)

// A bulk import (BeginBulk) is one large enough to fill a small archive:
// its writer trades work done in every transaction for work done once at
// the end. BenchmarkImport guards what this saves.
const (
	// bulkMinInputs is the least inputs for a bulk import.
	bulkMinInputs = 1000
	// bulkCheckpointBytes is the WAL autocheckpoint during a bulk import
	// (in pages of the archive's size): a checkpoint copies each page the
	// WAL holds once, however often it was written, so fewer checkpoints
	// copy the hot index and full-text pages fewer times.
	bulkCheckpointBytes = 64 << 20
	// defaultCheckpointPages is SQLite's autocheckpoint, restored after.
	defaultCheckpointPages = 1000
	// defaultAutomerge is FTS5's automerge, restored after.
	defaultAutomerge = 4
	// bulkHashBytes is FTS5's hashsize during a bulk import: the pending
	// terms of a whole batch stay in memory and are written as one segment
	// at its commit, instead of one segment per default hashsize.
	bulkHashBytes = 64 << 20
	// bulkCrisisMerge is FTS5's crisismerge during a bulk import (near its
	// ceiling, 2,000): the segments of a level are not merged every time
	// 16 of them pile up, which rewrote the index again and again, but once,
	// by Finish's optimize.
	bulkCrisisMerge = 1999
	// defaultHashBytes and defaultCrisisMerge are FTS5's defaults, restored after.
	defaultHashBytes   = 1 << 20
	defaultCrisisMerge = 16
)

// setFTS sets the full-text index's automerge, hashsize and crisismerge.
func (tx *Tx) setFTS(automerge, hashBytes, crisisMerge int) error {
	for _, kv := range []struct {
		k string
		v int
	}{{"automerge", automerge}, {"hashsize", hashBytes}, {"crisismerge", crisisMerge}} {
		if _, err := tx.exec(`INSERT INTO article_fts (article_fts, rank) VALUES (?, ?)`, kv.k, kv.v); err != nil {
			return fmt.Errorf("full-text %s: %w", kv.k, err)
		}
	}
	return nil
}

// lookupIndexes are the indexes duplicate lookups read (Tx.FindDuplicates).
// A bulk import into a non-empty archive keeps them while it writes, since
// it looks up. One into an empty archive does not (Bulk.Empty) and sets
// them aside too: kept, the web_url index took a random insert per article,
// which dirtied most of its pages again in every batch, so that the WAL and
// its checkpoints wrote them over and over (BenchmarkImport at 100,000
// articles guards the saving). Were such an import killed, or another
// writer to store an article while it runs, the first lookup of any later
// transaction rebuilds them first (Tx.ensureLookups), so no lookup ever
// scans the table.
var lookupIndexes = map[string]bool{"article_web_url": true, "article_content_key": true}

// Bulk is an import in progress (Archive.BeginBulk); Finish ends it.
type Bulk struct {
	a     *Archive
	bulk  bool
	empty bool
}

// Empty reports whether the import began on an archive without articles,
// as a bulk one: its only duplicates are among its own inputs, which the
// importer tells apart in memory, so it need not call Tx.FindDuplicates.
func (b *Bulk) Empty() bool { return b.empty }

// BeginBulk readies the archive for an import of n inputs. When they are
// at least bulkMinInputs and at least the articles already stored, the
// secondary indexes an import does not read (into an empty archive: all of
// them, lookupIndexes too) are set aside, to be built once from the sorted
// rows by Finish rather than updated row by row;
// FTS5 writes one segment per commit and stops merging segments (after
// every commit, and when many pile up), and Finish merges them once; and
// WAL checkpoints come less often, with one at the end.
//
// The index definitions set aside are kept in deferred_index in the same
// transaction that drops them, so an import killed before Finish leaves
// an archive whose data is whole and whose next import (whatever its
// size) rebuilds them in its Finish.
func (a *Archive) BeginBulk(ctx context.Context, n int) (*Bulk, error) {
	b := &Bulk{a: a}
	if n < bulkMinInputs {
		return b, nil // no query: a small import or sync pays nothing here
	}
	var stored int
	if err := a.wdb.QueryRowContext(ctx, articleCountSQL).Scan(&stored); err != nil {
		return nil, fmt.Errorf("storage: begin bulk import: %w", err)
	}
	b.bulk = n >= stored
	b.empty = b.bulk && stored == 0
	if !b.bulk {
		return b, nil
	}
	err := a.WriteTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT name, tbl_name, sql FROM sqlite_schema
			WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('article', 'article_topic', 'article_image')
			ORDER BY name`)
		if err != nil {
			return err
		}
		type index struct{ name, table, sql string }
		var drop []index
		for rows.Next() {
			var ix index
			if err := rows.Scan(&ix.name, &ix.table, &ix.sql); err != nil {
				rows.Close()
				return err
			}
			if b.empty || !lookupIndexes[ix.name] {
				drop = append(drop, ix)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, ix := range drop {
			if _, err := tx.exec(`INSERT INTO deferred_index (name, tbl_name, sql) VALUES (?, ?, ?)`, ix.name, ix.table, ix.sql); err != nil {
				return err
			}
			if _, err := tx.exec(`DROP INDEX "` + ix.name + `"`); err != nil {
				return err
			}
		}
		return tx.setFTS(0, bulkHashBytes, bulkCrisisMerge)
	})
	if err != nil {
		return nil, fmt.Errorf("storage: begin bulk import: %w", err)
	}
	var pageSize int
	if err := a.wdb.QueryRowContext(ctx, "PRAGMA page_size").Scan(&pageSize); err != nil {
		return nil, fmt.Errorf("storage: begin bulk import: %w", err)
	}
	if _, err := a.wdb.ExecContext(ctx, fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", bulkCheckpointBytes/pageSize)); err != nil {
		return nil, fmt.Errorf("storage: begin bulk import: %w", err)
	}
	return b, nil
}

// Finish ends an import: it builds the indexes set aside (by this import or
// by an earlier one that was killed), merges the full-text index's segments
// into one after a bulk import, returns the pages this freed, and
// checkpoints the WAL into the database.
// It is due after every BeginBulk, whether the import succeeded or not.
//
// Each index is built in a transaction of its own, which also deletes its
// row of deferred_index, and the merge in one more: in a single transaction
// the WAL grew by every index and the whole full-text index (gigabytes at
// 1,000,000 articles), so that every page read searched a large WAL index
// and the cache spilled dirty pages mid-transaction, while between
// transactions the WAL is checkpointed. Killed in between, the archive
// keeps what was built and the next import's Finish builds the rest. The
// last index (not a duplicate lookup's, which any write may build) is
// built in the merge's transaction, so that until the merge has run an
// index is still listed as set aside and the next Finish merges and
// restores the full-text settings too (TestFinishKilledBeforeTheMerge).
// BenchmarkImport guards the time.
func (b *Bulk) Finish(ctx context.Context) error {
	a := b.a
	var names []string
	err := a.WriteTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT name FROM deferred_index ORDER BY name`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return err
			}
			names = append(names, name)
		}
		rows.Close()
		return rows.Err()
	})
	if err != nil {
		return fmt.Errorf("storage: finish import: %w", err)
	}
	if !b.bulk && len(names) == 0 {
		if err := a.buildFacetsIndex(ctx, facetsIndexMin); err != nil {
			return fmt.Errorf("storage: finish import: %w", err)
		}
		return nil
	}
	// The duplicate lookups' indexes first: the last one is built with the
	// merge (see above).
	slices.SortStableFunc(names, func(x, y string) int {
		return cmp.Compare(b2i(!lookupIndexes[x]), b2i(!lookupIndexes[y]))
	})
	last := ""
	if len(names) > 0 {
		last, names = names[len(names)-1], names[:len(names)-1]
	}
	for _, name := range names {
		if err := finishStep(name); err != nil {
			return fmt.Errorf("storage: finish import: %w", err)
		}
		if err := a.WriteTx(ctx, func(tx *Tx) error { return tx.buildDeferred(name) }); err != nil {
			return fmt.Errorf("storage: finish import: index %s: %w", name, err)
		}
	}
	if err := finishStep("merge"); err != nil {
		return fmt.Errorf("storage: finish import: %w", err)
	}
	err = a.WriteTx(ctx, func(tx *Tx) error {
		if last != "" {
			if err := tx.buildDeferred(last); err != nil {
				return fmt.Errorf("index %s: %w", last, err)
			}
		}
		if _, err := tx.exec(`INSERT INTO article_fts (article_fts) VALUES ('optimize')`); err != nil {
			return err
		}
		return tx.setFTS(defaultAutomerge, defaultHashBytes, defaultCrisisMerge)
	})
	if err != nil {
		return fmt.Errorf("storage: finish import: %w", err)
	}
	if err := a.buildFacetsIndex(ctx, facetsIndexMin); err != nil {
		return fmt.Errorf("storage: finish import: %w", err)
	}
	if !b.bulk {
		return nil
	}
	if _, err := a.wdb.ExecContext(ctx, fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", defaultCheckpointPages)); err != nil {
		return fmt.Errorf("storage: finish import: %w", err)
	}
	// Give the pages the rebuilt indexes and the merged segments left free
	// back to the file system (a no-op in an archive created before
	// auto_vacuum was set).
	if _, err := a.wdb.ExecContext(ctx, "PRAGMA incremental_vacuum"); err != nil {
		return fmt.Errorf("storage: finish import: %w", err)
	}
	// TRUNCATE leaves an empty -wal file when no reader holds an old
	// snapshot; with one, it copies what it can and the next one finishes.
	var busy, logged, copied sql.NullInt64
	if err := a.wdb.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &copied); err != nil {
		return fmt.Errorf("storage: finish import: checkpoint: %w", err)
	}
	return nil
}

// ensureLookups rebuilds the lookupIndexes that an import set aside, once
// per transaction, before its first duplicate lookup: an import into an
// empty archive sets them aside, and a lookup without them would scan the
// table. It finds them set aside only after such an import was killed, or
// while one runs and another writer looks up (the first one's Finish then
// finds them built).
func (tx *Tx) ensureLookups() error {
	if tx.lookupsReady {
		return nil
	}
	rows, err := tx.query(lookupDeferredSQL)
	if err != nil {
		return err
	}
	var names, ddl []string
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			rows.Close()
			return err
		}
		if lookupIndexes[name] {
			names, ddl = append(names, name), append(ddl, q)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for i, q := range ddl {
		if _, err := tx.exec(q); err != nil {
			return fmt.Errorf("rebuild index %s: %w", names[i], err)
		}
		if _, err := tx.exec(`DELETE FROM deferred_index WHERE name = ?`, names[i]); err != nil {
			return err
		}
	}
	tx.lookupsReady = true
	return nil
}

// buildDeferred builds the index set aside under name and deletes its row
// of deferred_index, unless another writer built it first (ensureLookups,
// between two transactions of Finish).
func (tx *Tx) buildDeferred(name string) error {
	var q string
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT sql FROM deferred_index WHERE name = ?`, name).Scan(&q)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := tx.exec(q); err != nil {
		return err
	}
	_, err = tx.exec(`DELETE FROM deferred_index WHERE name = ?`, name)
	return err
}

// lookupDeferredSQL lists the indexes set aside (ensureLookups keeps the
// lookupIndexes among them).
const lookupDeferredSQL = `SELECT name, sql FROM deferred_index ORDER BY name`

// DeferredIndexes is how many indexes an import set aside and has not yet
// rebuilt: nonzero only after an import was killed, until the next one.
func (a *Archive) DeferredIndexes(ctx context.Context) (int, error) {
	var n int
	if err := a.db.QueryRowContext(ctx, `SELECT count(*) FROM deferred_index`).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: deferred indexes: %w", err)
	}
	return n, nil
}

// releaseRun is the least files a run reads (an import's inputs, a sync's
// files to read) for which ReleaseBeforeFinish hands the heap back.
const releaseRun = 50_000

// ReleaseBeforeFinish returns Go's heap to the system after a run of n
// files that has dropped what it held per file, just before Bulk.Finish:
// there, sorting the indexes set aside and merging the full-text segments,
// SQLite's own memory peaks, and the heap Go kept for the run (its GC
// headroom too) would otherwise stay resident under it. A smaller run
// skips it, which costs a whole collection.
func ReleaseBeforeFinish(n int) {
	if n >= releaseRun {
		debug.FreeOSMemory()
	}
}

// finishStep runs before each transaction of Finish, named by its index
// or "merge"; tests stop Finish there as a kill would.
var finishStep = func(string) error { return nil }

// b2i is 1 for true and 0 for false.
func b2i(v bool) int {
	if v {
		return 1
	}
	return 0
}
