package table

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// CutLabel is one line of text cut to its width with an ellipsis, for the
// table's cells and headers. Unlike a widget.Label with truncation it shapes
// nothing when it is refreshed or resized (see textFitter), which the table
// does to every cell on each scroll step.
type CutLabel struct {
	widget.BaseWidget
	text    *canvas.Text
	full    string
	cut     bool
	dim     bool // drawn in the disabled colour (a placeholder)
	fitters *Fitters
}

// NewCutLabel returns an empty label in style whose texts are measured by
// fitters, which the labels of one table share.
func NewCutLabel(style fyne.TextStyle, fitters *Fitters) *CutLabel {
	l := &CutLabel{text: canvas.NewText("", nil), fitters: fitters}
	l.text.TextStyle = style
	l.ExtendBaseWidget(l)
	return l
}

// Set shows text (dim: in the disabled colour), redrawing only on a change.
func (l *CutLabel) Set(text string, align fyne.TextAlign, dim bool) {
	if text == l.full && align == l.text.Alignment && dim == l.dim {
		return
	}
	l.full, l.dim, l.text.Alignment = text, dim, align
	l.fit()
	l.paint()
	l.text.Refresh()
}

// fit cuts the text to the width inside the padding.
func (l *CutLabel) fit() {
	th := l.Theme()
	f := l.fitters.get(th.Size(theme.SizeNameText), l.text.TextStyle)
	l.text.TextSize = f.size
	shown, cut := l.full, false
	if avail := l.Size().Width - 2*th.Size(theme.SizeNameInnerPadding); avail > 0 {
		shown, cut = f.fit(l.full, avail)
	}
	l.text.Text, l.cut = shown, cut
}

func (l *CutLabel) paint() {
	name := theme.ColorNameForeground
	if l.dim {
		name = theme.ColorNameDisabled
	}
	l.text.Color = l.Theme().Color(name, fyne.CurrentApp().Settings().ThemeVariant())
}

// MinSize is one line of text with the inner padding around it.
func (l *CutLabel) MinSize() fyne.Size {
	th := l.Theme()
	pad := 2 * th.Size(theme.SizeNameInnerPadding)
	h := fyne.MeasureText("Ág", th.Size(theme.SizeNameText), l.text.TextStyle).Height
	return fyne.NewSize(pad, h+pad)
}

// CreateRenderer draws the text.
func (l *CutLabel) CreateRenderer() fyne.WidgetRenderer { return &cutLabelRenderer{l} }

type cutLabelRenderer struct{ l *CutLabel }

func (r *cutLabelRenderer) Layout(s fyne.Size) {
	l := r.l
	inner := l.Theme().Size(theme.SizeNameInnerPadding)
	h := l.text.MinSize().Height
	l.text.Move(fyne.NewPos(inner, (s.Height-h)/2))
	l.text.Resize(fyne.NewSize(max(0, s.Width-2*inner), h))
	old := l.text.Text
	l.fit()
	if l.text.Text != old {
		l.text.Refresh()
	}
}

func (r *cutLabelRenderer) MinSize() fyne.Size { return r.l.MinSize() }

// Refresh follows a theme change (colour and text size).
func (r *cutLabelRenderer) Refresh() {
	r.l.fit()
	r.l.paint()
	r.l.text.Refresh()
}

func (r *cutLabelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.text} }
func (r *cutLabelRenderer) Destroy()                     {}

// Fitters keeps a textFitter per text style for the current text size; its
// zero value is ready to use.
type Fitters struct {
	size float32
	m    map[fyne.TextStyle]*textFitter
}

// get returns the fitter for a size and style (new ones when the theme's
// text size changed).
func (c *Fitters) get(size float32, style fyne.TextStyle) *textFitter {
	if c.m == nil || c.size != size {
		c.size, c.m = size, map[fyne.TextStyle]*textFitter{}
	}
	f, ok := c.m[style]
	if !ok {
		f = newTextFitter(size, style)
		c.m[style] = f
	}
	return f
}

// Text is the whole text the label was given.
func (l *CutLabel) Text() string { return l.full }

// Shown is the text drawn: Text, or its start with an ellipsis when cut.
func (l *CutLabel) Shown() string { return l.text.Text }

// Cut reports whether the text was cut to fit.
func (l *CutLabel) Cut() bool { return l.cut }
