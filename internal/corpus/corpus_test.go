package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestArticleIsDeterministic(t *testing.T) {
	a, b := New(5), New(5)
	for n := range 50 {
		na, ta := Article(a, n)
		nb, tb := Article(b, n)
		if na != nb || !bytes.Equal(ta, tb) {
			t.Fatalf("article %d differs between runs with the same seed", n)
		}
	}
	_, x := Article(New(1), 0)
	_, y := Article(New(2), 0)
	if bytes.Equal(x, y) {
		t.Error("different seeds gave the same article")
	}
}

var nameRE = regexp.MustCompile(`^\d{3}/\d{3}_[0-9a-f]{16}\.txt$`)

func TestArticleShape(t *testing.T) {
	rng := New(1)
	bodies, related, amp := 0, 0, 0
	const count = 1000
	for n := range count {
		name, text := Article(rng, n)
		if !nameRE.MatchString(name) || !strings.HasPrefix(name, "000/") && n < 1000 {
			t.Fatalf("bad name %q", name)
		}
		s := string(text)
		for _, want := range []string{"---\ncategory: ", "\ntitle: \"", "\nexcerpt: \"", "\npublishedDateTime: 20",
			"\nwebUrl: \"https://", "\ntype: ", "\nquality: ", "\nheat: ", "\npublished: ",
			"\n\nprovider:\n  name: ", "\n  domain: ", "\n\ntopics:\n  - ", "\n\nsecured: \""} {
			if !strings.Contains(s, want) {
				t.Fatalf("article %d lacks %q:\n%s", n, want, s)
			}
		}
		head, body, ok := strings.Cut(s, "\"\n---\n\n")
		if !ok || strings.Contains(head[4:], "\n---\n") {
			t.Fatalf("article %d: front matter not closed as expected", n)
		}
		if body != "" {
			bodies++
			if !strings.HasSuffix(body, ".\n") {
				t.Fatalf("article %d: body %q", n, body)
			}
		}
		if strings.Contains(s, "\nrelated:\n  - title: \"") {
			related++
		}
		if strings.Contains(s, "\nampWebUrl: ") {
			amp++
		}
	}
	if bodies < count/5 || bodies > count*2/5 {
		t.Errorf("%d of %d articles have a body, want about 30%%", bodies, count)
	}
	if related < count/2 || amp < count*7/10 {
		t.Errorf("related in %d, AMP URLs in %d of %d", related, amp, count)
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 1003, 9); err != nil {
		t.Fatal(err)
	}
	rng := New(9)
	for n := range 1003 {
		name, text := Article(rng, n)
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, text) {
			t.Fatalf("%s differs from Article", name)
		}
	}
	sub, _ := os.ReadDir(filepath.Join(dir, "001"))
	if len(sub) != 3 {
		t.Errorf("001/ holds %d files, want 3", len(sub))
	}
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(file, "nested"), 1, 1); err == nil {
		t.Error("Write into a path under a file succeeded")
	}
}

func BenchmarkArticle(b *testing.B) {
	rng := New(1)
	for i := 0; b.Loop(); i++ {
		Article(rng, i)
	}
}
