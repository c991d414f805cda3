package images

import (
	"runtime"
	"runtime/metrics"
	"sync"
)

// budget is a first-come first-served counting semaphore over bytes: it
// bounds the decoded pixels that the workers hold at once.
//
// Bytes given back are not free at once: the pixels they stood for stay on
// the heap until the garbage collector frees them, and a decode that took
// their place at once would hold the heap at up to twice the budget. So a
// release counts as garbage until a GC cycle that began after it has
// ended; when only such garbage stands between the next caller and its
// bytes, that caller runs the collector itself rather than wait for the
// collector's own pace.
type budget struct {
	mu      sync.Mutex
	cond    *sync.Cond
	free    int64
	max     int64
	next    uint64 // ticket of the next caller of acquire
	serving uint64 // ticket whose turn it is

	garbage  []released // in the order released
	trash    int64      // bytes in garbage
	released uint64     // releases so far, numbering garbage
	cycles   func() uint64
	collect  func()
}

// released is one release not yet known to be freed: n bytes, given back
// when cycles() said cycle, as release number seq.
type released struct {
	n     int64
	cycle uint64
	seq   uint64
}

func newBudget(max int64) *budget {
	b := &budget{free: max, max: max, cycles: gcCycles, collect: runtime.GC}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// gcCycles is the number of GC cycles completed since the program started.
func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// acquire waits until n bytes (at most the whole budget) are free and takes
// them; it returns what it took, for release.
func (b *budget) acquire(n int64) int64 {
	n = min(n, b.max)
	b.mu.Lock()
	defer b.mu.Unlock()
	ticket := b.next
	b.next++
	for {
		if b.serving == ticket {
			b.reclaim()
			if b.free >= n {
				break
			}
			if b.free+b.trash >= n {
				// Everything released before the collection starts is freed by it.
				upTo := b.released
				b.mu.Unlock()
				b.collect()
				b.mu.Lock()
				b.reclaimUpTo(upTo)
				continue
			}
		}
		b.cond.Wait()
	}
	b.free -= n
	b.serving++
	b.cond.Broadcast()
	return n
}

// release gives back what acquire took, once the GC has freed it.
func (b *budget) release(n int64) {
	b.mu.Lock()
	b.released++
	b.garbage = append(b.garbage, released{n: n, cycle: b.cycles(), seq: b.released})
	b.trash += n
	b.mu.Unlock()
	b.cond.Broadcast()
}

// reclaim frees the garbage released at least two completed cycles ago: the
// cycle running at its release may have marked it live, the next one
// cannot.
func (b *budget) reclaim() {
	now := b.cycles()
	b.reclaimWhile(func(r released) bool { return r.cycle+2 <= now })
}

// reclaimUpTo frees the garbage of releases up to number seq.
func (b *budget) reclaimUpTo(seq uint64) {
	b.reclaimWhile(func(r released) bool { return r.seq <= seq })
}

// reclaimWhile frees the garbage from the oldest on while freed says so.
func (b *budget) reclaimWhile(freed func(released) bool) {
	i := 0
	for ; i < len(b.garbage) && freed(b.garbage[i]); i++ {
		b.free += b.garbage[i].n
		b.trash -= b.garbage[i].n
	}
	b.garbage = b.garbage[i:]
}
