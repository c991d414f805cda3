package gui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// hasHeader reports whether the facet sidebar shows the section of facet.
func hasSection(p *facetPanel, facet string) bool {
	for _, r := range p.rows {
		if p.sections[r.sec].facet == facet && r.value == rowHeader {
			return true
		}
	}
	return false
}

// A linked git folder brings the Git column (after the title) and the
// sidebar's Git section; they follow an edit's git status, the Location
// column names the folder or the archive, and the user's choice to hide
// the column stands.
func TestGitColumnAndFacet(t *testing.T) {
	gitEnv(t)
	h := newHarness(t, sampleArts[:1])
	if slices.Contains(h.w.table.ColumnKeys(), gitColumn) || hasSection(h.w.facets, "git") {
		t.Fatal("Git column or section shown without a linked git folder")
	}
	dir := filepath.Join(t.TempDir(), "team-seeds")
	writeSeed(t, dir, "a.txt", 101, "Linked one")
	writeSeed(t, dir, "b.txt", 102, "Linked two")
	git(t, dir, "init", "-q")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-qm", "seeds")
	h.w.linked.linkFolder(dir)
	h.settle()
	test.Tap(h.overlayButton("Close"))
	h.settle()

	keys := h.w.table.ColumnKeys()
	if i := slices.Index(keys, gitColumn); i < 0 || keys[i-1] != "title" {
		t.Fatalf("columns %q: want git after title", keys)
	}
	if got := h.w.prefs.StringList(prefColumns); slices.Contains(got, gitColumn) {
		t.Errorf("the remembered columns hold git: %q", got)
	}
	h.w.setColumns([]string{"title", "location"})
	h.settle()

	// An in-cell edit writes the file: the row's Git cell says modified,
	// the sidebar counts it.
	h.w.runQuery("")
	h.settle()
	row := func(title string) int {
		for i := 0; i < h.w.res.Len(); i++ {
			if r := h.w.res.Row(i); r != nil && r.Title == title {
				return i
			}
		}
		t.Fatalf("no row %q in %q", title, h.titles())
		return -1
	}
	h.w.editCell(h.w.res.ID(row("Linked two")), "title", "Linked two, edited", func(err error) {
		if err != nil {
			t.Errorf("edit: %v", err)
		}
	})
	h.settle()
	h.w.runQuery("")
	h.settle()
	want := map[string][2]string{
		"Linked one":         {"", "team-seeds"},
		"Linked two, edited": {"modified", "team-seeds"},
		sampleArts[0].title:  {"", "archive"},
	}
	for title, w := range want {
		i := row(title)
		if got := h.cell(i, h.col(gitColumn)).Label().Shown(); got != w[0] {
			t.Errorf("%s: Git cell %q, want %q", title, got, w[0])
		}
		if got := h.cell(i, h.col("location")).Label().Shown(); got != w[1] {
			t.Errorf("%s: Location cell %q, want %q", title, got, w[1])
		}
	}
	if !hasSection(h.w.facets, "git") || !slices.Equal(shownValues(h.w.facets, "git"), []string{"modified"}) {
		t.Errorf("git section values %q", shownValues(h.w.facets, "git"))
	}
	h.w.facets.tap(slices.IndexFunc(h.w.facets.rows, func(r facetRow) bool {
		return h.w.facets.sections[r.sec].facet == "git" && r.value >= 0
	}))
	h.settle()
	if got := h.titles(); !slices.Equal(got, []string{"Linked two, edited"}) || h.w.res.query != "git:modified" {
		t.Errorf("clicking modified: query %q lists %q", h.w.res.query, got)
	}

	// Hiding the column is the user's choice: it stays hidden for this
	// archive and after a new window over it.
	h.w.menus.toggleColumn(gitColumn)
	h.settle()
	if slices.Contains(h.w.table.ColumnKeys(), gitColumn) || h.w.prefs.String(prefGitColumn) != "hidden" {
		t.Errorf("Git column still shown after hiding it: %q", h.w.table.ColumnKeys())
	}
	h.w.externalChange()
	h.settle()
	if slices.Contains(h.w.table.ColumnKeys(), gitColumn) {
		t.Error("a sync showed the hidden Git column again")
	}
}

// An in-cell edit refused because the file changed on disk closes the
// cell and asks Reload / Keep mine / Show diff as the editor does; the row
// is marked meanwhile, and Keep mine writes the edit over the file.
func TestCellEditChangedOnDisk(t *testing.T) {
	h := newHarness(t, nil)
	dir := t.TempDir()
	file := writeSeed(t, dir, "a.txt", 101, "Linked one")
	h.w.linked.linkFolder(dir)
	h.settle()
	test.Tap(h.overlayButton("Close"))
	h.w.stopWatching() // the other program's write must reach the edit, not the watcher
	h.settle()
	h.w.setColumns([]string{"title", "quality"})
	h.settle()
	id := h.w.res.ID(0)
	if h.cell(0, 0).Marked() {
		t.Fatal("an unchanged row is marked")
	}
	writeSeed(t, dir, "a.txt", 101, "Theirs on disk")
	disk, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	test.DoubleTap(h.cell(0, h.col("quality")))
	ed := h.w.table.Editor()
	if !ed.Active() {
		t.Fatal("no cell editor")
	}
	ed.Entry().SetText("77")
	ed.Entry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if ed.Active() {
		msg, _ := ed.Message()
		t.Errorf("the cell editor stays open with %q", msg)
	}
	if text := h.overlayText(); !strings.Contains(text, file+" changed on disk") ||
		!strings.Contains(text, "your edit is not applied") {
		t.Fatalf("no changed-on-disk dialog:\n%s", text)
	}
	if got, _ := os.ReadFile(file); string(got) != string(disk) {
		t.Fatal("the refused edit wrote the file")
	}
	if !h.cell(0, 0).Marked() {
		t.Error("the row whose file changed on disk is not marked")
	}
	if h.cell(0, 1).Marked() {
		t.Error("a cell after the first is marked")
	}
	test.Tap(h.overlayButton("Show diff"))
	h.settle()
	if diff := h.overlayRichText(); !strings.Contains(diff, "-quality: 10") || !strings.Contains(diff, "+quality: 77") {
		t.Errorf("the diff does not show the edit against the file on disk:\n%s", diff)
	}
	test.Tap(h.overlayButton("Close"))
	test.Tap(h.overlayButton("Keep mine"))
	h.settle()
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "quality: 77\n") || strings.Contains(string(got), "Theirs on disk") {
		t.Errorf("Keep mine wrote:\n%s", got)
	}
	if q := h.get(id).Quality; q != 77 {
		t.Errorf("quality %d in the index, want 77", q)
	}
	h.settle()
	if h.cell(0, 0).Marked() {
		t.Error("the row is still marked after Keep mine")
	}
}
