package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// NewMessage returns a centred, word-wrapping label for a pane's message
// ("Select an article…", "Loading…") and the object to show it in: the
// label gets the pane's whole width and sits in the middle of its height.
// (A centre container gives a wrapping label its minimum width, one
// character, so the text would run down the pane a letter per line.)
func NewMessage(text string) (*widget.Label, fyne.CanvasObject) {
	l := widget.NewLabel(text)
	l.Alignment = fyne.TextAlignCenter
	l.Wrapping = fyne.TextWrapWord
	return l, container.New(messageLayout{}, l)
}

// messageLayout gives its object the whole width and the height the text
// needs at that width, centred vertically.
type messageLayout struct{}

func (messageLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (messageLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	o := objs[0]
	// A wrapping label measures its height at its current width: give it
	// the width first, then ask.
	o.Resize(fyne.NewSize(size.Width, o.Size().Height))
	h := fyne.Min(o.MinSize().Height, size.Height)
	o.Resize(fyne.NewSize(size.Width, h))
	o.Move(fyne.NewPos(0, (size.Height-h)/2))
}

// SetMessage shows msg in a label made by NewMessage, in the error colour
// when isErr.
func SetMessage(l *widget.Label, msg string, isErr bool) {
	l.SetText(msg)
	l.Importance = widget.MediumImportance
	if isErr {
		l.Importance = widget.DangerImportance
	}
	l.Show()
	l.Refresh()
}
