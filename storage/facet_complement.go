package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// The exact counts of a full-text match of most of the archive (`brain`)
// are read as the counts kept for every article (facet_count) less the
// counts of the articles the match leaves out: a few rows looked up by id
// instead of a count over most of the archive per facet, which also lists
// the whole match for each (BenchmarkFacetCounts/brain/Exact). facet_count
// holds what a count over the article table reads (recountFacetSQL: every
// article, linked ones too; trashed ones have left it; each exact stored
// value, empty ones left out), so the difference, grouped as Facet groups,
// is what Facet counts. The articles left out are the ids up to the largest
// that the match's bit set (matchSet) does not hold: ids without an article
// find no row. All is read in one snapshot, and the counts of the left-out
// articles are kept for the sidebar's next facet of the same search.

// leftCounts keeps the kept facets' counts over the articles one broad
// full-text match leaves out, as of one value of the change counter.
type leftCounts struct {
	mu    sync.Mutex // held while counting over left, which keeps what it reads
	match string
	seq   int64
	read  bool               // left was read for match and seq
	left  *facetSampleCounts // the articles left out; nil: not broad enough
}

// leftMaxShare bounds the ids the match may leave out, as a share of the
// ids up to the largest: at most one in leftMaxShare. Each left out is a
// lookup by id, where a count over the match reads each matching article
// in turn; past half the lookups are more than the matches
// (BenchmarkFacetCounts/brain/Exact and study/Exact).
const leftMaxShare = 2

// broadFacet counts kept facet over the articles matching where by
// subtraction (see above), limit as Facet's. ok is false when where is not
// a full-text match alone leaving out at most 1/leftMaxShare of the ids,
// or when the kept counts are less than the ones subtracted (Check reports
// that): the caller then counts the usual way.
func (a *Archive) broadFacet(ctx context.Context, facet, where string, args []any, limit int) (out []FacetCount, ok bool, err error) {
	if !keptFacets[facet] {
		return nil, false, nil
	}
	match, rest, _, ok := splitMatch(where, args)
	if !ok || rest != "" {
		return nil, false, nil
	}
	tx, err := a.db.BeginTx(ctx, nil) // one snapshot for the match, the left-out articles and the kept counts
	if err != nil {
		return nil, false, err
	}
	defer func() { _ = tx.Rollback() }()
	l := &a.left
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := a.leftOut(ctx, tx, match); err != nil || l.left == nil {
		return nil, false, err
	}
	left, err := l.left.counts(ctx, tx, facet)
	if err != nil {
		return nil, false, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT value, n FROM facet_count WHERE facet = ?`, facet)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var v string
		var n int
		if err := rows.Scan(&v, &n); err != nil {
			return nil, false, err
		}
		counts[v] = n
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	for v, n := range left {
		if counts[v] < n {
			return nil, false, nil // the kept counts are off: count instead
		}
		counts[v] -= n
	}
	out = groupCounts(counts, 1)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, true, nil
}

// leftOut sets a.left (held by the caller) to the articles match leaves
// out as of tx's snapshot, unless it holds them as of that snapshot
// already; to nil when the match is not broad enough (or its ids not
// dense enough for a bit set).
func (a *Archive) leftOut(ctx context.Context, tx *sql.Tx, match string) error {
	var seq int64
	if err := tx.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
		return fmt.Errorf("read change counter: %w", err)
	}
	l := &a.left
	if l.read && l.match == match && l.seq == seq {
		return nil
	}
	ids, err := a.leftIDs(ctx, tx, seq, match)
	if err != nil {
		return err
	}
	l.match, l.seq, l.read, l.left = match, seq, true, nil
	if ids != nil {
		l.left = &facetSampleCounts{ids: idsJSON(ids), scale: 1}
	}
	return nil
}

// leftIDs lists the ids up to the largest article's that match does not
// hold (see above); nil when it is not broad enough.
func (a *Archive) leftIDs(ctx context.Context, tx *sql.Tx, seq int64, match string) ([]int64, error) {
	lo, hi, ok, err := idRange(ctx, tx)
	if err != nil || !ok {
		return nil, err
	}
	span := hi - lo + 1
	// The set is read whatever the match's size: counting the match
	// first, to leave a narrower one unread, costs about as much as
	// reading a broad one's set.
	set, err := a.matchSet(ctx, tx, match)
	if err != nil || set == nil || !broadEnough(set.n, span) {
		return nil, err
	}
	ids := make([]int64, 0, span-int64(set.n))
	for id := lo; id <= hi; id++ {
		if !set.has(id) {
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// idRange reads the least and the largest article id; ok is false when
// there is no article, or ids a bit set does not hold (below 0).
func idRange(ctx context.Context, tx *sql.Tx) (lo, hi int64, ok bool, err error) {
	var l, h sql.NullInt64
	// Two subqueries: SQLite reads one min() or max() from the end of the
	// rowid b-tree, but scans the table for both in one SELECT
	// (BenchmarkFacetCounts/brain/Exact).
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT min(id) FROM article), (SELECT max(id) FROM article)`).Scan(&l, &h); err != nil {
		return 0, 0, false, err
	}
	return l.Int64, h.Int64, l.Valid && l.Int64 >= 0, nil
}

// broadEnough reports whether a match of n articles among ids spanning
// span leaves out at most 1/leftMaxShare of them.
func broadEnough(n int, span int64) bool {
	return n > 0 && (span-int64(n))*int64(leftMaxShare) <= span
}
