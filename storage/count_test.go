package storage

import (
	"testing"
)

func TestCountAgreesWithIDs(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, 400, 7)
	queries := []string{"", "brain", "galaxy OR vaccine", "brain -galaxy", `"neural network"`,
		"brain topic:AI", "quality:>50", "-brain", "zzqxnomatch"}
	check := func(when string) {
		t.Helper()
		for _, q := range queries {
			n, err := a.Count(ctx, q)
			if err != nil {
				t.Fatalf("%s: count %q: %v", when, q, err)
			}
			ids, err := a.IDs(ctx, ListOptions{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			if n != len(ids) {
				t.Errorf("%s: count %q = %d, ids %d", when, q, n, len(ids))
			}
		}
	}
	check("imported")
	ids, err := a.IDs(ctx, ListOptions{Query: "brain"})
	if err != nil || len(ids) < 10 {
		t.Fatalf("%d articles mention brain (%v); the corpus changed?", len(ids), err)
	}
	if _, err := a.Delete(ctx, ids[:5]...); err != nil {
		t.Fatal(err)
	}
	check("after deleting five matches")
}

func TestFTSOnlyIsOneMatch(t *testing.T) {
	many := func(string) bool { return false }
	few := func(string) bool { return true }
	for _, tc := range []struct {
		q    string
		few  bool
		want bool
	}{
		{"brain", false, true},
		{"brain", true, true},
		{"brain OR galaxy", false, true},
		{"brain -galaxy", false, true},
		{`"neural network"`, false, true},
		{"-brain", false, false},
		{"brain topic:AI", false, false},
		{"topic:AI", false, false},
		{"", false, false},
	} {
		probe := many
		if tc.few {
			probe = few
		}
		where, _, err := compileWhereSized(tc.q, nil, probe)
		if err != nil {
			t.Fatal(err)
		}
		if got := ftsOnly(where); got != tc.want {
			t.Errorf("ftsOnly(%q → %s) = %v, want %v", tc.q, where, got, tc.want)
		}
	}
}
