package storage

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A sync re-indexes a changed file's child rows only when they differ, and
// whatever changed (the body only, a topic, the topics' order, an image,
// a related article) the index is what the text gives, as Check verifies.
func TestSyncRewritesOnlyChangedChildRows(t *testing.T) {
	base := seed{title: "Alpha", topics: []string{"AI", "Health"}, body: "First body.\n",
		extra: imagesExtra("https://img.example/one.png", "https://img.example/two.png")}
	a, dir, _ := linkTest(t, map[string]string{"a.txt": base.text()})
	p := filepath.Join(dir, "a.txt")
	tests := []struct {
		name   string
		change func(s seed) seed
		topics int
	}{
		{"body only", func(s seed) seed { s.body = "Second body.\n"; return s }, 2},
		{"a topic renamed", func(s seed) seed { s.topics = []string{"AI", "Space"}; return s }, 2},
		{"topics reordered", func(s seed) seed { s.topics = []string{"Space", "AI"}; return s }, 2},
		{"a topic added", func(s seed) seed { s.topics = []string{"Space", "AI", "Math"}; return s }, 3},
		{"an image changed", func(s seed) seed {
			s.extra = imagesExtra("https://img.example/one.png", "https://img.example/3.png")
			return s
		}, 3},
		{"images gone", func(s seed) seed { s.extra = ""; return s }, 3},
		{"topics gone", func(s seed) seed { s.topics = nil; return s }, 0},
	}
	s := base
	for i, tt := range tests {
		s = tt.change(s)
		if err := os.WriteFile(p, []byte(s.text()), 0o644); err != nil {
			t.Fatal(err)
		}
		when := time.Now().Add(time.Duration(i-60) * time.Second)
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
		res, err := a.Sync(ctx)
		if err != nil || res.Changed != 1 {
			t.Fatalf("%s: sync %s, %v; want 1 changed", tt.name, res.Summary(), err)
		}
		if r := mustCheck(t, a); !r.OK() {
			t.Errorf("%s: the index does not match the file: %q", tt.name, r.Problems)
		}
		var n int
		if err := a.db.QueryRow(`SELECT count(*) FROM article_topic`).Scan(&n); err != nil || n != tt.topics {
			t.Errorf("%s: %d topic rows, %v; want %d", tt.name, n, err, tt.topics)
		}
	}
}
