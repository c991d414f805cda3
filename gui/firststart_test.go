package gui

import (
	"context"
	"io/fs"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/assets"
)

// TestJourneyFirstStartSamplesAreNotUndone: on a first start the bundled
// samples are imported quietly into the new default archive, and they are
// simply there: no summary dialog, Undo greyed out in the toolbar and the
// Edit menu, and Ctrl+Z leaves every sample in place.
func TestJourneyFirstStartSamplesAreNotUndone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	t.Setenv("SEEDARCHIVE_DB", path) // the default archive, where samples go
	h := newHarnessAt(t, path, nil)
	names, err := fs.Glob(assets.Samples, "*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no bundled samples (%v)", err)
	}
	count := func() int {
		t.Helper()
		n, err := h.arc.Count(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := count(); got != len(names) {
		t.Fatalf("%d articles after the first start, want the %d samples", got, len(names))
	}
	c := h.w.win.Canvas()
	if top := c.Overlays().Top(); top != nil {
		t.Errorf("a dialog greets the first start: %T", top)
	}
	if !h.w.tools.undoBtn.Disabled() {
		t.Error("the toolbar's Undo is enabled after the first start")
	}
	if !h.w.menus.undoItem.Disabled {
		t.Errorf("the Edit menu offers %q after the first start", h.w.menus.undoItem.Label)
	}
	// Ctrl+Z (the Edit menu's shortcut) from the results, where the first
	// start leaves a person, then the toolbar's button.
	h.w.win.Canvas().Focus(h.w.table.Grid())
	h.w.menus.undoItem.Action()
	test.Tap(h.w.tools.undoBtn)
	h.settle()
	if got := count(); got != len(names) {
		t.Errorf("%d articles after Undo, want the %d samples", got, len(names))
	}
	if got := len(h.titles()); got != len(names) {
		t.Errorf("the table lists %d rows after Undo, want %d", got, len(names))
	}
}
