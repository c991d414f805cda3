package widgets

import (
	"context"
	"errors"
	"image"
	"image/color"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/internal/uiqueue"
)

type uiQueue = uiqueue.Queue

// settle runs queued UI funcs until nothing is pending.
func settle(t *testing.T, r *Runner, q *uiQueue) {
	t.Helper()
	q.Settle(t, r.Pending, 5*time.Second)
}

func newTestRunner() (*Runner, *uiQueue) {
	q := &uiQueue{}
	return &Runner{Do: q.Do}, q
}

// fakeSource serves images by URL; "pending" and "broken" URLs fail, and
// "slow" blocks until its context is cancelled.
type fakeSource struct {
	mu    sync.Mutex
	calls []string
}

func (f *fakeSource) Thumbnail(ctx context.Context, url string) (image.Image, error) {
	f.mu.Lock()
	f.calls = append(f.calls, url)
	f.mu.Unlock()
	switch url {
	case "pending":
		return nil, ErrPending
	case "broken":
		return nil, errors.New("decode: not an image")
	case "slow":
		<-ctx.Done()
		return nil, ctx.Err()
	}
	img := image.NewRGBA(image.Rect(0, 0, 8, 6))
	img.Set(0, 0, color.RGBA{R: 255, A: 255})
	return img, nil
}

func TestThumbnailStates(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		name string
		src  ThumbnailSource
		url  string
		want ThumbState
	}{
		{"nil source shows pending placeholder", nil, "https://example.com/a.jpg", ThumbPending},
		{"empty url", &fakeSource{}, "", ThumbEmpty},
		{"loaded", &fakeSource{}, "https://example.com/a.jpg", ThumbLoaded},
		{"pending", &fakeSource{}, "pending", ThumbPending},
		{"failed", &fakeSource{}, "broken", ThumbFailed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, q := newTestRunner()
			th := NewThumbnail(tc.src, fyne.Size{})
			th.Runner = r
			w := test.NewWindow(th)
			defer w.Close()
			th.SetURL(tc.url)
			settle(t, r, q)
			if got := th.State(); got != tc.want {
				t.Fatalf("state = %v, want %v", got, tc.want)
			}
			if (th.Image() != nil) != (tc.want == ThumbLoaded) {
				t.Fatalf("image = %v for state %v", th.Image(), tc.want)
			}
			caption := captionOf(th)
			switch tc.want {
			case ThumbPending, ThumbFailed:
				if caption != tc.want.String() {
					t.Fatalf("caption = %q, want %q", caption, tc.want.String())
				}
			case ThumbLoaded:
				if caption != "" {
					t.Fatalf("caption %q shown over a loaded image", caption)
				}
			}
		})
	}
}

// captionOf returns the visible placeholder caption of a thumbnail.
func captionOf(th *Thumbnail) string {
	r := test.WidgetRenderer(th).(*thumbRenderer)
	if !r.caption.Visible() {
		return ""
	}
	return r.caption.Text
}

func TestThumbnailReuseCancelsStaleLoad(t *testing.T) {
	test.NewTempApp(t)
	r, q := newTestRunner()
	src := &fakeSource{}
	th := NewThumbnail(src, fyne.NewSize(40, 40))
	th.Runner = r
	th.SetURL("slow")
	if th.State() != ThumbLoading {
		t.Fatalf("state = %v, want loading", th.State())
	}
	th.SetURL("https://example.com/b.jpg")
	settle(t, r, q)
	if th.State() != ThumbLoaded || th.URL() != "https://example.com/b.jpg" {
		t.Fatalf("state %v url %q after reuse", th.State(), th.URL())
	}
	src.mu.Lock()
	defer src.mu.Unlock()
	if !slices.Equal(src.calls, []string{"slow", "https://example.com/b.jpg"}) &&
		!slices.Equal(src.calls, []string{"https://example.com/b.jpg", "slow"}) {
		t.Fatalf("calls = %v", src.calls)
	}
}

func TestThumbnailTap(t *testing.T) {
	test.NewTempApp(t)
	th := NewThumbnail(nil, fyne.Size{})
	tapped := 0
	th.OnTapped = func() { tapped++ }
	test.Tap(th)
	if tapped != 1 {
		t.Fatalf("tapped %d times", tapped)
	}
}

func TestChipListEditing(t *testing.T) {
	test.NewTempApp(t)
	l := NewEditableChipList([]string{"AI", "Law"}, "Add topic")
	l.SetSuggestions([]string{"AI", "Agriculture", "Machine Learning", "Law", "Space"})
	var added, removed []string
	l.OnAdded = func(v string) { added = append(added, v) }
	l.OnRemoved = func(v string) { removed = append(removed, v) }
	w := test.NewWindow(l)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 200))

	// Typing offers completions, minus the values already present.
	test.Type(l.EntryWidget(), "a")
	if got := l.Matches(); !slices.Equal(got, []string{"Agriculture", "Machine Learning", "Space"}) {
		t.Fatalf("matches for a = %v", got)
	}
	// The first completion is highlighted; Enter adds it and clears the entry.
	if !l.SuggestionChips()[0].Highlighted {
		t.Fatal("the first completion is not highlighted")
	}
	l.EntryWidget().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if l.Entry().Text != "" || !slices.Equal(l.Items(), []string{"AI", "Law", "Agriculture"}) {
		t.Fatalf("after Enter: text %q items %v", l.Entry().Text, l.Items())
	}
	// A new value is allowed once chosen; a case-insensitive match takes the suggestion's spelling.
	test.Type(l.EntryWidget(), "space")
	l.EntryWidget().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(l.EntryWidget(), "Quantum")
	l.EntryWidget().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // the "+ New “Quantum”" entry
	l.EntryWidget().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	// Duplicates are refused.
	test.Type(l.EntryWidget(), "ai")
	l.EntryWidget().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if want := []string{"AI", "Law", "Agriculture", "Space", "Quantum"}; !slices.Equal(l.Items(), want) {
		t.Fatalf("items = %v, want %v", l.Items(), want)
	}
	// Tapping a completion adds it.
	l.Entry().SetText("")
	test.Type(l.EntryWidget(), "mach")
	test.Tap(l.SuggestionChips()[0])
	// The close button removes a chip.
	closeBtn := test.WidgetRenderer(l.Chips()[1]).(*chipRenderer).close
	test.Tap(closeBtn)
	if want := []string{"AI", "Agriculture", "Space", "Quantum", "Machine Learning"}; !slices.Equal(l.Items(), want) {
		t.Fatalf("items = %v, want %v", l.Items(), want)
	}
	if !slices.Equal(added, []string{"Agriculture", "Space", "Quantum", "Machine Learning"}) || !slices.Equal(removed, []string{"Law"}) {
		t.Fatalf("added %v removed %v", added, removed)
	}
}

func TestChipListReadOnly(t *testing.T) {
	test.NewTempApp(t)
	l := NewChipList([]string{"AI", "Law"})
	var tapped string
	l.OnTapped = func(v string) { tapped = v }
	l.SetItems([]string{"AI", "Law"}) // rebuild with OnTapped set
	if l.EntryWidget() != nil || l.Entry() != nil {
		t.Fatal("read-only list has an entry")
	}
	for _, c := range l.Chips() {
		if c.OnRemove != nil {
			t.Fatalf("chip %q is removable", c.Text)
		}
	}
	test.Tap(l.Chips()[1])
	if tapped != "Law" {
		t.Fatalf("tapped %q", tapped)
	}
}

func TestChipListShortcutHook(t *testing.T) {
	test.NewTempApp(t)
	l := NewEditableChipList(nil, "")
	var got fyne.Shortcut
	l.OnShortcut = func(s fyne.Shortcut) bool { got = s; return true }
	l.EntryWidget().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutUndo{})
	if _, ok := got.(*fyne.ShortcutUndo); !ok {
		t.Fatalf("OnShortcut got %v", got)
	}
}

func TestChipListFocusHook(t *testing.T) {
	test.NewTempApp(t)
	l := NewEditableChipList(nil, "")
	other := widget.NewEntry()
	w := test.NewWindow(container.NewVBox(l, other))
	defer w.Close()
	var got []bool
	l.OnFocusChanged = func(gained bool) { got = append(got, gained) }
	w.Canvas().Focus(l.EntryWidget())
	w.Canvas().Focus(other)
	if len(got) != 2 || !got[0] || got[1] {
		t.Fatalf("OnFocusChanged heard %v, want [true false]", got)
	}
}

func TestFlowLayoutWraps(t *testing.T) {
	box := func() fyne.CanvasObject {
		r := canvas.NewRectangle(color.Black)
		r.SetMinSize(fyne.NewSize(40, 20))
		return r
	}
	l := &FlowLayout{HGap: 4, VGap: 4}
	objs := []fyne.CanvasObject{box(), box(), box(), box(), box()}
	if got := l.MinSize(objs); got != fyne.NewSize(40, 20) {
		t.Fatalf("min size before layout = %v, want one row", got)
	}
	l.Layout(objs, fyne.NewSize(100, 100)) // two per row: 40+4+40 = 84 <= 100
	wantPos := []fyne.Position{{X: 0, Y: 0}, {X: 44, Y: 0}, {X: 0, Y: 24}, {X: 44, Y: 24}, {X: 0, Y: 48}}
	for i, o := range objs {
		if o.Position() != wantPos[i] {
			t.Fatalf("object %d at %v, want %v", i, o.Position(), wantPos[i])
		}
	}
	if got := l.MinSize(objs); got != fyne.NewSize(40, 68) {
		t.Fatalf("min size after layout = %v, want 40x68", got)
	}
}

func TestMarkdownNeverLoadsImages(t *testing.T) {
	test.NewTempApp(t)
	rt := NewMarkdown("# Head\n\nText with ![a chart](https://example.com/c.png) inside.\n\n- item ![](https://example.com/d.png)\n")
	var walk func([]widget.RichTextSegment)
	links := 0
	walk = func(segs []widget.RichTextSegment) {
		for _, s := range segs {
			switch s := s.(type) {
			case *widget.ImageSegment:
				t.Fatalf("image segment %v left in place", s.Source)
			case *widget.HyperlinkSegment:
				links++
			case *widget.ParagraphSegment:
				walk(s.Texts)
			case *widget.ListSegment:
				walk(s.Items)
			}
		}
	}
	walk(rt.Segments)
	if links != 2 {
		t.Fatalf("found %d image links, want 2", links)
	}
	if rt.Wrapping != fyne.TextWrapWord {
		t.Fatal("markdown does not wrap")
	}
	_ = container.NewVBox(rt)
}

// TestChipListEnterTakesTheHighlightedSuggestion: typing "Neuro" with
// "Neuroscience" offered and pressing Enter adds Neuroscience, not "Neuro";
// a new value needs its own entry highlighted on purpose.
func TestChipListEnterTakesTheHighlightedSuggestion(t *testing.T) {
	test.NewTempApp(t)
	l := NewEditableChipList(nil, "Add topic")
	l.NewLabel = "New topic"
	l.SetSuggestions([]string{"Neuroscience", "Neurology", "Space"})
	w := test.NewWindow(l)
	defer w.Close()
	w.Resize(fyne.NewSize(500, 200))
	enter := func() { l.EntryWidget().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }
	down := func() { l.EntryWidget().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) }

	test.Type(l.EntryWidget(), "Neuro")
	chips := l.SuggestionChips()
	if len(chips) != 3 || chips[2].Text != "+ New topic “Neuro”" {
		t.Fatalf("offered %v", chipTexts(chips))
	}
	if !chips[0].Highlighted {
		t.Fatal("the first suggestion is not highlighted")
	}
	// Down moves to the next suggestion; Enter takes it.
	down()
	enter()
	if want := []string{"Neurology"}; !slices.Equal(l.Items(), want) {
		t.Fatalf("Down, Enter added %v, want %v", l.Items(), want)
	}
	// Enter takes the highlighted suggestion, not the typed text.
	test.Type(l.EntryWidget(), "Neuro")
	enter()
	if want := []string{"Neurology", "Neuroscience"}; !slices.Equal(l.Items(), want) {
		t.Fatalf("Enter added %v, want %v", l.Items(), want)
	}
	// With no suggestion left, Enter alone adds nothing: the new entry must be chosen.
	test.Type(l.EntryWidget(), "Neuro")
	enter()
	if len(l.Items()) != 2 || l.Entry().Text != "Neuro" {
		t.Fatalf("Enter on unchosen new value: items %v, text %q", l.Items(), l.Entry().Text)
	}
	down()
	if !l.SuggestionChips()[0].Highlighted {
		t.Fatal("Down did not highlight the new entry")
	}
	enter()
	if want := []string{"Neurology", "Neuroscience", "Neuro"}; !slices.Equal(l.Items(), want) {
		t.Fatalf("choosing the new entry added %v, want %v", l.Items(), want)
	}
}

func chipTexts(cs []*Chip) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Text)
	}
	return out
}
