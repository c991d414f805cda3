package images

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestSchedule runs the scheduler with sleeping workers and checks the
// bounds: never more than perHost jobs of one host, never more than the
// workers, every job exactly once, and a busy host not holding up others.
func TestSchedule(t *testing.T) {
	const workers, perHost = 6, 2
	var urls []job
	for i := range 60 {
		host := "slow.example"
		if i%3 == 0 {
			host = fmt.Sprintf("h%d.example", i%9)
		}
		urls = append(urls, job{url: fmt.Sprintf("http://%s/%d", host, i), host: host})
	}
	next := func(context.Context) (job, bool, error) {
		if len(urls) == 0 {
			return job{}, false, nil
		}
		j := urls[0]
		urls = urls[1:]
		return j, true, nil
	}
	jobs := make(chan job)
	done := make(chan string, workers)
	var mu sync.Mutex
	active := map[string]int{}
	running, maxRunning := 0, 0
	seen := map[string]int{}
	var firstOther, lastSlow time.Time
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				mu.Lock()
				active[j.host]++
				running++
				maxRunning = max(maxRunning, running)
				if active[j.host] > perHost {
					t.Errorf("%d jobs of %s at once", active[j.host], j.host)
				}
				seen[j.url]++
				if j.host != "slow.example" && firstOther.IsZero() {
					firstOther = time.Now()
				}
				mu.Unlock()
				time.Sleep(2 * time.Millisecond)
				mu.Lock()
				active[j.host]--
				running--
				if j.host == "slow.example" {
					lastSlow = time.Now()
				}
				mu.Unlock()
				done <- j.host
			}
		}()
	}
	if err := schedule(context.Background(), next, perHost, 16, jobs, done); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if len(seen) != 60 {
		t.Errorf("%d distinct jobs run, want 60", len(seen))
	}
	for u, n := range seen {
		if n != 1 {
			t.Errorf("%s run %d times", u, n)
		}
	}
	if maxRunning > workers || maxRunning <= perHost {
		t.Errorf("at most %d jobs at once, want more than %d and at most %d", maxRunning, perHost, workers)
	}
	if !firstOther.Before(lastSlow) {
		t.Error("other hosts waited for the busy one")
	}
}

func TestScheduleStops(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name   string
		cancel bool
		want   error
	}{
		{"source error", false, boom},
		{"canceled", true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			n := 0
			next := func(context.Context) (job, bool, error) {
				n++
				if n == 5 && !tc.cancel {
					return job{}, false, boom
				}
				return job{url: fmt.Sprint(n), host: "h"}, true, nil // endless
			}
			jobs := make(chan job)
			done := make(chan string, 1)
			got := make(chan error, 1)
			go func() { got <- schedule(ctx, next, 1, 8, jobs, done) }()
			ran := 0
			for j := range jobs {
				ran++
				if tc.cancel && ran == 3 {
					cancel()
				}
				done <- j.host
			}
			if err := <-got; !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if ran > 5 {
				t.Errorf("%d jobs ran after the stop", ran)
			}
		})
	}
}

// The budget hands out bytes first come first served, never beyond its
// size, and counts released bytes as taken until a GC cycle begun after the
// release has ended; a caller held up only by such garbage runs the GC.
func TestBudget(t *testing.T) {
	b := newBudget(100)
	var cycles atomic.Uint64
	var forced atomic.Int32
	b.cycles = cycles.Load
	b.collect = func() { forced.Add(1); cycles.Add(1) }
	if got := b.acquire(1000); got != 100 {
		t.Fatalf("acquired %d, want the whole budget 100", got)
	}
	acquired := make(chan int64)
	go func() { acquired <- b.acquire(30) }()
	select {
	case <-acquired:
		t.Fatal("acquired beyond the budget")
	case <-time.After(20 * time.Millisecond):
	}
	b.release(100)
	if got := <-acquired; got != 30 || forced.Load() != 1 {
		t.Errorf("acquired %d after %d forced collections, want 30 after one", got, forced.Load())
	}
	b.release(30)
	if b.free != 70 || b.trash != 30 {
		t.Errorf("free %d and %d garbage, want 70 and 30", b.free, b.trash)
	}
	// Two cycles of the GC's own free the garbage without forcing one.
	cycles.Add(2)
	if got := b.acquire(100); got != 100 || forced.Load() != 1 {
		t.Errorf("acquired %d after %d forced collections, want 100 after one", got, forced.Load())
	}
	b.release(100)
	cycles.Add(1) // one cycle may have begun before the release: not enough
	b.mu.Lock()
	b.reclaim()
	if b.free != 0 {
		t.Errorf("free %d one cycle after the release, want 0", b.free)
	}
	b.mu.Unlock()
}

func TestDoubled(t *testing.T) {
	for n, want := range []time.Duration{10, 20, 40, 50, 50} {
		if got := doubled(10, n, 50); got != want {
			t.Errorf("doubled(10, %d, 50) = %d, want %d", n, got, want)
		}
	}
}
