package gui

import "fyne.io/fyne/v2/container"

// The default splits are the ratios below at the default 1400 px width and
// up to it. A wider window gives most of its extra width to the table, a
// tenth each to the sidebar and the editor, so that at full HD every
// default column shows without a horizontal scrollbar
// (TestFullHDShowsEveryDefaultColumn). The splits follow the window's width
// until the user drags a divider; from then on the user's ratios hold and
// are remembered.
const (
	defaultSplitSide   = 0.15
	defaultSplitEditor = 0.68
	defaultSplitWidth  = 1400 // the width the ratios are made for
	wideExtraShare     = 0.1  // the share of the extra width the sidebar and the editor each take
)

// autoSplits is the state of splits the user has not moved.
type autoSplits struct {
	on           bool    // the splits follow the window's width
	side, editor float64 // the offsets last set, to notice a drag
}

// defaultSplitsFor returns the default split offsets for a window width.
func defaultSplitsFor(width float32) (side, editor float64) {
	if width <= defaultSplitWidth {
		return defaultSplitSide, defaultSplitEditor
	}
	w := float64(width)
	extra := w - defaultSplitWidth
	sidePx := defaultSplitSide*defaultSplitWidth + wideExtraShare*extra
	rest := defaultSplitWidth * (1 - defaultSplitSide)
	editorPx := (1-defaultSplitEditor)*rest + wideExtraShare*extra
	return sidePx / w, 1 - editorPx/(w-sidePx)
}

// moved reports whether the user dragged a divider since the splits
// were last fitted, and stops fitting them if so.
func (a *autoSplits) moved(side, edit *container.Split) bool {
	if a.on && (side.Offset != a.side || edit.Offset != a.editor) {
		a.on = false
	}
	return !a.on
}

// fit sets the default splits for the window's width while the user
// has not moved them. It runs in the window's layout, before the splits are
// resized, so the new offsets are laid out at once.
func (a *autoSplits) fit(width float32, side, edit *container.Split) {
	if width <= 0 || a.moved(side, edit) {
		return
	}
	a.side, a.editor = defaultSplitsFor(width)
	side.Offset, edit.Offset = a.side, a.editor
}
