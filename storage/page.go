package storage

import (
	"context"
	"fmt"
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

// The kinds of order Archive.lastOrder tells apart.
const (
	orderOther   = iota // a sort by a column without an index
	orderID             // id order, either way
	orderIndexed        // an indexed order other than id's
)

// orderKind is the kind of order of a sort spec (orderBy's).
func orderKind(spec string) int32 {
	switch field, _ := sortField(spec); {
	case field == "" || field == "id":
		return orderID
	case indexedSorts[field]:
		return orderIndexed
	}
	return orderOther
}

// matchIDsSorted lists the ids of everything, or of a broad full-text
// match (alone or with other terms), in an indexed order other than id's,
// or of such a match with other terms in id order, as IDs would (ok false
// when opts is not such a listing). It reads the order of every article once
// (sortOrder: kept until the archive changes or the order does, so the next
// search in the same order does not read it again) and, for a match,
// keeps the ids in the match's bit set (matchSet: read once, or kept from
// the search's count or its first or last page): sequential reads instead
// of one lookup per article (BenchmarkJump, Brain/…/IDs and All/…/IDs).
// The listing of everything is the kept order itself, not a copy (shared).
func (a *Archive) matchIDsSorted(ctx context.Context, opts ListOptions) (ids IDList, shared, ok bool, err error) {
	kind := orderKind(opts.Sort)
	byID := kind == orderID
	if opts.Offset != 0 || opts.Limit != 0 || opts.Reverse || kind == orderOther {
		return IDList{}, false, false, nil
	}
	where, args, err := a.where(ctx, a.db, opts.Query)
	all := where == "1"
	match, rest, restArgs, isMatch := splitMatch(where, args)
	if err != nil || !all && !isMatch || byID && rest == "" {
		// Not such a listing; or everything or a match alone in id order,
		// which the table's rowids and FTS5 give in that order themselves.
		return IDList{}, false, false, nil // IDs compiles it again and reports the error
	}
	order, err := orderBy(opts.Sort, false)
	if err != nil {
		return IDList{}, false, true, err
	}
	tx, err := a.db.BeginTx(ctx, nil) // one snapshot for both reads
	if err != nil {
		return IDList{}, false, true, err
	}
	defer func() { _ = tx.Rollback() }()
	var set *matchSet
	if !all {
		if set, err = a.matchSet(ctx, tx, match); err != nil || set == nil {
			return IDList{}, false, err != nil, err // nil set: ids too sparse for a bit set
		}
		if set.n == 0 {
			return IDList{}, false, true, nil
		}
	}
	var every *IDList
	if rest != "" {
		// Other terms too: the ids they select in order, as SQLite plans
		// it, kept if in the match (BenchmarkJump, Combined/…/IDs).
		var l IDList
		l, err = a.readIDs(ctx, tx, IDList{}, "SELECT a.id FROM article a WHERE "+rest+order, restArgs)
		every = &l
	} else {
		every, err = a.sortOrder(ctx, tx, order)
	}
	if err != nil {
		return IDList{}, false, true, err
	}
	if all {
		return *every, true, true, nil // the kept order itself: an IDList does not change
	}
	ids = IDList{small: make([]int32, 0, set.n)}
	for i := range every.Len() {
		if id := every.At(i); set.has(id) {
			ids.add(id)
		}
	}
	return ids, false, true, nil
}

// matchIDsByID lists the ids of a broad full-text match alone in id order
// (either way), as IDs would (ok false when opts is not such a listing),
// and keeps them as the match's bit set (matchSet) as of the snapshot they
// were read in, unless one is kept already: the ids of the articles the
// match holds, which the match's set holds. The sidebar's exact counts of
// the same search then read the set from here rather than from the index
// again (BenchmarkFacetCounts/brain/ExactAfterSearch).
func (a *Archive) matchIDsByID(ctx context.Context, opts ListOptions, wide bool) (ids IDList, ok bool, err error) {
	if orderKind(opts.Sort) != orderID || opts.Offset != 0 || opts.Limit != 0 {
		return IDList{}, false, nil
	}
	where, args, err := a.where(ctx, a.db, opts.Query)
	if err != nil {
		return IDList{}, false, nil // IDs compiles it again and reports the error
	}
	match, rest, _, isMatch := splitMatch(where, args)
	if !isMatch || rest != "" {
		return IDList{}, false, nil
	}
	q, qargs, err := a.selectSQL(ctx, "a.id", "article a", opts)
	if err != nil {
		return IDList{}, true, err
	}
	tx, err := a.db.BeginTx(ctx, nil) // one snapshot for the ids and the change counter
	if err != nil {
		return IDList{}, true, err
	}
	defer func() { _ = tx.Rollback() }()
	var seq int64
	if err := tx.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
		return IDList{}, true, fmt.Errorf("read change counter: %w", err)
	}
	list := IDList{}
	if wide {
		list = wideIDList(0)
	}
	if ids, err = a.readIDs(ctx, tx, list, q, qargs); err != nil {
		return IDList{}, true, err
	}
	if a.keptMatchSet(match, seq) == nil {
		if s := newMatchSet(seq, &ids); s != nil {
			a.keepMatchSet(match, s)
		}
	}
	return ids, true, nil
}

// queryIDs reads a short listing of a query's one integer column, named
// id, in its order (concatIDs; long ones: Archive.readIDs): a row each
// costs more in the driver than SQLite's walk of an index (BenchmarkJump,
// All/…/IDs).
func queryIDs(ctx context.Context, q querier, query string, args []any) ([]int64, error) {
	ids, err := concatIDs(ctx, q, wideIDList(0), query, args)
	return ids.int64s(true), err
}
