package widgets

import (
	"slices"

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

// dialogKeys is one open dialog's keys.
type dialogKeys struct{ onEscape, onEnter func() }

// keyStack is the open dialogs of a canvas, the last opened on top, and
// the canvas's own key handler from before the first. Dialogs may close in
// any order (an export dialog closes from its confirmation's button, before
// the confirmation finished closing): the top one gets the keys, and the
// canvas's handler comes back when the last one closes.
type keyStack struct {
	orig func(*fyne.KeyEvent)
	open []*dialogKeys
}

// stacks holds the key stacks of the canvases with dialogs open; it is
// used on the UI goroutine only.
var stacks = map[fyne.Canvas]*keyStack{}

func (s *keyStack) typedKey(ev *fyne.KeyEvent) {
	if len(s.open) == 0 {
		return
	}
	top := s.open[len(s.open)-1]
	switch ev.Name {
	case fyne.KeyEscape:
		top.onEscape()
	case fyne.KeyReturn, fyne.KeyEnter:
		if top.onEnter != nil {
			top.onEnter()
		}
	}
}

// DialogKeysEscape is DialogKeys with Escape calling onEscape (the Cancel
// button's action, which closes the dialog) instead of only closing it.
func DialogKeysEscape(d dialog.Dialog, c fyne.Canvas, onEscape, onEnter func()) {
	s := stacks[c]
	if s == nil {
		s = &keyStack{orig: c.OnTypedKey()}
		stacks[c] = s
		c.SetOnTypedKey(s.typedKey)
	}
	k := &dialogKeys{onEscape: onEscape, onEnter: onEnter}
	s.open = append(s.open, k)
	closed := false
	d.SetOnClosed(func() {
		if closed {
			return
		}
		closed = true
		if i := slices.Index(s.open, k); i >= 0 {
			s.open = slices.Delete(s.open, i, i+1)
		}
		if len(s.open) == 0 && stacks[c] == s {
			delete(stacks, c)
			c.SetOnTypedKey(s.orig)
		}
	})
}
