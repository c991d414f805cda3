package main

import (
	"math"
	"runtime"
	"testing"
	"time"
)

func TestMemoryLimit(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name      string
		m         goMemory
		gcPercent int
		want      int64
	}{
		{"browsing: the floor", goMemory{live: 10 * mib, nonHeap: 5 * mib}, 30, memLimitFloor},
		{"above the floor", goMemory{live: 20 * mib, nonHeap: 6 * mib}, 30, (26 + 6 + 4) * mib},
		{"the largest heap limited", goMemory{live: memLimitUpTo, nonHeap: 6 * mib}, 30, memLimitUpTo + memLimitUpTo*30/100 + 6*mib + memLimitSlack},
		{"the default target", goMemory{live: 30 * mib, nonHeap: 6 * mib}, 100, (60 + 6 + 4) * mib},
		{"GC off counts no growth", goMemory{live: 30 * mib, nonHeap: 6 * mib}, -1, (30 + 6 + 4) * mib},
		{"an import's heap: no limit", goMemory{live: 50 * mib, nonHeap: 6 * mib}, 30, math.MaxInt64},
		{"nothing read", goMemory{}, 30, memLimitFloor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := memoryLimit(tt.m, tt.gcPercent); got != tt.want {
				t.Errorf("memoryLimit(%+v, %d) = %.1f MiB, want %.1f MiB",
					tt.m, tt.gcPercent, float64(got)/mib, float64(tt.want)/mib)
			}
		})
	}
}

// TestTheLimitFollowsTheLiveHeap feeds the loop an import's heap and then a
// browsing one: the limit lifts for the first and comes back.
func TestTheLimitFollowsTheLiveHeap(t *testing.T) {
	const mib = 1 << 20
	heaps := []goMemory{
		{live: 10 * mib, nonHeap: 5 * mib},
		{live: 50 * mib, nonHeap: 6 * mib},
		{live: 11 * mib, nonHeap: 5 * mib},
	}
	tick := make(chan time.Time)
	stop := make(chan struct{})
	limits := make(chan int64, len(heaps))
	i := 0
	read := func() goMemory { m := heaps[i]; i++; return m }
	done := make(chan struct{})
	go func() {
		followLiveHeap(tick, stop, read, func(n int64) { limits <- n }, 30)
		close(done)
	}()
	tick <- time.Time{}
	tick <- time.Time{}
	close(stop)
	<-done
	close(limits)
	var got []int64
	for n := range limits {
		got = append(got, n/mib)
	}
	want := []int64{memLimitFloor / mib, math.MaxInt64 / mib, memLimitFloor / mib}
	if len(got) != len(want) {
		t.Fatalf("limits set = %v MiB, want %v", got, want)
	}
	for j := range want {
		if got[j] != want[j] {
			t.Fatalf("limits set = %v MiB, want %v", got, want)
		}
	}
}

// TestReadGoMemory checks the metrics' names against the runtime: a live
// 32 MiB block shows in the live heap, and the memory outside the heap is
// some but not all of it.
func TestReadGoMemory(t *testing.T) {
	const mib = 1 << 20
	block := make([]byte, 32*mib)
	runtime.GC()
	m := readGoMemory()
	if m.live < 32*mib {
		t.Errorf("live heap = %.1f MiB with a live 32 MiB block", float64(m.live)/mib)
	}
	if m.nonHeap == 0 || m.nonHeap > 64*mib {
		t.Errorf("memory outside the heap = %.1f MiB, want some, and less than 64", float64(m.nonHeap)/mib)
	}
	runtime.KeepAlive(block)
	block = nil
	runtime.GC()
	if after := readGoMemory(); after.live >= m.live-16*mib {
		t.Errorf("live heap = %.1f MiB after the block died, was %.1f", float64(after.live)/mib, float64(m.live)/mib)
	}
}
