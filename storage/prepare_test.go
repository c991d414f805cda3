package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"sync"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// TestPrepare checks what Prepare derives, that preparing on several
// goroutines at once is safe, and that InsertPrepared stores the same
// article as Insert.
func TestPrepare(t *testing.T) {
	texts := []string{
		seed{title: "With a URL", quality: "40", topics: []string{"AI", "ai", "Health"}, body: "Body.\n"}.text(),
		"\ufeff---\r\ntitle: No URL, CRLF\r\n---\r\nBody \r\n",
	}
	for _, text := range texts {
		doc := parse(t, text)
		p := Prepare(doc)
		sum := sha256.Sum256([]byte(text))
		if p.Doc() != doc || p.SHA256() != hex.EncodeToString(sum[:]) || p.ContentKey() != ContentKey([]byte(text)) {
			t.Errorf("%q: Prepare = doc %v, sha %s, key %s", text, p.Doc() == doc, p.SHA256(), p.ContentKey())
		}
		if want := doc.Article().WebURL; p.WebURL() != want {
			t.Errorf("%q: WebURL = %q, want %q", text, p.WebURL(), want)
		}
	}

	var wg sync.WaitGroup
	docs := make([]*seedfile.Document, len(texts))
	preps := make([]*Prepared, len(texts))
	for i, text := range texts {
		docs[i] = parse(t, text)
		wg.Add(1)
		go func() {
			defer wg.Done()
			preps[i] = Prepare(docs[i])
		}()
	}
	wg.Wait()

	a := openTest(t)
	var ids [2][]int64
	err := a.WriteTx(ctx, func(tx *Tx) error {
		for i, text := range texts {
			id, err := tx.Insert("insert.txt", parse(t, text))
			if err != nil {
				return err
			}
			ids[0] = append(ids[0], id)
			if id, err = tx.InsertPrepared("insert.txt", preps[i]); err != nil {
				return err
			}
			ids[1] = append(ids[1], id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range texts {
		viaInsert, err := a.Row(ctx, ids[0][i])
		if err != nil {
			t.Fatal(err)
		}
		viaPrepared, err := a.Row(ctx, ids[1][i])
		if err != nil {
			t.Fatal(err)
		}
		viaInsert.ID = viaPrepared.ID
		if !reflect.DeepEqual(viaInsert, viaPrepared) {
			t.Errorf("InsertPrepared stored\n%+v\nInsert stored\n%+v", viaPrepared, viaInsert)
		}
	}
	if r, err := a.Check(ctx); err != nil || !r.OK() {
		t.Fatalf("check: %v %q", err, r.Problems)
	}
}
