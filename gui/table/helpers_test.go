package table

import (
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/gui/table/tabletest"
	"github.com/seedarchive/seedarchive/gui/widgets"
)

// testTasks returns a runner whose UI funcs queue on q, for the test to run
// (settle, drainUntil): the pager stays on the test goroutine.
func testTasks() (*widgets.Runner, chan func()) {
	q := make(chan func(), 4096)
	return &widgets.Runner{Do: func(f func()) { q <- f }}, q
}

// quiet is how long settle waits for a task that ends without posting.
const quiet = 20 * time.Millisecond

// settle runs the queued UI funcs until no background work is pending.
func settle(t testing.TB, tk *widgets.Runner, q chan func()) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case f := <-q:
			f()
		case <-time.After(quiet):
			if tk.Pending() == 0 && len(q) == 0 {
				return
			}
		case <-deadline:
			t.Fatalf("background work did not finish (%d pending)", tk.Pending())
		}
	}
}

// drainUntil runs the queued UI funcs until done.
func drainUntil(tb testing.TB, q chan func(), done func() bool) {
	tb.Helper()
	deadline := time.After(time.Minute)
	for !done() {
		select {
		case f := <-q:
			f()
		case <-deadline:
			tb.Fatal("timed out waiting for the UI callbacks")
		}
	}
}

// fakeRows is a row source of n articles titled "Article N" (ids 1..n).
type fakeRows = tabletest.Rows
