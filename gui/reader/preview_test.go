package reader

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/gui/internal/uitree"
	"github.com/seedarchive/seedarchive/gui/widgets"
)

// overlayThumbs lists the thumbnails shown in w's overlays (dialogs).
func overlayThumbs(w fyne.Window) []*widgets.Thumbnail {
	var out []*widgets.Thumbnail
	for _, o := range w.Canvas().Overlays().List() {
		uitree.Walk(o, func(o fyne.CanvasObject) bool {
			th, ok := o.(*widgets.Thumbnail)
			if ok {
				out = append(out, th)
			}
			return !ok
		})
	}
	return out
}

func TestReaderImageOpensPreview(t *testing.T) {
	r, q, ids, w := newReader(t)
	r.ShowArticle(ids[0])
	settle(t, r.run, q)
	th := r.images.Objects[0].(*widgets.Thumbnail)
	test.Tap(th) // without a window: nothing happens
	if len(overlayThumbs(w)) != 0 {
		t.Fatal("a preview opened without Win")
	}
	r.Win = w
	test.Tap(th)
	settle(t, r.run, q)
	got := overlayThumbs(w)
	if len(got) != 1 || got[0].URL() != th.URL() || got[0].State() != widgets.ThumbLoaded {
		t.Fatalf("preview thumbnails %v", got)
	}
	if got[0].MinSize().Width <= th.MinSize().Width {
		t.Errorf("preview %v is not larger than the thumbnail %v", got[0].MinSize(), th.MinSize())
	}
}

func TestReaderClear(t *testing.T) {
	r, q, ids, _ := newReader(t)
	r.ShowArticle(ids[0])
	settle(t, r.run, q)
	r.Clear()
	if r.ID() != 0 || !r.message.Visible() || r.message.Text != placeholder || r.scroll.Visible() || len(r.images.Objects) != 0 {
		t.Fatalf("after Clear: id %d message %q", r.ID(), r.message.Text)
	}
	r.ShowArticle(ids[1])
	r.Clear() // the load running is dropped
	settle(t, r.run, q)
	if r.ID() != 0 || r.scroll.Visible() {
		t.Fatalf("a load finished after Clear shows %d", r.ID())
	}
}
