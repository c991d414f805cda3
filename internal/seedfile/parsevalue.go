package seedfile

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ParseValue converts user text to the value Set takes for a known field
// path (also "related.N.<field>" and "related.N.images.M.url|width|height"),
// or refuses it with a message fit for the user:
//
//   - int fields: a whole number;
//   - bool fields: true/false or yes/no (any case);
//   - time fields: an RFC 3339 timestamp, returned as the trimmed text;
//   - URL fields: an absolute http or https URL, trimmed;
//   - string lists: comma-separated items, trimmed, empty items dropped;
//   - string and text fields: the text as is (a title must not be empty);
//   - secured: refused, it is read-only.
//
// Empty (blank) text for an int, bool, time, URL or list field returns nil,
// which Set takes as "delete the field".
func ParseValue(path, text string) (any, error) {
	kind, ok := fieldKind(path)
	if !ok {
		return nil, fmt.Errorf("%s is not a known field", path)
	}
	label := fieldLabel(path)
	trimmed := strings.TrimSpace(text)
	switch kind {
	case KindString, KindText:
		if (path == "title" || strings.HasPrefix(path, "related.") && strings.HasSuffix(path, ".title")) && trimmed == "" {
			return nil, fmt.Errorf("%s must not be empty", label)
		}
		return text, nil
	case KindOpaque:
		return nil, fmt.Errorf("%s: %w", label, ErrReadOnly)
	case KindRelated:
		return nil, fmt.Errorf("%s cannot be edited as text; edit its fields", label)
	}
	if trimmed == "" {
		return nil, nil
	}
	switch kind {
	case KindInt:
		i, err := strconv.Atoi(trimmed)
		if err != nil {
			return nil, fmt.Errorf("%s must be a whole number, not %q", label, trimmed)
		}
		return i, nil
	case KindBool:
		switch strings.ToLower(trimmed) {
		case "true", "yes":
			return true, nil
		case "false", "no":
			return false, nil
		}
		return nil, fmt.Errorf("%s must be true or false (or yes/no), not %q", label, trimmed)
	case KindTime:
		if _, err := time.Parse(time.RFC3339, trimmed); err != nil {
			return nil, fmt.Errorf("%s must be an RFC 3339 date and time such as 2020-02-24T17:51:00Z, not %q", label, trimmed)
		}
		return trimmed, nil
	case KindURL:
		u, err := url.Parse(trimmed)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%s must be an absolute http or https URL, not %q", label, trimmed)
		}
		return trimmed, nil
	case KindStringList:
		var out []string
		for _, item := range strings.Split(text, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
		return out, nil
	}
	return nil, errors.New("unsupported field kind")
}

// fieldLabel returns the human label of a known field path.
func fieldLabel(path string) string {
	if f, ok := LookupField(path); ok {
		return f.Label
	}
	segs := splitPath(path)
	if len(segs) >= 3 && segs[0] == "related" {
		rest := strings.Join(segs[2:], ".")
		for _, f := range RelatedFields {
			if f.Path == rest {
				return fmt.Sprintf("Related %s %s", segs[1], f.Label)
			}
		}
		if len(segs) == 5 && segs[2] == "images" {
			return fmt.Sprintf("Related %s image %s %s", segs[1], segs[3], segs[4])
		}
	}
	return path
}
