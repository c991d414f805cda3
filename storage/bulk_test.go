package storage

import (
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// schemaIndexes lists the indexes' definitions.
func schemaIndexes(t *testing.T, db *sql.DB) []string {
	t.Helper()
	rows, err := db.Query(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func automerge(t *testing.T, a *Archive) int {
	t.Helper()
	var v sql.NullInt64
	err := a.wdb.QueryRow(`SELECT v FROM article_fts_config WHERE k = 'automerge'`).Scan(&v)
	if err != nil && err != sql.ErrNoRows {
		t.Fatal(err)
	}
	if !v.Valid {
		return defaultAutomerge
	}
	return int(v.Int64)
}

// hasIndex reports whether one of the index definitions names index.
func hasIndex(defs []string, index string) bool {
	return slices.ContainsFunc(defs, func(s string) bool { return strings.Contains(s, " "+index+" ") })
}

// TestBulkImport: a bulk import sets the secondary indexes aside, into an
// empty archive (Empty) all of them, into another all but the ones
// duplicate lookups use; Finish restores exactly the schema's indexes,
// FTS5's automerge and an empty WAL; a small import into a larger archive
// changes nothing.
func TestBulkImport(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		stored    int
		wantEmpty bool
	}{
		{"into an empty archive", 0, true},
		{"into a smaller archive", 300, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := openTest(t)
			want := schemaIndexes(t, a.wdb)
			insertCorpus(t, a, tc.stored, 2)
			b, err := a.BeginBulk(ctx, bulkMinInputs)
			if err != nil {
				t.Fatal(err)
			}
			if b.Empty() != tc.wantEmpty {
				t.Errorf("Empty() = %v, want %v", b.Empty(), tc.wantEmpty)
			}
			during := schemaIndexes(t, a.wdb)
			if len(during) >= len(want) {
				t.Errorf("indexes during a bulk import: %q", during)
			}
			for ix := range lookupIndexes {
				if !hasIndex(want, ix) {
					t.Fatalf("the schema has no index %s", ix)
				}
				if hasIndex(during, ix) == tc.wantEmpty {
					t.Errorf("index %s set aside during the import: %v, want %v", ix, !hasIndex(during, ix), tc.wantEmpty)
				}
			}
			if n, err := a.DeferredIndexes(ctx); err != nil || n != len(want)-len(during) {
				t.Errorf("DeferredIndexes = %d, %v; want %d", n, err, len(want)-len(during))
			}
			if got := automerge(t, a); got != 0 {
				t.Errorf("automerge during a bulk import = %d, want 0", got)
			}
			insertCorpus(t, a, 1200, 3)
			if err := b.Finish(ctx); err != nil {
				t.Fatal(err)
			}
			if got := schemaIndexes(t, a.wdb); !slices.Equal(got, want) {
				t.Errorf("indexes after Finish:\n%q\nwant\n%q", got, want)
			}
			if n, err := a.DeferredIndexes(ctx); err != nil || n != 0 {
				t.Errorf("DeferredIndexes after Finish = %d, %v", n, err)
			}
			if got := automerge(t, a); got != defaultAutomerge {
				t.Errorf("automerge after Finish = %d", got)
			}
			if r := mustCheck(t, a); !r.OK() || len(r.Warnings) != 0 {
				t.Errorf("check after a bulk import: %q %q", r.Problems, r.Warnings)
			}

			small, err := a.BeginBulk(ctx, bulkMinInputs) // fewer than the articles stored
			if err != nil {
				t.Fatal(err)
			}
			if small.Empty() {
				t.Error("a small import into a larger archive is Empty")
			}
			if got := schemaIndexes(t, a.wdb); !slices.Equal(got, want) {
				t.Errorf("a small import into a larger archive dropped indexes: %q", got)
			}
			if err := small.Finish(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestBulkImportKilled: an import into an empty archive that never reaches
// Finish (killed) leaves an archive whose data checks whole, with a warning
// naming the indexes set aside, the duplicate lookups' too; the next
// import's first lookup rebuilds those (in a transaction rolled back, as a
// dry run's, for that transaction), and its Finish, however small the
// import, the others.
func TestBulkImportKilled(t *testing.T) {
	t.Parallel()
	path, a, want, _ := startBulk(t, 600, 4)
	var err error
	a.Close() // no Finish
	if a, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	r := mustCheck(t, a)
	if !r.OK() || len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "the next import rebuilds them") {
		t.Errorf("check after a killed bulk import: problems %q, warnings %q", r.Problems, r.Warnings)
	}
	if n, err := a.List(ctx, ListOptions{Query: "quality:>50", Sort: "-quality", Limit: 5}); err != nil || len(n) == 0 {
		t.Errorf("list without the set-aside indexes: %d rows, %v", len(n), err)
	}
	b, err := a.BeginBulk(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if b.Empty() {
		t.Error("the next import is Empty")
	}
	lookups := func(when string, want bool) {
		t.Helper()
		during := schemaIndexes(t, a.db)
		for ix := range lookupIndexes {
			if hasIndex(during, ix) != want {
				t.Errorf("%s: index %s built: %v, want %v", when, ix, !want, want)
			}
		}
	}
	lookups("after the killed import", false)
	// A lookup in a transaction rolled back (a dry run's): the indexes
	// are there for it, and set aside again after.
	errRollback := errors.New("rollback")
	err = a.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.FindDuplicates("https://example.com/none", ""); err != nil {
			return err
		}
		var n int
		if err := tx.tx.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN ('article_web_url', 'article_content_key')`).Scan(&n); err != nil {
			return err
		}
		if n != len(lookupIndexes) {
			t.Errorf("%d lookup indexes during a lookup's transaction, want %d", n, len(lookupIndexes))
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
	lookups("after a rolled-back lookup", false)
	var plan string
	err = a.WriteTx(ctx, func(tx *Tx) error {
		if _, err := tx.FindDuplicates("https://example.com/none", ""); err != nil {
			return err
		}
		rows, err := tx.tx.Query(`EXPLAIN QUERY PLAN `+findByURLSQL, "x")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, parent, notUsed int
			var detail string
			if err := rows.Scan(&id, &parent, &notUsed, &detail); err != nil {
				return err
			}
			plan += detail + "; "
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plan, "USING INDEX article_web_url") {
		t.Errorf("lookup by URL after the rebuild: %q", plan)
	}
	lookups("after a lookup", true)
	finishWhole(t, a, b, want)
}

// TestBulkImportFreesPages: a new archive is incremental auto-vacuum (with
// pages of newPageSize, in WAL mode), so the pages a bulk import frees
// (indexes dropped and rebuilt, full-text segments merged) leave the file
// when it finishes.
func TestBulkImportFreesPages(t *testing.T) {
	a := openTest(t)
	var mode, free, size int
	var journal string
	if err := a.wdb.QueryRow(`PRAGMA auto_vacuum`).Scan(&mode); err != nil || mode != 2 {
		t.Fatalf("auto_vacuum = %d (%v), want 2 (incremental)", mode, err)
	}
	if err := a.wdb.QueryRow(`PRAGMA page_size`).Scan(&size); err != nil || size != newPageSize {
		t.Fatalf("page_size = %d (%v), want %d", size, err, newPageSize)
	}
	if err := a.wdb.QueryRow(`PRAGMA journal_mode`).Scan(&journal); err != nil || journal != "wal" {
		t.Fatalf("journal_mode = %q (%v), want wal", journal, err)
	}
	b, err := a.BeginBulk(ctx, bulkMinInputs)
	if err != nil {
		t.Fatal(err)
	}
	insertCorpus(t, a, 1200, 6)
	if err := b.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.wdb.QueryRow(`PRAGMA freelist_count`).Scan(&free); err != nil || free != 0 {
		t.Errorf("%d free pages after a bulk import (%v)", free, err)
	}
}

// TestFinishBuildsEachIndexAlone: Finish builds each index set aside in a
// transaction of its own (buildDeferred), so an import killed between two
// leaves the ones built, and the rest set aside for the next import's
// Finish; an index another writer built meanwhile (ensureLookups) is
// skipped, not built twice.
func TestFinishBuildsEachIndexAlone(t *testing.T) {
	t.Parallel()
	path, a, want, _ := startBulk(t, 300, 5)
	deferred, err := a.DeferredIndexes(ctx)
	if err != nil || deferred < 3 {
		t.Fatalf("DeferredIndexes = %d, %v; want several", deferred, err)
	}
	for _, tc := range []struct {
		name      string
		wantLeft  int
		wantBuilt bool
	}{
		{"article_title", deferred - 1, true},
		{"article_title", deferred - 1, true}, // built already: skipped
		{"no_such_index", deferred - 1, false},
	} {
		if err := a.WriteTx(ctx, func(tx *Tx) error { return tx.buildDeferred(tc.name) }); err != nil {
			t.Fatalf("buildDeferred(%s): %v", tc.name, err)
		}
		if n, err := a.DeferredIndexes(ctx); err != nil || n != tc.wantLeft {
			t.Errorf("after buildDeferred(%s): %d set aside, %v; want %d", tc.name, n, err, tc.wantLeft)
		}
		if got := hasIndex(schemaIndexes(t, a.wdb), tc.name); got != tc.wantBuilt {
			t.Errorf("after buildDeferred(%s): index built %v, want %v", tc.name, got, tc.wantBuilt)
		}
	}
	a.Close() // killed within Finish, one index built
	if a, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if r := mustCheck(t, a); !r.OK() || len(r.Warnings) != 1 {
		t.Errorf("check after an import killed within Finish: %q %q", r.Problems, r.Warnings)
	}
	b, err := a.BeginBulk(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	finishWhole(t, a, b, want)
}

// startBulk opens a new archive at path and stores n generated articles
// (insertCorpus with seed) in a bulk import it does not finish; want is
// the schema's indexes before it.
func startBulk(t *testing.T, n int, seed int64) (path string, a *Archive, want []string, b *Bulk) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	want = schemaIndexes(t, a.wdb)
	if b, err = a.BeginBulk(ctx, 5000); err != nil {
		t.Fatal(err)
	}
	insertCorpus(t, a, n, seed)
	return path, a, want, b
}

// finishWhole finishes the import after an interrupted one (b) and checks
// the archive is whole again: the schema's indexes (want), and a check
// without problems or warnings.
func finishWhole(t *testing.T, a *Archive, b *Bulk, want []string) {
	t.Helper()
	if err := b.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	if got := schemaIndexes(t, a.wdb); !slices.Equal(got, want) {
		t.Errorf("indexes after the next import:\n%q\nwant\n%q", got, want)
	}
	if r := mustCheck(t, a); !r.OK() || len(r.Warnings) != 0 {
		t.Errorf("check after the next import: %q %q", r.Problems, r.Warnings)
	}
}

// TestFinishKilledBeforeTheMerge stops Finish after every transaction but
// the merge's, as a kill there would: an index is still listed as set
// aside, and the next import's Finish builds it, merges and restores the
// full-text settings (not merged, FTS5 would never merge its segments
// again).
func TestFinishKilledBeforeTheMerge(t *testing.T) {
	path, a, want, b := startBulk(t, 300, 5)
	var err error
	killed := errors.New("killed")
	finishStep = func(step string) error {
		if step == "merge" {
			return killed
		}
		return nil
	}
	defer func() { finishStep = func(string) error { return nil } }()
	if err := b.Finish(ctx); !errors.Is(err, killed) {
		t.Fatalf("Finish = %v, want it stopped before the merge", err)
	}
	finishStep = func(string) error { return nil }
	a.Close()
	if a, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if n, err := a.DeferredIndexes(ctx); err != nil || n != 1 {
		t.Fatalf("set aside before the merge: %d, %v; want 1", n, err)
	}
	if got := automerge(t, a); got != 0 {
		t.Fatalf("automerge before the merge = %d, want 0", got)
	}
	if b, err = a.BeginBulk(ctx, 1); err != nil {
		t.Fatal(err)
	}
	finishWhole(t, a, b, want)
	if got := automerge(t, a); got != defaultAutomerge {
		t.Errorf("automerge after the next import = %d, want %d", got, defaultAutomerge)
	}
}
