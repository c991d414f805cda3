package gui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/table"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// art describes a test article.
type art struct {
	title, provider, category string
	topics                    []string
	quality                   int
	published                 bool
}

// seedText renders a in the seeds' format; n makes its URL unique.
func seedText(n int, a art) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ncategory: %s\ntitle: %q\nexcerpt: \"About %s.\"\n", a.category, a.title, a.title)
	fmt.Fprintf(&b, "publishedDateTime: 2020-02-%02dT10:00:00Z\n", n%28+1)
	fmt.Fprintf(&b, "webUrl: \"https://example.com/news/%d\"\ntype: article\n", n)
	fmt.Fprintf(&b, "quality: %d\nheat: %d\npublished: %t\n\n", a.quality, n, a.published)
	fmt.Fprintf(&b, "provider:\n  name: %s\n  domain: %s.example\n", a.provider, strings.ToLower(strings.ReplaceAll(a.provider, " ", "")))
	if len(a.topics) > 0 {
		b.WriteString("\ntopics:\n")
		for _, t := range a.topics {
			fmt.Fprintf(&b, "  - %s\n", t)
		}
	}
	b.WriteString("---\nBody of the article.\n")
	return b.String()
}

// sampleArts is the small archive most tests use.
var sampleArts = []art{
	{"Neural networks explained", "Medical Xpress", "news", []string{"AI", "Machine Learning"}, 39, false},
	{"Quantum computing milestone", "Phys Org", "science", []string{"Physics"}, 80, true},
	{"Deep learning for proteins", "Nature", "science", []string{"AI", "Biology"}, 95, true},
	{"City council budget", "Local Times", "news", []string{"Politics"}, 20, false},
	{"Robots in the kitchen", "Tech Daily", "tech", []string{"AI", "Robotics"}, 55, false},
}

// harness is a window over a temporary archive with a queued UI.
type harness struct {
	t    *testing.T
	w    *Window
	arc  *storage.Archive
	ids  []int64
	tk   *tasks
	q    chan func()
	text map[int64]string
}

// newHarness opens a temporary archive holding arts and builds the window.
func newHarness(t *testing.T, arts []art) *harness {
	t.Helper()
	return newHarnessAt(t, filepath.Join(t.TempDir(), "test.db"), arts)
}

// newHarnessAt is newHarness with the archive at path.
func newHarnessAt(t *testing.T, path string, arts []art) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	// Tests never fetch images unless they ask to (TestFetchAfterImport).
	a.Preferences().SetBool(prefFetchAfterImport, false)
	a.Preferences().SetBool(prefFetchLocal, true) // the test image servers listen on 127.0.0.1
	arc, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, arc: arc, text: map[int64]string{}}
	for i, x := range arts {
		text := seedText(i+1, x)
		doc, err := seedfile.Parse([]byte(text))
		if err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
		id, err := arc.Insert(context.Background(), fmt.Sprintf("%03d.txt", i+1), doc)
		if err != nil {
			t.Fatal(err)
		}
		h.ids = append(h.ids, id)
		h.text[id] = text
	}
	h.tk, h.q = testTasks()
	h.w = newWindow(a, arc, h.tk)
	h.w.win.Resize(fyne.NewSize(1400, 860))
	h.settle()
	t.Cleanup(func() {
		h.w.stopWatching()
		h.settle()
		_ = arc.Close()
	})
	return h
}

func (h *harness) settle() { h.t.Helper(); settle(h.t, h.tk, h.q) }

// titles lists the titles of the rows the table shows, in order.
func (h *harness) titles() []string {
	h.t.Helper()
	var out []string
	for i := 0; i < h.w.res.Len(); i++ {
		r := h.w.res.Row(i)
		if r == nil {
			h.settle()
			r = h.w.res.Row(i)
		}
		out = append(out, r.Title)
	}
	return out
}

// cell returns the shown table cell at window row r, column c.
func (h *harness) cell(r, c int) *table.Cell {
	h.t.Helper()
	var found *table.Cell
	walk(h.w.table.Grid(), func(o fyne.CanvasObject) {
		if tc, ok := o.(*table.Cell); ok {
			if tr, tcol := tc.At(); tr == r && tcol == c {
				found = tc
			}
		}
	})
	if found == nil {
		h.t.Fatalf("no cell at row %d col %d", r, c)
	}
	return found
}

// header returns the header cell of column c.
func (h *harness) header(c int) *table.Header {
	h.t.Helper()
	var found *table.Header
	walk(h.w.table.Grid(), func(o fyne.CanvasObject) {
		if hc, ok := o.(*table.Header); ok && hc.Column() == c {
			found = hc
		}
	})
	if found == nil {
		h.t.Fatalf("no header for column %d", c)
	}
	return found
}

// col is the index of a shown column.
func (h *harness) col(key string) int {
	for i, k := range h.w.table.ColumnKeys() {
		if k == key {
			return i
		}
	}
	h.t.Fatalf("column %s not shown", key)
	return -1
}

// get reads an article back from storage.
func (h *harness) get(id int64) seedfile.Article {
	h.t.Helper()
	rec, err := h.arc.Get(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return rec.Doc.Article()
}

// bytesOf is an article's stored text.
func (h *harness) bytesOf(id int64) string {
	h.t.Helper()
	rec, err := h.arc.Get(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return string(rec.Doc.Bytes())
}

// overlayButton finds a button with the given text in the window's pop-ups
// and dialogs.
func (h *harness) overlayButton(text string) *widget.Button {
	h.t.Helper()
	var found *widget.Button
	for _, o := range h.w.win.Canvas().Overlays().List() {
		walk(o, func(c fyne.CanvasObject) {
			if b, ok := c.(*widget.Button); ok && b.Text == text {
				found = b
			}
		})
	}
	if found == nil {
		h.t.Fatalf("no %q button in the overlays", text)
	}
	return found
}

// overlayText gathers the text of labels in the overlays.
func (h *harness) overlayText() string {
	var b strings.Builder
	for _, o := range h.w.win.Canvas().Overlays().List() {
		walk(o, func(c fyne.CanvasObject) {
			if l, ok := c.(*widget.Label); ok {
				b.WriteString(l.Text + "\n")
			}
		})
	}
	return b.String()
}
