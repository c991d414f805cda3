package images

import (
	"context"
	"errors"
	"fmt"
	"sync"
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

func TestBudget(t *testing.T) {
	b := newBudget(100)
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
	if got := <-acquired; got != 30 {
		t.Errorf("acquired %d, want 30", got)
	}
	b.release(30)
	if b.free != 100 {
		t.Errorf("free %d, want 100", b.free)
	}
}

func TestDoubled(t *testing.T) {
	for n, want := range []time.Duration{10, 20, 40, 50, 50} {
		if got := doubled(10, n, 50); got != want {
			t.Errorf("doubled(10, %d, 50) = %d, want %d", n, got, want)
		}
	}
}
