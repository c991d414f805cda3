package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// viewMode is how the articles are shown.
type viewMode string

// The view modes, as stored in the preferences.
const (
	viewTable   viewMode = "table"
	viewReading viewMode = "reading"
	viewGallery viewMode = "gallery"
)

// viewSwitch is the segmented toggle between the view modes.
type viewSwitch struct {
	buttons map[viewMode]*widget.Button
	view    fyne.CanvasObject
}

func newViewSwitch(pick func(viewMode)) *viewSwitch {
	s := &viewSwitch{buttons: map[viewMode]*widget.Button{}}
	box := container.NewHBox()
	for _, m := range []struct {
		mode  viewMode
		label string
		icon  fyne.Resource
	}{
		{viewTable, "Table", theme.ListIcon()},
		{viewReading, "Reading", theme.DocumentIcon()},
		{viewGallery, "Gallery", theme.GridIcon()},
	} {
		mode := m.mode
		b := widget.NewButtonWithIcon(m.label, m.icon, func() { pick(mode) })
		s.buttons[mode] = b
		box.Add(b)
	}
	s.view = box
	return s
}

// show marks the active mode.
func (s *viewSwitch) show(m viewMode) {
	for mode, b := range s.buttons {
		b.Importance = widget.LowImportance
		if mode == m {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
}

// setView switches the view mode.
func (w *Window) setView(m viewMode) {
	switch m {
	case viewReading, viewGallery:
	default:
		m = viewTable
	}
	w.mode = m
	setPref(w.prefs, prefView, string(m))
	w.views.show(m)
	w.showContent()
	switch m {
	case viewReading:
		w.reader.follow()
		w.reader.focus()
	case viewGallery:
		w.gallery.resultChanged(loadKeep) // it did not follow while hidden
	}
}

// showContent puts the current view, or an empty state, in the content area.
func (w *Window) showContent() {
	var obj fyne.CanvasObject
	switch {
	case w.res.Len() == 0 && w.totalKnown && w.total == 0:
		obj = w.empty.noArticles()
	case w.res.Len() == 0 && w.totalKnown:
		obj = w.empty.noMatches(w.res.query)
	case w.mode == viewGallery:
		obj = w.gallery.grid
	case w.mode == viewReading:
		obj = w.reader.view
	default:
		obj = w.table.View()
	}
	if len(w.content.Objects) == 1 && w.content.Objects[0] == obj {
		return
	}
	w.content.Objects = []fyne.CanvasObject{obj}
	w.content.Refresh()
}

// emptyState is what the content area shows without articles to list.
type emptyState struct {
	w       *Window
	title   *widget.Label
	message *widget.Label
	buttons *fyne.Container
	box     fyne.CanvasObject
}

func newEmptyState(w *Window) *emptyState {
	e := &emptyState{w: w, title: widget.NewLabel(""), message: widget.NewLabel(""), buttons: container.NewHBox()}
	e.title.TextStyle.Bold = true
	e.title.SizeName = theme.SizeNameHeadingText
	e.title.Alignment = fyne.TextAlignCenter
	e.message.Alignment = fyne.TextAlignCenter
	e.message.Wrapping = fyne.TextWrapWord
	icon := canvas.NewImageFromResource(theme.DocumentIcon())
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	e.box = container.NewCenter(container.NewVBox(
		icon, e.title,
		container.NewGridWrap(fyne.NewSize(440, 60), e.message),
		container.NewCenter(e.buttons)))
	return e
}

// noArticles invites to import into an empty archive.
func (e *emptyState) noArticles() fyne.CanvasObject {
	e.title.SetText("No articles yet")
	e.message.SetText("Import seed files — single files, folders or .zip archives — or drop them onto this window.")
	imp := widget.NewButtonWithIcon("Import files…", theme.DownloadIcon(), e.w.importFilesDialog)
	imp.Importance = widget.HighImportance
	e.buttons.Objects = []fyne.CanvasObject{imp,
		widget.NewButtonWithIcon("Import folder…", theme.FolderOpenIcon(), e.w.importFolderDialog)}
	e.buttons.Refresh()
	return e.box
}

// noMatches explains an empty result.
func (e *emptyState) noMatches(q string) fyne.CanvasObject {
	if strings.ContainsRune(q, '"') {
		e.title.SetText("No matches for " + q)
	} else {
		e.title.SetText("No matches for “" + q + "”")
	}
	e.message.SetText("Try fewer or other words, or remove a filter in the sidebar.")
	clear := widget.NewButtonWithIcon("Clear search", theme.ContentClearIcon(), func() { e.w.search.setText("") })
	e.buttons.Objects = []fyne.CanvasObject{clear}
	e.buttons.Refresh()
	return e.box
}
