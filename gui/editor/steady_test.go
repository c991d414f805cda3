package editor

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestStatusDoesNotWidenTheEditor: "● Unsaved changes" (or "3 fields to
// fix") appearing beside Save leaves the editor's minimum width as it was,
// so the window's divider stays where the user put it; the status text
// itself shows whole at the default width.
func TestStatusDoesNotWidenTheEditor(t *testing.T) {
	h := newHarness(t)
	clean := h.e.MinSize().Width
	savePos := h.e.v.save.Position()
	h.setText(h.field("heat"), "77")
	if !h.e.Dirty() {
		t.Fatal("the edit did not make the article dirty")
	}
	if got := h.e.MinSize().Width; got != clean {
		t.Errorf("the editor's minimum width went from %.0f to %.0f with %q", clean, got, h.e.v.status.Text)
	}
	if got := h.e.v.save.Position(); got != savePos {
		t.Errorf("Save moved from %v to %v", savePos, got)
	}
	need := fyne.MeasureText(h.e.v.status.Text, h.e.v.status.Theme().Size("text"), fyne.TextStyle{}).Width
	if got := h.e.v.status.Size().Width; got < need {
		t.Errorf("the status is %.0f px wide, %q needs %.0f", got, h.e.v.status.Text, need)
	}
}
