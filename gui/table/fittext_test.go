package table

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestTextFitterCutsToWidth(t *testing.T) {
	test.NewTempApp(t)
	f := newTextFitter(14, fyne.TextStyle{})
	title := "Researchers map the brain's wiring in unprecedented detail"
	full := f.width(title)
	for _, tc := range []struct {
		name    string
		text    string
		w       float32
		want    string // "" checks only the rules below
		wantCut bool
	}{
		{"fits", title, full + 1, title, false},
		{"exact", title, full, title, false},
		{"half", title, full / 2, "", true},
		{"one letter and dots", "Wide", f.advance('W') + f.dots, "W…", true},
		{"nothing fits but dots", "Wide", f.dots, "…", true},
		{"narrower than dots", "Wide", 1, "…", true},
		{"spaces before the cut go", "ab    cdefgh", f.width("ab    ") + f.dots, "ab…", true},
		{"second line", "first\nsecond", 1000, "first…", true},
		{"empty", "", 10, "", false},
		{"accents and CJK", "Zoë 東京 – café", 1000, "Zoë 東京 – café", false},
	} {
		got, cut := f.fit(tc.text, tc.w)
		if cut != tc.wantCut || (tc.want != "" && got != tc.want) {
			t.Errorf("%s: fit(%q, %.1f) = %q %v, want %q %v", tc.name, tc.text, tc.w, got, cut, tc.want, tc.wantCut)
		}
		if cut && (!strings.HasSuffix(got, ellipsis) || f.width(got) > tc.w && got != ellipsis) {
			t.Errorf("%s: %q (%.1f) does not fit %.1f with its ellipsis", tc.name, got, f.width(got), tc.w)
		}
		if cut && got != ellipsis {
			// The longest start that fits: one more rune would not.
			body := []rune(strings.TrimSuffix(got, ellipsis))
			next := []rune(tc.text)[len(body)]
			if next != ' ' && next != '\n' && f.width(string(body))+f.advance(next)+f.dots <= tc.w {
				t.Errorf("%s: %q is cut too early (%.1f of %.1f)", tc.name, got, f.width(got), tc.w)
			}
		}
	}
}

// The summed advances agree with the shaped width within a pixel or two,
// which the cell's inner padding absorbs.
func TestTextFitterMeasuresLikeShaping(t *testing.T) {
	test.NewTempApp(t)
	f := newTextFitter(14, fyne.TextStyle{})
	for _, s := range []string{
		"Researchers map the brain's wiring in unprecedented detail",
		"AVAWAY To Ty: kerning pairs VA, Wo, Te",
		"2024-03-17 09:45", "1,234,567", "technology/artificial-intelligence",
		"Zoë, Ærø & Ångström — café ‘quotes’",
	} {
		shaped := fyne.MeasureText(s, 14, fyne.TextStyle{}).Width
		if d := math.Abs(float64(f.width(s) - shaped)); d > 2+0.02*float64(shaped) {
			t.Errorf("%q: advances %.1f, shaped %.1f", s, f.width(s), shaped)
		}
	}
}
