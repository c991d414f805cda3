package gui

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/gui/table"
	"github.com/seedarchive/seedarchive/gui/table/tabletest"
)

// testTasks returns tasks whose UI callbacks queue up until settle runs them
// on the test goroutine. The current app is wrapped so that fyne.Do (which
// the editor and the reader use) feeds the same queue.
func testTasks() (*tasks, chan func()) {
	q := make(chan func(), 4096)
	if a := fyne.CurrentApp(); a != nil {
		if qa, ok := a.(*queuedApp); ok {
			q = qa.drv.q
		} else {
			fyne.SetCurrentApp(&queuedApp{App: a, drv: &queuedDriver{Driver: a.Driver(), q: q}})
		}
	}
	return &tasks{Do: func(f func()) { q <- f }}, q
}

// queuedApp is the test app with a driver whose fyne.Do queues.
type queuedApp struct {
	fyne.App
	drv *queuedDriver
}

func (a *queuedApp) Driver() fyne.Driver { return a.drv }

type queuedDriver struct {
	fyne.Driver
	q chan func()
}

func (d *queuedDriver) DoFromGoroutine(f func(), wait bool) {
	if wait {
		f()
		return
	}
	d.q <- f
}

// quiet is how long settle waits for late callbacks (of work it cannot
// count, such as the editor's loads) before it returns.
const quiet = 25 * time.Millisecond

// settle runs queued UI callbacks until no background work is left.
func settle(t testing.TB, tk *tasks, q chan func()) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		if tk.Pending() == 0 && len(q) == 0 {
			select {
			case f := <-q:
				f()
				continue
			case <-time.After(quiet):
				return
			}
		}
		select {
		case f := <-q:
			f()
		case <-time.After(quiet):
			// A task may finish without posting anything back: look again.
		case <-deadline:
			t.Fatalf("background work did not finish (%d pending)", tk.Pending())
		}
	}
}

func TestMain(m *testing.M) {
	facetDelay = 0 // it only matters while a person types; TestFacetsCountOnceTheResultsStay sets its own
	os.Exit(m.Run())
}

// drainUntil runs queued UI callbacks until done reports true (a minute at
// most).
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

// runFor runs queued UI callbacks for d.
func runFor(q chan func(), d time.Duration) {
	end := time.After(d)
	for {
		select {
		case f := <-q:
			f()
		case <-end:
			return
		}
	}
}

// fakeRows is a row source of n articles titled "Article N" (ids 1..n).
type fakeRows = tabletest.Rows

// shownCells returns the text of the grid's laid-out data cells by window row.
func shownCells(tb *table.Table, col int) map[int]string {
	out := map[int]string{}
	walk(tb.Grid(), func(o fyne.CanvasObject) {
		if c, ok := o.(*table.Cell); ok {
			if r, cc := c.At(); cc == col && r < tb.Shown() {
				out[r] = c.Label().Text()
			}
		}
	})
	return out
}

// walk calls fn for o and every visible object drawn inside it, through the
// renderers the canvas uses (test.LaidOutObjects would create new ones).
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if !o.Visible() {
		return
	}
	fn(o)
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walk(child, fn)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, fn)
		}
	}
}

var desktopShortcutEnd = desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierControl}
