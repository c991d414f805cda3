package table

import (
	"cmp"
	"slices"
	"sort"

	"github.com/seedarchive/seedarchive/storage"
)

// IDIndex finds the row of an id in a listed result. It keeps int32 rows
// rather than a map from id to row, which took more memory and longer to
// build after each search than the search itself (BenchmarkIDIndex):
//   - ids already ascending (the result sorted by id) need nothing: it
//     binary-searches them;
//   - ids that span at most 8 slots per article (rowids: most results) get
//     a table of rows addressed by id;
//   - others get their rows ordered by id, binary-searched.
type IDIndex struct {
	ids    storage.IDList // the listed ids, in row order
	sorted bool           // ids is ascending
	min    int64          // the smallest id (dense)
	dense  []int32        // row+1 of each id from min on, 0 for none
	byID   []int32        // rows ordered by their id (sparse)
}

// denseSpan is how many table slots per id a dense index may take.
const denseSpan = 8

// NewIDIndex indexes ids.
func NewIDIndex(ids storage.IDList) *IDIndex {
	n := ids.Len()
	x := &IDIndex{ids: ids, sorted: true}
	lo, hi, prev := int64(0), int64(0), int64(0)
	for i, id := range ids.All() {
		if i == 0 {
			lo, hi, prev = id, id, id
			continue
		}
		if id < prev {
			x.sorted = false
		}
		lo, hi, prev = min(lo, id), max(hi, id), id
	}
	if x.sorted {
		return x // also when empty
	}
	if span := uint64(hi - lo); span < uint64(n)*denseSpan {
		x.min, x.dense = lo, make([]int32, span+1)
		for i, id := range ids.All() {
			x.dense[id-lo] = int32(i + 1)
		}
		return x
	}
	x.byID = make([]int32, n)
	for i := range x.byID {
		x.byID[i] = int32(i)
	}
	slices.SortFunc(x.byID, func(a, b int32) int { return cmp.Compare(ids.At(int(a)), ids.At(int(b))) })
	return x
}

// Row returns the row of id, or -1.
func (x *IDIndex) Row(id int64) int {
	switch {
	case x.sorted:
		n := x.ids.Len()
		if i := sort.Search(n, func(i int) bool { return x.ids.At(i) >= id }); i < n && x.ids.At(i) == id {
			return i
		}
	case x.dense != nil:
		if k := uint64(id - x.min); k < uint64(len(x.dense)) {
			return int(x.dense[k]) - 1
		}
	default:
		k := sort.Search(len(x.byID), func(k int) bool { return x.ids.At(int(x.byID[k])) >= id })
		if k < len(x.byID) && x.ids.At(int(x.byID[k])) == id {
			return int(x.byID[k])
		}
	}
	return -1
}
