// Package uiqueue lets GUI tests run the UI half of background work on the
// test goroutine: a widgets.Runner posts into a Queue instead of fyne.Do, and
// Settle runs what was posted until no work is pending. Tests stay free of
// data races and see a deterministic order.
package uiqueue

import (
	"sync"
	"testing"
	"time"
)

// Queue collects UI funcs posted from background goroutines. Safe for
// concurrent Do; Settle runs on the test goroutine.
type Queue struct {
	mu  sync.Mutex
	fns []func()
}

// Do queues fn (the signature of widgets.Runner.Do).
func (q *Queue) Do(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
}

// Settle runs queued funcs until none are queued and pending() is zero,
// failing t when that takes longer than timeout.
func (q *Queue) Settle(t testing.TB, pending func() int64, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		for _, fn := range fns {
			fn()
		}
		if len(fns) == 0 && pending() == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("background work did not finish")
		}
		time.Sleep(time.Millisecond)
	}
}
