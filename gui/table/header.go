package table

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Header is a column title with the sort arrow; a tap sorts, the
// secondary button opens the column chooser.
type Header struct {
	widget.BaseWidget
	t     *Table
	col   int
	label *CutLabel
	arrow *widget.Icon
	box   *fyne.Container
}

var (
	_ fyne.Tappable          = (*Header)(nil)
	_ fyne.SecondaryTappable = (*Header)(nil)
)

func newHeader(t *Table) *Header {
	h := &Header{t: t, label: NewCutLabel(fyne.TextStyle{Bold: true}, &t.fitters), arrow: widget.NewIcon(nil)}
	h.box = container.NewBorder(nil, nil, nil, h.arrow, h.label)
	h.ExtendBaseWidget(h)
	return h
}

// set shows the title and the sort direction (1 up, -1 down, 0 none).
// Unchanged, nothing is redrawn (the table refreshes its headers with every
// scroll step).
func (h *Header) set(label string, arrow int) {
	h.label.Set(label, fyne.TextAlignLeading, false)
	var icon fyne.Resource
	switch arrow {
	case 1:
		icon = theme.MenuDropUpIcon()
	case -1:
		icon = theme.MenuDropDownIcon()
	}
	switch {
	case icon == nil:
		h.arrow.Hide()
	case h.arrow.Resource != icon || !h.arrow.Visible():
		h.arrow.SetResource(icon)
		h.arrow.Show()
	}
}

// Column is the index of the header's column among the shown ones.
func (h *Header) Column() int { return h.col }

// Label is the column's title as cut to its width.
func (h *Header) Label() *CutLabel { return h.label }

// Arrow is the sort arrow shown: 1 up, -1 down, 0 none.
func (h *Header) Arrow() int {
	switch {
	case !h.arrow.Visible():
		return 0
	case h.arrow.Resource == theme.MenuDropUpIcon():
		return 1
	default:
		return -1
	}
}

// MinSize matches the rows' height.
func (h *Header) MinSize() fyne.Size { return fyne.NewSize(30, h.t.rowH) }

// Tapped sorts by the column.
func (h *Header) Tapped(*fyne.PointEvent) { h.t.headerTapped(h.col) }

// TappedSecondary opens the column chooser.
func (h *Header) TappedSecondary(ev *fyne.PointEvent) {
	if h.t.OnColumnsMenu != nil {
		h.t.OnColumnsMenu(ev.AbsolutePosition)
	}
}

// CreateRenderer lays out the title and arrow.
func (h *Header) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(h.box) }
