package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// labelWidth is the width of the form's label column: narrow enough for a
// 520 px pane, wide enough for "Provider domain".
const labelWidth float32 = 118

// rowLayout lays out a form row: a fixed-width label, then the value.
type rowLayout struct{}

func (rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	l, v := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(labelWidth+v.Width, fyne.Max(l.Height, v.Height))
}

func (rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(labelWidth, objs[0].MinSize().Height))
	objs[1].Move(fyne.NewPos(labelWidth, 0))
	objs[1].Resize(fyne.NewSize(size.Width-labelWidth, size.Height))
}

// row pairs a label with a value cell.
func row(label string, value fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.Truncation = fyne.TextTruncateEllipsis
	return container.New(rowLayout{}, l, value)
}

// fieldRow is the form row of a field (a check box carries its own label).
func fieldRow(f *field) fyne.CanvasObject {
	if f.check != nil {
		return row("", f.cell)
	}
	return row(f.label, f.cell)
}

// section is a titled group of rows.
func section(title string, rows ...fyne.CanvasObject) fyne.CanvasObject {
	h := widget.NewLabel(title)
	h.TextStyle = fyne.TextStyle{Bold: true}
	h.SizeName = theme.SizeNameSubHeadingText
	objs := append([]fyne.CanvasObject{h, widget.NewSeparator()}, rows...)
	return container.NewVBox(objs...)
}

// gap is vertical space between sections.
func gap() fyne.CanvasObject {
	s := layout.NewSpacer()
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(1, theme.Padding()*2)), s)
}
