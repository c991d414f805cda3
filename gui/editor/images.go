package editor

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// Thumbnail sizes: the article's image row and the related cards.
var (
	rowThumb   = fyne.NewSize(112, 84)
	smallThumb = fyne.NewSize(88, 66)
)

// imageRow shows the thumbnails of every image the article references.
type imageRow struct {
	e     *Editor
	urls  []string
	box   *fyne.Container
	empty *widget.Label
	obj   fyne.CanvasObject
}

func newImageRow(e *Editor) *imageRow {
	r := &imageRow{e: e, box: container.New(widgets.NewFlowLayout())}
	r.empty = widget.NewLabel("No images.")
	r.empty.Importance = widget.LowImportance
	r.obj = container.NewStack(r.empty, r.box)
	return r
}

// set shows refs, rebuilding the thumbnails only when the URLs changed.
func (r *imageRow) set(refs []seedfile.ImageRef) {
	if !r.e.setThumbs(r.box, &r.urls, refs, rowThumb, r.box.Objects == nil) {
		return
	}
	r.empty.Hidden = len(refs) > 0
	r.empty.Refresh()
}

// setThumbs puts thumbnails of refs in box, stopping the old ones, unless
// shown already holds their URLs (and not force); it records the URLs in
// shown and reports whether it rebuilt the thumbnails.
func (e *Editor) setThumbs(box *fyne.Container, shown *[]string, refs []seedfile.ImageRef, size fyne.Size, force bool) bool {
	urls := make([]string, len(refs))
	for i, ref := range refs {
		urls[i] = ref.URL
	}
	if slices.Equal(urls, *shown) && !force {
		return false
	}
	*shown = urls
	for _, o := range box.Objects {
		o.(*widgets.Thumbnail).Stop()
	}
	objs := make([]fyne.CanvasObject, len(refs))
	for i, ref := range refs {
		objs[i] = e.newThumb(ref, size)
	}
	box.Objects = objs
	box.Refresh()
	return true
}

// newThumb returns a thumbnail of img that opens the preview when tapped.
func (e *Editor) newThumb(img seedfile.ImageRef, size fyne.Size) *widgets.Thumbnail {
	t := widgets.NewThumbnail(e.thumbs, size)
	t.Runner = e.run
	t.OnTapped = func() { e.showImage(img) }
	t.SetURL(img.URL)
	return t
}

// showImage opens a dialog with a larger preview of img.
func (e *Editor) showImage(img seedfile.ImageRef) {
	if e.win == nil {
		return
	}
	details := img.Path
	if img.Width > 0 && img.Height > 0 {
		details = fmt.Sprintf("%d × %d px · %s", img.Width, img.Height, img.Path)
	}
	widgets.ShowImagePreview(e.win, e.thumbs, e.run, img.URL, details)
}

// Thumbnails returns the thumbnails of the Images row: every image the
// article references, in document order (related cards repeat theirs).
func (e *Editor) Thumbnails() []*widgets.Thumbnail {
	return thumbsOf(e.v.images.box.Objects)
}

// ReloadImages loads the thumbnails not shown again (after images were
// fetched into the archive).
func (e *Editor) ReloadImages() {
	all := e.Thumbnails()
	for _, c := range e.v.related.cards {
		all = append(all, thumbsOf(c.thumbs.Objects)...)
	}
	for _, t := range all {
		if t.State() != widgets.ThumbLoaded {
			t.Reload()
		}
	}
}

func thumbsOf(objs []fyne.CanvasObject) []*widgets.Thumbnail {
	out := make([]*widgets.Thumbnail, len(objs))
	for i, o := range objs {
		out[i] = o.(*widgets.Thumbnail)
	}
	return out
}
