package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestThumbnailTextCard: without a URL a thumbnail with a text card shows
// the label's initial and the label, not the photo placeholder; with a URL
// (pending) or without a label it shows the placeholder icon.
func TestThumbnailTextCard(t *testing.T) {
	for _, tc := range []struct {
		name, label, url string
		initial, caption string
		icon             bool
	}{
		{"text card", "Medical Xpress", "", "M", "Medical Xpress", false},
		{"initial skips punctuation", "«the» Gradient", "", "T", "«the» Gradient", false},
		{"no label: empty placeholder", "", "", "", "", true},
		{"pending image keeps its placeholder", "Phys.org", "https://example.com/a.jpg", "", "pending", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			test.NewTempApp(t)
			th := NewThumbnail(nil, fyne.NewSize(220, 150))
			test.NewTempWindow(t, th).Resize(fyne.NewSize(240, 170))
			th.SetTextCard(tc.label)
			th.SetURL(tc.url)
			r := test.WidgetRenderer(th).(*thumbRenderer)
			initial := ""
			if !r.initial.Hidden {
				initial = r.initial.Text
			}
			if initial != tc.initial {
				t.Errorf("initial %q, want %q", initial, tc.initial)
			}
			if tc.caption != "" && (r.caption.Hidden || r.caption.Text != tc.caption) {
				t.Errorf("caption %q (hidden %v), want %q", r.caption.Text, r.caption.Hidden, tc.caption)
			}
			if icon := !r.icon.Hidden; icon != tc.icon {
				t.Errorf("icon shown %v, want %v", icon, tc.icon)
			}
			if th.TextCard() != tc.label {
				t.Errorf("TextCard() %q", th.TextCard())
			}
		})
	}
}
