package gui

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/storage"
)

// click presses the primary button on cell (r, c) with modifiers.
func (h *harness) click(r, c int, mod fyne.KeyModifier) {
	h.t.Helper()
	h.cell(r, c).MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary, Modifier: mod})
	h.settle()
}

// waitLoaded waits until loaded reports want (an editor or reader load),
// running UI callbacks meanwhile.
func (h *harness) waitLoaded(loaded chan int64, want int64) {
	h.t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case id := <-loaded:
			if id == want {
				h.settle()
				return
			}
		case f := <-h.q:
			f()
		case <-timeout:
			h.t.Fatalf("the editor did not load article %d", want)
		}
	}
}

func TestSelectingARowLoadsItInTheEditor(t *testing.T) {
	h := newHarness(t, sampleArts)
	loaded := make(chan int64, 8)
	h.w.onEditorLoaded = func(id int64) { loaded <- id }
	h.click(2, 0, 0)
	want := h.w.res.ID(2)
	h.waitLoaded(loaded, want)
	if got := h.w.editor.ID(); got != want {
		t.Fatalf("editor shows %d, want %d", got, want)
	}
	if got := string(h.w.editor.Text()); !strings.Contains(got, `title: "Deep learning for proteins"`) {
		t.Errorf("editor text does not hold the row's title:\n%s", got)
	}
	if got := h.w.status.counts.Text; got != "5 of 5 articles" {
		t.Errorf("status %q", got)
	}
}

func TestInCellEditIsSavedAndInvalidValueRefused(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.menus.setColumns([]string{"title", "quality", "published"})
	id := h.w.res.ID(0)
	before := h.bytesOf(id)

	// Double-click the quality cell: an entry opens over it.
	test.DoubleTap(h.cell(0, h.col("quality")))
	ed := h.w.table.Editor()
	if !ed.Active() || ed.Entry().Text != "39" {
		t.Fatalf("editor active=%v text %q", ed.Active(), ed.Entry().Text)
	}
	ed.Entry().SetText("lots")
	ed.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if msg, shown := ed.Message(); !ed.Active() || !shown || !strings.Contains(msg, "whole number") {
		t.Fatalf("invalid value not refused in place: active=%v msg %q", ed.Active(), msg)
	}
	if got := h.bytesOf(id); got != before {
		t.Fatal("a refused value reached the archive")
	}
	ed.Entry().SetText("77")
	ed.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if ed.Active() {
		msg, _ := ed.Message()
		t.Fatalf("editor still open: %q", msg)
	}
	if got := h.get(id).Quality; got != 77 {
		t.Fatalf("stored quality %d, want 77", got)
	}
	// Only the edited line changed.
	want := strings.Replace(before, "quality: 39\n", "quality: 77\n", 1)
	if got := h.bytesOf(id); got != want {
		t.Errorf("stored text:\n%s\nwant:\n%s", got, want)
	}
	if got := h.cell(0, h.col("quality")).Label().Shown(); got != "77" {
		t.Errorf("cell shows %q after the save", got)
	}

	// Enter on the focused published cell toggles it.
	h.w.res.cursor = 0
	for range h.col("published") { // from the first column
		h.w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	h.w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if !h.get(id).Published {
		t.Error("published not toggled")
	}

	// Undo restores the text exactly, one step at a time.
	h.w.menus.undoAction()
	h.settle()
	h.w.menus.undoAction()
	h.settle()
	if got := h.bytesOf(id); got != before {
		t.Errorf("after two undos:\n%s\nwant:\n%s", got, before)
	}
}

func TestBulkAddTopicToThreeRowsThenUndo(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.click(1, 0, 0)
	h.click(3, 0, fyne.KeyModifierShift)
	if got := len(h.w.res.sel); got != 3 {
		t.Fatalf("%d selected, want 3", got)
	}
	if got := h.w.status.counts.Text; got != "5 of 5 articles · 3 selected" {
		t.Errorf("status %q", got)
	}
	ids := h.w.res.selectedIDs()
	before := map[int64]string{}
	for _, id := range ids {
		before[id] = h.bytesOf(id)
	}
	h.w.bulk.addTopic(ids, "Fresh")
	h.settle()
	for _, id := range ids {
		if topics := h.get(id).Topics; !slices.Contains(topics, "Fresh") {
			t.Fatalf("article %d topics %q", id, topics)
		}
	}
	if got := len(h.w.hist.stack.past); got != 1 {
		t.Fatalf("%d undo steps, want 1", got)
	}
	if untouched := h.w.res.ID(0); slices.Contains(h.get(untouched).Topics, "Fresh") {
		t.Error("an unselected article changed")
	}
	h.w.menus.undoAction()
	h.settle()
	for _, id := range ids {
		if got := h.bytesOf(id); got != before[id] {
			t.Errorf("article %d after undo:\n%s\nwant:\n%s", id, got, before[id])
		}
	}
	h.w.menus.redoAction()
	h.settle()
	for _, id := range ids {
		if !slices.Contains(h.get(id).Topics, "Fresh") {
			t.Errorf("article %d lost the topic on redo", id)
		}
	}
}

func TestDeleteAsksThenUndoRestores(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.click(0, 0, 0)
	h.click(1, 0, fyne.KeyModifierControl)
	ids := h.w.res.selectedIDs()
	texts := []string{h.bytesOf(ids[0]), h.bytesOf(ids[1])}
	next := h.w.res.ID(2)
	h.w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if !strings.Contains(h.overlayText(), "Delete 2 articles") {
		t.Fatalf("no confirmation, overlays say %q", h.overlayText())
	}
	test.Tap(h.overlayButton("Delete"))
	h.settle()
	if got := len(h.titles()); got != 3 {
		t.Fatalf("%d rows after delete, want 3", got)
	}
	if got := h.w.status.counts.Text; got != "3 of 3 articles" {
		t.Errorf("status %q", got)
	}
	if got := h.w.res.cursorID(); got != next {
		t.Errorf("focus after delete on %d, want the next article %d", got, next)
	}
	h.w.menus.undoAction()
	h.settle()
	if got := len(h.titles()); got != 5 {
		t.Fatalf("%d rows after undo, want 5", got)
	}
	for i, id := range ids {
		if got := h.bytesOf(id); got != texts[i] {
			t.Errorf("article %d restored as:\n%s", id, got)
		}
	}
}

// A deletion's undo keeps the articles in the archive's trash, not in
// memory; the trash empties when the step leaves the history.
func TestDeletedArticlesWaitInTheTrash(t *testing.T) {
	h := newHarness(t, sampleArts)
	first := h.arc.Path()
	ids := []int64{h.ids[0], h.ids[3]}
	texts := []string{h.bytesOf(ids[0]), h.bytesOf(ids[1])}
	trashed := func() int {
		t.Helper()
		n, err := h.w.arc.Trashed(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	h.w.bulk.deleteArticles(ids)
	h.settle()
	if n, _ := h.arc.Count(context.Background(), ""); n != 3 || trashed() != 2 {
		t.Fatalf("after delete: %d articles, %d trashed", n, trashed())
	}
	h.w.menus.undoAction()
	h.settle()
	if trashed() != 0 || h.bytesOf(ids[0]) != texts[0] || h.bytesOf(ids[1]) != texts[1] {
		t.Fatalf("after undo: %d trashed", trashed())
	}
	h.w.menus.redoAction()
	h.settle()
	if n, _ := h.arc.Count(context.Background(), ""); n != 3 || trashed() != 2 {
		t.Fatalf("after redo: %d articles, %d trashed", n, trashed())
	}
	h.w.menus.undoAction()
	h.settle()
	h.w.menus.redoAction()
	h.settle()
	if trashed() != 2 {
		t.Fatalf("after undo and redo again: %d trashed", trashed())
	}

	// Another archive: the history goes, and the first archive's trash
	// with it.
	h.w.files.switchArchive(filepath.Join(t.TempDir(), "other.db"))
	h.settle()
	h.arc = h.w.arc
	old, err := storage.Open(first)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if n, err := old.Trashed(context.Background()); err != nil || n != 0 {
		t.Errorf("the first archive's trash holds %d articles after switching (%v)", n, err)
	}
	if n, _ := old.Count(context.Background(), ""); n != 3 {
		t.Errorf("the first archive has %d articles, want 3", n)
	}
}

func TestUndoStackDropsWhatItForgets(t *testing.T) {
	var s undoStack
	step := func(i int) undoStep { return undoStep{label: fmt.Sprint(i)} }
	for i := range maxUndo {
		if dropped := s.push(step(i)); len(dropped) != 0 {
			t.Fatalf("push %d dropped %d", i, len(dropped))
		}
	}
	if dropped := s.push(step(maxUndo)); len(dropped) != 1 || dropped[0].label != "0" {
		t.Fatalf("the 101st push dropped %v, want the oldest", dropped)
	}
	u, _ := s.take(false)
	s.moved(u, false)
	if dropped := s.push(step(999)); len(dropped) != 1 || dropped[0].label != fmt.Sprint(maxUndo) {
		t.Errorf("a push after an undo dropped %v, want the undone step", dropped)
	}
	if dropped := s.reset(); len(dropped) != maxUndo || s.canUndo() || s.canRedo() {
		t.Errorf("reset dropped %d, want %d", len(dropped), maxUndo)
	}
}

// Ctrl+Shift+Z redoes like Ctrl+Y, with the table focused or nothing.
func TestCtrlShiftZRedoes(t *testing.T) {
	h := newHarness(t, sampleArts)
	id := h.ids[1]
	hasTopic := func() bool { return slices.Contains(h.get(id).Topics, "Fresh") }
	h.w.bulk.addTopic([]int64{id}, "Fresh")
	h.settle()
	for _, tc := range []struct {
		name  string
		press func()
	}{
		{"table focused", func() {
			h.w.win.Canvas().Focus(h.w.table.Grid())
			h.w.table.Grid().TypedShortcut(redoShiftZ)
		}},
		{"nothing focused", func() {
			h.w.win.Canvas().Unfocus()
			h.w.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(redoShiftZ)
		}},
	} {
		h.w.menus.undoAction()
		h.settle()
		if hasTopic() {
			t.Fatalf("%s: undo did not remove the topic", tc.name)
		}
		tc.press()
		h.settle()
		if !hasTopic() {
			t.Errorf("%s: Ctrl+Shift+Z did not redo", tc.name)
		}
	}
}

// Escape keeps the articles the delete dialog asked about; Enter in the
// bulk dialogs applies the value typed.
func TestBulkAndDeleteDialogKeys(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.click(0, 0, 0)
	h.w.bulk.confirmDelete()
	c := h.w.win.Canvas()
	if c.Overlays().Top() == nil {
		t.Fatal("no delete dialog")
	}
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.settle()
	if c.Overlays().Top() != nil || len(h.titles()) != 5 {
		t.Fatalf("Escape: dialog open %v, %d rows", c.Overlays().Top() != nil, len(h.titles()))
	}

	id := h.w.res.cursorID()
	h.w.bulk.askBulk("Add topic", "topic", h.w.bulk.addTopic)
	h.settle()
	test.Type(c.Focused(), "Keyed")
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if c.Overlays().Top() != nil || !slices.Contains(h.get(id).Topics, "Keyed") {
		t.Errorf("Enter: dialog open %v, topics %q", c.Overlays().Top() != nil, h.get(id).Topics)
	}
}

// Typing into a cell editor replaces the value, as in a spreadsheet.
func TestInCellTypingReplacesTheValue(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.menus.setColumns([]string{"title", "quality"})
	id := h.w.res.ID(0)
	test.DoubleTap(h.cell(0, h.col("quality")))
	ed := h.w.table.Editor()
	if !ed.Active() || ed.Entry().Text != "39" {
		t.Fatalf("editor active=%v text %q", ed.Active(), ed.Entry().Text)
	}
	test.Type(ed.Entry(), "88")
	if ed.Entry().Text != "88" {
		t.Fatalf("typing 88 gave %q", ed.Entry().Text)
	}
	ed.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if got := h.get(id).Quality; got != 88 {
		t.Errorf("stored quality %d, want 88", got)
	}
}

// A redo leaves the steps before it in the history: after A, B, undo B,
// redo B, both can be undone again.
func TestRedoKeepsEarlierSteps(t *testing.T) {
	h := newHarness(t, sampleArts)
	id := h.ids[0]
	h.w.bulk.addTopic([]int64{id}, "First")
	h.settle()
	h.w.bulk.addTopic([]int64{id}, "Second")
	h.settle()
	h.w.menus.undoAction()
	h.settle()
	h.w.menus.redoAction()
	h.settle()
	if n := len(h.w.hist.stack.past); n != 2 {
		t.Fatalf("%d steps to undo after a redo, want 2", n)
	}
	h.w.menus.undoAction()
	h.settle()
	h.w.menus.undoAction()
	h.settle()
	if topics := h.get(id).Topics; slices.Contains(topics, "First") || slices.Contains(topics, "Second") {
		t.Errorf("after undoing both: topics %q", topics)
	}
}

// TestInCellEditorOpensOverItsCell: the in-cell editor opens over the cell
// double-clicked, also right of a title column filled wider than its own
// width.
func TestInCellEditorOpensOverItsCell(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.win.Resize(fyne.NewSize(1920, 1080)) // the title fills far past its own width
	h.settle()
	cell := h.cell(0, h.col("quality"))
	test.DoubleTap(cell)
	ed := h.w.table.Editor()
	if !ed.Active() {
		t.Fatal("no in-cell editor")
	}
	drv := fyne.CurrentApp().Driver()
	at := drv.AbsolutePositionForObject(cell)
	// widget.PopUp shows its content at the position asked for.
	got := drv.AbsolutePositionForObject(ed.Entry())
	if dx := got.X - at.X; dx < -20 || dx > 20 {
		t.Errorf("the editor opens at x=%.0f, the quality cell is at x=%.0f", got.X, at.X)
	}
}

// injectWriteFailure makes every article update of h's archive fail, as a
// full disk or a read-only file would: a trigger made from another
// connection.
func injectWriteFailure(h *harness) {
	h.t.Helper()
	db, err := sql.Open("sqlite", h.arc.Path())
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER injected BEFORE UPDATE ON article
		BEGIN SELECT RAISE(ABORT, 'injected write failure'); END`); err != nil {
		h.t.Fatal(err)
	}
}

// togglePublished presses Enter on row 0's published cell.
func togglePublished(h *harness) {
	h.w.res.cursor = 0
	for range h.col("published") { // from the first column
		h.w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	h.w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// TestFailedInCellEditWithoutItsEditorIsShown: an in-cell edit that fails
// for a reason other than a file changed on disk (a storage error, the
// editor's unsaved edits) with no cell editor open to say why (a published
// toggle, a value whose editor was closed while it was saved) says why in
// a dialog, as a failed bulk edit does, and the cell keeps showing the
// stored value.
func TestFailedInCellEditWithoutItsEditorIsShown(t *testing.T) {
	for _, tc := range []struct {
		name   string
		setup  func(h *harness, id int64)
		edit   func(h *harness)
		column string
		want   []string // in the dialog
	}{
		{"toggle, storage error", func(h *harness, _ int64) { injectWriteFailure(h) }, togglePublished,
			"published", []string{"Published of #1 not changed: ", "injected write failure"}},
		{"toggle, unsaved edits in the editor", func(h *harness, id int64) {
			loaded := h.editorLoads()
			h.click(0, 0, 0)
			h.waitLoaded(loaded, id)
			h.w.editor.EditTitle()
			test.Type(h.w.win.Canvas().Focused(), "Mine")
			if !h.w.editor.Dirty() {
				h.t.Fatal("the editor has no unsaved edits")
			}
		}, togglePublished, "published", []string{"Published of #1 not changed: the editor has unsaved changes"}},
		{"value, editor closed while saving", func(h *harness, _ int64) { injectWriteFailure(h) }, func(h *harness) {
			test.DoubleTap(h.cell(0, h.col("quality")))
			ed := h.w.table.Editor()
			ed.Entry().SetText("77")
			ed.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
			ed.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // before the save is done
			if ed.Active() {
				h.t.Fatal("Escape left the cell editor open")
			}
		}, "quality", []string{"Quality of #1 not changed: ", "injected write failure"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, sampleArts)
			h.w.menus.setColumns([]string{"title", "quality", "published"})
			h.settle()
			id := h.w.res.ID(0)
			before := h.bytesOf(id)
			shown := h.cell(0, h.col(tc.column)).Label().Shown()
			tc.setup(h, id)
			tc.edit(h)
			h.settle()
			got := h.overlayText()
			for _, want := range tc.want {
				if !strings.Contains(got, want) {
					t.Errorf("no dialog saying %q; overlays:\n%s", want, got)
				}
			}
			if got := h.bytesOf(id); got != before {
				t.Errorf("the failed edit changed the article:\n%s", got)
			}
			if got := h.cell(0, h.col(tc.column)).Label().Shown(); got != shown {
				t.Errorf("the cell shows %q, the stored value is %q", got, shown)
			}
		})
	}
}
