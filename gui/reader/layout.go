package reader

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
)

// maxColumn is the widest the text column grows, for comfortable lines.
const maxColumn float32 = 760

// columnLayout centres its object in at most maxColumn of width.
type columnLayout struct{}

func (columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := fyne.Min(size.Width, maxColumn)
	objs[0].Move(fyne.NewPos((size.Width-w)/2, 0))
	objs[0].Resize(fyne.NewSize(w, size.Height))
}

// build creates the reader's widgets.
func (r *Reader) build() {
	r.title = widget.NewLabel("")
	r.title.TextStyle = fyne.TextStyle{Bold: true}
	r.title.SizeName = theme.SizeNameHeadingText
	r.title.Wrapping = fyne.TextWrapWord
	r.meta = widgets.NewCaption("", "")
	r.topics = widgets.NewChipList(nil)
	r.topics.OnTapped = func(t string) {
		if r.OnTopicTapped != nil {
			r.OnTopicTapped(t)
		}
	}
	r.excerpt = widget.NewLabel("")
	r.excerpt.Importance = widget.MediumImportance
	r.excerpt.Wrapping = fyne.TextWrapWord
	r.images = container.New(widgets.NewFlowLayout())
	r.body = widgets.NewMarkdown("")
	r.relHead = widget.NewLabel("Related articles")
	r.relHead.TextStyle = fyne.TextStyle{Bold: true}
	r.relHead.SizeName = theme.SizeNameSubHeadingText
	r.related = container.NewVBox()

	r.prev = widget.NewButtonWithIcon("Previous", theme.NavigateBackIcon(), func() { call(r.OnPrev) })
	r.next = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), func() { call(r.OnNext) })
	r.next.IconPlacement = widget.ButtonIconTrailingText
	r.prev.Importance, r.next.Importance = widget.LowImportance, widget.LowImportance
	nav := container.NewHBox(r.prev, layout.NewSpacer(), r.next)

	inset := func(o fyne.CanvasObject) fyne.CanvasObject {
		p := theme.InnerPadding() - theme.Padding()
		return container.New(layout.NewCustomPaddedLayout(0, 0, p, p), o)
	}
	page := container.NewVBox(
		nav,
		r.title, r.meta, inset(r.topics),
		r.excerpt, inset(r.images),
		widget.NewSeparator(),
		r.body,
		r.relHead, r.related,
	)
	r.page = container.New(columnLayout{}, container.NewPadded(page))
	r.scroll = container.NewVScroll(r.page)
	var msg fyne.CanvasObject
	r.message, msg = widgets.NewMessage("")
	r.root = container.NewStack(msg, r.scroll)
}
