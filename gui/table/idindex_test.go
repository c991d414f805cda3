package table

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

func TestIDIndex(t *testing.T) {
	shuffled := make([]int64, 1000)
	for i := range shuffled {
		shuffled[i] = int64(i*3 + 7)
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	tests := []struct {
		name string
		ids  []int64
	}{
		{"empty", nil},
		{"one", []int64{42}},
		{"ascending", []int64{2, 5, 9, 10, 400}},
		{"descending", []int64{400, 10, 9, 5, 2}},
		{"shuffled dense", shuffled},
		{"sparse", []int64{1 << 40, 7, 1 << 20, 3}},
		{"negative and huge", []int64{5, -1 << 62, 1<<62 + 3, 0}},
		{"across int32", []int64{1<<31 + 2, 1<<31 - 1, 1 << 31, 1<<31 - 2}},
		{"ascending across int32", []int64{1<<31 - 1, 1 << 31, 1<<31 + 9}},
		{"equal neighbours", []int64{4, 4, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := NewIDIndex(storage.IDListOf(tt.ids))
			for i, id := range tt.ids {
				if got := x.Row(id); got < 0 || tt.ids[got] != id { // the row of id (either, for an id listed twice)
					t.Errorf("row(%d) = %d, want %d", id, got, i)
				}
			}
			for _, id := range []int64{0, 1, 3, 401, -5, 1 << 40, 1 << 62} {
				if slices.Contains(tt.ids, id) {
					continue
				}
				if got := x.Row(id); got != -1 {
					t.Errorf("row(%d) = %d for an id not listed, want -1", id, got)
				}
			}
		})
	}
}

// BenchmarkIDIndex measures indexing 100,000 ids sorted by something other
// than the id (the index a Shift-click or a focus after a search builds) and
// a lookup in it: rowids of a whole archive (dense) and of every 20th
// article (sparse).
func BenchmarkIDIndex(b *testing.B) {
	for _, step := range []int64{1, 20} {
		ids := make([]int64, 100_000)
		for i := range ids {
			ids[i] = int64(i)*step + 1
		}
		rand.New(rand.NewPCG(1, 2)).Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		name := map[int64]string{1: "dense", 20: "sparse"}[step]
		list := storage.IDListOf(ids)
		b.Run(name+"/build", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NewIDIndex(list)
			}
		})
		b.Run(name+"/row", func(b *testing.B) {
			x := NewIDIndex(list)
			for b.Loop() {
				x.Row(ids[54_321])
			}
		})
	}
}
