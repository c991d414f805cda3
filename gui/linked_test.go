package gui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/storage"
)

// writeSeed writes a seed file titled title under dir, creating folders.
func writeSeed(t *testing.T, dir, rel string, n int, title string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(seedText(n, art{title, "Wire", "news", []string{"AI"}, 10, false})), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// shows reports whether the results list an article titled title, without
// waiting for rows still being read.
func (h *harness) shows(title string) bool {
	for i := 0; i < h.w.res.Len(); i++ {
		if r := h.w.res.Row(i); r != nil && r.Title == title {
			return true
		}
	}
	return false
}

// File › Open folder… links the folder in place: its articles show, every
// refused file is listed as PATH:LINE: reason with a count, and the status
// bar counts the problem files; File › Unlink folder… takes the articles out
// and leaves the files.
func TestOpenFolderLinksAndUnlinkForgets(t *testing.T) {
	h := newHarness(t, sampleArts)
	dir := t.TempDir()
	writeSeed(t, dir, "a.txt", 101, "Linked one")
	writeSeed(t, dir, "sub/b.md", 102, "Linked two")
	writeSeed(t, dir, ".hidden/c.txt", 103, "Hidden three")
	bad := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(bad, []byte("---\ntitle: [unclosed\n---\nbody\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	h.w.linked.linkFolder(dir)
	h.settle()
	drainUntil(t, h.q, func() bool { return h.w.res.Len() == 7 })
	h.settle()
	for _, want := range []string{"Linked one", "Linked two"} {
		if !h.shows(want) {
			t.Errorf("%q is not listed after linking: %q", want, h.titles())
		}
	}
	if h.shows("Hidden three") {
		t.Error("a file in a hidden folder was linked")
	}
	if v, job := h.w.status.progress.Value, h.w.status.job.Text; v != 1 || !strings.Contains(job, "3 of 3") {
		t.Errorf("the status bar's job ended at %v, %q; want it full at 3 of 3 files", v, job)
	}
	text := h.overlayText()
	if !strings.Contains(text, "Refused (1)") || !strings.Contains(text, bad+":2: ") {
		t.Errorf("the summary does not list the refusal as PATH:LINE: reason:\n%s", text)
	}
	if b := h.w.status.problems; !b.Visible() || b.Text != "1 problem file" {
		t.Errorf("status bar problems %q (visible %v)", b.Text, b.Visible())
	}
	test.Tap(h.overlayButton("Close"))
	test.Tap(h.w.status.problems)
	if text := h.overlayText(); !strings.Contains(text, bad+":2: ") {
		t.Errorf("the problem list does not name the file:\n%s", text)
	}
	test.Tap(h.overlayButton("Close"))

	h.w.linked.unlinkFolderDialog()
	h.settle()
	if text := h.overlayText(); !strings.Contains(text, "articles leave the archive") {
		t.Fatalf("unlink dialog:\n%s", text)
	}
	test.Tap(h.overlayButton("Unlink"))
	h.settle()
	drainUntil(t, h.q, func() bool { return h.w.res.Len() == 5 })
	if h.shows("Linked one") {
		t.Error("an article of the unlinked folder is still listed")
	}
	if _, err := os.Stat(filepath.Join(dir, "a.txt")); err != nil {
		t.Errorf("unlinking touched the files: %v", err)
	}
	if h.w.status.problems.Visible() {
		t.Error("the problems of the unlinked folder are still counted")
	}
}

// While the window is open, a file another program changes, adds (in a new
// subfolder too), deletes or breaks in a linked folder shows within moments,
// through the result model.
func TestLinkedFolderWatcherFollowsOutsideChanges(t *testing.T) {
	h := newHarness(t, sampleArts)
	dir := t.TempDir()
	a := writeSeed(t, dir, "a.txt", 101, "Linked one")
	h.w.linked.linkFolder(dir)
	h.settle()
	test.Tap(h.overlayButton("Close"))

	within := func(what string, done func() bool) {
		t.Helper()
		start := time.Now()
		drainUntil(t, h.q, done)
		took := time.Since(start)
		t.Logf("%s shown after %v", what, took.Round(time.Millisecond))
		if took > 3*time.Second {
			t.Errorf("%s took %v to show, want about a second", what, took)
		}
	}
	writeSeed(t, dir, "a.txt", 101, "Changed outside")
	within("an edited file", func() bool { return h.shows("Changed outside") })

	if err := os.MkdirAll(filepath.Join(dir, "new", "deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	runFor(h.q, 3*syncQuiet) // the new folders are watched by now
	writeSeed(t, dir, "new/deeper/b.txt", 102, "In a new folder")
	within("a file in a new subfolder", func() bool { return h.shows("In a new folder") })

	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	within("a deleted file", func() bool { return !h.shows("Changed outside") && h.w.res.Len() == 6 })

	if err := os.WriteFile(filepath.Join(dir, "new", "broken.txt"), []byte("---\ntitle: [\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	within("a problem file", func() bool { return h.w.status.problems.Visible() })
}

// The window syncs its linked folders when it opens: a file changed while
// the app was closed shows the new text.
func TestLinkedFolderSyncsWhenTheWindowOpens(t *testing.T) {
	dir := t.TempDir()
	writeSeed(t, dir, "a.txt", 101, "Before")
	arc, err := storage.Open(filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := arc.Link(context.Background(), dir, nil); err != nil {
		t.Fatal(err)
	}
	writeSeed(t, dir, "a.txt", 101, "Changed while closed")

	a := test.NewTempApp(t)
	a.Preferences().SetBool(prefFetchAfterImport, false)
	h := &harness{t: t, arc: arc}
	h.tk, h.q = testTasks()
	h.w = newWindow(a, arc, h.tk)
	h.w.win.Resize(fyne.NewSize(1400, 860))
	t.Cleanup(func() {
		h.w.stopWatching()
		h.settle()
		_ = arc.Close()
	})
	drainUntil(t, h.q, func() bool { return h.shows("Changed while closed") })
}
