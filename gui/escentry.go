package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// escSelectEntry is a select entry (a text with suggestions) that reports
// Escape: in a dialog, Escape with the entry focused cancels the dialog,
// which Fyne's entry would swallow.
type escSelectEntry struct {
	widget.SelectEntry
	onEscape func()
}

func newEscSelectEntry() *escSelectEntry {
	e := &escSelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return e
}

// TypedKey cancels on Escape.
func (e *escSelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.SelectEntry.TypedKey(ev)
}
