package seedfile

import (
	"errors"
	"slices"

	"gopkg.in/yaml.v3"
)

// errNotApplied reports an edit that did not read back as the value set: a
// safety net, as every rendering is checked to read back.
var errNotApplied = errors.New("the edited text does not read back as the new value")

// verify checks that the value at path reads back as value.
func (d *Document) verify(path string, value any) error {
	n, _, _ := d.lookup(path)
	ok := false
	switch v := value.(type) {
	case string:
		ok = n != nil && n.Kind == yaml.ScalarNode && !isNull(n) && n.Value == v
	case int:
		ok = n != nil && n.Kind == yaml.ScalarNode && n.Tag == "!!int" && integer(n) == v
	case bool:
		ok = n != nil && n.Kind == yaml.ScalarNode && n.Tag == "!!bool" && boolean(n) == v
	case []string:
		ok = len(v) == 0 && n == nil || n != nil && len(n.Content) == len(v) && slices.Equal(strList(n), v)
	case Provider:
		ok = v == (Provider{}) && n == nil || n != nil && provider(n) == v
	case []Image:
		ok = len(v) == 0 && n == nil || n != nil && len(n.Content) == len(v) && equalImages(images(n), v)
	case []Related:
		got := related(n)
		ok = len(v) == 0 && n == nil || n != nil && len(n.Content) == len(v) && len(got) == len(v)
		for i := 0; ok && i < len(v); i++ {
			ok = equalRelated(got[i], v[i])
		}
	}
	if !ok {
		return errNotApplied
	}
	return nil
}

// equalRelated compares related articles, nil images equal to empty.
func equalRelated(a, b Related) bool {
	if !equalImages(a.Images, b.Images) {
		return false
	}
	a.Images, b.Images = nil, nil
	return a.Title == b.Title && a.Excerpt == b.Excerpt && a.PublishedDateTime == b.PublishedDateTime &&
		a.WebURL == b.WebURL && a.Type == b.Type && a.Provider == b.Provider && a.Quality == b.Quality
}
