package storage

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// facetSample is how many matching articles FacetEstimates counts at most:
// its work is bounded by this, not by the archive or the match, while the
// sample stays large enough for the estimate of a small value's share
// (BenchmarkFacetCounts).
var facetSample = 5000 // a variable for tests

// sampleWhere is the condition on article a of the articles whose ids are
// its one arg, a JSON array.
const sampleWhere = "a.id IN (SELECT value FROM json_each(?))"

// FacetEstimates counts facets like Facet (every value, in Facet's order)
// within bounded work, for a screen that shows counts while the user
// types. With no query the kept facets are exact (read from the counts
// kept on write). Otherwise it reads at most facetSample+1 matching
// articles, once for all facets: when the query matches no more than
// facetSample, their counts are exact; when it matches more, the counts of
// the first facetSample matches are scaled to total, the number of matches
// (Count's; 0: counted here), and exact is false. Facet gives the exact
// counts of the same query.
func (a *Archive) FacetEstimates(ctx context.Context, facets []string, query string, total int) (counts [][]FacetCount, exact bool, err error) {
	counts, exact, err = a.facetEstimates(ctx, facets, query, total)
	if err != nil {
		return nil, false, fmt.Errorf("storage: facets: %w", err)
	}
	return counts, exact, nil
}

func (a *Archive) facetEstimates(ctx context.Context, facets []string, query string, total int) ([][]FacetCount, bool, error) {
	for i, f := range facets {
		if alias, ok := facetAliases[f]; ok {
			f = alias
		}
		if _, err := facetSQL(f, "1"); err != nil {
			return nil, false, fmt.Errorf("%s: %w", facets[i], err)
		}
	}
	where, args, err := a.where(ctx, a.db, query)
	if err != nil {
		return nil, false, err
	}
	out := make([][]FacetCount, len(facets))
	var sample *facetSampleCounts
	exact := true
	for i, f := range facets {
		if alias, ok := facetAliases[f]; ok {
			f = alias
		}
		if where == "1" && keptFacets[f] || where == "1" && f == "set" && !a.hasSmartSets(ctx) || f == "git" {
			// The kept counts, the manual sets' members (as many as the
			// sets hold, read from their primary key), or the git states,
			// counted from their few status rows whatever the query.
			if out[i], err = a.facetWhere(ctx, f, where, args, 0); err != nil {
				return nil, false, err
			}
			continue
		}
		if sample == nil {
			ids, all, err := a.sampleIDs(ctx, where, args)
			if err != nil {
				return nil, false, err
			}
			if !all {
				ids, exact = ids[:min(len(ids), facetSample)], false
				if total <= 0 {
					if total, err = a.Count(ctx, query); err != nil {
						return nil, false, err
					}
				}
			}
			sample = &facetSampleCounts{ids: idsJSON(ids), scale: 1}
			if !exact {
				sample.scale = float64(total) / float64(len(ids))
			}
		}
		if out[i], err = a.countSample(ctx, a.db, sample, f); err != nil {
			return nil, false, err
		}
	}
	return out, exact, nil
}

// facetSampleCounts is what FacetEstimates counts over: the sample's ids
// (a JSON array) and, read once for all the facets that need them, the
// counts of their column values and topics (each exact stored value).
type facetSampleCounts struct {
	ids     string
	scale   float64                   // matches per sampled article
	columns map[string]map[string]int // facet → value → articles; a facet absent until read
	topics  map[string]int            // topic → articles; nil until read
	chunk   int                       // ids countJoined reads a statement at most; 0: sampleChunk
}

// sampleColumns are the facets read from article's columns, in the order
// countSample selects them.
var sampleColumns = []string{"provider", "domain", "category", "type", "published"}

// countSample counts facet over the sample, scaled. The columns and the
// topics are read once for all the facets (counts), rather than by a
// statement per facet (BenchmarkFacetCounts/brain/Estimate). It reads
// through db.
func (a *Archive) countSample(ctx context.Context, db querier, s *facetSampleCounts, facet string) ([]FacetCount, error) {
	if facet == "set" {
		out, err := a.facetWhereIn(ctx, db, facet, sampleWhere, []any{s.ids}, 0)
		if err != nil {
			return nil, err
		}
		for i := range out {
			out[i].Count = scaled(out[i].Count, s.scale)
		}
		return out, nil
	}
	counts, err := s.counts(ctx, db, facet)
	if err != nil {
		return nil, err
	}
	return groupCounts(counts, s.scale), nil
}

// counts returns the counts of a kept facet's exact values over the
// sample, read through db on first use of the topics or of any column.
// The topics are read from article.topics, with the columns, rather than
// from article_topic by a second statement: a lookup per article fewer,
// which is most of the exact counts of a broad match's left-out articles
// (BenchmarkFacetCounts/brain/Exact). That column holds the names as
// written, joined with topicSep (Check compares it with the article's
// text), and article_topic each of them once, case-insensitively, spelled
// as first written: splitTopics keeps the same. It is read so only when no
// kept topic name is empty or holds topicSep (readFormat), whose join
// cannot be split back. When no kept value holds rowSep or fieldSep either,
// each chunk of ids is read as one string (countJoined). With the index
// article_facets there, the columns are read from it, all but the domain,
// which it leaves out (not a section of the sidebar): the domain is read
// from the table, when asked for, by a statement of its own.
func (s *facetSampleCounts) counts(ctx context.Context, db querier, facet string) (map[string]int, error) {
	if facet == "topic" && s.topics != nil {
		return s.topics, nil
	}
	if m, ok := s.columns[facet]; facet != "topic" && ok {
		return m, nil
	}
	f, err := readFormat(ctx, db)
	if err != nil {
		return nil, err
	}
	if err := s.readSetAside(ctx, db, facet, f); err != nil {
		s.columns, s.topics = nil, nil
		return nil, err
	}
	if facet == "topic" {
		return s.topics, nil
	}
	return s.columns[facet], nil
}

// readSetAside is read, again through the table when f says article_facets
// is there and the statement finds it missing: db may be the pool, whose
// next statement is not in readFormat's snapshot, and an import may have
// set the index aside since (TestSampleCountsIndexSetAside).
func (s *facetSampleCounts) readSetAside(ctx context.Context, db querier, facet string, f format) error {
	err := s.read(ctx, db, facet, f)
	if err != nil && f.indexed && strings.Contains(err.Error(), "no such index: article_facets") {
		f.indexed = false
		err = s.read(ctx, db, facet, f)
	}
	return err
}

// read counts facet (and what one statement reads with it) over the
// sample's ids in format f.
func (s *facetSampleCounts) read(ctx context.Context, db querier, facet string, f format) error {
	cols := sampleColumns
	if f.indexed {
		cols = indexedColumns
	}
	switch {
	case facet == "domain" && f.indexed:
		return s.countRows(ctx, db, []string{"domain"}, false, false)
	case facet == "topic" && !f.joined:
		topics := map[string]int{}
		err := eachRow(ctx, db, `SELECT t.name FROM json_each(?) j JOIN article_topic t ON t.article_id = j.value`,
			[]any{s.ids}, func(v []sql.NullString) { topics[v[0].String]++ })
		s.topics = topics
		return err
	case f.joined && f.separated:
		return s.countJoined(ctx, db, cols, f.indexed)
	default:
		return s.countRows(ctx, db, cols, f.joined, f.indexed)
	}
}

// indexedColumns are the facets of sampleColumns the index article_facets
// holds, in its order.
var indexedColumns = []string{"provider", "category", "type", "published"}

// columnSQL is each of sampleColumns as counts selects it: a text, NULL or
// empty when the article has none.
var columnSQL = map[string]string{
	"provider":  "a.provider_name",
	"domain":    "a.provider_domain",
	"category":  "a.category",
	"type":      "a.type",
	"published": "CASE WHEN a.published IS NULL THEN NULL WHEN a.published = 0 THEN 'no' ELSE 'yes' END",
}

// sampleFrom is the join of the sample's ids (a JSON array, the one arg)
// with their articles. Through the index article_facets (indexed), which
// holds many articles a page where the table holds few, each article's
// lookup reads fewer pages (BenchmarkFacetCounts/brain/ExactAfterSearch);
// an import sets it aside until its end, when the table is read.
func sampleFrom(indexed bool) string {
	if indexed {
		return ` FROM json_each(?) j JOIN article a INDEXED BY article_facets ON a.id = j.value`
	}
	return ` FROM json_each(?) j JOIN article a ON a.id = j.value`
}

// setColumns notes the counts of columns, keeping those read before.
func (s *facetSampleCounts) setColumns(columns map[string]map[string]int) {
	if s.columns == nil {
		s.columns = map[string]map[string]int{}
	}
	for f, m := range columns {
		s.columns[f] = m
	}
}

// countRows counts cols, and the topics when joined, a row per article:
// when a kept value holds rowSep or fieldSep (see counts), or for the
// domain alone.
func (s *facetSampleCounts) countRows(ctx context.Context, db querier, cols []string, joined, indexed bool) error {
	columns := map[string]map[string]int{}
	byColumn := make([]map[string]int, len(cols)) // columns' maps in the statement's order
	exprs := make([]string, len(cols))
	for i, f := range cols {
		byColumn[i] = map[string]int{}
		columns[f] = byColumn[i]
		exprs[i] = columnSQL[f]
	}
	var topics map[string]int
	var names []string
	if joined {
		exprs = append(exprs, "a.topics")
		topics = map[string]int{}
	}
	q := "SELECT " + strings.Join(exprs, ", ") + sampleFrom(indexed)
	err := eachRow(ctx, db, q, []any{s.ids}, func(v []sql.NullString) {
		for i, m := range byColumn {
			if v[i].Valid && v[i].String != "" {
				m[v[i].String]++
			}
		}
		if joined {
			names = splitTopics(names[:0], v[len(cols)].String)
			for _, name := range names {
				topics[name]++
			}
		}
	})
	if err != nil {
		return err
	}
	s.setColumns(columns)
	if joined {
		s.topics = topics
	}
	return nil
}

// sampleChunk is how many ids one statement of countJoined reads at most,
// which bounds the string it returns.
const sampleChunk = 4096

// rowSep and fieldSep separate the rows of countJoined's strings and the
// fields of each row.
const rowSep, fieldSep = "\x1d", "\x1e"

// joinedRowSQL is an article's cols (empty when NULL) and its topics,
// joined with fieldSep: the topics last, since they hold topicSep.
func joinedRowSQL(cols []string) string {
	var b strings.Builder
	for _, f := range cols {
		fmt.Fprintf(&b, "coalesce(%s, '') || char(30) || ", columnSQL[f])
	}
	b.WriteString("a.topics")
	return b.String()
}

// countJoined counts cols and the topics (readFormat's joined) with each
// chunk of sampleChunk ids read as one string, its rows joined with
// rowSep, rather than a row and a value per column each, which costs more
// in the driver; tallied per distinct row, then per value
// (BenchmarkFacetCounts/brain/ExactAfterSearch).
func (s *facetSampleCounts) countJoined(ctx context.Context, db querier, cols []string, indexed bool) error {
	chunk := s.chunk
	if chunk <= 0 {
		chunk = sampleChunk
	}
	chunks, err := splitIDs(s.ids, chunk)
	if err != nil {
		return err
	}
	q := `SELECT group_concat(` + joinedRowSQL(cols) + `, char(29))` + sampleFrom(indexed)
	t := newTally()
	for _, ids := range chunks {
		var rows sql.NullString
		if err := db.QueryRowContext(ctx, q, ids).Scan(&rows); err != nil {
			return err
		}
		if err := t.add(rows.String); err != nil {
			return err
		}
	}
	columns, topics := t.counts(cols)
	s.setColumns(columns)
	s.topics = topics
	return nil
}

// tally counts countJoined's rows: the columns joined (a row without its
// topics) and the topics joined, each distinct value once.
type tally struct {
	columns map[string]int
	topics  map[string]int
}

func newTally() *tally { return &tally{columns: map[string]int{}, topics: map[string]int{}} }

// add counts the rows of s, joined with rowSep.
func (t *tally) add(s string) error {
	for s != "" {
		row, rest, _ := strings.Cut(s, rowSep)
		s = rest
		i := strings.LastIndex(row, fieldSep)
		if i < 0 {
			return fmt.Errorf("bad sample row %q", row)
		}
		t.columns[row[:i]]++
		if topics := row[i+1:]; topics != "" {
			t.topics[topics]++
		}
	}
	return nil
}

// counts turns the tally into the counts of each of cols' values and of
// the topics (each name once an article, as splitTopics reads them), as
// countRows counts them. Their values are copies: the rows' strings are
// not kept.
func (t *tally) counts(cols []string) (columns map[string]map[string]int, topics map[string]int) {
	columns = map[string]map[string]int{}
	byColumn := make([]map[string]int, len(cols))
	for i, f := range cols {
		byColumn[i] = map[string]int{}
		columns[f] = byColumn[i]
	}
	add := func(m map[string]int, v string, n int) {
		if _, ok := m[v]; !ok {
			v = strings.Clone(v)
		}
		m[v] += n
	}
	for row, n := range t.columns {
		for i := range byColumn {
			v, rest, _ := strings.Cut(row, fieldSep)
			if v != "" {
				add(byColumn[i], v, n)
			}
			row = rest
		}
	}
	topics = map[string]int{}
	var names []string
	for joined, n := range t.topics {
		names = splitTopics(names[:0], joined)
		for _, name := range names {
			add(topics, name, n)
		}
	}
	return columns, topics
}

// splitIDs splits a JSON array of ids into arrays of at most n ids each.
func splitIDs(js string, n int) ([]string, error) {
	if len(js) < 2 || js[0] != '[' || js[len(js)-1] != ']' {
		return nil, fmt.Errorf("bad id list %.20q", js)
	}
	body := js[1 : len(js)-1]
	var out []string
	for body != "" {
		end, count := len(body), 0
		for i := 0; i < len(body); i++ {
			if body[i] == ',' {
				if count++; count == n {
					end = i
					break
				}
			}
		}
		out = append(out, "["+body[:end]+"]")
		body = body[min(end+1, len(body)):]
	}
	return out, nil
}

// format is how readFormat finds the kept values: joined, no topic name
// is empty or holds topicSep, so article.topics splits back into
// article_topic's names; separated, no value holds rowSep or fieldSep, so
// countJoined's strings split back; indexed, the index article_facets is
// there (an import sets it aside until its end).
type format struct{ joined, separated, indexed bool }

// formatSQL reads a format (facet_count holds every kept value and every
// article_topic name; Check compares them).
const formatSQL = `SELECT
	NOT EXISTS (SELECT 1 FROM facet_count WHERE facet = 'topic' AND (value = '' OR instr(value, char(31)) > 0)),
	NOT EXISTS (SELECT 1 FROM facet_count WHERE instr(value, char(29)) > 0 OR instr(value, char(30)) > 0),
	(` + facetsIndexedSQL + `)`

// readFormat reads the format of the kept values (see format).
func readFormat(ctx context.Context, db querier) (format, error) {
	var f format
	if err := db.QueryRowContext(ctx, formatSQL).Scan(&f.joined, &f.separated, &f.indexed); err != nil {
		return format{}, fmt.Errorf("read the kept values' format: %w", err)
	}
	return f, nil
}

// splitTopics appends to names the names of article_topic's rows of an
// article whose article.topics is joined (see counts): each name once,
// ASCII letters compared case-insensitively (as foldASCIICase), spelled as
// first written.
func splitTopics(names []string, joined string) []string {
	if joined == "" {
		return names
	}
	start := len(names)
	for {
		name, rest, more := strings.Cut(joined, topicSep)
		dup := false
		for _, seen := range names[start:] {
			if asciiEqualFold(seen, name) {
				dup = true
				break
			}
		}
		if !dup {
			names = append(names, name)
		}
		if !more {
			return names
		}
		joined = rest
	}
}

// asciiEqualFold reports whether a and b are equal with ASCII letters
// folded, as foldASCIICase folds them.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		ca, cb := a[i], b[i]
		if 'A' <= ca && ca <= 'Z' {
			ca += 'a' - 'A'
		}
		if 'A' <= cb && cb <= 'Z' {
			cb += 'a' - 'A'
		}
		if ca != cb {
			return false
		}
	}
	return true
}

// eachRow calls fn with each row of q read through db (the read pool or a
// transaction), whose columns are all text.
func eachRow(ctx context.Context, db querier, q string, args []any, fn func([]sql.NullString)) error {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	v := make([]sql.NullString, len(cols))
	ptrs := make([]any, len(cols))
	for i := range v {
		ptrs[i] = &v[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		fn(v)
	}
	return rows.Err()
}

// groupCounts groups the counts of exact values as Facet's SQL does: values
// equal under SQLite's NOCASE (ASCII letters folded) are one, spelled as the
// least of them, values counted 0 left out; ordered by count
// (descending), then value NOCASE, then value. Each count is scaled.
func groupCounts(counts map[string]int, scale float64) []FacetCount {
	type group struct {
		value string
		n     int
	}
	groups := map[string]*group{}
	for v, n := range counts {
		if n <= 0 {
			continue
		}
		k := asciiLower(v)
		if g := groups[k]; g != nil {
			g.n += n
			g.value = min(g.value, v)
		} else {
			groups[k] = &group{value: v, n: n}
		}
	}
	if len(groups) == 0 {
		return nil // as Facet
	}
	out := make([]FacetCount, 0, len(groups))
	for _, g := range groups {
		out = append(out, FacetCount{Value: g.value, Count: scaled(g.n, scale)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		if li, lj := asciiLower(out[i].Value), asciiLower(out[j].Value); li != lj {
			return li < lj
		}
		return out[i].Value < out[j].Value
	})
	return out
}

// scaled is n sampled articles scaled to the matches: at least 1.
func scaled(n int, scale float64) int {
	if scale == 1 {
		return n
	}
	return max(1, int(math.Round(float64(n)*scale)))
}

// asciiLower folds ASCII letters to lower case, as SQLite's NOCASE does.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// hasSmartSets reports whether the archive has a smart set (true when
// that cannot be read: the sample then counts them).
func (a *Archive) hasSmartSets(ctx context.Context) bool {
	var yes bool
	err := a.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM article_set WHERE query <> '')`).Scan(&yes)
	return yes || err != nil
}

// sampleIDs reads the ids of the first facetSample+1 articles matching
// where, in the order its plan reads them (mostly by id): the sample is of
// the oldest articles, and counts that differ between old and new ones
// are estimated from the old ones until the exact counts arrive. all
// reports that they are every match. A broad full-text match beside
// other terms is probed per candidate of the others (probedSample), whose
// sample may be of fewer matches and still not all of them.
func (a *Archive) sampleIDs(ctx context.Context, where string, args []any) (ids []int64, all bool, err error) {
	ids, all, ok, err := a.probedSample(ctx, where, args)
	if err != nil || ok && (all || len(ids) > 0) {
		return ids, all, err
	}
	q := fmt.Sprintf("SELECT a.id FROM article a WHERE %s LIMIT %d", where, facetSample+1)
	if ftsOnly(where) {
		// A full-text match alone: its first rowids, read from the match
		// as FTS5 finds them, rather than the whole match gathered into a
		// list first; a prefix as the few words it begins, which FTS5
		// reads as far as asked, where it merges a prefix's whole lists
		// before the first row (BenchmarkFacetCounts/brain).
		q = fmt.Sprintf("SELECT rowid FROM article_fts WHERE article_fts MATCH ? LIMIT %d", facetSample+1)
		if m, ok := args[0].(string); ok {
			if words, ok, err := a.probeableMatch(ctx, m); err != nil {
				return nil, false, err
			} else if ok {
				args = []any{words}
			}
		}
	}
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, false, err
	}
	defer rows.Close()
	ids = make([]int64, 0, facetSample+1)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, false, err
		}
		ids = append(ids, id)
	}
	return ids, len(ids) <= facetSample, rows.Err()
}

// idsJSON is ids as a JSON array.
func idsJSON(ids []int64) string {
	var b strings.Builder
	b.Grow(len(ids) * 8)
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(']')
	return b.String()
}
