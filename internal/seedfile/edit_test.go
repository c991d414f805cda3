package seedfile

import (
	"errors"
	"strings"
	"testing"
)

// editCase edits src with do and expects want (whole files, LF endings;
// each case also runs with CRLF endings and with a BOM).
type editCase struct {
	name      string
	src, want string
	do        func(d *Document) error
}

func set(path string, v any) func(*Document) error {
	return func(d *Document) error { return d.Set(path, v) }
}

func del(path string) func(*Document) error {
	return func(d *Document) error { return d.Delete(path) }
}

const seedLike = `---
category: news
title: "A title"
excerpt: "An excerpt"
publishedDateTime: 2020-02-24T17:51:00Z
webUrl: "https://example.com/a.html"
type: article
quality: 39
heat: 12
published: false

provider:
  name: Medical Xpress
  domain: medicalxpress.com

topics:
  - AI
  - Machine Learning
  - Space

related:
  - title: "Related one"
    excerpt: "Its excerpt"
    type: article
    provider:
      name: Mirage News
      domain: miragenews.com
    quality: 39
    images:
      - url: "https://img.example/1.jpg"
        width: 400
        height: 452

secured: "b64=="
---

Body.
`

// replaceLines returns seedLike with old replaced by new (which must occur once).
func seedWith(old, new string) string {
	if strings.Count(seedLike, old) != 1 {
		panic("seedWith: " + old)
	}
	return strings.Replace(seedLike, old, new, 1)
}

var scalarEdits = []editCase{
	{"plain to plain", seedLike, seedWith("category: news\n", "category: blog\n"), set("category", "blog")},
	{"plain needs quotes: bool word", seedLike, seedWith("category: news\n", "category: \"true\"\n"), set("category", "true")},
	{"plain needs quotes: number", seedLike, seedWith("category: news\n", "category: \"123\"\n"), set("category", "123")},
	{"plain needs quotes: colon", seedLike, seedWith("category: news\n", "category: \"a: b\"\n"), set("category", "a: b")},
	{"plain needs quotes: comment", seedLike, seedWith("category: news\n", "category: \"a #b\"\n"), set("category", "a #b")},
	{"plain needs quotes: dash", seedLike, seedWith("\ntype: article\n", "\ntype: \"- x\"\n"), set("type", "- x")},
	{"plain needs quotes: empty", seedLike, seedWith("\ntype: article\n", "\ntype: \"\"\n"), set("type", "")},
	{"plain needs quotes: yes", seedLike, seedWith("\ntype: article\n", "\ntype: \"yes\"\n"), set("type", "yes")},
	{"plain keeps url-like", seedLike, seedWith("\ntype: article\n", "\ntype: a/b-c_d.e (f)\n"), set("type", "a/b-c_d.e (f)")},
	{"double quoted escapes", seedLike, seedWith(`title: "A title"`, `title: "He said \"hi\" \\ ok\ttab"`), set("title", "He said \"hi\" \\ ok\ttab")},
	{"double quoted multi-line value", seedLike, seedWith(`title: "A title"`, `title: "one\ntwo"`), set("title", "one\ntwo")},
	{"double quoted unicode kept raw", seedLike, seedWith(`title: "A title"`, `title: "Ça — 日本 🚀"`), set("title", "Ça — 日本 🚀")},
	{"double quoted line separator escaped", seedLike, seedWith(`title: "A title"`, `title: "a\u2028b"`), set("title", "a\u2028b")},
	{"int", seedLike, seedWith("\nquality: 39\n", "\nquality: 40\n"), set("quality", 40)},
	{"negative int", seedLike, seedWith("heat: 12\n", "heat: -3\n"), set("heat", -3)},
	{"bool", seedLike, seedWith("published: false\n", "published: true\n"), set("published", true)},
	{"timestamp stays plain", seedLike, seedWith("publishedDateTime: 2020-02-24T17:51:00Z\n", "publishedDateTime: 2021-03-04T05:06:07Z\n"), set("publishedDateTime", "2021-03-04T05:06:07Z")},
	{"nested plain", seedLike, seedWith("  name: Medical Xpress\n", "  name: Phys.org\n"), set("provider.name", "Phys.org")},
	{"list item scalar", seedLike, seedWith("  - Machine Learning\n", "  - Deep Learning\n"), set("topics.1", "Deep Learning")},
	{"related field", seedLike, seedWith("    quality: 39\n", "    quality: 1\n"), set("related.0.quality", 1)},
	{"related first key on dash line", seedLike, seedWith(`  - title: "Related one"`, `  - title: "Other"`), set("related.0.title", "Other")},
	{"image url", seedLike, seedWith(`      - url: "https://img.example/1.jpg"`, `      - url: "https://img.example/2.jpg"`), set("related.0.images.0.url", "https://img.example/2.jpg")},
	{"image width", seedLike, seedWith("        width: 400\n", "        width: 640\n"), set("related.0.images.0.width", 640)},
	{"same value changes nothing", seedLike, seedLike, set("title", "A title")},
	{"single quoted", "---\ntitle: 'Old'\n---\n", "---\ntitle: 'It''s new'\n---\n", set("title", "It's new")},
	{"single quoted falls back for newline", "---\ntitle: 'Old'\n---\n", "---\ntitle: \"a\\nb\"\n---\n", set("title", "a\nb")},
	{"trailing comment after plain", "---\ncategory: news # kind\n---\n", "---\ncategory: blog # kind\n---\n", set("category", "blog")},
	{"trailing comment after quoted", "---\ntitle: \"x\"   # t\n---\n", "---\ntitle: \"y\"   # t\n---\n", set("title", "y")},
	{"literal block", "---\nexcerpt: |\n  a\n  b\nquality: 1\n---\n", "---\nexcerpt: |\n  c\n\n  d\nquality: 1\n---\n", set("excerpt", "c\n\nd\n")},
	{"literal block strip", "---\nexcerpt: |\n  a\nquality: 1\n---\n", "---\nexcerpt: |-\n  c\nquality: 1\n---\n", set("excerpt", "c")},
	{"literal block keep", "---\nexcerpt: |\n  a\nquality: 1\n---\n", "---\nexcerpt: |+\n  c\n\nquality: 1\n---\n", set("excerpt", "c\n\n")},
	{"literal block falls back", "---\nexcerpt: |\n  a\nquality: 1\n---\n", "---\nexcerpt: \" lead\"\nquality: 1\n---\n", set("excerpt", " lead")},
	{"folded block", "---\nexcerpt: >\n  a\n  b\n\nquality: 1\n---\n", "---\nexcerpt: >-\n  new words\n\nquality: 1\n---\n", set("excerpt", "new words")},
	{"nested literal indent", "---\np:\n  t: |\n    a\n  u: 1\n---\n", "---\np:\n  t: |-\n    b\n  u: 1\n---\n", set("p.t", "b")},
	{"multi-line plain", "---\ntitle: a\n  b\n  c\nquality: 1\n---\n", "---\ntitle: z\nquality: 1\n---\n", set("title", "z")},
	{"empty value", "---\ncategory:\ntitle: x\n---\n", "---\ncategory: blog\ntitle: x\n---\n", set("category", "blog")},
	{"empty value with comment", "---\ntype:   # none\ntitle: x\n---\n", "---\ntype: video   # none\ntitle: x\n---\n", set("type", "video")},
	{"tilde null", "---\ncategory: ~\n---\n", "---\ncategory: blog\n---\n", set("category", "blog")},
	{"tagged scalar", "---\ntitle: !!str 123\n---\n", "---\ntitle: abc\n---\n", set("title", "abc")},
	{"quoted number to int", "---\nquality: \"7\"\n---\n", "---\nquality: 8\n---\n", set("quality", 8)},
	{"collection to scalar", "---\ncustom:\n  a: 1\n  b: [2]\nnext: x\n---\n", "---\ncustom: flat\nnext: x\n---\n", set("custom", "flat")},
	{"flow collection to scalar", "---\ncustom: {a: 1}\n---\n", "---\ncustom: flat\n---\n", set("custom", "flat")},
	{"flow mapping value", "---\nprovider: {name: A, domain: a.example}\n---\n", "---\nprovider: {name: B B, domain: a.example}\n---\n", set("provider.name", "B B")},
	{"flow mapping value needs quotes", "---\nprovider: {name: A, domain: a.example}\n---\n", "---\nprovider: {name: \"x, y\", domain: a.example}\n---\n", set("provider.name", "x, y")},
	{"flow list item", "---\ntopics: [a, b]\n---\n", "---\ntopics: [a, c]\n---\n", set("topics.1", "c")},
	{"unicode before value", "---\nclé: \"é\u2028x\"\nключ: \"日本\" # ü\n---\n", "---\nclé: \"é\u2028x\"\nключ: \"ok\" # ü\n---\n", set("ключ", "ok")},
	{"unknown key", "---\nfoo: bar\n---\n", "---\nfoo: baz\n---\n", set("foo", "baz")},
	{"quoted key", "---\n\"odd key\": 1\n---\n", "---\n\"odd key\": 2\n---\n", set("odd key", 2)},
	{"body untouched", "---\ntitle: x\n---\n\n---\ntitle: body\n", "---\ntitle: z\n---\n\n---\ntitle: body\n", set("title", "z")},
	{"file ends at closing", "---\ntitle: x\n---", "---\ntitle: z\n---", set("title", "z")},
}

var insertEdits = []editCase{
	{"known after preceding field", seedLike, seedWith("webUrl: \"https://example.com/a.html\"\n", "webUrl: \"https://example.com/a.html\"\nampWebUrl: \"https://example.com/a.amp\"\n"), set("ampWebUrl", "https://example.com/a.amp")},
	{"known before following field", seedWith("category: news\n", ""), seedLike, set("category", "news")},
	{"known after nearest present", "---\ntitle: \"t\"\nquality: 1\n---\n", "---\ntitle: \"t\"\nexcerpt: \"e\"\nquality: 1\n---\n", set("excerpt", "e")},
	{"group gets a blank line", seedWith("provider:\n  name: Medical Xpress\n  domain: medicalxpress.com\n\n", ""), seedLike, set("provider", Provider{"Medical Xpress", "medicalxpress.com"})},
	{"topics group", seedWith("topics:\n  - AI\n  - Machine Learning\n  - Space\n\n", ""), seedLike, set("topics", []string{"AI", "Machine Learning", "Space"})},
	{"nested known after sibling", seedWith("  domain: medicalxpress.com\n", ""), seedLike, set("provider.domain", "medicalxpress.com")},
	{"nested known before sibling", seedWith("  name: Medical Xpress\n", ""), seedLike, set("provider.name", "Medical Xpress")},
	{"missing parent created", "---\ntitle: \"t\"\nquality: 1\npublished: true\n---\n", "---\ntitle: \"t\"\nquality: 1\npublished: true\n\nprovider:\n  name: X\n---\n", set("provider.name", "X")},
	{"null parent becomes mapping", "---\nprovider:\ntitle: \"t\"\n---\n", "---\nprovider:\n  name: X\ntitle: \"t\"\n---\n", set("provider.name", "X")},
	{"related field inserted in order", seedLike, seedWith("    excerpt: \"Its excerpt\"\n", "    excerpt: \"Its excerpt\"\n    publishedDateTime: 2020-01-01T00:00:00Z\n"), set("related.0.publishedDateTime", "2020-01-01T00:00:00Z")},
	{"related key before dash-line key", seedWith(`  - title: "Related one"`+"\n    excerpt", "  - excerpt"), seedLike, set("related.0.title", "Related one")},
	{"unknown before secured", seedLike, seedWith("        height: 452\n", "        height: 452\nnote: hello\n"), set("note", "hello")},
	{"unknown at end", "---\ntitle: x\n---\n", "---\ntitle: x\nnote: hello\n---\n", set("note", "hello")},
	{"unknown nested creates parents", "---\ntitle: x\n---\n", "---\ntitle: x\ncustom:\n  a:\n    b: 1\n---\n", set("custom.a.b", 1)},
	{"unknown nested in existing", "---\ncustom:\n  a: 1\ntitle: x\n---\n", "---\ncustom:\n  a: 1\n  b: two\ntitle: x\n---\n", set("custom.b", "two")},
	{"empty front matter", "---\n---\n", "---\ntitle: \"t\"\n---\n", set("title", "t")},
	{"empty front matter group", "---\n---\n", "---\ntopics:\n  - A\n---\n", set("topics", []string{"A"})},
	{"key needing quotes", "---\ntitle: x\n---\n", "---\ntitle: x\n\"a: b\": 1\n---\n", set("a: b", 1)},
	{"flow mapping insert", "---\nprovider: {name: A}\n---\n", "---\nprovider: {name: A, domain: d.example}\n---\n", set("provider.domain", "d.example")},
	{"indented root", "---\n  title: x\n  quality: 1\n---\n", "---\n  title: x\n  excerpt: \"e\"\n  quality: 1\n---\n", set("excerpt", "e")},
	{"compact list mapping", "---\nrelated:\n- title: \"R\"\n  quality: 4\n---\n", "---\nrelated:\n- title: \"R\"\n  type: video\n  quality: 4\n---\n", set("related.0.type", "video")},
}

var deleteEdits = []editCase{
	{"top-level", seedLike, seedWith("heat: 12\n", ""), del("heat")},
	{"nested", seedLike, seedWith("  domain: medicalxpress.com\n", ""), del("provider.domain")},
	{"group takes its blank line", seedLike, seedWith("\nprovider:\n  name: Medical Xpress\n  domain: medicalxpress.com\n", ""), del("provider")},
	{"list item", seedLike, seedWith("  - Machine Learning\n", ""), del("topics.1")},
	{"first key on dash line", seedLike, seedWith("  - title: \"Related one\"\n    excerpt:", "  - excerpt:"), del("related.0.title")},
	{"image list item", seedLike, seedWith("    images:\n      - url: \"https://img.example/1.jpg\"\n        width: 400\n        height: 452\n", "    images: []\n"), del("related.0.images.0")},
	{"only key of mapping", "---\np:\n  a: 1\nq: 2\n---\n", "---\np: {}\nq: 2\n---\n", del("p.a")},
	{"block scalar", "---\nexcerpt: |\n  a\n\n  b\n\ntitle: x\n---\n", "---\n\ntitle: x\n---\n", del("excerpt")},
	{"with trailing comment", "---\na: 1 # c\nb: 2\n---\n", "---\nb: 2\n---\n", del("a")},
	{"keeps comment lines after", "---\na:\n  - x\n# about b\nb: 2\n---\n", "---\n# about b\nb: 2\n---\n", del("a")},
	{"missing does nothing", seedLike, seedLike, del("nothing.here")},
	{"flow mapping key", "---\np: {a: 1, b: 2}\n---\n", "---\np: {b: 2}\n---\n", del("p.a")},
	{"flow list item", "---\nt: [a, b, c]\n---\n", "---\nt: [a, c]\n---\n", del("t.1")},
	{"set nil", seedLike, seedWith("heat: 12\n", ""), set("heat", nil)},
	{"empty provider", seedLike, seedWith("\nprovider:\n  name: Medical Xpress\n  domain: medicalxpress.com\n", ""), set("provider", Provider{})},
	{"last key", "---\ntitle: x\n---\nbody", "---\n---\nbody", del("title")},
}

func runEditCases(t *testing.T, cases []editCase) {
	t.Helper()
	for _, tc := range cases {
		for _, v := range variants {
			t.Run(tc.name+"/"+v.name, func(t *testing.T) {
				src := v.apply(tc.src)
				d, err := Parse([]byte(src))
				if err != nil {
					t.Fatalf("source does not parse: %v", err)
				}
				if err := tc.do(d); err != nil {
					t.Fatal(err)
				}
				want := v.apply(tc.want)
				if got := string(d.Bytes()); got != want {
					t.Fatalf("got:\n%s\nwant:\n%s\ndiff (want→got):\n%s", got, want, lineDiff([]byte(want), []byte(got)))
				}
				nd, err := Parse(d.Bytes())
				if err != nil {
					t.Fatalf("edited file does not parse: %v", err)
				}
				if nd.CRLF() != v.crlf || nd.BOM() != v.bom {
					t.Error("line endings or BOM changed")
				}
			})
		}
	}
}

func TestSetScalar(t *testing.T) { runEditCases(t, scalarEdits) }
func TestSetInsert(t *testing.T) { runEditCases(t, insertEdits) }
func TestDelete(t *testing.T)    { runEditCases(t, deleteEdits) }

func TestSetRefusals(t *testing.T) {
	tests := []struct {
		name  string
		path  string
		value any
		want  string
	}{
		{"secured", "secured", "x", "read-only"},
		{"under secured", "secured.x", "x", "read-only"},
		{"missing list item", "related.5.title", "x", "no item 5"},
		{"list item to create", "custom.0.x", "x", "cannot create list item"},
		{"unsupported type", "title", 1.5, "unsupported value type"},
		{"invalid utf-8", "title", "a\xffb", "UTF-8"},
		{"empty path", "", "x", "empty path"},
		{"empty segment", "provider..name", "x", "invalid path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := Parse([]byte(seedLike))
			err := d.Set(tt.path, tt.value)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Set(%q) = %v, want an error with %q", tt.path, err, tt.want)
			}
			if string(d.Bytes()) != seedLike {
				t.Error("a refused Set changed the document")
			}
		})
	}
	d, _ := Parse([]byte(seedLike))
	if err := d.Delete("secured"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Delete(secured) = %v, want ErrReadOnly", err)
	}
	if err := d.Set("secured", nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Set(secured, nil) = %v, want ErrReadOnly", err)
	}
}
