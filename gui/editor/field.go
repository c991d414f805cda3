package editor

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// field is the widget of one editable scalar: an entry, a select entry or a
// check box, its inline message, and for dates the local time, for URLs an
// open-in-browser button.
type field struct {
	key   string
	label string
	kind  seedfile.Kind
	entry *fieldEntry
	sel   *selectField
	check *checkField
	msg   *widget.Label
	local *widget.Label
	open  *widget.Button
	cell  fyne.CanvasObject
}

// newField builds the widget for a field of kind; onChange gets the text.
// options marks a string field edited with a SelectEntry.
func newField(key, label string, kind seedfile.Kind, options bool, h inputHooks, onChange func(string)) *field {
	sc := h.shortcut
	f := &field{key: key, label: label, kind: kind}
	f.msg = widget.NewLabel("")
	f.msg.Importance = widget.DangerImportance
	f.msg.SizeName = theme.SizeNameCaptionText
	f.msg.Wrapping = fyne.TextWrapWord
	f.msg.Hide()

	var main fyne.CanvasObject
	switch {
	case kind == seedfile.KindBool:
		f.check = newCheckField(label, func(b bool) {
			if b {
				onChange("true")
			} else {
				onChange("false")
			}
		})
		f.check.focus = h.focus
		main = f.check
	case options:
		f.sel = newSelectField(sc)
		f.sel.focus, f.sel.pane = h.focus, h.pane
		f.sel.OnChanged = onChange
		main = f.sel
	default:
		switch kind {
		case seedfile.KindText:
			f.entry = newWrappedEntry(sc, 4, false)
		case seedfile.KindString:
			f.entry = newWrappedEntry(sc, 1, true)
			f.entry.autoRows = label == "Title" // long titles wrap to as many lines as they take
		case seedfile.KindURL:
			// Wrapped anywhere and as tall as it needs, so the whole URL is
			// visible (a curator checks it) instead of a scrolled slice, or a
			// box showing half a line.
			f.entry = newWrappedEntry(sc, 1, true)
			f.entry.Wrapping = fyne.TextWrapBreak
			f.entry.autoRows = true
		default:
			f.entry = newFieldEntry(sc)
		}
		f.entry.focus, f.entry.pane = h.focus, h.pane
		f.entry.OnChanged = func(s string) {
			f.entry.fitRows()
			f.updateAux(s)
			onChange(s)
		}
		main = f.entry
	}
	switch kind {
	case seedfile.KindTime:
		f.entry.SetPlaceHolder("2006-01-02T15:04:05Z")
		f.local = widget.NewLabel("")
		f.local.SizeName = theme.SizeNameCaptionText
		// The local time goes under the value: beside it, it left the entry
		// too narrow for a full RFC 3339 value with an offset.
		main = container.NewVBox(main, f.local)
	case seedfile.KindURL:
		f.entry.SetPlaceHolder("https://")
		f.open = widget.NewButtonWithIcon("", theme.ComputerIcon(), f.openURL)
		f.open.Importance = widget.LowImportance
		main = container.NewBorder(nil, nil, nil, f.open, main)
	case seedfile.KindInt:
		main = container.NewGridWrap(fyne.NewSize(120, f.entry.MinSize().Height), f.entry)
	}
	f.cell = container.NewVBox(main, f.msg)
	return f
}

// text returns the field's text as the state holds it.
func (f *field) text() string {
	switch {
	case f.check != nil:
		if f.check.Checked {
			return "true"
		}
		return "false"
	case f.sel != nil:
		return f.sel.Text
	}
	return f.entry.Text
}

// setText shows s without losing the cursor when it is already shown.
func (f *field) setText(s string) {
	switch {
	case f.check != nil:
		f.check.SetChecked(s == "true")
	case f.sel != nil:
		if f.sel.Text != s {
			f.sel.SetText(s)
		}
	default:
		if f.entry.Text != s {
			f.entry.SetText(s)
		}
		f.updateAux(s)
	}
}

// setError shows err under the field, or hides the message.
func (f *field) setError(err error) {
	if err == nil {
		if f.msg.Visible() {
			f.msg.Hide()
		}
		return
	}
	msg := err.Error()
	if msg != "" {
		msg = strings.ToUpper(msg[:1]) + msg[1:]
	}
	if f.msg.Text != msg || !f.msg.Visible() {
		f.msg.SetText(msg)
		f.msg.Show()
	}
}

// updateAux refreshes the local time and the open button for text.
func (f *field) updateAux(s string) {
	if f.local != nil {
		lt := localTime(s)
		f.local.SetText(lt)
		f.local.Hidden = lt == "" // no empty line under an empty or bad value
		f.local.Refresh()
	}
	if f.open != nil {
		if validURL(s) {
			f.open.Enable()
		} else {
			f.open.Disable()
		}
	}
}

// openURL opens the field's URL in the browser.
func (f *field) openURL() {
	u, err := url.Parse(strings.TrimSpace(f.entry.Text))
	if err != nil {
		return
	}
	_ = fyne.CurrentApp().OpenURL(u)
}
