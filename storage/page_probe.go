package storage

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// A page near either end of a broad full-text match in an indexed order
// (Home, or End read backwards, before the result's ids are listed) is read
// by walking the sort's index from that end and keeping the articles in the
// match, stopping once the page is full. SQLite's own plan for such a page
// first gathers every rowid of the match, most of the archive for a common
// word, to read a few hundred entries of the index (BenchmarkJump,
// Brain/Title/EndReverse and Brain/Topics/EndReverse).
//
// Membership is tested one of two ways. A match of whole words is probed
// per index entry: FTS5 seeks the rowid in each word's list. A match with
// a prefix term ("brain" as typed) cannot be probed so: FTS5 merges the
// lists of every word the prefix starts before each probe, so its match is
// read once into a bit set of rowids (matchSet), kept for the next queries
// of the same search until the archive changes.

// probeShare bounds the walk: it reads at most probeShare index entries per
// row it returns, so the walk pays off for a match of at least a tenth of
// the archive, and a narrower one wastes a bounded walk before the usual
// plan reads it.
const probeShare = 10

// probeMaxRows is the deepest row (Offset+Limit) read by walking the index:
// a page near an end, where the table jumps to; deeper pages are read by
// their listed ids.
const probeMaxRows = 1000

// probeMatch reads the page of opts by walking its sort's index (see above);
// ok is false when opts is not such a page, or when the match proved too
// narrow for the walk: the caller then reads it the usual way.
func (a *Archive) probeMatch(ctx context.Context, opts ListOptions, fn func(Row) error) (ok bool, err error) {
	need := opts.Offset + opts.Limit
	kind := orderKind(opts.Sort)
	byID := kind == orderID
	if opts.Limit <= 0 || opts.Offset < 0 || need > probeMaxRows || opts.Query == "" || kind == orderOther {
		return false, nil
	}
	where, args, err := a.where(ctx, a.db, opts.Query)
	if err != nil {
		return false, nil // List reports it
	}
	order, err := orderBy(opts.Sort, opts.Reverse)
	if err != nil {
		return false, nil
	}
	match, rest, restArgs, ok := splitMatch(where, args)
	if !ok {
		return a.walkFields(ctx, opts, where, args, order, fn)
	}
	if byID && rest == "" {
		// A match alone in id order, which FTS5 reads in rowid order itself.
		return false, nil
	}
	tx, err := a.db.BeginTx(ctx, nil) // one snapshot for the walk and the rows
	if err != nil {
		return false, fmt.Errorf("storage: list: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	var ids []int64
	if rest != "" && !isPrefixMatch(match) {
		// Other terms too, the match of whole words: probed row by row
		// (probeRest); a match rare among those rows goes on below.
		if ids, ok, err = probeRest(ctx, tx, match, rest, restArgs, order, need); err != nil {
			return false, fmt.Errorf("storage: list: %w", err)
		}
		if ok {
			return true, pageOfIDs(ctx, tx, ids, opts, fn)
		}
	}
	switch {
	case rest != "":
		// Other terms too, a prefix in the match, or a whole-word match
		// rare among what they select: those rows with the match's set,
		// kept from the search's count (BenchmarkJump,
		// Combined/…/EndReverse).
		var set *matchSet
		if set, err = a.matchSet(ctx, tx, match); err != nil {
			return false, fmt.Errorf("storage: list: %w", err)
		}
		if set == nil {
			return false, nil
		}
		ids, ok, err = walkIndex(ctx, tx, "SELECT a.id, 0 FROM article a WHERE "+rest+order, restArgs, need, 0, set.has, nil)
	case isPrefixMatch(match):
		var set *matchSet
		if set, err = a.matchSet(ctx, tx, match); err != nil {
			return false, fmt.Errorf("storage: list: %w", err)
		}
		if set == nil {
			return false, nil
		}
		ids, ok, err = walkIndex(ctx, tx, "SELECT a.id, 0 FROM article a"+order+" LIMIT ?", []any{need * probeShare}, need, need*probeShare, set.has, nil)
	default:
		ids, ok, err = walkIndex(ctx, tx, "SELECT a.id, EXISTS (SELECT 1 FROM article_fts f WHERE f.article_fts MATCH ? AND f.rowid = a.id) FROM article a"+order+" LIMIT ?",
			[]any{match, need * probeShare}, need, need*probeShare, nil, nil)
	}
	if err != nil {
		return false, fmt.Errorf("storage: list: %w", err)
	}
	if !ok {
		return false, nil
	}
	return true, pageOfIDs(ctx, tx, ids, opts, fn)
}

// walkFields reads the page of opts, a query of field terms only (where
// and args, compiled: no full-text match), by walking its order (the
// sort's index, or the table in id order) from the page's end and
// evaluating the whole condition per entry, keeping the true ones until
// the page is full. SQLite's own plan for such a page reads every article
// a term selects from that term's index and sorts them: a year's articles
// for date:2021, at any sort (BenchmarkListQuery/Field…, and in package
// gui BenchmarkSearchShowsRows/range and
// BenchmarkEndAfterSearchShowsRows/facet-quality). ok is false when opts
// is not such a page, when SQLite's plan does not sort (planSorts), or
// when the walk gave up (fieldWalkGivesUp): the caller then reads it the
// usual way.
func (a *Archive) walkFields(ctx context.Context, opts ListOptions, where string, args []any, order string, fn func(Row) error) (ok bool, err error) {
	if where == "1" || strings.Contains(where, "article_fts") {
		// Everything: selectSQL names the sort's index. A narrow
		// full-text match, or one SQLite drives from anyway: its few
		// rows are read from the full-text index.
		return false, nil
	}
	tx, err := a.db.BeginTx(ctx, nil) // one snapshot for the walk and the rows
	if err != nil {
		return false, fmt.Errorf("storage: list: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	need := opts.Offset + opts.Limit
	if ok, err := a.keptFieldPage(ctx, tx, opts, where, args, order, fn); ok || err != nil {
		return ok, err
	}
	if sorts, err := planSorts(ctx, tx, "SELECT a.id FROM article a WHERE "+where+order+" LIMIT "+strconv.Itoa(need), args); err != nil || !sorts {
		// SQLite reads the rows in order already (from an index of an
		// equal term in id order, a topic's say, or down the sort's
		// index) and stops at the page's end: better than a walk
		// (BenchmarkSearchShowsRows/facet).
		return false, err
	}
	var top int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM article").Scan(&top); err != nil {
		return false, fmt.Errorf("storage: list: %w", err)
	}
	return fieldPage(ctx, tx, opts, where, args, order, top, fn)
}

// planSorts reports whether SQLite's plan for q sorts its rows for its
// ORDER BY (a temporary B-tree), rather than reading them in order.
func planSorts(ctx context.Context, tx *sql.Tx, q string, args []any) (bool, error) {
	rows, err := tx.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		return false, fmt.Errorf("storage: list: plan: %w", err)
	}
	defer rows.Close()
	sorts := false
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return false, fmt.Errorf("storage: list: plan: %w", err)
		}
		sorts = sorts || strings.Contains(detail, "TEMP B-TREE FOR") && strings.Contains(detail, "ORDER BY")
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("storage: list: plan: %w", err)
	}
	return sorts, nil
}

// fieldPage is walkFields' walk in tx, for an archive whose ids reach top.
func fieldPage(ctx context.Context, tx *sql.Tx, opts ListOptions, where string, args []any, order string, top int64, fn func(Row) error) (ok bool, err error) {
	// The condition costs an article row per entry unless it reads only
	// the id (a topic, a set): then the walk reads the index alone.
	cost := fieldRowCost
	if !strings.Contains(strings.ReplaceAll(where, "a.id", ""), "a.") {
		cost = fieldRowCostByID
	}
	need := opts.Offset + opts.Limit
	limit := fieldWalkLimit(need, top, cost)
	ids, ok, err := walkIndex(ctx, tx, fieldWalkSQL(where, order), append(slices.Clip(args), limit), need, limit, nil, func(read, kept int) bool { return fieldWalkGivesUp(need, read, kept, top, cost) })
	if err != nil {
		return false, fmt.Errorf("storage: list: %w", err)
	}
	if !ok {
		return false, nil
	}
	return true, pageOfIDs(ctx, tx, ids, opts, fn)
}

// fieldWalkSQL is the walk's query: every article in order (an ORDER BY
// clause of orderBy) with whether where holds for it, a LIMIT to bind.
// With the condition in the columns, SQLite has no term to drive the
// query from and reads the order's index (TestProbeWalksTheIndex).
func fieldWalkSQL(where, order string) string {
	return "SELECT a.id, CASE WHEN (" + where + ") THEN 1 ELSE 0 END FROM article a" + order + " LIMIT ?"
}

// fieldRowCost is how many entries of walkFields' walk cost what one row
// of SQLite's plan does, when the condition reads the article's row: both
// look it up, but the plan's rows come in rowid order from its term's
// index, near each other in the table, the walk's in the sort's order,
// scattered (BenchmarkListQuery/FieldRange and FieldRangeEnd, handed back
// at 100,000 articles, walked at 1,000,000). With
// fieldRowCostByID, when the condition reads only the id (a topic, a set),
// the walk reads the sort's index alone and the plan looks up each row
// (BenchmarkListQuery/FieldTopicEnd).
const (
	fieldRowCost     = 0.5
	fieldRowCostByID = 3
)

// fieldWalkGivesUp reports whether a walk of the order that has read read
// entries, kept of them true, should hand the page to SQLite's plan: when
// the entries it is expected to read to fill the page (need×read/kept)
// cost more than the rows of the whole result (kept/read of the top id's),
// each cost entries of the walk (fieldRowCost), would in SQLite's plan.
// So a walk pays at a share of the articles of at least √(need/(cost×top))
// (the break-even share) and reads at most about √(cost×need×top) entries
// (fieldWalkLimit): it grows with the root of the archive, the plan it
// stands in for with its matches. It decides only once it has read a
// page's worth and fieldSampleHits members' worth at the break-even
// share: a page's worth alone holds one or two members of a topic (a
// share of 1 in 70) walked profitably, and a share twice the break-even
// one read from fewer than a dozen members is often taken for less than
// it (BenchmarkListQuery/FieldTopicEnd, FieldRangeEnd). One more member
// than kept is assumed, so that a sample with none does not read zero.
func fieldWalkGivesUp(need, read, kept int, top int64, cost float64) bool {
	r, k, t := float64(read), float64(kept+1), float64(top)
	if read < need || r < fieldSampleHits*math.Sqrt(cost*t/float64(need)) {
		return false
	}
	return float64(need)*r*r > cost*k*k*t
}

// fieldSampleHits is how many members the walk's sample holds, at the
// break-even share, before it may give up (fieldWalkGivesUp).
const fieldSampleHits = 16

// fieldWalkLimit is the walk's LIMIT: past the entries at which
// fieldWalkGivesUp gives up even with a page less one kept, and past a
// page's worth, so that an order shorter than it is read whole.
func fieldWalkLimit(need int, top int64, cost float64) int {
	return int(math.Sqrt(cost*float64(need)*float64(top))) + need + 1
}

// probeRest reads the first need articles of a whole-word match and other
// terms (rest) in order: the first rows the other terms select, in order,
// as SQLite plans them (from an index of a narrow term and sorted, or down
// the sort's index), probed by rowid in the full-text index, a seek per
// word, as few as fill the page, rather than reading the match whole
// (BenchmarkJump, Combined/…/EndReverseCold). It reads first as many
// candidates as fill the page when most are in the match (the common case:
// the match is broad), then up to the walk's bound; ok is false when the
// match is too rare among them for that bound.
func probeRest(ctx context.Context, tx *sql.Tx, match, rest string, restArgs []any, order string, need int) (ids []int64, ok bool, err error) {
	for _, limit := range []int{min(need+need/4+probeSlack, need*probeShare), need * probeShare} {
		cand, err := queryIDs(ctx, tx, "SELECT a.id FROM article a WHERE "+rest+order+" LIMIT ?", append(slices.Clip(restArgs), limit))
		if err != nil {
			return nil, false, err
		}
		if ids, err = probeIDs(ctx, tx, match, cand, need); err != nil {
			return nil, false, err
		}
		if len(ids) == need || len(cand) < limit {
			return ids, true, nil
		}
	}
	return nil, false, nil
}

// probeIDs returns the first need of ids (in their order) that the
// full-text match holds, probing them by rowid a chunk at a time: about as
// many as the page needs when most are in the match.
func probeIDs(ctx context.Context, tx *sql.Tx, match string, ids []int64, need int) ([]int64, error) {
	var in []int64
	for len(ids) > 0 && len(in) < need {
		chunk := ids[:min(len(ids), need-len(in)+probeSlack)]
		ids = ids[len(chunk):]
		args := make([]any, 0, len(chunk)+1)
		args = append(args, match)
		for _, id := range chunk {
			args = append(args, id)
		}
		hits, err := queryIDs(ctx, tx, "SELECT rowid AS id FROM article_fts WHERE article_fts MATCH ? AND rowid IN ("+strings.Repeat(",?", len(chunk))[1:]+")", args)
		if err != nil {
			return nil, err
		}
		hit := make(map[int64]bool, len(hits))
		for _, id := range hits {
			hit[id] = true
		}
		for _, id := range chunk {
			if hit[id] && len(in) < need {
				in = append(in, id)
			}
		}
	}
	return in, nil
}

// probeSlack is how many ids past the page's need probeIDs probes in a
// chunk, so that a match missing a few of them still fills the page in
// one query.
const probeSlack = 32

// pageOfIDs calls fn with the rows of the page of opts among ids, the
// first Offset+Limit members of the result in order.
func pageOfIDs(ctx context.Context, tx *sql.Tx, ids []int64, opts ListOptions, fn func(Row) error) error {
	if opts.Offset >= len(ids) {
		return nil
	}
	return rowsOfIDs(ctx, tx, ids[opts.Offset:], opts.Stat, !opts.NoTextFields, fn)
}

// countMatchSet counts a broad full-text match by reading its set
// (matchSet), kept for the search's next reads: in the table, the count of a
// search comes before its End and its ids, which in an indexed order other
// than id's then need not read the match again (BenchmarkJump, EndReverse
// vs EndReverseCold), and whose ids in id order with other terms are
// listed through it. Reading the set costs more than counting the match,
// so Count does it only when the last ids were listed in such an order
// (Archive.lastOrder). With other terms (rest, see splitMatch), it counts
// the ids they select that are in the set. ok is false when the ids are too
// sparse for a set.
func (a *Archive) countMatchSet(ctx context.Context, match, rest string, restArgs []any) (n int, ok bool, err error) {
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("storage: count: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	set, err := a.matchSet(ctx, tx, match)
	if err != nil {
		return 0, false, fmt.Errorf("storage: count: %w", err)
	}
	if set == nil || rest == "" {
		return set.count(), set != nil, nil
	}
	ids, err := a.readIDs(ctx, tx, IDList{}, "SELECT a.id FROM article a WHERE "+rest, restArgs)
	if err != nil {
		return 0, false, fmt.Errorf("storage: count: %w", err)
	}
	for _, id := range ids.All() {
		if set.has(id) {
			n++
		}
	}
	return n, true, nil
}

// walkIndex reads q, whose rows are an article id and whether it is in the
// match (or, with has, whether has says it is), until need members are
// read. ok is false when q's rows ran out first though it read all its
// LIMIT allowed (limit; 0 for none), or when giveUp (nil: never), asked
// after each row with the rows read and the members among them, tells the
// walk to stop: the match is too sparse for the walk. Rows running out
// below the limit mean the whole order was read: every member is in ids.
func walkIndex(ctx context.Context, tx *sql.Tx, q string, args []any, need, limit int, has func(int64) bool, giveUp func(read, kept int) bool) (ids []int64, ok bool, err error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	read := 0
	for len(ids) < need && rows.Next() {
		var id int64
		var in bool
		if err := rows.Scan(&id, &in); err != nil {
			return nil, false, err
		}
		read++
		if has != nil {
			in = has(id)
		}
		if in {
			ids = append(ids, id)
		}
		if giveUp != nil && len(ids) < need && giveUp(read, len(ids)) {
			return nil, false, nil
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	return ids, len(ids) == need || limit == 0 || read < limit, nil
}

// rowsOfIDs calls fn with the rows of ids in their order, read in tx.
func rowsOfIDs(ctx context.Context, tx *sql.Tx, ids []int64, stat, text bool, fn func(Row) error) error {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	q := "SELECT " + rowColumns + " FROM article a WHERE a.id IN (" + strings.Repeat(",?", len(ids))[1:] + ")"
	rows, err := tx.QueryContext(ctx, withFirstImage(q, stat, text), args...)
	if err != nil {
		return fmt.Errorf("storage: list: %w", err)
	}
	byID := make(map[int64]Row, len(ids))
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("storage: list: %w", err)
		}
		if stat {
			r.statFile()
		}
		byID[r.ID] = r
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return fmt.Errorf("storage: list: %w", err)
	}
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitMatch splits a compiled condition that is a broad full-text match
// ("+a.id IN (…MATCH ?)", see ftsIn), alone or as one of the terms ANDed at
// its top level, into the match and the rest (rest "" when there is none;
// restArgs in order without the match's). ok is false for any other
// condition: one with no such match or several, one where the match is an
// alternative of an OR, inside a NOT or a group, or a narrow match ("a.id
// IN", which SQLite already drives the query from).
func splitMatch(where string, args []any) (match, rest string, restArgs []any, ok bool) {
	term := "+a.id " + ftsInSQL
	at := strings.Index(where, term)
	if at < 0 || strings.Contains(where[at+len(term):], term) {
		return "", "", nil, false
	}
	before, after := where[:at], where[at+len(term):]
	switch {
	case before == "" && after == "":
	case before == "" && strings.HasPrefix(after, " AND "):
		rest = after[len(" AND "):]
	case strings.HasSuffix(before, " AND ") && (after == "" || strings.HasPrefix(after, " AND ")):
		rest = before[:len(before)-len(" AND ")] + after
	default:
		return "", "", nil, false
	}
	depth, i, _ := scanSQL(before)
	_, n, or := scanSQL(where)
	if depth != 0 || or || n != len(args) || i >= len(args) {
		return "", "", nil, false
	}
	if match, ok = args[i].(string); !ok {
		return "", "", nil, false
	}
	if rest != "" {
		restArgs = append(append(make([]any, 0, len(args)-1), args[:i]...), args[i+1:]...)
	}
	return match, rest, restArgs, true
}

// scanSQL reads an SQL fragment outside its string literals: the depth of
// parentheses at its end, the number of "?" in it, and whether it has an
// OR outside parentheses (AND binding tighter, "m AND x OR y" is not m AND
// the rest).
func scanSQL(frag string) (depth, params int, topLevelOr bool) {
	for i, d := range sqlCode(frag) {
		depth = d
		switch {
		case frag[i] == '?':
			params++
		case d == 0 && len(frag)-i >= 4 && strings.EqualFold(frag[i:i+4], " OR "):
			topLevelOr = true
		}
	}
	return depth, params, topLevelOr
}

// sqlCode yields the index of each byte of an SQL fragment outside its
// string literals (a doubled quote inside one closes and reopens it), with
// the depth of parentheses just after that byte: one more at a "(", one
// less at a ")". The one walk scanSQL, splitAnd and wraps read fragments
// by.
func sqlCode(s string) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		depth, quoted := 0, false
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case '\'':
				quoted = !quoted
				continue
			case '(':
				if !quoted {
					depth++
				}
			case ')':
				if !quoted {
					depth--
				}
			}
			if !quoted && !yield(i, depth) {
				return
			}
		}
	}
}

// isPrefixMatch reports whether an FTS5 expression built by ftsExpr has a
// prefix term (`"brai" *`). A quote doubled inside a string may look like
// one too: that only picks the bit set, which is as exact as the probe.
func isPrefixMatch(match string) bool { return strings.Contains(match, `" *`) }

// matchSet is the set of rowids of one full-text match, as of one value of
// the change counter (change_seq): it holds for any read transaction that
// reads that value.
type matchSet struct {
	seq  int64
	bits []uint64
	n    int // members
}

// count is the number of members (0 for a nil set).
func (s *matchSet) count() int {
	if s == nil {
		return 0
	}
	return s.n
}

// has reports whether id is in the set.
func (s *matchSet) has(id int64) bool {
	return id >= 0 && id/64 < int64(len(s.bits)) && s.bits[id/64]&(1<<(id%64)) != 0
}

// matchSets remembers the last few match sets: one search reads its match
// for its first page, its last one and its ids.
type matchSets struct {
	mu   sync.Mutex
	sets map[string]*matchSet
}

// matchSetsMax bounds the sets kept (a bit per article each); all are
// dropped when it is reached.
const matchSetsMax = 4

// matchSet returns the rowids of match as of tx's snapshot, from the sets
// kept when the archive has not changed since, else read from the index
// and kept; nil when the ids are too sparse for a bit set.
func (a *Archive) matchSet(ctx context.Context, tx *sql.Tx, match string) (*matchSet, error) {
	var seq int64
	if err := tx.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
		return nil, fmt.Errorf("read change counter: %w", err)
	}
	if s := a.keptMatchSet(match, seq); s != nil {
		return s, nil
	}
	ids, err := a.readIDs(ctx, tx, IDList{}, "SELECT rowid AS id FROM article_fts WHERE article_fts MATCH ?", []any{match})
	if err != nil {
		return nil, fmt.Errorf("read match: %w", err)
	}
	s := newMatchSet(seq, &ids)
	if s == nil {
		return nil, nil
	}
	a.keepMatchSet(match, s)
	return s, nil
}

// keepMatchSet keeps s under key (a full-text match, or fieldSetKey's).
func (a *Archive) keepMatchSet(key string, s *matchSet) {
	c := &a.matches
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sets == nil || len(c.sets) >= matchSetsMax {
		c.sets = map[string]*matchSet{}
	}
	c.sets[key] = s
}

// keptMatchSet is the set kept under key (a full-text match, or
// fieldSetKey's) as of seq, nil if none is.
func (a *Archive) keptMatchSet(key string, seq int64) *matchSet {
	c := &a.matches
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.sets[key]; s != nil && s.seq == seq {
		return s
	}
	return nil
}

// sortOrder is the ids of every article in one order, as of one value of
// the change counter.
type sortOrder struct {
	mu    sync.Mutex
	order string // the ORDER BY clause
	seq   int64
	ids   *IDList
}

// sortOrder returns the ids of every article in order (an ORDER BY clause
// of orderBy) as of tx's snapshot: the list kept when neither the archive
// nor the order changed since, else read and kept. One order is kept, 4
// bytes per article (IDList): the table's, which each search in it lists
// again. The caller must not change the list.
func (a *Archive) sortOrder(ctx context.Context, tx *sql.Tx, order string) (*IDList, error) {
	var seq int64
	if err := tx.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
		return nil, fmt.Errorf("read change counter: %w", err)
	}
	o := &a.order
	o.mu.Lock()
	if o.ids != nil && o.order == order && o.seq == seq {
		defer o.mu.Unlock()
		return o.ids, nil
	}
	o.mu.Unlock()
	// Sized by the kept number of articles: no copies left behind growing it.
	var n int
	if err := tx.QueryRowContext(ctx, articleCountSQL).Scan(&n); err != nil {
		return nil, fmt.Errorf("read order: %w", err)
	}
	ids, err := a.readIDs(ctx, tx, IDList{small: make([]int32, 0, n)}, "SELECT a.id FROM article a"+order, nil)
	if err != nil {
		return nil, fmt.Errorf("read order: %w", err)
	}
	o.mu.Lock()
	o.order, o.seq, o.ids = order, seq, &ids
	o.mu.Unlock()
	return &ids, nil
}

// newMatchSet makes the set of ids; nil when they are too sparse for one
// (a bit set larger than a list of them, plus some slack).
func newMatchSet(seq int64, ids *IDList) *matchSet {
	var top int64
	for i := range ids.Len() {
		id := ids.At(i)
		if id < 0 {
			return nil
		}
		top = max(top, id)
	}
	if top/64 > int64(ids.Len()+1<<16) {
		return nil
	}
	s := &matchSet{seq: seq, bits: make([]uint64, top/64+1), n: ids.Len()}
	for i := range ids.Len() {
		id := ids.At(i)
		s.bits[id/64] |= 1 << (id % 64)
	}
	return s
}

// eachListedID calls fn with each of group_concat's comma-separated
// integers in s, in order.
func eachListedID(s string, fn func(int64)) error {
	if s == "" {
		return nil
	}
	var id int64
	neg, digits := false, 0
	for i := 0; i <= len(s); i++ {
		switch {
		case i == len(s) || s[i] == ',':
			if digits == 0 {
				return fmt.Errorf("bad id list at byte %d", i)
			}
			if neg {
				id = -id
			}
			fn(id)
			id, neg, digits = 0, false, 0
		case s[i] == '-' && digits == 0 && !neg:
			neg = true
		case s[i] >= '0' && s[i] <= '9' && id <= (math.MaxInt64-int64(s[i]-'0'))/10:
			id = id*10 + int64(s[i]-'0')
			digits++
		default:
			return fmt.Errorf("bad id list at byte %d", i)
		}
	}
	return nil
}
