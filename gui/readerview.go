package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/seedarchive/seedarchive/gui/reader"
	"github.com/seedarchive/seedarchive/gui/widgets"
)

// readerView is the reading view mode: the focused article laid out for
// reading, with next and previous moving the results' cursor. It is a view
// of the results and knows the window only through what it is given.
type readerView struct {
	res     *results
	win     fyne.Window
	tasks   *tasks
	shown   func() bool        // the reading view is the one on screen
	onTopic func(topic string) // a tapped topic chip
	r       *reader.Reader
	view    *fyne.Container
}

func newReaderView(res *results, win fyne.Window, t *tasks, shown func() bool, onTopic func(string)) *readerView {
	return &readerView{res: res, win: win, tasks: t, shown: shown, onTopic: onTopic, view: container.NewStack()}
}

// open makes a reader for a (new) archive.
func (v *readerView) open(store reader.Store, thumbs widgets.ThumbnailSource) {
	v.r = reader.New(store, thumbs)
	v.r.UseRunner(v.tasks)
	v.r.Win = v.win
	v.r.OnNext = func() { v.step(1) }
	v.r.OnPrev = func() { v.step(-1) }
	v.r.OnTopicTapped = v.onTopic
	v.view.Objects = []fyne.CanvasObject{v.r}
	v.view.Refresh()
}

// step moves the results' cursor, which the reader follows.
func (v *readerView) step(d int) { v.res.step(d) }

// follow shows the focused article while the reading view is on; with
// none focused it starts at the first result, selecting it, so the editor
// shows the same article.
func (v *readerView) follow() {
	if v.r == nil || !v.shown() {
		return
	}
	if v.res.cursorID() == 0 && v.res.Len() > 0 {
		v.res.SelectRow(0, 0)
		return
	}
	if id := v.res.cursorID(); id != 0 && id != v.r.ID() {
		v.r.ShowArticle(id)
	}
}

// focus gives the reader the keyboard.
func (v *readerView) focus() {
	if v.r != nil {
		v.win.Canvas().Focus(v.r)
	}
}
