package seedfile

import (
	"strconv"
	"strings"
)

// This file renders values the way the seeds are written: two-space
// indents, block lists, "- key: value" list items, strings quoted or plain
// per field (see seedStyle).

// renderKey renders a mapping key: plain when it reads back, else quoted.
func renderKey(k string) string {
	if plainOK(k, false, false) {
		return k
	}
	return doubleQuoted(k)
}

// seedScalar renders a scalar value for path in the seeds' style.
func seedScalar(path string, v any) (string, error) {
	return renderScalar(v, seedStyle(path), false, allowsTime(path), 0, "\n")
}

// entryLines renders "key: value" at indent for the value v at path (the
// key is path's last segment). It returns no lines for an empty structured
// value (no topics, no related, an empty provider).
func entryLines(path string, v any, indent int) ([]string, error) {
	segs := splitPath(path)
	pad := strings.Repeat(" ", indent)
	head := pad + renderKey(segs[len(segs)-1]) + ":"
	switch x := v.(type) {
	case []string:
		if len(x) == 0 {
			return nil, nil
		}
		out := []string{head}
		for i, item := range x {
			s, err := seedScalar(path+"."+strconv.Itoa(i), item)
			if err != nil {
				return nil, err
			}
			out = append(out, pad+"  - "+s)
		}
		return out, nil
	case Provider:
		body, err := providerLines(path, x, indent+2)
		if err != nil || len(body) == 0 {
			return nil, err
		}
		return append([]string{head}, body...), nil
	case []Related:
		if len(x) == 0 {
			return nil, nil
		}
		out := []string{head}
		for i, r := range x {
			item, err := relatedLines(path+"."+strconv.Itoa(i), r, indent+2)
			if err != nil {
				return nil, err
			}
			out = append(out, item...)
		}
		return out, nil
	case []Image:
		if len(x) == 0 {
			return nil, nil
		}
		out := []string{head}
		for i, img := range x {
			item, err := imageLines(path+"."+strconv.Itoa(i), img, indent+2)
			if err != nil {
				return nil, err
			}
			out = append(out, item...)
		}
		return out, nil
	}
	s, err := seedScalar(path, v)
	if err != nil {
		return nil, err
	}
	return []string{head + " " + s}, nil
}

// providerLines renders a provider's name and domain (the ones not empty).
func providerLines(path string, p Provider, indent int) ([]string, error) {
	var out []string
	for _, f := range [...]struct{ key, val string }{{"name", p.Name}, {"domain", p.Domain}} {
		if f.val == "" {
			continue
		}
		l, err := entryLines(path+"."+f.key, f.val, indent)
		if err != nil {
			return nil, err
		}
		out = append(out, l...)
	}
	return out, nil
}

// itemLines turns the lines of a mapping at indent+2 into a list item whose
// dash sits at indent.
func itemLines(lines []string, indent int) []string {
	if len(lines) > 0 {
		lines[0] = strings.Repeat(" ", indent) + "- " + lines[0][indent+2:]
	}
	return lines
}

// relatedLines renders one related article as a list item at indent.
func relatedLines(path string, r Related, indent int) ([]string, error) {
	var out []string
	add := func(key string, v any) error {
		l, err := entryLines(path+"."+key, v, indent+2)
		out = append(out, l...)
		return err
	}
	for _, f := range [...]struct{ key, val string }{
		{"title", r.Title}, {"excerpt", r.Excerpt}, {"publishedDateTime", r.PublishedDateTime},
		{"webUrl", r.WebURL}, {"type", r.Type},
	} {
		if f.val != "" {
			if err := add(f.key, f.val); err != nil {
				return nil, err
			}
		}
	}
	if err := add("provider", r.Provider); err != nil {
		return nil, err
	}
	if err := add("quality", r.Quality); err != nil {
		return nil, err
	}
	if err := add("images", r.Images); err != nil {
		return nil, err
	}
	return itemLines(out, indent), nil
}

// imageLines renders one image as a list item at indent.
func imageLines(path string, img Image, indent int) ([]string, error) {
	var out []string
	if img.URL != "" {
		l, err := entryLines(path+".url", img.URL, indent+2)
		if err != nil {
			return nil, err
		}
		out = append(out, l...)
	}
	pad := strings.Repeat(" ", indent+2)
	out = append(out, pad+"width: "+strconv.Itoa(img.Width), pad+"height: "+strconv.Itoa(img.Height))
	return itemLines(out, indent), nil
}
