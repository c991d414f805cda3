package gui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/table"
)

// mainMenu builds the window's menus; their shortcuts work wherever the
// focus is, and Alt opens the menu bar for the keyboard. The README's
// keyboard paragraph lists them.
func (w *Window) mainMenu() *fyne.MainMenu {
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	ctrlShift := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	}
	item := func(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Shortcut = sc
		return it
	}
	recent := fyne.NewMenuItem("Open recent", nil)
	recent.ChildMenu = fyne.NewMenu("", w.recentItems()...)
	file := fyne.NewMenu("File",
		item("Import files or zip…", ctrl(fyne.KeyI), w.importFilesDialog),
		item("Import folder…", ctrlShift(fyne.KeyI), w.importFolderDialog),
		item("Export…", ctrl(fyne.KeyE), w.exportDialog),
		fyne.NewMenuItemSeparator(),
		item("Open folder…", nil, w.openFolderDialog),
		item("Unlink folder…", nil, w.unlinkFolderDialog),
		fyne.NewMenuItemSeparator(),
		item("New archive…", ctrlShift(fyne.KeyN), w.newArchiveDialog),
		item("Open archive…", ctrl(fyne.KeyO), w.openArchiveDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		item("Back up…", nil, w.backupDialog),
		item("Restore…", nil, w.restoreDialog),
		w.backupsKeptItem(),
		fyne.NewMenuItemSeparator(),
		quit(item("Quit", ctrl(fyne.KeyQ), w.closeIntercept)),
	)
	w.undoItem = item("Undo", &fyne.ShortcutUndo{}, w.undoAction)
	w.redoItem = item("Redo", &fyne.ShortcutRedo{}, w.redoAction)
	edit := fyne.NewMenu("Edit",
		w.undoItem,
		w.redoItem,
		fyne.NewMenuItemSeparator(),
		item("New article", ctrl(fyne.KeyN), w.newArticle),
		item("Save article", ctrl(fyne.KeyS), func() { w.editor.Save() }),
		item("Delete…", nil, w.confirmDelete),
		fyne.NewMenuItemSeparator(),
		item("Find", ctrl(fyne.KeyF), w.focusSearch),
	)
	articles := fyne.NewMenu("Articles", append(w.bulk.bulkItems(),
		fyne.NewMenuItemSeparator(),
		item("Fetch images…", ctrlShift(fyne.KeyF), w.fetchImagesDialog),
	)...)
	themeItem := fyne.NewMenuItem("Theme", nil)
	themeItem.ChildMenu = fyne.NewMenu("", w.themeItems()...)
	view := fyne.NewMenu("View",
		item("Table", ctrlShift(fyne.KeyT), func() { w.setView(viewTable) }),
		item("Reading", ctrlShift(fyne.KeyR), func() { w.setView(viewReading) }),
		item("Gallery", ctrlShift(fyne.KeyG), func() { w.setView(viewGallery) }),
		fyne.NewMenuItemSeparator(),
		item("Go to sidebar", ctrl(fyne.Key1), func() { w.focusPane(paneSidebar) }),
		item("Go to results", ctrl(fyne.Key2), func() { w.focusPane(paneResults) }),
		item("Go to editor", ctrl(fyne.Key3), func() { w.focusPane(paneEditor) }),
		fyne.NewMenuItemSeparator(),
		item("Columns…", nil, func() { w.showColumnsMenu(popupBelow(w.tools.columnsBtn)) }),
		item("Git changes…", nil, w.gitDialog),
		themeItem,
		fyne.NewMenuItemSeparator(),
		w.fetchAfterImportItem(),
		w.fetchLocalItem(),
	)
	menu := fyne.NewMainMenu(file, edit, articles, view)
	for _, m := range menu.Items {
		w.modalOwnsKeys(m.Items)
	}
	return menu
}

// modalOwnsKeys makes the items' shortcuts give way to a dialog or pop-up
// over the window. Fyne runs a menu shortcut before the focused widget
// sees it, so without this Ctrl+F would focus the search box behind the
// export dialog and Ctrl+Z would undo an archive change from a dialog's
// entry. While an overlay is open the shortcut goes to the widget focused
// in it instead (Ctrl+Z, Ctrl+A in its entry), as it would with no menu.
func (w *Window) modalOwnsKeys(items []*fyne.MenuItem) {
	for _, it := range items {
		if it.ChildMenu != nil {
			w.modalOwnsKeys(it.ChildMenu.Items)
		}
		if it.Shortcut == nil || it.Action == nil {
			continue
		}
		action, sc := it.Action, it.Shortcut
		it.Action = func() {
			c := w.win.Canvas()
			if c.Overlays().Top() == nil {
				action()
				return
			}
			if f, ok := c.Focused().(fyne.Shortcutable); ok {
				f.TypedShortcut(sc)
			}
		}
	}
}

// fetchAfterImportItem toggles fetching the images of imported articles.
func (w *Window) fetchAfterImportItem() *fyne.MenuItem {
	on := w.prefs.BoolWithFallback(prefFetchAfterImport, true)
	it := fyne.NewMenuItem("Fetch images after import", func() { w.setFetchAfterImport(!on) })
	it.Checked = on
	return it
}

// fetchLocalItem toggles fetching images from hosts on the local network.
func (w *Window) fetchLocalItem() *fyne.MenuItem {
	on := w.prefs.Bool(prefFetchLocal)
	it := fyne.NewMenuItem("Fetch images from the local network", func() { w.setFetchLocal(!on) })
	it.Checked = on
	return it
}

// recentItems lists the archives opened before.
func (w *Window) recentItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, p := range w.prefs.StringList(prefRecent) {
		path := p
		it := fyne.NewMenuItem(filepath.Base(path)+"  —  "+filepath.Dir(path), func() { w.switchArchive(path) })
		it.Checked = w.arc != nil && path == w.arc.Path()
		items = append(items, it)
	}
	if len(items) == 0 {
		it := fyne.NewMenuItem("(none)", nil)
		it.Disabled = true
		items = append(items, it)
	}
	return items
}

// themeItems offer the theme modes, the current one checked.
func (w *Window) themeItems() []*fyne.MenuItem {
	items := make([]*fyne.MenuItem, len(themeModes))
	for i, m := range themeModes {
		mode := m
		items[i] = fyne.NewMenuItem(m.label(), func() { w.setTheme(mode) })
		items[i].Checked = m == w.themeMode
	}
	return items
}

// setTheme switches between system, light and dark.
func (w *Window) setTheme(m ThemeMode) {
	w.themeMode = m
	setPref(w.prefs, prefTheme, string(m))
	w.app.Settings().SetTheme(newAppTheme(m))
	w.win.SetMainMenu(w.mainMenu())
}

// focusSearch is Ctrl+F.
func (w *Window) focusSearch() {
	w.win.Canvas().Focus(w.search.entry)
	w.search.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// showColumnsMenu is the column chooser: every field can be a column.
func (w *Window) showColumnsMenu(at fyne.Position) {
	shown := map[string]bool{}
	for _, k := range w.table.ColumnKeys() {
		shown[k] = true
	}
	var items []*fyne.MenuItem
	for _, c := range table.AllColumns() {
		key := c.Key
		it := fyne.NewMenuItem(c.Label, func() { w.toggleColumn(key) })
		it.Checked = shown[key]
		items = append(items, it)
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Reset columns", func() {
			w.table.ResetWidths()
			w.setColumns(table.DefaultColumns)
		}))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), w.win.Canvas(), at)
}

// toggleColumn shows or hides a column.
func (w *Window) toggleColumn(key string) {
	keys := w.table.ColumnKeys()
	out := keys[:0:0]
	found := false
	for _, k := range keys {
		if k == key {
			found = true
			continue
		}
		out = append(out, k)
	}
	if !found {
		out = append(out, key)
	}
	w.setColumns(out)
}

func (w *Window) setColumns(keys []string) {
	w.table.SetColumns(keys)
	w.prefs.SetStringList(prefColumns, w.table.ColumnKeys())
	w.prefs.SetString(prefWidths, encodeWidths(w.table.Widths()))
}

// quit marks the item that ends the app (Fyne adds none of its own then).
func quit(it *fyne.MenuItem) *fyne.MenuItem {
	it.IsQuit = true
	return it
}
