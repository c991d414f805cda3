package storage

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		damage []string // SQL run on the write connection; ? is the second article's id
		want   []string // substrings of the expected problems, in order
	}{
		{name: "good archive"},
		{
			name:   "tampered original",
			damage: []string{`UPDATE article_text SET original = zt(CAST(replace(CAST(unzt(original) AS TEXT), 'quality: 40', 'quality: 41') AS BLOB)) WHERE article_id = ?`},
			want:   []string{"article 2 (seed01.txt): the original's SHA-256 does not match", "column quality is 40, the text gives 41"},
		},
		{
			name:   "missing full-text row",
			damage: []string{`DELETE FROM article_fts WHERE rowid = ?`},
			want:   []string{"article 2 (seed01.txt): no full-text row"},
		},
		{
			name:   "full-text row without an article",
			damage: []string{`INSERT INTO article_fts (rowid, title) VALUES (77, 'ghost')`},
			want:   []string{"full-text index: row 77 has no article"},
		},
		{
			name:   "column drift",
			damage: []string{`UPDATE article SET title = 'Other', published_at = NULL WHERE id = ?`},
			want:   []string{`column title is "Other", the text gives "Two"`, `column published_at is missing, the text gives "2020-01-02T00:00:00Z"`},
		},
		{
			name:   "child rows drift",
			damage: []string{`DELETE FROM article_topic WHERE article_id = ? AND position = 1`},
			want:   []string{`article 2 (seed01.txt): article_topic rows do not match the text`},
		},
		{
			name:   "edited text equal to the original",
			damage: []string{`UPDATE article_text SET current = original WHERE article_id = ?`},
			want:   []string{"the edited text equals the original", "edited is false but the article has an edited text"},
		},
		{
			name:   "edited text that does not parse",
			damage: []string{`UPDATE article_text SET current = zt(CAST('no front matter' AS BLOB)) WHERE article_id = ?`, `UPDATE article SET edited = 1 WHERE id = ?`},
			want:   []string{"article 2 (seed01.txt): the edited text does not parse"},
		},
		{
			name:   "damaged stored text",
			damage: []string{`UPDATE article_text SET original = CAST('---' || char(10) || 'title: Two' AS BLOB) WHERE article_id = ?`},
			want:   []string{"article 2 (seed01.txt): the original: stored text is damaged"},
		},
		{
			name:   "missing text",
			damage: []string{`PRAGMA foreign_keys = OFF`, `DELETE FROM article_text WHERE article_id = ?`},
			want:   []string{"article 2 (seed01.txt): no stored text"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := openTest(t)
			ids := insert(t, a,
				seed{title: "One", quality: "10", topics: []string{"AI"}},
				seed{title: "Two", quality: "40", published: "2020-01-02T00:00:00Z", topics: []string{"AI", "Space"}},
				seed{title: "Three"})
			for _, q := range tt.damage {
				args := []any{}
				if strings.Contains(q, "?") {
					args = append(args, ids[1])
				}
				if _, err := a.wdb.Exec(q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			r := mustCheck(t, a)
			if len(tt.want) == 0 && !r.OK() {
				t.Fatalf("problems on a good archive: %q", r.Problems)
			}
			text := strings.Join(r.Problems, "\n")
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("problems do not mention %q:\n%s", w, text)
				}
			}
			for _, p := range r.Problems {
				if strings.Contains(p, "article 1 ") || strings.Contains(p, "article 3 ") {
					t.Errorf("an intact article is reported: %s", p)
				}
			}
		})
	}
}

func TestCheckCorpus(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, 300, 11)
	if r := mustCheck(t, a); !r.OK() {
		t.Fatalf("problems on a generated archive: %q", r.Problems[:min(5, len(r.Problems))])
	}
}
