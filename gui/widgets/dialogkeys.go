package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// DialogKeys gives a dialog shown on c the usual keys: Escape closes it, and
// Enter (Return or the keypad's Enter) calls onEnter, the default button's
// action; a nil onEnter leaves Enter alone. Call it before d.Show(). While
// the dialog is open the canvas's typed-key handler is replaced (so the keys
// do not reach the window underneath); closing it puts the old one back. A
// focused widget in the dialog (an entry) keeps its keys.
func DialogKeys(d dialog.Dialog, c fyne.Canvas, onEnter func()) {
	DialogKeysEscape(d, c, d.Hide, onEnter)
}

// DialogKeysEscape is DialogKeys with Escape calling onEscape (the Cancel
// button's action, which closes the dialog) instead of only closing it.
func DialogKeysEscape(d dialog.Dialog, c fyne.Canvas, onEscape, onEnter func()) {
	prev := c.OnTypedKey()
	closed := false
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape:
			onEscape()
		case fyne.KeyReturn, fyne.KeyEnter:
			if onEnter != nil {
				onEnter()
			}
		}
	})
	d.SetOnClosed(func() {
		if !closed {
			closed = true
			c.SetOnTypedKey(prev)
		}
	})
}
