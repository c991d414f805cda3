package storage

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// singleTopics are articles whose topics is one string where the list
// belongs, as real seed files have, next to a list and no topics.
var singleTopics = []seed{
	{title: "Quoted", extra: "topics: \"AI\"\n"},
	{title: "Plain", extra: "topics: Health\n"},
	{title: "Listed", topics: []string{"AI", "Space"}},
	{title: "None"},
}

// topicFacet renders the topic facet of query as "name=count ...".
func topicFacet(t *testing.T, a *Archive, query string) string {
	t.Helper()
	got, err := a.Facet(ctx, "topic", query, 0)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, fc := range got {
		parts = append(parts, fc.Value+"="+strconv.Itoa(fc.Count))
	}
	return strings.Join(parts, " ")
}

// checkSingleTopics checks that the one-string topics of singleTopics are
// found by topic: terms, the full text and the topic facet.
func checkSingleTopics(t *testing.T, a *Archive, ids []int64) {
	t.Helper()
	for _, tt := range []struct {
		query string
		want  []int64
	}{
		{"topic:AI", []int64{ids[0], ids[2]}},
		{"topic:health", []int64{ids[1]}},
		{"has:topics", []int64{ids[0], ids[1], ids[2]}},
		{"health", []int64{ids[1]}}, // the topic is in the full text
	} {
		got, err := a.IDs(ctx, ListOptions{Query: tt.query})
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s = %v, want %v", tt.query, got, tt.want)
		}
	}
	if got, want := topicFacet(t, a, ""), "AI=2 Health=1 Space=1"; got != want {
		t.Errorf("topic facet = %s, want %s", got, want)
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check: %q", r.Problems)
	}
}

// TestSingleStringTopic: topics: "AI" is the topic AI for searches, the
// facet and check, as it is for the editor and the list edits.
func TestSingleStringTopic(t *testing.T) {
	a := openTest(t)
	checkSingleTopics(t, a, insert(t, a, singleTopics...))
}

// TestMigrationRederivesSingleTopics: an archive an older version wrote,
// which stored no topics for topics: "AI", gets them when opened.
func TestMigrationRederivesSingleTopics(t *testing.T) {
	path := filepath.Join(t.TempDir(), "archive.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ids := insert(t, a, singleTopics...)
	var updated string
	if err := a.db.QueryRow(`SELECT updated_at FROM article WHERE id = ?`, ids[0]).Scan(&updated); err != nil {
		t.Fatal(err)
	}
	// What the older derivation stored: no topic rows, no topics in the
	// article row nor in the full text.
	for _, id := range ids[:2] {
		ix := derive(parse(t, singleTopics[id-ids[0]].text()))
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`UPDATE article SET topics = '' WHERE id = ?`, []any{id}},
			{`DELETE FROM article_topic WHERE article_id = ?`, []any{id}},
			{deleteFTSSQL, []any{id}},
			{insertFTSSQL, []any{id, ix.fts.title, ix.fts.excerpt, ix.fts.body, ix.fts.provider, ""}},
		} {
			if _, err := a.wdb.Exec(q.sql, q.args...); err != nil {
				t.Fatal(err)
			}
		}
	}
	if r := mustCheck(t, a); r.OK() {
		t.Fatal("Check passed with the topics of the older derivation")
	}
	if n, _ := a.Count(ctx, "health"); n != 0 {
		t.Fatalf("health matches %d articles in the older full text, want 0", n)
	}
	// 8: the versions before this migration, whatever they hold.
	if _, err := a.wdb.Exec(`DROP TABLE git_status; ALTER TABLE linked_folder DROP COLUMN git; PRAGMA user_version = 8`); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if a, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	checkSingleTopics(t, a, ids)
	var after string
	if err := a.db.QueryRow(`SELECT updated_at FROM article WHERE id = ?`, ids[0]).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != updated {
		t.Errorf("updated_at changed from %s to %s: re-deriving is no edit", updated, after)
	}
}
