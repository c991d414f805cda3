package seedfile

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
)

// corpusFiles is how many generated seed files the round-trip tests cover.
const corpusFiles = 3000

func TestRoundTripCorpus(t *testing.T) {
	rng := corpus.New(7)
	for n := range corpusFiles {
		name, text := corpus.Article(rng, n)
		d, err := Parse(text)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(d.Bytes(), text) {
			t.Fatalf("%s: Bytes differs from the input", name)
		}
		if got := New(d.Article()).Bytes(); !bytes.Equal(got, text) {
			t.Fatalf("%s: New(Article) differs:\n%s", name, lineDiff(text, got))
		}
	}
}

func TestRoundTripExampleSeed(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed fixtures: %v", err)
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(text)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if !bytes.Equal(d.Bytes(), text) {
			t.Errorf("%s: Bytes differs from the input", f)
		}
		if got := New(d.Article()).Bytes(); !bytes.Equal(got, text) {
			t.Errorf("%s: New(Article) differs:\n%s", f, lineDiff(text, got))
		}
	}
}

// TestEditCorpus edits every field of generated seeds and checks that each
// one-field edit changes exactly that field's line(s) and reads back.
func TestEditCorpus(t *testing.T) {
	rng := corpus.New(21)
	edits := []struct {
		path    string
		value   any
		removed int // lines removed (-1: do not check)
		added   int
	}{
		{"category", "edited-category", 1, 1},
		{"title", "An edited title: \"quoted\"", 1, 1},
		{"excerpt", "Edited excerpt ...", 1, 1},
		{"publishedDateTime", "2001-02-03T04:05:06Z", 1, 1},
		{"webUrl", "https://edited.example/x.html", 1, 1},
		{"type", "edited-type", 1, 1},
		{"quality", 101, 1, 1},
		{"heat", 102, 1, 1},
		{"provider.name", "Edited Provider", 1, 1},
		{"provider.domain", "edited.example", 1, 1},
		{"note", "an unknown field", 0, 1},
		{"topics.0", "Edited Topic", 1, 1},
	}
	for n := range 300 {
		name, text := corpus.Article(rng, n)
		orig, err := Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range edits {
			d := orig.clone()
			if err := d.Set(e.path, e.value); err != nil {
				t.Fatalf("%s: Set %s: %v", name, e.path, err)
			}
			rm, add := changedLines(text, d.Bytes())
			if len(rm) != e.removed || len(add) != e.added {
				t.Fatalf("%s: Set %s changed:\n%s", name, e.path, lineDiff(text, d.Bytes()))
			}
			nd, err := Parse(d.Bytes())
			if err != nil {
				t.Fatalf("%s: Set %s: %v", name, e.path, err)
			}
			if err := nd.verify(e.path, e.value); err != nil {
				t.Fatalf("%s: Set %s: %v", name, e.path, err)
			}
		}
		a := orig.Article()
		// Adding one topic adds one line; removing one removes one line.
		d := orig.clone()
		if err := d.Set("topics", append(append([]string{}, a.Topics...), "Added Topic")); err != nil {
			t.Fatal(err)
		}
		if rm, add := changedLines(text, d.Bytes()); len(rm) != 0 || len(add) != 1 {
			t.Fatalf("%s: adding a topic changed:\n%s", name, lineDiff(text, d.Bytes()))
		}
		if len(a.Topics) > 1 {
			d = orig.clone()
			if err := d.Set("topics", a.Topics[1:]); err != nil {
				t.Fatal(err)
			}
			if rm, add := changedLines(text, d.Bytes()); len(rm) != 1 || len(add) != 0 {
				t.Fatalf("%s: removing a topic changed:\n%s", name, lineDiff(text, d.Bytes()))
			}
		}
		if len(a.Related) > 0 {
			rel := slices.Clone(a.Related)
			rel[0].Quality++
			d = orig.clone()
			if err := d.Set("related", rel); err != nil {
				t.Fatal(err)
			}
			if rm, add := changedLines(text, d.Bytes()); len(rm) != 1 || len(add) != 1 {
				t.Fatalf("%s: one related field changed:\n%s", name, lineDiff(text, d.Bytes()))
			}
		}
		// Setting the article's own values back changes nothing.
		d = orig.clone()
		for _, f := range []struct {
			p string
			v any
		}{{"title", a.Title}, {"provider", a.Provider}, {"topics", a.Topics}, {"related", a.Related}, {"quality", a.Quality}} {
			if err := d.Set(f.p, f.v); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(d.Bytes(), text) {
			t.Fatalf("%s: setting unchanged values changed:\n%s", name, lineDiff(text, d.Bytes()))
		}
	}
}
