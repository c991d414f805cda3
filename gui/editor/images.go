package editor

import (
	"fmt"
	"net/url"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// Thumbnail sizes: the article's image row, related cards, the preview.
var (
	rowThumb     = fyne.NewSize(112, 84)
	smallThumb   = fyne.NewSize(88, 66)
	previewThumb = fyne.NewSize(360, 270)
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
	urls := make([]string, len(refs))
	for i, ref := range refs {
		urls[i] = ref.URL
	}
	if slices.Equal(urls, r.urls) && r.box.Objects != nil {
		return
	}
	r.urls = urls
	for _, o := range r.box.Objects {
		o.(*widgets.Thumbnail).Stop()
	}
	objs := make([]fyne.CanvasObject, len(refs))
	for i, ref := range refs {
		objs[i] = r.e.newThumb(ref, rowThumb)
	}
	r.box.Objects = objs
	r.box.Refresh()
	r.empty.Hidden = len(refs) > 0
	r.empty.Refresh()
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
	big := widgets.NewThumbnail(e.thumbs, previewThumb)
	big.Runner = e.run
	big.SetURL(img.URL)
	link := widget.NewLabel(img.URL)
	link.Truncation = fyne.TextTruncateEllipsis
	link.Selectable = true
	info := widget.NewLabel(fmt.Sprintf("%d × %d px · %s", img.Width, img.Height, img.Path))
	info.SizeName = theme.SizeNameCaptionText
	info.Importance = widget.LowImportance
	open := widget.NewButtonWithIcon("Open in browser", theme.ComputerIcon(), func() {
		if u, err := url.Parse(img.URL); err == nil {
			_ = fyne.CurrentApp().OpenURL(u)
		}
	})
	content := container.NewVBox(container.NewCenter(big), link, info, container.NewHBox(open))
	d := dialog.NewCustom("Image", "Close", content, e.win)
	d.SetOnClosed(big.Stop)
	d.Resize(fyne.NewSize(previewThumb.Width+2*theme.Padding()*4, d.MinSize().Height))
	d.Show()
}
