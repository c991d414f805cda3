package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// shortcutFunc sees a widget's shortcuts first; true means handled.
type shortcutFunc func(fyne.Shortcut) bool

// fieldEntry is an Entry whose shortcuts reach the editor first (so Ctrl+Z
// undoes across fields instead of inside one entry). With noNewlines, Enter
// does not break the text (titles wrap but stay on one line).
type fieldEntry struct {
	widget.Entry
	shortcut   shortcutFunc
	noNewlines bool
}

func newFieldEntry(sc shortcutFunc) *fieldEntry {
	e := &fieldEntry{shortcut: sc}
	e.ExtendBaseWidget(e)
	return e
}

// newWrappedEntry returns a multi-line, word-wrapping entry showing rows lines.
func newWrappedEntry(sc shortcutFunc, rows int, noNewlines bool) *fieldEntry {
	e := newFieldEntry(sc)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.noNewlines = noNewlines
	e.SetMinRowsVisible(rows)
	return e
}

// TypedShortcut offers the shortcut to the editor first.
func (e *fieldEntry) TypedShortcut(s fyne.Shortcut) {
	if e.shortcut != nil && e.shortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey drops Enter in a no-newline entry.
func (e *fieldEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.noNewlines && (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) {
		return
	}
	e.Entry.TypedKey(ev)
}

// selectField is a SelectEntry (free text plus the archive's existing
// values) whose shortcuts reach the editor first.
type selectField struct {
	widget.SelectEntry
	shortcut shortcutFunc
}

func newSelectField(sc shortcutFunc) *selectField {
	s := &selectField{shortcut: sc}
	s.ExtendBaseWidget(s)
	s.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	s.SetOptions(nil)
	return s
}

// TypedShortcut offers the shortcut to the editor first.
func (s *selectField) TypedShortcut(sc fyne.Shortcut) {
	if s.shortcut != nil && s.shortcut(sc) {
		return
	}
	s.SelectEntry.TypedShortcut(sc)
}
