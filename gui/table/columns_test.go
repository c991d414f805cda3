package table

import (
	"database/sql"
	"slices"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/storage"
)

func TestColumnsShowARowsValues(t *testing.T) {
	at := "2024-03-05T14:07:00Z"
	local, _ := time.Parse(time.RFC3339, at)
	r := &storage.Row{
		Title: "A title", Excerpt: "two\nlines  of\r\ntext", PublishedAt: at,
		Quality: sql.NullInt64{Int64: 77, Valid: true}, Published: sql.NullBool{Valid: true},
		Topics: []string{"AI", "Science"}, ImageCount: 3, RelatedCount: 2, File: "a/b.md",
	}
	cols := ColumnsByKey(AllColumns())
	for _, tc := range []struct{ key, want string }{
		{"title", "A title"},
		{"excerpt", "two lines of text"},
		{"publishedDateTime", local.Local().Format("2006-01-02")}, // the day; the editor shows the time
		{"quality", "77"},
		{"heat", ""}, // not set
		{"published", "No"},
		{"topics", "AI, Science"},
		{"images", "3"},
		{"related", "2"},
		{"file", "a/b.md"},
	} {
		c, ok := cols[tc.key]
		if !ok {
			t.Errorf("no column %s", tc.key)
			continue
		}
		if got := c.Value(r); got != tc.want {
			t.Errorf("%s shows %q, want %q", tc.key, got, tc.want)
		}
	}
	r.Published.Bool, r.PublishedAt = true, "not a time"
	if got := cols["published"].Value(r); got != "Yes" {
		t.Errorf("published shows %q, want Yes", got)
	}
	if got := cols["publishedDateTime"].Value(r); got != "not a time" {
		t.Errorf("an unparsed time shows %q, want it as stored", got)
	}
}

// Every default column exists, the edited ones are those with an editor,
// and every column sorts by a name storage accepts.
func TestColumnsSortAndEdit(t *testing.T) {
	cols := ColumnsByKey(AllColumns())
	for _, k := range DefaultColumns {
		if _, ok := cols[k]; !ok {
			t.Errorf("default column %s is not offered", k)
		}
	}
	for k, want := range map[string]EditKind{"title": EditText, "quality": EditText, "published": EditBool, "topics": EditNone, "file": EditNone} {
		if got := cols[k].Edit; got != want {
			t.Errorf("%s edits as %v, want %v", k, got, want)
		}
	}
	// The AMP URLs are kept only in the text, so storage does not sort by
	// them (storage.Sortable); every other column sorts.
	unsortable := []string{"ampWebUrl", "cdnAmpWebUrl"}
	names := storage.SortFields()
	for k := range cols {
		name := SortName(k)
		if got, want := slices.Contains(names, name), !slices.Contains(unsortable, k); got != want {
			t.Errorf("column %s: storage sorts by %q: %v, want %v", k, name, got, want)
		}
		if SortKey(name) != k {
			t.Errorf("SortKey(SortName(%q)) = %q", k, SortKey(name))
		}
	}
}
