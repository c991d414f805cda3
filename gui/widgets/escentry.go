package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// EscEntry is an entry that reports Escape (Fyne's entry swallows it, so a
// dialog or a pop-up holding a focused entry would not see it).
type EscEntry struct {
	widget.Entry
	// OnEscape, when set, is called for Escape instead of the entry.
	OnEscape func()
	// OnKey, when set, sees the other keys first; true marks one handled.
	OnKey func(ev *fyne.KeyEvent) bool
}

// NewEscEntry returns an empty EscEntry.
func NewEscEntry() *EscEntry {
	e := &EscEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey reports Escape, offers the other keys to OnKey, and hands the
// rest to the entry.
func (e *EscEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	if e.OnKey != nil && e.OnKey(ev) {
		return
	}
	e.Entry.TypedKey(ev)
}
