package editor

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
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
		if err == nil {
			err = e.store.Update(context.Background(), id, doc)
		}
		var nb *baseline
		if err == nil {
			nb, err = newBaseline(text, keys)
		}
		return func() {
			e.saving = false
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
				e.OnSaved(id)
			}
			finish(true)
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
// Ctrl+Shift+Z and Ctrl+Y redo (Cmd on macOS). The editor's own fields call
// it; the window can forward shortcuts typed elsewhere. It reports whether
// the shortcut was the editor's.
func (e *Editor) HandleShortcut(s fyne.Shortcut) bool {
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		e.Undo()
		return true
	case *fyne.ShortcutRedo:
		e.Redo()
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
			e.Redo()
			return true
		case s.KeyName == fyne.KeyZ:
			e.Undo()
			return true
		}
	}
	return false
}
