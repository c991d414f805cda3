package widgets

import (
	"context"
	"errors"
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// DefaultThumbSize is the size of a Thumbnail made with a zero size.
var DefaultThumbSize = fyne.NewSize(96, 72)

// Thumbnail shows the thumbnail of one image URL. It loads the image from its
// ThumbnailSource on a goroutine, cancels a stale load when it is given a new
// URL (so it can be recycled by lists and grids) and shows a rounded
// placeholder with a theme icon and a caption while the image is pending,
// loading or failed. Create it with NewThumbnail.
type Thumbnail struct {
	widget.BaseWidget

	// OnTapped, if set, is called when the thumbnail is tapped (on the UI thread).
	OnTapped func()
	// OnStateChanged, if set, is called after the state changes (on the UI thread).
	OnStateChanged func(ThumbState)
	// Runner runs the loads; nil uses a Runner posting with fyne.Do.
	Runner *Runner
	// Contain shows the whole image, letterboxed; by default the image
	// fills the thumbnail and its edges are cut. Set it before showing.
	Contain bool

	mu      sync.Mutex
	source  ThumbnailSource
	minSize fyne.Size
	url     string
	text    string // the text card's label, shown without a URL
	state   ThumbState
	img     image.Image
	err     error
	gen     uint64
	cancel  context.CancelFunc
}

var (
	_ fyne.Tappable      = (*Thumbnail)(nil)
	_ desktop.Cursorable = (*Thumbnail)(nil)
)

// NewThumbnail returns a thumbnail of the given minimum size (DefaultThumbSize
// if zero) that loads from src; src may be nil, which shows placeholders only.
func NewThumbnail(src ThumbnailSource, size fyne.Size) *Thumbnail {
	if size.IsZero() {
		size = DefaultThumbSize
	}
	t := &Thumbnail{source: src, minSize: size}
	t.ExtendBaseWidget(t)
	return t
}

// SetURL shows the image at url, starting a load; a running load of another
// URL is cancelled and its result ignored. An empty url shows the empty
// placeholder. Setting the URL already shown (or loading) does nothing.
func (t *Thumbnail) SetURL(url string) {
	t.mu.Lock()
	if url == t.url && t.state != ThumbEmpty && t.state != ThumbFailed {
		t.mu.Unlock()
		return
	}
	t.startLocked(url)
	t.mu.Unlock()
	t.changed()
}

// Reload loads the current URL again (after a failure or once it was fetched).
func (t *Thumbnail) Reload() {
	t.mu.Lock()
	t.startLocked(t.url)
	t.mu.Unlock()
	t.changed()
}

// SetTextCard sets what shows without a URL (an article without images):
// a calm tinted card with the label's initial, large, and the label under
// it, unlike the photo placeholders of pending and failed images. An empty
// label shows the plain empty placeholder.
func (t *Thumbnail) SetTextCard(label string) {
	t.mu.Lock()
	same := t.text == label
	t.text = label
	t.mu.Unlock()
	if !same {
		t.Refresh()
	}
}

// TextCard returns the label of the text card, shown while the state is
// ThumbEmpty ("" if none).
func (t *Thumbnail) TextCard() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.text
}

// SetSource replaces the source and reloads the current URL.
func (t *Thumbnail) SetSource(src ThumbnailSource) {
	t.mu.Lock()
	t.source = src
	t.startLocked(t.url)
	t.mu.Unlock()
	t.changed()
}

// SetMinSize changes the thumbnail's minimum size.
func (t *Thumbnail) SetMinSize(size fyne.Size) {
	t.mu.Lock()
	t.minSize = size
	t.mu.Unlock()
	t.Refresh()
}

// URL returns the URL shown.
func (t *Thumbnail) URL() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.url
}

// State returns what the thumbnail shows now.
func (t *Thumbnail) State() ThumbState {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.state
}

// Image returns the loaded image, or nil unless the state is ThumbLoaded.
func (t *Thumbnail) Image() image.Image {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.img
}

// Err returns why the image is not shown: the source's error while the
// state is ThumbPending or ThumbFailed, nil otherwise.
func (t *Thumbnail) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// Stop cancels a running load (call it when the thumbnail is discarded).
func (t *Thumbnail) Stop() {
	t.mu.Lock()
	if t.cancel != nil {
		t.cancel()
		t.cancel = nil
	}
	t.gen++
	if t.state == ThumbLoading {
		t.state = ThumbPending
	}
	t.mu.Unlock()
}

// MinSize returns the thumbnail's fixed minimum size.
func (t *Thumbnail) MinSize() fyne.Size {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.minSize
}

// Tapped calls OnTapped.
func (t *Thumbnail) Tapped(*fyne.PointEvent) {
	if t.OnTapped != nil {
		t.OnTapped()
	}
}

// Cursor shows a pointer when the thumbnail can be tapped.
func (t *Thumbnail) Cursor() desktop.Cursor {
	if t.OnTapped != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// CreateRenderer is part of fyne.Widget.
func (t *Thumbnail) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	return newThumbRenderer(t)
}

// startLocked begins showing url; t.mu must be held.
func (t *Thumbnail) startLocked(url string) {
	if t.cancel != nil {
		t.cancel()
		t.cancel = nil
	}
	t.gen++
	t.url = url
	t.img, t.err = nil, nil
	switch {
	case url == "":
		t.state = ThumbEmpty
		return
	case t.source == nil:
		t.state = ThumbPending
		return
	}
	t.state = ThumbLoading
	ctx, cancel := context.WithCancel(context.Background())
	t.cancel = cancel
	gen, src, run := t.gen, t.source, t.Runner
	if run == nil {
		run = defaultRunner
	}
	run.Go(func() func() { return t.load(ctx, gen, src, url) })
}

// defaultRunner serves thumbnails without their own Runner.
var defaultRunner = NewRunner()

// load runs off the UI thread; the func it returns applies the result.
func (t *Thumbnail) load(ctx context.Context, gen uint64, src ThumbnailSource, url string) func() {
	img, err := src.Thumbnail(ctx, url)
	state := ThumbLoaded
	switch {
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return nil
	case errors.Is(err, ErrPending):
		state, img = ThumbPending, nil
	case err != nil || img == nil:
		state, img = ThumbFailed, nil
		if err == nil {
			err = errors.New("no image")
		}
	}
	return func() {
		t.mu.Lock()
		if gen != t.gen {
			t.mu.Unlock()
			return
		}
		t.state, t.img, t.err, t.cancel = state, img, err, nil
		t.mu.Unlock()
		t.changed()
	}
}

// changed refreshes the widget and reports the new state.
func (t *Thumbnail) changed() {
	t.Refresh()
	if t.OnStateChanged != nil {
		t.OnStateChanged(t.State())
	}
}
