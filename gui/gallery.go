package gui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/images"
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
	thumbs  *swapSource
	syncing bool // selecting the focused card from code
}

func newGalleryView(w *Window) *galleryView {
	g := &galleryView{w: w, pages: map[int][]galleryItem{}, loading: map[int]bool{}, thumbs: &swapSource{}}
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

// setSource uses a new thumbnail source (a new archive).
func (g *galleryView) setSource(src widgets.ThumbnailSource) {
	g.thumbs.set(src)
	g.reload()
}

// reload drops the cached cards (the result or the articles changed).
func (g *galleryView) reload() {
	g.seq++
	g.pages, g.loading = map[int][]galleryItem{}, map[int]bool{}
	g.grid.Refresh()
}

func (g *galleryView) create() fyne.CanvasObject {
	th := widgets.NewThumbnail(g.thumbs, fyne.NewSize(220, 150))
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
		title.SetText("…")
		provider.SetText("")
		th.SetURL("")
		return
	}
	title.SetText(it.title)
	provider.SetText(it.provider)
	th.SetURL(it.image)
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

// galleryItems lists one page of cards; the first image of each article
// comes from its document (rows do not carry image URLs).
func galleryItems(ctx context.Context, arc *storage.Archive, opts storage.ListOptions) ([]galleryItem, error) {
	rows, err := arc.List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	items := make([]galleryItem, len(rows))
	for i, r := range rows {
		items[i] = galleryItem{id: r.ID, title: r.Title, provider: r.ProviderName}
		if r.ImageCount == 0 {
			continue
		}
		rec, err := arc.Get(ctx, r.ID)
		if err != nil {
			return nil, fmt.Errorf("load article %d: %w", r.ID, err)
		}
		if refs := rec.Doc.Images(); len(refs) > 0 {
			items[i].image = refs[0].URL
		}
	}
	return items, nil
}

// thumbSource serves thumbnails from the archive's image cache (never the
// network): images not fetched yet show as pending.
type thumbSource struct{ f *images.Fetcher }

// Thumbnail returns the cached thumbnail of url.
func (s thumbSource) Thumbnail(ctx context.Context, url string) (image.Image, error) {
	img, _, err := s.f.Thumbnail(ctx, url)
	if errors.Is(err, images.ErrNotCached) || errors.Is(err, storage.ErrNotFound) {
		return nil, fmt.Errorf("%w: %w", widgets.ErrPending, err)
	}
	return img, err
}

// swapSource is a thumbnail source that can be switched (when another
// archive is opened) under thumbnails that already exist.
type swapSource struct {
	mu  sync.Mutex
	src widgets.ThumbnailSource
}

func (s *swapSource) set(src widgets.ThumbnailSource) {
	s.mu.Lock()
	s.src = src
	s.mu.Unlock()
}

// Thumbnail asks the current source.
func (s *swapSource) Thumbnail(ctx context.Context, url string) (image.Image, error) {
	s.mu.Lock()
	src := s.src
	s.mu.Unlock()
	if src == nil {
		return nil, widgets.ErrPending
	}
	return src.Thumbnail(ctx, url)
}
