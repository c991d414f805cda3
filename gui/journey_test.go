package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
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
// results.
func (h *harness) typeQuery(q string) {
	h.t.Helper()
	h.w.search.entry.SetText("")
	test.Type(h.w.search.entry, q)
	h.w.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
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
			h.w.setView(viewGallery)
			h.settle()
			if got := len(h.galleryCards()); got != len(sampleArts) {
				t.Fatalf("%d cards before the search", got)
			}
			if switchAfter {
				h.w.setView(viewTable)
				h.settle()
			}
			h.typeQuery("quality:>50")
			if switchAfter {
				h.w.setView(viewGallery)
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
