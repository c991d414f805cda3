package gui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/corpus"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

func TestTextPatchUndoesAndRedoes(t *testing.T) {
	for _, tc := range []struct{ name, before, after string }{
		{"one line", "---\ntitle: Old\nquality: 5\n---\n", "---\ntitle: New title\nquality: 5\n---\n"},
		{"CRLF and BOM", "\ufeff---\r\ntitle: a\r\n---\r\n", "\ufeff---\r\ntitle: b\r\n---\r\n"},
		{"added lines", "---\ntitle: a\n---\n", "---\ntitle: a\n\ntopics:\n  - X\n---\n"},
		{"removed lines", "---\ntitle: a\n\ntopics:\n  - X\n---\n", "---\ntitle: a\n---\n"},
		{"first byte", "a---", "b---"},
		{"last byte", "---a", "---b"},
		{"repeated bytes", "aaaa", "aaaaaa"},
		{"from empty", "", "x"},
		{"to empty", "x", ""},
	} {
		p := newTextPatch(1, []byte(tc.before), []byte(tc.after))
		if got, ok := p.apply([]byte(tc.after), false); !ok || string(got) != tc.before {
			t.Errorf("%s: undo = %q %v, want %q", tc.name, got, ok, tc.before)
		}
		if got, ok := p.apply([]byte(tc.before), true); !ok || string(got) != tc.after {
			t.Errorf("%s: redo = %q %v, want %q", tc.name, got, ok, tc.after)
		}
		if len(p.old)+len(p.new) > len(tc.before)+len(tc.after) {
			t.Errorf("%s: the patch keeps more than the texts", tc.name)
		}
		for _, changed := range []string{tc.after + "x", "x" + tc.after} {
			if _, ok := p.apply([]byte(changed), false); ok {
				t.Errorf("%s: undo applied to a text changed since (%q)", tc.name, changed)
			}
		}
	}
	// A one-line edit of a real seed keeps that line, not the text.
	seed := strings.Repeat("related line\n", 200)
	before := "---\ntitle: Old\n" + seed + "---\n"
	p := newTextPatch(1, []byte(before), []byte(strings.Replace(before, "Old", "New", 1)))
	if len(p.old) > 3 || len(p.new) > 3 {
		t.Errorf("patch of a one-word edit holds %q → %q", p.old, p.new)
	}
}

func TestUndoLeavesArticlesChangedSinceAlone(t *testing.T) {
	h := newHarness(t, sampleArts)
	ids := []int64{h.ids[0], h.ids[1], h.ids[2]}
	before := map[int64]string{}
	for _, id := range ids {
		before[id] = h.bytesOf(id)
	}
	h.w.bulk.addTopic(ids, "Fresh")
	h.settle()

	// Another change to one of them after the bulk edit (as an editor save
	// or seedctl would make).
	rec, err := h.arc.Get(context.Background(), ids[1])
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.Doc.Set("title", "Retitled later"); err != nil {
		t.Fatal(err)
	}
	if err := h.arc.UpdateMany(context.Background(), map[int64]*seedfile.Document{ids[1]: rec.Doc}); err != nil {
		t.Fatal(err)
	}
	later := h.bytesOf(ids[1])

	h.w.menus.undoAction()
	h.settle()
	for _, id := range []int64{ids[0], ids[2]} {
		if got := h.bytesOf(id); got != before[id] {
			t.Errorf("article %d not undone:\n%s", id, got)
		}
	}
	if got := h.bytesOf(ids[1]); got != later {
		t.Errorf("the article changed since was overwritten by the undo:\n%s", got)
	}
	if msg := h.w.status.hint.Text; !strings.Contains(msg, "1 article changed since and was left as it is") {
		t.Errorf("status %q", msg)
	}
	if len(h.w.hist.stack.future) != 1 {
		t.Fatalf("the step is not redoable (%d)", len(h.w.hist.stack.future))
	}
	h.w.menus.redoAction()
	h.settle()
	for _, id := range []int64{ids[0], ids[2]} {
		if !slices.Contains(h.get(id).Topics, "Fresh") {
			t.Errorf("article %d not redone", id)
		}
	}
	if got := h.bytesOf(ids[1]); got != later {
		t.Errorf("redo touched the article changed since:\n%s", got)
	}
}

// A bulk edit's undo history holds the changed lines, not the texts: a few
// dozen bytes per generated article of ~4 KB.
func TestBulkEditHistoryIsSmall(t *testing.T) {
	arc, err := storage.Open(filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	rng := corpus.New(3)
	var ids []int64
	texts := 0
	for i := range 300 {
		name, text := corpus.Article(rng, i)
		doc, err := seedfile.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		id, err := arc.Insert(context.Background(), name, doc)
		if err != nil {
			t.Fatal(err)
		}
		ids, texts = append(ids, id), texts+len(text)
	}
	patches, err := applyEdits(context.Background(), arc, ids, func(doc *seedfile.Document) (bool, error) {
		return setField(doc, "topics", append(slices.Clone(doc.Article().Topics), "Fresh"))
	}, nil)
	if err != nil || len(patches) != len(ids) {
		t.Fatalf("%d patches, %v", len(patches), err)
	}
	kept := 0
	for _, p := range patches {
		kept += len(p.old) + len(p.new)
	}
	t.Logf("history: %d bytes per article, texts average %d", kept/len(ids), texts/len(ids))
	if per := kept / len(ids); per > 64 {
		t.Errorf("the history keeps %d bytes per article (texts average %d)", per, texts/len(ids))
	}
	if err := applyPatches(context.Background(), arc, patches, false); err != nil {
		t.Fatal(err)
	}
	rec, err := arc.Get(context.Background(), ids[7])
	if err != nil || slices.Contains(rec.Doc.Article().Topics, "Fresh") {
		t.Errorf("not undone: %v", err)
	}
}
