package gui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestDeletingTheShownArticleClearsTheEditor(t *testing.T) {
	h := newHarness(t, sampleArts[:2])
	id := h.w.res.ID(0)
	h.showInEditor(id)
	h.w.content.setView(viewReading)
	h.settle()
	if h.w.reader.r.ID() != id {
		t.Fatalf("reader shows %d", h.w.reader.r.ID())
	}
	// Every article goes: nothing is left to focus.
	h.w.res.SelectAll()
	h.w.bulk.confirmDelete()
	test.Tap(h.overlayButton("Delete"))
	h.settle()
	if h.w.res.Len() != 0 {
		t.Fatalf("%d rows left", h.w.res.Len())
	}
	if h.w.editor.ID() != 0 || h.w.editor.Text() != nil || h.w.editor.Dirty() {
		t.Fatalf("the editor still shows article %d", h.w.editor.ID())
	}
	if h.w.reader.r.ID() != 0 {
		t.Fatalf("the reader still shows article %d", h.w.reader.r.ID())
	}
	// Undo brings them back; redo deletes them again and the editor, which
	// showed one of them, is cleared rather than showing an error.
	h.w.menus.undoAction()
	h.settle()
	if h.w.res.cursorID() != id {
		t.Errorf("after undo the focus is on %d, want the restored %d", h.w.res.cursorID(), id)
	}
	if h.w.editor.ID() != id {
		h.showInEditor(id)
	}
	h.w.menus.redoAction()
	h.settle()
	if h.w.editor.ID() != 0 {
		t.Fatalf("after redo the editor shows article %d", h.w.editor.ID())
	}
}

func TestUndoingANewArticleClearsTheEditor(t *testing.T) {
	h := newHarness(t, nil)
	h.w.newArticle()
	h.settle()
	id := h.w.editor.ID()
	if id == 0 || h.w.res.Len() != 1 {
		t.Fatalf("new article: editor %d, %d rows", id, h.w.res.Len())
	}
	h.w.menus.undoAction()
	h.settle()
	if h.w.editor.ID() != 0 || h.w.res.Len() != 0 {
		t.Fatalf("after undo: editor shows %d, %d rows", h.w.editor.ID(), h.w.res.Len())
	}
}
