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
	mu     sync.Mutex
	match  string
	seq    int64
	counts map[string]map[string]int // facet → stored value → articles left out holding it; nil: not broad enough
}

// leftMaxShare bounds the ids the match may leave out, as a share of the
// ids up to the largest: at most one in leftMaxShare. Each left out is a
// lookup by id, where a count over the match reads each matching article
// in turn; past half the lookups are more than the matches
// (BenchmarkFacetCounts/brain/Exact and study/Exact).
var leftMaxShare = 2 // a variable for tests

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
	left, err := a.leftOut(ctx, tx, match)
	if err != nil || left == nil {
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
	for v, n := range left[facet] {
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

// leftOut returns the kept facets' counts over the articles match leaves
// out as of tx's snapshot, kept when the archive has not changed since;
// nil when the match is not broad enough (or its ids not dense enough for
// a bit set).
func (a *Archive) leftOut(ctx context.Context, tx *sql.Tx, match string) (map[string]map[string]int, error) {
	var seq int64
	if err := tx.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
		return nil, fmt.Errorf("read change counter: %w", err)
	}
	l := &a.left
	l.mu.Lock()
	if l.match == match && l.seq == seq {
		defer l.mu.Unlock()
		return l.counts, nil
	}
	l.mu.Unlock()
	counts, err := a.countLeftOut(ctx, tx, seq, match)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	l.match, l.seq, l.counts = match, seq, counts
	l.mu.Unlock()
	return counts, nil
}

// countLeftOut counts the kept facets over the articles match leaves out
// (see leftOut).
func (a *Archive) countLeftOut(ctx context.Context, tx *sql.Tx, seq int64, match string) (map[string]map[string]int, error) {
	var lo, hi sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT min(id), max(id) FROM article`).Scan(&lo, &hi); err != nil {
		return nil, err
	}
	if !lo.Valid || lo.Int64 < 0 {
		return nil, nil // no article, or ids a bit set does not hold
	}
	span := hi.Int64 - lo.Int64 + 1
	// Decide from the match's size before reading it whole: a set already
	// read, else the vocabulary's count of one word, else a count.
	n := -1
	if s := a.keptMatchSet(match, seq); s != nil {
		n = s.n
	} else if c, ok, err := a.wordCount(ctx, match); err != nil {
		return nil, err
	} else if ok {
		n = c
	} else if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM article_fts WHERE article_fts MATCH ?`, match).Scan(&n); err != nil {
		return nil, err
	}
	if !broadEnough(n, span) {
		return nil, nil
	}
	set, err := a.matchSet(ctx, tx, match)
	if err != nil || set == nil || !broadEnough(set.n, span) {
		return nil, err
	}
	ids := make([]int64, 0, span-int64(set.n))
	for id := lo.Int64; id <= hi.Int64; id++ {
		if !set.has(id) {
			ids = append(ids, id)
		}
	}
	list := idsJSON(ids)
	counts := map[string]map[string]int{}
	for f := range keptFacets {
		counts[f] = map[string]int{}
	}
	// The columns in one statement and the topics in another, rather
	// than one per facet.
	err = eachRow(ctx, tx, `SELECT a.provider_name, a.provider_domain, a.category, a.type,
		CASE WHEN a.published IS NULL THEN NULL WHEN a.published = 0 THEN 'no' ELSE 'yes' END
		FROM json_each(?) j JOIN article a ON a.id = j.value`, []any{list}, func(v []sql.NullString) {
		for i, f := range sampleColumns {
			if v[i].Valid && v[i].String != "" {
				counts[f][v[i].String]++
			}
		}
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, `SELECT t.name FROM json_each(?) j JOIN article_topic t ON t.article_id = j.value`,
		[]any{list}, func(v []sql.NullString) { counts["topic"][v[0].String]++ })
	if err != nil {
		return nil, err
	}
	return counts, nil
}

// broadEnough reports whether a match of n articles among ids spanning
// span leaves out at most 1/leftMaxShare of them.
func broadEnough(n int, span int64) bool {
	return n > 0 && (span-int64(n))*int64(leftMaxShare) <= span
}

// keptMatchSet is the set of match kept as of seq, nil if none is.
func (a *Archive) keptMatchSet(match string, seq int64) *matchSet {
	c := &a.matches
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.sets[match]; s != nil && s.seq == seq {
		return s
	}
	return nil
}
