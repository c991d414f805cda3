package storage

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/query"
)

// TestSmartSetDiamond checks that smart sets reaching one set along two
// paths are no cycle: a diamond is saved and counts right, and sets that
// double their terms at each level are accepted up to query.MaxTerms and
// then refused for their size, never as a cycle. A real cycle is refused.
func TestSmartSetDiamond(t *testing.T) {
	a := openTest(t)
	insert(t, a, seed{title: "One"}, seed{title: "Two"}, seed{title: "One more"})
	for _, s := range [][2]string{{"D", "one"}, {"B", "set:D"}, {"C", "set:D more"}, {"A", "set:B OR set:C"}} {
		if err := a.SaveSmartSet(ctx, s[0], s[1]); err != nil {
			t.Fatalf("save %s = %q: %v", s[0], s[1], err)
		}
	}
	if n, err := a.Count(ctx, "set:A"); n != 2 || err != nil {
		t.Errorf("set:A = %d, %v; want 2", n, err)
	}
	// W0 holds 1 term, Wi = Wi-1 twice: 2^i terms.
	prev := "D"
	for i := range 8 {
		name := fmt.Sprintf("W%d", i)
		q := fmt.Sprintf("set:%s set:%s", prev, prev)
		err := a.SaveSmartSet(ctx, name, q)
		terms := 2 << i
		switch {
		case terms <= query.MaxTerms && err != nil:
			t.Fatalf("%s of %d terms: %v", name, terms, err)
		case terms > query.MaxTerms && err == nil:
			t.Fatalf("%s of %d terms was saved", name, terms)
		case err != nil && (errors.Is(err, errSetCycle) || strings.Contains(err.Error(), "cycle") || !errors.Is(err, errTooManyTerms)):
			t.Fatalf("%s: refused as %v; want too many terms", name, err)
		case err != nil:
			var qe *query.Error
			if !errors.As(err, &qe) || qe.Pos != strings.LastIndex(q, "set:") {
				t.Errorf("%s: error %v not at the set: term that crosses the bound", name, err)
			}
		}
		if err == nil {
			prev = name
		}
	}
	if sets, err := a.Sets(ctx); err != nil {
		t.Fatal(err)
	} else {
		for _, s := range sets {
			if s.Error != "" {
				t.Errorf("set %s: %s", s.Name, s.Error)
			}
		}
	}
	// A real cycle, through three sets, is refused as one.
	if err := a.SaveSmartSet(ctx, "X", "set:A"); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "D", "set:X"); err == nil || !strings.Contains(err.Error(), `set "D" refers to itself`) {
		t.Errorf("a cycle D → X → A → B → D: err = %v", err)
	}
}

// TestSmartSetsNestedTooDeeply chains smart sets that each nest 64 levels:
// the set that takes the expanded query past maxCompiledDepth is refused
// with its position, where SQLite would refuse every query of it.
func TestSmartSetsNestedTooDeeply(t *testing.T) {
	a := openTest(t)
	insert(t, a, seed{title: "One"})
	prev := ""
	for i := range 17 {
		name := fmt.Sprintf("S%02d", i)
		inner := "one topic:x"
		if prev != "" {
			inner = "set:" + prev + " topic:x"
		}
		err := a.SaveSmartSet(ctx, name, strings.Repeat("-", 63)+"("+inner+")")
		if err != nil {
			if !errors.Is(err, errTooDeep) {
				t.Fatalf("%s: %v; want nested too deeply", name, err)
			}
			break
		}
		if _, err := a.Count(ctx, "set:"+name); err != nil {
			t.Fatalf("%s saved, but its query fails: %v", name, err)
		}
		prev = name
		if i == 16 {
			t.Fatal("16 chained sets of 64 levels were all saved")
		}
	}
}

// TestSaveSmartSetRunsItsQuery checks that a smart set whose query
// compiles but cannot run (here the full-text index is missing) is not
// saved: the failed command changes nothing.
func TestSaveSmartSetRunsItsQuery(t *testing.T) {
	a := openTest(t)
	insert(t, a, seed{title: "One"})
	if err := a.SaveSmartSet(ctx, "Kept", "quality:>1"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.wdb.ExecContext(ctx, `DROP TABLE article_fts`); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveSmartSet(ctx, "Words", "neural network"); err == nil {
		t.Error("a smart set whose query fails was saved")
	}
	if err := a.SaveSmartSet(ctx, "Kept", "neural network"); err == nil {
		t.Error("a smart set's query was replaced by one that fails")
	}
	sets, err := a.Sets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(sets) != 1 || sets[0].Name != "Kept" || sets[0].Query != "quality:>1" {
		t.Errorf("sets after the failed saves: %+v", sets)
	}
}
