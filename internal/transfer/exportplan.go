package transfer

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"net/url"
	"os"
	"strings"

	_ "modernc.org/sqlite" // the scratch file's driver (storage registers it too)
)

// planStore is an export's plan kept in a scratch SQLite file beside the
// output instead of in memory: the articles to export in order with their
// unique names, and the names taken so far (the namer's record). An export
// then holds a page of the plan at a time, whatever the number of articles
// (TestExportMemoryPerArticle). The file is written without a journal or
// syncs: it is thrown away with the export.
type planStore struct {
	db   *sql.DB
	conn *sql.Conn
	path string
	n    int // articles planned

	hasName, renamed, setRenamed, addPlan, addNames, byID *sql.Stmt
	indexed                                               bool // plan(id) has an index (made on first need)

	// Rows are inserted in batches of batchRows, a statement each: a
	// statement per row costs more CPU (BenchmarkExport, with -cpuprofile).
	planRows []any           // the plan's rows not inserted yet: idx, id, name
	pending  map[string]bool // names taken, not inserted yet: true for a folder
	// seen is a Bloom filter of every name taken: a name it has not seen
	// (most) is free without asking the file.
	seen bloom
}

// batchRows is how many rows one INSERT adds.
const batchRows = 256

// planCacheKiB bounds the scratch file's page cache (SQLite's memory,
// outside Go's heap, allocated as pages are read): a larger plan rereads
// pages from the OS's cache rather than holding them, so that an export's
// memory does not grow with it (the peak RSS rows of README's "Import,
// export, check").
const planCacheKiB = 4096

// planPage is how many planned articles are read from the scratch file at
// a time.
const planPage = 2048

// openPlanStore creates the scratch file at path (which must not exist).
func openPlanStore(ctx context.Context, path string) (ps *planStore, err error) {
	q := url.Values{}
	for _, p := range []string{"journal_mode(OFF)", "synchronous(OFF)", "locking_mode(EXCLUSIVE)",
		fmt.Sprintf("cache_size(-%d)", planCacheKiB)} {
		q.Add("_pragma", p)
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	db.SetMaxOpenConns(1)
	ps = &planStore{db: db, path: path, pending: map[string]bool{}, seen: newBloom()}
	defer func() {
		if err != nil {
			ps.close()
			err = fmt.Errorf("plan: %w", err)
		}
	}()
	if ps.conn, err = db.Conn(ctx); err != nil {
		return ps, err
	}
	for _, s := range []string{
		`CREATE TABLE names (k TEXT PRIMARY KEY, dir INTEGER NOT NULL) WITHOUT ROWID`,
		`CREATE TABLE renamed (k TEXT PRIMARY KEY, alt TEXT NOT NULL) WITHOUT ROWID`,
		`CREATE TABLE plan (idx INTEGER PRIMARY KEY, id INTEGER NOT NULL, name TEXT NOT NULL)`,
		`BEGIN`,
	} {
		if _, err := ps.conn.ExecContext(ctx, s); err != nil {
			return ps, err
		}
	}
	for _, p := range []struct {
		stmt **sql.Stmt
		q    string
	}{
		{&ps.hasName, `SELECT dir FROM names WHERE k = ?`},
		{&ps.renamed, `SELECT alt FROM renamed WHERE k = ?`},
		{&ps.setRenamed, `INSERT INTO renamed (k, alt) VALUES (?, ?)`},
		{&ps.addPlan, `INSERT INTO plan (idx, id, name) VALUES (?, ?, ?)` + strings.Repeat(`, (?, ?, ?)`, batchRows-1)},
		{&ps.addNames, `INSERT INTO names (k, dir) VALUES (?, ?)` + strings.Repeat(`, (?, ?)`, batchRows-1) + ` ON CONFLICT DO NOTHING`},
	} {
		if *p.stmt, err = ps.conn.PrepareContext(ctx, p.q); err != nil {
			return ps, err
		}
	}
	return ps, nil
}

// close closes and removes the scratch file.
func (ps *planStore) close() {
	if ps == nil || ps.db == nil {
		return
	}
	for _, s := range []*sql.Stmt{ps.hasName, ps.renamed, ps.setRenamed, ps.addPlan, ps.addNames, ps.byID} {
		if s != nil {
			s.Close()
		}
	}
	if ps.conn != nil {
		ps.conn.Close()
	}
	ps.db.Close()
	ps.db = nil
	os.Remove(ps.path)
}

// append plans the article id under name, as the next one.
func (ps *planStore) append(ctx context.Context, id int64, name string) error {
	ps.planRows = append(ps.planRows, ps.n, id, name)
	ps.n++
	if len(ps.planRows) == 3*batchRows {
		return ps.flushPlan(ctx)
	}
	return nil
}

// flushPlan inserts the plan's pending rows.
func (ps *planStore) flushPlan(ctx context.Context) error {
	if err := ps.insert(ctx, ps.addPlan, `INSERT INTO plan (idx, id, name) VALUES `, `(?, ?, ?)`, "", ps.planRows); err != nil {
		return err
	}
	ps.planRows = ps.planRows[:0]
	return nil
}

// insert runs full (a batch of batchRows rows) with args, or, for fewer
// rows, the statement head followed by a row for each.
func (ps *planStore) insert(ctx context.Context, full *sql.Stmt, head, row, tail string, args []any) error {
	if len(args) == 0 {
		return nil
	}
	var err error
	if rows := len(args) / strings.Count(row, "?"); rows == batchRows {
		_, err = full.ExecContext(ctx, args...)
	} else {
		q := head + row + strings.Repeat(", "+row, rows-1) + tail
		_, err = ps.conn.ExecContext(ctx, q, args...)
	}
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	return nil
}

// done ends the planning: the plan is only read from now on (the names
// taken are no longer needed).
func (ps *planStore) done(ctx context.Context) error {
	if err := ps.flushPlan(ctx); err != nil {
		return err
	}
	if _, err := ps.conn.ExecContext(ctx, `COMMIT`); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	return nil
}

// page returns the planned articles from index i on, at most planPage.
func (ps *planStore) page(ctx context.Context, i int) ([]planned, error) {
	rows, err := ps.conn.QueryContext(ctx, `SELECT id, name FROM plan WHERE idx >= ? ORDER BY idx LIMIT ?`, i, planPage)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	defer rows.Close()
	out := make([]planned, 0, planPage)
	for rows.Next() {
		var p planned
		if err := rows.Scan(&p.id, &p.name); err != nil {
			return nil, fmt.Errorf("plan: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	return out, nil
}

// find returns the index and name of the article id in the plan. It is
// asked only when the texts do not come in the plan's order (articles
// added or deleted since the plan was made), so the index by id is made
// then.
func (ps *planStore) find(ctx context.Context, id int64) (int, string, bool, error) {
	if !ps.indexed {
		if _, err := ps.conn.ExecContext(ctx, `CREATE INDEX plan_id ON plan (id)`); err != nil {
			return 0, "", false, fmt.Errorf("plan: %w", err)
		}
		var err error
		if ps.byID, err = ps.conn.PrepareContext(ctx, `SELECT idx, name FROM plan WHERE id = ? ORDER BY idx LIMIT 1`); err != nil {
			return 0, "", false, fmt.Errorf("plan: %w", err)
		}
		ps.indexed = true
	}
	var i int
	var name string
	switch err := ps.byID.QueryRowContext(ctx, id).Scan(&i, &name); {
	case errors.Is(err, sql.ErrNoRows):
		return 0, "", false, nil
	case err != nil:
		return 0, "", false, fmt.Errorf("plan: %w", err)
	}
	return i, name, true, nil
}

// planCursor reads a plan in order, a page at a time.
type planCursor struct {
	ps   *planStore
	next int       // index of page[0]
	page []planned // the planned articles from next on
	end  bool      // page is the plan's last
}

// peek returns the index and the article planned next, if any.
func (c *planCursor) peek(ctx context.Context) (int, planned, bool, error) {
	if len(c.page) == 0 && !c.end {
		p, err := c.ps.page(ctx, c.next)
		if err != nil {
			return 0, planned{}, false, err
		}
		c.page, c.end = p, len(p) < planPage
	}
	if len(c.page) == 0 {
		return 0, planned{}, false, nil
	}
	return c.next, c.page[0], true, nil
}

// seek makes i the index of the article planned next.
func (c *planCursor) seek(i int) {
	if d := i - c.next; d >= 0 && d <= len(c.page) {
		c.page = c.page[d:]
	} else {
		c.page, c.end = nil, false
	}
	c.next = i
}

// diskNames is the namer's record of names taken, in the plan's scratch file.
type diskNames struct {
	ctx context.Context
	ps  *planStore
}

// name reports whether k was taken, and whether by a folder.
func (d diskNames) name(k string) (taken, dir bool, err error) {
	if !d.ps.seen.has(k) {
		return false, false, nil
	}
	if dir, ok := d.ps.pending[k]; ok {
		return true, dir, nil
	}
	switch err := d.ps.hasName.QueryRowContext(d.ctx, k).Scan(&dir); {
	case errors.Is(err, sql.ErrNoRows):
		return false, false, nil
	case err != nil:
		return false, false, fmt.Errorf("plan: %w", err)
	}
	return true, dir, nil
}

// take records k as taken, by a folder when dir.
func (d diskNames) take(k string, dir bool) error {
	ps := d.ps
	ps.seen.add(k)
	ps.pending[k] = dir
	if len(ps.pending) < batchRows {
		return nil
	}
	args := make([]any, 0, 2*batchRows)
	for k, dir := range ps.pending {
		args = append(args, k, dir)
	}
	if err := ps.insert(d.ctx, ps.addNames, `INSERT INTO names (k, dir) VALUES `, `(?, ?)`, ` ON CONFLICT DO NOTHING`, args); err != nil {
		return err
	}
	clear(ps.pending)
	return nil
}

func (d diskNames) addFile(k string) (bool, error) {
	taken, _, err := d.name(k)
	if err != nil || taken {
		return false, err
	}
	return true, d.take(k, false)
}

func (d diskNames) addDir(k string) error {
	taken, _, err := d.name(k)
	if err != nil || taken {
		return err
	}
	return d.take(k, true)
}

func (d diskNames) isFile(k string) (bool, error) {
	taken, dir, err := d.name(k)
	return taken && !dir, err
}

func (d diskNames) renamedDir(k string) (string, bool, error) {
	var alt string
	switch err := d.ps.renamed.QueryRowContext(d.ctx, k).Scan(&alt); {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("plan: %w", err)
	}
	return alt, true, nil
}

func (d diskNames) renameDir(k, alt string) error {
	if _, err := d.ps.setRenamed.ExecContext(d.ctx, k, alt); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	return nil
}

// spill is a list of lines in a scratch file, appended one by one and read
// back in order: what an export writes per file (the names written, the
// manifest's entries, the zip's directory) waits there rather than in
// memory (TestExportMemoryPerArticle).
type spill struct {
	f *os.File
	w *bufio.Writer
	n int // records appended
}

// newSpill creates the scratch file path (which must not exist).
func newSpill(path string) (*spill, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	return &spill{f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// reader flushes what was appended and returns a reader of it from the
// start. Appending after reading is not allowed.
func (s *spill) reader() (io.Reader, error) {
	if err := s.w.Flush(); err != nil {
		return nil, err
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return bufio.NewReaderSize(s.f, 64<<10), nil
}

// eachLine calls fn with each of the first n lines appended (without their
// newline; the bytes are valid only during the call).
func (s *spill) eachLine(n int, fn func(k int, line []byte) error) error {
	r, err := s.reader()
	if err != nil {
		return err
	}
	br := r.(*bufio.Reader)
	for k := range n {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A line longer than the buffer: gather it.
			long := append([]byte(nil), line...)
			for err == bufio.ErrBufferFull {
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if err != nil {
			return fmt.Errorf("scratch file %s: %w", s.f.Name(), err)
		}
		if err := fn(k, line[:len(line)-1]); err != nil {
			return err
		}
	}
	return nil
}

// close closes and removes the scratch file.
func (s *spill) close() {
	if s == nil || s.f == nil {
		return
	}
	s.f.Close()
	os.Remove(s.f.Name())
	s.f = nil
}

// bloom is a Bloom filter of strings of a fixed size (bloomBits), so that
// the namer's memory does not grow with the export
// (TestExportMemoryPerArticle): a name it has not seen is free without a
// query of the scratch file, and a false "maybe" costs only that query
// (BenchmarkExport).
type bloom struct {
	bits []uint64
	seed maphash.Seed
}

const (
	bloomBits   = 1 << 22 // a power of two
	bloomHashes = 3
)

func newBloom() bloom {
	return bloom{bits: make([]uint64, bloomBits/64), seed: maphash.MakeSeed()}
}

// probes calls fn with the bit index of each of s's hashes.
func (b *bloom) probes(s string, fn func(i uint64) bool) bool {
	h := maphash.String(b.seed, s)
	h1, h2 := h, h>>32|h<<32|1
	for i := range uint64(bloomHashes) {
		if !fn((h1 + i*h2) & (bloomBits - 1)) {
			return false
		}
	}
	return true
}

func (b *bloom) add(s string) {
	b.probes(s, func(i uint64) bool { b.bits[i/64] |= 1 << (i % 64); return true })
}

func (b *bloom) has(s string) bool {
	return b.probes(s, func(i uint64) bool { return b.bits[i/64]&(1<<(i%64)) != 0 })
}
