package storage

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

var ctx = context.Background()

// openTest opens a fresh archive in a temporary directory.
func openTest(tb testing.TB) *Archive {
	tb.Helper()
	a, err := Open(filepath.Join(tb.TempDir(), "archive.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := a.Close(); err != nil {
			tb.Error(err)
		}
	})
	return a
}

// parse parses a seed text or fails the test.
func parse(tb testing.TB, text string) *seedfile.Document {
	tb.Helper()
	doc, err := seedfile.Parse([]byte(text))
	if err != nil {
		tb.Fatalf("parse: %v\n%s", err, text)
	}
	return doc
}

// seed is a hand-written seed file's fields; an empty string leaves a field out.
type seed struct {
	title, published, provider, domain, category string
	quality                                      string
	topics                                       []string
	body                                         string
	extra                                        string // raw front-matter lines appended before the closing ---
}

// text renders the seed in the seeds' own style.
func (s seed) text() string {
	var b strings.Builder
	b.WriteString("---\n")
	if s.category != "" {
		fmt.Fprintf(&b, "category: %s\n", s.category)
	}
	if s.title != "" {
		fmt.Fprintf(&b, "title: %q\n", s.title)
	}
	if s.published != "" {
		fmt.Fprintf(&b, "publishedDateTime: %s\n", s.published)
	}
	fmt.Fprintf(&b, "webUrl: \"https://example.com/%s\"\n", strings.ReplaceAll(strings.ToLower(s.title), " ", "-"))
	if s.quality != "" {
		fmt.Fprintf(&b, "quality: %s\n", s.quality)
	}
	if s.provider != "" || s.domain != "" {
		b.WriteString("\nprovider:\n")
		if s.provider != "" {
			fmt.Fprintf(&b, "  name: %s\n", s.provider)
		}
		if s.domain != "" {
			fmt.Fprintf(&b, "  domain: %s\n", s.domain)
		}
	}
	if len(s.topics) > 0 {
		b.WriteString("\ntopics:\n")
		for _, t := range s.topics {
			fmt.Fprintf(&b, "  - %s\n", t)
		}
	}
	b.WriteString(s.extra)
	b.WriteString("---\n")
	if s.body != "" {
		b.WriteString("\n" + s.body)
	}
	return b.String()
}

// insert stores seeds and returns their ids in order.
func insert(tb testing.TB, a *Archive, seeds ...seed) []int64 {
	tb.Helper()
	var ids []int64
	for i, s := range seeds {
		id, err := a.Insert(ctx, fmt.Sprintf("seed%02d.txt", i), parse(tb, s.text()))
		if err != nil {
			tb.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// insertCorpus stores n generated articles in batches of 500.
func insertCorpus(tb testing.TB, a *Archive, n int, seed int64) {
	tb.Helper()
	rng := corpus.New(seed)
	for start := 0; start < n; start += 500 {
		err := a.WriteTx(ctx, func(tx *Tx) error {
			for i := start; i < min(n, start+500); i++ {
				name, text := corpus.Article(rng, i)
				doc, err := seedfile.Parse(text)
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				if _, err := tx.Insert(name, doc); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// mustCheck runs Check and fails on an error.
func mustCheck(tb testing.TB, a *Archive) CheckReport {
	tb.Helper()
	r, err := a.Check(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// mustCheckOK runs Check and fails the test on any problem it reports.
func mustCheckOK(tb testing.TB, a *Archive) {
	tb.Helper()
	if r := mustCheck(tb, a); !r.OK() {
		tb.Fatalf("check found problems: %v", r.Problems)
	}
}
