package storage

import (
	"bytes"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestTrashUntrash(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, seed{title: "Keep"}, seed{title: "Drop one", topics: []string{"AI"}}, seed{title: "Drop two"})
	img := insertImageSeed(t, a, "pictured", "AI", "http://h/only-this")
	if err := a.PutImages(ctx, []ImageEntry{cachedEntry(t, "http://h/only-this")}); err != nil {
		t.Fatal(err)
	}
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
	thumb, err := a.Image(ctx, "http://h/only-this")
	if err != nil {
		t.Fatal(err)
	}

	if _, _, err := a.Trash(ctx, ids[1], 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Trash with a missing id: err = %v", err)
	}
	if n, _ := a.Count(ctx, ""); n != 4 || a.trashRows(t) != 0 {
		t.Fatalf("a failed Trash changed the archive: %d articles, %d trashed", n, a.trashRows(t))
	}
	batch, n, err := a.Trash(ctx, ids[1], ids[2], img, ids[2])
	if err != nil || n != 3 {
		t.Fatalf("Trash: %d, %v", n, err)
	}
	if n, _ := a.Count(ctx, ""); n != 1 {
		t.Errorf("%d articles after Trash", n)
	}
	if n, _ := a.Count(ctx, "drop"); n != 0 {
		t.Errorf("full text still finds trashed articles: %d", n)
	}
	if _, err := a.Image(ctx, "http://h/only-this"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the trashed article's own image is still cached: %v", err)
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check with a batch in the trash: %+v", r)
	}

	if err := a.Untrash(ctx, batch); err != nil {
		t.Fatal(err)
	}
	after, err := a.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("after untrash:\n%+v\nwant\n%+v", after, before)
	}
	rec, err := a.Get(ctx, ids[2])
	if err != nil || !bytes.Equal(rec.Doc.Bytes(), edited.Bytes()) || !rec.Edited() {
		t.Errorf("untrashed edited article: %v, %q", err, rec.Doc.Bytes())
	}
	if n, _ := a.Count(ctx, "set:Reading"); n != 1 {
		t.Errorf("set membership not restored: %d", n)
	}
	if got, err := a.Image(ctx, "http://h/only-this"); err != nil || !bytes.Equal(got.Thumb, thumb.Thumb) || got.Status != ImageCached {
		t.Errorf("image after untrash: %v %v", got.Status, err)
	}
	if a.trashRows(t) != 0 {
		t.Errorf("the batch stayed in the trash")
	}
	if err := a.Untrash(ctx, batch); !errors.Is(err, ErrNotFound) {
		t.Errorf("untrash twice: %v", err)
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check after untrash: %+v", r)
	}
}

func TestTrashSurvivesReopenAndPurges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ids := insert(t, a, seed{title: "One"}, seed{title: "Two"}, seed{title: "Three"})
	first, _, err := a.Trash(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	second, _, err := a.Trash(ctx, ids[1])
	if err != nil || second == first {
		t.Fatalf("second batch %d (first %d): %v", second, first, err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if a, err = Open(path); err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.Untrash(ctx, first); err != nil {
		t.Fatalf("untrash after reopening: %v", err)
	}
	if err := a.PurgeOlder(ctx, time.Now().Add(-time.Hour)); err != nil || a.trashRows(t) != 1 {
		t.Fatalf("PurgeOlder of an hour ago took a fresh batch: %v", err)
	}
	if err := a.Purge(ctx, second, 12345); err != nil || a.trashRows(t) != 0 {
		t.Fatalf("Purge: %v, %d rows left", err, a.trashRows(t))
	}
	if err := a.Untrash(ctx, second); !errors.Is(err, ErrNotFound) {
		t.Errorf("untrash of a purged batch: %v", err)
	}
	third, _, err := a.Trash(ctx, ids[2])
	if err != nil {
		t.Fatal(err)
	}
	if err := a.PurgeOlder(ctx, time.Now().Add(time.Second)); err != nil || a.trashRows(t) != 0 {
		t.Errorf("PurgeOlder did not take batch %d: %v", third, err)
	}
	if n, _ := a.Count(ctx, ""); n != 1 {
		t.Errorf("%d articles, want the untrashed one", n)
	}
}

// Untrash reads a big batch a page at a time.
func TestUntrashMoreThanAPage(t *testing.T) {
	a := openTest(t)
	insertCorpus(t, a, untrashPage*2+37, 9)
	ids, err := a.IDs(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	before, err := a.List(ctx, ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	batch, n, err := a.Trash(ctx, ids...)
	if err != nil || n != len(ids) {
		t.Fatalf("Trash: %d, %v", n, err)
	}
	if err := a.Untrash(ctx, batch); err != nil {
		t.Fatal(err)
	}
	after, err := a.List(ctx, ListOptions{})
	if err != nil || !reflect.DeepEqual(before, after) {
		t.Errorf("after untrash of %d: %d rows, %v", len(ids), len(after), err)
	}
}

// trashRows counts the articles in the trash.
func (a *Archive) trashRows(t *testing.T) int {
	t.Helper()
	n, err := a.Trashed(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A new article never takes the id of one waiting in the trash: undoing
// the delete would fail.
func TestNewArticleSkipsTrashedIDs(t *testing.T) {
	a := openTest(t)
	ids := insert(t, a, seed{title: "One"}, seed{title: "Two"}, seed{title: "Newest"})
	batch, _, err := a.Trash(ctx, ids[2])
	if err != nil {
		t.Fatal(err)
	}
	fresh := insert(t, a, seed{title: "Made after the delete"}, seed{title: "And another"})
	if fresh[0] <= ids[2] || fresh[1] <= fresh[0] {
		t.Fatalf("new ids %v, the trash holds %d", fresh, ids[2])
	}
	if err := a.Untrash(ctx, batch); err != nil {
		t.Fatalf("untrash after new articles: %v", err)
	}
	if n, _ := a.Count(ctx, ""); n != 5 {
		t.Errorf("%d articles, want 5", n)
	}
}
