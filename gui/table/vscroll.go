package table

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ScrollBar is the article table's vertical scroll bar. The table shows a
// window of rows and scrolls by changing its first row (an int), so the bar
// maps rows, not pixels: position stays exact at any length.
type ScrollBar struct {
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
	_ fyne.Draggable  = (*ScrollBar)(nil)
	_ fyne.Tappable   = (*ScrollBar)(nil)
	_ fyne.Scrollable = (*ScrollBar)(nil)
)

// NewScrollBar returns a bar over no rows; Set gives it its rows.
func NewScrollBar() *ScrollBar {
	b := &ScrollBar{}
	b.ExtendBaseWidget(b)
	return b
}

// Set updates the bar to show rows [top, top+visible) of total.
func (b *ScrollBar) Set(total, visible, top int) {
	if b.total == total && b.visible == visible && b.top == top {
		return
	}
	b.total, b.visible, b.top = total, visible, top
	b.Refresh()
}

// maxTop is the largest first row.
func (b *ScrollBar) maxTop() int { return max(0, b.total-b.visible) }

// Thumb returns the thumb's y and height for the bar's current size.
func (b *ScrollBar) Thumb() (y, h float32) {
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
func (b *ScrollBar) Dragged(ev *fyne.DragEvent) {
	if !b.dragging {
		b.dragging, b.dragTop, b.dragFrom = true, b.top, ev.Position.Y-ev.Dragged.DY
	}
	_, h := b.Thumb()
	track := float64(b.Size().Height - h)
	if track <= 0 {
		return
	}
	dy := float64(ev.Position.Y - b.dragFrom)
	top := b.dragTop + int(math.Round(dy*float64(b.maxTop())/track))
	b.scrollTo(top)
}

// DragEnd ends a thumb drag.
func (b *ScrollBar) DragEnd() { b.dragging = false }

// Tapped pages up or down when the track is tapped above or below the thumb.
func (b *ScrollBar) Tapped(ev *fyne.PointEvent) {
	y, h := b.Thumb()
	switch {
	case ev.Position.Y < y:
		b.scrollTo(b.top - b.visible)
	case ev.Position.Y > y+h:
		b.scrollTo(b.top + b.visible)
	}
}

// Scrolled hands mouse wheel events to the table.
func (b *ScrollBar) Scrolled(ev *fyne.ScrollEvent) {
	if b.OnWheel != nil {
		b.OnWheel(ev)
	}
}

func (b *ScrollBar) scrollTo(top int) {
	top = max(0, min(top, b.maxTop()))
	if top == b.top {
		return
	}
	if b.OnScroll != nil {
		b.OnScroll(top)
	}
}

// MinSize is a thin bar.
func (b *ScrollBar) MinSize() fyne.Size {
	return fyne.NewSize(b.Theme().Size(theme.SizeNameScrollBarSmall)*3, 0)
}

// CreateRenderer draws the thumb.
func (b *ScrollBar) CreateRenderer() fyne.WidgetRenderer {
	r := &scrollBarRenderer{bar: b, thumb: canvas.NewRectangle(nil)}
	r.Refresh()
	return r
}

type scrollBarRenderer struct {
	bar   *ScrollBar
	thumb *canvas.Rectangle
}

func (r *scrollBarRenderer) Layout(s fyne.Size) {
	y, h := r.bar.Thumb()
	inset := float32(3)
	r.thumb.Move(fyne.NewPos(inset, y))
	r.thumb.Resize(fyne.NewSize(max(0, s.Width-2*inset), h))
	r.thumb.Hidden = r.bar.total <= r.bar.visible
}

func (r *scrollBarRenderer) MinSize() fyne.Size { return r.bar.MinSize() }

func (r *scrollBarRenderer) Refresh() {
	th := r.bar.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.thumb.FillColor = th.Color(theme.ColorNameScrollBar, v)
	r.thumb.CornerRadius = th.Size(theme.SizeNameScrollBarRadius)
	r.Layout(r.bar.Size())
	r.thumb.Refresh()
}

func (r *scrollBarRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.thumb} }

func (r *scrollBarRenderer) Destroy() {}
