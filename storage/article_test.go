package storage

import (
	"bytes"
	"database/sql"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

func TestInsertGetRoundTrip(t *testing.T) {
	a := openTest(t)
	texts := map[string]string{
		"plain":        seed{title: "Plain", topics: []string{"AI"}, body: "Body text.\n"}.text(),
		"crlf and bom": "\ufeff---\r\ntitle: \"Windows\"\r\n# a comment\r\nunknownField: {a: 1}\r\n---\r\n",
		"odd quoting":  "---\ntitle: 'single ''quoted'''\nexcerpt: >-\n  folded\n  text\nextra:\n  - 1\n  - two\n---\n\n# Heading\n\nno final newline",
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			id, err := a.Insert(ctx, name+".txt", parse(t, text))
			if err != nil {
				t.Fatal(err)
			}
			rec, err := a.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if rec.ID != id || rec.File != name+".txt" {
				t.Errorf("record id/file = %d %q", rec.ID, rec.File)
			}
			if !bytes.Equal(rec.Original, []byte(text)) || !bytes.Equal(rec.Doc.Bytes(), []byte(text)) {
				t.Errorf("round trip changed the bytes:\n%q\n%q", rec.Original, rec.Doc.Bytes())
			}
			if rec.Edited() {
				t.Error("a fresh import reads as edited")
			}
			if rec.ImportedAt.IsZero() || !rec.ImportedAt.Equal(rec.UpdatedAt) {
				t.Errorf("timestamps %v %v", rec.ImportedAt, rec.UpdatedAt)
			}
			var got []byte
			err = a.EachText(ctx, ListOptions{}, func(i int64, _ string, text []byte) error {
				if i == id {
					got = text
				}
				return nil
			})
			if err != nil || !bytes.Equal(got, []byte(text)) {
				t.Errorf("EachText = %q, %v", got, err)
			}
		})
	}
	if _, err := a.Get(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(999) err = %v, want ErrNotFound", err)
	}
}

// column reads one article column as SQL returns it.
func column(t *testing.T, a *Archive, id int64, col string) any {
	t.Helper()
	var v any
	if err := a.db.QueryRow("SELECT "+col+" FROM article WHERE id = ?", id).Scan(&v); err != nil {
		t.Fatal(err)
	}
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return v
}

func TestIndexedColumns(t *testing.T) {
	a := openTest(t)
	full := `---
category: news
title: "Full"
excerpt: "An excerpt"
publishedDateTime: 2020-02-24T19:51:00+02:00
webUrl: "https://example.com/full"
type: article
quality: 39
heat: 7
published: true

provider:
  name: Medical Xpress
  domain: medicalxpress.com

topics:
  - AI
  - Machine Learning
  - ai

related:
  - title: "Rel"
    publishedDateTime: 2020-02-26T12:16:00Z
    provider:
      name: Mirage
    quality: 12
    images:
      - url: "https://img.example.com/a.jpg"
        width: 400
        height: 452
      - url: "https://img.example.com/b.jpg"
  - title: "Second"
---

Some body.
`
	bare := "---\ntitle: \"Bare\"\npublishedDateTime: yesterday\n---\n"
	ids := []int64{}
	for _, text := range []string{full, bare} {
		id, err := a.Insert(ctx, "x.txt", parse(t, text))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	tests := []struct {
		id   int64
		col  string
		want any
	}{
		{ids[0], "category", "news"},
		{ids[0], "published_at", "2020-02-24T17:51:00Z"},
		{ids[0], "quality", int64(39)},
		{ids[0], "heat", int64(7)},
		{ids[0], "published", int64(1)},
		{ids[0], "provider_name", "Medical Xpress"},
		{ids[0], "provider_domain", "medicalxpress.com"},
		{ids[0], "topics", "AI\x1fMachine Learning\x1fai"},
		{ids[0], "image_count", int64(2)},
		{ids[0], "related_count", int64(2)},
		{ids[0], "has_body", int64(1)},
		{ids[0], "edited", int64(0)},
		{ids[1], "category", nil},
		{ids[1], "published_at", nil},
		{ids[1], "quality", nil},
		{ids[1], "published", nil},
		{ids[1], "provider_name", nil},
		{ids[1], "topics", ""},
		{ids[1], "has_body", int64(0)},
	}
	for _, tt := range tests {
		if got := column(t, a, tt.id, tt.col); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("article %d %s = %#v, want %#v", tt.id, tt.col, got, tt.want)
		}
	}
	// article_topic holds each name once (case-insensitively).
	var topics []string
	rows, err := a.db.Query("SELECT name FROM article_topic WHERE article_id = ? ORDER BY position", ids[0])
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		topics = append(topics, s)
	}
	rows.Close()
	if !reflect.DeepEqual(topics, []string{"AI", "Machine Learning"}) {
		t.Errorf("article_topic = %q", topics)
	}
	var url, source string
	var w, h sql.NullInt64
	err = a.db.QueryRow(`SELECT url, width, height, source FROM article_image WHERE article_id = ? AND position = 1`, ids[0]).
		Scan(&url, &w, &h, &source)
	if err != nil {
		t.Fatal(err)
	}
	if url != "https://img.example.com/b.jpg" || w.Valid || h.Valid || source != "related.0.images.1" {
		t.Errorf("image row = %q %v %v %q", url, w, h, source)
	}
	var n int
	if err := a.db.QueryRow(`SELECT count(*) FROM article_fts WHERE article_fts MATCH 'medicalxpress'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("full-text match on the provider domain: %d, %v", n, err)
	}
	if err := a.db.QueryRow(`SELECT count(*) FROM article_fts WHERE article_fts MATCH 'body'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("full-text match on the body: %d, %v", n, err)
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check: %q", r.Problems)
	}
}

func TestNormalizeTime(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2020-02-24T17:51:00Z", "2020-02-24T17:51:00Z"},
		{"2020-02-24T17:51:00.123Z", "2020-02-24T17:51:00Z"},
		{"2020-02-24T23:51:00+06:00", "2020-02-24T17:51:00Z"},
		{"2020-02-24 17:51:00", "2020-02-24T17:51:00Z"},
		{"2020-02-24T17:51:00", "2020-02-24T17:51:00Z"},
		{"2020-02-24", "2020-02-24T00:00:00Z"},
		{"", ""},
		{"Feb 24", ""},
		{"2020-13-01", ""},
	}
	for _, tt := range tests {
		got := normalizeTime(tt.in)
		if got.String != tt.want || got.Valid != (tt.want != "") {
			t.Errorf("normalizeTime(%q) = %v, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUpdate(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, seed{title: "Before", quality: "10", topics: []string{"AI"}})
	rec, err := a.Get(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	original := string(rec.Original)
	edited := strings.Replace(strings.Replace(original, `"Before"`, `"After"`, 1), "quality: 10", "quality: 90", 1)
	edited = strings.Replace(edited, "  - AI\n", "  - AI\n  - Space\n", 1)
	if err := a.Update(ctx, ids[0], parse(t, edited)); err != nil {
		t.Fatal(err)
	}
	rec, err = a.Get(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if string(rec.Original) != original || string(rec.Doc.Bytes()) != edited || !rec.Edited() {
		t.Errorf("after update: original %q, current %q, edited %v", rec.Original, rec.Doc.Bytes(), rec.Edited())
	}
	if !rec.UpdatedAt.After(rec.ImportedAt) && !rec.UpdatedAt.Equal(rec.ImportedAt) {
		t.Errorf("updated_at %v before imported_at %v", rec.UpdatedAt, rec.ImportedAt)
	}
	row, err := a.Row(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if row.Title != "After" || row.Quality.Int64 != 90 || !row.Edited || !reflect.DeepEqual(row.Topics, []string{"AI", "Space"}) {
		t.Errorf("row after update = %+v", row)
	}
	if column(t, a, ids[0], "lower(hex(content_key))") != ContentKey([]byte(edited)) {
		t.Error("content_key does not follow the edit")
	}
	if n, _ := a.Count(ctx, `"After"`); n != 1 {
		t.Errorf("full text finds the new title %d times", n)
	}
	if n, _ := a.Count(ctx, `"Before"`); n != 0 {
		t.Errorf("full text still finds the old title %d times", n)
	}
	// Editing back to the original clears the edit.
	if err := a.Update(ctx, ids[0], parse(t, original)); err != nil {
		t.Fatal(err)
	}
	var current []byte
	if err := a.db.QueryRow("SELECT current FROM article_text WHERE article_id = ?", ids[0]).Scan(&current); err != nil || current != nil {
		t.Errorf("current after reverting = %q, %v; want NULL", current, err)
	}
	if row, _ := a.Row(ctx, ids[0]); row.Edited || row.Title != "Before" {
		t.Errorf("row after reverting = %+v", row)
	}
	if err := a.Update(ctx, 999, parse(t, original)); !errors.Is(err, ErrNotFound) {
		t.Errorf("Update(999) err = %v, want ErrNotFound", err)
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check: %q", r.Problems)
	}
}

func TestUpdateManyIsAtomic(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, seed{title: "One"}, seed{title: "Two"})
	err := a.UpdateMany(ctx, map[int64]*seedfile.Document{
		ids[0]: parse(t, seed{title: "One edited"}.text()),
		ids[1]: parse(t, seed{title: "Two edited"}.text()),
		999:    parse(t, seed{title: "Nobody"}.text()),
	})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("UpdateMany with a missing id: err = %v", err)
	}
	for _, id := range ids {
		if row, _ := a.Row(ctx, id); row.Edited {
			t.Errorf("article %d was edited by a failed UpdateMany", id)
		}
	}
	err = a.UpdateMany(ctx, map[int64]*seedfile.Document{
		ids[0]: parse(t, seed{title: "One edited"}.text()),
		ids[1]: parse(t, seed{title: "Two edited"}.text()),
	})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := a.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Title != "One edited" || rows[1].Title != "Two edited" {
		t.Errorf("rows = %+v", rows)
	}
}

func TestDeleteRestore(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, seed{title: "Keep"}, seed{title: "Drop one", topics: []string{"AI"}}, seed{title: "Drop two"})
	if _, err := a.AddToSet(ctx, "Reading", ids[1:2]); err != nil {
		t.Fatal(err)
	}
	edited := parse(t, seed{title: "Drop two, edited"}.text())
	if err := a.Update(ctx, ids[2], edited); err != nil {
		t.Fatal(err)
	}
	before, err := a.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Delete(ctx, ids[1], 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Delete with a missing id: err = %v", err)
	}
	if n, _ := a.Count(ctx, ""); n != 3 {
		t.Fatalf("a failed Delete removed articles: %d left", n)
	}
	recs, err := a.Delete(ctx, ids[1], ids[2])
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].ID != ids[1] || !reflect.DeepEqual(recs[0].Sets, []string{"Reading"}) || !recs[1].Edited() {
		t.Fatalf("deleted records = %+v", recs)
	}
	// Undo keeps the texts, not parsed documents.
	if recs[0].Doc != nil || recs[1].Doc != nil || recs[0].Current != nil ||
		!bytes.Equal(recs[1].Text(), edited.Bytes()) || !bytes.Equal(recs[0].Text(), recs[0].Original) {
		t.Errorf("deleted records keep: doc %v %v, current %q, text %q", recs[0].Doc != nil, recs[1].Doc != nil, recs[0].Current, recs[1].Text())
	}
	if n, _ := a.Count(ctx, ""); n != 1 {
		t.Errorf("%d articles after Delete", n)
	}
	if n, _ := a.Count(ctx, "drop"); n != 0 {
		t.Errorf("full text still finds deleted articles: %d", n)
	}
	for _, table := range []string{"article_topic", "set_member", "article_text"} {
		var n int
		a.db.QueryRow("SELECT count(*) FROM "+table+" WHERE article_id <> ?", ids[0]).Scan(&n)
		if n != 0 {
			t.Errorf("%s keeps %d rows of deleted articles", table, n)
		}
	}
	if err := a.Restore(ctx, recs); err != nil {
		t.Fatal(err)
	}
	after, err := a.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("after restore:\n%+v\nwant\n%+v", after, before)
	}
	rec, err := a.Get(ctx, ids[2])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rec.Original, recs[1].Original) || !bytes.Equal(rec.Doc.Bytes(), edited.Bytes()) ||
		!rec.ImportedAt.Equal(recs[1].ImportedAt) || !rec.UpdatedAt.Equal(recs[1].UpdatedAt) {
		t.Errorf("restored record differs: %+v", rec)
	}
	if n, _ := a.Count(ctx, "set:Reading"); n != 1 {
		t.Errorf("set membership not restored: %d", n)
	}
	if err := a.Restore(ctx, recs[:1]); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("restoring over a live id: err = %v", err)
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check: %q", r.Problems)
	}
}
