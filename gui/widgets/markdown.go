package widgets

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// NewMarkdown renders Markdown as a word-wrapping RichText. Images in the
// Markdown are never fetched (the archive is browsed offline): each becomes a
// link to its address, labelled with its title.
func NewMarkdown(md string) *widget.RichText {
	rt := widget.NewRichText()
	rt.Wrapping = fyne.TextWrapWord
	SetMarkdown(rt, md)
	return rt
}

// SetMarkdown replaces rt's content with the rendering of md (see NewMarkdown).
func SetMarkdown(rt *widget.RichText, md string) {
	parsed := widget.NewRichTextFromMarkdown(md)
	rt.Segments = offlineSegments(parsed.Segments)
	rt.Refresh()
}

// offlineSegments replaces image segments, at any depth, with links.
func offlineSegments(segs []widget.RichTextSegment) []widget.RichTextSegment {
	out := make([]widget.RichTextSegment, 0, len(segs))
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ImageSegment:
			out = append(out, imageLink(s))
		case *widget.ParagraphSegment:
			s.Texts = offlineSegments(s.Texts)
			out = append(out, s)
		case *widget.ListSegment:
			s.Items = offlineSegments(s.Items)
			out = append(out, s)
		default:
			out = append(out, s)
		}
	}
	return out
}

// imageLink is the stand-in for a Markdown image.
func imageLink(s *widget.ImageSegment) widget.RichTextSegment {
	label := "Image"
	if s.Title != "" {
		label = "Image: " + s.Title
	}
	var link *url.URL
	if s.Source != nil {
		link, _ = url.Parse(s.Source.String())
		if s.Title == "" {
			label = "Image: " + s.Source.String()
		}
	}
	if link == nil {
		return &widget.TextSegment{Text: "[" + label + "]", Style: widget.RichTextStyleEmphasis}
	}
	return &widget.ParagraphSegment{Texts: []widget.RichTextSegment{
		&widget.HyperlinkSegment{Text: label, URL: link},
	}}
}
