package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/table"
)

// searchMinWidth is the narrowest the search box gets: a query of a few
// terms stays readable, and the toolbar gives up button labels, then
// buttons, before the box shrinks below it.
const searchMinWidth float32 = 260

// toolbar is the row above the content: archive actions, the search box,
// the view toggle, the column chooser and the theme. When the window is too
// narrow for everything, the buttons drop their labels, then the least used
// ones move into the "More" menu (each is also in the menus), so that the
// search box keeps searchMinWidth. It takes the menus' actions, not the
// window.
type toolbar struct {
	m                    *menus   // the actions; the toolbar offers the same as the menus
	res                  *results // the selection Delete needs
	importBtn, exportBtn *widget.Button
	imagesBtn            *widget.Button
	newBtn, deleteBtn    *widget.Button
	undoBtn, redoBtn     *tipButton // their tips name the step
	columnsBtn, themeBtn *widget.Button
	moreBtn              *widget.Button
	tools                []*toolItem // every button but More, left to right
	// searchSlot is the place the search box is laid out over (the box is
	// the window's first child; see rootLayout).
	searchSlot *canvas.Rectangle
	view       fyne.CanvasObject
}

// toolItem is a toolbar button with what it needs to shrink or hide.
type toolItem struct {
	btn   *widget.Button
	obj   fyne.CanvasObject // the widget the row holds when it wraps btn (a tipButton); nil: btn
	label string            // the text shown when there is room
	left  bool              // before the search box
	drop  int               // order of moving into the More menu (1 first; 0 never)
	sep   *widget.Separator
	menu  func() *fyne.MenuItem // its entry in the More menu
}

func newToolbar(m *menus, res *results, views *viewSwitch, tip *table.HoverTip) *toolbar {
	t := &toolbar{m: m, res: res}
	btn := func(label string, icon fyne.Resource, tap func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, tap)
		b.Importance = widget.LowImportance
		return b
	}
	t.importBtn = btn("Import", theme.DownloadIcon(), nil)
	t.importBtn.OnTapped = func() { m.transfers.showImportMenu(t.importBtn) }
	t.exportBtn = btn("Export", theme.UploadIcon(), m.transfers.exportDialog)
	t.imagesBtn = btn("Images", theme.MediaPhotoIcon(), m.images.fetchImagesDialog)
	t.newBtn = btn("New", theme.ContentAddIcon(), m.act.newArticle)
	t.deleteBtn = btn("Delete", theme.DeleteIcon(), m.bulk.confirmDelete)
	t.undoBtn = newTipButton(theme.ContentUndoIcon(), m.undoAction, tip, func() string { return m.hist.tip(false) })
	t.redoBtn = newTipButton(theme.ContentRedoIcon(), m.redoAction, tip, func() string { return m.hist.tip(true) })
	t.columnsBtn = btn("", theme.ListIcon(), nil)
	t.columnsBtn.OnTapped = func() { m.showColumnsMenu(popupBelow(t.columnsBtn)) }
	t.themeBtn = btn("", theme.ColorPaletteIcon(), nil)
	t.themeBtn.OnTapped = func() {
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", m.themeItems()...), m.win.Canvas(), popupBelow(t.themeBtn))
	}
	t.moreBtn = btn("", theme.MoreHorizontalIcon(), nil)
	t.moreBtn.OnTapped = t.showMore
	menu := func(label string, action func()) func() *fyne.MenuItem {
		return func() *fyne.MenuItem { return fyne.NewMenuItem(label, action) }
	}
	sub := func(label string, items func() []*fyne.MenuItem) func() *fyne.MenuItem {
		return func() *fyne.MenuItem {
			it := fyne.NewMenuItem(label, nil)
			it.ChildMenu = fyne.NewMenu("", items()...)
			return it
		}
	}
	importItems := func() []*fyne.MenuItem {
		return []*fyne.MenuItem{
			fyne.NewMenuItem("Files or zip…", m.transfers.importFilesDialog),
			fyne.NewMenuItem("Folder…", m.transfers.importFolderDialog),
		}
	}
	t.tools = []*toolItem{
		{btn: t.importBtn, left: true, drop: 3, menu: sub("Import", importItems)},
		{btn: t.exportBtn, left: true, drop: 4, menu: menu("Export…", m.transfers.exportDialog)},
		{btn: t.imagesBtn, left: true, drop: 1, menu: menu("Fetch images…", m.images.fetchImagesDialog), sep: widget.NewSeparator()},
		{btn: t.newBtn, left: true, drop: 5, menu: menu("New article", m.act.newArticle)},
		{btn: t.deleteBtn, left: true, drop: 6, menu: menu("Delete…", m.bulk.confirmDelete), sep: widget.NewSeparator()},
		{btn: &t.undoBtn.Button, obj: t.undoBtn, left: true},
		{btn: &t.redoBtn.Button, obj: t.redoBtn, left: true},
	}
	for _, m := range []viewMode{viewTable, viewReading, viewGallery} {
		t.tools = append(t.tools, &toolItem{btn: views.buttons[m]})
	}
	t.tools[len(t.tools)-1].sep = widget.NewSeparator()
	t.tools = append(t.tools,
		&toolItem{btn: t.columnsBtn, drop: 2, menu: menu("Columns…", func() { m.showColumnsMenu(popupBelow(t.moreBtn)) })},
		&toolItem{btn: t.themeBtn, drop: 1, menu: sub("Theme", m.themeItems)},
	)
	t.searchSlot = canvas.NewRectangle(color.Transparent)
	objs := []fyne.CanvasObject{t.searchSlot}
	for _, it := range t.tools {
		it.label = it.btn.Text
		if it.obj != nil {
			objs = append(objs, it.obj)
		} else {
			objs = append(objs, it.btn)
		}
		if it.sep != nil {
			objs = append(objs, it.sep)
		}
	}
	objs = append(objs, t.moreBtn)
	row := container.New(&toolbarLayout{t: t}, objs...)
	t.view = container.NewVBox(container.NewPadded(row), widget.NewSeparator())
	t.refresh()
	return t
}

// buttons lists every toolbar button, More included.
func (t *toolbar) buttons() []*widget.Button {
	out := make([]*widget.Button, 0, len(t.tools)+1)
	for _, it := range t.tools {
		out = append(out, it.btn)
	}
	return append(out, t.moreBtn)
}

// objectOf is the widget the toolbar row holds for button b (b itself, or
// the tipButton around it).
func (t *toolbar) objectOf(b *widget.Button) fyne.CanvasObject {
	for _, it := range t.tools {
		if it.btn == b && it.obj != nil {
			return it.obj
		}
	}
	return b
}

// showMore offers the buttons that did not fit.
func (t *toolbar) showMore() {
	var items []*fyne.MenuItem
	for _, it := range t.tools {
		if it.btn.Hidden && it.menu != nil {
			items = append(items, it.menu())
		}
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), t.m.win.Canvas(), popupBelow(t.moreBtn))
}

// refresh enables what applies to the selection and the histories.
func (t *toolbar) refresh() {
	enable(t.deleteBtn, len(t.res.sel) > 0)
	enable(&t.undoBtn.Button, t.m.hist.can(false))
	enable(&t.redoBtn.Button, t.m.hist.can(true))
	t.m.refreshHistory()
}

// toolbarLayout places the left buttons, the search box taking the rest,
// and the right buttons, shedding labels and then buttons (into More) until
// the search box has searchMinWidth.
type toolbarLayout struct {
	t       *toolbar
	compact bool // labels dropped
	dropped int  // buttons with drop <= dropped are in the More menu
}

// maxDrop is the highest drop order.
const maxDrop = 6

// fit picks the fullest arrangement that leaves the search box its width.
func (l *toolbarLayout) fit(width float32) {
	for _, compact := range []bool{false, true} {
		for dropped := 0; dropped <= maxDrop; dropped++ {
			if !compact && dropped > 0 {
				break // drop labels before buttons
			}
			l.apply(compact, dropped)
			if l.sidesWidth()+searchMinWidth <= width {
				return
			}
		}
	}
}

// apply shows the buttons with or without labels, hiding the dropped ones.
func (l *toolbarLayout) apply(compact bool, dropped int) {
	l.compact, l.dropped = compact, dropped
	for _, it := range l.t.tools {
		text := it.label
		if compact {
			text = ""
		}
		if it.btn.Text != text {
			it.btn.SetText(text)
		}
		hide := it.drop > 0 && it.drop <= dropped
		if hide != it.btn.Hidden {
			if hide {
				it.btn.Hide()
			} else {
				it.btn.Show()
			}
		}
		if it.sep != nil {
			it.sep.Hidden = hide
		}
	}
	if dropped > 0 {
		l.t.moreBtn.Show()
	} else {
		l.t.moreBtn.Hide()
	}
}

// sidesWidth is the width of the shown buttons and separators with gaps.
func (l *toolbarLayout) sidesWidth() float32 {
	gap := theme.Padding()
	var w float32
	add := func(o fyne.CanvasObject) {
		if o.Visible() {
			w += o.MinSize().Width + gap
		}
	}
	for _, it := range l.t.tools {
		add(it.btn)
		if it.sep != nil {
			add(it.sep)
		}
	}
	add(l.t.moreBtn)
	return w + gap
}

// Layout is part of fyne.Layout.
func (l *toolbarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.fit(size.Width)
	gap := theme.Padding()
	place := func(o fyne.CanvasObject, x float32) float32 {
		if !o.Visible() {
			return x
		}
		m := o.MinSize()
		h := m.Height
		if _, ok := o.(*widget.Separator); ok {
			h = size.Height
		}
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(m.Width, h))
		return x + m.Width + gap
	}
	x := float32(0)
	for _, it := range l.t.tools {
		if it.left {
			x = place(it.btn, x)
			if it.sep != nil {
				x = place(it.sep, x)
			}
		}
	}
	var right float32
	for _, it := range l.t.tools {
		if !it.left {
			if it.btn.Visible() {
				right += it.btn.MinSize().Width + gap
			}
			if it.sep != nil && it.sep.Visible() {
				right += it.sep.MinSize().Width + gap
			}
		}
	}
	if l.t.moreBtn.Visible() {
		right += l.t.moreBtn.MinSize().Width + gap
	}
	eh := l.t.m.search.entry.MinSize().Height
	l.t.searchSlot.Move(fyne.NewPos(x, (size.Height-eh)/2))
	l.t.searchSlot.Resize(fyne.NewSize(max(size.Width-x-right, 0), eh))
	x = size.Width - right + gap
	for _, it := range l.t.tools {
		if !it.left {
			x = place(it.btn, x)
			if it.sep != nil {
				x = place(it.sep, x)
			}
		}
	}
	place(l.t.moreBtn, x)
}

// MinSize is part of fyne.Layout: the search box, the buttons that never
// move into More, one row high.
func (l *toolbarLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := l.t.m.search.entry.MinSize().Height
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(searchMinWidth+l.t.moreBtn.MinSize().Width, h)
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// popupBelow is the absolute position under an object, for its menu.
func popupBelow(o fyne.CanvasObject) fyne.Position {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return pos.Add(fyne.NewPos(0, o.Size().Height))
}
