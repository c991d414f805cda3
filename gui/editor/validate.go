package editor

import (
	"errors"
	"strings"
	"time"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// The messages shown under invalid fields (seedfile's own name the field,
// which the form already does).
var (
	errTime  = errors.New("use an RFC 3339 date and time, e.g. 2020-02-24T17:51:00Z")
	errURL   = errors.New("use a full http:// or https:// address")
	errInt   = errors.New("use a whole number, e.g. 42")
	errTitle = errors.New("a title is required")
	errKept  = errors.New("not a whole number, so the archive keeps no value here (it neither sorts nor filters): use a whole number, e.g. 42")
)

// parseField checks the text of the field at path with seedfile.ParseValue
// and returns the value Set takes (nil: delete the field).
func parseField(path string, kind seedfile.Kind, text string) (any, error) {
	v, err := seedfile.ParseValue(path, text)
	if err == nil {
		return v, nil
	}
	switch kind {
	case seedfile.KindTime:
		return nil, errTime
	case seedfile.KindURL:
		return nil, errURL
	case seedfile.KindInt:
		return nil, errInt
	case seedfile.KindString:
		if strings.TrimSpace(text) == "" {
			return nil, errTitle
		}
	}
	return nil, err
}

// keptInvalid is errKept when the number field at path of doc holds no
// whole number (quality: high, or too large), as storage sees it. build
// checks only the fields the user changes, so that a bad value that came
// with the file does not block saving other edits; this shows it anyway.
func keptInvalid(doc *seedfile.Document, path string, kind seedfile.Kind) error {
	if kind != seedfile.KindInt || doc == nil {
		return nil
	}
	if _, _, err := doc.Int(path); err != nil {
		return errKept
	}
	return nil
}

// validURL reports whether text is a non-empty http(s) URL.
func validURL(text string) bool {
	v, err := seedfile.ParseValue("webUrl", text)
	return err == nil && v != nil
}

// localTime renders an RFC 3339 text in the local time zone, or "".
func localTime(text string) string {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(text))
	if err != nil {
		return ""
	}
	return t.Local().Format("Mon 2 Jan 2006, 15:04 MST")
}
