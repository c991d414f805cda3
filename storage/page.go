package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// maxIDsPerQuery bounds the ids RowsByID binds in one statement, well under
// SQLite's limit on bound parameters.
const maxIDsPerQuery = 500

// RowsByID returns the rows of these articles in the order of ids; an id
// with no article is left out. A table that listed the ids of its result
// reads any page of it this way: primary-key lookups, so a page at the end
// of a million rows costs what the first one does, where an OFFSET reads
// every row before it (BenchmarkJump). Being a page on screen, each linked
// row's file is checked (one stat, as ListOptions.Stat does).
func (a *Archive) RowsByID(ctx context.Context, ids []int64) ([]Row, error) {
	return a.rowsByIDs(ctx, ids, true)
}

// RowsByIDNoText is RowsByID leaving Row.Excerpt, AmpWebURL and
// CdnAmpWebURL empty, as ListOptions.NoTextFields does: a table showing
// none of those columns need not parse each row's stored text for them
// (textfields.go).
func (a *Archive) RowsByIDNoText(ctx context.Context, ids []int64) ([]Row, error) {
	return a.rowsByIDs(ctx, ids, false)
}

// rowsByIDs reads the rows of ids in their order, with text the text fields.
func (a *Archive) rowsByIDs(ctx context.Context, ids []int64, text bool) ([]Row, error) {
	byID := make(map[int64]Row, len(ids))
	for start := 0; start < len(ids); start += maxIDsPerQuery {
		chunk := ids[start:min(len(ids), start+maxIDsPerQuery)]
		if err := a.rowsByID(ctx, chunk, text, byID); err != nil {
			return nil, fmt.Errorf("storage: rows by id: %w", err)
		}
	}
	out := make([]Row, 0, len(byID))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// rowsByID reads the rows of ids into byID, with text the text fields.
func (a *Archive) rowsByID(ctx context.Context, ids []int64, text bool, byID map[int64]Row) error {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	marks := strings.Repeat(",?", len(ids))[1:]
	rows, err := a.db.QueryContext(ctx, withFirstImage("SELECT "+rowColumns+" FROM article a WHERE a.id IN ("+marks+")", true, text), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return err
		}
		r.statFile()
		byID[r.ID] = r
	}
	return rows.Err()
}

// indexedSorts are the sort fields with an index in the sort's collation:
// their order is a scan of the index, reading no article row.
var indexedSorts = map[string]bool{
	"file": true, "title": true, "category": true, "type": true, "quality": true, "heat": true,
	"published": true, "publishedDateTime": true, "date": true, "provider.name": true, "provider": true,
	"provider.domain": true, "domain": true, "imageCount": true, "images": true, "relatedCount": true,
	"edited": true, "topics": true,
}

// matchIDsSorted lists the ids of a broad full-text match in an indexed
// order other than id's, as IDs would (ok false when opts is not such a
// listing). Rather than probe the match's ids for each entry of the sort's
// index, it reads the match's ids once into a bit set, then the whole index
// in order, keeping the ids in the set: two sequential reads instead of one
// lookup per article (BenchmarkJump, Brain/…/IDs).
func (a *Archive) matchIDsSorted(ctx context.Context, opts ListOptions) (ids []int64, ok bool, err error) {
	field, _ := strings.CutPrefix(strings.TrimSpace(opts.Sort), "-")
	if opts.Offset != 0 || opts.Limit != 0 || opts.Reverse || !indexedSorts[strings.TrimSpace(field)] || opts.Query == "" {
		return nil, false, nil
	}
	where, args, err := a.where(ctx, a.db, opts.Query)
	if err != nil || where != "+a.id "+ftsInSQL {
		return nil, false, nil // IDs compiles it again and reports the error
	}
	order, err := orderBy(opts.Sort, false)
	if err != nil {
		return nil, true, err
	}
	tx, err := a.db.BeginTx(ctx, nil) // one snapshot for both reads
	if err != nil {
		return nil, true, err
	}
	defer func() { _ = tx.Rollback() }()
	match, err := queryIDs(ctx, tx, "SELECT rowid FROM article_fts WHERE article_fts MATCH ?", args)
	if err != nil || len(match) == 0 {
		return nil, true, err
	}
	top := slices.Max(match)
	if slices.Min(match) < 0 || top/64 > int64(len(match)+1<<16) {
		return nil, false, nil // ids too sparse for a bit set
	}
	set := make([]uint64, top/64+1)
	for _, id := range match {
		set[id/64] |= 1 << (id % 64)
	}
	ids = match[:0] // the set holds the match now
	rows, err := tx.QueryContext(ctx, "SELECT a.id FROM article a"+order)
	if err != nil {
		return nil, true, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, true, err
		}
		if id >= 0 && id <= top && set[id/64]&(1<<(id%64)) != 0 {
			ids = append(ids, id)
		}
	}
	return ids, true, rows.Err()
}

// queryIDs reads a query's one integer column.
func queryIDs(ctx context.Context, q querier, query string, args []any) ([]int64, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
