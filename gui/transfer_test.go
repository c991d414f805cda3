package gui

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fstorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestImportFolderThroughTheDialogHandler(t *testing.T) {
	h := newHarness(t, nil)
	dir := t.TempDir()
	for i, a := range sampleArts[:3] {
		write(t, filepath.Join(dir, "sub", string(rune('a'+i))+".txt"), seedText(100+i, a))
	}
	write(t, filepath.Join(dir, "dup.txt"), seedText(100, sampleArts[0])) // same as a.txt
	write(t, filepath.Join(dir, "broken.txt"), "---\ntitle: [unclosed\n---\n")
	h.w.transfers.importPaths([]string{dir}, nil)
	if !h.w.status.busy() {
		t.Error("no progress shown while importing")
	}
	h.settle()
	if h.w.status.busy() {
		t.Error("progress still shown")
	}
	if got := len(h.titles()); got != 3 {
		t.Fatalf("%d rows after import, want 3", got)
	}
	sum := h.overlayText()
	for _, want := range []string{"Import finished", "3 new", "1 identical", "Refused (1)", "broken.txt:2"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}
	if got := h.w.status.counts.Text; got != "3 of 3 articles" {
		t.Errorf("status %q", got)
	}
}

func TestImportDroppedZip(t *testing.T) {
	h := newHarness(t, nil)
	zpath := filepath.Join(t.TempDir(), "in.zip")
	f, err := os.Create(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for i, a := range sampleArts {
		w, _ := zw.Create(string(rune('a'+i)) + ".txt")
		_, _ = w.Write([]byte(seedText(i, a)))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	h.w.transfers.dropped(fyne.NewPos(10, 10), []fyne.URI{fstorage.NewFileURI(zpath)})
	h.settle()
	if got := len(h.titles()); got != len(sampleArts) {
		t.Fatalf("%d rows after dropping a zip, want %d", got, len(sampleArts))
	}
}

func TestExportSelectionWritesExactBytes(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.click(1, 0, 0)
	h.click(3, 0, fyne.KeyModifierControl)
	ids := h.w.res.selectedIDs()
	dest := filepath.Join(t.TempDir(), "out")
	h.w.transfers.exportTo(dest, h.w.transfers.exportOptions(scopeSelection, "", ""))
	h.settle()
	if !strings.Contains(h.overlayText(), "Exported 2 articles") {
		t.Fatalf("summary: %q", h.overlayText())
	}
	entries, err := os.ReadDir(dest)
	if err != nil || len(entries) != 2 {
		t.Fatalf("dest holds %v (%v)", entries, err)
	}
	for _, id := range ids {
		rec := h.bytesOf(id)
		var found bool
		for _, e := range entries {
			data, _ := os.ReadFile(filepath.Join(dest, e.Name()))
			found = found || string(data) == rec
		}
		if !found {
			t.Errorf("article %d not exported byte for byte", id)
		}
	}
	// Exporting again asks before overwriting.
	h.w.transfers.exportTo(dest, h.w.transfers.exportOptions(scopeSelection, "", ""))
	h.settle()
	if !strings.Contains(h.overlayText(), "Overwrite") {
		t.Errorf("no overwrite question: %q", h.overlayText())
	}
}

func TestEmptyStates(t *testing.T) {
	h := newHarness(t, nil)
	if got := h.w.content.box.Objects[0]; got != h.w.content.empty.box {
		t.Fatal("an empty archive does not show the empty state")
	}
	if h.w.content.empty.title.Text != "No articles yet" {
		t.Errorf("title %q", h.w.content.empty.title.Text)
	}
	var imp bool
	walk(h.w.content.empty.box, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Import") {
			imp = true
		}
	})
	if !imp {
		t.Error("no Import button in the empty state")
	}

	h2 := newHarness(t, sampleArts)
	test.Type(h2.w.search.entry, "zebra")
	h2.settle()
	if h2.w.content.box.Objects[0] != h2.w.content.empty.box || h2.w.content.empty.title.Text != "No matches for “zebra”" {
		t.Errorf("no-match state: %q", h2.w.content.empty.title.Text)
	}
	h2.w.search.setText("")
	h2.settle()
	if h2.w.content.box.Objects[0] != h2.w.table.View() {
		t.Error("clearing the search does not bring the table back")
	}
}

func TestThemeSwitch(t *testing.T) {
	h := newHarness(t, sampleArts)
	dark := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark)
	light := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	for _, c := range []struct {
		mode ThemeMode
		want any
	}{{ThemeDark, dark}, {ThemeLight, light}} {
		h.w.menus.setTheme(c.mode)
		th := fyne.CurrentApp().Settings().Theme()
		// Whatever variant the system asks for, the override wins.
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			if got := th.Color(theme.ColorNameBackground, v); got != c.want {
				t.Errorf("%s: background for variant %d is %v, want %v", c.mode, v, got, c.want)
			}
		}
		if got := h.w.prefs.String(prefTheme); got != string(c.mode) {
			t.Errorf("preference %q", got)
		}
	}
	h.w.menus.setTheme(ThemeSystem)
	if got := fyne.CurrentApp().Settings().Theme().Color(theme.ColorNameBackground, theme.VariantDark); got != dark {
		t.Error("system mode does not follow the variant")
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
