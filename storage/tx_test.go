package storage

import (
	"errors"
	"reflect"
	"testing"
)

func TestWriteTxFailureLeavesNothing(t *testing.T) {
	a := openTest(t)
	insert(t, a, seed{title: "Existing"})
	boom := errors.New("boom")
	err := a.WriteTx(ctx, func(tx *Tx) error {
		for _, title := range []string{"First", "Second"} {
			if _, err := tx.Insert(title+".txt", parse(t, seed{title: title, topics: []string{"AI"}}.text())); err != nil {
				return err
			}
		}
		if _, err := tx.ensureManualSet("Batch"); err != nil {
			return err
		}
		return boom // fails midway
	})
	if !errors.Is(err, boom) {
		t.Fatalf("WriteTx err = %v, want boom", err)
	}
	func() {
		defer func() { recover() }()
		_ = a.WriteTx(ctx, func(tx *Tx) error {
			if _, err := tx.Insert("panic.txt", parse(t, seed{title: "Panic"}.text())); err != nil {
				return err
			}
			panic("midway")
		})
	}()
	for _, q := range []string{
		"SELECT count(*) FROM article", "SELECT count(*) FROM article_text", "SELECT count(*) FROM article_topic",
		"SELECT count(*) FROM article_fts", "SELECT count(*) FROM article_set",
	} {
		var n int
		if err := a.db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		want := 1
		if q == "SELECT count(*) FROM article_topic" || q == "SELECT count(*) FROM article_set" {
			want = 0
		}
		if n != want {
			t.Errorf("%s = %d after failed transactions, want %d", q, n, want)
		}
	}
	// The write connection is usable again.
	insert(t, a, seed{title: "After"})
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check: %q", r.Problems)
	}
}

func TestFindDuplicatesAndReplace(t *testing.T) {
	a := openTest(t)
	noURL := "---\ntitle: \"No URL\"\n---\n"
	ids := insert(t, a, seed{title: "Dup"}, seed{title: "Other"})
	id3, err := a.Insert(ctx, "nourl.txt", parse(t, noURL))
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := a.Get(ctx, ids[0])
	err = a.WriteTx(ctx, func(tx *Tx) error {
		got, err := tx.FindDuplicates("https://example.com/dup", "")
		if err != nil {
			return err
		}
		want := []Match{{ID: ids[0], File: "seed00.txt", SHA256: sha256Hex(rec.Original), ContentKey: ContentKey(rec.Original)}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("by URL: %+v, want %+v", got, want)
		}
		// Line endings and a BOM do not hide a duplicate.
		crlf := "\ufeff---\r\ntitle: \"No URL\"\r\n---\r\n"
		got, err = tx.FindDuplicates("", ContentKey([]byte(crlf)))
		if err != nil {
			return err
		}
		if len(got) != 1 || got[0].ID != id3 {
			t.Errorf("by content key: %+v", got)
		}
		if got, _ := tx.FindDuplicates("https://nowhere.example.com/", ""); got != nil {
			t.Errorf("no match: %+v", got)
		}
		return tx.Replace(ids[0], "renamed.txt", parse(t, seed{title: "Dup", quality: "77"}.text()))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Update(ctx, ids[1], parse(t, seed{title: "Other", quality: "5"}.text())); err != nil {
		t.Fatal(err)
	}
	err = a.WriteTx(ctx, func(tx *Tx) error {
		return tx.Replace(ids[1], "other2.txt", parse(t, seed{title: "Other", quality: "6"}.text()))
	})
	if err != nil {
		t.Fatal(err)
	}
	r0, _ := a.Get(ctx, ids[0])
	r1, _ := a.Get(ctx, ids[1])
	if r0.File != "renamed.txt" || r0.Doc.Article().Quality != 77 || r0.Edited() {
		t.Errorf("replaced record = %+v", r0)
	}
	if r1.Edited() || r1.Doc.Article().Quality != 6 {
		t.Errorf("Replace did not clear the edit: edited %v, quality %d", r1.Edited(), r1.Doc.Article().Quality)
	}
	err = a.WriteTx(ctx, func(tx *Tx) error { return tx.Replace(999, "x.txt", parse(t, noURL)) })
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("Replace(999) err = %v", err)
	}
	if r := mustCheck(t, a); !r.OK() {
		t.Errorf("check: %q", r.Problems)
	}
}

func TestContentKey(t *testing.T) {
	base := ContentKey([]byte("---\ntitle: a\n---\nbody\n"))
	same := []string{
		"---\r\ntitle: a\r\n---\r\nbody\r\n",
		"\ufeff---\ntitle: a\n---\nbody\n",
		"---\rtitle: a\r---\rbody",
		"---\ntitle: a\n---\nbody\n\n  \n",
	}
	for _, s := range same {
		if got := ContentKey([]byte(s)); got != base {
			t.Errorf("ContentKey(%q) differs from the LF version", s)
		}
	}
	different := []string{
		"---\ntitle: b\n---\nbody\n",
		"---\ntitle: a\n---\n\nbody\n",
		"---\ntitle:  a\n---\nbody\n",
	}
	for _, s := range different {
		if got := ContentKey([]byte(s)); got == base {
			t.Errorf("ContentKey(%q) equals a different text's", s)
		}
	}
	if len(base) != 64 {
		t.Errorf("ContentKey is %d hex digits", len(base))
	}
}
