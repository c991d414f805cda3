package seedfile

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// anchoredSrc uses anchors and aliases as real files do: a repeated
// title, a shared provider and topic list, and a flow mapping.
const anchoredSrc = `---
category: news
title: &t "Anchored title"
excerpt: *t
webUrl: "https://x.test/a"
type: article

provider: &prov
  name: Medical Xpress
  domain: medicalxpress.com

topics: &topics
  - AI
  - Space

related:
  - title: "Related"
    provider: *prov
    topics: *topics
defaults: &d {quality: 5}
other: *d
---

Body with *emphasis* & more.
`

func TestAnchorsReadAndRoundTrip(t *testing.T) {
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			src := v.apply(anchoredSrc)
			d, err := Parse([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if string(d.Bytes()) != src {
				t.Fatal("Bytes differs from the input")
			}
			a := d.Article()
			prov := Provider{Name: "Medical Xpress", Domain: "medicalxpress.com"}
			if a.Title != "Anchored title" || a.Excerpt != a.Title || a.Provider != prov ||
				!reflect.DeepEqual(a.Topics, []string{"AI", "Space"}) || len(a.Related) != 1 || a.Related[0].Provider != prov {
				t.Errorf("article read through the aliases: %+v", a)
			}
			if !strings.Contains(d.Extra(), "other: *d") {
				t.Errorf("extra %q", d.Extra())
			}
		})
	}
}

// TestAnchorsEditElsewhere edits values that take no part in an anchor or
// alias: only their lines change.
func TestAnchorsEditElsewhere(t *testing.T) {
	runEditCases(t, []editCase{
		{"scalar", anchoredSrc, strings.Replace(anchoredSrc, "type: article", "type: video", 1), set("type", "video")},
		{"scalar before an anchor", anchoredSrc, strings.Replace(anchoredSrc, "category: news", "category: science", 1), set("category", "science")},
		{"inside a list item beside aliases", anchoredSrc, strings.Replace(anchoredSrc, `  - title: "Related"`, `  - title: "Changed"`, 1), set("related.0.title", "Changed")},
		{"delete", anchoredSrc, strings.Replace(anchoredSrc, "webUrl: \"https://x.test/a\"\n", "", 1), del("webUrl")},
		{"insert after an alias", anchoredSrc, strings.Replace(anchoredSrc, "type: article\n", "type: article\nquality: 7\n", 1), set("quality", 7)},
		{"insert at the end after a flow alias", anchoredSrc, strings.Replace(anchoredSrc, "other: *d\n", "other: *d\nnote: x\n", 1), set("note", "x")},
	})
}

// TestAnchorsEditRefused checks that edits of a value that is anchored, is
// an alias, lies inside either or holds either are refused with the path,
// the line and ErrAliased, and leave the document as it was.
func TestAnchorsEditRefused(t *testing.T) {
	tests := []struct {
		name string
		do   func(*Document) error
		want string
	}{
		{"anchored scalar", set("title", "New"), "set title: title is anchored as &t (line 3)"},
		{"alias", set("excerpt", "New"), "set excerpt: excerpt is the YAML alias *t (line 4)"},
		{"inside an anchored mapping", set("provider.name", "X"), "provider is anchored as &prov (line 8)"},
		{"through an alias", set("related.0.provider.name", "X"), "related.0.provider is the YAML alias *prov (line 18)"},
		{"replace a value holding an alias", set("related", []Related{{Title: "Only"}}), "related holds the YAML alias *prov (line 18)"},
		{"delete an anchored value", del("provider"), "delete provider: provider is anchored"},
		{"delete an alias", del("other"), "other is the YAML alias *d (line 21)"},
		{"add to an anchored list", func(d *Document) error { _, err := d.AddToList("topics", "X"); return err }, "topics is anchored as &topics (line 12)"},
		{"remove from an alias", func(d *Document) error { _, err := d.RemoveFromList("related.0.topics", "AI"); return err }, "related.0.topics is the YAML alias *topics"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(anchoredSrc))
			if err != nil {
				t.Fatal(err)
			}
			err = tt.do(d)
			if !errors.Is(err, ErrAliased) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want ErrAliased with %q", err, tt.want)
			}
			if string(d.Bytes()) != anchoredSrc {
				t.Error("a refused edit changed the document")
			}
		})
	}
}

// TestAliasExpansionLimit accepts aliases up to the limit and refuses the
// file one alias past it, at that alias's line.
func TestAliasExpansionLimit(t *testing.T) {
	if _, err := Parse([]byte(aliasBomb(3))); err != nil { // 1,220 nodes repeated
		t.Fatalf("a modest use of aliases is refused: %v", err)
	}
	var b strings.Builder
	b.WriteString("---\nlist: &l [x]\n") // *l repeats 2 nodes
	for i := range MaxAliasExpansion / 2 {
		b.WriteString("k" + strconv.Itoa(i) + ": *l\n")
	}
	ok := b.String() + "---\n"
	if _, err := Parse([]byte(ok)); err != nil {
		t.Fatalf("exactly %d repeated nodes refused: %v", MaxAliasExpansion, err)
	}
	_, err := Parse([]byte(b.String() + "last: *l\n---\n"))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != MaxAliasExpansion/2+3 || !strings.Contains(pe.Msg, "expand to more than") {
		t.Fatalf("err = %v, want a refusal at line %d", err, MaxAliasExpansion/2+3)
	}
}

// TestAnchorsEveryEdit sets and deletes every path FuzzSetString uses (and
// the anchored ones) in documents with anchors: each edit is refused with
// ErrAliased, or is refused without a change, or gives a document that
// parses, reads the value back and whose aliases still read as before.
func TestAnchorsEveryEdit(t *testing.T) {
	docs := []string{anchoredSrc,
		"---\ntitle: x\nexcerpt: &e >\n  folded\n  text\nnote: *e\ntopics: [&a AI, *a]\n---\n",
		"---\n{title: &t x, excerpt: *t, topics: [a]}\n---\n",
		"---\ncategory: &c news\nrelated:\n  - title: *c\n    images:\n      - &img {url: \"https://i/1\", width: 1, height: 2}\n      - *img\n---\n",
	}
	applied, aliased := 0, 0
	paths := append([]string{"provider", "provider.domain", "topics", "topics.0", "related.0.provider", "related.0.topics", "other", "defaults", "note", "related.0.images.1.url"}, fuzzPaths...)
	for _, src := range docs {
		for _, path := range paths {
			for _, op := range []string{"set", "delete"} {
				d, err := Parse([]byte(src))
				if err != nil {
					t.Fatal(err)
				}
				before := d.Article()
				if op == "set" {
					err = d.Set(path, "v: #1")
				} else {
					err = d.Delete(path)
				}
				if err != nil {
					if errors.Is(err, ErrAliased) {
						aliased++
					}
					if string(d.Bytes()) != src {
						t.Errorf("%s %s: refused (%v) but changed the text", op, path, err)
					}
					continue
				}
				applied++
				nd, perr := Parse(d.Bytes())
				if perr != nil {
					t.Errorf("%s %s in %q: result does not parse: %v\n%s", op, path, src, perr, d.Bytes())
					continue
				}
				if op == "set" && nd.verify(path, "v: #1") != nil {
					t.Errorf("set %s: reads back wrong:\n%s", path, d.Bytes())
				}
				after := nd.Article()
				if top, _, _ := strings.Cut(path, "."); top != "excerpt" && after.Excerpt != before.Excerpt ||
					top != "title" && after.Title != before.Title || top != "provider" && after.Provider != before.Provider {
					t.Errorf("%s %s changed other fields:\n%s", op, path, d.Bytes())
				}
			}
		}
	}
	t.Logf("%d edits applied, %d refused for aliases", applied, aliased)
	if applied < 20 || aliased < 20 {
		t.Errorf("%d edits applied, %d refused for aliases: the documents do not exercise both", applied, aliased)
	}
}
