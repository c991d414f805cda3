package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"github.com/seedarchive/seedarchive/gui/editor"
	"github.com/seedarchive/seedarchive/gui/table"
	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/storage"
)

// Window is Seed Archive's main window over one open archive.
type Window struct {
	app   fyne.App
	win   fyne.Window
	prefs fyne.Preferences
	tasks *tasks
	arc   *storage.Archive
	// hasGit: a linked folder of arc is in a git working tree (see checkGitFolder).
	hasGit bool

	thumbs  *swapSource // every thumbnail's source, switched with the archive
	imgJobs imageJobs   // image fetches, the image cache and its preferences

	res   *results // the one result model every view shows
	table *table.Table

	facetLater debouncer // counts the facets once the results stop changing
	showLater  *restGate // shows the focused article once the cursor rests
	search     *searchBox
	facets     *facetPanel
	status     *statusBar
	editor     *editor.Editor
	gallery    *galleryView
	pane       *editorPane // the editor, or a summary of the results
	reader     *readerView
	content    *contentArea // the shown view of the results, or an empty state
	tools      *toolbar
	tip        *table.HoverTip
	sideSplit  *container.Split
	editSplit  *container.Split

	// The parts that act: each takes what it needs, not the window.
	hist      *history      // the one history of archive changes
	edits     *archiveEdits // in-cell edits and bulk actions
	bulk      *bulkActions  // actions on the selection and on sets
	transfers *transfers    // imports and exports
	files     *archiveFiles // opening, creating, backing up and restoring archive files
	linked    *linkedFolders
	menus     *menus    // the menu bar, and the menus the toolbar shares
	keys      *paneKeys // moves the keyboard between the panes

	watcher *watcher // polls for other programs' changes

	focusNext   int64 // select this article once the next load arrives
	focusReveal bool  // clear the search if it hides focusNext
	editNew     int64 // put the cursor in this new article's title once loaded
	cursorFirst bool  // move the keyboard to the first result once the next load arrives

	// onEditorLoaded is a test hook, called after the editor loaded an article.
	onEditorLoaded func(id int64)
	// splits says whether the splits still follow the window's width.
	splits autoSplits
	// shown is set once ShowAndRun showed the window (see setTitle).
	shown bool
}

// New builds the main window for an open archive; the window takes over
// closing it. Call ShowAndRun (or Window().Show()).
func New(a fyne.App, arc *storage.Archive) *Window {
	return newWindow(a, arc, newTasks())
}

func newWindow(a fyne.App, arc *storage.Archive, t *tasks) *Window {
	w := &Window{app: a, prefs: a.Preferences(), tasks: t, arc: arc}
	w.hist = &history{tasks: t}
	w.hist.OnMoved = w.historyMoved
	w.hist.OnFailed = w.showError
	w.win = a.NewWindow("Seed Archive")
	a.Settings().SetTheme(newAppTheme(parseThemeMode(w.prefs.String(prefTheme))))
	w.build()
	w.menus.rebuild()
	w.win.SetOnDropped(w.transfers.dropped)
	w.win.SetCloseIntercept(w.closeIntercept)
	// Ctrl+Shift+Z redoes too (the Edit menu shows Ctrl+Y) when no widget
	// with shortcuts of its own has the focus.
	w.win.Canvas().AddShortcut(redoShiftZ, func(fyne.Shortcut) {
		if w.win.Canvas().Overlays().Top() == nil { // a dialog owns the keyboard
			w.menus.redoAction()
		}
	})
	w.win.Resize(fyne.NewSize(
		float32(w.prefs.FloatWithFallback(prefWidth, 1400)),
		float32(w.prefs.FloatWithFallback(prefHeight, 860))))
	w.openArchive(arc)
	w.watch()
	return w
}

// Window is the fyne.Window.
func (w *Window) Window() fyne.Window { return w.win }

// ShowAndRun shows the window and runs the app until it closes.
// The window is created with the title "Seed Archive": X11 takes the
// window class (matched by the launcher's StartupWMClass) from the first
// title, so the archive's name is added only once the window exists.
func (w *Window) ShowAndRun() {
	w.win.Show()
	w.shown = true
	w.setTitle()
	w.app.Run()
}

// setTitle names the archive in the title, once the window was shown.
func (w *Window) setTitle() {
	if w.shown && w.arc != nil {
		w.win.SetTitle(windowTitle(w.arc.Path()))
	}
}

// windowTitle is the title for the archive at path: the app and the file name.
func windowTitle(path string) string {
	return "Seed Archive — " + filepath.Base(path)
}

// build creates the widgets and lays them out.
func (w *Window) build() {
	w.thumbs = &swapSource{}
	pg := table.NewPager(nil, w.tasks)
	pg.OnError = func(err error) { w.status.say("Could not read the archive: " + err.Error()) }
	pg.OnStale = w.refresh
	pg.OnCounted = w.counted
	pg.OnListed = w.listed
	w.res = newResults(pg)
	w.res.sort = w.prefs.String(prefSort)
	if !storage.Sortable(w.res.sort) {
		w.res.sort = "" // saved by an earlier version that could sort by it
	}
	w.res.Guard = w.guardCursor
	w.res.OnSelect = w.selectionChanged
	upgradeColumns(w.prefs)
	widths := decodeWidths(w.prefs.String(prefWidths))
	cols := w.prefs.StringListWithFallback(prefColumns, table.DefaultColumns)
	w.table = table.New(w.res, withGitColumn(cols, w.showsGit()), widths)
	w.res.watch(tableView{w.table})
	w.table.OnSort = func() {
		w.table.Rewind()
		w.load(loadFollow)
	}
	w.table.OnEdit = w.editCell
	w.table.OnEditFailed = func(err error) { w.edits.failed(err) } // as a bulk edit's failure
	w.table.OnDelete = func() { w.bulk.confirmDelete() }
	w.table.OnRedo = func() { w.menus.redoAction() }
	w.table.OnContextMenu = func(at fyne.Position) { w.bulk.showBulkMenu(at) }
	w.table.OnColumnsMenu = func(at fyne.Position) { w.menus.showColumnsMenu(at) }
	paneKey := func(ev *fyne.KeyEvent) bool { return w.keys.paneKey(ev) }
	w.table.OnKey = paneKey
	w.tip = table.NewHoverTip(w.tasks.After)
	w.table.SetTip(w.tip)

	w.search = newSearchBox(w.tasks)
	w.search.OnRun = func(q string) { w.runQuery(q) }
	w.search.OnKey = paneKey
	w.search.OnLeave = func(ran bool) {
		// A query just run moves the keyboard once its results are shown:
		// until then the window may show the empty state of the last one.
		w.cursorFirst = ran
		if !ran {
			w.keys.focusResults(true)
		}
	}

	w.facets = newFacetPanel(w.tasks, w.prefs)
	w.facetLater = debouncer{tasks: w.tasks, delay: facetDelay}
	w.showLater = newRestGate(w.tasks, showRest)
	w.facets.OnToggle = w.search.setText
	w.facets.OnSaveSet = func() { w.bulk.saveSearchAsSet() }
	w.facets.OnSetMenu = func(name string, smart bool, at fyne.Position) { w.bulk.showSetMenu(name, smart, at) }
	w.facets.OnError = func(err error) { w.status.say(err.Error()) }
	w.facets.OnKey = paneKey

	w.status = newStatusBar()
	w.assembleActions()

	w.gallery = newGalleryView(w.res, w.thumbs, func() bool { return w.content.mode == viewGallery })
	w.reader = newReaderView(w.res, w.win, w.tasks, func() bool { return w.content.mode == viewReading }, func(topic string) {
		w.search.setText(query.WithTerm(w.res.query, query.Term("topic", topic)))
	})
	w.content = &contentArea{prefs: w.prefs, res: w.res, table: w.table, gallery: w.gallery, reader: w.reader,
		empty: newEmptyState(w.transfers, func() { w.search.setText("") }), box: container.NewStack()}
	w.content.switcher = newViewSwitch(w.content.setView)
	w.menus = &menus{
		win: w.win, prefs: w.prefs, settings: w.app.Settings(), arc: w.edits.arc, hist: w.hist,
		table: w.table, search: w.search, transfers: w.transfers, files: w.files, linked: w.linked, bulk: w.bulk, images: &w.imgJobs,
		act: menuActions{
			quit: w.closeIntercept, newArticle: w.newArticle,
			save:    func() { w.editor.Save() },
			setView: w.content.setView, focusPane: func(p pane) { w.keys.focusPane(p) },
			columnsAt:  func() fyne.Position { return popupBelow(w.tools.columnsBtn) },
			setColumns: w.setColumns, toggleGitColumn: w.toggleGitColumn,
		},
		themeMode: parseThemeMode(w.prefs.String(prefTheme)),
	}
	w.tools = newToolbar(w.menus, w.res, w.content.switcher, w.tip)

	w.pane = newEditorPane(w.res, w.facets, func() *editor.Editor { return w.editor })
	w.facets.OnLoaded = w.pane.update
	w.editSplit = container.NewHSplit(w.content.box, w.pane.view)
	w.editSplit.Offset = w.prefs.FloatWithFallback(prefSplitEditor, defaultSplitEditor)
	w.sideSplit = container.NewHSplit(w.facets.view, w.editSplit)
	w.sideSplit.Offset = w.prefs.FloatWithFallback(prefSplitSide, defaultSplitSide)
	// Splits never moved follow the window's width (see autoSplits.fit).
	w.splits = autoSplits{on: w.prefs.FloatWithFallback(prefSplitSide, -1) < 0 && w.prefs.FloatWithFallback(prefSplitEditor, -1) < 0,
		side: w.sideSplit.Offset, editor: w.editSplit.Offset}
	w.keys = &paneKeys{
		win: w.win, search: w.search, facets: w.facets, res: w.res, table: w.table, gallery: w.gallery, reader: w.reader,
		status: w.status, editor: func() *editor.Editor { return w.editor },
		editorPane: func() fyne.CanvasObject { return w.pane.view }, mode: func() viewMode { return w.content.mode },
	}
	// The search box comes first: see rootLayout.
	root := rootLayout{tools: w.tools, status: w.status, search: w.search, tip: w.tip, splits: &w.splits, side: w.sideSplit, edit: w.editSplit}
	w.win.SetContent(container.New(root, w.search.entry, w.sideSplit, w.tools.view, w.status.view,
		w.tip.Layer(), w.search.layer))
	w.content.setView(viewMode(w.prefs.String(prefView)))
}

// assembleActions creates the parts that act on the archive and its files,
// each handed what it needs: the status bar, the results and the window's
// reactions as funcs.
func (w *Window) assembleActions() {
	w.linked = &linkedFolders{
		win: w.win, arc: func() *storage.Archive { return w.arc }, tasks: w.tasks, status: w.status,
		watch: w.folderWatch,
		changed: func() {
			w.externalChange()
			w.tools.refresh()
		},
		failed: w.showError,
	}
	w.edits = &archiveEdits{
		arc: w.linked.arc, tasks: w.tasks, hist: w.hist, status: w.status,
		changed: func(ids []int64) {
			w.afterChange(ids)
			w.tools.refresh()
		},
		failed: w.linked.editFailed,
	}
	w.bulk = &bulkActions{
		win: w.win, res: w.res, arc: w.edits.arc, tasks: w.tasks, hist: w.hist, edits: w.edits, status: w.status,
		editor:  func() leaveGuard { return w.editor },
		changed: w.edits.changed, failed: w.linked.editFailed,
		forget: func(ids []int64) {
			if slices.Contains(ids, w.editor.ID()) {
				w.editor.Clear() // the user chose to delete it, unsaved edits too
			}
			if w.reader.r != nil && slices.Contains(ids, w.reader.r.ID()) {
				w.reader.r.Clear()
			}
		},
		focus: func(id int64) { w.focusNext, w.focusReveal = id, false },
	}

	w.imgJobs = imageJobs{
		win: w.win, prefs: w.prefs, res: w.res, arc: w.edits.arc, tasks: w.tasks, status: w.status, thumbs: w.thumbs,
		reloadViews: func() {
			w.editor.ReloadImages()
			if w.reader.r != nil {
				w.reader.r.ReloadImages()
			}
			w.gallery.reloadThumbs()
		},
		menuChanged: func() { w.menus.rebuild() },
	}
	w.transfers = &transfers{
		win: w.win, prefs: w.prefs, res: w.res, arc: w.edits.arc, tasks: w.tasks, hist: w.hist, status: w.status,
		imported: func() {
			w.tools.refresh()
			w.refresh()
			w.editor.RefreshValues()
		},
		fetchImages: w.imgJobs.fetchAfterImport, failed: w.showError,
	}

	w.files = &archiveFiles{
		win: w.win, prefs: w.prefs, arc: w.edits.arc, tasks: w.tasks, hist: w.hist, status: w.status,
		transfers: w.transfers, editor: w.bulk.editor,
		leave: func() <-chan struct{} {
			w.saveLayout()
			return w.imgJobs.cancel()
		},
		open: w.openArchive, menuChanged: func() { w.menus.rebuild() }, failed: w.showError,
	}
}

// openArchive switches the window to arc: new undo history, the last query.
func (w *Window) openArchive(arc *storage.Archive) {
	w.arc = arc
	if w.watcher != nil {
		w.watcher.arc.Store(arc)
	}
	w.res.SetSource(arc)
	w.hist.reset()
	w.tasks.Go(func() func() {
		_ = arc.PurgeOlder(context.Background(), time.Now().Add(-staleTrash))
		return nil
	})
	w.res.forget()
	w.table.Forget()
	w.imgJobs.open(arc)
	w.editor = w.replaceEditor()
	w.reader.open(arc, w.thumbs)
	w.content.totalKnown = false
	w.setTitle()
	addRecent(w.prefs, arc.Path())
	w.menus.rebuild()
	// The article focused when the archive was left is focused again, if
	// the last query still lists it.
	w.focusNext, w.focusReveal = int64(w.prefs.Int(selectedPref(arc.Path()))), false
	w.search.setText(w.prefs.String(queryPref(arc.Path())))
	w.files.importSamplesIfNew()
	w.files.scheduleBackups(arc)
	w.checkGitFolder()
}

// replaceEditor gives the new archive a fresh editor in the split.
func (w *Window) replaceEditor() *editor.Editor {
	e := editor.New(w.arc, w.win, w.thumbs)
	e.UseRunner(w.tasks)
	e.OnSaved = w.editorSaved
	e.OnDiskSynced = w.externalChange
	e.OnLoaded = func(id int64) {
		if id == w.editNew {
			w.editNew = 0
			e.EditTitle()
		}
		w.pane.update()
		w.tools.refresh() // a load empties the editor's history
		if w.onEditorLoaded != nil {
			w.onEditorLoaded(id)
		}
	}
	e.OnDirtyChanged = func(bool) { w.tools.refresh() }
	e.OnPaneKey = func() { w.keys.nextPane(false) }
	e.OnHistoryEnd = w.hist.run
	w.hist.local = e
	w.editor = e
	w.pane.update()
	return e
}

// redoShiftZ is Ctrl+Shift+Z (Cmd+Shift+Z on macOS), which the focused
// table takes too.
var redoShiftZ = table.RedoShortcut

// facetDelay is how long the results must stay, once listed, before the
// sidebar counts them: counting a broad query takes longer than a keystroke,
// and would slow the next one's results while typing.
var facetDelay = 150 * time.Millisecond

// loadMode says what a reload keeps.
type loadMode int

const (
	loadKeep   loadMode = iota // an edit: keep the scroll position and the selection
	loadFollow                 // a new sort order: scroll to the focused article
	loadNew                    // a new query: from the top, rows shown before the ids are listed
)

// runQuery shows the articles matching q, from the top.
func (w *Window) runQuery(q string) {
	w.res.query = q
	w.table.Rewind()
	w.load(loadNew)
}

// refresh re-runs the current query after a change, keeping the scroll
// position and the selection.
func (w *Window) refresh() { w.load(loadKeep) }

// load runs the current query and sort.
func (w *Window) load(mode loadMode) {
	q := w.res.query
	opts := storage.ListOptions{Query: q, Sort: w.res.sort}
	w.res.Load(opts, w.table.Top(), max(w.table.Fit(), 1), mode == loadNew, func(err error) {
		if err != nil {
			if isQueryError(err) {
				w.search.showError(err)
			} else {
				w.status.say("Search failed: " + err.Error())
			}
			return
		}
		w.search.showError(nil)
		setPref(w.prefs, queryPref(w.arc.Path()), q)
		setPref(w.prefs, prefSort, w.res.sort)
		w.res.changed(mode)
		// After the ids: for a common prefix, the facets' queries and the
		// listing would each hold an FTS5 merge of the match in memory.
		w.res.WhenListed(func() {
			w.facetLater.trigger(func() {
				total := 0
				if w.res.query == q && w.res.Counted() {
					total = w.res.Len()
				}
				w.facets.load(w.arc, q, total)
			})
		})
		w.countAll()
		w.content.showContent()
		if w.focusNext != 0 {
			w.res.WhenListed(w.applyFocusNext)
		} else {
			w.selectionChanged()
		}
		if w.cursorFirst {
			w.cursorFirst = false
			w.keys.focusResults(true)
		}
	})
}

// focusAfterLoad selects an article once the table has reloaded; with
// reveal, a search hiding it is cleared.
func (w *Window) focusAfterLoad(id int64, reveal bool) {
	w.focusNext, w.focusReveal = id, reveal
	w.refresh()
}

// applyFocusNext runs after a load: it selects focusNext if it is shown.
func (w *Window) applyFocusNext() {
	id := w.focusNext
	if w.res.focusID(id) {
		w.focusNext = 0
		w.res.selected(true)
		return
	}
	if !w.focusReveal || w.res.query == "" {
		w.focusNext = 0
		w.selectionChanged()
		return
	}
	w.search.setText("") // keeps focusNext for the next load
}

// counted follows the count of a quick result arriving: the scroll bar and
// the status bar.
func (w *Window) counted() {
	w.res.countArrived()
	w.updateStatus()
}

// listed follows the ids of a quick result arriving: the selection and the
// focused article are matched against the whole result.
func (w *Window) listed() {
	w.res.changed(loadKeep)
	w.content.showContent()
	w.selectionChanged()
}

// countAll counts the whole archive for the status bar and the empty state.
func (w *Window) countAll() {
	arc := w.arc
	w.tasks.Go(func() func() {
		n, err := arc.Count(context.Background(), "")
		return func() {
			if err != nil || arc != w.arc {
				return
			}
			w.content.total, w.content.totalKnown = n, true
			w.updateStatus()
			w.content.showContent()
		}
	})
}

// updateStatus shows the counts.
func (w *Window) updateStatus() {
	w.status.setCounts(w.res.Len(), w.res.Counted(), w.content.total, len(w.res.sel))
}

// showRest is how long the cursor must have been still for the editor (or
// the reading view) to show the next article at once; while it moves
// faster, the article it stops on is shown when it has rested that long.
// Each article shown draws its texts anew and Fyne keeps what it drew for
// a while (internal/fyneenv), so showing every article a held arrow key
// passes would grow the app's memory with the time the key is held
// (TestHeldDownKeyShowsOnlyWhereItStops).
const showRest = 150 * time.Millisecond

// selectionChanged follows the table's selection: the editor shows the
// focused article, the toolbar enables what applies.
func (w *Window) selectionChanged() {
	w.updateStatus()
	w.tools.refresh()
	w.pane.update()
	w.showLater.run(w.showFocused)
}

// showFocused shows the focused article in the editor and the reading view:
// with several selected too, so both show the same one. A user editing the
// article still shown is asked first.
func (w *Window) showFocused() {
	id := w.res.cursorID()
	if id != 0 && id != w.editor.ID() {
		w.editor.ConfirmLeave(func(ok bool) {
			if ok && id == w.res.cursorID() {
				w.editor.Load(id)
			}
		})
	}
	w.reader.follow()
}

// guardCursor lets the table move to another article once the editor's
// unsaved changes are dealt with.
func (w *Window) guardCursor(_ int64, proceed func()) {
	w.editor.ConfirmLeave(func(ok bool) {
		if ok {
			proceed()
		}
	})
}

// editorSaved records a save as a step of the archive's history (the
// editor's own undo covers only the edits before it) and refreshes the
// views.
func (w *Window) editorSaved(s editor.Saved) {
	if s.Before != nil {
		w.hist.push(patchStep(w.arc, s.Label(), []textPatch{newTextPatch(s.ID, s.Before, s.After)}))
	}
	w.status.say(fmt.Sprintf("Saved article %d", s.ID))
	w.tools.refresh()
	w.load(loadFollow) // under a sort the saved row may move: the views follow it
}

// showError shows a failure in a dialog.
func (w *Window) showError(err error) {
	dialog.ShowError(err, w.win)
}

// closeIntercept saves the layout and asks about unsaved edits before closing.
func (w *Window) closeIntercept() {
	w.editor.ConfirmLeave(func(ok bool) {
		if !ok {
			return
		}
		w.saveLayout()
		w.stopWatching()
		fetching := w.imgJobs.cancel() != nil
		if w.status.busy() || fetching {
			// Stop the running jobs: an open transaction is never committed,
			// so SQLite rolls it back; earlier batches stay. (The trash of
			// this window's deletions is emptied by a later start.)
			w.status.stop()
		} else {
			// The history goes with the window: empty its deletions'
			// trash (a second or so for 100,000 articles).
			_ = dropSteps(context.Background(), w.hist.reset())
			_ = w.arc.Close()
		}
		w.win.Close()
	})
}

// saveLayout remembers the window size, splits, columns and widths.
func (w *Window) saveLayout() {
	s := w.win.Canvas().Size()
	if s.Width > 100 && s.Height > 100 {
		w.prefs.SetFloat(prefWidth, float64(s.Width))
		w.prefs.SetFloat(prefHeight, float64(s.Height))
	}
	if w.splits.moved(w.sideSplit, w.editSplit) { // default splits keep following the width
		w.prefs.SetFloat(prefSplitSide, w.sideSplit.Offset)
		w.prefs.SetFloat(prefSplitEditor, w.editSplit.Offset)
	}
	w.prefs.SetStringList(prefColumns, withGitColumn(w.table.ColumnKeys(), false))
	w.prefs.SetString(prefWidths, encodeWidths(w.table.Widths()))
	w.prefs.SetString(prefSort, w.res.sort)
	if w.arc != nil {
		w.prefs.SetInt(selectedPref(w.arc.Path()), int(w.res.cursorID()))
	}
}
