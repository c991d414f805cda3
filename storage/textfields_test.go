package storage

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"time"
)

// textFieldTexts are articles with and without the fields read from the
// text, in an order no sort of them gives.
var textFieldTexts = []string{
	"---\ntitle: \"B\"\nexcerpt: \"beta excerpt\"\nampWebUrl: \"https://b.example/a.amp\"\ncdnAmpWebUrl: \"https://cdn.example/b\"\n---\n",
	"---\ntitle: \"None\"\n---\nBody.\n",
	"---\ntitle: \"A\"\nexcerpt: \"Alpha excerpt\"\nampWebUrl: \"https://c.example/a.amp\"\ncdnAmpWebUrl: \"https://cdn.example/a\"\n---\n",
	"---\ntitle: \"Empty\"\nexcerpt: \"\"\n---\n",
	"---\ntitle: \"C\"\nexcerpt: \"charlie\"\nampWebUrl: \"https://a.example/a.amp\"\n---\n",
}

func insertTexts(t *testing.T, a *Archive, texts []string) []int64 {
	t.Helper()
	var ids []int64
	for i, text := range texts {
		id, err := a.Insert(ctx, string(rune('a'+i))+".txt", parse(t, text))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// textFieldsOf is a row's excerpt and AMP URLs.
func textFieldsOf(r Row) [3]string { return [3]string{r.Excerpt, r.AmpWebURL, r.CdnAmpWebURL} }

// TestRowTextFieldsComeFromTheText: List, Row and RowsByID give the
// excerpt and the AMP URLs of the article's current text (the edited one
// once edited); NoTextFields and RowsByIDNoText leave them empty.
func TestRowTextFieldsComeFromTheText(t *testing.T) {
	a := openTest(t)
	ids := insertTexts(t, a, textFieldTexts)
	want := map[int64][3]string{
		ids[0]: {"beta excerpt", "https://b.example/a.amp", "https://cdn.example/b"},
		ids[1]: {},
		ids[2]: {"Alpha excerpt", "https://c.example/a.amp", "https://cdn.example/a"},
		ids[3]: {},
		ids[4]: {"charlie", "https://a.example/a.amp", ""},
	}
	if err := a.Update(ctx, ids[1], parse(t, "---\ntitle: \"None\"\nexcerpt: \"now edited\"\n---\nBody.\n")); err != nil {
		t.Fatal(err)
	}
	want[ids[1]] = [3]string{"now edited", "", ""}
	check := func(name string, rows []Row) {
		t.Helper()
		if len(rows) != len(want) {
			t.Fatalf("%s: %d rows, want %d", name, len(rows), len(want))
		}
		for _, r := range rows {
			if got := textFieldsOf(r); got != want[r.ID] {
				t.Errorf("%s: article %d: %q, want %q", name, r.ID, got, want[r.ID])
			}
		}
	}
	rows, err := a.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	check("List", rows)
	if rows, err = a.RowsByID(ctx, ids); err != nil {
		t.Fatal(err)
	}
	check("RowsByID", rows)
	rows = rows[:0]
	for _, id := range ids {
		r, err := a.Row(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	check("Row", rows)
	err = a.Each(ctx, ListOptions{NoTextFields: true}, func(r Row) error {
		if got := textFieldsOf(r); got != [3]string{} {
			t.Errorf("NoTextFields: article %d: %q, want none", r.ID, got)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rows, err = a.RowsByIDNoText(ctx, ids); err != nil || len(rows) != len(ids) {
		t.Fatalf("RowsByIDNoText: %d rows, %v", len(rows), err)
	}
	for _, r := range rows {
		if got := textFieldsOf(r); got != [3]string{} {
			t.Errorf("RowsByIDNoText: article %d: %q, want none", r.ID, got)
		}
	}
}

// TestSortByTextFields: a sort by the excerpt orders by the text's value
// ignoring case, missing values last both ways, ties by id; the AMP URLs,
// kept only in the text, are refused as sorts.
func TestSortByTextFields(t *testing.T) {
	a := openTest(t)
	ids := insertTexts(t, a, textFieldTexts)
	tests := []struct {
		sort string
		want []int64
	}{
		{"excerpt", []int64{ids[3], ids[2], ids[0], ids[4], ids[1]}},
		{"-excerpt", []int64{ids[4], ids[0], ids[2], ids[3], ids[1]}},
	}
	for _, sort := range []string{"ampWebUrl", "-cdnAmpWebUrl"} {
		if Sortable(sort) {
			t.Errorf("Sortable(%q) = true", sort)
		}
		if _, err := a.IDs(ctx, ListOptions{Sort: sort}); err == nil {
			t.Errorf("sort %s: no error", sort)
		}
	}
	for _, sort := range []string{"", "excerpt", "-topics", "+title"} {
		if !Sortable(sort) {
			t.Errorf("Sortable(%q) = false", sort)
		}
	}
	for _, tt := range tests {
		for _, reverse := range []bool{false, true} {
			got, err := a.IDs(ctx, ListOptions{Sort: tt.sort, Reverse: reverse})
			if err != nil {
				t.Fatalf("%s: %v", tt.sort, err)
			}
			want := append([]int64(nil), tt.want...)
			if reverse {
				for i, j := 0, len(want)-1; i < j; i, j = i+1, j-1 {
					want[i], want[j] = want[j], want[i]
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("sort %s (reverse %v): %v, want %v", tt.sort, reverse, got, want)
			}
		}
	}
}

// schema12Columns gives a's article table the columns of schema 12: those
// migration 13 drops, filled as schema 12 filled them, and not the one it
// adds.
func schema12Columns(t *testing.T, a *Archive) {
	t.Helper()
	if _, err := a.wdb.Exec(`DROP INDEX article_excerpt_key; ALTER TABLE article DROP COLUMN excerpt_key;
		UPDATE article SET sha256 = lower(hex(sha256)), content_key = lower(hex(content_key))`); err != nil {
		t.Fatal(err)
	}
	for _, col := range textFieldColumns {
		if _, err := a.wdb.Exec("ALTER TABLE article ADD COLUMN " + col + " TEXT"); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := a.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		var stored []byte
		if err := a.db.QueryRow(`SELECT coalesce(current, original) FROM article_text WHERE article_id = ?`, r.ID).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		v, ok := storedTextFields(stored)
		if !ok {
			t.Fatalf("article %d: stored text unreadable", r.ID)
		}
		if _, err := a.wdb.Exec(`UPDATE article SET excerpt = ?, amp_web_url = ?, cdn_amp_web_url = ? WHERE id = ?`,
			v[0], v[1], v[2], r.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// childCounts counts the rows of article_text, article_topic,
// article_image and set_member.
func childCounts(t *testing.T, a *Archive) (n [4]int) {
	t.Helper()
	for i, table := range []string{"article_text", "article_topic", "article_image", "set_member"} {
		if err := a.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n[i]); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// mustOrder is orderBy of sort.
func mustOrder(t *testing.T, sort string) string {
	t.Helper()
	order, err := orderBy(sort, false)
	if err != nil {
		t.Fatal(err)
	}
	return order
}

// hasWord reports whether the space-separated list holds word.
func hasWord(list, word string) bool { return strings.Contains(" "+list+" ", " "+word+" ") }

// articleColumns lists the article table's columns.
func articleColumns(t *testing.T, a *Archive) string {
	t.Helper()
	var cols string
	if err := a.db.QueryRow(`SELECT group_concat(name, ' ') FROM pragma_table_info('article')`).Scan(&cols); err != nil {
		t.Fatal(err)
	}
	return cols
}

// TestMigration13DropsTextFieldColumns: an archive of schema 12 loses the
// excerpt and AMP URL columns when opened, its file the freed pages, and
// keeps its rows, sorts and Check; a migration that fails leaves the
// archive at schema 12 with its columns (one transaction).
func TestMigration13DropsTextFieldColumns(t *testing.T) {
	for _, fail := range []bool{false, true} {
		path := t.TempDir() + "/archive.db"
		a, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		insertTexts(t, a, textFieldTexts)
		insert(t, a, seed{title: "Filler", topics: []string{"AI", "Health"}, body: strings.Repeat("Words of a body. ", 2000),
			extra: "images:\n  - url: \"https://example.com/i.jpg\"\n"})
		if _, err := a.wdb.Exec(`INSERT INTO article_set (name, created_at) VALUES ('s', '2024-01-01T00:00:00Z');
			INSERT INTO set_member (set_id, article_id, added_at) SELECT 1, id, '2024-01-01T00:00:00Z' FROM article`); err != nil {
			t.Fatal(err)
		}
		children := childCounts(t, a)
		before, err := a.List(ctx, ListOptions{Sort: "excerpt"})
		if err != nil {
			t.Fatal(err)
		}
		schema12Columns(t, a)
		if fail {
			// A view naming a dropped column makes DROP COLUMN fail.
			if _, err := a.wdb.Exec(`CREATE VIEW uses_excerpt AS SELECT id FROM article WHERE amp_web_url IS NULL`); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := a.wdb.Exec(`PRAGMA user_version = 12`); err != nil {
			t.Fatal(err)
		}
		a.Close()
		a, err = Open(path)
		if fail {
			if err == nil {
				a.Close()
				t.Fatal("opened with a migration that cannot run")
			}
			db, err := sql.Open("sqlite", plainDSN(path, "ro", time.Second))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var version int
			var cols string
			if err := db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
				t.Fatal(err)
			}
			if err := db.QueryRow(`SELECT group_concat(name, ' ') FROM pragma_table_info('article')`).Scan(&cols); err != nil {
				t.Fatal(err)
			}
			if version != 12 || !hasWord(cols, "excerpt") || !hasWord(cols, "cdn_amp_web_url") || hasWord(cols, "excerpt_key") {
				t.Errorf("after a failed migration: schema %d, columns %s; want 12 with the dropped ones", version, cols)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if cols := articleColumns(t, a); hasWord(cols, "excerpt") || hasWord(cols, "amp_web_url") ||
			hasWord(cols, "cdn_amp_web_url") || !hasWord(cols, "excerpt_key") {
			t.Errorf("columns after migration 13: %s", cols)
		}
		var hashes int
		if err := a.db.QueryRow(`SELECT count(*) FROM article WHERE typeof(sha256) = 'blob' AND length(sha256) = 32
			AND typeof(content_key) = 'blob' AND length(content_key) = 32`).Scan(&hashes); err != nil || hashes != len(before) {
			t.Errorf("%d of %d articles hold their hashes as 32 bytes after migration 13 (%v)", hashes, len(before), err)
		}
		var free, fk int
		if err := a.db.QueryRow(`PRAGMA freelist_count`).Scan(&free); err != nil || free != 0 {
			t.Errorf("%d free pages after migration 13 (%v), want 0", free, err)
		}
		if err := a.wdb.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Errorf("foreign_keys = %d (%v) after migration 13, want 1", fk, err)
		}
		if got := childCounts(t, a); got != children || children[1] == 0 || children[2] == 0 || children[3] == 0 {
			t.Errorf("child rows after migration 13: %v, before %v", got, children)
		}
		if plan := explain(t, a.db, "SELECT id FROM article a"+mustOrder(t, "excerpt")+" LIMIT 10", nil); !strings.Contains(plan, "article_excerpt_key") {
			t.Errorf("a sort by excerpt does not read article_excerpt_key:\n%s", plan)
		}
		after, err := a.List(ctx, ListOptions{Sort: "excerpt"})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(after, before) {
			t.Errorf("rows after migration 13:\n%+v\nwant\n%+v", after, before)
		}
		mustCheckOK(t, a)
		a.Close()
	}
}

// TestScanTextFieldsAgreesWithParse: whenever scanTextFields reads a text,
// it gives what the parser gives (on the benchmarks' corpus, when present,
// and on texts written otherwise), and it declines the texts it cannot
// read exactly.
func TestScanTextFieldsAgreesWithParse(t *testing.T) {
	texts := []struct {
		text string
		scan bool // scanTextFields reads it
	}{
		{textFieldTexts[0], true},
		{textFieldTexts[1], true},
		{"---\ntitle: x\n---\n", true},
		{"---\nexcerpt: \"a: b # c\"\nampWebUrl: \"\"\n---\nexcerpt: \"body\"\n", true},
		{"---\nexcerpt: plain words\n---\n", false},
		{"---\nexcerpt: 'single'\n---\n", false},
		{"---\nexcerpt: \"with \\\"escapes\\\"\"\n---\n", false},
		{"---\nexcerpt: \"two\n  lines\"\n---\n", false},
		{"---\nexcerpt: \"x\" # note\n---\n", false},
		{"---\nexcerpt: |\n  block\n---\n", false},
		{"---\nexcerpt: *a\n---\n", false},
		{"---\ntitle: \"open\nexcerpt: \"fake\"\n  \"\n---\n", false},
		{"---\ntags: [a,\nexcerpt: \"fake\"]\n---\n", false},
		{"---\n\"excerpt\": \"quoted key\"\n---\n", false},
		{"---\r\nexcerpt: \"crlf\"\r\n---\r\n", false},
		{"\ufeff---\nexcerpt: \"bom\"\n---\n", false},
		{"---\nexcerpt: \"once\"\nexcerpt: \"twice\"\n---\n", false},
		{"---\nexcerpt: \"no end\"\n", false},
		{"---\ntopics:\n- \"a\"\n---\n", false},
		{"---\ntopics:\n- a\nexcerpt: \"after a list\"\n\n# comment\nrelated:\n  - excerpt: \"nested\"\n---\n", true},
		{"No front matter.\n", false},
	}
	check := func(name string, text []byte, wantScan bool, checkScan bool) {
		t.Helper()
		got, ok := scanTextFields(text)
		if checkScan && ok != wantScan {
			t.Errorf("%s: scanned %v, want %v", name, ok, wantScan)
		}
		if !ok {
			return
		}
		doc, err := seedfile.Parse(text)
		if err != nil {
			t.Errorf("%s: scanned a text that does not parse: %v", name, err)
			return
		}
		if want := textFieldValues(doc); got != want {
			t.Errorf("%s: scanned %v, the parser gives %v", name, got, want)
		}
	}
	for _, tt := range texts {
		check(fmt.Sprintf("%q", tt.text), []byte(tt.text), tt.scan, true)
	}
	files, _ := filepath.Glob(filepath.Join(os.TempDir(), "seedarchive-bench", "c5k", "00[0-4]", "*.txt"))
	scanned := 0
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		check(f, text, false, false)
		if _, ok := scanTextFields(text); ok {
			scanned++
		}
	}
	if len(files) > 0 && scanned < len(files)*9/10 {
		t.Errorf("scanned %d of the corpus's %d texts, want nearly all", scanned, len(files))
	}
}

// TestExcerptSortBeyondTheKey: excerpts that share their first
// excerptKeyLen characters (ASCII or not) or differ in case only sort by
// the whole excerpt, ignoring ASCII case, both ways.
func TestExcerptSortBeyondTheKey(t *testing.T) {
	a := openTest(t)
	p := strings.Repeat("Ab", excerptKeyLen/2) // excerptKeyLen characters
	excerpts := []string{
		p + "Zeta",
		strings.ToLower(p) + "alpha",
		p,
		p + "Alpha",
		"Ü" + p[1:] + "b",
		"ü" + p[1:] + "a",
		p[:len(p)-1], // a key shorter than excerptKeyLen
		p + "beta",
	}
	var texts []string
	for _, e := range excerpts {
		texts = append(texts, fmt.Sprintf("---\nexcerpt: %q\n---\n", e))
	}
	ids := insertTexts(t, a, texts)
	order := make([]int, len(excerpts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		x, y := foldASCIICase(excerpts[order[i]]), foldASCIICase(excerpts[order[j]])
		return x < y || x == y && ids[order[i]] < ids[order[j]]
	})
	var want []int64
	for _, i := range order {
		want = append(want, ids[i])
	}
	got, err := a.IDs(ctx, ListOptions{Sort: "excerpt"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sort excerpt: %v, want %v", got, want)
	}
	if got, err = a.IDs(ctx, ListOptions{Sort: "-excerpt"}); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sort -excerpt: %v, want %v", got, want)
	}
}
