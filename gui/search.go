package gui

import (
	"errors"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/query"
)

// searchDelay is how long typing must pause before the query runs: long
// enough to take a burst (a paste, key repeat) as one, short enough that the
// results follow each key. A query superseded while it runs is cancelled.
const searchDelay = 30 * time.Millisecond

// errorDelay is how long typing must pause before a malformed query's
// message shows: not while a term is half typed (Enter shows it at once).
const errorDelay = 700 * time.Millisecond

// searchPlaceholder hints at the query language; short enough to show whole
// in the toolbar at the default window width.
const searchPlaceholder = "Search: words, topic:AI, quality:>50, date:2020…"

// searchBox is the query entry with its error line. Typing runs the query
// after a short pause; a malformed query shows its message under the box
// and leaves the results as they were. The message floats in a layer over
// the window (like a tooltip), so that showing it moves nothing.
type searchBox struct {
	entry    *widgets.EscEntry
	msg      *widget.Label
	bg       *canvas.Rectangle
	panel    *fyne.Container // the message on its background
	layer    *fyne.Container // covers the window, without layout
	debounce debouncer
	errLater debouncer // shows a malformed query's message after errorDelay
	silent   bool      // SetText from code: run at once, not debounced
	typing   bool      // run was called by the typing pause

	// OnRun is called with a query that parses.
	OnRun func(q string)
	// OnLeave is called for Down, and for Enter on a query that parses
	// (ran is true: its results are on their way): the keyboard moves on to
	// the results.
	OnLeave func(ran bool)
	// OnKey, when set, sees the entry's other keys first (F6); true marks
	// one handled.
	OnKey func(ev *fyne.KeyEvent) bool
}

func newSearchBox(t *tasks) *searchBox {
	s := &searchBox{entry: widgets.NewEscEntry(), msg: widget.NewLabel("")}
	s.debounce = debouncer{tasks: t, delay: searchDelay}
	s.errLater = debouncer{tasks: t, delay: errorDelay}
	s.entry.SetPlaceHolder(searchPlaceholder)
	s.entry.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.entry.OnChanged = func(string) {
		if !s.silent {
			s.debounce.trigger(s.runTyped)
		}
	}
	s.entry.OnSubmitted = func(string) {
		if s.runNow() && s.OnLeave != nil {
			s.OnLeave(true)
		}
	}
	s.entry.OnKey = func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyDown && s.OnLeave != nil {
			s.OnLeave(false)
			return true
		}
		return s.OnKey != nil && s.OnKey(ev)
	}
	s.entry.OnEscape = func() { s.setText("") }
	s.msg.Importance = widget.DangerImportance
	s.msg.Wrapping = fyne.TextWrapWord // floating, it may take the lines it needs
	s.bg = canvas.NewRectangle(nil)
	s.bg.StrokeWidth = 1
	s.panel = container.NewStack(s.bg, s.msg)
	s.panel.Hide()
	s.layer = container.NewWithoutLayout(s.panel)
	return s
}

// text is the query as typed.
func (s *searchBox) text() string { return s.entry.Text }

// setText replaces the query (a facet click, a saved search) and runs it.
func (s *searchBox) setText(q string) {
	s.silent = true
	s.entry.SetText(q)
	s.silent = false
	s.entry.CursorColumn = len([]rune(q))
	s.entry.Refresh()
	s.runNow()
}

// runNow runs the query at once; it reports whether the query parsed.
func (s *searchBox) runNow() bool {
	s.debounce.cancel()
	return s.run()
}

// runTyped runs the query at a pause in typing.
func (s *searchBox) runTyped() {
	s.typing = true
	s.run()
	s.typing = false
}

// run checks the query and hands it on, or shows why it cannot run (after a
// pause when typing: the term may be unfinished).
func (s *searchBox) run() bool {
	q := s.entry.Text
	s.errLater.cancel()
	if _, err := query.Parse(q); err != nil {
		if s.typing {
			s.errLater.trigger(func() { s.showError(err) })
			return false
		}
		s.showError(err)
		return false
	}
	if s.OnRun != nil {
		s.OnRun(q)
	}
	return true
}

// showError shows a query problem under the box ("" hides it).
func (s *searchBox) showError(err error) {
	if err == nil {
		if s.panel.Visible() {
			s.panel.Hide()
			s.repaint()
		}
		return
	}
	s.msg.SetText(queryMessage(err))
	th, v := theme.Current(), fyne.CurrentApp().Settings().ThemeVariant()
	s.bg.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
	s.bg.StrokeColor = th.Color(theme.ColorNameError, v)
	s.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	drv := fyne.CurrentApp().Driver()
	at := drv.AbsolutePositionForObject(s.entry).Subtract(drv.AbsolutePositionForObject(s.layer))
	s.msg.Resize(fyne.NewSize(s.entry.Size().Width, s.msg.MinSize().Height)) // a wrapping label measures at its width
	size := fyne.NewSize(s.entry.Size().Width, s.msg.MinSize().Height)
	s.panel.Move(at.Add(fyne.NewPos(0, s.entry.Size().Height+2)))
	s.panel.Resize(size)
	s.panel.Show()
	s.panel.Refresh()
	s.repaint()
}

// errorShown reports whether the query's message shows, and its text.
func (s *searchBox) errorShown() (string, bool) { return s.msg.Text, s.panel.Visible() }

// repaint draws the layer again (the panel, hidden when the window was
// first drawn, is unknown to the canvas).
func (s *searchBox) repaint() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.layer); c != nil {
		c.Refresh(s.layer)
	}
}

// queryMessage words a query error for the line under the box.
func queryMessage(err error) string {
	var qe *query.Error
	if errors.As(err, &qe) {
		return fmt.Sprintf("Column %d: %s", qe.Col(), qe.Msg)
	}
	return err.Error()
}

// isQueryError reports whether err is the query's fault (not the archive's).
func isQueryError(err error) bool {
	var qe *query.Error
	return errors.As(err, &qe)
}
