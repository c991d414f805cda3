package widgets

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/internal/uitree"
)

// overlayLabels gathers the text of the labels in w's overlays.
func overlayLabels(w fyne.Window) string {
	var b strings.Builder
	for _, o := range w.Canvas().Overlays().List() {
		uitree.Walk(o, func(o fyne.CanvasObject) bool {
			if !o.Visible() {
				return false
			}
			switch x := o.(type) {
			case *widget.Label:
				b.WriteString(x.Text + "\n")
				return false
			case *widget.RichText:
				b.WriteString(x.String() + "\n")
				return false
			}
			return true
		})
	}
	return b.String()
}

func TestImagePreviewSaysPendingOrFailed(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		url, want, not string
		state          ThumbState
	}{
		{"https://example.com/a.jpg", "https://example.com/a.jpg", "Not fetched", ThumbLoaded},
		{"pending", "Not fetched yet", "could not", ThumbPending},
		{"broken", "Decode: not an image.", "Not fetched", ThumbFailed},
	}
	for _, tc := range tests {
		t.Run(tc.url, func(t *testing.T) {
			r, q := newTestRunner()
			w := test.NewWindow(widget.NewLabel("article"))
			defer w.Close()
			w.Resize(fyne.NewSize(800, 700))
			big := ShowImagePreview(w, &fakeSource{}, r, tc.url, "400 × 300 px")
			settle(t, r, q)
			if big.State() != tc.state || big.MinSize() != PreviewSize {
				t.Fatalf("preview state %v size %v", big.State(), big.MinSize())
			}
			text := overlayLabels(w)
			if !strings.Contains(text, tc.want) || strings.Contains(text, tc.not) || !strings.Contains(text, "400 × 300 px") {
				t.Fatalf("preview says:\n%s", text)
			}
		})
	}
}

func TestThumbnailErrAndFailedCaption(t *testing.T) {
	test.NewTempApp(t)
	r, q := newTestRunner()
	th := NewThumbnail(&fakeSource{}, fyne.Size{})
	th.Runner = r
	w := test.NewWindow(th)
	defer w.Close()
	th.SetURL("pending")
	settle(t, r, q)
	if !errors.Is(th.Err(), ErrPending) {
		t.Fatalf("pending: Err = %v", th.Err())
	}
	rend := test.WidgetRenderer(th).(*thumbRenderer)
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if rend.caption.Color == th.Theme().Color(theme.ColorNameError, v) {
		t.Error("a pending image is captioned in the error colour")
	}
	th.SetURL("broken")
	settle(t, r, q)
	if th.Err() == nil || errors.Is(th.Err(), ErrPending) || !strings.Contains(th.Err().Error(), "not an image") {
		t.Fatalf("failed: Err = %v", th.Err())
	}
	if rend.caption.Text != "failed" || rend.caption.Color != th.Theme().Color(theme.ColorNameError, v) {
		t.Errorf("failed caption %q in %v", rend.caption.Text, rend.caption.Color)
	}
	th.SetURL("https://example.com/a.jpg")
	settle(t, r, q)
	if th.Err() != nil {
		t.Errorf("loaded: Err = %v", th.Err())
	}
}
