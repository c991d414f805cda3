package editor

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// baseline is the text the editor loaded (or last saved) and its state.
type baseline struct {
	bytes    []byte
	st       state
	relIndex map[int]int                 // related key -> index in bytes
	images   map[int][]seedfile.ImageRef // related key -> its images
}

// newBaseline parses text; keys gives the related entries' keys in order
// (nil numbers them from 0).
func newBaseline(text []byte, keys []int) (*baseline, error) {
	doc, err := seedfile.Parse(text)
	if err != nil {
		return nil, err
	}
	st := stateOf(doc, 0)
	b := &baseline{bytes: text, st: st, relIndex: map[int]int{}, images: map[int][]seedfile.ImageRef{}}
	for i := range st.related {
		if i < len(keys) {
			st.related[i].key = keys[i]
		}
		b.relIndex[st.related[i].key] = i
	}
	prefix := func(i int) string { return "related." + strconv.Itoa(i) + "." }
	for _, img := range doc.Images() {
		for i := range st.related {
			if len(img.Path) > len(prefix(i)) && img.Path[:len(prefix(i))] == prefix(i) {
				k := st.related[i].key
				b.images[k] = append(b.images[k], img)
			}
		}
	}
	return b, nil
}

// relKey names a field in errors and widgets: the path of a top-level
// field, "related#<key>.<field>" for a related article's field, "extra" for
// the unknown fields.
func relKey(key int, field string) string {
	return "related#" + strconv.Itoa(key) + "." + field
}

// build applies st to a fresh parse of the baseline text. Invalid values are
// left out and reported by field key; the document holds every valid edit.
func build(b *baseline, st state) (*seedfile.Document, map[string]error, error) {
	doc, err := seedfile.Parse(b.bytes)
	if err != nil {
		return nil, nil, fmt.Errorf("parse loaded text: %w", err)
	}
	errs := map[string]error{}
	for _, f := range scalarFields {
		setScalar(doc, f.Path, f.Path, f.Kind, b.st.fields[f.Path], st.fields[f.Path], errs)
	}
	if !slices.Equal(b.st.topics, st.topics) {
		if err := doc.Set("topics", topicsValue(st.topics)); err != nil {
			errs["topics"] = err
		}
	}
	applyRelated(doc, b, st, errs)
	if st.extra != b.st.extra {
		if err := doc.SetExtra(st.extra); err != nil {
			errs["extra"] = err
		}
	}
	if st.body != b.st.body {
		doc.SetBody(st.body)
	}
	return doc, errs, nil
}

// topicsValue is the value Set takes for the topics list.
func topicsValue(topics []string) []string {
	if topics == nil {
		return []string{}
	}
	return topics
}

// setScalar writes one field's text when it differs from the baseline's.
// Untouched fields are not checked: a bad value that came with the file
// does not block saving other edits.
func setScalar(doc *seedfile.Document, key, path string, kind seedfile.Kind, old, text string, errs map[string]error) {
	if text == old {
		return
	}
	present := doc.Has(path)
	if !present && (text == "" || kind == seedfile.KindBool && text == "false") {
		return // clearing, or unticking, a field that is not there
	}
	v, err := parseField(path, kind, text)
	switch {
	case err != nil:
		errs[key] = err
	case v == nil:
		err = doc.Delete(path)
	default:
		err = doc.Set(path, v)
	}
	if err != nil && errs[key] == nil {
		errs[key] = err
	}
}

// applyRelated removes, edits and appends related articles. Entries keep
// their relative order: the baseline's survivors, then the new ones.
func applyRelated(doc *seedfile.Document, b *baseline, st state, errs map[string]error) {
	var gone []int
	for k, i := range b.relIndex {
		if st.relIndex(k) < 0 {
			gone = append(gone, i)
		}
	}
	slices.Sort(gone)
	for _, i := range slices.Backward(gone) {
		if err := doc.Delete("related." + strconv.Itoa(i)); err != nil {
			errs["related"] = err
			return
		}
	}
	j := 0
	for _, r := range st.related {
		var old map[string]string
		if i, kept := b.relIndex[r.key]; kept {
			old = b.st.related[i].fields
		} else {
			var err error
			if old, err = addRelated(doc, r); err != nil {
				errs[relKey(r.key, "title")] = err
				continue
			}
		}
		for _, f := range seedfile.RelatedFields {
			setScalar(doc, relKey(r.key, f.Path), relPath(j, f.Path), f.Kind, old[f.Path], r.fields[f.Path], errs)
		}
		j++
	}
}

// addRelated appends a related article holding r's title (the one field a
// related article needs) and returns the field texts it now has.
func addRelated(doc *seedfile.Document, r relState) (map[string]string, error) {
	title := r.fields["title"]
	if _, err := parseField("related.0.title", seedfile.KindString, title); err != nil {
		return nil, err
	}
	list := append(doc.Article().Related, seedfile.Related{Title: title})
	if err := doc.Set("related", list); err != nil {
		return nil, err
	}
	added := stateOf(doc, 0).related[len(list)-1].fields
	return added, nil
}
