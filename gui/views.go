package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/table"
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

// contentArea is the middle of the window: the table, the reading view or
// the gallery showing the results, or an empty state without results. It
// takes the views, not the window.
type contentArea struct {
	prefs      fyne.Preferences
	res        *results
	table      *table.Table
	gallery    *galleryView
	reader     *readerView
	switcher   *viewSwitch // marks the shown mode
	empty      *emptyState
	box        *fyne.Container // the shown view, or an empty state
	mode       viewMode
	total      int // articles in the archive
	totalKnown bool
}

// setView switches the view mode.
func (c *contentArea) setView(m viewMode) {
	switch m {
	case viewReading, viewGallery:
	default:
		m = viewTable
	}
	c.mode = m
	setPref(c.prefs, prefView, string(m))
	c.switcher.show(m)
	c.showContent()
	switch m {
	case viewReading:
		c.reader.follow()
		c.reader.focus()
	case viewGallery:
		c.gallery.resultChanged(loadKeep) // it did not follow while hidden
	}
}

// showContent puts the current view, or an empty state, in the content area.
func (c *contentArea) showContent() {
	var obj fyne.CanvasObject
	switch {
	case c.res.Len() == 0 && c.totalKnown && c.total == 0:
		obj = c.empty.noArticles()
	case c.res.Len() == 0 && c.totalKnown:
		obj = c.empty.noMatches(c.res.query)
	case c.mode == viewGallery:
		obj = c.gallery.grid
	case c.mode == viewReading:
		obj = c.reader.view
	default:
		obj = c.table.View()
	}
	if len(c.box.Objects) == 1 && c.box.Objects[0] == obj {
		return
	}
	c.box.Objects = []fyne.CanvasObject{obj}
	c.box.Refresh()
}

// emptyState is what the content area shows without articles to list.
type emptyState struct {
	imports *transfers // its buttons import
	clear   func()     // clears the search
	title   *widget.Label
	message *widget.Label
	buttons *fyne.Container
	box     fyne.CanvasObject
}

func newEmptyState(imports *transfers, clearSearch func()) *emptyState {
	e := &emptyState{imports: imports, clear: clearSearch, title: widget.NewLabel(""), message: widget.NewLabel(""), buttons: container.NewHBox()}
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
	imp := widget.NewButtonWithIcon("Import files…", theme.DownloadIcon(), e.imports.importFilesDialog)
	imp.Importance = widget.HighImportance
	e.buttons.Objects = []fyne.CanvasObject{imp,
		widget.NewButtonWithIcon("Import folder…", theme.FolderOpenIcon(), e.imports.importFolderDialog)}
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
	clear := widget.NewButtonWithIcon("Clear search", theme.ContentClearIcon(), e.clear)
	e.buttons.Objects = []fyne.CanvasObject{clear}
	e.buttons.Refresh()
	return e.box
}
