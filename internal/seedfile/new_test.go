package seedfile

import (
	"reflect"
	"strings"
	"testing"
)

func TestNewLayout(t *testing.T) {
	a := Article{
		Category: "news", Title: `Say "hi" \ now`, Excerpt: "E ...", PublishedDateTime: "2020-02-24T17:51:00Z",
		WebURL: "https://w.example/a.html", Type: "article", Quality: 0, Heat: 5,
		Provider: Provider{"Phys.org", "phys.org"}, Topics: []string{"AI", "true"},
		Related: []Related{{Title: "R", Type: "article", Quality: 3}},
		Secured: "x==;y==", Body: "Body\n",
	}
	want := `---
category: news
title: "Say \"hi\" \\ now"
excerpt: "E ..."
publishedDateTime: 2020-02-24T17:51:00Z
webUrl: "https://w.example/a.html"
type: article
quality: 0
heat: 5
published: false

provider:
  name: Phys.org
  domain: phys.org

topics:
  - AI
  - "true"

related:
  - title: "R"
    type: article
    quality: 3

secured: "x==;y=="
---

Body
`
	d := New(a)
	if got := string(d.Bytes()); got != want {
		t.Fatalf("got:\n%s\ndiff:\n%s", got, lineDiff([]byte(want), d.Bytes()))
	}
	if got := d.Article(); !reflect.DeepEqual(got, a) {
		t.Errorf("Article = %#v", got)
	}
}

func TestNewReadsBack(t *testing.T) {
	tests := []Article{
		{},
		{Title: "Only"},
		{Title: "multi\nline", Excerpt: "tab\there", Category: "a: b", Type: "- x"},
		{Title: "2020-01-01", Category: "123", Type: "null", Topics: []string{"", " x ", "#c", "[a]"}},
		{Title: "bad \xff utf-8", Body: "nul \x00 and \xfe"},
		{Title: "\u2028\u0085\ufeff", Provider: Provider{Domain: "only.domain"}},
		{Related: []Related{{Images: []Image{{Width: 1, Height: 2}}}}},
		{Body: "---\nnot: front matter\n---\n"},
		{Body: "\n\nstarts with blank lines"},
	}
	for i, a := range tests {
		d := New(a)
		nd, err := Parse(d.Bytes())
		if err != nil {
			t.Fatalf("%d: %v\n%s", i, err, d.Bytes())
		}
		want := a
		fix := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
		want.Title = fix(want.Title)
		want.Body = strings.ReplaceAll(fix(want.Body), "\x00", "\uFFFD")
		if got := nd.Article(); !reflect.DeepEqual(got, want) {
			t.Errorf("%d: read back\n got %#v\nwant %#v", i, got, want)
		}
	}
}

func TestArticleIsLenient(t *testing.T) {
	src := "---\ntitle: [not, a, string]\nquality: high\nheat: 1.5\npublished: maybe\nprovider: flat\n" +
		"topics: {t: AI}\nrelated: {a: 1}\nexcerpt: {x: 1}\ncategory: 12\n---\n"
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := Article{Category: "12"}
	if got := d.Article(); !reflect.DeepEqual(got, want) {
		t.Errorf("Article = %#v, want %#v", got, want)
	}
	d, _ = Parse([]byte("---\nquality: 0x10\nheat: +7\ncustom: 010\npublished: yes\ntopics: [a, {b: c}, ~, d]\nrelated: [x, {title: t}]\n---\n"))
	want = Article{Quality: 16, Heat: 7, Published: true, Topics: []string{"a", "d"}, Related: []Related{{Title: "t"}}}
	if got := d.Article(); !reflect.DeepEqual(got, want) {
		t.Errorf("Article = %#v, want %#v", got, want)
	}
}

func TestHas(t *testing.T) {
	d, _ := Parse([]byte(seedLike))
	for path, want := range map[string]bool{
		"title": true, "provider.name": true, "related.0.images": true, "related.0.images.0.url": true,
		"related.1": false, "related.-1": false, "related.01": false, "related.x": false, "topics.2": true,
		"topics.3": false, "title.x": false, "ampWebUrl": false, "": false, "secured": true, "provider..name": false,
	} {
		if got := d.Has(path); got != want {
			t.Errorf("Has(%q) = %v, want %v", path, got, want)
		}
	}
	empty, _ := Parse([]byte("---\n---\n"))
	if empty.Has("title") {
		t.Error("empty front matter has a title")
	}
}

func TestImages(t *testing.T) {
	src := `---
images:
  - url: "https://top.example/0.png"
    width: 1
    height: 2
related:
  - title: "a"
    images:
      - url: "https://a.example/0.jpg"
        width: 3
        height: 4
      - caption: no url, skipped
      - url: "https://a.example/1.jpg"
  - title: "b"
  - images: [{url: "https://c.example/f.gif", width: 5, height: 6}]
deep:
  more:
    - images:
        - url: plain.example/x.png
          width: "7"
          height: 8
images_not: [{url: "https://skip.example"}]
---
`
	d, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []ImageRef{
		{"images.0", "https://top.example/0.png", 1, 2},
		{"related.0.images.0", "https://a.example/0.jpg", 3, 4},
		{"related.0.images.2", "https://a.example/1.jpg", 0, 0},
		{"related.2.images.0", "https://c.example/f.gif", 5, 6},
		{"deep.more.0.images.0", "plain.example/x.png", 0, 8},
	}
	if got := d.Images(); !reflect.DeepEqual(got, want) {
		t.Errorf("Images =\n%#v\nwant\n%#v", got, want)
	}
	for _, img := range want {
		if !d.Has(img.Path + ".url") {
			t.Errorf("Has(%s.url) is false", img.Path)
		}
	}
}
