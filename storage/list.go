package storage

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Row is one article as the tables show it: its typed columns, and the
// excerpt and AMP URLs read from its text (textfields.go).
type Row struct {
	ID             int64
	File           string
	Category       string
	Title          string
	Excerpt        string
	PublishedAt    string // normalized UTC RFC 3339, "" if missing/invalid
	WebURL         string
	AmpWebURL      string
	CdnAmpWebURL   string
	Type           string
	Quality        sql.NullInt64
	Heat           sql.NullInt64
	Published      sql.NullBool
	ProviderName   string
	ProviderDomain string
	Topics         []string
	ImageCount     int
	FirstImage     string // URL of the first image in document order, "" without images
	RelatedCount   int
	HasBody        bool
	Edited         bool
	// Folder is the linked folder (absolute) holding the article's file,
	// File then being the path relative to it; "" for an imported article.
	Folder string
	// Git is the git status of a linked article's file (one of GitStates),
	// "" when it is clean or not in git.
	Git string
	// ChangedOnDisk marks a linked article whose file is no longer the
	// one indexed (a sync is pending, or a write was refused); only
	// ListOptions.Stat fills it.
	ChangedOnDisk bool

	linked    fileStat // the file's indexed stat, when statKnown
	statKnown bool
}

// Location names where an article lives, for the tables: its linked
// folder's name, or "archive" for an imported article.
func (r *Row) Location() string {
	if r.Folder == "" {
		return "archive"
	}
	return filepath.Base(r.Folder)
}

// ListOptions selects, orders and pages articles.
type ListOptions struct {
	Query  string // the query language (internal/query)
	Sort   string // field path (see SortFields), "-" prefix for descending; "" = id
	Offset int
	Limit  int // 0 = no limit
	// Stat compares each linked row's file with its indexed stat (one
	// stat call a row) to fill Row.ChangedOnDisk: for a page on screen,
	// not for a stream of the whole archive.
	Stat bool
	// Reverse reads the order backwards, the last row first: Offset then
	// counts from the end. A page near the end of a long result is read
	// this way before its ids are listed, so that its cost is that of a
	// page near the top (BenchmarkJump, EndReverse).
	Reverse bool
	// NoTextFields leaves Row.Excerpt, AmpWebURL and CdnAmpWebURL empty:
	// they are read from the article's text (textfields.go), which a
	// stream that does not show them (an export) need not parse.
	NoTextFields bool
}

// rowColumns are the columns scanRow reads, over alias a.
const rowColumns = `a.id, a.file, coalesce(a.category, ''), coalesce(a.title, ''),
	coalesce(a.published_at, ''), coalesce(a.web_url, ''), coalesce(a.type, ''), a.quality, a.heat, a.published,
	coalesce(a.provider_name, ''), coalesce(a.provider_domain, ''), a.topics,
	a.image_count, a.related_count, a.has_body, a.edited`

// withFirstImage wraps a query selecting rowColumns so that each row it
// returns also carries its first image URL, its linked folder, its git
// status, with stat its file's indexed stat and, with text, its stored
// text (for fillTextFields). The correlated lookups
// (primary-key searches) sit in the outer query, so they run for the rows
// returned only: not for the rows an OFFSET skips or that a sort reads.
// The outer query keeps the inner one's order.
func withFirstImage(inner string, stat, text bool) string {
	textCol := `NULL`
	if text {
		textCol = storedTextSQL
	}
	statCol := `''`
	if stat {
		statCol = `coalesce((SELECT l.size || ' ' || l.mtime_ns || ' ' || l.inode FROM linked_file l
		WHERE l.article_id = p.id), '')`
	}
	return `SELECT p.*, CASE WHEN p.image_count > 0 THEN coalesce((SELECT i.url FROM article_image i
		WHERE i.article_id = p.id ORDER BY i.position LIMIT 1), '') ELSE '' END,
		coalesce((SELECT f.path FROM linked_file l JOIN linked_folder f ON f.id = l.folder_id
		WHERE l.article_id = p.id), ''),
		coalesce((SELECT g.state FROM git_status g WHERE g.article_id = p.id), ''), ` + statCol + `,
		` + textCol + `
		FROM (` + inner + `) p`
}

// scanRow reads one row of rowColumns plus what withFirstImage adds.
func scanRow(rows *sql.Rows) (Row, error) {
	var r Row
	var topics, stat string
	var text []byte
	err := rows.Scan(&r.ID, &r.File, &r.Category, &r.Title, &r.PublishedAt, &r.WebURL,
		&r.Type, &r.Quality, &r.Heat, &r.Published,
		&r.ProviderName, &r.ProviderDomain, &topics, &r.ImageCount, &r.RelatedCount, &r.HasBody, &r.Edited, &r.FirstImage, &r.Folder,
		&r.Git, &stat, &text)
	if err == nil {
		r.fillTextFields(text)
	}
	if stat != "" && err == nil {
		r.statKnown = true
		_, err = fmt.Sscan(stat, &r.linked.size, &r.linked.mtime, &r.linked.inode)
	}
	if topics != "" {
		r.Topics = strings.Split(topics, topicSep)
	}
	return r, err
}

// selectSQL builds "SELECT cols FROM from WHERE ... ORDER BY ... LIMIT ..."
// for opts; from names the article table as alias a.
func (a *Archive) selectSQL(ctx context.Context, cols, from string, opts ListOptions) (string, []any, error) {
	where, args, err := a.where(ctx, a.db, opts.Query)
	if err != nil {
		return "", nil, err
	}
	order, err := orderBy(opts.Sort, opts.Reverse)
	if err != nil {
		return "", nil, err
	}
	if opts.Offset < 0 || opts.Limit < 0 {
		return "", nil, fmt.Errorf("negative offset %d or limit %d", opts.Offset, opts.Limit)
	}
	switch idOrder := cols == "a.id" && strings.HasPrefix(order, " ORDER BY a.id "); {
	case idOrder && ftsOnly(where):
		// The ids of one full-text match in id order (the app's default
		// sort) come from the index alone: it returns its rowids in order,
		// one per article, so no article row is read: faster, and the
		// connection's cache stays small, the more articles match
		// (BenchmarkListQuery/IDs(brain)).
		cols, from, where = "rowid AS id", "article_fts", "article_fts MATCH ?"
		order = strings.Replace(order, "a.id", "rowid", 1)
	case idOrder && where == "1":
		// Every id in id order (the app at start and after a cleared
		// search): scanning the table reads every page of the articles'
		// rows; a one-byte index holds them all in a few hundred pages.
		// Its entries are in (edited, id) order, so each value of edited
		// is a run already in id order: the runs are merged rather than
		// every id sorted (BenchmarkListQuery/IDs()).
		dir := strings.TrimPrefix(order, " ORDER BY a.id ")
		run := func(cond string) string {
			return "SELECT id FROM article INDEXED BY article_edited WHERE edited " + cond
		}
		from = "(" + run("= 0") + " UNION ALL " + run("> 0") + " UNION ALL " + run("< 0") + " ORDER BY 1 " + dir + ") a"
		order = ""
	case where == "1" && sortIndex(opts.Sort) != "":
		from += " INDEXED BY " + sortIndex(opts.Sort)
	}
	paged := false
	if cols == rowColumns && opts.Limit > 0 && ftsOnly(where) && strings.HasPrefix(order, " ORDER BY a.id ") {
		// A page of one full-text match in id order (the app's default
		// sort): the index returns its rowids in order, so the page's
		// rowids are read from it alone, rather than the whole match
		// gathered into a list first to probe each article against,
		// which costs more the more articles match
		// (BenchmarkListQuery/Page(study)).
		dir := strings.TrimPrefix(order, " ORDER BY a.id ")
		where = "a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid " + dir + " LIMIT ? OFFSET ?)"
		args = append(args, opts.Limit, opts.Offset)
		paged = true
	}
	q := "SELECT " + cols + " FROM " + from + " WHERE " + where + order
	switch {
	case paged:
	case opts.Limit > 0:
		q += " LIMIT ? OFFSET ?"
		args = append(args, opts.Limit, opts.Offset)
	case opts.Offset > 0:
		q += " LIMIT -1 OFFSET ?"
		args = append(args, opts.Offset)
	}
	return q, args, nil
}

// List returns one page of rows.
func (a *Archive) List(ctx context.Context, opts ListOptions) ([]Row, error) {
	var out []Row
	if opts.Limit > 0 {
		out = make([]Row, 0, min(opts.Limit, 1024))
	}
	err := a.each(ctx, "list", opts, func(r Row) error {
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Each streams every matching row, in order, without gathering them in
// memory; an error from fn stops it and is returned as is. fn may read the
// archive (Each holds one read connection meanwhile) and write to it.
func (a *Archive) Each(ctx context.Context, opts ListOptions, fn func(Row) error) error {
	return a.each(ctx, "each", opts, fn)
}

func (a *Archive) each(ctx context.Context, op string, opts ListOptions, fn func(Row) error) error {
	if ok, err := a.probeMatch(ctx, opts, fn); ok || err != nil {
		return err
	}
	q, args, err := a.selectSQL(ctx, rowColumns, "article a", opts)
	if err != nil {
		return fmt.Errorf("storage: %s: %w", op, err)
	}
	return a.eachRowOf(ctx, op, q, args, opts.Stat, !opts.NoTextFields, fn)
}

// eachRowOf calls fn with each row of q, a query selecting rowColumns;
// text fills the fields read from the stored text (Row's doc names them).
func (a *Archive) eachRowOf(ctx context.Context, op, q string, args []any, stat, text bool, fn func(Row) error) error {
	fail := func(err error) error { return fmt.Errorf("storage: %s: %w", op, err) }
	rows, err := a.db.QueryContext(ctx, withFirstImage(q, stat, text), args...)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return fail(err)
		}
		if stat {
			r.statFile()
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return nil
}

// Row returns the row of one article; ErrNotFound when there is none.
func (a *Archive) Row(ctx context.Context, id int64) (Row, error) {
	rows, err := a.db.QueryContext(ctx, withFirstImage("SELECT "+rowColumns+" FROM article a WHERE a.id = ?", false, true), id)
	if err != nil {
		return Row{}, fmt.Errorf("storage: row %d: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return Row{}, fmt.Errorf("storage: row %d: %w", id, err)
		}
		return Row{}, fmt.Errorf("storage: row %d: %w", id, ErrNotFound)
	}
	r, err := scanRow(rows)
	if err != nil {
		return Row{}, fmt.Errorf("storage: row %d: %w", id, err)
	}
	return r, nil
}

// IDs returns the ids of every matching article in order (Offset and Limit
// apply).
func (a *Archive) IDs(ctx context.Context, opts ListOptions) ([]int64, error) {
	ids, shared, err := a.listIDs(ctx, opts, true)
	if err != nil {
		return nil, err
	}
	return ids.int64s(!shared), nil
}

// ListIDs is IDs as an IDList: 4 bytes an id, and the listing of everything
// in the kept order (sortOrder) shares it rather than copying it (the
// table's listing of its result: a million articles sorted by a column).
func (a *Archive) ListIDs(ctx context.Context, opts ListOptions) (IDList, error) {
	ids, _, err := a.listIDs(ctx, opts, false)
	return ids, err
}

// listIDs lists the ids of IDs, wide (8 bytes an id) if asked, else as
// they fit; shared tells the list is kept by the archive.
func (a *Archive) listIDs(ctx context.Context, opts ListOptions, wide bool) (ids IDList, shared bool, err error) {
	a.lastOrder.Store(orderKind(opts.Sort))
	ids, ok, err := a.denseIDs(ctx, opts, wide)
	if !ok && err == nil {
		ids, shared, ok, err = a.matchIDsSorted(ctx, opts)
	}
	if !ok && err == nil {
		ids, ok, err = a.matchIDsByID(ctx, opts, wide)
	}
	if !ok && err == nil {
		ids, ok, err = a.fieldIDs(ctx, opts, wide)
	}
	if !ok && err == nil {
		var q string
		var args []any
		if q, args, err = a.selectSQL(ctx, "a.id", "article a", opts); err == nil {
			list := IDList{}
			if wide {
				list = wideIDList(0)
			}
			ids, err = a.readIDs(ctx, a.db, list, q, args)
		}
	}
	if err != nil {
		return IDList{}, false, fmt.Errorf("storage: ids: %w", err)
	}
	return ids, shared, nil
}

// Count counts matching articles.
func (a *Archive) Count(ctx context.Context, query string) (int, error) {
	where, args, err := a.where(ctx, a.db, query)
	if err != nil {
		return 0, fmt.Errorf("storage: count: %w", err)
	}
	if where == "1" {
		// Every article: the number kept on write (migration 15).
		var n int
		err := a.db.QueryRowContext(ctx, articleCountSQL).Scan(&n)
		if err != nil {
			return 0, fmt.Errorf("storage: count: %w", err)
		}
		return n, nil
	}
	if match, rest, restArgs, ok := splitMatch(where, args); ok && (a.lastOrder.Load() == orderIndexed || rest != "" && a.lastOrder.Load() == orderID) {
		if n, ok, err := a.countMatchSet(ctx, match, rest, restArgs); ok || err != nil {
			return n, err
		}
	}
	if n, ok, err := a.countFieldSet(ctx, where, args); ok || err != nil {
		if err != nil {
			return 0, fmt.Errorf("storage: count: %w", err)
		}
		return n, nil
	}
	q := "SELECT count(*) FROM article a WHERE " + where
	if where == topicSQL {
		// One topic: its index holds each article of it once (a name is
		// kept once per article, and its rows go with the article), so
		// its entries are counted without looking each article up
		// (BenchmarkListQuery/Count(topic:AI); End right after such a
		// search waits for it: BenchmarkEndAfterSearchShowsRows/facet-quality).
		q = "SELECT count(*) FROM article_topic WHERE name = ? COLLATE NOCASE"
	}
	if ftsOnly(where) {
		// One word (or a prefix of one): as the vocabulary counts it.
		if m, ok := args[0].(string); ok {
			n, ok, err := a.wordCount(ctx, m)
			if err != nil {
				return 0, fmt.Errorf("storage: count: %w", err)
			}
			if ok {
				return n, nil
			}
		}
		// Counting the match alone skips reading an article row per match,
		// most of the time for a common word (BenchmarkListQuery/Count(neural)).
		q = "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?"
	}
	var n int
	if err := a.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: count: %w", err)
	}
	return n, nil
}

// EachText streams the export text (the current bytes: the edited text, else
// the original) of every matching article in order; an error from fn stops
// it and is returned as is. fn may keep text.
func (a *Archive) EachText(ctx context.Context, opts ListOptions, fn func(id int64, file string, text []byte) error) error {
	q, args, err := a.selectSQL(ctx, "a.id, a.file, coalesce(t.current, t.original)",
		"article a JOIN article_text t ON t.article_id = a.id", opts)
	if err != nil {
		return fmt.Errorf("storage: each text: %w", err)
	}
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("storage: each text: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var file string
		var text []byte
		if err := rows.Scan(&id, &file, &text); err != nil {
			return fmt.Errorf("storage: each text: %w", err)
		}
		if text, err = loadText(text); err != nil {
			return fmt.Errorf("storage: each text: article %d (%s): %w", id, file, err)
		}
		if err := fn(id, file, text); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("storage: each text: %w", err)
	}
	return nil
}

// statFile sets ChangedOnDisk for a linked row: the file is gone, or its
// inode or modification time differ from the indexed ones (or its size,
// unless it was recorded as racy: see fileStat.settled).
func (r *Row) statFile() {
	if !r.statKnown {
		return
	}
	fi, err := os.Stat(filepath.Join(r.Folder, filepath.FromSlash(r.File)))
	if err != nil {
		r.ChangedOnDisk = true
		return
	}
	st := statOf(fi)
	r.ChangedOnDisk = st.inode != r.linked.inode || st.mtime != r.linked.mtime ||
		r.linked.size >= 0 && st.size != r.linked.size
}
