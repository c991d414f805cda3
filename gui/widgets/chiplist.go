package widgets

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// MaxSuggestions is how many completions a ChipList offers at once.
const MaxSuggestions = 6

// ChipList shows a list of values as chips that wrap onto several rows. An
// editable list has a close button on every chip and an entry that adds
// values, offering completions from SetSuggestions as tappable chips under it.
// The first completion is highlighted, Down/Up move the highlight, Enter adds
// the highlighted one and Escape clears. A value that is not offered is added
// only through its own "+ New “…”" entry, chosen on purpose, so that Enter on
// a half-typed name never creates a near-duplicate of a known one.
// Create it with NewChipList or NewEditableChipList.
type ChipList struct {
	widget.BaseWidget

	// OnAdded is called after the user adds a value.
	OnAdded func(value string)
	// OnRemoved is called after the user removes a value.
	OnRemoved func(value string)
	// OnTapped, when set, makes chips tappable (read-only lists too).
	OnTapped func(value string)
	// OnShortcut, when set, sees the entry's shortcuts first; returning true
	// marks one handled (the editor uses it for undo and save).
	OnShortcut func(fyne.Shortcut) bool
	// OnFocusChanged, when set, hears the entry gain (true) or lose focus.
	OnFocusChanged func(gained bool)
	// NewLabel names the entry that adds a value not offered ("New topic");
	// "New" when empty.
	NewLabel string

	items       []string
	editable    bool
	suggestions []string
	matches     []string
	newValue    string // the typed text, offered after the matches; "" when known
	highlight   int    // index into matches, len(matches) for newValue, -1 for none

	entry   *chipEntry
	chips   *fyne.Container
	sugRow  *fyne.Container
	content *fyne.Container
}

// NewChipList returns a read-only chip list.
func NewChipList(items []string) *ChipList {
	return newChipList(items, false, "")
}

// NewEditableChipList returns a chip list whose chips can be removed and
// whose entry (showing placeholder) adds values.
func NewEditableChipList(items []string, placeholder string) *ChipList {
	return newChipList(items, true, placeholder)
}

func newChipList(items []string, editable bool, placeholder string) *ChipList {
	l := &ChipList{items: slices.Clone(items), editable: editable, highlight: -1}
	l.ExtendBaseWidget(l)
	l.chips = container.New(NewFlowLayout())
	l.sugRow = container.New(NewFlowLayout())
	l.sugRow.Hide()
	if editable {
		l.entry = newChipEntry(l)
		l.entry.SetPlaceHolder(placeholder)
		l.content = container.NewVBox(l.chips, l.sugRow)
	} else {
		l.content = container.NewStack(l.chips)
	}
	l.rebuild()
	return l
}

// Items returns a copy of the values shown.
func (l *ChipList) Items() []string { return slices.Clone(l.items) }

// SetItems replaces the values without calling OnAdded or OnRemoved.
func (l *ChipList) SetItems(items []string) {
	l.items = slices.Clone(items)
	l.rebuild()
	l.updateMatches()
}

// SetSuggestions sets the values the entry completes from.
func (l *ChipList) SetSuggestions(values []string) {
	l.suggestions = slices.Clone(values)
	l.updateMatches()
}

// Suggestions returns a copy of the values the entry completes from.
func (l *ChipList) Suggestions() []string { return slices.Clone(l.suggestions) }

// Entry returns the entry that adds values, or nil for a read-only list.
func (l *ChipList) Entry() *widget.Entry {
	if l.entry == nil {
		return nil
	}
	return &l.entry.Entry
}

// EntryWidget returns the focusable entry object (for canvas focus and
// test.Type), or nil for a read-only list.
func (l *ChipList) EntryWidget() fyne.Focusable {
	if l.entry == nil {
		return nil
	}
	return l.entry
}

// Matches returns the completions currently offered.
func (l *ChipList) Matches() []string { return slices.Clone(l.matches) }

// Add adds value as the user would: trimmed, ignored when empty or already
// present (case-insensitively), spelled like a suggestion it matches, and
// OnAdded is called. It reports whether the value was added.
func (l *ChipList) Add(value string) bool {
	value = strings.TrimSpace(value)
	if value == "" {
		return false
	}
	for _, s := range l.suggestions {
		if strings.EqualFold(s, value) {
			value = s
			break
		}
	}
	if slices.ContainsFunc(l.items, func(v string) bool { return strings.EqualFold(v, value) }) {
		return false
	}
	l.items = append(l.items, value)
	l.rebuild()
	if l.OnAdded != nil {
		l.OnAdded(value)
	}
	return true
}

// Remove removes the value at index i as the user would, calling OnRemoved.
func (l *ChipList) Remove(i int) {
	if i < 0 || i >= len(l.items) {
		return
	}
	v := l.items[i]
	l.items = slices.Delete(l.items, i, i+1)
	l.rebuild()
	l.updateMatches()
	if l.OnRemoved != nil {
		l.OnRemoved(v)
	}
}

// Chips returns the chip widgets shown, in order (for tests and focus).
func (l *ChipList) Chips() []*Chip {
	out := make([]*Chip, 0, len(l.items))
	for _, o := range l.chips.Objects {
		if c, ok := o.(*Chip); ok {
			out = append(out, c)
		}
	}
	return out
}

// SuggestionChips returns the completion chips shown under the entry.
func (l *ChipList) SuggestionChips() []*Chip {
	out := make([]*Chip, 0, len(l.sugRow.Objects))
	for _, o := range l.sugRow.Objects {
		out = append(out, o.(*Chip))
	}
	return out
}

// CreateRenderer is part of fyne.Widget.
func (l *ChipList) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	return widget.NewSimpleRenderer(l.content)
}

func (l *ChipList) rebuild() {
	objs := make([]fyne.CanvasObject, 0, len(l.items)+1)
	for i, v := range l.items {
		c := NewChip(v, nil)
		if l.editable {
			c.OnRemove = func() { l.Remove(i) }
		}
		if l.OnTapped != nil {
			c.OnTapped = func() { l.OnTapped(v) }
		}
		objs = append(objs, c)
	}
	if l.entry != nil {
		objs = append(objs, container.NewGridWrap(fyne.NewSize(180, l.entry.MinSize().Height), l.entry))
	}
	l.chips.Objects = objs
	l.chips.Refresh()
	l.Refresh()
}

// updateMatches recomputes the completions for the entry's text.
func (l *ChipList) updateMatches() {
	if l.entry == nil {
		return
	}
	l.matches = completions(l.entry.Text, l.suggestions, l.items)
	l.newValue = strings.TrimSpace(l.entry.Text)
	known := func(v string) bool { return strings.EqualFold(v, l.newValue) }
	if slices.ContainsFunc(l.suggestions, known) || slices.ContainsFunc(l.items, known) {
		l.newValue = ""
	}
	l.highlight = -1
	if len(l.matches) > 0 {
		l.highlight = 0
	}
	l.showMatches()
}

// options is how many entries are offered: the matches and the new value.
func (l *ChipList) options() int {
	if l.newValue != "" {
		return len(l.matches) + 1
	}
	return len(l.matches)
}

func (l *ChipList) showMatches() {
	objs := make([]fyne.CanvasObject, 0, l.options())
	for i, m := range l.matches {
		c := NewChip("+ "+m, nil)
		c.Highlighted = i == l.highlight
		c.OnTapped = func() { l.accept(m) }
		objs = append(objs, c)
	}
	if v := l.newValue; v != "" {
		label := l.NewLabel
		if label == "" {
			label = "New"
		}
		c := NewChip("+ "+label+" “"+v+"”", nil)
		c.Highlighted = l.highlight == len(l.matches)
		c.OnTapped = func() { l.accept(v) }
		objs = append(objs, c)
	}
	l.sugRow.Objects = objs
	l.sugRow.Hidden = len(objs) == 0
	l.sugRow.Refresh()
	l.content.Refresh()
}

// accept adds value and clears the entry.
func (l *ChipList) accept(value string) {
	if l.Add(value) {
		l.entry.SetText("")
	}
}

// moveHighlight moves the keyboard choice among the completions.
// The positions cycle through the options and "none".
func (l *ChipList) moveHighlight(delta int) {
	n := l.options()
	if n == 0 {
		return
	}
	// Position n stands for "none" (highlight -1).
	pos := l.highlight
	if pos < 0 {
		pos = n
	}
	pos = (pos + delta + n + 1) % (n + 1)
	l.highlight = pos
	if pos == n {
		l.highlight = -1
	}
	l.showMatches()
}

// submit adds the highlighted entry: a completion or the new value. With
// nothing highlighted only a value already known (an exact suggestion) is
// added; anything else waits for a deliberate choice.
func (l *ChipList) submit() {
	switch {
	case l.highlight >= 0 && l.highlight < len(l.matches):
		l.accept(l.matches[l.highlight])
	case l.highlight == len(l.matches) && l.newValue != "":
		l.accept(l.newValue)
	case l.newValue == "":
		l.accept(l.entry.Text)
	}
}

// completions returns up to MaxSuggestions of options matching text
// case-insensitively (prefix matches first), leaving out those in have.
func completions(text string, options, have []string) []string {
	q := strings.ToLower(strings.TrimSpace(text))
	if q == "" {
		return nil
	}
	var prefix, inner []string
	for _, o := range options {
		lo := strings.ToLower(o)
		if slices.ContainsFunc(have, func(h string) bool { return strings.EqualFold(h, o) }) {
			continue
		}
		switch {
		case strings.HasPrefix(lo, q):
			prefix = append(prefix, o)
		case strings.Contains(lo, q):
			inner = append(inner, o)
		}
	}
	out := append(prefix, inner...)
	if len(out) > MaxSuggestions {
		out = out[:MaxSuggestions]
	}
	return out
}

// chipEntry is the ChipList's entry: Enter adds, arrows choose completions.
type chipEntry struct {
	widget.Entry
	list *ChipList
}

func newChipEntry(l *ChipList) *chipEntry {
	e := &chipEntry{list: l}
	e.ExtendBaseWidget(e)
	e.OnChanged = func(string) { l.updateMatches() }
	return e
}

// TypedKey handles Enter, Up, Down and Escape; other keys edit the text.
func (e *chipEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		e.list.submit()
	case fyne.KeyDown:
		e.list.moveHighlight(1)
	case fyne.KeyUp:
		e.list.moveHighlight(-1)
	case fyne.KeyEscape:
		e.SetText("")
	default:
		e.Entry.TypedKey(ev)
	}
}

// FocusGained is part of fyne.Focusable.
func (e *chipEntry) FocusGained() {
	e.Entry.FocusGained()
	if f := e.list.OnFocusChanged; f != nil {
		f(true)
	}
}

// FocusLost is part of fyne.Focusable.
func (e *chipEntry) FocusLost() {
	e.Entry.FocusLost()
	if f := e.list.OnFocusChanged; f != nil {
		f(false)
	}
}

// TypedShortcut offers the shortcut to the list's OnShortcut first.
func (e *chipEntry) TypedShortcut(s fyne.Shortcut) {
	if e.list.OnShortcut != nil && e.list.OnShortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}
