package editor

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/gui/internal/uiqueue"
	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

type uiQueue = uiqueue.Queue

// settle runs queued UI funcs until nothing is pending.
func settle(t *testing.T, r *widgets.Runner, q *uiQueue) {
	t.Helper()
	q.Settle(t, r.Pending, 10*time.Second)
}

// harness is an editor on a real archive in a test window.
type harness struct {
	t       *testing.T
	store   *storage.Archive
	e       *Editor
	w       fyne.Window
	q       *uiQueue
	id      int64
	text    []byte
	saved   []int64
	dirties []bool
}

// sampleText is the article the tests edit.
func sampleText(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// openArchive opens an archive in a temporary directory holding texts.
func openArchive(t *testing.T, texts ...[]byte) (*storage.Archive, []int64) {
	t.Helper()
	a, err := storage.Open(filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	var ids []int64
	for i, text := range texts {
		doc, err := seedfile.Parse(text)
		if err != nil {
			t.Fatal(err)
		}
		id, err := a.Insert(context.Background(), filepath.Join("000", string(rune('a'+i))+".txt"), doc)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return a, ids
}

// newHarness loads the sample article into a fresh editor.
func newHarness(t *testing.T) *harness {
	t.Helper()
	test.NewTempApp(t)
	text := sampleText(t)
	a, ids := openArchive(t, text)
	h := &harness{t: t, store: a, q: &uiQueue{}, id: ids[0], text: text}
	h.w = test.NewWindow(nil)
	t.Cleanup(h.w.Close)
	h.e = New(a, h.w, nil)
	h.e.run.Do = h.q.Do
	h.e.OnSaved = func(s Saved) { h.saved = append(h.saved, s.ID) }
	h.e.OnDirtyChanged = func(d bool) { h.dirties = append(h.dirties, d) }
	h.w.SetContent(h.e)
	h.w.Resize(fyne.NewSize(520, 900))
	h.e.Load(h.id)
	h.settle()
	if h.e.ID() != h.id {
		t.Fatalf("editor shows article %d, want %d", h.e.ID(), h.id)
	}
	return h
}

func (h *harness) settle() { h.t.Helper(); settle(h.t, h.e.run, h.q) }

// field returns the top-level field widget at path.
func (h *harness) field(path string) *field {
	h.t.Helper()
	f, ok := h.e.v.fields[path]
	if !ok {
		h.t.Fatalf("no field %s", path)
	}
	return f
}

// typeInto focuses the field's entry and types text at its end.
func (h *harness) typeInto(f *field, text string) {
	h.t.Helper()
	e := f.entry
	if e == nil {
		h.t.Fatalf("field %s has no entry", f.key)
	}
	h.w.Canvas().Focus(e)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(e, text)
}

// setText replaces the field's text as a paste would.
func (h *harness) setText(f *field, text string) {
	h.t.Helper()
	switch {
	case f.entry != nil:
		f.entry.SetText(text)
	case f.sel != nil:
		f.sel.SetText(text)
	default:
		f.check.SetChecked(text == "true")
	}
}

// stored reads the article's current text back from the archive.
func (h *harness) stored() []byte {
	h.t.Helper()
	rec, err := h.store.Get(context.Background(), h.id)
	if err != nil {
		h.t.Fatal(err)
	}
	return rec.Doc.Bytes()
}
