package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/query"

	_ "modernc.org/sqlite"
)

// openWhereDB opens an in-memory database with the schema (every
// migrations/*.sql in order) and no rows.
func openWhereDB(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1) // every connection to :memory: is a different database
	tb.Cleanup(func() { db.Close() })
	files, err := filepath.Glob("migrations/*.sql")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no migrations: %v", err)
	}
	sort.Strings(files)
	for _, f := range files {
		schema, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := db.Exec(string(schema)); err != nil {
			tb.Fatalf("apply %s: %v", f, err)
		}
	}
	return db
}

// whereRow is one hand-written article for the compiler tests.
type whereRow struct {
	id                       int64
	title, excerpt, body     string
	provider, domain         any // string or nil
	category, typ            any
	quality, heat, published any // int or nil
	publishedAt              any // RFC 3339 text or nil
	topics                   []string
	images, related          int
}

// insertWhereRow writes the article, its topics and its full-text row.
func insertWhereRow(tb testing.TB, db *sql.DB, r whereRow) {
	tb.Helper()
	hasBody := 0
	if r.body != "" {
		hasBody = 1
	}
	_, err := db.Exec(`INSERT INTO article (id, file, sha256, content_key, category, title,
		published_at, type, quality, heat, published, provider_name, provider_domain, topics,
		image_count, related_count, has_body, imported_at, updated_at)
		VALUES (?, ?, '', '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`,
		r.id, fmt.Sprintf("%03d.txt", r.id), r.category, r.title, r.publishedAt, r.typ,
		r.quality, r.heat, r.published, r.provider, r.domain, strings.Join(r.topics, "\x1f"),
		r.images, r.related, hasBody)
	if err != nil {
		tb.Fatalf("insert article %d: %v", r.id, err)
	}
	for i, name := range r.topics {
		if _, err := db.Exec(`INSERT INTO article_topic (article_id, position, name) VALUES (?, ?, ?)`, r.id, i, name); err != nil {
			tb.Fatalf("insert topic: %v", err)
		}
	}
	provider := strings.TrimSpace(fmt.Sprint(nz(r.provider), " ", nz(r.domain)))
	_, err = db.Exec(`INSERT INTO article_fts (rowid, title, excerpt, body, provider, topics) VALUES (?, ?, ?, ?, ?, ?)`,
		r.id, r.title, r.excerpt, r.body, provider, strings.Join(r.topics, " "))
	if err != nil {
		tb.Fatalf("insert fts: %v", err)
	}
}

func nz(v any) any {
	if v == nil {
		return ""
	}
	return v
}

// whereFixture is a small archive: five articles and a few sets.
func whereFixture(tb testing.TB) *sql.DB {
	db := openWhereDB(tb)
	for _, r := range []whereRow{
		{id: 1, title: "A perspective on the study of artificial and biological neural networks",
			excerpt: "Researchers have been developing computational techniques", body: "Models are trained.",
			provider: "Medical Xpress", domain: "medicalxpress.com", category: "news", typ: "article",
			quality: 39, heat: 39, published: 0, publishedAt: "2020-02-24T17:51:00Z",
			topics: []string{"AI", "Machine Learning"}, images: 1, related: 1},
		{id: 2, title: "Covid-19 vaccine trial results", excerpt: "A phase 3 trial",
			provider: "Nature", domain: "nature.com", category: "news", typ: "article",
			quality: 80, heat: 5, published: 1, publishedAt: "2021-01-15T08:00:00Z",
			topics: []string{"Health", "Vaccines"}},
		{id: 3, title: "Deep learning for protein folding", excerpt: "Machine learning predicts structures",
			body: "Long body text.", provider: "MIT News", domain: "news.mit.edu", category: "research", typ: "blog",
			quality: 55, heat: 12, published: 1, publishedAt: "2020-12-31T23:59:59Z",
			topics: []string{"AI", "Biology"}, images: 2},
		{id: 4, title: `Untitled notes about "quotes" and OR operators`, excerpt: "café au lait"},
		{id: 5, title: "Neuroscience of sleep", excerpt: "Sleep and the brain",
			provider: "Medical Xpress", domain: "medicalxpress.com", category: "News", typ: "article",
			quality: 10, heat: 50, published: 1, publishedAt: "2019-06-01T00:00:00Z",
			topics: []string{"machine learning", "Sleep"}, related: 2},
	} {
		insertWhereRow(tb, db, r)
	}
	for _, s := range []struct {
		id          int64
		name, query string
		members     []int64
	}{
		{1, "Reading", "", []int64{1, 3}},
		{2, "AIish", "topic:AI", nil},
		{3, "Combo", "set:reading -set:aiish", nil},
		{4, "LoopA", "set:LoopB", nil},
		{5, "LoopB", "quality:>1 set:LoopA", nil},
		{6, "Self", "set:self", nil},
		{7, "Broken", "quality:>", nil},
		{8, "Empty", "", nil},
		{9, "Nested", "set:Combo OR set:Ghost", nil},
	} {
		if _, err := db.Exec(`INSERT INTO article_set (id, name, query, created_at) VALUES (?, ?, ?, '2024-01-01')`, s.id, s.name, s.query); err != nil {
			tb.Fatal(err)
		}
		for _, m := range s.members {
			if _, err := db.Exec(`INSERT INTO set_member (set_id, article_id, added_at) VALUES (?, ?, '2024-01-01')`, s.id, m); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return db
}

// dbSets resolves set names from the article_set table.
func dbSets(db *sql.DB) setResolver {
	return func(name string) (int64, string, error) {
		var id int64
		var q string
		err := db.QueryRow(`SELECT id, query FROM article_set WHERE name = ?`, name).Scan(&id, &q)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, "", fmt.Errorf("set %q: %w", name, ErrNotFound)
		}
		return id, q, err
	}
}

// whereIDs runs the compiled query and returns the matching ids in order.
func whereIDs(tb testing.TB, db *sql.DB, q string) ([]int64, string, error) {
	tb.Helper()
	where, args, err := compileWhere(q, dbSets(db))
	if err != nil {
		return nil, "", err
	}
	rows, err := db.Query("SELECT a.id FROM article a WHERE "+where+" ORDER BY a.id", args...)
	if err != nil {
		tb.Fatalf("%q: run %s %v: %v", q, where, args, err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return ids, where, nil
}

func TestCompileWhere(t *testing.T) {
	db := whereFixture(t)
	all := []int64{1, 2, 3, 4, 5}
	tests := []struct {
		q    string
		want []int64
	}{
		{"", all},
		{"   ", all},
		// full text
		{"neural", []int64{1}},
		{"neur", []int64{1, 5}}, // last word is a prefix: neural, neuroscience
		{"neur sleep", []int64{}},
		{"neur!", []int64{1, 5}},
		{"neur* sleep", []int64{5}}, // a trailing * makes any word a prefix
		{"neur* topic:AI", []int64{1}},
		{"ne", []int64{1, 3, 5}}, // neural, (MIT) News, neuroscience
		{"n", []int64{}},         // a one-letter last word is not a prefix
		{"sleep neur", []int64{5}},
		{`"neur"`, []int64{}}, // a phrase is never a prefix
		{"learning machine", []int64{1, 3, 5}},
		{`"learning machine"`, []int64{}},
		{`"machine learning"`, []int64{1, 3, 5}},
		{"NEURAL NETWORKS", []int64{1}},
		{"cafe", []int64{4}}, // diacritics removed
		{"covid-19", []int64{2}},
		{"medicalxpress", []int64{1, 5}}, // provider column
		{"biology", []int64{3}},          // topics column
		{`"quotes"`, []int64{4}},
		{`"\"quotes\" and"`, []int64{4}},
		{`"OR"`, []int64{4}},
		{`"NEAR(a b)"`, []int64{}},
		{`sleep OR covid`, []int64{2, 5}},
		{`-neural`, []int64{2, 3, 4, 5}},
		{`learning -deep`, []int64{1, 5}},
		{`learning -deep -"neural networks"`, []int64{5}},
		{`-deep -sleep`, []int64{1, 2, 4}},
		{`& neural`, []int64{1}}, // no letters or digits: ignored
		{`&`, all},
		{`- &`, nil}, // error (see TestCompileWhereErrors)
		// fields
		{"topic:AI", []int64{1, 3}},
		{"topic:ai", []int64{1, 3}},
		{`topic:"Machine Learning"`, []int64{1, 5}},
		{`topic:Machine`, []int64{}},
		{`-topic:AI`, []int64{2, 4, 5}},
		{`provider:"medical xpress"`, []int64{1, 5}},
		{`-provider:"Medical Xpress"`, []int64{2, 3, 4}}, // NULL provider counts as "not"
		{`domain:NATURE.COM`, []int64{2}},
		{`category:news`, []int64{1, 2, 5}},
		{`type:blog`, []int64{3}},
		{`published:yes`, []int64{2, 3, 5}},
		{`published:false`, []int64{1}},
		{`-published:yes`, []int64{1, 4}},
		{`quality:>50`, []int64{2, 3}},
		{`quality:>=55`, []int64{2, 3}},
		{`quality:39`, []int64{1}},
		{`quality:<39`, []int64{5}},
		{`quality:<=39`, []int64{1, 5}},
		{`quality:10..55`, []int64{1, 3, 5}},
		{`-quality:10..55`, []int64{2, 4}},
		{`heat:<=10`, []int64{2}},
		{`date:2020`, []int64{1, 3}},
		{`date:2020-02`, []int64{1}},
		{`date:2020-02-24`, []int64{1}},
		{`date:2020-02-23`, []int64{}},
		{`date:2020-12-31`, []int64{3}},
		{`date:>=2020-01-01`, []int64{1, 2, 3}},
		{`date:>2020`, []int64{2}},
		{`date:<2021`, []int64{1, 3, 5}},
		{`date:<=2020-02`, []int64{1, 5}},
		{`date:2019..2020`, []int64{1, 3, 5}},
		{`date:2020-03..2021-01-15`, []int64{2, 3}},
		{`-date:2020`, []int64{2, 4, 5}},
		{`has:images`, []int64{1, 3}},
		{`has:body`, []int64{1, 3}},
		{`has:related`, []int64{1, 5}},
		{`has:topics`, []int64{1, 2, 3, 5}},
		{`-has:topics`, []int64{4}},
		// sets
		{`set:Reading`, []int64{1, 3}},
		{`set:reading`, []int64{1, 3}},
		{`-set:Reading`, []int64{2, 4, 5}},
		{`set:AIish`, []int64{1, 3}},
		{`set:Combo`, []int64{}},
		{`set:Empty`, []int64{}},
		{`set:Reading OR set:Combo topic:health`, []int64{1, 3}},
		// combinations
		{`neural OR topic:Health`, []int64{1, 2}},
		{`learning topic:AI`, []int64{1, 3}},
		{`learning -topic:AI`, []int64{5}},
		{`(sleep OR covid) published:yes`, []int64{2, 5}},
		{`sleep OR covid published:yes`, []int64{2, 5}},
		{`provider:"Medical Xpress" OR quality:>70 date:2021`, []int64{1, 2, 5}},
		{`-(topic:AI OR topic:Health)`, []int64{4, 5}},
		{`-(deep OR sleep)`, []int64{1, 2, 4}},
		{`-(-neural)`, []int64{1}},
		{`(neural OR deep) (learning OR networks) -sleep`, []int64{1, 3}},
		{`has:images AND quality:>40`, []int64{3}},
	}
	for _, tt := range tests {
		got, where, err := whereIDs(t, db, tt.q)
		if tt.want == nil {
			if err == nil {
				t.Errorf("%q: want an error, got SQL %s", tt.q, where)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", tt.q, err)
			continue
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %v, want %v\nSQL: %s", tt.q, got, tt.want, where)
		}
	}
}

func TestCompileWhereErrors(t *testing.T) {
	db := whereFixture(t)
	tests := []struct {
		q     string
		pos   int
		msg   string
		cause error
	}{
		{`quality:>`, 9, `expected a number after "quality:>"`, nil},
		{`neural foo:bar`, 7, `unknown field "foo" (known: category, date, domain, git, has, heat, provider, published, quality, set, topic, type)`, nil},
		{`neural set:Ghost`, 7, `unknown set "Ghost"`, ErrNotFound},
		{`set:Nested`, 0, `smart set "Nested" has a bad query: col 14: unknown set "Ghost"`, ErrNotFound},
		{`topic:AI set:LoopA`, 9, `smart set "LoopA" refers to itself (loopa → loopb → loopa)`, errSetCycle},
		{`set:LoopB`, 0, `smart set "LoopB" refers to itself (loopb → loopa → loopb)`, errSetCycle},
		{`(set:Self)`, 1, `smart set "self" refers to itself (self → self)`, errSetCycle},
		{`set:Broken`, 0, `smart set "Broken" has a bad query: col 10: expected a number after "quality:>"`, nil},
	}
	for _, tt := range tests {
		_, _, err := compileWhere(tt.q, dbSets(db))
		var qe *query.Error
		if !errors.As(err, &qe) {
			t.Errorf("%q: want a *query.Error, got %v", tt.q, err)
			continue
		}
		if qe.Pos != tt.pos || qe.Msg != tt.msg {
			t.Errorf("%q: got pos %d %q, want pos %d %q", tt.q, qe.Pos, qe.Msg, tt.pos, tt.msg)
		}
		if tt.cause != nil && !errors.Is(err, tt.cause) {
			t.Errorf("%q: error %v does not wrap %v", tt.q, err, tt.cause)
		}
	}
	if _, _, err := compileWhere("set:Reading", nil); err == nil {
		t.Error("set: without a resolver: want an error")
	}
	boom := errors.New("disk on fire")
	for _, resolverErr := range []error{boom, fmt.Errorf("set %q: %w", "X", boom)} {
		_, _, err := compileWhere("set:X", func(string) (int64, string, error) { return 0, "", resolverErr })
		var qe *query.Error
		if !errors.As(err, &qe) || qe.Msg != `set "X": disk on fire` || !errors.Is(err, boom) {
			t.Errorf("resolver error %v: got %v", resolverErr, err)
		}
	}
}

// TestCompileWhereShape checks the SQL the planner gets: one MATCH per run
// of full-text terms, bound args only, indexes used.
func TestCompileWhereShape(t *testing.T) {
	tests := []struct {
		q       string
		matches int      // MATCH subqueries
		fts     []string // their FTS5 expressions
	}{
		{`neural network`, 1, []string{`("neural" AND "network" *)`}},
		{`neural topic:AI network -deep -"x y"`, 1, []string{`("neural" AND "network") NOT ("deep" * OR "x y")`}},
		{`ab OR cd OR topic:AI`, 1, []string{`"ab" OR "cd" *`}},
		{`-ab -cd`, 1, []string{`"ab" OR "cd" *`}},
		{`-a -b`, 1, []string{`"a" OR "b"`}},
		{`say "he said \"hi\""`, 1, []string{`("say" * AND "he said ""hi""")`}},
		{`xy" OR 1=1 --"`, 1, []string{`("xy" * AND " OR 1=1 --")`}},
		{`(a b) OR (c -de)`, 1, []string{`(("a" AND "b") OR ("c" NOT "de" *))`}},
		{`topic:AI`, 0, nil},
	}
	for _, tt := range tests {
		where, args, err := compileWhere(tt.q, nil)
		if err != nil {
			t.Errorf("%q: %v", tt.q, err)
			continue
		}
		if n := strings.Count(where, "MATCH ?"); n != tt.matches {
			t.Errorf("%q: %d MATCH, want %d: %s", tt.q, n, tt.matches, where)
		}
		var fts []string
		for _, a := range args {
			if s, ok := a.(string); ok && strings.Contains(s, `"`) {
				fts = append(fts, s)
			}
		}
		if !slices.Equal(fts, tt.fts) {
			t.Errorf("%q: FTS args %q, want %q", tt.q, fts, tt.fts)
		}
		if strings.ContainsAny(where, `"'`) {
			t.Errorf("%q: literal in SQL %s", tt.q, where)
		}
	}
}

func TestCompileWhereUsesIndexes(t *testing.T) {
	db := whereFixture(t)
	tests := []struct{ q, index string }{
		{`provider:"Medical Xpress"`, "article_provider_name"},
		{`domain:nature.com`, "article_provider_domain"},
		{`category:news`, "article_category"},
		{`type:blog`, "article_type"},
		{`topic:AI`, "article_topic_name"},
		{`quality:>50`, "article_quality"},
		{`heat:1..5`, "article_heat"},
		{`date:2020-02`, "article_published_at"},
		{`neural`, "article_fts VIRTUAL TABLE INDEX"},
		// A full-text match never drives the query: a sorted page walks its index.
		{`neural ORDER BY a.published_at DESC`, "INDEX article_published_at\n"},
		{`neural ORDER BY a.title COLLATE NOCASE`, "INDEX article_title\n"},
	}
	for _, tt := range tests {
		q, order, _ := strings.Cut(tt.q, " ORDER BY ")
		where, args, err := compileWhere(q, nil)
		if err != nil {
			t.Fatal(err)
		}
		stmt := "SELECT a.id, a.title FROM article a WHERE " + where
		if order != "" {
			stmt += " ORDER BY " + order + " LIMIT 100"
		}
		plan := explain(t, db, stmt, args)
		if !strings.Contains(plan, tt.index) {
			t.Errorf("%q: plan does not use %s:\n%s", tt.q, tt.index, plan)
		}
	}
}

// explain returns the query plan's details, one per line.
func explain(tb testing.TB, db *sql.DB, stmt string, args []any) string {
	tb.Helper()
	rows, err := db.Query("EXPLAIN QUERY PLAN "+stmt, args...)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			tb.Fatal(err)
		}
		b.WriteString(detail + "\n")
	}
	return b.String()
}

func TestFullTextPlanFollowsTheMatchSize(t *testing.T) {
	for _, tc := range []struct {
		few  bool
		want string
	}{
		{false, "+a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"},
		{true, "a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"},
	} {
		var probed []string
		got, args, err := compileWhereSized("zuzo -neural", nil, func(m string) bool {
			probed = append(probed, m)
			return tc.few
		})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(got, tc.want) && !strings.Contains(got, "("+tc.want) {
			t.Errorf("few=%v: %s, want it to start with %s", tc.few, got, tc.want)
		}
		if len(probed) != 1 || len(args) != 1 || probed[0] != args[0] {
			t.Errorf("few=%v: probed %q for args %v, want the one MATCH expression", tc.few, probed, args)
		}
	}
}
