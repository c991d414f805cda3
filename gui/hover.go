package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// hoverDelay is how long the pointer rests on a truncated cell before its
// full text shows.
const hoverDelay = 600 * time.Millisecond

// hoverTipWidth is the widest a hover tip grows before it wraps.
const hoverTipWidth float32 = 480

// hoverTip shows the full text of a truncated table cell in a small panel
// under it, after the pointer rested there for hoverDelay; leaving the
// cell, pressing a button or scrolling removes it. (Fyne 2.7 has no
// tooltips, and a PopUp is an overlay that would take the pointer away from
// the cell.) The panel lives in a layer over the window's content, made of a
// rectangle and a label, which take no mouse events: the pointer keeps
// hovering the cells below it.
type hoverTip struct {
	tasks  *tasks
	layer  *fyne.Container // covers the content, without layout
	shadow *canvas.Rectangle
	bg     *canvas.Rectangle
	label  *widget.Label
	panel  *fyne.Container
	stop   func()      // cancels a pending show
	cell   fyne.Widget // the cell it is for
}

func newHoverTip(tk *tasks) *hoverTip {
	h := &hoverTip{tasks: tk, shadow: canvas.NewRectangle(nil), bg: canvas.NewRectangle(nil), label: widget.NewLabel("")}
	h.label.Wrapping = fyne.TextWrapWord
	h.panel = container.NewStack(h.bg, h.label)
	h.panel.Hide()
	h.shadow.Hide()
	h.layer = container.NewWithoutLayout(h.shadow, h.panel)
	return h
}

// hoverTarget is a cell that can show a tip: its text and whether the
// text is cut.
type hoverTarget interface {
	fyne.Widget
	tipText() (text string, truncated bool)
}

// schedule shows cell's text after hoverDelay if the cell cuts it.
func (h *hoverTip) schedule(cell hoverTarget) {
	h.hide()
	text, cut := cell.tipText()
	if !cut || text == "" {
		return
	}
	h.cell = cell
	h.stop = h.tasks.After(hoverDelay, func() {
		h.stop = nil
		h.show(cell, text)
	})
}

// leave hides the tip of cell (the pointer left it).
func (h *hoverTip) leave(cell fyne.Widget) {
	if h.cell == cell {
		h.hide()
	}
}

// hide removes the tip and cancels a pending one.
func (h *hoverTip) hide() {
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
func (h *hoverTip) repaint() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(h.layer); c != nil {
		c.Refresh(h.layer)
	}
}

// visible reports whether a tip shows, and its text.
func (h *hoverTip) visible() (string, bool) { return h.label.Text, h.panel.Visible() }

// show places the tip with text under cell (above it near the bottom).
func (h *hoverTip) show(cell fyne.Widget, text string) {
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
	w := fyne.Min(textW+2*pad+2, fyne.Min(hoverTipWidth, area.Width))
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
