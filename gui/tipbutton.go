package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/table"
)

// tipButton is an icon button that says what it would do in a tip once the
// pointer rests on it (the toolbar's Undo names its step: "Undo Edit title
// of #12"). text is asked each time, so the tip follows the history.
type tipButton struct {
	widget.Button
	tip  *table.HoverTip
	text func() string
}

func newTipButton(icon fyne.Resource, tap func(), tip *table.HoverTip, text func() string) *tipButton {
	b := &tipButton{tip: tip, text: text}
	b.Icon, b.OnTapped = icon, tap
	b.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn schedules the tip.
func (b *tipButton) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	if b.tip != nil {
		b.tip.Schedule(b)
	}
}

// MouseOut hides the tip.
func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	if b.tip != nil {
		b.tip.Leave(b)
	}
}

// Tapped hides the tip and runs the button.
func (b *tipButton) Tapped(ev *fyne.PointEvent) {
	if b.tip != nil {
		b.tip.Hide()
	}
	b.Button.Tapped(ev)
}

// TipText is what the button would do; a tip is always shown for it.
func (b *tipButton) TipText() (string, bool) { return b.text(), true }
