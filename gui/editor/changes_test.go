package editor

import (
	"image"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestChangesShowUnderscores: the diff keeps the file name's underscore in
// its text, and the style it is drawn in really paints it (the monospace
// font's underscore fell below the line and was cut off).
func TestChangesShowUnderscores(t *testing.T) {
	test.NewTempApp(t)
	c := newChangesView()
	c.show([]byte("title: a_b\n"), []byte("title: a_c\n"), "000_e1c4307fd34dea77.txt")
	var all strings.Builder
	for _, s := range c.text.Segments {
		all.WriteString(s.Textual() + "\n")
	}
	for _, want := range []string{"--- 000_e1c4307fd34dea77.txt (imported)", "+++ 000_e1c4307fd34dea77.txt (export)", "-title: a_b", "+title: a_c"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("diff lacks %q:\n%s", want, all.String())
		}
	}

	if !diffStyle.TextStyle.Monospace {
		t.Error("the diff is not drawn in monospace")
	}
	// Underscores drawn in the diff's style must differ from spaces (the
	// monospace font's underscore fell below the line and was cut off).
	if n := changedPixels(t, capture(t, "___"), capture(t, "   ")); n == 0 {
		t.Error("an underscore in the diff style draws nothing")
	}
}

// capture draws text in the diff's style alone in a window.
func capture(t *testing.T, text string) image.Image {
	w := test.NewTempWindow(t, widget.NewRichText(&widget.TextSegment{Text: text, Style: diffStyle}))
	w.Resize(fyne.NewSize(120, 60))
	return w.Canvas().Capture()
}

// changedPixels counts the pixels that differ between two same-size images.
func changedPixels(t *testing.T, a, b image.Image) int {
	if a.Bounds() != b.Bounds() {
		t.Fatalf("captures differ in size: %v, %v", a.Bounds(), b.Bounds())
	}
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	return n
}

// TestPublishedAtFitsAFullValue: at the editor's default width the date
// entry is wide enough for an RFC 3339 value with an offset, and the local
// time shows under it.
func TestPublishedAtFitsAFullValue(t *testing.T) {
	h := newHarness(t)
	h.w.Resize(fyne.NewSize(390, 900))
	f := h.field("publishedDateTime")
	const full = "2020-03-23T07:00:00+05:30"
	h.setText(f, full)
	need := fyne.MeasureText(full, f.entry.Theme().Size("text"), fyne.TextStyle{}).Width
	if got := f.entry.Size().Width; got < need+16 {
		t.Errorf("date entry %.0f px wide, %q needs %.0f", got, full, need+16)
	}
	if f.local.Hidden || f.local.Text == "" || f.local.Position().Y <= f.entry.Position().Y {
		t.Errorf("local time %q at %v, entry at %v: want it under the entry", f.local.Text, f.local.Position(), f.entry.Position())
	}
	h.setText(f, "")
	if !f.local.Hidden {
		t.Error("local time line shown for an empty date")
	}
}

// TestURLsWrapInsteadOfScrolling: a long URL is shown whole, wrapped over
// the entry's lines, and Enter cannot put a newline into it.
func TestURLsWrapInsteadOfScrolling(t *testing.T) {
	h := newHarness(t)
	h.w.Resize(fyne.NewSize(390, 900))
	f := h.field("webUrl")
	const long = "https://medicalxpress.com/news/2020-02-perspective-artificial-biological-neural-networks.html"
	h.setText(f, long)
	if !f.entry.MultiLine || f.entry.Wrapping != fyne.TextWrapBreak {
		t.Fatalf("URL entry: multi-line %v, wrapping %v; want wrapped anywhere", f.entry.MultiLine, f.entry.Wrapping)
	}
	oneLine := fyne.MeasureText("M", f.entry.Theme().Size("text"), fyne.TextStyle{}).Height
	if got := f.entry.Size().Height; got < 3*oneLine {
		t.Errorf("URL entry %.0f px high, want room for three lines (%.0f each)", got, oneLine)
	}
	h.w.Canvas().Focus(f.entry)
	f.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if f.text() != long {
		t.Errorf("after Enter the URL is %q", f.text())
	}
}
