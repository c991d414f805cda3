package editor

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/pmezard/go-difflib/difflib"
)

// noChanges is what the Changes tab says when export is the original file.
const noChanges = "No changes — this article exports byte for byte as imported."

// changesView is the Changes tab: a coloured line diff of what export would
// write against the file as imported.
type changesView struct {
	summary *widget.Label
	text    *widget.RichText
	obj     fyne.CanvasObject
}

func newChangesView() *changesView {
	c := &changesView{summary: widget.NewLabel(""), text: widget.NewRichText()}
	c.summary.Wrapping = fyne.TextWrapWord
	c.text.Wrapping = fyne.TextWrapWord
	c.obj = container.NewBorder(c.summary, nil, nil, nil, container.NewVScroll(c.text))
	return c
}

// diffStyle is the diff lines' base style: monospace, so that the columns
// of a diff line up. The app's theme draws monospace in Go Mono, whose
// underscore lies inside the line (Fyne's own monospace font lost it).
var diffStyle = widget.RichTextStyle{SizeName: theme.SizeNameText, TextStyle: fyne.TextStyle{Monospace: true}}

// show diffs current against original.
func (c *changesView) show(original, current []byte, file string) {
	lines, added, removed := diffLines(original, current, file)
	if len(lines) == 0 {
		c.summary.SetText(noChanges)
		c.text.Segments = nil
		c.text.Refresh()
		return
	}
	c.summary.SetText(fmt.Sprintf("Export differs from the imported file: %s added, %s removed.", countLines(added), countLines(removed)))
	c.text.Segments = DiffSegments(lines)
	c.text.Refresh()
}

// DiffSegments colours the lines of a unified diff (or git's patch) in the
// monospace diff style: added lines green, removed ones red, hunk headers
// in the primary colour.
func DiffSegments(lines []string) []widget.RichTextSegment {
	segs := make([]widget.RichTextSegment, 0, len(lines))
	for _, l := range lines {
		style := diffStyle
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
			style.ColorName = theme.ColorNameForeground
		case strings.HasPrefix(l, "@@"):
			style.ColorName = theme.ColorNamePrimary
		case strings.HasPrefix(l, "+"):
			style.ColorName = theme.ColorNameSuccess
		case strings.HasPrefix(l, "-"):
			style.ColorName = theme.ColorNameError
		default:
			style.ColorName = theme.ColorNamePlaceHolder
		}
		if l == "" {
			l = " "
		}
		segs = append(segs, &widget.TextSegment{Text: l, Style: style})
	}
	return segs
}

// countLines counts lines in words.
func countLines(n int) string {
	if n == 1 {
		return "1 line"
	}
	return fmt.Sprintf("%d lines", n)
}

// noNewline marks a last line without a line ending, as git does.
const noNewline = "\\ No newline at end of file\n"

// splitLines splits s after each newline; a last line without one is
// followed by the noNewline marker, so that adding or dropping the final
// newline shows in the diff.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if last := lines[len(lines)-1]; last == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += "\n"
	return append(lines, noNewline)
}

// diffLines returns the unified diff of b against a as display lines (no
// line endings), and the numbers of added and removed lines.
func diffLines(a, b []byte, file string) (lines []string, added, removed int) {
	return unifiedLines(a, b, file+" (imported)", file+" (export)",
		"Export differs from the imported file only in invisible bytes (line endings or a final newline).")
}

// unifiedLines is diffLines with the two sides named from and to; same
// says that the texts differ only in bytes a line diff does not show.
func unifiedLines(a, b []byte, from, to, same string) (lines []string, added, removed int) {
	if string(a) == string(b) {
		return nil, 0, 0
	}
	d := difflib.UnifiedDiff{
		A:        splitLines(string(a)),
		B:        splitLines(string(b)),
		FromFile: from,
		ToFile:   to,
		Context:  2,
	}
	text, err := difflib.GetUnifiedDiffString(d)
	if err != nil || text == "" {
		// Same lines but different bytes (e.g. only a final newline).
		return []string{same}, 0, 0
	}
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		l = strings.TrimRight(l, "\r")
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
		case strings.HasPrefix(l, "+"):
			added++
		case strings.HasPrefix(l, "-"):
			removed++
		}
		lines = append(lines, l)
	}
	return lines, added, removed
}
