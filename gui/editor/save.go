package editor

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// Save stores the working copy in the archive off the UI goroutine. A
// failure is shown in a dialog and the edits are kept; nothing happens while
// a field is invalid or a save is running.
func (e *Editor) Save() { e.save(nil) }

// save saves and then calls done (if set) with whether the article is saved.
func (e *Editor) save(done func(ok bool)) {
	finish := func(ok bool) {
		if done != nil {
			done(ok)
		}
	}
	switch {
	case e.base == nil || e.saving || !e.Valid():
		finish(false)
		return
	case !e.dirty:
		finish(true)
		return
	}
	id, gen := e.id, e.loadGen
	text := slices.Clone(e.work.Bytes())
	loaded := e.base.bytes // the stored text the edits started from
	saved, before := e.cur.clone(), e.base.st
	keys := make([]int, len(saved.related))
	for i, r := range saved.related {
		keys[i] = r.key
	}
	e.saving = true
	e.v.refresh()
	e.run.Go(func() func() {
		// The store gets a document of its own: the UI keeps reading e.work.
		doc, err := seedfile.Parse(text)
		var edited []storage.Edited
		if err == nil {
			edited, err = e.store.Edit(context.Background(), []int64{id}, func(_ int64, cur *seedfile.Document) (bool, error) {
				if !bytes.Equal(cur.Bytes(), loaded) {
					return false, storage.ErrChanged // another program's change: never overwrite it unseen
				}
				*cur = *doc
				return true, nil
			})
		}
		var nb *baseline
		if err == nil {
			nb, err = newBaseline(text, keys)
		}
		return func() {
			e.saving = false
			if errors.Is(err, storage.ErrChanged) {
				e.v.refresh()
				if gen == e.loadGen {
					e.askChanged()
				}
				finish(false)
				return
			}
			if errors.Is(err, storage.ErrChangedOnDisk) {
				e.v.refresh()
				if gen == e.loadGen {
					e.askChangedOnDisk(id, text, err)
				}
				finish(false)
				return
			}
			if err != nil {
				e.v.refresh()
				e.showSaveError(fmt.Errorf("save article %d: %w", id, err))
				finish(false)
				return
			}
			if gen == e.loadGen {
				e.base = nb
				e.hist.clear()
				if e.cur.equal(saved) {
					e.cur = nb.st.clone()
					e.syncWidgets()
				}
				e.savedMsg = true
				e.update()
			}
			if valuesChanged(before, saved) {
				e.RefreshValues()
			}
			if e.OnSaved != nil {
				s := Saved{ID: id, Fields: changedFields(before, saved)}
				if len(edited) == 1 {
					s.Before, s.After = edited[0].Before, edited[0].After
				}
				e.OnSaved(s)
			}
			finish(true)
		}
	})
}

// Saved is what a save stored: the article, its text before and after
// (both nil when the text came out as it was stored) and the labels of the
// fields it changed, for the archive's history.
type Saved struct {
	ID            int64
	Before, After []byte
	Fields        []string
}

// Label names the save as a step of a history: "Edit title of #12".
func (s Saved) Label() string {
	what := "article"
	switch n := len(s.Fields); {
	case n == 1:
		what = s.Fields[0]
	case n > 1:
		what = fmt.Sprintf("%d fields", n)
	}
	return fmt.Sprintf("Edit %s of #%d", what, s.ID)
}

// changedFields lists the labels, in lower case, of the fields that differ
// between two states, in the form's order.
func changedFields(a, b state) []string {
	var out []string
	for _, f := range scalarFields {
		if a.fields[f.Path] != b.fields[f.Path] {
			out = append(out, strings.ToLower(f.Label))
		}
	}
	if !slices.Equal(a.topics, b.topics) {
		out = append(out, "topics")
	}
	if !slices.EqualFunc(a.related, b.related, func(x, y relState) bool {
		return x.key == y.key && maps.Equal(x.fields, y.fields)
	}) {
		out = append(out, "related articles")
	}
	if a.extra != b.extra {
		out = append(out, "other fields")
	}
	if a.body != b.body {
		out = append(out, "body")
	}
	return out
}

// askChanged tells that the stored article is no longer the text the edits
// started from (another program or window changed it) and offers to reload
// it, dropping the edits, or to keep editing; a save keeps refusing to write
// over the other change until the article is reloaded.
func (e *Editor) askChanged() {
	if e.win == nil {
		e.v.lastSaveErr = storage.ErrChanged
		return
	}
	title := e.cur.fields["title"]
	if title == "" {
		title = "This article"
	} else {
		title = "“" + title + "”"
	}
	msg := widget.NewLabel(title + " was changed by another program since you opened it. " +
		"Reload it to see that change (your unsaved edits are dropped), or keep editing; saving will not write over the other change.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("Changed by another program", msg, e.win)
	reload := widget.NewButtonWithIcon("Reload", theme.ViewRefreshIcon(), func() {
		d.Hide()
		e.setDirty(false)
		e.Load(e.id)
	})
	reload.Importance = widget.HighImportance
	keep := widget.NewButtonWithIcon("Keep editing", theme.DocumentCreateIcon(), func() { d.Hide() })
	d.SetButtons([]fyne.CanvasObject{keep, reload})
	widgets.DialogKeysEscape(d, e.win.Canvas(), keep.OnTapped, reload.OnTapped)
	d.Resize(fyne.NewSize(440, d.MinSize().Height))
	d.SetOnClosed(func() { e.v.changedOpen = false })
	e.v.changed, e.v.changedOpen = d, true
	e.v.changedButtons = [2]*widget.Button{reload, keep}
	e.v.lastSaveErr = storage.ErrChanged
	d.Show()
}

// CheckStored compares the stored article with the text the editor started
// from, after another program changed the archive: an article without
// unsaved edits is loaded again, one with edits gets askChanged.
func (e *Editor) CheckStored() {
	if e.base == nil || e.saving {
		return
	}
	id, gen, loaded := e.id, e.loadGen, e.base.bytes
	e.run.Go(func() func() {
		rec, err := e.store.Get(context.Background(), id)
		return func() {
			if gen != e.loadGen || e.saving {
				return
			}
			if errors.Is(err, storage.ErrNotFound) {
				if !e.dirty {
					e.Clear()
				} else {
					e.askChanged()
				}
				return
			}
			if err != nil || bytes.Equal(rec.Doc.Bytes(), loaded) {
				return
			}
			if !e.dirty {
				e.Load(id)
				return
			}
			if !e.v.changedOpen {
				e.askChanged()
			}
		}
	})
}

// showSaveError reports a failed save.
func (e *Editor) showSaveError(err error) {
	if e.win != nil {
		dialog.ShowError(err, e.win)
	}
	e.v.lastSaveErr = err
}

// ConfirmLeave asks what to do with unsaved changes before the article is
// left: Save (then proceed if it worked), Discard (revert and proceed) or
// Cancel (stay). Without changes it proceeds at once. then runs on the UI
// goroutine.
func (e *Editor) ConfirmLeave(then func(proceed bool)) {
	if then == nil {
		then = func(bool) {}
	}
	if !e.dirty || e.base == nil {
		then(true)
		return
	}
	title := e.cur.fields["title"]
	if title == "" {
		title = "This article"
	} else {
		title = "“" + title + "”"
	}
	msg := widget.NewLabel(title + " has unsaved changes. Save them before leaving?")
	if !e.Valid() {
		msg.SetText(title + " has unsaved changes, and some fields are invalid: discard the changes, or cancel to fix them.")
	}
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("Unsaved changes", msg, e.win)
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		d.Hide()
		e.save(then)
	})
	save.Importance = widget.HighImportance
	if !e.Valid() || e.saving {
		save.Disable()
	}
	discard := widget.NewButtonWithIcon("Discard", theme.DeleteIcon(), func() {
		d.Hide()
		e.Revert()
		then(true)
	})
	discard.Importance = widget.DangerImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		d.Hide()
		then(false)
	})
	d.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	// Escape cancels; Enter saves when it can.
	widgets.DialogKeysEscape(d, e.win.Canvas(), cancel.OnTapped, func() {
		if !save.Disabled() {
			save.OnTapped()
		}
	})
	d.Resize(fyne.NewSize(420, d.MinSize().Height))
	e.v.leave = d
	e.v.leaveButtons = [3]*widget.Button{save, discard, cancel}
	d.Show()
}

// HandleShortcut runs the editor's shortcuts: Ctrl+S saves, Ctrl+Z undoes,
// Ctrl+Shift+Z and Ctrl+Y redo (Cmd on macOS); an undo or redo past the
// editor's own history goes to OnHistoryEnd. The editor's own fields call
// it; the window can forward shortcuts typed elsewhere. It reports whether
// the shortcut was the editor's.
func (e *Editor) HandleShortcut(s fyne.Shortcut) bool {
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		e.undoOrPass(false)
		return true
	case *fyne.ShortcutRedo:
		e.undoOrPass(true)
		return true
	case *desktop.CustomShortcut:
		cmd := s.Modifier &^ fyne.KeyModifierShift
		if cmd != fyne.KeyModifierControl && cmd != fyne.KeyModifierSuper {
			return false
		}
		shift := s.Modifier&fyne.KeyModifierShift != 0
		switch {
		case s.KeyName == fyne.KeyS && !shift:
			e.Save()
			return true
		case s.KeyName == fyne.KeyZ && shift, s.KeyName == fyne.KeyY && !shift:
			e.undoOrPass(true)
			return true
		case s.KeyName == fyne.KeyZ:
			e.undoOrPass(false)
			return true
		}
	}
	return false
}

// undoOrPass undoes (redo: redoes) in the editor's history, or hands the key
// to OnHistoryEnd when that history has no step left.
func (e *Editor) undoOrPass(redo bool) {
	switch {
	case !redo && e.CanUndo():
		e.Undo()
	case redo && e.CanRedo():
		e.Redo()
	case e.OnHistoryEnd != nil:
		e.OnHistoryEnd(redo)
	}
}
