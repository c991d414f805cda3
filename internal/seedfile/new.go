package seedfile

import (
	"strings"
)

// New renders a new article in the seeds' own style: the known fields in
// Fields order, two-space indents, category/type/provider/topics plain,
// titles, excerpts, URLs and secured double-quoted, dates and numbers
// plain, a blank line before the provider, topics, related and secured
// groups, empty strings and lists omitted (quality, heat and published are
// always written), then "---", an empty line and the body.
//
// Invalid UTF-8 and NUL characters in the body are replaced with U+FFFD;
// strings in fields are written escaped.
func New(a Article) *Document {
	lines := []string{"---"}
	add := func(path string, v any) {
		l, err := entryLines(path, v, 0)
		if err != nil { // only invalid UTF-8 fails: write it repaired
			l, _ = entryLines(path, repairValue(v), 0)
		}
		lines = append(lines, l...)
	}
	group := func(path string, v any) {
		l, err := entryLines(path, v, 0)
		if err != nil {
			l, _ = entryLines(path, repairValue(v), 0)
		}
		if len(l) > 0 {
			lines = append(append(lines, ""), l...)
		}
	}
	for _, f := range [...]struct{ key, val string }{
		{"category", a.Category}, {"title", a.Title}, {"excerpt", a.Excerpt},
		{"publishedDateTime", a.PublishedDateTime}, {"webUrl", a.WebURL},
		{"ampWebUrl", a.AmpWebURL}, {"cdnAmpWebUrl", a.CdnAmpWebURL}, {"type", a.Type},
	} {
		if f.val != "" {
			add(f.key, f.val)
		}
	}
	add("quality", a.Quality)
	add("heat", a.Heat)
	add("published", a.Published)
	group("provider", a.Provider)
	group("topics", a.Topics)
	group("related", a.Related)
	if a.Secured != "" {
		group("secured", a.Secured)
	}
	lines = append(lines, "---", "")
	body := strings.ReplaceAll(strings.ToValidUTF8(a.Body, "\uFFFD"), "\x00", "\uFFFD")
	text := []byte(strings.Join(lines, "\n") + "\n" + body)
	d, err := parse(text, false)
	if err != nil {
		// Unreachable: every value is rendered so that it reads back.
		panic("seedfile: New rendered an unparsable document: " + err.Error())
	}
	return d
}

// repairValue replaces invalid UTF-8 in the strings of a structured value.
func repairValue(v any) any {
	fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	switch x := v.(type) {
	case string:
		return fix(x)
	case []string:
		out := make([]string, len(x))
		for i, s := range x {
			out[i] = fix(s)
		}
		return out
	case Provider:
		return Provider{Name: fix(x.Name), Domain: fix(x.Domain)}
	case []Image:
		out := make([]Image, len(x))
		for i, img := range x {
			out[i] = Image{URL: fix(img.URL), Width: img.Width, Height: img.Height}
		}
		return out
	case []Related:
		out := make([]Related, len(x))
		for i, r := range x {
			out[i] = Related{
				Title: fix(r.Title), Excerpt: fix(r.Excerpt), PublishedDateTime: fix(r.PublishedDateTime),
				WebURL: fix(r.WebURL), Type: fix(r.Type), Provider: repairValue(r.Provider).(Provider),
				Quality: r.Quality, Images: repairValue(r.Images).([]Image),
			}
		}
		return out
	}
	return v
}
