package editor

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusLabel is the editor's status beside Save: it takes the room the
// buttons leave (sized to its text it would widen the editor and move the
// window's divider) and shows the longest of its wordings that fits, so a
// narrow editor says "● Unsaved" or "●" instead of a cut "● …"; the
// shortest is cut if even it does not fit.
type statusLabel struct {
	widget.Label
	variants []string // the wordings, longest first
}

func newStatusLabel() *statusLabel {
	l := &statusLabel{}
	l.Alignment = fyne.TextAlignTrailing
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

// set shows the status in its wordings, longest first (none: no status).
func (l *statusLabel) set(imp widget.Importance, variants ...string) {
	l.variants = variants
	changed := l.Importance != imp
	l.Importance = imp
	if !l.pick(l.Size().Width) && changed {
		l.Refresh()
	}
}

// Resize picks the wording for the new width.
func (l *statusLabel) Resize(s fyne.Size) {
	l.pick(s.Width)
	l.Label.Resize(s)
}

// pick shows the longest wording that fits width w (the longest before the
// label was laid out); it reports whether the text changed.
func (l *statusLabel) pick(w float32) bool {
	text := ""
	if n := len(l.variants); n > 0 {
		text = l.variants[n-1]
		th := l.Theme()
		pad := 2 * th.Size(theme.SizeNameInnerPadding)
		for _, v := range l.variants {
			if w <= 0 || fyne.MeasureText(v, th.Size(theme.SizeNameText), l.TextStyle).Width+pad <= w {
				text = v
				break
			}
		}
	}
	if text == l.Text {
		return false
	}
	l.SetText(text)
	return true
}
