package gui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/table"
	"github.com/seedarchive/seedarchive/storage"
)

// menus are the window's menu bar and the menus the toolbar shares with it
// (columns, theme): each item calls the part of the window that does the
// work. It takes those parts, not the window.
type menus struct {
	win       fyne.Window
	prefs     fyne.Preferences
	settings  fyne.Settings           // where the theme is set
	arc       func() *storage.Archive // the open archive, checked among the recent ones
	hist      *history                // names the Undo and Redo items
	table     *table.Table            // its columns
	search    *searchBox
	transfers *transfers
	files     *archiveFiles
	linked    *linkedFolders
	bulk      *bulkActions
	images    *imageJobs
	act       menuActions
	themeMode ThemeMode
	// undoItem and redoItem are the Edit menu's, named after their step.
	undoItem, redoItem *fyne.MenuItem
}

// menuActions are the window's own actions its menus offer.
type menuActions struct {
	quit, newArticle, save func()
	setView                func(viewMode)
	focusPane              func(pane)
	columnsAt              func() fyne.Position // where View › Columns… opens the chooser
	setColumns             func(keys []string)  // show and remember columns (the Git column placed by the window)
	toggleGitColumn        func()               // show or hide the Git column as the user's choice
}

// mainMenu builds the window's menus; their shortcuts work wherever the
// focus is, and Alt opens the menu bar for the keyboard. The README's
// keyboard paragraph lists them.
func (m *menus) mainMenu() *fyne.MainMenu {
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
	recent.ChildMenu = fyne.NewMenu("", m.recentItems()...)
	file := fyne.NewMenu("File",
		item("Import files or zip…", ctrl(fyne.KeyI), m.transfers.importFilesDialog),
		item("Import folder…", ctrlShift(fyne.KeyI), m.transfers.importFolderDialog),
		item("Export…", ctrl(fyne.KeyE), m.transfers.exportDialog),
		fyne.NewMenuItemSeparator(),
		item("Open folder…", nil, m.linked.openFolderDialog),
		item("Unlink folder…", nil, m.linked.unlinkFolderDialog),
		fyne.NewMenuItemSeparator(),
		item("New archive…", ctrlShift(fyne.KeyN), m.files.newArchiveDialog),
		item("Open archive…", ctrl(fyne.KeyO), m.files.openArchiveDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		item("Back up…", nil, m.files.backupDialog),
		item("Restore…", nil, m.files.restoreDialog),
		m.files.backupsKeptItem(),
		fyne.NewMenuItemSeparator(),
		quit(item("Quit", ctrl(fyne.KeyQ), m.act.quit)),
	)
	m.undoItem = item("Undo", &fyne.ShortcutUndo{}, m.undoAction)
	m.redoItem = item("Redo", &fyne.ShortcutRedo{}, m.redoAction)
	edit := fyne.NewMenu("Edit",
		m.undoItem,
		m.redoItem,
		fyne.NewMenuItemSeparator(),
		item("New article", ctrl(fyne.KeyN), m.act.newArticle),
		item("Save article", ctrl(fyne.KeyS), m.act.save),
		item("Delete…", nil, m.bulk.confirmDelete),
		fyne.NewMenuItemSeparator(),
		item("Find", ctrl(fyne.KeyF), m.focusSearch),
	)
	articles := fyne.NewMenu("Articles", append(m.bulk.bulkItems(),
		fyne.NewMenuItemSeparator(),
		item("Fetch images…", ctrlShift(fyne.KeyF), m.images.fetchImagesDialog),
	)...)
	themeItem := fyne.NewMenuItem("Theme", nil)
	themeItem.ChildMenu = fyne.NewMenu("", m.themeItems()...)
	view := fyne.NewMenu("View",
		item("Table", ctrlShift(fyne.KeyT), func() { m.act.setView(viewTable) }),
		item("Reading", ctrlShift(fyne.KeyR), func() { m.act.setView(viewReading) }),
		item("Gallery", ctrlShift(fyne.KeyG), func() { m.act.setView(viewGallery) }),
		fyne.NewMenuItemSeparator(),
		item("Go to sidebar", ctrl(fyne.Key1), func() { m.act.focusPane(paneSidebar) }),
		item("Go to results", ctrl(fyne.Key2), func() { m.act.focusPane(paneResults) }),
		item("Go to editor", ctrl(fyne.Key3), func() { m.act.focusPane(paneEditor) }),
		fyne.NewMenuItemSeparator(),
		item("Columns…", nil, func() { m.showColumnsMenu(m.act.columnsAt()) }),
		item("Git changes…", nil, m.linked.gitDialog),
		themeItem,
		fyne.NewMenuItemSeparator(),
		m.images.fetchAfterImportItem(),
		m.images.fetchLocalItem(),
	)
	menu := fyne.NewMainMenu(file, edit, articles, view)
	for _, top := range menu.Items {
		m.modalOwnsKeys(top.Items)
	}
	return menu
}

// modalOwnsKeys makes the items' shortcuts give way to a dialog or pop-up
// over the window. Fyne runs a menu shortcut before the focused widget
// sees it, so without this Ctrl+F would focus the search box behind the
// export dialog and Ctrl+Z would undo an archive change from a dialog's
// entry. While an overlay is open the shortcut goes to the widget focused
// in it instead (Ctrl+Z, Ctrl+A in its entry), as it would with no menu.
func (m *menus) modalOwnsKeys(items []*fyne.MenuItem) {
	for _, it := range items {
		if it.ChildMenu != nil {
			m.modalOwnsKeys(it.ChildMenu.Items)
		}
		if it.Shortcut == nil || it.Action == nil {
			continue
		}
		action, sc := it.Action, it.Shortcut
		it.Action = func() {
			c := m.win.Canvas()
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

// recentItems lists the archives opened before.
func (m *menus) recentItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, p := range m.prefs.StringList(prefRecent) {
		path := p
		it := fyne.NewMenuItem(filepath.Base(path)+"  —  "+filepath.Dir(path), func() { m.files.switchArchive(path) })
		it.Checked = m.arc() != nil && path == m.arc().Path()
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
func (m *menus) themeItems() []*fyne.MenuItem {
	items := make([]*fyne.MenuItem, len(themeModes))
	for i, mode := range themeModes {
		items[i] = fyne.NewMenuItem(mode.label(), func() { m.setTheme(mode) })
		items[i].Checked = mode == m.themeMode
	}
	return items
}

// setTheme switches between system, light and dark.
func (m *menus) setTheme(mode ThemeMode) {
	m.themeMode = mode
	setPref(m.prefs, prefTheme, string(mode))
	m.settings.SetTheme(newAppTheme(mode))
	m.rebuild()
}

// rebuild shows the menus anew, after a preference they show changed.
func (m *menus) rebuild() { m.win.SetMainMenu(m.mainMenu()) }

// undoAction is Ctrl+Z: in the search box its own undo, elsewhere the
// window's history (the editor's unsaved edits first).
func (m *menus) undoAction() {
	if m.focusedSearch() {
		m.search.entry.Undo()
		return
	}
	m.hist.step(false)
}

// redoAction is Ctrl+Y / Ctrl+Shift+Z.
func (m *menus) redoAction() {
	if m.focusedSearch() {
		m.search.entry.Redo()
		return
	}
	m.hist.step(true)
}

// focusedSearch reports whether the search box has the keyboard.
func (m *menus) focusedSearch() bool {
	return m.win.Canvas().Focused() == m.search.entry
}

// focusSearch is Ctrl+F.
func (m *menus) focusSearch() {
	m.win.Canvas().Focus(m.search.entry)
	m.search.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// showColumnsMenu is the column chooser: every field can be a column.
func (m *menus) showColumnsMenu(at fyne.Position) {
	shown := map[string]bool{}
	for _, k := range m.table.ColumnKeys() {
		shown[k] = true
	}
	var items []*fyne.MenuItem
	for _, c := range table.AllColumns() {
		key := c.Key
		it := fyne.NewMenuItem(c.Label, func() { m.toggleColumn(key) })
		it.Checked = shown[key]
		items = append(items, it)
	}
	items = append(items, fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Reset columns", func() {
			m.prefs.SetString(prefGitColumn, "")
			m.table.ResetWidths()
			m.setColumns(table.DefaultColumns)
		}))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), m.win.Canvas(), at)
}

// toggleColumn shows or hides a column.
func (m *menus) toggleColumn(key string) {
	if key == gitColumn {
		m.act.toggleGitColumn()
		return
	}
	keys := m.table.ColumnKeys()
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
	m.setColumns(out)
}

// setColumns shows and remembers the columns keys (the window places the
// Git column).
func (m *menus) setColumns(keys []string) { m.act.setColumns(keys) }

// refreshHistory names the next undo and redo steps in the Edit menu, and
// greys out what has none.
func (m *menus) refreshHistory() {
	changed := false
	for _, it := range []struct {
		item *fyne.MenuItem
		redo bool
	}{{m.undoItem, false}, {m.redoItem, true}} {
		if it.item == nil {
			continue
		}
		label := m.hist.label(it.redo)
		off := label == ""
		if off {
			label = "Undo"
			if it.redo {
				label = "Redo"
			}
		}
		if it.item.Label != label || it.item.Disabled != off {
			it.item.Label, it.item.Disabled = label, off
			changed = true
		}
	}
	if mm := m.win.MainMenu(); changed && mm != nil {
		mm.Refresh()
	}
}

// quit marks the item that ends the app (Fyne adds none of its own then).
func quit(it *fyne.MenuItem) *fyne.MenuItem {
	it.IsQuit = true
	return it
}
