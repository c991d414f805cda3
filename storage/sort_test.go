package storage

import (
	"slices"
	"strings"
	"testing"
)

// TestIndexedSortsReadNoSort checks that every sort indexedSorts lists is
// a scan of an index, either way round, with no temporary sort: the cost
// of End right after a sort (BenchmarkJump, EndReverse) and of listing a
// broad match's ids in that order (matchIDsSorted) rests on it.
func TestIndexedSortsReadNoSort(t *testing.T) {
	a := openTest(t)
	fields := make([]string, 0, len(indexedSorts))
	for f := range indexedSorts {
		fields = append(fields, f)
	}
	slices.Sort(fields)
	for _, f := range fields {
		for _, spec := range []string{f, "-" + f} {
			for _, reverse := range []bool{false, true} {
				order, err := orderBy(spec, reverse)
				if err != nil {
					t.Fatal(err)
				}
				plan := explain(t, a.db, "SELECT a.id FROM article a"+order+" LIMIT 200", nil)
				if strings.Contains(plan, "TEMP B-TREE") || !strings.Contains(plan, "INDEX") {
					t.Errorf("sort %q (reverse %v): plan sorts or reads no index:\n%s", spec, reverse, plan)
				}
			}
		}
	}
}
