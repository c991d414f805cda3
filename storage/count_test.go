package storage

import (
	"slices"
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

// TestIDsOfAMatchFromTheIndex checks the ids of a full-text match in id
// order, which are read from the full-text index alone, and of every
// article, read from a narrow index, against the rows Each reads from the
// article table, with paging, and after deleting and trashing matches.
func TestIDsOfAMatchFromTheIndex(t *testing.T) {
	t.Parallel()
	a := openTest(t)
	insertCorpus(t, a, 300, 11)
	check := func(when string) {
		t.Helper()
		for _, q := range []string{"", "brain", `"neural network"`, "brain OR galaxy", "brain -galaxy", "zzqxnomatch"} {
			for _, sort := range []string{"", "id", "-id"} {
				for _, page := range []struct{ offset, limit int }{{0, 0}, {0, 7}, {5, 0}, {12, 40}} {
					opts := ListOptions{Query: q, Sort: sort, Offset: page.offset, Limit: page.limit}
					ids, err := a.IDs(ctx, opts)
					if err != nil {
						t.Fatalf("%s: IDs %+v: %v", when, opts, err)
					}
					var want []int64
					o := opts
					o.NoTextFields = true // the ids only
					err = a.Each(ctx, o, func(r Row) error {
						want = append(want, r.ID)
						return nil
					})
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(ids, want) {
						t.Errorf("%s: IDs %+v = %d ids %v…, the rows say %d %v…", when, opts, len(ids), head(ids), len(want), head(want))
					}
				}
			}
		}
	}
	check("imported")
	ids, err := a.IDs(ctx, ListOptions{Query: "brain"})
	if err != nil || len(ids) < 20 {
		t.Fatalf("%d articles mention brain (%v); the corpus changed?", len(ids), err)
	}
	if _, err := a.Delete(ctx, ids[:3]...); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Trash(ctx, ids[3:6]...); err != nil {
		t.Fatal(err)
	}
	check("after deleting and trashing matches")
}

func head(ids []int64) []int64 { return ids[:min(len(ids), 5)] }
