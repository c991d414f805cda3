package editor

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// Editor edits one stored article. Create it with New, show an article with
// Load, and ask ConfirmLeave before loading another one or closing. All
// methods must be called on the UI goroutine; storage runs off it.
type Editor struct {
	widget.BaseWidget

	// OnLoaded is called when an article has been loaded and is shown.
	OnLoaded func(id int64)
	// OnPaneKey, when set, is called for F6 in a field: the window moves the
	// keyboard to its next pane.
	OnPaneKey func()
	// OnSaved is called after an article was saved to the archive.
	OnSaved func(s Saved)
	// OnHistoryEnd is called for Undo (redo: Redo) typed in the editor when
	// its own history, the edits since the load or the last save, has no step
	// left: the window's archive history takes it, so the same keys undo a
	// save from anywhere.
	OnHistoryEnd func(redo bool)
	// OnDirtyChanged is called when the editor gains or loses unsaved changes.
	OnDirtyChanged func(dirty bool)
	// OnDiskSynced is called after the changed-on-disk dialog's Reload
	// brought the archive up to date with its linked folders: the views
	// show the files' text.
	OnDiskSynced func()

	store  Store
	win    fyne.Window
	thumbs widgets.ThumbnailSource
	run    *widgets.Runner

	id       int64
	file     string
	original []byte
	base     *baseline
	cur      state
	hist     history
	work     *seedfile.Document
	errs     map[string]error
	dirty    bool
	saving   bool
	loadGen  uint64
	syncing  bool
	nextKey  int
	savedMsg bool // show "Saved" until the next change
	focused  bool // an input of the form has keyboard focus
	// lastFocus is the input of the form that had focus last.
	lastFocus fyne.CanvasObject

	vals values

	v *view
}

// placeholder is what the editor shows while no article is loaded.
const placeholder = "Select an article to edit it here."

// New returns an empty editor working on store. win parents its dialogs;
// thumbs provides image thumbnails and may be nil (placeholders only).
func New(store Store, win fyne.Window, thumbs widgets.ThumbnailSource) *Editor {
	e := &Editor{store: store, win: win, thumbs: thumbs, run: widgets.NewRunner(), errs: map[string]error{}}
	e.ExtendBaseWidget(e)
	e.v = newView(e)
	e.showMessage(placeholder, false)
	return e
}

// UseRunner makes the editor run its loads and saves on r, the runner the
// window shares with its other views, instead of one of its own. Call it
// before the first Load.
func (e *Editor) UseRunner(r *widgets.Runner) { e.run = r }

// CreateRenderer is part of fyne.Widget.
func (e *Editor) CreateRenderer() fyne.WidgetRenderer {
	e.ExtendBaseWidget(e)
	return widget.NewSimpleRenderer(e.v.root)
}

// ID returns the id of the article shown, 0 if none.
func (e *Editor) ID() int64 {
	if e.base == nil {
		return 0
	}
	return e.id
}

// Load shows article id, reading it off the UI goroutine. Unsaved changes to
// the current article are dropped: call ConfirmLeave first. The choices of
// the category, type and topic fields come from a cache of the archive's
// values (see RefreshValues), so a load reads one article only. An article
// that is no longer in the archive clears the editor.
func (e *Editor) Load(id int64) {
	e.loadGen++
	gen := e.loadGen
	e.showMessage("Loading…", false)
	if !e.vals.loaded && !e.vals.running {
		e.RefreshValues()
	}
	e.run.Go(func() func() {
		rec, err := e.store.Get(context.Background(), id)
		var base *baseline
		if err == nil {
			base, err = newBaseline(slices.Clone(rec.Doc.Bytes()), nil)
		}
		return func() {
			if gen != e.loadGen {
				return
			}
			if errors.Is(err, storage.ErrNotFound) {
				e.Clear()
				return
			}
			if err != nil {
				e.base = nil
				e.setDirty(false)
				e.showMessage(fmt.Sprintf("Could not load article %d: %v", id, err), true)
				return
			}
			if id != e.id || e.base == nil {
				e.v.cull.ScrollToTop()
			}
			e.v.cull.SetEnabled(!e.focused)
			e.id, e.file, e.original = id, rec.File, rec.Original
			e.base = base
			e.cur = base.st.clone()
			e.nextKey = len(base.st.related)
			e.hist.clear()
			e.saving, e.savedMsg = false, false
			e.v.related.reset()
			e.syncWidgets()
			e.update()
			e.v.showContent()
			if e.OnLoaded != nil {
				e.OnLoaded(id)
			}
		}
	})
}

// fieldFocus hears the form's inputs. Once one has focus, the form draws
// every field until an article loads with none focused (the user stepping
// through the table): Tab then reaches every field, also out of view. The
// form scrolls to an input that takes focus (Tab in Fyne does not), unless
// the same input has it back (the window was left and refocused).
func (e *Editor) fieldFocus(input fyne.CanvasObject, gained bool) {
	e.focused = gained
	if !gained {
		return
	}
	e.v.cull.SetEnabled(false)
	if input != e.lastFocus {
		e.lastFocus = input
		e.v.cull.Reveal(input)
	}
}

// hooks are what the editor hears first from each input of the form.
func (e *Editor) hooks() inputHooks {
	return inputHooks{shortcut: e.HandleShortcut, focus: e.fieldFocus, pane: e.paneKey}
}

// paneKey passes F6 in a field to OnPaneKey.
func (e *Editor) paneKey() bool {
	if e.OnPaneKey == nil {
		return false
	}
	e.OnPaneKey()
	return true
}

// EditTitle puts the cursor in the title with all of it selected, so that
// typing replaces it (a new article's placeholder title).
func (e *Editor) EditTitle() {
	if e.base == nil || e.win == nil {
		return
	}
	t := e.v.fields["title"].entry
	e.win.Canvas().Focus(t)
	t.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// Clear shows no article, only the placeholder: the window calls it when
// the article shown was deleted. Unsaved changes and a running load are
// dropped.
func (e *Editor) Clear() {
	e.loadGen++
	e.id, e.file, e.original = 0, "", nil
	e.base, e.work = nil, nil
	e.cur = state{}
	e.errs = map[string]error{}
	e.hist.clear()
	e.saving, e.savedMsg = false, false
	e.v.images.set(nil)
	e.setDirty(false)
	e.showMessage(placeholder, false)
}

// Dirty reports whether the article has changes that are not saved.
func (e *Editor) Dirty() bool { return e.dirty }

// Valid reports whether every field holds a valid value (Save is possible).
func (e *Editor) Valid() bool { return len(e.errs) == 0 }

// CanUndo reports whether there is an edit to undo.
func (e *Editor) CanUndo() bool { return e.base != nil && e.hist.canUndo() }

// CanRedo reports whether there is an undone edit to redo.
func (e *Editor) CanRedo() bool { return e.base != nil && e.hist.canRedo() }

// Text returns what export would write for the article now (the working
// copy with every valid edit), or nil when no article is loaded.
func (e *Editor) Text() []byte {
	if e.work == nil || e.base == nil {
		return nil
	}
	return slices.Clone(e.work.Bytes())
}

// showMessage replaces the form with a message (nothing loaded, loading,
// or a load error).
func (e *Editor) showMessage(msg string, isErr bool) {
	e.v.showMessage(msg, isErr)
}

// setDirty records the dirty state and reports a change.
func (e *Editor) setDirty(d bool) {
	if d == e.dirty {
		return
	}
	e.dirty = d
	if e.OnDirtyChanged != nil {
		e.OnDirtyChanged(d)
	}
}

var _ fyne.Widget = (*Editor)(nil)
