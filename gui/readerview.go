package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/seedarchive/seedarchive/gui/reader"
	"github.com/seedarchive/seedarchive/internal/query"
)

// readerView is the reading view mode: the focused article laid out for
// reading, with next and previous following the results' order.
type readerView struct {
	w    *Window
	r    *reader.Reader
	view *fyne.Container
}

func newReaderView(w *Window) *readerView {
	return &readerView{w: w, view: container.NewStack()}
}

// open makes a reader for the window's (new) archive.
func (v *readerView) open() {
	w := v.w
	v.r = reader.New(w.arc, w.thumbs)
	v.r.UseRunner(w.tasks)
	v.r.Win = w.win
	v.r.OnNext = func() { v.step(1) }
	v.r.OnPrev = func() { v.step(-1) }
	v.r.OnTopicTapped = func(topic string) {
		w.search.setText(query.WithTerm(w.res.query, query.Term("topic", topic)))
	}
	v.view.Objects = []fyne.CanvasObject{v.r}
	v.view.Refresh()
}

// step moves the results' cursor, which the reader follows.
func (v *readerView) step(d int) { v.w.res.step(d) }

// follow shows the focused article while the reading view is on; with
// none focused it starts at the first result, selecting it, so the editor
// shows the same article.
func (v *readerView) follow() {
	if v.r == nil || v.w.mode != viewReading {
		return
	}
	if v.w.res.cursorID() == 0 && v.w.res.len() > 0 {
		v.w.res.selectRow(0, 0)
		return
	}
	if id := v.w.res.cursorID(); id != 0 && id != v.r.ID() {
		v.r.ShowArticle(id)
	}
}

// focus gives the reader the keyboard.
func (v *readerView) focus() {
	if v.r != nil {
		v.w.win.Canvas().Focus(v.r)
	}
}
