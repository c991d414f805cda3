package storage

import (
	"path/filepath"
	"testing"
	"time"
)

// TestExternalChange is the app (a) and seedctl (b) on one file: a sees
// b's commits once each, never its own, and not a transaction that changed
// nothing.
func TestExternalChange(t *testing.T) {
	// The write connections close when idle, as in the app: the counter
	// does not depend on any connection staying open.
	defer func(d time.Duration) { writerIdleTime = d }(writerIdleTime)
	writerIdleTime = 5 * time.Millisecond
	path := filepath.Join(t.TempDir(), "archive.db")
	open := func() *Archive {
		a, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		return a
	}
	a, b := open(), open()
	var ids []int64
	steps := []struct {
		name string
		do   func()
		want bool
	}{
		{"nothing yet", func() {}, false},
		{"a inserts", func() { ids = insert(t, a, seed{title: "One"}, seed{title: "Two"}) }, false},
		{"b inserts", func() { insert(t, b, seed{title: "Three"}) }, true},
		{"no change since the last call", func() {}, false},
		{"b edits, then a edits", func() {
			if _, err := b.Edit(ctx, ids[:1], addTopic("B")); err != nil {
				t.Fatal(err)
			}
			if _, err := a.Edit(ctx, ids[1:], addTopic("A")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a edits, then b edits", func() {
			if _, err := a.Edit(ctx, ids[1:], addTopic("A2")); err != nil {
				t.Fatal(err)
			}
			if _, err := b.Edit(ctx, ids[:1], addTopic("B2")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"b's edit changes nothing", func() {
			if _, err := b.Edit(ctx, ids[:1], addTopic("B2")); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"b checks the archive", func() { mustCheck(t, b) }, false},
		{"b edits after both writers closed", func() {
			time.Sleep(50 * time.Millisecond)
			if _, err := b.Edit(ctx, ids[:1], addTopic("B3")); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a edits after its writer closed", func() {
			time.Sleep(50 * time.Millisecond)
			if _, err := a.Edit(ctx, ids[1:], addTopic("A3")); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"a deletes", func() {
			if _, err := a.Delete(ctx, ids[0]); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"b makes a set", func() {
			if _, err := b.AddToSet(ctx, "Reading", ids[1:]); err != nil {
				t.Fatal(err)
			}
		}, true},
	}
	for _, s := range steps {
		s.do()
		got, err := a.ExternalChange(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got != s.want {
			t.Errorf("%s: ExternalChange = %v, want %v", s.name, got, s.want)
		}
	}
	// b saw a's commits all along, and then nothing new.
	if got, err := b.ExternalChange(ctx); err != nil || !got {
		t.Errorf("b: ExternalChange = %v, %v; want true", got, err)
	}
	if got, err := b.ExternalChange(ctx); err != nil || got {
		t.Errorf("b again: ExternalChange = %v, %v; want false", got, err)
	}
}
