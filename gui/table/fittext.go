package table

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// ellipsis ends a cut text.
const ellipsis = "…"

// textFitter cuts text to a width with an ellipsis for the table's cells. It
// adds up each rune's advance, measured once per rune, so fitting a cell
// shapes nothing: a widget.Label with truncation shapes its whole text on
// every refresh, too slow for a screen of cells on each scroll step
// (BenchmarkTableScroll in package gui). Kerning is ignored: a text may come
// out a pixel or two wider than measured, which the cell's padding absorbs.
type textFitter struct {
	size  float32
	style fyne.TextStyle
	adv   map[rune]float32
	dots  float32 // width of the ellipsis
}

// maxFitterRunes bounds the advances kept (a text in many scripts).
const maxFitterRunes = 8192

func newTextFitter(size float32, style fyne.TextStyle) *textFitter {
	f := &textFitter{size: size, style: style, adv: map[rune]float32{}}
	f.dots = fyne.MeasureText(ellipsis, size, style).Width
	return f
}

// advance is the width of one rune.
func (f *textFitter) advance(r rune) float32 {
	if w, ok := f.adv[r]; ok {
		return w
	}
	w := fyne.MeasureText(string(r), f.size, f.style).Width
	if len(f.adv) >= maxFitterRunes {
		clear(f.adv)
	}
	f.adv[r] = w
	return w
}

// width is the width of s.
func (f *textFitter) width(s string) float32 {
	var w float32
	for _, r := range s {
		w += f.advance(r)
	}
	return w
}

// fit returns s when it fits in width w, else the longest start of it that
// fits with an ellipsis after it (cut is then true). A line break ends the
// first line, which is cut.
func (f *textFitter) fit(s string, w float32) (text string, cut bool) {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s, cut = s[:i], true
	}
	var used float32
	end := -1 // byte offset where the ellipsis would go
	for i, r := range s {
		a := f.advance(r)
		if used+a > w {
			cut = true
			break
		}
		if used+a+f.dots <= w {
			end = i + utf8.RuneLen(r)
		}
		used += a
	}
	if !cut {
		return s, false
	}
	if end < 0 {
		return ellipsis, true
	}
	return strings.TrimRight(s[:end], " ") + ellipsis, true
}
