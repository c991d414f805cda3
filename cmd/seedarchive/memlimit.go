package main

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The app keeps Go's memory close to what its GC target needs. Go frees
// garbage at the pace gcPercent sets, but it hands the freed pages back to
// the system slowly, unless a soft memory limit is near. Browsing quickly
// (each article drawn allocates its text's pixels) leaves freed heap in RSS;
// with a limit a few MiB above the heap goal, Go returns it at once. The
// limit follows the live heap, and lifts while the heap is an import's
// (several times larger): a limit close above it would slow an import, the
// GC and the scavenger running early and often (TestTheLimitFollowsTheLiveHeap
// checks that it lifts).
const (
	// memLimitSlack is the room above the heap goal and the runtime's own
	// memory before the limit binds.
	memLimitSlack = 4 << 20
	// memLimitFloor is the lowest limit the app sets.
	memLimitFloor = 24 << 20
	// memLimitUpTo is the largest live heap the limit applies to.
	memLimitUpTo = 32 << 20
	// memLimitEvery is how often the limit follows the live heap.
	memLimitEvery = 250 * time.Millisecond
)

// goMemory is what the limit is computed from, in bytes.
type goMemory struct {
	live    uint64 // heap still reachable at the last GC
	nonHeap uint64 // mapped memory outside the heap: stacks, GC metadata, …
}

// memoryLimit is the soft limit for m with the GC target gcPercent: the heap
// goal, the runtime's other memory and memLimitSlack, at least the floor;
// none (math.MaxInt64) above memLimitUpTo.
func memoryLimit(m goMemory, gcPercent int) int64 {
	if m.live > memLimitUpTo {
		return math.MaxInt64
	}
	goal := m.live + m.live*uint64(max(gcPercent, 0))/100
	return max(int64(goal+m.nonHeap+memLimitSlack), memLimitFloor)
}

// readGoMemory reads the live heap and the memory outside the heap.
func readGoMemory() goMemory {
	s := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
	}
	metrics.Read(s)
	v := func(i int) uint64 {
		if s[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return s[i].Value.Uint64()
	}
	heap := v(2) + v(3) + v(4) + v(5)
	var nonHeap uint64
	if total := v(1); total > heap {
		nonHeap = total - heap
	}
	return goMemory{live: v(0), nonHeap: nonHeap}
}

// followLiveHeap sets the limit from read each tick until stop is closed.
func followLiveHeap(tick <-chan time.Time, stop <-chan struct{}, read func() goMemory, set func(int64), gcPercent int) {
	set(memoryLimit(read(), gcPercent))
	for {
		select {
		case <-tick:
			set(memoryLimit(read(), gcPercent))
		case <-stop:
			return
		}
	}
}

// limitMemory starts following the live heap with the GC target gcPercent.
func limitMemory(gcPercent int) {
	t := time.NewTicker(memLimitEvery)
	set := func(n int64) { debug.SetMemoryLimit(n) }
	go followLiveHeap(t.C, nil, readGoMemory, set, gcPercent)
}
