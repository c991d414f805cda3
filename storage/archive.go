package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// ErrNotFound is returned (wrapped) when an article or set does not exist.
var ErrNotFound = errors.New("not found")

// Archive is an open archive file. Its methods are safe for concurrent use.
type Archive struct {
	path string
	db   *sql.DB // read pool: every query that does not write
	wdb  *sql.DB // write pool: one connection, BEGIN IMMEDIATE transactions
	few  fewProbes
	// vocab lists the full-text index's words (prefixTerms), opened on
	// first use.
	vocab vocabDB
	// matches keeps the rowids of recent broad full-text matches
	// (page_probe.go).
	matches matchSets
	order   sortOrder // the ids of every article in the last order listed (page_probe.go)
	// bigListing is the number of articles from which long listings of
	// ids go through seed_ids (readIDs; tests lower it).
	bigListing int
	// left keeps the kept facets' counts over the articles the last broad
	// full-text match leaves out (facet_complement.go).
	left leftCounts
	// matchIDs keeps the ids of the last search's matches, which Facet
	// counts each facet over (facet_match.go).
	matchIDs matchIDs
	// lastOrder is the kind of order the last ids were listed in (the
	// table's order): in an indexed order other than id's a count reads
	// its match's set, which that order's End and ids reuse, and in id
	// order only a match with other terms does, whose ids are listed
	// through the set too; a match alone in id order is listed from FTS5
	// and would only cost more to count so (countMatchSet).
	lastOrder atomic.Int32

	changes changeSeq // tells other programs' commits from this Archive's (ExternalChange)
}

// busyTimeout is how long a statement waits for another connection's lock
// (another process importing, a checkpoint) before failing.
const busyTimeout = 10 * time.Second

// readConns is the size of the read pool.
const readConns = 4

// idleReadConns is how many read connections stay open between queries.
// Each one kept holds on to its page cache and what SQLite allocated for
// its last queries, so keeping more grows the desktop app's memory after a
// few searches, while opening a connection costs far less than a query.
// When changing it, rerun seedctl's BenchmarkListWhere and the GUI's
// BenchmarkTypingShowsRows for latency, and TestSmokeStartsOnLargeArchive
// in cmd/seedarchive for the app's memory.
const idleReadConns = 1

// writerIdleTime is how long the write connection stays open with nothing
// to write. Its page cache (see dsn) and what an import's full-text and
// index work leaves with it are held until the connection closes, while
// reopening it costs little next to a write: longer keeps that memory
// after an import, shorter reopens the connection within a burst of edits.
var writerIdleTime = 10 * time.Second

// Open opens the archive at path, creating it and its parent directory if
// needed, and migrates it to the current schema. It refuses, with an
// *OpenError and without changing the file, a file that is not an archive
// (ErrNotArchive), a damaged one (ErrDamaged: a torn header, a truncated
// file, an unreadable schema) and one of a newer schema (ErrNewerSchema).
// Damage inside data pages shows only when they are read: Check finds it.
func Open(path string) (*Archive, error) {
	if path == "" {
		return nil, errors.New("storage: open: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	if err := probe(abs, SchemaVersion()); err != nil {
		return nil, openFailed(path, err)
	}
	wdb, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	wdb.SetMaxOpenConns(1)
	wdb.SetMaxIdleConns(1)
	wdb.SetConnMaxLifetime(0)
	wdb.SetConnMaxIdleTime(writerIdleTime)
	a := &Archive{path: abs, wdb: wdb, bigListing: bigListing}
	if err := a.migrate(context.Background()); err != nil {
		wdb.Close()
		return nil, openFailed(path, damaged(abs, err))
	}
	if err := a.initChangeSeq(context.Background()); err != nil {
		wdb.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	rdb, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		wdb.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	rdb.SetMaxOpenConns(readConns * 2)
	rdb.SetMaxIdleConns(idleReadConns)
	a.db = rdb
	if err := rdb.Ping(); err != nil {
		a.Close()
		return nil, fmt.Errorf("storage: open %s: %w", path, err)
	}
	return a, nil
}

// openFailed wraps an error of Open; an *OpenError names the path itself.
func openFailed(path string, err error) error {
	var oe *OpenError
	if errors.As(err, &oe) {
		return fmt.Errorf("storage: open: %w", err)
	}
	return fmt.Errorf("storage: open %s: %w", path, err)
}

// dsn is the modernc DSN for the write pool (writer) or the read pool.
func dsn(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	if writer {
		// A large cache: an import touches the pages of sixteen indexes and
		// the full-text index all over, and with a smaller one it rereads
		// them, costing CPU, mostly system time. Rerun internal/transfer's
		// BenchmarkImport (cpu-µs/article) when changing it.
		q.Add("_pragma", fmt.Sprintf("cache_size(-%d)", writerCacheKiB))
		// Before WAL: on a file that holds nothing yet these set the page
		// size and incremental auto-vacuum for good (migrate explains
		// both); on an existing archive they change nothing. Set later,
		// they would take leaving WAL, which fails while another process
		// has the new file open (TestLinkSurvivesKill polls it).
		q.Add("_pragma", fmt.Sprintf("page_size(%d)", newPageSize))
		q.Add("_pragma", "auto_vacuum(INCREMENTAL)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
	} else {
		// A small cache per connection: a search in the GUI runs several
		// readers at once, and their caches would be much of its memory on
		// a large archive, while the file's pages stay in the OS cache. A
		// larger one made neither the GUI's BenchmarkTypingShowsRows nor
		// seedctl's BenchmarkListWhere faster: rerun both when changing it.
		q.Add("_pragma", "cache_size(-1000)")
		q.Add("_pragma", "query_only(1)")
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}
	return u.String()
}

// Close closes the archive.
func (a *Archive) Close() error {
	var errs []error
	if a.db != nil {
		errs = append(errs, a.db.Close())
	}
	if a.vocab.db != nil {
		errs = append(errs, a.vocab.db.Close())
	}
	if a.wdb != nil {
		// Best effort: keep the planner's statistics fresh for the next
		// open, sampling (analysis_limit) so closing stays quick.
		_, _ = a.wdb.Exec("PRAGMA analysis_limit = 1000")
		_, _ = a.wdb.Exec("PRAGMA optimize")
		errs = append(errs, a.wdb.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("storage: close %s: %w", a.path, err)
	}
	return nil
}

// Path is the archive's absolute file path.
func (a *Archive) Path() string { return a.path }

// DefaultPath is the archive a program uses when none is named:
// $SEEDARCHIVE_DB when set; else, on Linux and other Unix systems,
// $XDG_DATA_HOME/seedarchive/archive.db (by default
// ~/.local/share/seedarchive/archive.db); on macOS
// ~/Library/Application Support/SeedArchive/archive.db; on Windows
// %AppData%\SeedArchive\archive.db.
func DefaultPath() (string, error) {
	if p := os.Getenv("SEEDARCHIVE_DB"); p != "" {
		return p, nil
	}
	switch runtime.GOOS {
	case "darwin", "ios", "windows", "plan9":
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("storage: default archive path: %w", err)
		}
		return filepath.Join(dir, "SeedArchive", "archive.db"), nil
	}
	if dir := os.Getenv("XDG_DATA_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "seedarchive", "archive.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("storage: default archive path: %w", err)
	}
	return filepath.Join(home, ".local", "share", "seedarchive", "archive.db"), nil
}
