package transfer

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"

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

	addFile, addDir, isFile, renamed, setRenamed, add, byID *sql.Stmt
	indexed                                                 bool // plan(id) has an index (made on first need)
}

// planCacheKiB is the scratch file's page cache (SQLite's memory, outside
// Go's heap): about the pages the namer touches at a hundred thousand
// articles; a larger export rereads pages from the OS's cache rather than
// holding them, so that its memory stays that of a hundred thousand.
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
	ps = &planStore{db: db, path: path}
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
		{&ps.addFile, `INSERT INTO names (k, dir) VALUES (?, 0) ON CONFLICT DO NOTHING`},
		{&ps.addDir, `INSERT INTO names (k, dir) VALUES (?, 1) ON CONFLICT DO NOTHING`},
		{&ps.isFile, `SELECT count(*) FROM names WHERE k = ? AND dir = 0`},
		{&ps.renamed, `SELECT alt FROM renamed WHERE k = ?`},
		{&ps.setRenamed, `INSERT INTO renamed (k, alt) VALUES (?, ?)`},
		{&ps.add, `INSERT INTO plan (idx, id, name) VALUES (?, ?, ?)`},
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
	for _, s := range []*sql.Stmt{ps.addFile, ps.addDir, ps.isFile, ps.renamed, ps.setRenamed, ps.add, ps.byID} {
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
	if _, err := ps.add.ExecContext(ctx, ps.n, id, name); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	ps.n++
	return nil
}

// done ends the planning: the plan is only read from now on.
func (ps *planStore) done(ctx context.Context) error {
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

func (d diskNames) addFile(k string) (bool, error) {
	res, err := d.ps.addFile.ExecContext(d.ctx, k)
	if err != nil {
		return false, fmt.Errorf("plan: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (d diskNames) addDir(k string) error {
	if _, err := d.ps.addDir.ExecContext(d.ctx, k); err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	return nil
}

func (d diskNames) isFile(k string) (bool, error) {
	var n int
	if err := d.ps.isFile.QueryRowContext(d.ctx, k).Scan(&n); err != nil {
		return false, fmt.Errorf("plan: %w", err)
	}
	return n > 0, nil
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
