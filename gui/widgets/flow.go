package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// FlowLayout places objects left to right at their minimum size and wraps
// them onto new rows when the width runs out; each row is as tall as its
// tallest object, which are centred vertically. Its MinSize uses the width of
// the last Layout, so a Fyne window settles on the right height after one
// frame.
type FlowLayout struct {
	HGap, VGap float32
	width      float32
}

var _ fyne.Layout = (*FlowLayout)(nil)

// NewFlowLayout returns a flow layout with the theme's padding as gaps.
func NewFlowLayout() *FlowLayout {
	p := theme.Padding()
	return &FlowLayout{HGap: p, VGap: p}
}

// MinSize is the widest object's width by the height the objects need at the
// last laid-out width (one row before the first Layout).
func (l *FlowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var widest float32
	for _, o := range objects {
		if o.Visible() {
			widest = fyne.Max(widest, o.MinSize().Width)
		}
	}
	width := l.width
	if width <= 0 {
		width = 1 << 20
	}
	return fyne.NewSize(widest, l.place(objects, width, false))
}

// Layout places the objects in rows within size.Width.
func (l *FlowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	l.place(objects, size.Width, true)
}

// place computes the rows for width, moving objects when apply is set, and
// returns the total height.
func (l *FlowLayout) place(objects []fyne.CanvasObject, width float32, apply bool) float32 {
	var y, total float32
	row := make([]fyne.CanvasObject, 0, len(objects))
	var x, rowH float32
	flush := func() {
		if len(row) == 0 {
			return
		}
		if apply {
			var rx float32
			for _, o := range row {
				s := o.MinSize()
				o.Resize(s)
				o.Move(fyne.NewPos(rx, y+(rowH-s.Height)/2))
				rx += s.Width + l.HGap
			}
		}
		total = y + rowH
		y += rowH + l.VGap
		row, x, rowH = row[:0], 0, 0
	}
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		if len(row) > 0 && x+s.Width > width {
			flush()
		}
		row = append(row, o)
		x += s.Width + l.HGap
		rowH = fyne.Max(rowH, s.Height)
	}
	flush()
	return total
}
