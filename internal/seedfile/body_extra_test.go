package seedfile

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSetBody(t *testing.T) {
	tests := []struct{ name, src, body, want string }{
		{"replace", "---\ntitle: x\n---\n\nold\n", "new\n", "---\ntitle: x\n---\n\nnew\n"},
		{"clear keeps separator", "---\ntitle: x\n---\n\nold\n", "", "---\ntitle: x\n---\n\n"},
		{"add to empty seed", "---\ntitle: x\n---\n\n", "text", "---\ntitle: x\n---\n\ntext"},
		{"add without separator", "---\ntitle: x\n---\n", "text\n", "---\ntitle: x\n---\n\ntext\n"},
		{"closing without newline", "---\ntitle: x\n---", "text", "---\ntitle: x\n---\n\ntext"},
		{"no separator kept", "---\ntitle: x\n---\nold", "new", "---\ntitle: x\n---\nnew"},
		{"leading blank line needs separator", "---\ntitle: x\n---\nold", "\nnew", "---\ntitle: x\n---\n\n\nnew"},
		{"dashes in body", "---\ntitle: x\n---\n", "a\n---\nb: c\n", "---\ntitle: x\n---\n\na\n---\nb: c\n"},
		{"same body", "---\ntitle: x\n---", "", "---\ntitle: x\n---"},
		{"invalid utf-8 repaired", "---\ntitle: x\n---\n\n", "a\xffb\x00", "---\ntitle: x\n---\n\na\uFFFDb\uFFFD"},
	}
	for _, tt := range tests {
		for _, v := range variants {
			t.Run(tt.name+"/"+v.name, func(t *testing.T) {
				d, err := Parse([]byte(v.apply(tt.src)))
				if err != nil {
					t.Fatal(err)
				}
				body := v.endings(tt.body)
				d.SetBody(body)
				want := v.apply(tt.want)
				if got := string(d.Bytes()); got != want {
					t.Fatalf("got %q, want %q", got, want)
				}
				nd, err := Parse(d.Bytes())
				if err != nil {
					t.Fatal(err)
				}
				wantBody := strings.ToValidUTF8(strings.ReplaceAll(body, "\x00", "\uFFFD"), "\uFFFD")
				if nd.Body() != wantBody || d.Body() != wantBody {
					t.Errorf("Body = %q / %q, want %q", nd.Body(), d.Body(), wantBody)
				}
				if err := d.Set("title", "edited"); err != nil || d.Body() != wantBody {
					t.Errorf("Set after SetBody: %v, body %q", err, d.Body())
				}
			})
		}
	}
}

const extraSrc = `---
id: 42
title: "t"
custom:
  nested: [1, 2]
  flag: yes
quality: 1
trailer: last # c

secured: "s"
---
`

func TestExtra(t *testing.T) {
	d, _ := Parse([]byte(extraSrc))
	want := "id: 42\ncustom:\n  nested: [1, 2]\n  flag: yes\ntrailer: last # c\n"
	if got := d.Extra(); got != want {
		t.Fatalf("Extra = %q, want %q", got, want)
	}
	d, _ = Parse([]byte("---\ntitle: x\n---\n"))
	if got := d.Extra(); got != "" {
		t.Errorf("Extra of a document without unknown fields = %q", got)
	}
	d, _ = Parse([]byte("---\n---\n"))
	if got := d.Extra(); got != "" {
		t.Errorf("Extra of an empty front matter = %q", got)
	}
}

func TestSetExtra(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"unchanged", "id: 42\ncustom:\n  nested: [1, 2]\n  flag: yes\ntrailer: last # c\n", extraSrc},
		{"one changed", "id: 43\ncustom:\n  nested: [1, 2]\n  flag: yes\ntrailer: last # c\n",
			strings.Replace(extraSrc, "id: 42", "id: 43", 1)},
		{"nested changed", "id: 42\ncustom:\n  nested: [1, 2, 3]\n  flag: yes\ntrailer: last # c\n",
			strings.Replace(extraSrc, "[1, 2]", "[1, 2, 3]", 1)},
		{"one removed", "id: 42\ntrailer: last # c\n",
			strings.Replace(extraSrc, "custom:\n  nested: [1, 2]\n  flag: yes\n", "", 1)},
		{"one added", "id: 42\ncustom:\n  nested: [1, 2]\n  flag: yes\ntrailer: last # c\nnew: |\n  text\n",
			strings.Replace(extraSrc, "\nsecured:", "new: |\n  text\n\nsecured:", 1)},
		{"all removed", "", "---\ntitle: \"t\"\nquality: 1\n\nsecured: \"s\"\n---\n"},
		{"reordered text keeps document order", "trailer: last # c\nid: 42\ncustom:\n  nested: [1, 2]\n  flag: yes\n", extraSrc},
	}
	for _, tt := range tests {
		for _, v := range variants {
			t.Run(tt.name+"/"+v.name, func(t *testing.T) {
				d, _ := Parse([]byte(v.apply(extraSrc)))
				if err := d.SetExtra(tt.text); err != nil {
					t.Fatal(err)
				}
				if got, want := string(d.Bytes()), v.apply(tt.want); got != want {
					t.Fatalf("got:\n%s\nwant:\n%s", got, want)
				}
			})
		}
	}
}

func TestSetExtraRefusals(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"known field", "title: x\n", "known field"},
		{"not a mapping", "- a\n", "not a YAML mapping"},
		{"bad yaml", "a: 1\nb: [\n", "line 2"},
		{"duplicate", "a: 1\na: 2\n", `line 2: extra fields: duplicate key "a"`},
		{"alias of an unknown anchor", "a: 1\nb: *x\n", "unknown anchor"},
		{"indented", "  a: 1\n", "beginning of the line"},
		{"document marker", "a: 1\n---\nb: 2\n", "extra fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := Parse([]byte(extraSrc))
			err := d.SetExtra(tt.text)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("SetExtra = %v, want an error with %q", err, tt.want)
			}
			if string(d.Bytes()) != extraSrc {
				t.Error("a refused SetExtra changed the document")
			}
		})
	}
}

func TestParseValue(t *testing.T) {
	tests := []struct {
		path, text string
		want       any
		err        string
	}{
		{"quality", " 42 ", 42, ""},
		{"quality", "-1", -1, ""},
		{"quality", "4.5", nil, "whole number"},
		{"quality", "", nil, ""},
		{"heat", "lots", nil, "Heat must be a whole number"},
		{"published", "Yes", true, ""},
		{"published", "false", false, ""},
		{"published", "no", false, ""},
		{"published", "maybe", nil, "true or false"},
		{"publishedDateTime", " 2020-02-24T17:51:00Z ", "2020-02-24T17:51:00Z", ""},
		{"publishedDateTime", "2020-02-24T17:51:00+02:00", "2020-02-24T17:51:00+02:00", ""},
		{"publishedDateTime", "2020-02-24", nil, "RFC 3339"},
		{"webUrl", "https://example.com/x", "https://example.com/x", ""},
		{"ampWebUrl", "ftp://example.com/x", nil, "http or https"},
		{"cdnAmpWebUrl", "/relative", nil, "absolute"},
		{"topics", " AI, Machine Learning ,,Space, ", []string{"AI", "Machine Learning", "Space"}, ""},
		{"topics", "", nil, ""},
		{"title", "  A title ", "  A title ", ""},
		{"title", "   ", nil, "must not be empty"},
		{"excerpt", "", "", ""},
		{"category", "news", "news", ""},
		{"provider.name", "X", "X", ""},
		{"secured", "x", nil, "read-only"},
		{"related", "x", nil, "edit its fields"},
		{"related.0.quality", "7", 7, ""},
		{"related.2.quality", "x", nil, "Related 2 Quality must be a whole number"},
		{"related.0.title", "", nil, "must not be empty"},
		{"related.0.webUrl", "https://r.example/", "https://r.example/", ""},
		{"related.0.provider.domain", "d.example", "d.example", ""},
		{"related.0.publishedDateTime", "yesterday", nil, "RFC 3339"},
		{"related.0.images.1.width", "640", 640, ""},
		{"related.0.images.1.url", "nope", nil, "URL"},
		{"unknown", "x", nil, "not a known field"},
		{"related.x.title", "x", nil, "not a known field"},
	}
	for _, tt := range tests {
		t.Run(tt.path+"="+tt.text, func(t *testing.T) {
			got, err := ParseValue(tt.path, tt.text)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ParseValue = %v, %v; want error with %q", got, err, tt.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ParseValue = %#v, %v; want %#v", got, err, tt.want)
			}
		})
	}
	if _, err := ParseValue("secured", "x"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("secured: %v, want ErrReadOnly", err)
	}
}

// TestParseValueFeedsSet checks that every value ParseValue returns for a
// known field is accepted by Set and reads back.
func TestParseValueFeedsSet(t *testing.T) {
	inputs := map[string]string{
		"category": "blog", "title": "New", "excerpt": "E", "publishedDateTime": "2021-01-01T00:00:00Z",
		"webUrl": "https://w.example/", "ampWebUrl": "https://a.example/", "cdnAmpWebUrl": "https://c.example/",
		"type": "video", "quality": "3", "heat": "4", "published": "yes", "provider.name": "P",
		"provider.domain": "p.example", "topics": "A, B",
	}
	for _, f := range Fields {
		text, ok := inputs[f.Path]
		if !ok {
			continue
		}
		d, _ := Parse([]byte(seedLike))
		v, err := ParseValue(f.Path, text)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		if err := d.Set(f.Path, v); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		rm, add := changedLines([]byte(seedLike), d.Bytes())
		if f.Kind != KindStringList && (len(rm) > 1 || len(add) != 1) {
			t.Errorf("%s: changed lines\n%s", f.Path, lineDiff([]byte(seedLike), d.Bytes()))
		}
	}
}
