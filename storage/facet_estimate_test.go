package storage

import (
	"database/sql"
	"reflect"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// TestFacetEstimates: a query matching at most facetSample articles (or
// none) is counted exactly, as Facet counts it; a larger match is
// estimated from a sample, scaled to the number of matches.
func TestFacetEstimates(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, 400, 9)
	insert(t, a, seed{title: "Bare study", body: "brain"}, seed{title: "Study", provider: "PHYS.ORG", category: "News", body: "brain"})
	if _, err := a.AddToSet(ctx, "Reading", []int64{1, 2, 3, 50, 300}); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "Brains", "brain"); err != nil {
		t.Fatal(err)
	}
	facets := []string{"domain", "topics", "set", "topic", "provider", "category", "type", "published"}
	queries := []string{"", "study", "brain", "topic:AI", "brain topic:Health -category:blog", `"zzznothing"`}
	exactly := func(q string) [][]FacetCount {
		t.Helper()
		out := make([][]FacetCount, len(facets))
		for i, f := range facets {
			var err error
			if out[i], err = a.Facet(ctx, f, q, 0); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	for _, q := range queries {
		got, exact, err := a.FacetEstimates(ctx, facets, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := exactly(q); !exact || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: exact %v\n%v\nwant %v", q, exact, got, want)
		}
	}

	defer func(n int) { facetSample = n }(facetSample)
	facetSample = 100
	for _, q := range []string{"", "study", "brain"} {
		total, err := a.Count(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, exact, err := a.FacetEstimates(ctx, facets, q, total)
		if err != nil {
			t.Fatal(err)
		}
		if exact {
			t.Errorf("%q (%d matches): exact from a sample of %d", q, total, facetSample)
		}
		self, _, err := a.FacetEstimates(ctx, facets, q, 0)
		if err != nil || !reflect.DeepEqual(got, self) {
			t.Errorf("%q: with total %d %v, counting its own %v (%v)", q, total, got, self, err)
		}
		want := exactly(q)
		for i, f := range facets {
			if q == "" && keptFacets[f] || f == "topics" && q == "" {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("%q %s: kept counts %v, want %v", q, f, got[i], want[i])
				}
				continue
			}
			known := map[string]int{}
			for _, fc := range want[i] {
				known[asciiLower(fc.Value)] = fc.Count
			}
			for _, fc := range got[i] {
				n, ok := known[asciiLower(fc.Value)] // the sample may hold another spelling
				if !ok {
					t.Errorf("%q %s: estimate of %q, which no match holds", q, f, fc.Value)
				}
				// A value of at least a fifth of the matches is estimated
				// within 40% from 100 of them (3 standard errors).
				if n >= total/5 && (fc.Count < n*6/10 || fc.Count > n*14/10) {
					t.Errorf("%q %s: %q estimated %d of %d, is %d", q, f, fc.Value, fc.Count, total, n)
				}
			}
		}
	}
	// With no query and no smart set, the sets are counted from their members.
	if err := a.DeleteSet(ctx, "Brains"); err != nil {
		t.Fatal(err)
	}
	sets, exact, err := a.FacetEstimates(ctx, []string{"set", "topic"}, "", 0)
	if want := exactly(""); err != nil || !exact || !reflect.DeepEqual(sets[0], want[2]) {
		t.Errorf("sets with no query: %v, exact %v, %v; want %v", sets, exact, err, want[2])
	}
	if _, _, err := a.FacetEstimates(ctx, []string{"topic", "colour"}, "", 0); err == nil {
		t.Error("unknown facet accepted")
	}
}

// TestSampleTopicsAsArticleTopic: the topics a sample counts (read from
// article.topics with the columns when the kept names allow it, see
// facetSampleCounts.counts) are article_topic's, whatever the names: the
// same name in another case within one article (counted once, as first
// spelled), and, read from article_topic instead, a name holding the
// separator of article.topics or an empty one, whose join does not split
// back.
func TestSampleTopicsAsArticleTopic(t *testing.T) {
	t.Parallel()
	plain := []seed{
		{title: "one", topics: []string{"AI", "ai", "Health", "Ai"}},
		{title: "two", topics: []string{"ai", "AI"}},
		{title: "three", topics: []string{"Health", "HEALTH", "Zeta"}},
		{title: "four"},
		{title: "five", topics: []string{"Zeta", "zeta", "ZETA", "Eta"}},
	}
	for _, c := range []struct {
		name   string
		extra  []seed
		joined bool // read from article.topics
	}{
		{"plain names", nil, true},
		{"a name holding the separator", []seed{{title: "six", topics: []string{`"a\x1fb"`, "a", "b"}}}, false},
		{"an empty name", []seed{{title: "six", topics: []string{`""`, "AI"}}, {title: "seven", topics: []string{`""`}}}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := openTest(t)
			ids := insert(t, a, append(append([]seed{}, plain...), c.extra...)...)
			if err := a.buildFacetsIndex(ctx, 0); err != nil {
				t.Fatal(err)
			}
			f, err := readFormat(ctx, a.db)
			if err != nil || f.joined != c.joined || !f.separated || !f.indexed {
				t.Errorf("readFormat = %+v, %v; want joined %v, separated, indexed", f, err, c.joined)
			}
			want := map[string]int{}
			err = eachRow(ctx, a.db, `SELECT name FROM article_topic`, nil, func(v []sql.NullString) { want[v[0].String]++ })
			if err != nil {
				t.Fatal(err)
			}
			for _, first := range []string{"topic", "provider"} {
				s := &facetSampleCounts{ids: idsJSON(ids), scale: 1}
				if _, err := s.counts(ctx, a.db, first); err != nil {
					t.Fatal(err)
				}
				got, err := s.counts(ctx, a.db, "topic")
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("topics after %s = %v; want %v", first, got, want)
				}
			}
		})
	}
}

// TestSplitTopics: article.topics split back into article_topic's names.
func TestSplitTopics(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		joined string
		want   []string
	}{
		{"", nil},
		{"AI", []string{"AI"}},
		{"AI\x1fai\x1fHealth\x1fAi", []string{"AI", "Health"}},
		{"ai\x1fAI", []string{"ai"}},
		{"Élan\x1félan\x1fÉLAN", []string{"Élan", "élan"}}, // NOCASE folds ASCII letters only
	} {
		got := splitTopics([]string{"kept"}, c.joined)
		if !reflect.DeepEqual(got, append([]string{"kept"}, c.want...)) {
			t.Errorf("splitTopics(%q) = %q; want %q after the names given", c.joined, got[1:], c.want)
		}
	}
}

// TestSampleCountsEveryWay: a sample's counts of every kept facet are
// Facet's over the same articles whichever way countsShared reads them:
// each chunk of ids as one string (one chunk, several, one id each),
// through the table when the index article_facets is set aside (as an
// import does), a row
// per article when a kept value holds fieldSep or rowSep; and again after
// edits, a trashed article and a new one, which the index follows.
func TestSampleCountsEveryWay(t *testing.T) {
	t.Parallel()
	plain := []seed{
		{title: "one", provider: "Medical Xpress", domain: "medicalxpress.com", category: "news", topics: []string{"AI", "ai", "Health"}, extra: "published: true\ntype: story\n"},
		{title: "two", provider: "medical xpress", category: "News", topics: []string{"Zeta"}, extra: "published: false\n"},
		{title: "three", provider: "Phys.org", category: "blog", extra: "type: \"\"\n"},
		{title: "four", topics: []string{"Health", "zeta"}, extra: "category: \"\"\npublished: true\n"},
		{title: "five", provider: "Nature", domain: "nature.com", category: "news", topics: []string{"AI"}, extra: "type: Story\n"},
		{title: "six"},
	}
	for _, c := range []struct {
		name     string
		chunk    int  // s.chunk
		setAside bool // the index dropped, as an import sets it aside
		extra    []seed
		want     format
	}{
		{"one statement", 0, false, nil, format{joined: true, separated: true, indexed: true}},
		{"chunks of two", 2, false, nil, format{joined: true, separated: true, indexed: true}},
		{"chunks of one", 1, false, nil, format{joined: true, separated: true, indexed: true}},
		{"the index set aside", 2, true, nil, format{joined: true, separated: true, indexed: false}},
		{"a provider holding fieldSep", 2, false, []seed{{title: "seven", provider: `"a\x1eb"`, topics: []string{"AI"}}}, format{joined: true, separated: false, indexed: true}},
		{"a topic holding rowSep", 2, false, []seed{{title: "seven", topics: []string{`"a\x1db"`, "AI"}}}, format{joined: true, separated: false, indexed: true}},
		{"a topic holding topicSep", 2, false, []seed{{title: "seven", topics: []string{`"a\x1fb"`, "AI"}}}, format{joined: false, separated: true, indexed: true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := openTest(t)
			ids := insert(t, a, append(append([]seed{}, plain...), c.extra...)...)
			if !c.setAside {
				if err := a.buildFacetsIndex(ctx, 0); err != nil {
					t.Fatal(err)
				}
			}
			if f, err := readFormat(ctx, a.db); err != nil || f != c.want {
				t.Errorf("readFormat = %+v, %v; want %+v", f, err, c.want)
			}
			compare := func(step string) {
				t.Helper()
				tx, err := a.db.BeginTx(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer func() { _ = tx.Rollback() }()
				sample := idsJSON(ids[1:]) // the first left out
				for _, first := range []string{"topic", "provider"} {
					s := &facetSampleCounts{ids: sample, scale: 1, chunk: c.chunk}
					for _, f := range append([]string{first}, sampleColumns...) {
						got, err := a.countSample(ctx, tx, s, f)
						if err != nil {
							t.Fatal(err)
						}
						want, err := a.facetWhereIn(ctx, tx, f, sampleWhere, []any{sample}, 0)
						if err != nil {
							t.Fatal(err)
						}
						if !reflect.DeepEqual(got, want) {
							t.Errorf("%s: %s after %s = %v; want %v", step, f, first, got, want)
						}
					}
				}
			}
			compare("as inserted")
			editAll(t, a, ids[:3], func(doc *seedfile.Document) error {
				if err := doc.Set("category", "Blog"); err != nil {
					return err
				}
				return doc.Set("topics", []string{"Space", "AI"})
			})
			if _, _, err := a.Trash(ctx, ids[4]); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, insert(t, a, seed{title: "eight", provider: "Nature", category: "news", topics: []string{"Space"}})...)
			compare("after edits, trashing and an insert")
			if rep, err := a.Check(ctx); err != nil || !rep.OK() {
				t.Errorf("check: %+v, %v", rep, err)
			}
		})
	}
}

// TestSampleCountsReadTheIndex: with the index article_facets there, the
// statements that count a sample read it, not the article table.
func TestSampleCountsReadTheIndex(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	if err := a.buildFacetsIndex(ctx, 0); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`SELECT group_concat(` + joinedRowSQL(indexedColumns) + `, char(29))` + sampleFrom(true),
		`SELECT a.provider_name, a.category, a.type, a.published, a.topics` + sampleFrom(true),
	} {
		var plan []string
		err := eachRow(ctx, a.db, "EXPLAIN QUERY PLAN "+q, []any{"[1]"}, func(v []sql.NullString) { plan = append(plan, v[3].String) })
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(plan, "\n"), "COVERING INDEX article_facets") {
			t.Errorf("plan of %s:\n%s", q, strings.Join(plan, "\n"))
		}
	}
}

// TestSplitIDs: JSON arrays of ids split into arrays of at most n.
func TestSplitIDs(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		n    int
		want []string
	}{
		{"[]", 2, nil},
		{"[1]", 2, []string{"[1]"}},
		{"[1,2]", 2, []string{"[1,2]"}},
		{"[1,2,3]", 2, []string{"[1,2]", "[3]"}},
		{"[10,200,3000,4,5]", 2, []string{"[10,200]", "[3000,4]", "[5]"}},
		{"[1,2,3]", 1, []string{"[1]", "[2]", "[3]"}},
	} {
		got, err := splitIDs(c.in, c.n)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitIDs(%s, %d) = %q, %v; want %q", c.in, c.n, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "1,2", "[1,2"} {
		if _, err := splitIDs(bad, 2); err == nil {
			t.Errorf("splitIDs(%q) gave no error", bad)
		}
	}
}

// TestOnlyID: searchIDs reads article_facets for a condition on the id
// alone, as the queries compile, and the table for any other column.
func TestOnlyID(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	for _, c := range []struct {
		query string
		want  bool
	}{
		{"topic:AI", true},
		{"brain", true},
		{"brain topic:Health", true},
		{"category:news", false},
		{"-category:blog", false},
		{"provider:Nature topic:AI", false},
		{"brain topic:Health date:>=2020 -category:blog", false},
		{"quality:>50", false},
	} {
		where, _, err := a.where(ctx, a.db, c.query)
		if err != nil {
			t.Fatal(err)
		}
		if got := onlyID(where); got != c.want {
			t.Errorf("onlyID(%s) = %v; want %v (%s)", c.query, got, c.want, where)
		}
	}
	for _, c := range []struct {
		where string
		want  bool
	}{
		{"data.x = 1 AND a.id > 0", true},
		{"a.idx = 1", false},
		{"a.id = 1 OR a.title = 2", false},
		{"a.", false},
	} {
		if got := onlyID(c.where); got != c.want {
			t.Errorf("onlyID(%s) = %v; want %v", c.where, got, c.want)
		}
	}
}

// TestSampleCountsIndexSetAside: counts read as if article_facets were
// there, when an import has set it aside since, are read through the table.
func TestSampleCountsIndexSetAside(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	ids := insert(t, a,
		seed{title: "one", provider: "Nature", domain: "nature.com", category: "news", topics: []string{"AI", "Health"}, extra: "published: true\ntype: story\n"},
		seed{title: "two", provider: "Phys.org", category: "blog", topics: []string{"AI"}})
	sample := idsJSON(ids)
	for _, f := range append([]string{"topic"}, sampleColumns...) {
		s := &facetSampleCounts{ids: sample, scale: 1}
		if err := s.readSetAside(ctx, a.db, f, format{joined: true, separated: true, indexed: true}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, err := a.countSample(ctx, a.db, s, f) // what readSetAside read
		if err != nil {
			t.Fatal(err)
		}
		want, err := a.facetWhereIn(ctx, a.db, f, sampleWhere, []any{sample}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %v; want %v", f, got, want)
		}
	}
}

// TestFacetsIndexFromItsSize: Finish builds article_facets at the end of
// the import that brings the archive to facetsIndexMin articles, not
// before, and an import sets it aside and builds it again.
func TestFacetsIndexFromItsSize(t *testing.T) {
	old := facetsIndexMin
	facetsIndexMin = 4
	defer func() { facetsIndexMin = old }()
	a := openTest(t)
	indexed := func() bool {
		t.Helper()
		var yes bool
		if err := a.db.QueryRowContext(ctx, facetsIndexedSQL).Scan(&yes); err != nil {
			t.Fatal(err)
		}
		return yes
	}
	finish := func() {
		t.Helper()
		b, err := a.BeginBulk(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Finish(ctx); err != nil {
			t.Fatal(err)
		}
	}
	insert(t, a, seed{title: "one"}, seed{title: "two"}, seed{title: "three"})
	finish()
	if indexed() {
		t.Fatal("article_facets built below facetsIndexMin articles")
	}
	insert(t, a, seed{title: "four"})
	finish()
	if !indexed() {
		t.Fatal("article_facets not built at facetsIndexMin articles")
	}
	b, err := a.BeginBulk(ctx, bulkMinInputs)
	if err != nil {
		t.Fatal(err)
	}
	if indexed() {
		t.Fatal("a bulk import kept article_facets")
	}
	if err := b.Finish(ctx); err != nil {
		t.Fatal(err)
	}
	if !indexed() {
		t.Fatal("article_facets not built again after a bulk import")
	}
	if rep, err := a.Check(ctx); err != nil || !rep.OK() {
		t.Errorf("check: %+v, %v", rep, err)
	}
}
