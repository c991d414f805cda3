package table

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// HoverDelay is how long the pointer rests on a truncated cell before its
// full text shows.
const HoverDelay = 600 * time.Millisecond

// HoverTipWidth is the widest a hover tip grows before it wraps.
const HoverTipWidth float32 = 480

// HoverTip shows the full text of a truncated table cell in a small panel
// under it, after the pointer rested there for HoverDelay; leaving the
// cell, pressing a button or scrolling removes it. (Fyne 2.7 has no
// tooltips, and a PopUp is an overlay that would take the pointer away from
// the cell.) The panel lives in a layer over the window's content, made of a
// rectangle and a label, which take no mouse events: the pointer keeps
// hovering the cells below it.
type HoverTip struct {
	after  func(d time.Duration, f func()) (stop func())
	layer  *fyne.Container // covers the content, without layout
	shadow *canvas.Rectangle
	bg     *canvas.Rectangle
	label  *widget.Label
	panel  *fyne.Container
	stop   func()      // cancels a pending show
	cell   fyne.Widget // the cell it is for
}

// NewHoverTip returns a tip that waits with after, which runs f on the UI
// goroutine once d has passed unless stop was called (tasks.After in gui).
// Its Layer goes over the window's content.
func NewHoverTip(after func(d time.Duration, f func()) (stop func())) *HoverTip {
	h := &HoverTip{after: after, shadow: canvas.NewRectangle(nil), bg: canvas.NewRectangle(nil), label: widget.NewLabel("")}
	h.label.Wrapping = fyne.TextWrapWord
	h.panel = container.NewStack(h.bg, h.label)
	h.panel.Hide()
	h.shadow.Hide()
	h.layer = container.NewWithoutLayout(h.shadow, h.panel)
	return h
}

// HoverTarget is a cell that can show a tip: its text and whether the
// text is cut.
type HoverTarget interface {
	fyne.Widget
	TipText() (text string, truncated bool)
}

// Schedule shows cell's text after HoverDelay if the cell cuts it.
func (h *HoverTip) Schedule(cell HoverTarget) {
	h.Hide()
	text, cut := cell.TipText()
	if !cut || text == "" {
		return
	}
	h.cell = cell
	h.stop = h.after(HoverDelay, func() {
		h.stop = nil
		h.show(cell, text)
	})
}

// Leave hides the tip of cell (the pointer left it).
func (h *HoverTip) Leave(cell fyne.Widget) {
	if h.cell == cell {
		h.Hide()
	}
}

// Hide removes the tip and cancels a pending one.
func (h *HoverTip) Hide() {
	if h.stop != nil {
		h.stop()
		h.stop = nil
	}
	h.cell = nil
	if h.panel.Visible() {
		h.panel.Hide()
		h.shadow.Hide()
		h.repaint()
	}
}

// repaint asks the window to draw the layer again. (The panel, hidden
// when the window was first drawn, is unknown to the canvas: refreshing it
// alone repaints nothing.)
func (h *HoverTip) repaint() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(h.layer); c != nil {
		c.Refresh(h.layer)
	}
}

// Visible reports whether a tip shows, and its text.
func (h *HoverTip) Visible() (string, bool) { return h.label.Text, h.panel.Visible() }

// show places the tip with text under cell (above it near the bottom).
func (h *HoverTip) show(cell fyne.Widget, text string) {
	drv := fyne.CurrentApp().Driver()
	if drv.CanvasForObject(cell) == nil || !cell.Visible() {
		return
	}
	th := theme.Current()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	pad := th.Size(theme.SizeNameInnerPadding)
	h.bg.FillColor = th.Color(theme.ColorNameOverlayBackground, v)
	h.bg.StrokeColor = th.Color(theme.ColorNameSeparator, v)
	h.bg.StrokeWidth = 1
	h.bg.CornerRadius = th.Size(theme.SizeNameInputRadius)
	h.shadow.FillColor = th.Color(theme.ColorNameShadow, v)
	h.shadow.CornerRadius = h.bg.CornerRadius
	h.label.SetText(text)

	textW := fyne.MeasureText(text, th.Size(theme.SizeNameText), h.label.TextStyle).Width
	layerPos := drv.AbsolutePositionForObject(h.layer)
	area := h.layer.Size()
	w := fyne.Min(textW+2*pad+2, fyne.Min(HoverTipWidth, area.Width))
	h.label.Resize(fyne.NewSize(w, h.label.MinSize().Height)) // a wrapping label measures at its width
	size := fyne.NewSize(w, h.label.MinSize().Height)

	at := drv.AbsolutePositionForObject(cell).Subtract(layerPos)
	x := fyne.Max(0, fyne.Min(at.X-pad/2, area.Width-size.Width))
	y := at.Y + cell.Size().Height + 2
	if y+size.Height > area.Height {
		y = fyne.Max(0, at.Y-size.Height-2)
	}
	h.panel.Move(fyne.NewPos(x, y))
	h.panel.Resize(size)
	h.shadow.Move(fyne.NewPos(x+1, y+3))
	h.shadow.Resize(size)
	h.shadow.Show()
	h.panel.Show()
	h.panel.Refresh()
	h.repaint()
}

// Layer is the layer the tip is drawn in: it covers the window's content
// and takes no mouse events.
func (h *HoverTip) Layer() fyne.CanvasObject { return h.layer }

// Panel is the tip's panel, shown under (or above) the cell.
func (h *HoverTip) Panel() fyne.CanvasObject { return h.panel }
