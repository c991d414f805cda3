package gui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
)

// galleryView shows the results as a grid of thumbnail cards, virtualised
// with widget.GridWrap. It is a view of the window's results: card i is row
// i of the result model, drawn from the same pages the table reads, and a
// tap selects that row there; it keeps no rows of its own.
type galleryView struct {
	res     *results
	thumbs  widgets.ThumbnailSource
	shown   func() bool // the gallery is the view on screen
	grid    *widget.GridWrap
	cells   []*widgets.Thumbnail // every card's thumbnail, for reloadThumbs
	syncing bool                 // selecting the focused card from code
}

func newGalleryView(res *results, thumbs widgets.ThumbnailSource, shown func() bool) *galleryView {
	g := &galleryView{res: res, thumbs: thumbs, shown: shown}
	g.grid = widget.NewGridWrap(func() int { return res.Len() }, g.create, g.update)
	g.grid.OnSelected = func(i widget.GridWrapItemID) {
		if !g.syncing {
			res.SelectRow(i, 0)
			g.follow() // a cancelled move keeps the old card selected
		}
	}
	res.watch(g)
	return g
}

// follow selects the card of the focused article.
func (g *galleryView) follow() {
	if !g.shown() {
		return
	}
	g.syncing = true
	defer func() { g.syncing = false }()
	if c := g.res.cursor; c >= 0 {
		g.grid.Select(c)
	} else {
		g.grid.UnselectAll()
	}
}

// resultChanged redraws the cards of a new or reloaded result: a new search
// starts at the top.
func (g *galleryView) resultChanged(mode loadMode) {
	if !g.shown() {
		return
	}
	if mode == loadNew {
		g.grid.ScrollToTop()
	}
	g.grid.Refresh()
	g.follow()
}

// selectionChanged selects the focused article's card.
func (g *galleryView) selectionChanged(bool) { g.follow() }

// rowsArrived redraws the cards once their rows are read.
func (g *galleryView) rowsArrived(int, int) {
	if g.shown() {
		g.grid.Refresh()
	}
}

// counted redraws with the result's length.
func (g *galleryView) counted() {
	if g.shown() {
		g.grid.Refresh()
	}
}

func (g *galleryView) create() fyne.CanvasObject {
	th := widgets.NewThumbnail(g.thumbs, fyne.NewSize(220, 150))
	g.cells = append(g.cells, th)
	title := widget.NewLabel("")
	title.Wrapping = fyne.TextWrapWord
	title.Truncation = fyne.TextTruncateEllipsis
	title.TextStyle.Bold = true
	provider := widget.NewLabel("")
	provider.SizeName = theme.SizeNameCaptionText
	provider.Truncation = fyne.TextTruncateEllipsis
	card := container.NewBorder(th, provider, nil, nil, title)
	return container.NewStack(card, newGalleryWheel(g.grid))
}

func (g *galleryView) update(i widget.GridWrapItemID, o fyne.CanvasObject) {
	c := o.(*fyne.Container).Objects[0].(*fyne.Container)
	title, provider := c.Objects[0].(*widget.Label), c.Objects[2].(*widget.Label)
	th := c.Objects[1].(*widgets.Thumbnail)
	r := g.res.Row(i)
	if r == nil {
		setLabel(title, "…")
		setLabel(provider, "")
		th.SetTextCard("")
		th.SetURL("")
		return
	}
	setLabel(title, r.Title)
	setLabel(provider, r.ProviderName)
	th.OnTapped = func() { g.grid.Select(i) } // a tap on the image selects the card too
	card := r.ProviderName                    // an article without images shows a text card
	if card == "" {
		card = r.Title
	}
	th.SetTextCard(card)
	th.SetURL(r.FirstImage)
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

// galleryWheel lies over a card and scrolls the grid WheelStep a wheel
// notch, as the editor and the table do: the grid's own scroller moves
// 25 px a notch, a fifth of a card. It takes only wheel events, so taps and
// hovers reach the card below.
type galleryWheel struct {
	widget.BaseWidget
	grid *widget.GridWrap
}

var _ fyne.Scrollable = (*galleryWheel)(nil)

func newGalleryWheel(grid *widget.GridWrap) *galleryWheel {
	w := &galleryWheel{grid: grid}
	w.ExtendBaseWidget(w)
	return w
}

// Scrolled moves the grid by the scaled distance, within its content.
func (w *galleryWheel) Scrolled(ev *fyne.ScrollEvent) {
	w.grid.ScrollToOffset(w.grid.GetScrollOffset() - widgets.WheelDistance(ev.Scrolled.DY))
}

func (w *galleryWheel) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
