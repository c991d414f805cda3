package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// underscoreFits returns how far the font's "_" reaches below the baseline
// and the font's descent: Fyne sizes a line of text by the ascent and
// descent and cuts off the pixel row at its edge, so an underscore reaching
// exactly the descent (Fyne's DejaVu Sans Mono) is lost ("000 e1c4…").
func underscoreFits(t *testing.T, res fyne.Resource) (bottom, descent fixed.Int26_6) {
	t.Helper()
	f, err := opentype.Parse(res.Content())
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 14, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	b, _, ok := face.GlyphBounds('_')
	if !ok {
		t.Fatalf("%s has no underscore", res.Name())
	}
	return b.Max.Y, face.Metrics().Descent
}

// TestMonospaceUnderscoreFitsTheLine: the app's monospace font (the
// Changes diff) draws "_" strictly inside the line Fyne measures.
func TestMonospaceUnderscoreFitsTheLine(t *testing.T) {
	th := newAppTheme(ThemeDark)
	mono := th.Font(fyne.TextStyle{Monospace: true})
	if bottom, descent := underscoreFits(t, mono); bottom >= descent {
		t.Errorf("%s: the underscore reaches %v below the baseline, the line %v", mono.Name(), bottom, descent)
	}
	// The check can fail: Fyne's own monospace font draws it below the line.
	bottom, descent := underscoreFits(t, theme.DefaultTheme().Font(fyne.TextStyle{Monospace: true}))
	t.Logf("Fyne's monospace underscore: %v below the baseline, the line %v", bottom, descent)
}
