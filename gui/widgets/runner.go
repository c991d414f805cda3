package widgets

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// Runner runs slow work off the UI goroutine and hands its result back to
// it; the window, the editor and the reader share one. Do posts a func to
// the UI goroutine: fyne.Do by default; tests replace it with a queue they
// drain themselves, which keeps them free of data races, and wait until
// Pending is zero.
type Runner struct {
	Do      func(func())
	pending atomic.Int64
}

// NewRunner returns a Runner posting through fyne.Do.
func NewRunner() *Runner { return &Runner{Do: fyne.Do} }

// Go calls work on a new goroutine, then the func it returns (if not nil) on
// the UI goroutine.
func (r *Runner) Go(work func() func()) {
	r.pending.Add(1)
	go func() {
		ui := work()
		r.do(func() {
			defer r.pending.Add(-1)
			if ui != nil {
				ui()
			}
		})
	}()
}

// Post calls ui on the UI goroutine; from a background goroutine, posts and
// Go's UI funcs reach the UI goroutine in the order they were made.
func (r *Runner) Post(ui func()) {
	r.pending.Add(1)
	r.do(func() {
		defer r.pending.Add(-1)
		ui()
	})
}

// After calls ui on the UI goroutine once d has passed, unless the returned
// stop func is called first.
func (r *Runner) After(d time.Duration, ui func()) (stop func()) {
	r.pending.Add(1)
	var once sync.Once
	done := func() { once.Do(func() { r.pending.Add(-1) }) }
	var stopped atomic.Bool
	tm := time.AfterFunc(d, func() {
		r.do(func() {
			defer done()
			if !stopped.Load() {
				ui()
			}
		})
	})
	return func() {
		stopped.Store(true)
		if tm.Stop() {
			done()
		}
	}
}

// Pending counts started work whose UI func has not run yet.
func (r *Runner) Pending() int64 { return r.pending.Load() }

// Send posts fn to the UI goroutine without counting it as pending work
// (a poll's report, a progress update: nothing a test waits for).
func (r *Runner) Send(fn func()) { r.do(fn) }

func (r *Runner) do(fn func()) {
	if r.Do == nil {
		fyne.Do(fn)
		return
	}
	r.Do(fn)
}
