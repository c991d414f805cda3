package transfer

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
	"runtime"
	"testing"
)

// testKey is a key like parsed.key's: a hash.
func testKey(i int) seenKey {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(i))
	h := sha256.Sum256(b[:])
	return seenKey(h[:16])
}

// TestRunMemoryStaging adds keys in batches, some kept and some dropped
// (a rolled-back transaction, tried again or not), across the table's
// growth, and checks every key against a map after each step: a dropped
// batch must leave no key behind and no kept one lost, and the first
// value added for a key must stay.
func TestRunMemoryStaging(t *testing.T) {
	for _, tc := range []struct {
		name           string
		batch, batches int
		dropEvery      int // every dropEvery-th batch is dropped once before it is kept
		reuse          int // one key in reuse is one added before
	}{
		{"small batches", 7, 400, 3, 5},
		{"batches larger than the first table", 1500, 8, 2, 3},
		{"no drops", 100, 50, 0, 2},
		{"every batch dropped once", 300, 20, 1, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, uint64(tc.batch)))
			m := newRunMemory()
			want := map[seenKey]int64{}
			next := 0
			check := func(step string) {
				t.Helper()
				for i := range next + 50 {
					k := testKey(i)
					got, ok := m.get(k)
					w, wok := want[k]
					if ok != wok || got != w {
						t.Fatalf("%s: key %d: %d, %v; want %d, %v", step, i, got, ok, w, wok)
					}
				}
			}
			for b := range tc.batches {
				tries := 1
				if tc.dropEvery > 0 && b%tc.dropEvery == 0 {
					tries = 2
				}
				for try := range tries {
					m.begin()
					staged := map[seenKey]int64{}
					n := next
					for range tc.batch {
						i := n
						if tc.reuse > 0 && rng.IntN(tc.reuse) == 0 && n > 0 {
							i = rng.IntN(n)
						} else {
							n++
						}
						k, v := testKey(i), int64(rng.Uint32())
						m.add(k, v)
						if _, ok := want[k]; !ok {
							if _, ok := staged[k]; !ok {
								staged[k] = v
							}
						}
					}
					if try < tries-1 {
						continue // dropped by the next begin
					}
					m.commit()
					for k, v := range staged {
						want[k] = v
					}
					next = n
				}
				check("after a batch")
			}
			m.begin()
			for i := range 3 * tc.batch {
				m.add(testKey(next+i), 1)
			}
			m.begin() // a last batch dropped
			check("after a dropped batch")
			if m.n != len(want) {
				t.Errorf("%d entries, want %d", m.n, len(want))
			}
		})
	}
}

// runMemoryBound is the most heap the run memory may hold per input (a
// duplicate key and a content identity each): a million inputs' are held
// for a whole import.
const runMemoryBound = 80

// TestRunMemoryPerInput remembers the keys of a few hundred thousand inputs
// in batches, as an import does, and fails if that holds more than
// runMemoryBound bytes per input: two Go maps took more.
func TestRunMemoryPerInput(t *testing.T) {
	if testing.Short() {
		t.Skip("remembers 300,000 inputs")
	}
	if raceEnabled {
		t.Skip("the race detector's own allocations move the heap by more than the bound: the build without it checks it")
	}
	const n, batch = 300_000, 1000
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m := newRunMemory()
	for start := 0; start < n; start += batch {
		m.begin()
		for i := start; i < start+batch; i++ {
			m.addKey(testKey(2*i), i)
			m.addDoc(testKey(2*i+1), int64(i+1))
		}
		m.commit()
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perInput := (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / n
	t.Logf("%.0f bytes/input held", perInput)
	if perInput > runMemoryBound {
		t.Errorf("the run memory holds %.0f bytes per input, want at most %d", perInput, runMemoryBound)
	}
	if first, ok := m.firstWithKey(testKey(2 * (n - 1))); !ok || first != n-1 {
		t.Errorf("the last key: %d, %v; want %d", first, ok, n-1)
	}
	runtime.KeepAlive(m)
}
