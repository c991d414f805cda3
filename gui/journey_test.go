package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// galleryCard is one gallery card as drawn: its title and its thumbnail.
type galleryCard struct {
	title string
	thumb *widgets.Thumbnail
}

// galleryCards lists the cards the gallery draws, by title.
func (h *harness) galleryCards() map[string]galleryCard {
	h.t.Helper()
	out := map[string]galleryCard{}
	walk(h.w.gallery.grid, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 3 {
			return
		}
		lb, ok1 := c.Objects[0].(*widget.Label)
		th, ok2 := c.Objects[1].(*widgets.Thumbnail)
		if ok1 && ok2 && lb.Text != "…" {
			out[lb.Text] = galleryCard{lb.Text, th}
		}
	})
	return out
}

// editorLoads reports the articles the editor loads from now on.
func (h *harness) editorLoads() chan int64 {
	loaded := make(chan int64, 16)
	h.w.onEditorLoaded = func(id int64) { loaded <- id }
	return loaded
}

// typeQuery types q into the search box as a person does and waits for the
// results (run at the pause in typing; Enter would also move on to them).
func (h *harness) typeQuery(q string) {
	h.t.Helper()
	h.w.search.entry.SetText("")
	test.Type(h.w.search.entry, q)
	h.settle()
}

// idOfTitle finds the stored article with a title.
func (h *harness) idOfTitle(title string) int64 {
	h.t.Helper()
	for id := range h.text {
		if h.get(id).Title == title {
			return id
		}
	}
	h.t.Fatalf("no article titled %q", title)
	return 0
}

// Issue 12 item 1: searching while the gallery is shown (or searching in the
// table, then switching) must show the new result's cards, and a tap on a
// card must open that card's article.
func TestJourneyGalleryShowsTheNewSearchAndOpensTheTappedCard(t *testing.T) {
	for _, switchAfter := range []bool{false, true} {
		name := "search in the gallery"
		if switchAfter {
			name = "search in the table, then switch back"
		}
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, sampleArts)
			h.w.content.setView(viewGallery)
			h.settle()
			if got := len(h.galleryCards()); got != len(sampleArts) {
				t.Fatalf("%d cards before the search", got)
			}
			if switchAfter {
				h.w.content.setView(viewTable)
				h.settle()
			}
			h.typeQuery("quality:>50")
			if switchAfter {
				h.w.content.setView(viewGallery)
				h.settle()
			}
			cards := h.galleryCards()
			want := map[string]bool{}
			for _, a := range sampleArts {
				if a.quality > 50 {
					want[a.title] = true
				}
			}
			if len(cards) != len(want) {
				t.Fatalf("cards %v, want the %d matches %v", keys(cards), len(want), want)
			}
			for title := range cards {
				if !want[title] {
					t.Fatalf("card %q is not a match of the search", title)
				}
			}
			loaded := h.editorLoads()
			for title := range want {
				id := h.idOfTitle(title)
				h.galleryCards()[title].thumb.OnTapped()
				h.waitLoaded(loaded, id)
				if got := h.w.editor.ID(); got != id {
					t.Fatalf("tapping %q opened #%d, want #%d", title, got, id)
				}
			}
		})
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// ctrl is Ctrl+key as the desktop driver delivers it.
func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl}
}

// retitleInEditor types a new title into the editor's title field and
// saves with Ctrl+S there, as a person does.
func (h *harness) retitleInEditor(title string) {
	h.t.Helper()
	h.w.editor.EditTitle()
	f, ok := h.w.win.Canvas().Focused().(interface {
		fyne.Focusable
		fyne.Shortcutable
	})
	if !ok {
		h.t.Fatal("the title field did not take the focus")
	}
	test.Type(f, title)
	f.TypedShortcut(ctrl(fyne.KeyS))
	h.settle()
}

// Issue 12 item 2: a saved edit is one step of the archive's history:
// Ctrl+Z in the editor after the save, the toolbar's Undo and Edit › Undo
// all undo it (the stored text is the original byte for byte), and redo
// brings it back; the Edit menu names the step.
func TestJourneySaveUndoRedo(t *testing.T) {
	for _, how := range []string{"Ctrl+Z in the editor", "toolbar", "Edit menu"} {
		t.Run(how, func(t *testing.T) {
			h := newHarness(t, sampleArts)
			loaded := h.editorLoads()
			h.typeQuery("quantum")
			h.click(0, 0, 0)
			id := h.idOfTitle("Quantum computing milestone")
			h.waitLoaded(loaded, id)
			original := h.bytesOf(id)

			h.retitleInEditor("Quantum computing, revised")
			if got := h.get(id).Title; got != "Quantum computing, revised" {
				t.Fatalf("stored title %q after Ctrl+S", got)
			}
			if h.w.tools.undoBtn.Disabled() {
				t.Fatal("the toolbar's Undo is grey after a save")
			}
			want := fmt.Sprintf("Undo Edit title of #%d", id)
			if got := h.w.menus.undoItem.Label; got != want {
				t.Fatalf("Edit menu says %q, want %q", got, want)
			}
			h.w.tools.undoBtn.MouseIn(&desktop.MouseEvent{})
			// The tip shows after table.HoverDelay; under -race on a loaded
			// machine its timer's callback can come late, so wait for it.
			drainUntil(t, h.q, func() bool { _, shown := h.w.tip.Visible(); return shown })
			if text, shown := h.w.tip.Visible(); !shown || text != want+" (Ctrl+Z)" {
				t.Errorf("the toolbar's Undo tip is %q (shown %v)", text, shown)
			}
			h.w.tools.undoBtn.MouseOut()
			undo := map[string]func(){
				"Ctrl+Z in the editor": func() {
					h.w.win.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
				},
				"toolbar":   func() { test.Tap(h.w.tools.undoBtn) },
				"Edit menu": func() { h.w.menus.undoItem.Action() },
			}[how]
			undo()
			h.settle()
			if got := h.bytesOf(id); got != original {
				t.Fatalf("after undo the stored text is not the original:\n%s\nwant\n%s", got, original)
			}
			if got := h.w.menus.redoItem.Label; got != fmt.Sprintf("Redo Edit title of #%d", id) {
				t.Errorf("Edit menu's redo says %q", got)
			}
			test.Tap(h.w.tools.redoBtn)
			h.settle()
			if got := h.get(id).Title; got != "Quantum computing, revised" {
				t.Fatalf("after redo the title is %q", got)
			}
			if h.w.editor.ID() != id || !strings.Contains(string(h.w.editor.Text()), "revised") {
				t.Errorf("the editor does not show the redone text")
			}
		})
	}
}

// A bulk action from the Articles menu over a multi-selection is one step:
// the toolbar's Undo takes it back for every article, byte for byte.
func TestJourneyBulkActionUndo(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.typeQuery("topic:AI")
	h.click(0, 0, 0)
	h.click(2, 0, fyne.KeyModifierShift)
	ids := h.w.res.selectedIDs()
	if len(ids) != 3 {
		t.Fatalf("%d selected, want the 3 AI articles", len(ids))
	}
	before := map[int64]string{}
	for _, id := range ids {
		before[id] = h.bytesOf(id)
	}
	h.w.bulk.askBulk("Add topic", "topic", h.w.bulk.addTopic)
	c := h.w.win.Canvas()
	test.Type(c.Focused(), "Reviewed")
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	for _, id := range ids {
		if !strings.Contains(h.bytesOf(id), "Reviewed") {
			t.Fatalf("#%d lacks the topic after the bulk action", id)
		}
	}
	if got := h.w.menus.undoItem.Label; got != "Undo Add topic Reviewed" {
		t.Errorf("Edit menu says %q", got)
	}
	test.Tap(h.w.tools.undoBtn)
	h.settle()
	for _, id := range ids {
		if got := h.bytesOf(id); got != before[id] {
			t.Fatalf("#%d after undo:\n%s\nwant\n%s", id, got, before[id])
		}
	}
}

// An import is one step of the history: undo removes the articles it
// inserted, redo brings them back (same ids).
func TestJourneyImportUndo(t *testing.T) {
	h := newHarness(t, sampleArts[:2])
	dir := t.TempDir()
	for i, a := range sampleArts[2:] {
		write(t, filepath.Join(dir, string(rune('a'+i))+".txt"), seedText(100+i, a))
	}
	h.w.transfers.importPaths([]string{dir}, nil)
	h.settle()
	if got := len(h.titles()); got != 5 {
		t.Fatalf("%d rows after the import", got)
	}
	if got := h.w.menus.undoItem.Label; got != "Undo Import 3 articles" {
		t.Errorf("Edit menu says %q", got)
	}
	all := h.w.res.IDs()
	imported := all.Int64s(0, all.Len())
	h.w.menus.undoAction()
	h.settle()
	if got := h.titles(); len(got) != 2 {
		t.Fatalf("rows after undoing the import: %q", got)
	}
	h.w.menus.redoAction()
	h.settle()
	all = h.w.res.IDs()
	if got := all.Int64s(0, all.Len()); !slices.Equal(got, imported) {
		t.Fatalf("ids after redo %v, want %v", got, imported)
	}
}

// firstItem taps the first item of the view shown, as a person does: the
// first row of the table, the first card of the gallery; the reading view
// starts at the first result by itself.
func (h *harness) firstItem() {
	h.t.Helper()
	switch h.w.content.mode {
	case viewTable:
		h.click(0, 0, 0)
	case viewGallery:
		title := h.w.res.Row(0).Title
		card, ok := h.galleryCards()[title]
		if !ok {
			h.t.Fatalf("no card for the first result %q", title)
		}
		card.thumb.OnTapped()
		h.settle()
	case viewReading:
		h.settle()
	}
}

// Issue 12's journeys: in each view, search, take the first item: the
// editor shows exactly that article; the other views show the same one.
func TestJourneyEachViewSearchFirstItemEditorAgree(t *testing.T) {
	for _, mode := range []viewMode{viewTable, viewGallery, viewReading} {
		t.Run(string(mode), func(t *testing.T) {
			h := newHarness(t, sampleArts)
			h.w.content.setView(mode)
			h.settle()
			loaded := h.editorLoads()
			h.typeQuery("category:science")
			want := h.w.res.ID(0)
			if got := h.get(want).Category; got != "science" {
				t.Fatalf("first result #%d is not a match (%s)", want, got)
			}
			h.firstItem()
			h.waitLoaded(loaded, want)
			if got := h.w.editor.ID(); got != want {
				t.Fatalf("editor shows #%d, want the first item #%d", got, want)
			}
			if !strings.Contains(string(h.w.editor.Text()), h.get(want).Title) {
				t.Fatal("the editor's text is not the first item's")
			}
			for _, other := range []viewMode{viewTable, viewGallery, viewReading} {
				h.w.content.setView(other)
				h.settle()
				if got := h.w.res.cursorID(); got != want {
					t.Fatalf("%s: focused #%d, want #%d", other, got, want)
				}
				if other == viewReading && h.w.reader.r.ID() != want {
					t.Fatalf("the reading view shows #%d, want #%d", h.w.reader.r.ID(), want)
				}
				if h.w.editor.ID() != want {
					t.Fatalf("%s: the editor moved to #%d", other, h.w.editor.ID())
				}
			}
		})
	}
}

// numbered is n articles titled "Article 000"… in order.
func numbered(n int) []art {
	out := make([]art, n)
	for i := range out {
		out[i] = art{fmt.Sprintf("Article %03d", i), "Press", "news", []string{"Topic"}, i % 100, false}
	}
	return out
}

// Issue 12 item 8: after a save under a sort the edited row moves, and the
// table follows it (the selection is kept by id).
func TestJourneySavedRowMovesAndTheTableFollows(t *testing.T) {
	h := newHarness(t, numbered(80))
	test.Tap(h.header(h.col("title")))
	h.settle()
	loaded := h.editorLoads()
	h.click(0, 0, 0)
	id := h.w.res.ID(0)
	h.waitLoaded(loaded, id)
	h.retitleInEditor("Zulu, the last")
	last := h.w.res.Len() - 1
	if got := h.w.res.cursorID(); got != id {
		t.Fatalf("focused #%d after the save, want #%d", got, id)
	}
	if h.w.res.cursor != last || h.w.res.ID(last) != id {
		t.Fatalf("the cursor is on row %d, want the saved row's new place %d", h.w.res.cursor, last)
	}
	tb := h.w.table
	if last < tb.Top() || last >= tb.Top()+tb.Fit() {
		t.Fatalf("the saved row %d is out of view (rows %d–%d shown)", last, tb.Top(), tb.Top()+tb.Fit()-1)
	}
	if got := shownCells(tb, h.col("title"))[last-tb.Top()]; got != "Zulu, the last" {
		t.Errorf("the focused row shows %q", got)
	}
	if sel := h.w.res.selectedIDs(); len(sel) != 1 || sel[0] != id {
		t.Errorf("selection %v, want only #%d", sel, id)
	}
}

// Issue 12 item 8: with several rows selected, the editor and the reading
// view show the same article, the focused one, and the editor says that
// several are selected; an article the search leaves out is told.
func TestJourneyMultiSelectionEditorAndReaderAgree(t *testing.T) {
	h := newHarness(t, sampleArts)
	loaded := h.editorLoads()
	h.click(0, 0, 0)
	h.click(2, 0, fyne.KeyModifierShift)
	want := h.w.res.ID(2)
	if h.w.editor.ID() != want {
		h.waitLoaded(loaded, want)
	}
	shown := make(chan int64, 8)
	h.w.content.setView(viewReading)
	h.w.reader.r.OnShown = func(id int64) { shown <- id }
	h.w.reader.follow()
	if h.w.reader.r.ID() != want {
		h.waitLoaded(shown, want)
	}
	if got := h.w.editor.ID(); got != want {
		t.Fatalf("editor #%d, reading view #%d", got, h.w.reader.r.ID())
	}
	if !h.w.pane.banner.Visible() || !strings.Contains(h.w.pane.banner.Text, "3 articles selected") {
		t.Errorf("banner %q", h.w.pane.banner.Text)
	}
	h.w.content.setView(viewTable) // the reading view would focus the first result
	h.typeQuery("city")
	if h.w.editor.ID() != want {
		t.Fatalf("the editor left #%d", want)
	}
	if !h.w.pane.banner.Visible() || !strings.Contains(h.w.pane.banner.Text, "not in the results") {
		t.Errorf("banner %q for an article the search leaves out", h.w.pane.banner.Text)
	}
}

// Issue 12 item 12: with nothing selected the editor pane sums up the
// results; the focused article is remembered when the archive is opened
// again.
func TestJourneySummaryAndRememberedSelection(t *testing.T) {
	h := newHarness(t, sampleArts)
	if h.w.pane.body.Objects[0] != h.w.pane.sumBox {
		t.Fatal("the editor pane does not show the summary with nothing selected")
	}
	if got := h.w.pane.title.Text; got != "5 articles in the archive" {
		t.Errorf("summary title %q", got)
	}
	if got := h.w.pane.summary.Text; !strings.Contains(got, "Topics: AI (3)") || !strings.Contains(got, "Providers: ") {
		t.Errorf("summary %q", got)
	}
	loaded := h.editorLoads()
	h.click(3, 0, 0)
	id := h.w.res.ID(3)
	h.waitLoaded(loaded, id)
	if h.w.pane.body.Objects[0] != h.w.editor {
		t.Fatal("the editor pane does not show the editor once an article is selected")
	}
	h.w.files.switchArchive(h.arc.Path())
	h.settle()
	t.Cleanup(func() { _ = h.w.arc.Close() })
	if got := h.w.res.cursorID(); got != id {
		t.Fatalf("after opening the archive again #%d is focused, want #%d", got, id)
	}
}

// Issue 13 item 15: a change another program makes while the window is
// open shows without a restart: the count, the rows and the facets follow,
// and the editor says its article changed under unsaved edits.
func TestJourneyAnotherProgramsChangesShow(t *testing.T) {
	old := pollEvery
	pollEvery = 20 * time.Millisecond
	t.Cleanup(func() { pollEvery = old })
	h := newHarness(t, sampleArts)
	other, err := storage.Open(h.arc.Path()) // as seedctl would
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	doc, err := seedfile.Parse([]byte(seedText(50, art{"Written by seedctl", "Wire", "news", []string{"AI"}, 10, false})))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Insert(context.Background(), "seedctl.txt", doc); err != nil {
		t.Fatal(err)
	}
	drainUntil(t, h.q, func() bool { return h.w.res.Len() == 6 && h.w.status.counts.Text == "6 of 6 articles" })
	h.settle()
	if !slices.Contains(h.titles(), "Written by seedctl") {
		t.Fatalf("rows %q", h.titles())
	}
	if row := facetRowOf(t, h.w.facets, "topic", "AI"); h.w.facets.sections[h.w.facets.rows[row].sec].values[h.w.facets.rows[row].value].Count != 4 {
		t.Error("the AI facet does not count the new article")
	}

	loaded := h.editorLoads()
	h.click(0, 0, 0)
	id := h.w.res.ID(0)
	h.waitLoaded(loaded, id)
	h.w.editor.EditTitle()
	test.Type(h.w.win.Canvas().Focused(), "Mine")
	if _, err := other.Edit(context.Background(), []int64{id}, func(_ int64, d *seedfile.Document) (bool, error) {
		return true, d.Set("title", "Theirs")
	}); err != nil {
		t.Fatal(err)
	}
	drainUntil(t, h.q, func() bool { return strings.Contains(h.overlayText(), "changed by another program") })
	if !h.w.editor.Dirty() {
		t.Error("the unsaved edits were dropped")
	}
	if got := h.get(id).Title; got != "Theirs" {
		t.Errorf("stored title %q", got)
	}
}
