package editor

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shortcutFunc sees a widget's shortcuts first; true means handled.
type shortcutFunc func(fyne.Shortcut) bool

// focusFunc hears an input gain (true) or lose keyboard focus.
type focusFunc func(input fyne.CanvasObject, gained bool)

// inputHooks are what the editor hears from a field's input first: its
// shortcuts (so that Ctrl+Z undoes across fields) and its focus changes (so
// that a focused form draws every row).
type inputHooks struct {
	shortcut shortcutFunc
	focus    focusFunc
	pane     paneFunc
}

// paneFunc hears F6 in an input: it reports whether the window moved the
// keyboard to its next pane.
type paneFunc func() bool

// f6 offers F6 to pane; it reports whether the key was taken.
func (pane paneFunc) f6(ev *fyne.KeyEvent) bool {
	return ev.Name == fyne.KeyF6 && pane != nil && pane()
}

// tell reports a focus change of input to f, if set.
func (f focusFunc) tell(input fyne.CanvasObject, gained bool) {
	if f != nil {
		f(input, gained)
	}
}

// fieldEntry is an Entry whose shortcuts reach the editor first (so Ctrl+Z
// undoes across fields instead of inside one entry). With noNewlines, Enter
// does not break the text (titles wrap but stay on one line).
type fieldEntry struct {
	widget.Entry
	shortcut   shortcutFunc
	focus      focusFunc
	pane       paneFunc
	noNewlines bool
	autoRows   bool // as many rows as the text takes (see fitRows)
	rows       int  // the rows fitRows set
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

// AcceptsTab is part of fyne.Tabbable: Tab moves to the next field, also
// from a multi-line entry, which would otherwise take it as a tab character
// (in a title, or in YAML, which forbids tabs for indenting).
func (e *fieldEntry) AcceptsTab() bool { return false }

// FocusGained is part of fyne.Focusable.
func (e *fieldEntry) FocusGained() {
	e.Entry.FocusGained()
	e.focus.tell(e, true)
}

// FocusLost is part of fyne.Focusable.
func (e *fieldEntry) FocusLost() {
	e.Entry.FocusLost()
	e.focus.tell(e, false)
}

// TypedKey drops Enter in a no-newline entry and offers F6 to the window.
func (e *fieldEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.pane.f6(ev) {
		return
	}
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
	focus    focusFunc
	pane     paneFunc
}

// TypedKey offers F6 to the window.
func (s *selectField) TypedKey(ev *fyne.KeyEvent) {
	if s.pane.f6(ev) {
		return
	}
	s.SelectEntry.TypedKey(ev)
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

// FocusGained is part of fyne.Focusable.
func (s *selectField) FocusGained() {
	s.SelectEntry.FocusGained()
	s.focus.tell(s, true)
}

// FocusLost is part of fyne.Focusable.
func (s *selectField) FocusLost() {
	s.SelectEntry.FocusLost()
	s.focus.tell(s, false)
}

// checkField is a Check that reports focus changes.
type checkField struct {
	widget.Check
	focus focusFunc
}

func newCheckField(label string, changed func(bool)) *checkField {
	c := &checkField{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// FocusGained is part of fyne.Focusable.
func (c *checkField) FocusGained() {
	c.Check.FocusGained()
	c.focus.tell(c, true)
}

// FocusLost is part of fyne.Focusable.
func (c *checkField) FocusLost() {
	c.Check.FocusLost()
	c.focus.tell(c, false)
}

// fitRows makes a wrapped entry as tall as its text: a URL or a title
// shows every line instead of a fixed number of rows with half a line cut
// at the bottom. It counts lines by measuring the text against the width
// inside the entry's padding: words placed greedily for word wrapping, the
// whole width for text broken anywhere.
func (e *fieldEntry) fitRows() {
	if !e.autoRows || e.Size().Width <= 0 {
		return
	}
	th := e.Theme()
	avail := e.Size().Width - 2*th.Size(theme.SizeNameInnerPadding) - 2*th.Size(theme.SizeNameInputBorder)
	if avail <= 0 {
		return
	}
	size := th.Size(theme.SizeNameText)
	var rows int
	if e.Wrapping == fyne.TextWrapWord {
		rows = wordRows(e.Text, avail, func(s string) float32 { return fyne.MeasureText(s, size, e.TextStyle).Width })
	} else {
		w := fyne.MeasureText(e.Text, size, e.TextStyle).Width
		rows = max(1, int(math.Ceil(float64(w/avail))))
	}
	if rows != e.rows {
		e.rows = rows
		e.SetMinRowsVisible(rows)
	}
}

// Resize fits the rows to the new width.
func (e *fieldEntry) Resize(s fyne.Size) {
	e.Entry.Resize(s)
	e.fitRows()
}

// SetText shows text, fitting the rows to it.
func (e *fieldEntry) SetText(text string) {
	e.Entry.SetText(text)
	e.fitRows()
}

// wordRows counts the lines text takes when its words are placed greedily
// on lines avail wide (a word wider than a line is broken over several).
func wordRows(text string, avail float32, width func(string) float32) int {
	rows, line := 1, ""
	for _, word := range strings.Fields(text) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if width(try) <= avail || line == "" && width(word) <= avail {
			line = try
			continue
		}
		if line != "" {
			rows++
		}
		line = word
		if w := width(word); w > avail {
			rows += int(math.Ceil(float64(w/avail))) - 1
		}
	}
	return rows
}
