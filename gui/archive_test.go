package gui

import (
	"bytes"
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/assets"
	"github.com/seedarchive/seedarchive/storage"
)

func TestFirstStartImportsTheSamplesOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "default.db")
	t.Setenv("SEEDARCHIVE_DB", path) // makes it the default archive
	a := test.NewTempApp(t)
	a.Preferences().SetBool(prefFetchAfterImport, false) // the samples' images are on the internet
	got, err := StartupPath(a.Preferences())
	if err != nil || got != path {
		t.Fatalf("StartupPath = %q, %v; want %q", got, err, path)
	}
	arc, err := OpenStartupArchive(a)
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	samples, _ := fs.Glob(assets.Samples, "*.txt")
	if len(samples) == 0 {
		t.Fatal("no bundled samples")
	}
	tk, q := testTasks()
	w := newWindow(a, arc, tk)
	defer w.stopWatching()
	settle(t, tk, q)
	n, err := arc.Count(context.Background(), "")
	if err != nil || n == 0 || n > len(samples) {
		t.Fatalf("archive holds %d articles (%v) after the first start; %d samples", n, err, len(samples))
	}
	if w.res.Len() != n {
		t.Errorf("table shows %d of %d", w.res.Len(), n)
	}
	// The samples are simply there: no import summary greets a new user.
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog greets the first start: %q", overlayTextOf(w))
	}
	if got := w.status.hint.Text; !strings.Contains(got, "sample articles") {
		t.Errorf("status %q, want a line about the sample articles", got)
	}
	// Their images come bundled: every thumbnail works offline from the start.
	counts, err := arc.ImageCounts(context.Background(), "")
	if err != nil || counts.Total == 0 || counts.Cached != counts.Total {
		t.Errorf("sample images: %+v (%v), want all cached", counts, err)
	}
	// Emptied later, it stays empty: the samples come once.
	ids, _ := arc.IDs(context.Background(), storage.ListOptions{})
	if _, err := arc.Delete(context.Background(), ids...); err != nil {
		t.Fatal(err)
	}
	w.openArchive(arc)
	settle(t, tk, q)
	if n, _ := arc.Count(context.Background(), ""); n != 0 {
		t.Errorf("samples imported again: %d articles", n)
	}
}

func TestLayoutIsRemembered(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.menus.setColumns([]string{"title", "provider.domain", "file"})
	h.w.table.Grid().SetColumnWidth(0, 222)
	h.w.table.Grid().Refresh()
	h.w.editSplit.SetOffset(0.5)
	h.w.search.setText("topic:AI")
	h.settle()
	h.w.saveLayout()

	tk, q := testTasks()
	w2 := newWindow(fyne.CurrentApp(), h.arc, tk)
	t.Cleanup(w2.stopWatching)
	settle(t, tk, q)
	if got := w2.table.ColumnKeys(); len(got) != 3 || got[1] != "provider.domain" || got[2] != "file" {
		t.Errorf("columns %q", got)
	}
	if got := w2.table.ColumnWidth(0); got != 222 {
		t.Errorf("title width %v, want 222", got)
	}
	if got := w2.editSplit.Offset; got != 0.5 {
		t.Errorf("split offset %v", got)
	}
	if got := w2.search.text(); got != "topic:AI" || w2.res.Len() != 3 {
		t.Errorf("query %q with %d rows", got, w2.res.Len())
	}
}

func TestNewArticleIsSelectedAndUndoable(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.search.setText("topic:Physics")
	h.settle()
	loaded := make(chan int64, 8)
	h.w.onEditorLoaded = func(id int64) { loaded <- id }
	h.w.newArticle()
	h.settle()
	id := h.w.res.cursorID()
	if id == 0 || h.get(id).Title != "Untitled article" {
		t.Fatalf("cursor on %d", id)
	}
	if h.w.search.text() != "" {
		t.Errorf("the search hiding the new article stayed: %q", h.w.search.text())
	}
	h.waitLoaded(loaded, id)
	if n, _ := h.arc.Count(context.Background(), ""); n != 6 {
		t.Fatalf("%d articles", n)
	}
	h.w.menus.undoAction()
	h.settle()
	if n, _ := h.arc.Count(context.Background(), ""); n != 5 {
		t.Errorf("%d articles after undo", n)
	}
	if n, _ := h.arc.Trashed(context.Background()); n != 1 {
		t.Errorf("%d articles in the trash after undo, want the new one", n)
	}
	h.w.menus.redoAction()
	h.settle()
	if n, _ := h.arc.Count(context.Background(), ""); n != 6 || h.get(id).Title != "Untitled article" {
		t.Errorf("%d articles after redo", n)
	}
	if n, _ := h.arc.Trashed(context.Background()); n != 0 {
		t.Errorf("%d articles left in the trash after redo", n)
	}
}

// TestNewArticleTypesIntoItsTitle: after New the cursor waits in the new
// article's title with all of it selected, so typing replaces it.
func TestNewArticleTypesIntoItsTitle(t *testing.T) {
	h := newHarness(t, sampleArts)
	loaded := make(chan int64, 8)
	h.w.onEditorLoaded = func(id int64) { loaded <- id }
	h.w.newArticle()
	h.settle()
	h.waitLoaded(loaded, h.w.res.cursorID())
	focused := h.w.win.Canvas().Focused()
	if focused == nil {
		t.Fatal("nothing has focus after New, want the title")
	}
	test.Type(focused, "Fresh find")
	h.settle()
	if !bytes.Contains(h.w.editor.Text(), []byte(`title: "Fresh find"`+"\n")) {
		t.Fatalf("typing into %T after New gave:\n%s", focused, h.w.editor.Text())
	}
}

func TestEachArchiveRemembersItsQuery(t *testing.T) {
	h := newHarness(t, sampleArts)
	first := h.arc.Path()
	h.w.search.setText("topic:AI")
	h.settle()

	other := filepath.Join(t.TempDir(), "other.db")
	h.w.files.switchArchive(other)
	h.settle()
	if got := h.w.search.text(); got != "" {
		t.Errorf("a new archive opened with the other's query %q", got)
	}
	h.w.search.setText("quantum")
	h.settle()

	h.w.files.switchArchive(first)
	h.settle()
	if got := h.w.search.text(); got != "topic:AI" || h.w.res.Len() != 3 {
		t.Errorf("back on the first archive: query %q, %d rows", got, h.w.res.Len())
	}
	h.w.files.switchArchive(other)
	h.settle()
	if got := h.w.search.text(); got != "quantum" {
		t.Errorf("back on the second archive: query %q", got)
	}
	h.arc = h.w.arc // the harness closes the open one
}

// overlayTextOf gathers the labels' text in w's overlays.
func overlayTextOf(w *Window) string {
	var b strings.Builder
	for _, o := range w.win.Canvas().Overlays().List() {
		walk(o, func(c fyne.CanvasObject) {
			if l, ok := c.(*widget.Label); ok {
				b.WriteString(l.Text + "\n")
			}
		})
	}
	return b.String()
}
