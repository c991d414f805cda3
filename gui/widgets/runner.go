package widgets

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// Runner runs slow work off the UI goroutine and hands its result back to it.
// Do posts a func to the UI goroutine: fyne.Do by default; tests replace it
// with a queue they drain themselves, which keeps them free of data races.
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

// Pending counts started work whose UI func has not run yet.
func (r *Runner) Pending() int64 { return r.pending.Load() }

func (r *Runner) do(fn func()) {
	if r.Do == nil {
		fyne.Do(fn)
		return
	}
	r.Do(fn)
}
