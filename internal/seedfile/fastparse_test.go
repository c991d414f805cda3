package seedfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"gopkg.in/yaml.v3"
)

// sameTree reports where two node trees differ in what the codec uses.
func sameTree(a, b *yaml.Node, path string) error {
	if a == nil || b == nil {
		if a != b {
			return fmt.Errorf("%s: one tree is nil", path)
		}
		return nil
	}
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value ||
		a.Line != b.Line || a.Column != b.Column || a.Anchor != b.Anchor || len(a.Content) != len(b.Content) {
		return fmt.Errorf("%s: fast %d/%d/%s/%q L%dC%d n=%d, yaml.v3 %d/%d/%s/%q L%dC%d n=%d", path,
			a.Kind, a.Style, a.Tag, a.Value, a.Line, a.Column, len(a.Content),
			b.Kind, b.Style, b.Tag, b.Value, b.Line, b.Column, len(b.Content))
	}
	for i := range a.Content {
		if err := sameTree(a.Content[i], b.Content[i], fmt.Sprintf("%s.%d", path, i)); err != nil {
			return err
		}
	}
	return nil
}

// checkFast compares the fast parser with yaml.v3 on a front matter. It
// returns whether the fast path took it.
func checkFast(t *testing.T, fm []byte) bool {
	t.Helper()
	fast, ok := fastParse(fm)
	if !ok {
		return false
	}
	var doc yaml.Node
	if err := safeUnmarshal(fm, &doc); err != nil {
		t.Fatalf("fast path accepted what yaml.v3 refuses (%v):\n%q", err, fm)
	}
	var slow *yaml.Node
	if doc.Kind == yaml.DocumentNode {
		slow = doc.Content[0]
	}
	if err := sameTree(fast, slow, "root"); err != nil {
		t.Fatalf("%v\n%q", err, fm)
	}
	return true
}

func TestFastParseMatchesYAML(t *testing.T) {
	rng := corpus.New(13)
	for n := range 500 {
		_, text := corpus.Article(rng, n)
		d, err := Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		if !checkFast(t, d.FrontMatter()) {
			t.Fatalf("corpus file %d missed the fast path", n)
		}
	}
	files, _ := filepath.Glob("testdata/*.txt")
	more, _ := filepath.Glob("testdata/variants/*.txt")
	for _, f := range append(files, more...) {
		b, _ := os.ReadFile(f)
		if d, err := Parse(b); err == nil {
			checkFast(t, d.FrontMatter())
		}
	}
	for _, fm := range []string{
		"a: 1\n", "a: true\nb: False\nc: NULL\nd: on\ne: y\n", "k: 0\nl: 007\nm: 123456789012345678901\n",
		"t: 2020-02-30T00:00:00Z\nu: 2020-02-03T00:00:00Z\n", "s: \"a \\\"b\\\" \\\\ c\"   \n", "s: \"\\n\"\n",
		"a:\n- x\n- y\nb: 2\n", "a:\n  - x\n  -  y\n", "r:\n  - k: v\n    l: w\n  -   k: v\n      l: w\n",
		"a: b:c\n", "a: b: c\n", "a: x #c\n", "a: x#c\n", "a: 日本\nb: ü\n", "日本: x\n", "a: \"日本\"\n",
		"a-b: 1\n_c: 2\n-d: 3\n", "a: 1\n  b: 2\n", "a:\n  b: 1\n c: 2\n", "a: x\n\n  y\n", "a: [1]\n",
		"a: 'x'\n", "a: |\n  x\n", "\n\n", "a:\n", "a: \"x\" y\n", "a: \"unterminated\n", "- a\n",
		"  a: 1\n", "a: 1\r\nb: \"2\"\r\n", "a: 1\rb: 2\n", "a: x\u00a0y\n", "a: \"x\ty\"\n", "a: x\u2028y\n",
		"title: A study: new\n", "x: -1\n", "x: .5\n", "x: ~\n", "x: 1_000\n", "x: 0x10\n", "a:\n  b:\n    c: d\n",
	} {
		checkFast(t, []byte(fm))
		if _, ok := fastParse([]byte(fm)); ok && strings.Contains(fm, "\ty") {
			t.Errorf("tab accepted: %q", fm)
		}
	}
}
