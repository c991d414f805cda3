package editor

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
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
	// Save keeps a margin to the editor's right edge, like the fields below.
	drv := fyne.CurrentApp().Driver()
	right := drv.AbsolutePositionForObject(h.e).X + h.e.Size().Width
	if end := drv.AbsolutePositionForObject(h.e.v.save).X + h.e.v.save.Size().Width; end > right-theme.Padding() {
		t.Errorf("Save ends at %.0f, the editor at %.0f", end, right)
	}
	need := fyne.MeasureText(h.e.v.status.Text, h.e.v.status.Theme().Size("text"), fyne.TextStyle{}).Width
	if got := h.e.v.status.Size().Width; got < need {
		t.Errorf("the status is %.0f px wide, %q needs %.0f", got, h.e.v.status.Text, need)
	}
}

// TestURLFieldsShowWholeLines: a URL field is as tall as its text at the
// editor's width, a short URL takes one line and a long one every line it
// wraps to, never a box cut through a line.
func TestURLFieldsShowWholeLines(t *testing.T) {
	h := newHarness(t)
	f := h.field("webUrl")
	lineH := fyne.MeasureText("Ág", f.entry.Theme().Size(theme.SizeNameText), fyne.TextStyle{}).Height
	for _, tc := range []struct {
		url  string
		rows int // at least
	}{
		{"https://x.test/a", 1},
		{"https://medicalxpress.com/news/2020-02-perspective-artificial-biological-neural-networks-and-a-much-longer-path-that-goes-on-and-on-and-on-until-it-needs-more-lines-than-any-fixed-box-would-show-at-this-width.html", 5},
	} {
		h.setText(f, tc.url)
		h.settle()
		avail := f.entry.Size().Width
		need := fyne.MeasureText(tc.url, f.entry.Theme().Size(theme.SizeNameText), fyne.TextStyle{}).Width
		lines := int(need/avail) + 1
		if lines < tc.rows {
			t.Fatalf("the test URL takes %d lines at %.0f px, want at least %d", lines, avail, tc.rows)
		}
		if got := f.entry.MinSize().Height; got < float32(lines)*lineH {
			t.Errorf("%d-line URL in a box %.0f px tall (a line is %.0f)", lines, got, lineH)
		}
		if tc.rows == 1 && f.entry.MinSize().Height > 2*lineH+2*theme.InnerPadding() {
			t.Errorf("a one-line URL takes %.0f px", f.entry.MinSize().Height)
		}
	}
}

func TestWordRows(t *testing.T) {
	width := func(s string) float32 { return float32(10 * len(s)) }
	for _, tc := range []struct {
		text  string
		avail float32
		want  int
	}{
		{"", 100, 1},
		{"short", 100, 1},
		{"one two three", 130, 1},
		{"one two three", 120, 2},
		{"aaaa bbbb cccc dddd", 90, 2},
		{"aaaa bbbb cccc dddd", 40, 4},
		{"abcdefghijklmnopqrstuvwxyz", 100, 3},
		{"ab abcdefghijklmnopqrstuvwxyz cd", 100, 5},
	} {
		if got := wordRows(tc.text, tc.avail, width); got != tc.want {
			t.Errorf("wordRows(%q, %.0f) = %d, want %d", tc.text, tc.avail, got, tc.want)
		}
	}
}

// TestTitleShowsWholeLines: a long title takes every line it wraps to in a
// narrow editor, not three rows with a fourth cut through.
func TestTitleShowsWholeLines(t *testing.T) {
	h := newHarness(t)
	h.w.Resize(fyne.NewSize(400, 900))
	f := h.field("title")
	title := "Brain-inspired chips learn new tasks from a handful of examples, and researchers say the approach could cut the energy that training takes by orders of magnitude"
	h.setText(f, title)
	h.settle()
	lineH := fyne.MeasureText("Ág", f.entry.Theme().Size(theme.SizeNameText), fyne.TextStyle{}).Height
	if got := f.entry.MinSize().Height; got < float32(f.entry.rows)*lineH || f.entry.rows < 4 {
		t.Errorf("a title of %d lines in a box %.0f px tall (a line is %.0f)", f.entry.rows, got, lineH)
	}
}

// TestStatusShortensInANarrowEditor: in an editor too narrow for "●
// Unsaved changes" beside the buttons, the status shows a shorter wording
// whole instead of a cut one, and the long one again once there is room.
func TestStatusShortensInANarrowEditor(t *testing.T) {
	h := newHarness(t)
	h.setText(h.field("heat"), "77")
	st := h.e.v.status
	fits := func() bool {
		need := fyne.MeasureText(st.Text, st.Theme().Size(theme.SizeNameText), st.TextStyle).Width +
			2*st.Theme().Size(theme.SizeNameInnerPadding)
		return need <= st.Size().Width
	}
	if st.Text != "● Unsaved changes" || !fits() {
		t.Fatalf("at %.0f px the status is %q in %.0f px", h.e.Size().Width, st.Text, st.Size().Width)
	}
	for _, width := range []float32{330, 300} {
		h.w.Resize(fyne.NewSize(width, 900))
		h.settle()
		if st.Text == "● Unsaved changes" || !strings.HasPrefix(st.Text, "●") || !fits() {
			t.Errorf("at %.0f px the status is %q in %.0f px", width, st.Text, st.Size().Width)
		}
	}
	h.w.Resize(fyne.NewSize(520, 900))
	h.settle()
	if st.Text != "● Unsaved changes" {
		t.Errorf("with room again the status is %q", st.Text)
	}
}
