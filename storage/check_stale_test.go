package storage

import (
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
)

// TestCheckAfterWrites runs Check, edits enough articles for FTS5 to merge
// index segments, and checks again on the same Archive: the pooled read
// connections cached the full-text index structure during the first Check,
// and the second must not take the segments merged away since for
// corruption.
func TestCheckAfterWrites(t *testing.T) {
	a := openTest(t)
	rng := corpus.New(3)
	ids := make([]int64, 60)
	for i := range ids {
		name, text := corpus.Article(rng, i)
		id, err := a.Insert(ctx, name, parse(t, string(text)))
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
	}
	mustCheckOK := func(when string) {
		t.Helper()
		r, err := a.Check(ctx)
		if err != nil {
			t.Fatalf("check %s: %v", when, err)
		}
		if !r.OK() {
			t.Fatalf("check %s: %q", when, r.Problems)
		}
	}
	mustCheckOK("after the inserts")
	for _, id := range ids[10:40] {
		rec, err := a.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Doc.Set("title", "Changed title words"); err != nil {
			t.Fatal(err)
		}
		if err := a.Update(ctx, id, rec.Doc); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := a.Count(ctx, "changed"); err != nil || n != 30 {
		t.Fatalf("count changed = %d, %v; want 30", n, err)
	}
	mustCheckOK("after the edits")
}
