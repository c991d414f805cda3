package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestDialogEntriesCloseOnEscape: a dialog whose entry has the focus
// closes on Escape (the entry would swallow it).
func TestDialogEntriesCloseOnEscape(t *testing.T) {
	cases := []struct {
		name string
		open func(h *harness)
	}{
		{"add topic", func(h *harness) { h.w.bulk.askBulk("Add topic", "topic", h.w.bulk.addTopic) }},
		{"set category", func(h *harness) { h.w.bulk.askBulk("Set category", "category", h.w.bulk.setCategory) }},
		{"save search as set", func(h *harness) {
			h.w.search.setText("topic:AI")
			h.settle()
			h.w.bulk.saveSearchAsSet()
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, sampleArts)
			h.click(0, 0, 0)
			tc.open(h)
			h.settle()
			c := h.w.win.Canvas()
			if c.Overlays().Top() == nil {
				t.Fatal("no dialog")
			}
			if c.Focused() == nil {
				t.Fatal("the dialog's entry has no focus")
			}
			h.key(fyne.KeyEscape)
			if c.Overlays().Top() != nil {
				t.Errorf("Escape in %s left the dialog open", describe(c.Focused()))
			}
		})
	}
}

// TestDialogOwnsTheKeyboard: while the export dialog is open, the menus'
// shortcuts do not reach the window behind it: Ctrl+F leaves the focus in
// the dialog, Ctrl+Z undoes nothing in the archive.
func TestDialogOwnsTheKeyboard(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.click(0, 0, 0)
	id := h.w.res.cursorID()
	h.w.bulk.addTopic([]int64{id}, "Health")
	h.settle()
	h.w.transfers.exportDialog()
	h.settle()
	c := h.w.win.Canvas()
	if c.Overlays().Top() == nil {
		t.Fatal("no export dialog")
	}
	inDialog := c.Focused()
	h.press(fyne.KeyF, false)
	if c.Focused() == fyne.Focusable(h.w.search.entry) || c.Focused() != inDialog {
		t.Errorf("Ctrl+F moved the focus from %s to %s", describe(inDialog), describe(c.Focused()))
	}
	for _, m := range h.w.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == (&fyne.ShortcutUndo{}).ShortcutName() {
				it.Action() // as the driver runs a menu shortcut
			}
		}
	}
	h.settle()
	if got := h.get(id).Topics; len(got) == 0 || got[len(got)-1] != "Health" {
		t.Errorf("Ctrl+Z in the export dialog undid the topic: %v", got)
	}
	if c.Overlays().Top() == nil {
		t.Error("a shortcut closed the export dialog")
	}
}
