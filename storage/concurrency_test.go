package storage

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// TestTwoHandlesWriteConcurrently is seedctl and the GUI on one file: two
// Archives writing at once queue on the database lock instead of failing
// with "database is locked", and each reads while the other writes.
func TestTwoHandlesWriteConcurrently(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.db")
	var handles []*Archive
	for range 2 {
		a, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		handles = append(handles, a)
	}
	const batches, perBatch = 15, 10
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w, a := range handles {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for b := range batches {
				err := a.WriteTx(ctx, func(tx *Tx) error {
					for i := range perBatch {
						title := fmt.Sprintf("Writer %d batch %d item %d", w, b, i)
						if _, err := tx.Insert(title+".txt", parse(t, seed{title: title, topics: []string{"AI"}}.text())); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
				if _, err := a.AddToSet(ctx, fmt.Sprintf("Set %d", w), []int64{1}); err != nil {
					errs <- fmt.Errorf("writer %d: %w", w, err)
					return
				}
			}
		}()
		go func() { // a reader on the same handle, like the GUI's table
			defer wg.Done()
			for range 30 {
				if _, err := a.List(ctx, ListOptions{Query: "topic:ai", Sort: "-title", Limit: 50}); err != nil {
					errs <- fmt.Errorf("reader %d: %w", w, err)
					return
				}
				if _, err := a.Facet(ctx, "topic", "", 10); err != nil {
					errs <- fmt.Errorf("reader %d: %w", w, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for _, a := range handles {
		if n, err := a.Count(ctx, ""); err != nil || n != 2*batches*perBatch {
			t.Errorf("Count = %d, %v; want %d", n, err, 2*batches*perBatch)
		}
	}
	if r := mustCheck(t, handles[0]); !r.OK() {
		t.Errorf("check: %q", r.Problems)
	}
}

// TestReadDuringLongWrite: readers are not blocked by an open write
// transaction, and see only committed data.
func TestReadDuringLongWrite(t *testing.T) {
	a := openTest(t)
	insert(t, a, seed{title: "Committed"})
	inTx := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := a.WriteTx(ctx, func(tx *Tx) error {
			if _, err := tx.Insert("pending.txt", parse(t, seed{title: "Pending"}.text())); err != nil {
				return err
			}
			close(inTx)
			time.Sleep(300 * time.Millisecond)
			return nil
		})
		if err != nil {
			t.Error(err)
		}
	}()
	<-inTx
	start := time.Now()
	n, err := a.Count(ctx, "")
	if err != nil || n != 1 {
		t.Errorf("Count during a write = %d, %v; want 1 (committed only)", n, err)
	}
	if d := time.Since(start); d > 200*time.Millisecond {
		t.Errorf("a read waited %v for the writer", d)
	}
	<-done
	if n, _ := a.Count(ctx, ""); n != 2 {
		t.Errorf("Count after the write = %d", n)
	}
}
