package table

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/storage"
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

// fakeRows is a source of n articles, ids 1..n titled "Article <id>".
type fakeRows struct{ n int }

func (f fakeRows) Count(context.Context, string) (int, error) { return f.n, nil }

func (f fakeRows) IDs(_ context.Context, _ storage.ListOptions) ([]int64, error) {
	ids := make([]int64, f.n)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	return ids, nil
}

func (f fakeRows) List(_ context.Context, o storage.ListOptions) ([]storage.Row, error) {
	var rows []storage.Row
	for i := o.Offset; i < f.n && i < o.Offset+o.Limit; i++ {
		id := int64(i + 1)
		if o.Reverse {
			id = int64(f.n - i)
		}
		rows = append(rows, fakeRow(id))
	}
	return rows, nil
}

// RowsByID returns the rows of the ids in 1..n, in the order asked.
func (f fakeRows) RowsByID(_ context.Context, ids []int64) ([]storage.Row, error) {
	var rows []storage.Row
	for _, id := range ids {
		if id >= 1 && id <= int64(f.n) {
			rows = append(rows, fakeRow(id))
		}
	}
	return rows, nil
}

func fakeRow(id int64) storage.Row {
	return storage.Row{ID: id, Title: fmt.Sprintf("Article %d", id)}
}
