package seedfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seedarchive/seedarchive/internal/corpus"
)

// FuzzParse checks, for any input, that Parse either refuses it or keeps it
// byte for byte, and that setting the title of a parsed document yields a
// document that parses, reads the new title and keeps every other field.
func FuzzParse(f *testing.F) {
	rng := corpus.New(11)
	for n := range 8 {
		_, text := corpus.Article(rng, n)
		f.Add(text)
	}
	files, _ := filepath.Glob("testdata/variants/*.txt")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
			f.Add(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
		}
	}
	f.Add([]byte(seedLike))
	f.Add([]byte("---\n{title: x, a: [1, 2]}\n---\n"))
	f.Add([]byte("---\na: &x 1\n---\n"))
	f.Add([]byte(anchoredSrc))
	f.Add([]byte(aliasBomb(3)))
	f.Add([]byte("---\ntitle: x\np: &p {a: [1, *p]}\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 { // what Parse checks first
			checkFast(t, data)
		}
		d, err := Parse(data)
		if err == nil {
			checkFast(t, d.FrontMatter())
		}
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		if !bytes.Equal(d.Bytes(), data) {
			t.Fatal("Bytes differs from the input")
		}
		before := d.Article()
		extra, images := d.Extra(), d.Images()
		const title = "Fuzzed: \"title\" #1"
		if err := d.Set("title", title); err != nil {
			if errors.Is(err, ErrAliased) { // the title takes part in an anchor or alias
				return
			}
			t.Fatalf("Set title: %v", err)
		}
		nd, err := Parse(d.Bytes())
		if err != nil {
			t.Fatalf("edited document does not parse: %v\n%q", err, d.Bytes())
		}
		after := nd.Article()
		if after.Title != title {
			t.Fatalf("title reads %q", after.Title)
		}
		before.Title, after.Title = "", ""
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("other fields changed:\n%#v\n%#v\n%q", before, after, d.Bytes())
		}
		if nd.Extra() != extra {
			t.Fatalf("unknown fields changed: %q -> %q", extra, nd.Extra())
		}
		if !reflect.DeepEqual(nd.Images(), outsideTitle(images)) {
			t.Fatal("images changed")
		}
	})
}

// outsideTitle drops the images found under the title (which Set replaces).
func outsideTitle(images []ImageRef) []ImageRef {
	var out []ImageRef
	for _, img := range images {
		if !strings.HasPrefix(img.Path, "title.") {
			out = append(out, img)
		}
	}
	return out
}

// fuzzPaths are the fields FuzzSetString writes to.
var fuzzPaths = []string{"title", "category", "excerpt", "publishedDateTime", "provider.name", "topics.1",
	"related.0.title", "related.0.images.0.url", "note", "custom.deep.key", "excerpt"}

// fuzzDocs are the documents FuzzSetString edits.
var fuzzDocs = []string{seedLike,
	"---\r\ntitle: 'single'\r\ncategory: plain # c\r\nexcerpt: |\r\n  block\r\ntopics: [a, b]\r\n---\r\n",
	"---\nexcerpt: >\n  folded\n  text\nprovider: {name: n}\ntopics:\n- a\n- b\n---\nbody\n",
}

// FuzzSetString sets any string on a range of fields and styles: the
// result must parse, read the value back and leave the other known fields
// as they were.
func FuzzSetString(f *testing.F) {
	for _, s := range []string{"plain", "", " lead", "trail ", "a: b", "#x", "- x", "true", "123", "2020-01-01T00:00:00Z",
		"multi\nline\n", "quote\"s and \\", "it's", "\u2028", "\t", "日本", "[a, b]", "{x}", "&a", "*a", "!t", "|", ">", "%x", "@x", "`x", "---", "..."} {
		for i := range fuzzPaths {
			f.Add(s, uint8(i), uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, value string, pathIdx, docIdx uint8) {
		path := fuzzPaths[int(pathIdx)%len(fuzzPaths)]
		d, err := Parse([]byte(fuzzDocs[int(docIdx)%len(fuzzDocs)]))
		if err != nil {
			t.Fatal(err)
		}
		before := d.Article()
		err = d.Set(path, value)
		if !utf8.ValidString(value) {
			if err == nil {
				t.Fatal("invalid UTF-8 accepted")
			}
			return
		}
		if err != nil {
			if strings.Contains(err.Error(), "no item") || strings.Contains(err.Error(), "cannot create list item") { // missing in that document
				return
			}
			t.Fatalf("Set(%s, %q): %v", path, value, err)
		}
		nd, err := Parse(d.Bytes())
		if err != nil {
			t.Fatalf("result does not parse: %v\n%s", err, d.Bytes())
		}
		if err := nd.verify(path, value); err != nil {
			t.Fatalf("Set(%s, %q) reads back wrong:\n%s", path, value, d.Bytes())
		}
		after := nd.Article()
		blank := func(a *Article) {
			switch path {
			case "title":
				a.Title = ""
			case "category":
				a.Category = ""
			case "excerpt":
				a.Excerpt = ""
			case "publishedDateTime":
				a.PublishedDateTime = ""
			case "provider.name":
				a.Provider.Name = ""
			case "topics.1":
				a.Topics = nil
			case "related.0.title", "related.0.images.0.url":
				a.Related = nil
			}
		}
		blank(&before)
		blank(&after)
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("Set(%s, %q) changed other fields:\n%#v\n%#v", path, value, before, after)
		}
	})
}
