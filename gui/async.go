package gui

import (
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// tasks runs slow work off the UI goroutine and hands the results back to it.
// Every UI callback goes through do, fyne.Do in the app; tests swap in a
// queue they drain on their own goroutine (see settle in the tests), which
// keeps them deterministic and free of data races.
type tasks struct {
	do      func(func())
	pending atomic.Int64 // started work whose UI callback has not run yet
}

func newTasks() *tasks { return &tasks{do: fyne.Do} }

// run calls work on a new goroutine, then the func it returns (if any) on the
// UI goroutine.
func (t *tasks) run(work func() func()) {
	t.pending.Add(1)
	go func() {
		ui := work()
		t.do(func() {
			defer t.pending.Add(-1)
			if ui != nil {
				ui()
			}
		})
	}()
}

// post calls ui on the UI goroutine; from a background goroutine, posts and
// run's callbacks reach the UI goroutine in the order they were made.
func (t *tasks) post(ui func()) {
	t.pending.Add(1)
	t.do(func() {
		defer t.pending.Add(-1)
		ui()
	})
}

// after calls ui on the UI goroutine once d has passed, unless the returned
// stop func is called first.
func (t *tasks) after(d time.Duration, ui func()) (stop func()) {
	t.pending.Add(1)
	var once sync.Once
	done := func() { once.Do(func() { t.pending.Add(-1) }) }
	var stopped atomic.Bool
	tm := time.AfterFunc(d, func() {
		t.do(func() {
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

// debouncer calls its func once input has been quiet for a delay.
type debouncer struct {
	tasks *tasks
	delay time.Duration
	stop  func()
}

// trigger (re)starts the delay; fn runs on the UI goroutine when it ends.
func (d *debouncer) trigger(fn func()) {
	d.cancel()
	d.stop = d.tasks.after(d.delay, fn)
}

// cancel drops a pending call.
func (d *debouncer) cancel() {
	if d.stop != nil {
		d.stop()
		d.stop = nil
	}
}

// restGate runs a func at once when the input it follows has been still
// for a while, and otherwise once the input rests: a click or a single key
// shows its article at once, while an arrow key held down shows only the
// article it stops on.
type restGate struct {
	rest  time.Duration
	now   func() time.Time // time.Now; tests may swap it
	last  time.Time        // when the input last moved
	later debouncer
}

func newRestGate(t *tasks, rest time.Duration) *restGate {
	return &restGate{rest: rest, now: time.Now, later: debouncer{tasks: t, delay: rest}}
}

// run calls fn now if the input has rested since its last move, else once
// it rests; a later call replaces a waiting fn.
func (g *restGate) run(fn func()) {
	now := g.now()
	quiet := g.last.IsZero() || now.Sub(g.last) >= g.rest
	g.last = now
	if quiet {
		g.later.cancel()
		fn()
		return
	}
	g.later.trigger(fn)
}
