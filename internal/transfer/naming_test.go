package transfer

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseNameTemplate(t *testing.T) {
	bad := []string{"", "{nope}", "{slug", "a}b", "{id:x}"}
	for _, s := range bad {
		if _, err := ParseNameTemplate(s); err == nil {
			t.Errorf("ParseNameTemplate(%q): no error", s)
		}
	}
	tm, err := ParseNameTemplate("{{lit}}-{date:2006}/{slug}")
	if err != nil {
		t.Fatal(err)
	}
	f := nameFields{Title: "Hello, World", PublishedAt: "2021-03-04T05:06:07Z"}
	if got := tm.render(0, &f); got != "{lit}-2021/hello-world" {
		t.Errorf("render = %q", got)
	}
	f.PublishedAt = ""
	if got := tm.render(0, &f); got != "{lit}-undated/hello-world" {
		t.Errorf("render undated = %q", got)
	}
}

func TestSanitizePath(t *testing.T) {
	tests := map[string]string{
		"a/b.txt":                         "a/b.txt",
		"../../x.txt":                     "_/_/x.txt",
		"/abs/x.txt":                      "abs/x.txt",
		`c:\win\x.txt`:                    "c_/win/x.txt",
		"a//./b.txt":                      "a/b.txt",
		"con.txt":                         "_con.txt",
		"LPT1":                            "_LPT1",
		"what?<>|*.txt":                   "what_____.txt",
		"trailing. ":                      "trailing",
		"":                                "_",
		"ctl\x01.txt":                     "ctl_.txt",
		strings.Repeat("é", 150) + ".txt": strings.Repeat("é", 98) + ".txt",
	}
	for in, want := range tests {
		if got := SanitizePath(in); got != want {
			t.Errorf("SanitizePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Deep learning: a survey!":  "deep-learning-a-survey",
		"  --  ":                    "untitled",
		"Ünïcode Ñame 2":            "ünïcode-ñame-2",
		strings.Repeat("word ", 40): strings.TrimSuffix(strings.Repeat("word-", 16), "-"),
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamerCollisions(t *testing.T) {
	n := newNamer(manifestName)
	var got []string
	for _, name := range []string{"a.txt", "A.txt", "a.txt", "manifest.json", "dir/x", "dir", "noext", "noext",
		"news", "news/a", "News/b", "news/a", "news-2", "a.txt/inside", "x/news/c"} {
		got = append(got, n.unique(name))
	}
	want := []string{"a.txt", "A-2.txt", "a-3.txt", "manifest-2.json", "dir/x", "dir-2", "noext", "noext-2",
		// A folder whose name a file took moves to "-2", with all it holds.
		"news", "news-2/a", "news-2/b", "news-2/a-2", "news-2-2", "a.txt-2/inside", "x/news/c"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestRenderNoDotElements checks that no placeholder value makes a "." or
// ".." path element, which would fold a file into its folder.
func TestRenderNoDotElements(t *testing.T) {
	tests := []struct {
		tmpl string
		f    nameFields
		want string
	}{
		{"{category}/{title}", nameFields{Category: "news", Title: "."}, "news/_"},
		{"{category}/{title}", nameFields{Category: "news", Title: ".."}, "news/_"},
		{"{category}/{title}.txt", nameFields{Category: ".", Title: "x"}, "_/x.txt"},
		{"{provider.domain}/{type}/{slug}", nameFields{ProviderDomain: "..", Type: ".", Title: "..."}, "_/_/untitled"},
		{"{provider.name}/{title}", nameFields{ProviderName: " ", Title: ""}, "unknown/untitled"},
		{"{name}/{id}", nameFields{ID: 7, File: "sub/.txt"}, "sub/.txt/7"},
	}
	for _, tt := range tests {
		tm, err := ParseNameTemplate(tt.tmpl)
		if err != nil {
			t.Fatal(err)
		}
		if got := tm.render(0, &tt.f); got != tt.want {
			t.Errorf("%s with %+v = %q, want %q", tt.tmpl, tt.f, got, tt.want)
		}
	}
}
