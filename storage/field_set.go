package storage

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/seedarchive/seedarchive/internal/query"
)

// A search of field terms only (quality:>50 date:2021) is counted, and its
// ids listed, by SQLite from one term's index, looking up the article row
// of each candidate to test the others: most of the cost of a broad search,
// and End right after the search waits for its count (package gui,
// BenchmarkEndAfterSearchShowsRows/range). When each term reads from an
// index alone (a covering index of article's, or the topic index), the
// terms are read instead as sets of ids, one index each, and intersected
// in Go: a bit per article, the count a popcount, the ids in id order the
// set's bits, in another order the kept sort order (sortOrder) filtered by
// the set. It is the cheaper plan when the term SQLite drives its plan from
// selects many articles (its pick, not always the narrowest term: it
// drives heat:>99 quality:>50 from quality); when that term is narrow,
// SQLite's plan reads few rows and is kept (fieldSetPays;
// BenchmarkListQuery/CountFields(…), broad and narrow). The set is kept
// with the full-text match sets (matchSets), so that the search's End and
// ids reuse its count's (CountEndFields, IDsFields).

// fieldTerm is one term of a field-only condition ANDed at its top level,
// as a query of the ids it selects (a column named id) read from one index.
type fieldTerm struct {
	q       string
	args    []any
	negated bool   // the term is NOT cond: its set is taken out
	cond    string // the condition q selects the articles of, over alias a
	sub     bool   // q reads a table of article ids (a.id IN (SELECT article_id …))
	planned bool   // index and indexed are known (planTerm)
	indexed bool   // q reads an index alone
	index   string // the index q reads
}

// fieldLookupCost is how many index entries read into a set cost what one
// row of SQLite's plan does: an entry of its driving term's index and a
// lookup of the article's row (BenchmarkListQuery/CountFields(…), both
// plans measured at 1,000,000 articles).
const fieldLookupCost = 30

// fieldNarrowRows is the fewest rows of the term SQLite's plan is driven
// from for which the sets are considered: for fewer, the plan costs less
// than the sample that would tell (fieldSetPays).
const fieldNarrowRows = 256

// fieldSetKey names a field condition among the kept match sets; a
// full-text match (an FTS5 expression) never starts with a NUL.
func fieldSetKey(where string, args []any) string {
	return fmt.Sprintf("\x00fields\x00%s\x00%#v", where, args)
}

// fieldTerms splits a compiled condition into its terms ANDed at the top
// level, each as a query of the ids it selects (not yet checked to read an
// index alone: planTerm); ok is false when the condition is not so made,
// has fewer than two terms (one term SQLite reads from its index already)
// or none that is not negated.
func fieldTerms(where string, args []any) (terms []fieldTerm, ok bool) {
	if where == "1" || strings.Contains(where, "article_fts") {
		return nil, false
	}
	parts, ok := splitAnd(where)
	if !ok || len(parts) < 2 {
		return nil, false
	}
	positive := false
	for _, p := range parts {
		n := strings.Count(p, "?")
		if n > len(args) {
			return nil, false
		}
		t := fieldTerm{args: args[:n:n]}
		args = args[n:]
		cond := p
		if x, neg := negatedTerm(p); neg {
			cond, t.negated = x, true
		} else {
			positive = true
		}
		t.cond, t.q = cond, "SELECT a.id FROM article a WHERE "+cond
		if sub, ok := strings.CutPrefix(cond, "a.id IN (SELECT article_id FROM "); ok && wraps(cond[len("a.id IN "):]) && !strings.Contains(sub, "a.") {
			// Membership of a table of article ids (topics, a set): its
			// index lists them, each an article's (the rows go with the
			// article).
			t.q, t.sub = "SELECT article_id AS id FROM "+sub[:len(sub)-1], true
		}
		terms = append(terms, t)
	}
	return terms, len(args) == 0 && positive
}

// planTerm checks that t's query reads an index alone (indexOnly), once,
// and notes the index; ok is false when it does not.
func planTerm(ctx context.Context, tx *sql.Tx, t *fieldTerm) (ok bool, err error) {
	if !t.planned {
		t.planned = true
		t.index, t.indexed, err = indexOnly(ctx, tx, t.q, t.args)
	}
	return t.indexed, err
}

// mergeTerms merges the terms not negated of one index (a date range's
// two bounds): one range of it to SQLite, and to the sets, which would
// otherwise read each bound's side of the index. ok is false when a merged
// term does not read its index alone.
func mergeTerms(ctx context.Context, tx *sql.Tx, terms []fieldTerm) (merged []fieldTerm, ok bool, err error) {
	for i := 0; i < len(terms); i++ {
		for j := i + 1; j < len(terms); j++ {
			x, y := &terms[i], terms[j]
			if x.negated || y.negated || x.sub || y.sub || x.index != y.index {
				continue
			}
			x.cond += " AND " + y.cond
			x.q += " AND " + y.cond
			x.args = append(slices.Clip(x.args), y.args...)
			terms = slices.Delete(terms, j, j+1)
			j--
			x.planned = false
			if ok, err := planTerm(ctx, tx, x); err != nil || !ok {
				return nil, false, err
			}
		}
	}
	return terms, true, nil
}

// splitAnd splits an SQL condition at the ANDs of its top level (outside
// parentheses and string literals, not the AND of a BETWEEN); ok is false
// when it has an OR at its top level or unbalanced parentheses.
func splitAnd(where string) (parts []string, ok bool) {
	depth, between, start := 0, false, 0
	for i, d := range sqlCode(where) {
		if depth = d; d < 0 {
			return nil, false
		}
		switch rest := where[i:]; {
		case d != 0:
		case strings.HasPrefix(rest, " OR "):
			return nil, false
		case strings.HasPrefix(rest, " BETWEEN "):
			between = true
		case strings.HasPrefix(rest, " AND ") && between:
			between = false
		case strings.HasPrefix(rest, " AND "):
			parts = append(parts, where[start:i])
			start = i + len(" AND ")
		}
	}
	if depth != 0 || strings.Count(where, "'")%2 != 0 { // unbalanced, or a literal left open
		return nil, false
	}
	return append(parts, where[start:]), true
}

// negatedTerm reports whether a term is a negation as the compiler writes
// them, "NOT (x)" or "(x) IS NOT 1", and returns x: either holds exactly
// for the articles x does not select (x false or NULL).
func negatedTerm(p string) (string, bool) {
	if x, ok := strings.CutPrefix(p, "NOT "); ok && wraps(x) {
		return x[1 : len(x)-1], true
	}
	if x, ok := strings.CutSuffix(p, " IS NOT 1"); ok && wraps(x) {
		return x[1 : len(x)-1], true
	}
	return "", false
}

// wraps reports whether s is one parenthesized expression: its first
// parenthesis closes at its end.
func wraps(s string) bool {
	if !strings.HasPrefix(s, "(") || !strings.HasSuffix(s, ")") {
		return false
	}
	for i, d := range sqlCode(s) {
		if d == 0 {
			return i == len(s)-1
		}
	}
	return false
}

// planDetails returns the detail lines of SQLite's plan for q.
func planDetails(ctx context.Context, tx *sql.Tx, q string, args []any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return nil, fmt.Errorf("plan: %w", err)
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	return lines, nil
}

// indexOnly reports whether SQLite's plan for q reads an index alone: every
// step a covering index (or the OR of several). index is the first index
// it names.
func indexOnly(ctx context.Context, tx *sql.Tx, q string, args []any) (index string, ok bool, err error) {
	lines, err := planDetails(ctx, tx, q, args)
	if err != nil {
		return "", false, err
	}
	for _, d := range lines {
		if !strings.Contains(d, " USING COVERING INDEX ") && d != "MULTI-INDEX OR" && !strings.HasPrefix(d, "INDEX ") {
			return "", false, nil
		}
		if index == "" {
			index = planIndex(d)
		}
	}
	return index, len(lines) > 0, nil
}

// planIndex is the index a plan's detail line names ("SEARCH a USING
// INDEX name (…)"), "" if none.
func planIndex(detail string) string {
	_, after, ok := strings.Cut(detail, " INDEX ")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(after, " ")
	return name
}

// fieldSetPays reports whether reading the terms of a condition (where,
// args) into sets costs less than SQLite's plan for it, and returns the
// terms to read (planned and merged: mergeTerms) and the archive's largest
// id. SQLite's plan reads the rows of one term, its driver (the first step
// of its plan names the driver's index, or a list of ids: a topic's; none,
// and it reads the table), and looks up each one's article:
// fieldLookupCost index entries' worth each. The sets read every term's
// entries. The terms' rows are estimated from a sample of the articles
// (fieldSample: a count of a broad term reads much of what its set
// would), the driver's counted when the sample holds too few of them to
// tell (a count reads its index, far cheaper than the plan). A driver
// selecting fewer than fieldNarrowRows rows keeps SQLite's plan, checked
// first, before the other terms are planned or sampled: a narrow search
// pays little for the question.
func fieldSetPays(ctx context.Context, tx *sql.Tx, where string, args []any, terms []fieldTerm) (_ []fieldTerm, top int64, pays bool, err error) {
	lines, err := planDetails(ctx, tx, "SELECT count(*) FROM article a WHERE "+where, args)
	if err != nil || len(lines) == 0 {
		return nil, 0, false, err
	}
	covered := true
	for _, d := range lines {
		covered = covered && strings.Contains(d, " USING COVERING INDEX ")
	}
	if covered {
		return nil, 0, false, nil // SQLite's plan reads an index alone too
	}
	byList := strings.HasPrefix(lines[0], "SEARCH a USING INTEGER PRIMARY KEY (rowid=?)")
	driverIndex := planIndex(lines[0])
	driverOf := func(terms []fieldTerm) int {
		for i, t := range terms {
			switch {
			case t.negated:
			case byList && t.sub, !byList && t.planned && t.index == driverIndex && driverIndex != "":
				return i
			}
		}
		return -1
	}
	// The driver first: planned until it is found.
	for i := range terms {
		if driverOf(terms) >= 0 {
			break
		}
		if ok, err := planTerm(ctx, tx, &terms[i]); err != nil || !ok {
			return nil, 0, false, err
		}
	}
	count := func(t fieldTerm, limit int64) (int64, error) {
		// Without a LIMIT the count reads the index alone, the subquery
		// flattened: a LIMIT costs a step per row.
		q, args := "SELECT count(*) FROM ("+t.q+")", t.args
		if limit >= 0 {
			q, args = "SELECT count(*) FROM ("+t.q+" LIMIT ?)", append(slices.Clip(t.args), limit)
		}
		var n int64
		if err := tx.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("count term: %w", err)
		}
		return n, nil
	}
	if d := driverOf(terms); d >= 0 {
		// A term merged with it below selects no more than it does.
		if n, err := count(terms[d], fieldNarrowRows); err != nil || n < fieldNarrowRows {
			return nil, 0, false, err
		}
	}
	for i := range terms {
		if ok, err := planTerm(ctx, tx, &terms[i]); err != nil || !ok {
			return nil, 0, false, err
		}
	}
	terms, ok, err := mergeTerms(ctx, tx, terms)
	if err != nil || !ok || len(terms) < 2 {
		return nil, 0, false, err
	}
	var articles int64
	var lo, hi sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT ("+articleCountSQL+"), (SELECT min(id) FROM article), (SELECT max(id) FROM article)").Scan(&articles, &lo, &hi); err != nil {
		return nil, 0, false, fmt.Errorf("read ids: %w", err)
	}
	if !hi.Valid || lo.Int64 < 0 || hi.Int64/64 > articles+1<<16 {
		return nil, 0, false, nil // too sparse for a bit set
	}
	hits, sampled, err := fieldSample(ctx, tx, terms, lo.Int64, hi.Int64)
	if err != nil || sampled == 0 {
		return nil, 0, false, err
	}
	share := func(i int) float64 { return float64(hits[i]) / float64(sampled) * float64(articles) }
	driver := driverOf(terms)
	rows := float64(articles) // no driver: the whole table is read
	if driver >= 0 {
		rows = share(driver)
		if hits[driver] < fieldSetSampleHits {
			// Too few in the sample to tell its rows: counted.
			n, err := count(terms[driver], -1)
			if err != nil {
				return nil, 0, false, err
			}
			rows = float64(n)
		}
	}
	entries := rows
	for i := range terms {
		if i != driver {
			entries += share(i)
		}
	}
	return terms, hi.Int64, entries < fieldLookupCost*rows, nil
}

// fieldSetSampleSize is how many articles fieldSample reads, and
// fieldSetSampleHits how many of them a term must select for its share of
// the sample to stand for its rows (within about a quarter); fewer, and the
// term is counted.
const (
	fieldSetSampleSize = 256
	fieldSetSampleHits = 16
)

// fieldSample reads about fieldSetSampleSize articles at even steps over
// the ids lo..hi: how many of them each term's condition (not negated)
// selects, and how many there were.
func fieldSample(ctx context.Context, tx *sql.Tx, terms []fieldTerm, lo, hi int64) (hits []int64, sampled int64, err error) {
	step := max(1, (hi-lo+1)/fieldSetSampleSize)
	var cols strings.Builder
	var args []any
	args = append(args, lo+step/2, step, fieldSetSampleSize)
	for _, t := range terms {
		cond := t.cond
		if from, ok := strings.CutPrefix(t.q, "SELECT article_id AS id FROM "); t.sub && ok {
			// A seek in its index per article, rather than a list of
			// every id it selects built first.
			if table, w, ok := strings.Cut(from, " WHERE "); ok {
				cond = "EXISTS (SELECT 1 FROM " + table + " WHERE (" + w + ") AND article_id = a.id)"
			}
		}
		fmt.Fprintf(&cols, ", sum((%s) IS 1)", cond)
		args = append(args, t.args...)
	}
	q := "WITH RECURSIVE s(id) AS (SELECT ? UNION ALL SELECT id + ? FROM s LIMIT ?) SELECT count(*)" + cols.String() + " FROM s JOIN article a ON a.id = s.id"
	sums := make([]sql.NullInt64, len(terms)+1)
	dest := make([]any, len(sums))
	for i := range sums {
		dest[i] = &sums[i]
	}
	if err := tx.QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
		return nil, 0, fmt.Errorf("sample terms: %w", err)
	}
	hits = make([]int64, len(terms))
	for i := range terms {
		hits[i] = sums[i+1].Int64
	}
	return hits, sums[0].Int64, nil
}

// fieldSet returns the set of the articles a field-only condition selects,
// read as of tx's snapshot (kept, or read from its terms' indexes and
// kept); nil when the condition is not such a one (fieldTerms, every term
// read from an index alone), when its sets would not pay (fieldSetPays),
// or the ids are too sparse for a bit set. With read false only a kept set is returned, none read.
func (a *Archive) fieldSet(ctx context.Context, tx *sql.Tx, where string, args []any, read bool) (*matchSet, error) {
	terms, ok := fieldTerms(where, args)
	if !ok {
		return nil, nil
	}
	var seq int64
	if err := tx.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
		return nil, fmt.Errorf("read change counter: %w", err)
	}
	key := fieldSetKey(where, args)
	if s := a.keptMatchSet(key, seq); s != nil || !read {
		return s, nil
	}
	terms, top, pays, err := fieldSetPays(ctx, tx, where, args, terms)
	if err != nil || !pays {
		return nil, err
	}
	// The terms not negated first: a negation is taken out of their
	// intersection, never complemented against ids no article has.
	slices.SortStableFunc(terms, func(x, y fieldTerm) int {
		return cmp.Compare(boolInt(x.negated), boolInt(y.negated))
	})
	var all []uint64
	for _, t := range terms {
		set, err := readBits(ctx, tx, t, top)
		if err != nil {
			return nil, err
		}
		switch {
		case all == nil:
			all = set
		case t.negated:
			for i := range all {
				all[i] &^= set[i]
			}
		default:
			for i := range all {
				all[i] &= set[i]
			}
		}
	}
	s := &matchSet{seq: seq, bits: all}
	for _, w := range all {
		s.n += bits.OnesCount64(w)
	}
	a.keepMatchSet(key, s)
	return s, nil
}

// readBits reads the ids of a term into a bit set of ids up to top. The
// ids come as one row (group_concat: a row each costs more in the driver
// than SQLite's walk of the index, and a call into Go, seed_ids' way,
// more than the text), scanned into a string, which is the driver's own
// copy of the text, where sql.RawBytes would copy it again
// (BenchmarkListQuery, CountFields(…)).
func readBits(ctx context.Context, tx *sql.Tx, t fieldTerm, top int64) ([]uint64, error) {
	var list sql.NullString
	if err := tx.QueryRowContext(ctx, "SELECT group_concat(id) FROM ("+t.q+")", t.args...).Scan(&list); err != nil {
		return nil, fmt.Errorf("read term: %w", err)
	}
	set := make([]uint64, top/64+1)
	if err := eachListedBit(list.String, top, set); err != nil {
		return nil, fmt.Errorf("read term: %w", err)
	}
	return set, nil
}

// eachListedBit sets in set the bit of each id of a list group_concat
// wrote: ids in 0..top separated by commas, "" for none.
func eachListedBit(list string, top int64, set []uint64) error {
	if list == "" {
		return nil
	}
	var id int64
	digits := 0
	for i := 0; i < len(list); i++ {
		switch c := list[i]; {
		case c >= '0' && c <= '9' && id <= top:
			id = id*10 + int64(c-'0')
			digits++
		case c == ',' && digits > 0 && id <= top:
			set[id/64] |= 1 << (id % 64)
			id, digits = 0, 0
		default:
			return fmt.Errorf("not an id in 0..%d at byte %d", top, i)
		}
	}
	if digits == 0 || id > top {
		return fmt.Errorf("not an id in 0..%d at byte %d", top, len(list))
	}
	set[id/64] |= 1 << (id % 64)
	return nil
}

// countFieldSet counts a field-only condition by its set (fieldSet); ok is
// false when it has none.
func (a *Archive) countFieldSet(ctx context.Context, where string, args []any) (n int, ok bool, err error) {
	if _, ok := fieldTerms(where, args); !ok {
		return 0, false, nil // no snapshot opened for a condition of one term
	}
	tx, err := a.db.BeginTx(ctx, nil) // one snapshot for the counts and the sets
	if err != nil {
		return 0, false, err
	}
	defer func() { _ = tx.Rollback() }()
	s, err := a.fieldSet(ctx, tx, where, args, true)
	if err != nil || s == nil {
		return 0, false, err
	}
	return s.n, true, nil
}

// fieldIDs lists the ids of opts, a field-only condition, by its set
// (fieldSet): in id order its bits, in another indexed order the kept
// order (sortOrder) filtered by it, Reverse that list backwards, then
// Offset and Limit. ok is false when opts has no such set, or is in an
// order without an index.
func (a *Archive) fieldIDs(ctx context.Context, opts ListOptions, wide bool) (list IDList, ok bool, err error) {
	kind := orderKind(opts.Sort)
	if kind == orderOther || opts.Offset < 0 || opts.Limit < 0 || hasWords(opts.Query) {
		return IDList{}, false, nil
	}
	where, args, err := a.where(ctx, a.db, opts.Query)
	if err != nil {
		return IDList{}, false, nil // IDs compiles it again and reports the error
	}
	order, err := orderBy(opts.Sort, false)
	if _, ok := fieldTerms(where, args); err != nil || !ok {
		return IDList{}, false, nil
	}
	tx, err := a.db.BeginTx(ctx, nil) // one snapshot for the set and the order
	if err != nil {
		return IDList{}, false, err
	}
	defer func() { _ = tx.Rollback() }()
	s, err := a.fieldSet(ctx, tx, where, args, true)
	if err != nil || s == nil {
		return IDList{}, false, err
	}
	ids := make([]int64, 0, s.n)
	if kind == orderID {
		for i, w := range s.bits {
			for w != 0 {
				b := bits.TrailingZeros64(w)
				ids = append(ids, int64(i)*64+int64(b))
				w &= w - 1
			}
		}
		if order == " ORDER BY a.id DESC" {
			slices.Reverse(ids)
		}
	} else {
		every, err := a.sortOrder(ctx, tx, order)
		if err != nil {
			return IDList{}, false, err
		}
		for i := range every.Len() {
			if id := every.At(i); s.has(id) {
				ids = append(ids, id)
			}
		}
	}
	if opts.Reverse {
		slices.Reverse(ids)
	}
	ids = ids[min(opts.Offset, len(ids)):]
	if opts.Limit > 0 {
		ids = ids[:min(opts.Limit, len(ids))]
	}
	if wide {
		return IDList{wide: ids}, true, nil
	}
	return IDListOf(ids), true, nil
}

// keptFieldPage reads the page of opts, a field-only condition (where and
// args, compiled; order its ORDER BY clause), from the condition's set when
// one is kept (its count read it: the table counts a search before its End
// can land): in id order the set's bits from the page's end, in another
// indexed order the sort's index walked and each entry tested in the set,
// an index read alone rather than an article row per entry (package gui,
// BenchmarkEndAfterSearchShowsRows/range). ok is false when no set is
// kept, or the set is too sparse for the walk to fill the page soon.
func (a *Archive) keptFieldPage(ctx context.Context, tx *sql.Tx, opts ListOptions, where string, args []any, order string, fn func(Row) error) (ok bool, err error) {
	s, err := a.fieldSet(ctx, tx, where, args, false)
	if err != nil || s == nil {
		return false, err
	}
	if s.n <= opts.Offset {
		return true, nil // an empty page
	}
	need := opts.Offset + opts.Limit
	var ids []int64
	if orderKind(opts.Sort) == orderID {
		desc := order == " ORDER BY a.id DESC"
		for i := range s.bits {
			if desc {
				i = len(s.bits) - 1 - i
			}
			for w := s.bits[i]; w != 0 && len(ids) < need; {
				var b int
				if desc {
					b = 63 - bits.LeadingZeros64(w)
				} else {
					b = bits.TrailingZeros64(w)
				}
				ids = append(ids, int64(i)*64+int64(b))
				w &^= 1 << b
			}
			if len(ids) == need {
				break
			}
		}
		return true, pageOfIDs(ctx, tx, ids, opts, fn)
	}
	// The walk reads about need entries per member share; a few times
	// that before it gives up.
	limit := need + int(min(int64(fieldPageSpread)*int64(need)*int64(len(s.bits))*64/int64(s.n+1), probeMaxRows*probeShare*fieldPageSpread))
	ids, ok, err = walkIndex(ctx, tx, "SELECT a.id, 0 FROM article a"+order+" LIMIT ?", []any{limit}, need, limit, s.has, nil)
	if err != nil || !ok {
		return false, err
	}
	return true, pageOfIDs(ctx, tx, ids, opts, fn)
}

// fieldPageSpread is how many times the expected entries keptFieldPage's
// walk reads before it gives up: members of a set are not spread evenly
// along an order.
const fieldPageSpread = 4

// hasWords reports whether a query has a full-text word or phrase (or does
// not parse): not a field search, told without compiling it (compiling a
// prefix lists the words it begins).
func hasWords(q string) bool {
	parsed, err := query.Parse(q)
	if err != nil {
		return true
	}
	var words func(e query.Expr) bool
	words = func(e query.Expr) bool {
		switch e := e.(type) {
		case *query.Atom:
			return e.Field == ""
		case query.Not:
			return words(e.X)
		case query.And:
			return slices.ContainsFunc(e, words)
		case query.Or:
			return slices.ContainsFunc(e, words)
		}
		return false
	}
	return parsed.Expr != nil && words(parsed.Expr)
}
