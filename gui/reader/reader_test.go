package reader

import (
	"context"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/internal/uiqueue"
	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

type uiQueue = uiqueue.Queue

// settle runs queued UI funcs until nothing is pending.
func settle(t *testing.T, r *widgets.Runner, q *uiQueue) {
	t.Helper()
	q.Settle(t, r.Pending, 10*time.Second)
}

// colourSource serves a plain image for every URL.
type colourSource struct{}

func (colourSource) Thumbnail(context.Context, string) (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.White)
	return img, nil
}

// newReader opens an archive with the sample article and a reader on it.
func newReader(t *testing.T) (*Reader, *uiQueue, []int64, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	text, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := storage.Open(filepath.Join(t.TempDir(), "archive.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	var ids []int64
	for i, body := range []string{"", "\nSecond article.\n"} {
		doc, err := seedfile.Parse(append(text, body...))
		if err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if err := doc.Set("title", "The second one"); err != nil {
				t.Fatal(err)
			}
		}
		id, err := a.Insert(context.Background(), filepath.Join("000", string(rune('a'+i))+".txt"), doc)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	q := &uiQueue{}
	r := New(a, colourSource{})
	r.run.Do = q.Do
	w := test.NewWindow(r)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(700, 900))
	return r, q, ids, w
}

func TestReaderShowsArticle(t *testing.T) {
	r, q, ids, _ := newReader(t)
	var shown []int64
	r.OnShown = func(id int64) { shown = append(shown, id) }
	r.ShowArticle(ids[0])
	settle(t, r.run, q)
	if r.ID() != ids[0] || !slices.Equal(shown, ids[:1]) {
		t.Fatalf("id %d shown %v", r.ID(), shown)
	}
	if r.title.Text != "A perspective on the study of artificial and biological neural networks" {
		t.Fatalf("title = %q", r.title.Text)
	}
	if r.title.SizeName != "headingText" {
		t.Fatal("title is not large")
	}
	if meta := widgets.CaptionText(r.meta); !strings.HasPrefix(meta, "Medical Xpress · ") || !strings.Contains(meta, "2020") || !strings.HasSuffix(meta, " · news") {
		t.Fatalf("meta = %q", meta)
	}
	if got := r.topics.Items(); !slices.Equal(got, []string{"AI", "Machine Learning"}) {
		t.Fatalf("topics = %v", got)
	}
	if !strings.HasPrefix(r.excerpt.Text, "In recent years") {
		t.Fatalf("excerpt = %q", r.excerpt.Text)
	}
	if len(r.images.Objects) != 1 || r.images.Objects[0].(*widgets.Thumbnail).State() != widgets.ThumbLoaded {
		t.Fatalf("thumbnails = %d", len(r.images.Objects))
	}
	var body strings.Builder
	for _, s := range r.body.Segments {
		body.WriteString(s.Textual())
	}
	if !strings.Contains(body.String(), "Findings") || r.body.Hidden {
		t.Fatalf("body = %q", body.String())
	}
	if len(r.related.Objects) != 2 || r.relHead.Hidden {
		t.Fatalf("%d related cards", len(r.related.Objects))
	}
	card := test.LaidOutObjects(r.related.Objects[1])
	var texts []string
	for _, o := range card {
		switch o := o.(type) {
		case *widget.Label:
			texts = append(texts, o.Text)
		case *widget.RichText:
			texts = append(texts, widgets.CaptionText(o))
		}
	}
	if !slices.Contains(texts, "Deep learning meets neuroscience") || !slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, "Example Org · ") }) {
		t.Fatalf("related card texts = %q", texts)
	}
}

func TestReaderNavigation(t *testing.T) {
	r, q, ids, w := newReader(t)
	r.ShowArticle(ids[0])
	settle(t, r.run, q)
	if !r.prev.Hidden || !r.next.Hidden || r.HandleKey(&fyne.KeyEvent{Name: fyne.KeyRight}) {
		t.Fatal("navigation offered without callbacks")
	}
	var moves []string
	r.OnNext = func() { moves = append(moves, "next"); r.ShowArticle(ids[1]) }
	r.OnPrev = func() { moves = append(moves, "prev"); r.ShowArticle(ids[0]) }
	r.ShowArticle(ids[0])
	settle(t, r.run, q)
	if r.prev.Hidden || r.next.Hidden {
		t.Fatal("navigation buttons hidden")
	}
	test.Tap(r) // focuses the reader
	if w.Canvas().Focused() != r {
		t.Fatal("tapping did not focus the reader")
	}
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	settle(t, r.run, q)
	if r.ID() != ids[1] || r.title.Text != "The second one" {
		t.Fatalf("after Right: id %d title %q", r.ID(), r.title.Text)
	}
	test.Type(r, "k")
	settle(t, r.run, q)
	if r.HandleKey(&fyne.KeyEvent{Name: fyne.KeyA}) {
		t.Fatal("A handled as navigation")
	}
	if !r.HandleKey(&fyne.KeyEvent{Name: fyne.KeyJ}) {
		t.Fatal("J not handled")
	}
	settle(t, r.run, q)
	test.Tap(r.prev)
	settle(t, r.run, q)
	if want := []string{"next", "prev", "next", "prev"}; !slices.Equal(moves, want) {
		t.Fatalf("moves = %v, want %v", moves, want)
	}
	if r.ID() != ids[0] {
		t.Fatalf("ended on %d", r.ID())
	}
}

func TestReaderMissingArticle(t *testing.T) {
	r, q, _, _ := newReader(t)
	r.ShowArticle(424242) // deleted meanwhile: the reader shows nothing
	settle(t, r.run, q)
	if r.ID() != 0 || !r.message.Visible() || r.message.Text != placeholder || r.scroll.Visible() {
		t.Fatalf("message %q", r.message.Text)
	}
}

func TestReaderTopicTap(t *testing.T) {
	r, q, ids, _ := newReader(t)
	var tapped string
	r.OnTopicTapped = func(s string) { tapped = s }
	r.ShowArticle(ids[0])
	settle(t, r.run, q)
	test.Tap(r.topics.Chips()[1])
	if tapped != "Machine Learning" {
		t.Fatalf("tapped %q", tapped)
	}
}
