package gui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
)

// press runs the menu item whose shortcut is Ctrl (and Shift) + key, as
// the desktop driver does for a menu shortcut wherever the focus is.
func (h *harness) press(key fyne.KeyName, shift bool) {
	h.t.Helper()
	mod := fyne.KeyModifierShortcutDefault
	if shift {
		mod |= fyne.KeyModifierShift
	}
	want := (&desktop.CustomShortcut{KeyName: key, Modifier: mod}).ShortcutName()
	var found *fyne.MenuItem
	var visit func(items []*fyne.MenuItem)
	visit = func(items []*fyne.MenuItem) {
		for _, it := range items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == want {
				found = it
			}
			if it.ChildMenu != nil {
				visit(it.ChildMenu.Items)
			}
		}
	}
	for _, m := range h.w.win.MainMenu().Items {
		visit(m.Items)
	}
	if found == nil {
		h.t.Fatalf("no menu item has the shortcut %s", want)
	}
	found.Action()
	h.settle()
}

// key sends a key to the focused widget.
func (h *harness) key(name fyne.KeyName) {
	h.t.Helper()
	f := h.w.win.Canvas().Focused()
	if f == nil {
		h.t.Fatalf("nothing has the focus for %s", name)
	}
	f.TypedKey(&fyne.KeyEvent{Name: name})
	h.settle()
}

// describe names a focusable for failure messages.
func describe(f fyne.Focusable) string {
	switch x := f.(type) {
	case nil:
		return "nothing"
	case *widget.Button:
		return fmt.Sprintf("button %q", x.Text)
	case *widgets.EscEntry:
		return fmt.Sprintf("entry %q", x.PlaceHolder)
	default:
		return fmt.Sprintf("%T", f)
	}
}

// TestJourneyKeyboardSearchToSaveToExport drives the window with keys
// alone: Ctrl+F, a query, Enter to the first result, Tab through the
// panes in order (search → sidebar → results → editor), an edit, Tab on
// to Save, Space, then Ctrl+E and an export typed into the dialog.
func TestJourneyKeyboardSearchToSaveToExport(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.win.Resize(fyne.NewSize(1400, 860))
	h.settle()
	c := h.w.win.Canvas()

	// Ctrl+F, type a query, Enter: the keyboard is on the first result,
	// also when the window showed the empty state of a query without
	// matches when Enter was pressed.
	h.w.search.setText("nothingmatchesthis")
	h.settle()
	if h.w.res.Len() != 0 {
		t.Fatalf("%d matches for the empty query", h.w.res.Len())
	}
	h.press(fyne.KeyF, false)
	if c.Focused() != h.w.search.entry {
		t.Fatalf("Ctrl+F focused %s", describe(c.Focused()))
	}
	test.Type(h.w.search.entry, "quality:>50")
	h.key(fyne.KeyReturn)
	if c.Focused() != h.w.table.Grid() || h.w.res.cursor != 0 {
		t.Fatalf("Enter in the search box: focus on %s, cursor %d", describe(c.Focused()), h.w.res.cursor)
	}
	first := h.w.res.ID(0)
	deadline := time.Now().Add(5 * time.Second)
	for h.w.editor.ID() != first && time.Now().Before(deadline) {
		h.settle()
	}
	if h.w.editor.ID() != first {
		t.Fatalf("the editor shows %d, the first result is %d", h.w.editor.ID(), first)
	}

	// Tab runs search → sidebar → results → editor.
	c.Focus(h.w.search.entry)
	var order []pane
	var seen []string
	for range 4 {
		c.FocusNext()
		f := c.Focused()
		seen = append(seen, describe(f))
		if p := h.w.keys.paneOf(f); len(order) == 0 || order[len(order)-1] != p {
			order = append(order, p)
		}
	}
	if want := []pane{paneSidebar, paneResults, paneEditor}; fmt.Sprint(order) != fmt.Sprint(want) {
		t.Errorf("Tab from the search box visits panes %v (%s), want %v", order, strings.Join(seen, ", "), want)
	}
	// F6 from the search box and the table moves pane by pane too.
	c.Focus(h.w.search.entry)
	h.key(fyne.KeyF6)
	if got := h.w.keys.paneOf(c.Focused()); got != paneSidebar {
		t.Errorf("F6 from the search box went to pane %d", got)
	}
	h.press(fyne.Key2, false)
	if c.Focused() != h.w.table.Grid() {
		t.Errorf("Ctrl+2 focused %s", describe(c.Focused()))
	}
	h.key(fyne.KeyF6)
	if got := h.w.keys.paneOf(c.Focused()); got != paneEditor {
		t.Errorf("F6 from the results went to pane %d (%s)", got, describe(c.Focused()))
	}
	h.key(fyne.KeyF6)
	if c.Focused() != h.w.search.entry {
		t.Errorf("F6 from the editor went to %s, want the search box", describe(c.Focused()))
	}

	// Ctrl+3 puts the keyboard in the title; type a new one, Tab to Save, Space.
	h.press(fyne.Key3, false)
	title := c.Focused()
	if title == nil || h.w.keys.paneOf(title) != paneEditor {
		t.Fatalf("Ctrl+3 focused %s", describe(c.Focused()))
	}
	test.Type(title, "Typed by keyboard")
	h.settle()
	var save *widget.Button
	for range 80 {
		c.FocusNext()
		if b, ok := c.Focused().(*widget.Button); ok && b.Text == "Save" {
			save = b
			break
		}
	}
	if save == nil {
		t.Fatal("Tab never reached Save")
	}
	save.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	h.settle()
	if got := h.get(first).Title; got != "Typed by keyboard" {
		t.Fatalf("stored title %q after Space on Save", got)
	}

	// Ctrl+E, type a destination, Enter: the selected article is exported.
	home := t.TempDir()
	t.Setenv("HOME", home)
	h.press(fyne.KeyE, false)
	dest, ok := c.Focused().(*widgets.EscEntry)
	if !ok || !strings.HasPrefix(dest.PlaceHolder, "A folder") {
		t.Fatalf("Ctrl+E focused %s", describe(c.Focused()))
	}
	dest.SetText("")
	test.Type(dest, "~/keyboard-export")
	h.key(fyne.KeyReturn)
	if !strings.Contains(h.overlayText(), "does not exist yet") {
		t.Fatalf("no offer to create the folder: %q", h.overlayText())
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) // the confirm's default: Create
	h.settle()
	out := filepath.Join(home, "keyboard-export")
	for deadline := time.Now().Add(10 * time.Second); ; h.settle() {
		if entries, _ := os.ReadDir(out); len(entries) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not hold the one selected article", out)
		}
	}
}

// TestShiftF10OpensTheBulkMenu: the context menu key (or Shift+F10) in the
// table opens the bulk actions, as a right click does.
func TestShiftF10OpensTheBulkMenu(t *testing.T) {
	for _, shift := range []bool{true, false} {
		h := newHarness(t, sampleArts)
		g := h.w.table.Grid()
		h.w.win.Canvas().Focus(g)
		h.w.res.SelectRow(0, 0)
		h.settle()
		name := desktop.KeyMenu
		if shift {
			g.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
			name = fyne.KeyF10
		}
		g.TypedKey(&fyne.KeyEvent{Name: name})
		if !strings.Contains(menuText(h.w.win.Canvas()), "Add topic…") {
			t.Errorf("%s opened no bulk menu", name)
		}
	}
}

// menuText gathers the texts drawn in the overlays (pop-up menus).
func menuText(c fyne.Canvas) string {
	var b strings.Builder
	for _, o := range c.Overlays().List() {
		walk(o, func(x fyne.CanvasObject) {
			if t, ok := x.(*canvas.Text); ok {
				b.WriteString(t.Text + "\n")
			}
		})
	}
	return b.String()
}

// TestCtrlQQuits: File › Quit has Ctrl+Q and closes the window the way the
// window's close button does (asking first about unsaved edits).
func TestCtrlQQuits(t *testing.T) {
	h := newHarness(t, sampleArts)
	closed := false
	h.w.win.SetOnClosed(func() { closed = true })
	h.press(fyne.KeyQ, false)
	if !closed {
		t.Error("Ctrl+Q left the window open")
	}
}
