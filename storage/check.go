package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// CheckReport lists integrity problems; empty means all holds. Warnings
// are about what the texts hold, not about the archive's integrity: a
// number field holding no number (quality: high), which the archive keeps
// as no value. They do not make a report fail.
type CheckReport struct {
	Problems []string
	Warnings []string
}

// OK reports whether the check found no problem.
func (r CheckReport) OK() bool { return len(r.Problems) == 0 }

// maxProblems bounds the problems a report lists one by one.
const maxProblems = 1000

// problems collects a report's problems, keyed by article id for a stable
// order (0 for problems not about one article).
type problems struct {
	mu    sync.Mutex
	items []problem
}

type problem struct {
	id   int64
	msg  string
	warn bool // a warning (see CheckReport), not a problem
}

func (p *problems) add(id int64, format string, args ...any) {
	p.mu.Lock()
	p.items = append(p.items, problem{id: id, msg: fmt.Sprintf(format, args...)})
	p.mu.Unlock()
}

func (p *problems) warn(id int64, format string, args ...any) {
	p.mu.Lock()
	p.items = append(p.items, problem{id: id, msg: fmt.Sprintf(format, args...), warn: true})
	p.mu.Unlock()
}

// sort orders the problems by article id; one article's stay in the order found.
func (p *problems) sort() {
	sort.SliceStable(p.items, func(i, j int) bool { return p.items[i].id < p.items[j].id })
}

// report lists problems and warnings, at most maxProblems of each one by one.
func report(items []problem) CheckReport {
	var r CheckReport
	for _, it := range items {
		if it.warn {
			r.Warnings = append(r.Warnings, it.msg)
		} else {
			r.Problems = append(r.Problems, it.msg)
		}
	}
	r.Problems = capList(r.Problems, "problems")
	r.Warnings = capList(r.Warnings, "warnings")
	return r
}

// capList keeps the first maxProblems messages and says how many more.
func capList(list []string, what string) []string {
	if len(list) <= maxProblems {
		return list
	}
	return append(list[:maxProblems:maxProblems], fmt.Sprintf("… and %d more %s", len(list)-maxProblems, what))
}

// Check verifies the database (SQLite's integrity and foreign-key checks),
// the full-text index (its own integrity check, and exactly one row per
// article), every stored original (its SHA-256; it and the edited text
// parse), that the kept facet counts match a recount, that the typed
// columns, child rows and content key match a re-derivation from the text,
// that a linked article's text is its file as indexed, plus the image
// cache (CheckImages). Problems
// name the article's id and file. The error is for a check that could not
// run.
func (a *Archive) Check(ctx context.Context) (CheckReport, error) {
	// The database-wide checks run while the articles are verified.
	var db, arts problems
	var dbErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		dbErr = a.checkDatabase(ctx, &db)
	}()
	artErr := a.checkArticles(ctx, &arts)
	if artErr == nil {
		artErr = a.checkLinked(ctx, &arts)
	}
	<-done
	if err := errors.Join(dbErr, artErr); err != nil {
		return CheckReport{}, fmt.Errorf("storage: check: %w", err)
	}
	imgs, err := a.CheckImages(ctx)
	if err != nil {
		return CheckReport{}, fmt.Errorf("storage: check: %w", err)
	}
	arts.sort()
	deferred, err := a.DeferredIndexes(ctx)
	if err != nil {
		return CheckReport{}, fmt.Errorf("storage: check: %w", err)
	}
	if deferred > 0 {
		db.warn(0, "%d indexes were set aside by an import or link that did not finish: the next import rebuilds them, and so does the next sync that indexes a file (until then, sorting and filtering are slower)", deferred)
	}
	all := append(db.items, arts.items...)
	for _, msg := range imgs {
		all = append(all, problem{msg: msg})
	}
	return report(all), nil
}

// checkDatabase runs SQLite's integrity, foreign-key and FTS checks, and
// compares the kept facet counts with a recount.
func (a *Archive) checkDatabase(ctx context.Context, p *problems) error {
	// PRAGMA integrity_check includes FTS5's own check, which trusts the
	// index structure its connection cached when it last read the full
	// text: on a pooled connection that read before later writes, segments
	// merged away since then read as corruption. A fresh connection has no
	// such cache.
	fresh, err := sql.Open("sqlite", dsn(a.path, false))
	if err != nil {
		return err
	}
	defer fresh.Close()
	rows, err := fresh.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return err
		}
		if msg != "ok" {
			p.add(0, "database: %s", msg)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = a.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			rows.Close()
			return err
		}
		p.add(0, "database: a %s row (rowid %v) refers to a missing %s row", table, rowid.Int64, parent)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	// The FTS5 integrity check is an INSERT: it runs on the write connection.
	err = a.WriteTx(ctx, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT INTO article_fts (article_fts) VALUES ('integrity-check')`)
		if err != nil {
			p.add(0, "full-text index: %v", err)
		}
		return tx.ignoreChanges()
	})
	if err != nil {
		return err
	}
	return a.checkFacets(ctx, p)
}

// checkJob is one article as stored, for a worker to verify.
type checkJob struct {
	stored   storedArticle
	original []byte
	current  []byte
	hasText  bool
	inFTS    bool
}

// checkArticles streams every article in one read snapshot and verifies them
// in parallel.
func (a *Archive) checkArticles(ctx context.Context, p *problems) error {
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	jobs := make(chan checkJob, 64)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				verifyArticle(j, p)
			}
		}()
	}
	err = streamArticles(ctx, tx, p, jobs)
	close(jobs)
	wg.Wait()
	return err
}

// streamArticles reads the articles with their texts and child rows, merges
// them with the full-text index's rowids, and sends them to jobs.
func streamArticles(ctx context.Context, tx *sql.Tx, p *problems, jobs chan<- checkJob) error {
	ftsRows, err := tx.QueryContext(ctx, `SELECT rowid FROM article_fts ORDER BY rowid`)
	if err != nil {
		return err
	}
	defer ftsRows.Close()
	nextFTS := func() (int64, bool, error) {
		if !ftsRows.Next() {
			return 0, false, ftsRows.Err()
		}
		var id int64
		err := ftsRows.Scan(&id)
		return id, err == nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+storedColumns+`, t.article_id IS NOT NULL, t.original, t.current
		FROM article a LEFT JOIN article_text t ON t.article_id = a.id ORDER BY a.id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	ftsID, ftsOK, err := nextFTS()
	if err != nil {
		return err
	}
	for rows.Next() {
		var j checkJob
		dest := append(j.stored.dest(), &j.hasText, &j.original, &j.current)
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		id := j.stored.id
		for ftsOK && ftsID < id {
			p.add(ftsID, "full-text index: row %d has no article", ftsID)
			if ftsID, ftsOK, err = nextFTS(); err != nil {
				return err
			}
		}
		if ftsOK && ftsID == id {
			j.inFTS = true
			if ftsID, ftsOK, err = nextFTS(); err != nil {
				return err
			}
		}
		select {
		case jobs <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for ftsOK {
		p.add(ftsID, "full-text index: row %d has no article", ftsID)
		if ftsID, ftsOK, err = nextFTS(); err != nil {
			return err
		}
	}
	return nil
}

// clip shortens a value for a problem message.
func clip(s string) string {
	const n = 80
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// show formats a stored or derived value for a problem message.
func show(v any) string {
	switch v := v.(type) {
	case sql.NullString:
		if !v.Valid {
			return "missing"
		}
		return fmt.Sprintf("%q", clip(v.String))
	case sql.NullInt64:
		if !v.Valid {
			return "missing"
		}
		return fmt.Sprint(v.Int64)
	case string:
		return fmt.Sprintf("%q", clip(v))
	default:
		return clip(strings.TrimSpace(fmt.Sprint(v)))
	}
}
