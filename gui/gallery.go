package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/storage"
)

// galleryPage is how many gallery cards one fetch covers.
const galleryPage = 48

// galleryItem is one card: an article's title, provider and first image.
type galleryItem struct {
	id              int64
	title, provider string
	image           string
}

// galleryView shows the current query's articles as a grid of thumbnail
// cards, virtualised with widget.GridWrap and fed page by page off the UI
// goroutine (the row order is the table's).
type galleryView struct {
	w       *Window
	grid    *widget.GridWrap
	pages   map[int][]galleryItem
	loading map[int]bool
	seq     int
	cells   []*widgets.Thumbnail // every card's thumbnail, for reloadThumbs
	syncing bool                 // selecting the focused card from code
}

func newGalleryView(w *Window) *galleryView {
	g := &galleryView{w: w, pages: map[int][]galleryItem{}, loading: map[int]bool{}}
	g.grid = widget.NewGridWrap(func() int { return w.pager.len() }, g.create, g.update)
	g.grid.OnSelected = func(i widget.GridWrapItemID) {
		if !g.syncing {
			w.table.selectRow(i, 0)
			g.follow() // a cancelled move keeps the old card selected
		}
	}
	return g
}

// follow selects the card of the table's focused article.
func (g *galleryView) follow() {
	if g.w.mode != viewGallery {
		return
	}
	g.syncing = true
	defer func() { g.syncing = false }()
	if c := g.w.table.cursor; c >= 0 {
		g.grid.Select(c)
	} else {
		g.grid.UnselectAll()
	}
}

// reload drops the cached cards (the result or the articles changed).
func (g *galleryView) reload() {
	g.seq++
	g.pages, g.loading = map[int][]galleryItem{}, map[int]bool{}
	g.grid.Refresh()
}

func (g *galleryView) create() fyne.CanvasObject {
	th := widgets.NewThumbnail(g.w.thumbs, fyne.NewSize(220, 150))
	g.cells = append(g.cells, th)
	title := widget.NewLabel("")
	title.Wrapping = fyne.TextWrapWord
	title.Truncation = fyne.TextTruncateEllipsis
	title.TextStyle.Bold = true
	provider := widget.NewLabel("")
	provider.SizeName = theme.SizeNameCaptionText
	provider.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(th, provider, nil, nil, title)
}

func (g *galleryView) update(i widget.GridWrapItemID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	title, provider := c.Objects[0].(*widget.Label), c.Objects[2].(*widget.Label)
	th := c.Objects[1].(*widgets.Thumbnail)
	it, ok := g.item(i)
	if !ok {
		setLabel(title, "…")
		setLabel(provider, "")
		th.SetTextCard("")
		th.SetURL("")
		return
	}
	setLabel(title, it.title)
	setLabel(provider, it.provider)
	th.OnTapped = func() { g.grid.Select(i) } // a tap on the image selects the card too
	card := it.provider                       // an article without images shows a text card
	if card == "" {
		card = it.title
	}
	th.SetTextCard(card)
	th.SetURL(it.image)
}

// setLabel changes a label's text only when it differs: a wrapped, cut label
// shapes its text again on every SetText, and the grid updates every shown
// card on each refresh.
func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// reloadThumbs loads the cards' thumbnails that are not shown again (after
// images were fetched).
func (g *galleryView) reloadThumbs() {
	for _, th := range g.cells {
		if th.URL() != "" && th.State() != widgets.ThumbLoaded {
			th.Reload()
		}
	}
}

// item returns card i, fetching its page if needed.
func (g *galleryView) item(i int) (galleryItem, bool) {
	n := i / galleryPage
	if items, ok := g.pages[n]; ok && i%galleryPage < len(items) {
		return items[i%galleryPage], true
	}
	if !g.loading[n] {
		g.fetch(n)
	}
	return galleryItem{}, false
}

func (g *galleryView) fetch(n int) {
	g.loading[n] = true
	seq, arc, opts := g.seq, g.w.arc, g.w.pager.opts
	opts.Offset, opts.Limit = n*galleryPage, galleryPage
	g.w.tasks.run(func() func() {
		items, err := galleryItems(context.Background(), arc, opts)
		return func() {
			if seq != g.seq {
				return
			}
			delete(g.loading, n)
			if err != nil {
				g.w.status.say("Gallery: " + err.Error())
				return
			}
			g.pages[n] = items
			g.grid.Refresh()
		}
	})
}

// galleryItems lists one page of cards; each row carries its first image.
func galleryItems(ctx context.Context, arc *storage.Archive, opts storage.ListOptions) ([]galleryItem, error) {
	rows, err := arc.List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	items := make([]galleryItem, len(rows))
	for i, r := range rows {
		items[i] = galleryItem{id: r.ID, title: r.Title, provider: r.ProviderName, image: r.FirstImage}
	}
	return items, nil
}
