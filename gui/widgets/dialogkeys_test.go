package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestDialogKeys(t *testing.T) {
	for _, tc := range []struct {
		name      string
		key       fyne.KeyName
		withEnter bool
		closed    bool // the key closes the dialog
		entered   bool // the key calls onEnter
	}{
		{"escape closes", fyne.KeyEscape, true, true, false},
		{"return confirms", fyne.KeyReturn, true, true, true},
		{"keypad enter confirms", fyne.KeyEnter, true, true, true},
		{"enter without a default button", fyne.KeyReturn, false, false, false},
		{"other keys do nothing", fyne.KeyDown, true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			test.NewTempApp(t)
			w := test.NewTempWindow(t, widget.NewLabel("window"))
			w.Resize(fyne.NewSize(400, 300))
			var underneath []fyne.KeyName
			w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { underneath = append(underneath, ev.Name) })
			d := dialog.NewCustom("Summary", "Close", widget.NewLabel("done"), w)
			entered := false
			var onEnter func()
			if tc.withEnter {
				onEnter = func() { entered = true; d.Hide() }
			}
			DialogKeys(d, w.Canvas(), onEnter)
			d.Show()
			if w.Canvas().Overlays().Top() == nil {
				t.Fatal("dialog not shown")
			}
			w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: tc.key})
			if closed := w.Canvas().Overlays().Top() == nil; closed != tc.closed {
				t.Errorf("closed %v, want %v", closed, tc.closed)
			}
			if entered != tc.entered {
				t.Errorf("onEnter called %v, want %v", entered, tc.entered)
			}
			if len(underneath) != 0 {
				t.Errorf("keys reached the window under the dialog: %v", underneath)
			}
			d.Hide()
			w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
			if len(underneath) != 1 {
				t.Errorf("the window's key handler is not back after closing: %v", underneath)
			}
		})
	}
}

// TestDialogKeysNested: a confirmation opened over a dialog gets the keys
// while it shows; whichever closes last, the window's own handler is back
// once both are closed (the outer dialog may close from the inner one's
// button, before the inner one has finished closing).
func TestDialogKeysNested(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("window"))
	w.Resize(fyne.NewSize(400, 300))
	var underneath []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { underneath = append(underneath, ev.Name) })
	outer := dialog.NewCustom("Export", "Close", widget.NewLabel("form"), w)
	outerEnter := 0
	DialogKeys(outer, w.Canvas(), func() { outerEnter++ })
	outer.Show()
	inner := dialog.NewConfirm("Create?", "Create the folder?", func(ok bool) {
		if ok {
			outer.Hide() // the outer dialog closes inside the inner one's callback
		}
	}, w)
	DialogKeys(inner, w.Canvas(), inner.Confirm)
	inner.Show()
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if outerEnter != 0 {
		t.Error("Enter reached the dialog under the confirmation")
	}
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("a dialog is still open")
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF1})
	if len(underneath) != 1 || outerEnter != 0 {
		t.Errorf("after both closed: window got %v, the export dialog %d Enters", underneath, outerEnter)
	}
}
