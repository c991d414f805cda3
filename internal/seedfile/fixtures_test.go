package seedfile

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fixture is a hand-written file of testdata/variants with what it must read as.
type fixture struct {
	file    string
	want    Article
	images  []string // Images paths
	extra   string   // Extra() with LF line endings
	title   []string // the lines of the title entry, LF endings
	retitle []string // those lines after Set("title", "Edited title")
}

var fixtures = []fixture{
	{
		file: "comments.txt",
		want: Article{Category: "news", Title: "Comments stay put", Quality: 12, Published: true,
			Provider: Provider{"Some Provider", "example.com"}, Topics: []string{"AI", "Health"}, Body: "Body text.\n"},
		title:   []string{`title: "Comments stay put" # the title`},
		retitle: []string{`title: "Edited title" # the title`},
	},
	{
		file: "quoting.txt",
		want: Article{Category: "single quoted", Title: "It's a title: with colon",
			Excerpt: "Tab\there, quote \" and backslash \\ and é and newline\nend",
			Type:    "plain value with:colon inside", WebURL: "https://example.com/a?b=c#frag",
			AmpWebURL: "https://example.com/amp", Heat: 31, Published: true},
		title:   []string{`title: 'It''s a title: with colon'`},
		retitle: []string{`title: 'Edited title'`},
	},
	{
		file: "block_scalars.txt",
		want: Article{Title: "Literal title\non two lines\n", Excerpt: "Folded excerpt continues here\nnew paragraph\n",
			Type: "strip", Category: "keep\n\n", PublishedDateTime: "2021-01-01T00:00:00Z",
			Provider: Provider{" indented by indicator\n", "d.example"}, Quality: 3},
		title:   []string{"title: |", "  Literal title", "  on two lines"},
		retitle: []string{"title: |-", "  Edited title"},
	},
	{
		file:    "multiline_plain.txt",
		want:    Article{Title: "A plain title that continues on the next line\nand after a blank line", Excerpt: "short", Quality: 5},
		title:   []string{"title: A plain title", "  that continues on the next line", "", "  and after a blank line"},
		retitle: []string{"title: Edited title"},
	},
	{
		file: "unknown_fields.txt",
		want: Article{Title: "Unknown fields survive", Provider: Provider{"P", "p.example"},
			Related: []Related{{Title: "R", Quality: 1, Images: []Image{{"https://img.example/1.jpg", 10, 20}}}},
			Secured: "opaque=="},
		images:  []string{"related.0.images.0", "gallery.images.0"},
		extra:   "id: 42\ncustom:\n  nested:\n    deep: [1, 2, 3]\n  flag: yes\ngallery:\n  images:\n    - url: \"https://img.example/g.png\"\n      width: 1\n      height: 2\ntrailer: last\n",
		title:   []string{`title: "Unknown fields survive"`},
		retitle: []string{`title: "Edited title"`},
	},
	{
		file: "key_order.txt",
		want: Article{Secured: "s", Topics: []string{"B", "A"}, Title: "Order is kept",
			Provider: Provider{"N", "d.example"}, Category: "blog"},
		title:   []string{`title: "Order is kept"`},
		retitle: []string{`title: "Edited title"`},
	},
	{
		file:    "missing_fields.txt",
		want:    Article{Title: "Only a title"},
		title:   []string{`title: "Only a title"`},
		retitle: []string{`title: "Edited title"`},
	},
	{
		file:    "body_dashes.txt",
		want:    Article{Title: "Body with rulers", Body: "First part.\n\n---\n\nSecond part after a ruler.\n---\n"},
		title:   []string{`title: "Body with rulers"`},
		retitle: []string{`title: "Edited title"`},
	},
	{
		file:    "no_body.txt",
		want:    Article{Title: "No body at all"},
		title:   []string{`title: "No body at all"`},
		retitle: []string{`title: "Edited title"`},
	},
	{
		file:    "no_final_newline.txt",
		want:    Article{Title: "No final newline"},
		title:   []string{`title: "No final newline"`},
		retitle: []string{`title: "Edited title"`},
	},
	{
		file:    "body_no_final_newline.txt",
		want:    Article{Title: "Body without final newline", Body: "last line"},
		title:   []string{`title: "Body without final newline"`},
		retitle: []string{`title: "Edited title"`},
	},
	{
		file: "flow.txt",
		want: Article{Title: "Flow collections", Provider: Provider{"Flow Provider", "flow.example"},
			Topics:  []string{"AI", "Machine Learning", "Space"},
			Related: []Related{{Title: "R1", Quality: 2, Images: []Image{{"https://i.example/a.jpg", 1, 2}}}}},
		images:  []string{"related.0.images.0"},
		title:   []string{`title: "Flow collections"`},
		retitle: []string{`title: "Edited title"`},
	},
	{
		file: "unicode.txt",
		want: Article{Title: "Ünïcödé — 日本語 🚀", Excerpt: "Line separator inside quotes: [\u2028] after",
			Category: "ニュース", Provider: Provider{"Éditions Ça", "ça.example"}, Quality: 9, Body: "Körper 🚀\n"},
		extra:   "clé: \"valeur\"\n",
		title:   []string{`title: "Ünïcödé — 日本語 🚀"`},
		retitle: []string{`title: "Edited title"`},
	},
	{
		file: "compact_lists.txt",
		want: Article{Title: "Compact lists", Topics: []string{"First", "Second"},
			Related: []Related{{Title: "R", Quality: 4, Images: []Image{{"https://i.example/x.jpg", 3, 4}}}}},
		images:  []string{"related.0.images.0"},
		title:   []string{`title: "Compact lists"`},
		retitle: []string{`title: "Edited title"`},
	},
	{
		file:    "tags_nulls.txt",
		want:    Article{Title: "123", Quality: 5, Published: true},
		title:   []string{`title: !!str 123`},
		retitle: []string{`title: Edited title`},
	},
}

// variant is a line-ending and byte-order-mark flavour of a fixture.
type variant struct {
	name      string
	crlf, bom bool
}

var variants = []variant{{"LF", false, false}, {"CRLF", true, false}, {"BOM", false, true}, {"BOM+CRLF", true, true}}

// apply converts LF text to the variant.
func (v variant) apply(text string) string {
	if v.crlf {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	if v.bom {
		text = "\uFEFF" + text
	}
	return text
}

// endings converts LF text to the variant's line endings.
func (v variant) endings(text string) string {
	if v.crlf {
		return strings.ReplaceAll(text, "\n", "\r\n")
	}
	return text
}

// lfArticle normalizes the body's line endings for comparison.
func lfArticle(a Article) Article {
	a.Body = strings.ReplaceAll(a.Body, "\r\n", "\n")
	return a
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "variants", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFixturesAreAllListed(t *testing.T) {
	files, _ := filepath.Glob("testdata/variants/*.txt")
	if len(files) != len(fixtures) {
		t.Fatalf("%d fixture files, %d in the table", len(files), len(fixtures))
	}
}

func TestParseFixtures(t *testing.T) {
	for _, f := range fixtures {
		for _, v := range variants {
			t.Run(f.file+"/"+v.name, func(t *testing.T) {
				text := v.apply(readFixture(t, f.file))
				d, err := Parse([]byte(text))
				if err != nil {
					t.Fatal(err)
				}
				if string(d.Bytes()) != text {
					t.Fatal("Bytes differs from the input")
				}
				if d.CRLF() != v.crlf || d.BOM() != v.bom {
					t.Errorf("CRLF/BOM = %v/%v, want %v/%v", d.CRLF(), d.BOM(), v.crlf, v.bom)
				}
				if got := lfArticle(d.Article()); !reflect.DeepEqual(got, f.want) {
					t.Errorf("Article:\n got %#v\nwant %#v", got, f.want)
				}
				var paths []string
				for _, img := range d.Images() {
					paths = append(paths, img.Path)
				}
				if !reflect.DeepEqual(paths, f.images) {
					t.Errorf("Images paths = %v, want %v", paths, f.images)
				}
				if got := strings.ReplaceAll(d.Extra(), "\r\n", "\n"); got != f.extra {
					t.Errorf("Extra = %q, want %q", got, f.extra)
				}
			})
		}
	}
}

// TestSetTitleFixtures edits the title of every fixture in every variant
// and checks that exactly the title's lines changed, in the old style, and
// that everything else reads the same.
func TestSetTitleFixtures(t *testing.T) {
	for _, f := range fixtures {
		for _, v := range variants {
			t.Run(f.file+"/"+v.name, func(t *testing.T) {
				text := v.apply(readFixture(t, f.file))
				d, err := Parse([]byte(text))
				if err != nil {
					t.Fatal(err)
				}
				extra, images := d.Extra(), d.Images()
				if err := d.Set("title", "Edited title"); err != nil {
					t.Fatal(err)
				}
				assertChanged(t, []byte(text), d.Bytes(), v.endings(lines(f.title)), v.endings(lines(f.retitle)))
				want := f.want
				want.Title = "Edited title"
				if got := lfArticle(d.Article()); !reflect.DeepEqual(got, want) {
					t.Errorf("Article after edit:\n got %#v\nwant %#v", got, want)
				}
				if d.Extra() != extra || !reflect.DeepEqual(d.Images(), images) {
					t.Error("unknown fields or images changed")
				}
				if d.CRLF() != v.crlf || d.BOM() != v.bom || bytes.HasPrefix(d.Bytes(), bomBytes) != v.bom {
					t.Error("line endings or BOM changed")
				}
				if _, err := Parse(d.Bytes()); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// lines joins lines with LF endings, each line terminated.
func lines(ls []string) string {
	if len(ls) == 0 {
		return ""
	}
	return strings.Join(ls, "\n") + "\n"
}

// assertChanged checks that going from a to b removed exactly the lines
// removed and added exactly the lines added (both LF-joined text).
func assertChanged(t *testing.T, a, b []byte, removed, added string) {
	t.Helper()
	rm, add := changedLines(a, b)
	if strings.Join(rm, "") != removed || strings.Join(add, "") != added {
		t.Errorf("changed lines:\n%s\nwant removed %q\n     added   %q", lineDiff(a, b), removed, added)
	}
}
