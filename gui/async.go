package gui

import (
	"time"

	"github.com/seedarchive/seedarchive/gui/widgets"
)

// tasks is the window's background runner, shared with its editor and
// reader: work off the UI goroutine, results back on it (widgets.Runner).
type tasks = widgets.Runner

// newTasks returns a runner posting through fyne.Do.
func newTasks() *tasks { return widgets.NewRunner() }

// debouncer calls its func once input has been quiet for a delay.
type debouncer struct {
	tasks *tasks
	delay time.Duration
	stop  func()
}

// trigger (re)starts the delay; fn runs on the UI goroutine when it ends.
func (d *debouncer) trigger(fn func()) {
	d.cancel()
	d.stop = d.tasks.After(d.delay, fn)
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
