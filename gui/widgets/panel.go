package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Panel frames its content in a rounded, outlined box with inner padding
// that follows the theme (light and dark). Create it with NewPanel.
type Panel struct {
	widget.BaseWidget
	Content fyne.CanvasObject
}

// NewPanel returns a panel around content.
func NewPanel(content fyne.CanvasObject) *Panel {
	p := &Panel{Content: content}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *Panel) CreateRenderer() fyne.WidgetRenderer {
	p.ExtendBaseWidget(p)
	r := &panelRenderer{p: p, bg: canvas.NewRectangle(color.Transparent)}
	r.Refresh()
	return r
}

type panelRenderer struct {
	p  *Panel
	bg *canvas.Rectangle
}

func (r *panelRenderer) inset() float32 {
	return r.p.Theme().Size(theme.SizeNameInnerPadding)
}

func (r *panelRenderer) Destroy() {}

func (r *panelRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.p.Content}
}

func (r *panelRenderer) MinSize() fyne.Size {
	in := r.inset()
	return r.p.Content.MinSize().Add(fyne.NewSquareSize(2 * in))
}

func (r *panelRenderer) Layout(size fyne.Size) {
	in := r.inset()
	r.bg.Resize(size)
	r.p.Content.Move(fyne.NewSquareOffsetPos(in))
	r.p.Content.Resize(size.Subtract(fyne.NewSquareSize(2 * in)))
}

func (r *panelRenderer) Refresh() {
	th := r.p.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	bg := th.Color(theme.ColorNameInputBackground, v)
	r.bg.FillColor = fade(bg, 0.45)
	r.bg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.bg.StrokeWidth = 1
	r.bg.CornerRadius = th.Size(theme.SizeNameInputRadius) + 2
	r.bg.Refresh()
	r.p.Content.Refresh()
}

// fade scales a colour's opacity by f.
func fade(c color.Color, f float64) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(float64(n.A) * f)
	return n
}
