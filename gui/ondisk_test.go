package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// overlayRichText gathers the text of rich texts in the overlays (the
// diff dialog).
func (h *harness) overlayRichText() string {
	var b strings.Builder
	for _, o := range h.w.win.Canvas().Overlays().List() {
		walk(o, func(c fyne.CanvasObject) {
			if r, ok := c.(*widget.RichText); ok {
				for _, s := range r.Segments {
					if t, ok := s.(*widget.TextSegment); ok {
						b.WriteString(t.Text + "\n")
					}
				}
			}
		})
	}
	return b.String()
}

// A save refused because the article's file changed on disk offers
// Reload, Keep mine and Show diff; each does what it says and nothing is
// lost unasked.
func TestEditorSaveChangedOnDisk(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer string
	}{
		{"keep mine writes the editor's text over the file", "Keep mine"},
		{"reload shows the file and drops the edits", "Reload"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			dir := t.TempDir()
			file := writeSeed(t, dir, "a.txt", 101, "Linked one")
			h.w.linked.linkFolder(dir)
			h.settle()
			test.Tap(h.overlayButton("Close"))
			h.w.stopWatching() // the other program's write must reach the save, not the watcher
			h.settle()

			loaded := h.editorLoads()
			h.click(0, 0, 0)
			id := h.w.res.ID(0)
			h.waitLoaded(loaded, id)
			h.w.editor.EditTitle()
			test.Type(h.w.win.Canvas().Focused(), "Mine")
			h.settle()
			mine := string(h.w.editor.Text())
			if !strings.Contains(mine, "Mine") {
				t.Fatalf("the edit did not reach the editor:\n%s", mine)
			}
			writeSeed(t, dir, "a.txt", 101, "Theirs on disk") // another editor saves the file
			disk, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}

			h.w.editor.Save()
			h.settle()
			if text := h.overlayText(); !strings.Contains(text, filepath.Join(dir, "a.txt")+" changed on disk") {
				t.Fatalf("no changed-on-disk dialog:\n%s", text)
			}
			if got, _ := os.ReadFile(file); string(got) != string(disk) {
				t.Fatal("the refused save wrote the file")
			}
			test.Tap(h.overlayButton("Show diff"))
			h.settle()
			diff := h.overlayRichText()
			if !strings.Contains(diff, `-title: "Theirs on disk"`) || !strings.Contains(diff, "+title: ") ||
				!strings.Contains(diff, "(on disk)") {
				t.Errorf("the diff does not show the file on disk against the editor's text:\n%s", diff)
			}
			test.Tap(h.overlayButton("Close"))

			test.Tap(h.overlayButton(tc.answer))
			h.settle()
			got, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			switch tc.answer {
			case "Keep mine":
				if string(got) != mine {
					t.Errorf("the file is not the editor's text:\n%s", got)
				}
				if h.bytesOf(id) != mine {
					t.Errorf("the index is not the editor's text:\n%s", h.bytesOf(id))
				}
			case "Reload":
				if string(got) != string(disk) {
					t.Errorf("reload changed the file:\n%s", got)
				}
				if h.get(id).Title != "Theirs on disk" {
					t.Errorf("the index has title %q after reload", h.get(id).Title)
				}
				if !h.shows("Theirs on disk") {
					t.Errorf("the table shows %q", h.titles())
				}
			}
			if h.w.editor.Dirty() {
				t.Error("the editor still has unsaved edits")
			}
			if got := string(h.w.editor.Text()); got != string(h.bytesOf(id)) {
				t.Errorf("the editor shows\n%s\nthe archive holds\n%s", got, h.bytesOf(id))
			}
		})
	}
}

// A bulk edit stopped by a file changed on disk names the file and offers
// Reload, which brings the file's text in; the file keeps the other change.
func TestBulkEditChangedOnDiskOffersReload(t *testing.T) {
	h := newHarness(t, nil)
	dir := t.TempDir()
	file := writeSeed(t, dir, "a.txt", 101, "Linked one")
	h.w.linked.linkFolder(dir)
	h.settle()
	test.Tap(h.overlayButton("Close"))
	h.w.stopWatching()
	h.settle()
	id := h.w.res.ID(0)
	writeSeed(t, dir, "a.txt", 101, "Theirs on disk")
	disk, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	h.w.edits.apply("Set category", []int64{id}, func(d *seedfile.Document) (bool, error) {
		return true, d.Set("category", "science")
	}, nil)
	h.settle()
	if text := h.overlayText(); !strings.Contains(text, "The edit stopped at "+file+": it changed on disk") {
		t.Fatalf("no changed-on-disk dialog:\n%s", text)
	}
	test.Tap(h.overlayButton("Reload"))
	h.settle()
	if got := h.get(id).Title; got != "Theirs on disk" {
		t.Errorf("title %q after reload", got)
	}
	if !h.shows("Theirs on disk") {
		t.Errorf("the table shows %q", h.titles())
	}
	if got, _ := os.ReadFile(file); string(got) != string(disk) {
		t.Errorf("the file changed:\n%s", got)
	}
}
