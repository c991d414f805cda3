package reader

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// Store is the part of the archive the reader uses; *storage.Archive has it.
type Store interface {
	Get(ctx context.Context, id int64) (*storage.Record, error)
}

var _ Store = (*storage.Archive)(nil)

// Reader shows one article for reading. Create it with New and show an
// article with ShowArticle (Show, without arguments, is the CanvasObject
// method every widget has). It is focusable: while focused, Right/J/N call OnNext
// and Left/K/P call OnPrev; a window can also pass keys to HandleKey. All
// methods must be called on the UI goroutine.
type Reader struct {
	widget.BaseWidget

	// OnNext and OnPrev move to the next and previous article (the window
	// knows the list); a nil callback hides its button.
	OnNext, OnPrev func()
	// OnTopicTapped, when set, makes topic chips tappable.
	OnTopicTapped func(topic string)
	// OnShown is called when an article has been loaded and shown.
	OnShown func(id int64)
	// Win parents the preview a tapped image opens; nil: taps do nothing.
	Win fyne.Window

	store  Store
	thumbs widgets.ThumbnailSource
	run    *widgets.Runner
	id     int64
	gen    uint64

	title   *widget.Label
	meta    *widget.RichText
	topics  *widgets.ChipList
	excerpt *widget.Label
	images  *fyne.Container
	body    *widget.RichText
	related *fyne.Container
	relHead *widget.Label
	message *widget.Label
	prev    *widget.Button
	next    *widget.Button
	scroll  *container.Scroll
	page    fyne.CanvasObject
	root    *fyne.Container
	focused bool
}

var (
	_ fyne.Focusable = (*Reader)(nil)
	_ fyne.Tappable  = (*Reader)(nil)
)

// New returns an empty reader on store; thumbs may be nil (placeholders).
func New(store Store, thumbs widgets.ThumbnailSource) *Reader {
	r := &Reader{store: store, thumbs: thumbs, run: widgets.NewRunner()}
	r.ExtendBaseWidget(r)
	r.build()
	r.showMessage(placeholder, false)
	return r
}

// placeholder is what the reader shows while no article is loaded.
const placeholder = "Select an article to read it here."

// CreateRenderer is part of fyne.Widget.
func (r *Reader) CreateRenderer() fyne.WidgetRenderer {
	r.ExtendBaseWidget(r)
	return widget.NewSimpleRenderer(r.root)
}

// ID returns the id of the article shown, 0 if none.
// UseRunner makes the reader load on r, the runner the window shares with
// its other views, instead of one of its own. Call it before the first
// ShowArticle.
func (r *Reader) UseRunner(run *widgets.Runner) { r.run = run }

func (r *Reader) ID() int64 { return r.id }

// ShowArticle loads article id off the UI goroutine and shows it.
func (r *Reader) ShowArticle(id int64) {
	r.gen++
	gen := r.gen
	r.run.Go(func() func() {
		rec, err := r.store.Get(context.Background(), id)
		return func() {
			if gen != r.gen {
				return
			}
			if errors.Is(err, storage.ErrNotFound) {
				r.Clear()
				return
			}
			if err != nil {
				r.id = 0
				r.showMessage(fmt.Sprintf("Could not open article %d: %v", id, err), true)
				return
			}
			r.id = id
			r.fill(rec.Doc)
			if r.OnShown != nil {
				r.OnShown(id)
			}
		}
	})
}

// Clear shows no article, only the placeholder (the article shown was
// deleted); a running load is dropped.
func (r *Reader) Clear() {
	r.gen++
	r.id = 0
	r.fillImages(nil)
	r.showMessage(placeholder, false)
}

// HandleKey runs the navigation keys and reports whether ev was one.
func (r *Reader) HandleKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyRight, fyne.KeyJ, fyne.KeyN:
		return call(r.OnNext)
	case fyne.KeyLeft, fyne.KeyK, fyne.KeyP:
		return call(r.OnPrev)
	case fyne.KeyHome:
		r.scroll.ScrollToTop()
		return true
	case fyne.KeyEnd:
		r.scroll.ScrollToBottom()
		return true
	}
	return false
}

func call(fn func()) bool {
	if fn == nil {
		return false
	}
	fn()
	return true
}

// TypedKey handles navigation keys while the reader has focus.
func (r *Reader) TypedKey(ev *fyne.KeyEvent) { r.HandleKey(ev) }

// TypedRune handles j/k/n/p typed as characters.
func (r *Reader) TypedRune(c rune) {
	switch c {
	case 'j', 'n':
		call(r.OnNext)
	case 'k', 'p':
		call(r.OnPrev)
	}
}

// FocusGained is part of fyne.Focusable.
func (r *Reader) FocusGained() { r.focused = true }

// FocusLost is part of fyne.Focusable.
func (r *Reader) FocusLost() { r.focused = false }

// Tapped focuses the reader so that the keys work.
func (r *Reader) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(r); c != nil {
		c.Focus(r)
	}
}

// fill shows doc.
func (r *Reader) fill(doc *seedfile.Document) {
	a := doc.Article()
	title := a.Title
	if title == "" {
		title = "Untitled article"
	}
	r.title.SetText(title)
	widgets.SetCaption(r.meta, joinNonEmpty(" · ", a.Provider.Name, localDate(a.PublishedDateTime), a.Category))
	r.topics.SetItems(a.Topics)
	r.topics.Hidden = len(a.Topics) == 0
	r.excerpt.SetText(a.Excerpt)
	r.excerpt.Hidden = a.Excerpt == ""
	r.fillImages(doc.Images())
	widgets.SetMarkdown(r.body, a.Body)
	r.body.Hidden = strings.TrimSpace(a.Body) == ""
	r.fillRelated(a.Related)
	r.prev.Hidden, r.next.Hidden = r.OnPrev == nil, r.OnNext == nil
	r.message.Hide()
	r.scroll.Show()
	r.scroll.ScrollToTop()
	r.root.Refresh()
}

// fillImages shows a thumbnail per image, stopping the old ones' loads.
func (r *Reader) fillImages(refs []seedfile.ImageRef) {
	for _, o := range r.images.Objects {
		o.(*widgets.Thumbnail).Stop()
	}
	objs := make([]fyne.CanvasObject, len(refs))
	for i, ref := range refs {
		t := widgets.NewThumbnail(r.thumbs, fyne.NewSize(144, 108))
		t.Runner = r.run
		t.OnTapped = func() { r.showImage(ref) }
		t.SetURL(ref.URL)
		objs[i] = t
	}
	r.images.Objects = objs
	r.images.Hidden = len(objs) == 0
	r.images.Refresh()
}

// showImage opens a larger preview of img.
func (r *Reader) showImage(img seedfile.ImageRef) {
	if r.Win == nil {
		return
	}
	details := ""
	if img.Width > 0 && img.Height > 0 {
		details = fmt.Sprintf("%d × %d px", img.Width, img.Height)
	}
	widgets.ShowImagePreview(r.Win, r.thumbs, r.run, img.URL, details)
}

// ReloadImages loads the thumbnails not shown again (after a fetch).
func (r *Reader) ReloadImages() {
	for _, o := range r.images.Objects {
		if t := o.(*widgets.Thumbnail); t.State() != widgets.ThumbLoaded {
			t.Reload()
		}
	}
}

// fillRelated shows a card per related article.
func (r *Reader) fillRelated(rel []seedfile.Related) {
	objs := make([]fyne.CanvasObject, 0, len(rel))
	for _, a := range rel {
		objs = append(objs, relatedCard(a))
	}
	r.related.Objects = objs
	r.related.Refresh()
	r.relHead.Hidden = len(objs) == 0
}

// relatedCard shows a related article: title, provider and date, a link.
func relatedCard(a seedfile.Related) fyne.CanvasObject {
	title := widget.NewLabel(a.Title)
	title.TextStyle = fyne.TextStyle{Bold: true}
	title.Wrapping = fyne.TextWrapWord
	meta := widgets.NewCaption(joinNonEmpty(" · ", a.Provider.Name, localDate(a.PublishedDateTime)), theme.SizeNameCaptionText)
	var right fyne.CanvasObject
	if u, err := url.Parse(a.WebURL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		open := widget.NewButtonWithIcon("", theme.ComputerIcon(), func() { _ = fyne.CurrentApp().OpenURL(u) })
		open.Importance = widget.LowImportance
		right = open
	}
	text := container.NewVBox(title, meta)
	return widgets.NewPanel(container.NewBorder(nil, nil, nil, right, text))
}

// localDate renders an RFC 3339 time as a local date and time, the text
// itself when it is not one.
func localDate(s string) string {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return s
	}
	return t.Local().Format("2 Jan 2006, 15:04")
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// showMessage replaces the page with a message.
func (r *Reader) showMessage(msg string, isErr bool) {
	widgets.SetMessage(r.message, msg, isErr)
	r.scroll.Hide()
}
