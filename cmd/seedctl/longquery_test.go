package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/benchenv"
	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/storage"
)

// commonWords are among the most frequent words of the generated corpus:
// each is in a large part of the articles, the costliest full-text terms.
var commonWords = strings.Fields(`study brain neural network model data research climate ocean cell gene
protein cancer vaccine virus patient therapy drug trial market energy solar battery
quantum physics particle galaxy star planet robot vision language learning memory`)

// longestQueries are the longest queries the parser accepts, one of each
// shape, built from the bounds in internal/query (limits.go). Full text is
// made of the commonest words, and where it costs more (words ANDed and
// phrases) of two of them repeated, which full-text search must check in
// most articles. The last bare word of a query is a prefix, which weighs
// query.PrefixWeight; group shapes quote their words, which are no prefix.
func longestQueries() []struct{ name, query string } {
	n, p := query.MaxTerms, query.MaxPhraseWords
	g := query.GroupWeight + 2 // a group of two terms
	word := func(i int) string { return commonWords[i%len(commonWords)] }
	two := func(i int) string { return commonWords[i%2] }
	build := func(count int, sep string, term func(i int) string) string {
		parts := make([]string, count)
		for i := range parts {
			parts[i] = term(i)
		}
		return strings.Join(parts, sep)
	}
	phrase := func(words int) string { return `"` + build(words, " ", two) + `"` }
	quoted := func(i int) string { return `"` + word(i) + `"` }
	pn := n / query.PrefixWeight
	topic := func(i int) string { return fmt.Sprintf(`topic:"Topic %03d"`, i) }
	return []struct{ name, query string }{
		{"Words", build(n-1, " ", two)},
		{"Phrase", phrase(p)},
		{"PhraseAndGroup", phrase((n-g)/query.PhraseWordWeight) + ` ("neural" OR heat:1)`},
		{"PhrasesOr", phrase(p/2) + " OR " + phrase(p/2)},
		{"NegatedPhrases", "-" + phrase(p/2) + " -" + phrase(p/2)},
		{"WordsOr", build(n-1, " OR ", word)},
		{"PrefixesOr", build(pn, " OR ", func(i int) string { return word(i)[:3] + "*" })},
		{"Prefixes", build(pn, " ", func(i int) string { return word(i)[:3] + "*" })},
		{"LongPrefixesOr", build(pn, " OR ", func(i int) string { return word(i)[:4] + "*" })},
		{"NegatedWords", build(n-1, " ", func(i int) string { return "-" + word(i) })},
		{"TopicsOr", build(n, " OR ", topic)},
		{"NegatedTopics", build(n, " ", func(i int) string { return "-" + topic(i) })},
		{"WordAndTopicOr", build(n/g, " OR ", func(i int) string { return "(" + quoted(i) + " " + topic(i) + ")" })},
		{"NegatedGroups", build(n/g, " ", func(i int) string { return fmt.Sprintf("-(%s quality:>%d)", quoted(i), i) })},
		{"WordOrFieldAnd", build(n/g, " ", func(i int) string { return fmt.Sprintf("(%s OR heat:%d)", quoted(i), i) })},
		{"Fields", build(n, " ", func(i int) string {
			return []string{"quality:>1", "heat:<100000", "date:>=1990", "-category:nothing", "has:topics", "-type:none", "quality:0..100", "published:no"}[i%8]
		})},
		{"LongValue", `provider:"` + strings.Repeat("x", query.MaxQueryBytes-len(`provider:""`)) + `"`},
	}
}

// runLongest counts the query and lists its first page, newest first, as
// the app does for a search.
func runLongest(ctx context.Context, a *storage.Archive, q string) error {
	if _, err := a.Count(ctx, q); err != nil {
		return err
	}
	_, err := a.List(ctx, storage.ListOptions{Query: q, Limit: 100, Sort: "-publishedDateTime"})
	return err
}

// TestLongestQueriesAnswerQuickly checks that the longest accepted query
// of each shape is accepted and counts and pages in under a second of CPU
// on a generated archive of 3,000 articles; BenchmarkLongestQueries times them
// at 100,000. One more term or word is refused with exit status 2.
func TestLongestQueriesAnswerQuickly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "archive.db")
	if err := buildArchive(db, 3000); err != nil {
		t.Fatal(err)
	}
	a, err := storage.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, q := range longestQueries() {
		parsed, err := query.Parse(q.query)
		if err != nil {
			t.Fatalf("%s is refused: %v", q.name, err)
		}
		if w := query.SizeOf(parsed.Expr, nil); w != query.MaxTerms && q.name != "LongValue" {
			t.Errorf("%s weighs %d, not the most a query may (%d)", q.name, w, query.MaxTerms)
		}
		start, cpu := time.Now(), cpuTime()
		if err := runLongest(context.Background(), a, q.query); err != nil {
			t.Errorf("%s: %v", q.name, err)
		}
		// CPU time, where the system gives it, is what the query costs
		// whatever else the machine runs; the race detector makes SQLite
		// (pure Go) several times slower, so its builds skip the bound.
		d := time.Since(start)
		if used := cpuTime() - cpu; used > 0 {
			d = used
		}
		if d > time.Second && !raceEnabled {
			t.Errorf("%s took %v", q.name, d)
		}
	}
	c := &cli{t: t, db: db}
	for _, more := range []struct{ shape, add, msg string }{
		{"WordsOr", " OR one", "too many terms"},
		{"Phrase", " one", "too many terms"},
		{"NegatedGroups", " -(one two)", "too many terms"},
	} {
		q := ""
		for _, l := range longestQueries() {
			if l.name == more.shape {
				q = l.query
			}
		}
		_, errOut := c.must(exitUsage, "list", "--where", q+more.add)
		if !strings.Contains(errOut, more.msg) || !strings.HasSuffix(errOut, "^\n") {
			t.Errorf("%s%s:\n%s", more.shape, more.add, errOut)
		}
	}
}

// BenchmarkLongestQueries times the longest accepted query of each shape
// (a count and a first page of 100, newest first) on the archive of
// BenchmarkListWhere (benchenv.Target): the query bounds in internal/query
// are chosen so that each stays under a second at 100,000 articles. Besides the time it reports the CPU time a query takes
// (cpu-ms/op), which other work on the machine does not inflate.
func BenchmarkLongestQueries(b *testing.B) {
	db, _ := benchenv.Target(b)
	a, err := storage.Open(db)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	for _, q := range longestQueries() {
		b.Run(q.name, func(b *testing.B) {
			cpu := cpuTime()
			for b.Loop() {
				if err := runLongest(ctx, a, q.query); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// TestSetSaveOfALongQueryChangesNothing saves a smart set of 1,000 ORed
// topics, which reached SQLite's expression depth limit after the set was
// stored (exit 1, yet the set was kept and every set: query of it failed):
// now a usage error with its position, and no set is saved.
func TestSetSaveOfALongQueryChangesNothing(t *testing.T) {
	c := newCLI(t)
	dir, _ := seedDir(t)
	c.must(exitOK, "import", dir)
	terms := make([]string, 1000)
	for i := range terms {
		terms[i] = fmt.Sprintf("topic:T%d", i)
	}
	_, errOut := c.must(exitUsage, "set", "save", "Big", strings.Join(terms, " OR "))
	if !strings.Contains(errOut, "seedctl: bad query: col ") || !strings.HasSuffix(errOut, "^\n") {
		t.Errorf("set save of 1,000 terms:\n%s", errOut)
	}
	if out, _ := c.must(exitOK, "set", "list"); strings.Contains(out, "Big") {
		t.Errorf("the refused set was kept:\n%s", out)
	}
	if _, errOut := c.must(exitUsage, "list", "--where", "set:Big"); !strings.Contains(errOut, `unknown set "Big"`) {
		t.Errorf("set:Big: %s", errOut)
	}
	// A diamond of smart sets is saved and used.
	for _, s := range [][2]string{{"D", "quality:>=10"}, {"B", "set:D"}, {"C", "set:D alpha"}, {"A", "set:B OR set:C"}} {
		c.must(exitOK, "set", "save", s[0], s[1])
	}
	if out, _ := c.must(exitOK, "list", "--where", "set:A", "--json"); strings.Count(out, "\n") != 3 {
		t.Errorf("set:A lists %q", out)
	}
}
