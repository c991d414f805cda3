package gui

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// vScrollBar is the article table's vertical scroll bar. The table shows a
// window of rows and scrolls by changing its first row (an int), so the bar
// maps rows, not pixels: position stays exact at any length.
type vScrollBar struct {
	widget.BaseWidget

	total, visible, top int

	// OnScroll is called with the first row the user scrolled to.
	OnScroll func(top int)
	// OnWheel is called with mouse wheel events over the bar.
	OnWheel func(ev *fyne.ScrollEvent)

	dragTop  int
	dragFrom float32
	dragging bool
}

var (
	_ fyne.Draggable  = (*vScrollBar)(nil)
	_ fyne.Tappable   = (*vScrollBar)(nil)
	_ fyne.Scrollable = (*vScrollBar)(nil)
)

func newVScrollBar() *vScrollBar {
	b := &vScrollBar{}
	b.ExtendBaseWidget(b)
	return b
}

// set updates the bar to show rows [top, top+visible) of total.
func (b *vScrollBar) set(total, visible, top int) {
	if b.total == total && b.visible == visible && b.top == top {
		return
	}
	b.total, b.visible, b.top = total, visible, top
	b.Refresh()
}

// maxTop is the largest first row.
func (b *vScrollBar) maxTop() int { return max(0, b.total-b.visible) }

// thumb returns the thumb's y and height for the bar's current size.
func (b *vScrollBar) thumb() (y, h float32) {
	H := b.Size().Height
	if b.total <= b.visible || b.total == 0 {
		return 0, H
	}
	h = max(float32(28), H*float32(b.visible)/float32(b.total))
	h = min(h, H)
	y = float32(float64(H-h) * float64(b.top) / float64(b.maxTop()))
	return y, h
}

// Dragged moves the thumb.
func (b *vScrollBar) Dragged(ev *fyne.DragEvent) {
	if !b.dragging {
		b.dragging, b.dragTop, b.dragFrom = true, b.top, ev.Position.Y-ev.Dragged.DY
	}
	_, h := b.thumb()
	track := float64(b.Size().Height - h)
	if track <= 0 {
		return
	}
	dy := float64(ev.Position.Y - b.dragFrom)
	top := b.dragTop + int(math.Round(dy*float64(b.maxTop())/track))
	b.scrollTo(top)
}

// DragEnd ends a thumb drag.
func (b *vScrollBar) DragEnd() { b.dragging = false }

// Tapped pages up or down when the track is tapped above or below the thumb.
func (b *vScrollBar) Tapped(ev *fyne.PointEvent) {
	y, h := b.thumb()
	switch {
	case ev.Position.Y < y:
		b.scrollTo(b.top - b.visible)
	case ev.Position.Y > y+h:
		b.scrollTo(b.top + b.visible)
	}
}

// Scrolled hands mouse wheel events to the table.
func (b *vScrollBar) Scrolled(ev *fyne.ScrollEvent) {
	if b.OnWheel != nil {
		b.OnWheel(ev)
	}
}

func (b *vScrollBar) scrollTo(top int) {
	top = max(0, min(top, b.maxTop()))
	if top == b.top {
		return
	}
	if b.OnScroll != nil {
		b.OnScroll(top)
	}
}

// MinSize is a thin bar.
func (b *vScrollBar) MinSize() fyne.Size {
	return fyne.NewSize(b.Theme().Size(theme.SizeNameScrollBarSmall)*3, 0)
}

// CreateRenderer draws the thumb.
func (b *vScrollBar) CreateRenderer() fyne.WidgetRenderer {
	r := &vScrollBarRenderer{bar: b, thumb: canvas.NewRectangle(nil)}
	r.Refresh()
	return r
}

type vScrollBarRenderer struct {
	bar   *vScrollBar
	thumb *canvas.Rectangle
}

func (r *vScrollBarRenderer) Layout(s fyne.Size) {
	y, h := r.bar.thumb()
	inset := float32(3)
	r.thumb.Move(fyne.NewPos(inset, y))
	r.thumb.Resize(fyne.NewSize(max(0, s.Width-2*inset), h))
	r.thumb.Hidden = r.bar.total <= r.bar.visible
}

func (r *vScrollBarRenderer) MinSize() fyne.Size { return r.bar.MinSize() }

func (r *vScrollBarRenderer) Refresh() {
	th := r.bar.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.thumb.FillColor = th.Color(theme.ColorNameScrollBar, v)
	r.thumb.CornerRadius = th.Size(theme.SizeNameScrollBarRadius)
	r.Layout(r.bar.Size())
	r.thumb.Refresh()
}

func (r *vScrollBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.thumb} }

func (r *vScrollBarRenderer) Destroy() {}
