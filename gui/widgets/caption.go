package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// NewCaption returns a word-wrapping line of secondary text (the theme's
// placeholder colour): metadata such as a provider and a date. sizeName
// picks the text size ("" for the normal size).
func NewCaption(text string, sizeName fyne.ThemeSizeName) *widget.RichText {
	rt := widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder,
		SizeName:  sizeName,
		Inline:    true,
	}})
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// SetCaption replaces the text of a caption made by NewCaption.
func SetCaption(rt *widget.RichText, text string) {
	if len(rt.Segments) == 1 {
		if s, ok := rt.Segments[0].(*widget.TextSegment); ok {
			if s.Text != text {
				s.Text = text
				rt.Refresh()
			}
			return
		}
	}
	rt.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true}}}
	rt.Refresh()
}

// CaptionText returns the text of a caption made by NewCaption.
func CaptionText(rt *widget.RichText) string {
	var s string
	for _, seg := range rt.Segments {
		s += seg.Textual()
	}
	return s
}
