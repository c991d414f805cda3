package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Chip is a small rounded tag showing one value, with an optional close
// button. Create it with NewChip.
type Chip struct {
	widget.BaseWidget

	// Text is the value shown.
	Text string
	// OnRemove, when set, shows a close button that calls it.
	OnRemove func()
	// OnTapped, when set, makes the chip itself tappable.
	OnTapped func()
	// Highlighted draws the chip in the selection colour (keyboard choice).
	Highlighted bool

	hovered bool
}

var (
	_ fyne.Tappable      = (*Chip)(nil)
	_ desktop.Hoverable  = (*Chip)(nil)
	_ desktop.Cursorable = (*Chip)(nil)
)

// NewChip returns a chip for text; onRemove may be nil for a chip that
// cannot be removed.
func NewChip(text string, onRemove func()) *Chip {
	c := &Chip{Text: text, OnRemove: onRemove}
	c.ExtendBaseWidget(c)
	return c
}

// Tapped calls OnTapped.
func (c *Chip) Tapped(*fyne.PointEvent) {
	if c.OnTapped != nil {
		c.OnTapped()
	}
}

// Cursor is a pointer when the chip can be tapped.
func (c *Chip) Cursor() desktop.Cursor {
	if c.OnTapped != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// MouseIn highlights a tappable chip.
func (c *Chip) MouseIn(*desktop.MouseEvent) {
	c.hovered = c.OnTapped != nil
	c.Refresh()
}

// MouseMoved is part of desktop.Hoverable.
func (c *Chip) MouseMoved(*desktop.MouseEvent) {}

// MouseOut ends the highlight.
func (c *Chip) MouseOut() {
	c.hovered = false
	c.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (c *Chip) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	r := &chipRenderer{
		chip:  c,
		bg:    canvas.NewRectangle(color.Transparent),
		text:  canvas.NewText(c.Text, color.Black),
		close: newChipClose(c),
	}
	r.Refresh()
	return r
}

type chipRenderer struct {
	chip  *Chip
	bg    *canvas.Rectangle
	text  *canvas.Text
	close *chipClose
}

func (r *chipRenderer) Destroy() {}

func (r *chipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.text, r.close}
}

func (r *chipRenderer) pad() (h, v float32) {
	th := r.chip.Theme()
	return th.Size(theme.SizeNameInnerPadding) * 0.75, th.Size(theme.SizeNamePadding)
}

func (r *chipRenderer) MinSize() fyne.Size {
	h, v := r.pad()
	ts := r.text.MinSize()
	w := ts.Width + 2*h
	if r.chip.OnRemove != nil {
		w += r.close.MinSize().Width + h/2
	}
	return fyne.NewSize(w, ts.Height+2*v)
}

func (r *chipRenderer) Layout(size fyne.Size) {
	h, _ := r.pad()
	r.bg.Resize(size)
	r.bg.CornerRadius = size.Height / 2
	ts := r.text.MinSize()
	r.text.Resize(ts)
	r.text.Move(fyne.NewPos(h, (size.Height-ts.Height)/2))
	cs := r.close.MinSize()
	r.close.Resize(cs)
	r.close.Move(fyne.NewPos(size.Width-h*0.6-cs.Width, (size.Height-cs.Height)/2))
}

func (r *chipRenderer) Refresh() {
	th := r.chip.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.text.Text = r.chip.Text
	r.text.Color = th.Color(theme.ColorNameForeground, v)
	r.text.TextSize = th.Size(theme.SizeNameText) * 0.92
	bg := th.Color(theme.ColorNameInputBackground, v)
	switch {
	case r.chip.Highlighted:
		bg = th.Color(theme.ColorNameSelection, v)
	case r.chip.hovered:
		bg = th.Color(theme.ColorNameHover, v)
	}
	r.bg.FillColor = bg
	r.bg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	r.bg.StrokeWidth = 1
	r.close.Hidden = r.chip.OnRemove == nil
	r.Layout(r.chip.Size())
	r.bg.Refresh()
	r.text.Refresh()
	r.close.Refresh()
}

// chipClose is the small round close button of a Chip.
type chipClose struct {
	widget.BaseWidget
	chip    *Chip
	hovered bool
}

var (
	_ fyne.Tappable      = (*chipClose)(nil)
	_ desktop.Hoverable  = (*chipClose)(nil)
	_ desktop.Cursorable = (*chipClose)(nil)
)

func newChipClose(c *Chip) *chipClose {
	b := &chipClose{chip: c}
	b.ExtendBaseWidget(b)
	return b
}

func (b *chipClose) Tapped(*fyne.PointEvent) {
	if b.chip.OnRemove != nil {
		b.chip.OnRemove()
	}
}

func (b *chipClose) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (b *chipClose) MouseIn(*desktop.MouseEvent) {
	b.hovered = true
	b.Refresh()
}

func (b *chipClose) MouseMoved(*desktop.MouseEvent) {}

func (b *chipClose) MouseOut() {
	b.hovered = false
	b.Refresh()
}

func (b *chipClose) MinSize() fyne.Size {
	s := b.Theme().Size(theme.SizeNameInlineIcon) * 0.8
	return fyne.NewSize(s, s)
}

func (b *chipClose) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewCircle(color.Transparent)
	icon := canvas.NewImageFromResource(theme.CancelIcon())
	icon.FillMode = canvas.ImageFillContain
	r := &closeRenderer{b: b, bg: bg, icon: icon}
	r.Refresh()
	return r
}

type closeRenderer struct {
	b    *chipClose
	bg   *canvas.Circle
	icon *canvas.Image
}

func (r *closeRenderer) Destroy() {}

func (r *closeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.icon} }

func (r *closeRenderer) MinSize() fyne.Size { return r.b.MinSize() }

func (r *closeRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	inset := size.Width * 0.18
	r.icon.Move(fyne.NewPos(inset, inset))
	r.icon.Resize(fyne.NewSize(size.Width-2*inset, size.Height-2*inset))
}

func (r *closeRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.bg.FillColor = color.Transparent
	var res fyne.Resource = theme.NewColoredResource(th.Icon(theme.IconNameCancel), theme.ColorNamePlaceHolder)
	if r.b.hovered {
		r.bg.FillColor = th.Color(theme.ColorNameHover, v)
		res = theme.NewThemedResource(th.Icon(theme.IconNameCancel))
	}
	r.icon.Resource = res
	r.Layout(r.b.Size())
	r.bg.Refresh()
	r.icon.Refresh()
}
