package gui

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// End in a result of several pages, sorted on a column full of ties, with
// articles deleted in between, lands on the last row exactly: the cursor,
// the selection and the cells shown are the last rows the archive lists by
// OFFSET for that query and order (the pager reads that page by its ids).
func TestEndLandsOnTheLastRowOfASortedSearch(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	err := h.arc.WriteTx(ctx, func(tx *storage.Tx) error {
		for i := range 1300 {
			a := art{title: fmt.Sprintf("Neural study %04d", i), provider: "Wire", category: "news", quality: i % 7}
			if i%3 == 0 {
				a.title = fmt.Sprintf("Other study %04d", i)
			}
			doc, err := seedfile.Parse([]byte(seedText(i+1, a)))
			if err != nil {
				return err
			}
			if _, err := tx.Insert(fmt.Sprintf("%04d.txt", i), doc); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	opts := storage.ListOptions{Query: "neural", Sort: "-quality"}
	ids, err := h.arc.IDs(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.arc.Delete(ctx, ids[100], ids[500], ids[len(ids)-3]); err != nil {
		t.Fatal(err)
	}
	h.w.res.sort = opts.Sort
	h.w.runQuery(opts.Query)
	h.settle()
	n := h.w.res.Len()
	tail, err := h.arc.List(ctx, storage.ListOptions{Query: opts.Query, Sort: opts.Sort, Offset: n - h.w.table.Fit(), Limit: h.w.table.Fit()})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(ids)-3 || n < 4*200 || len(tail) != h.w.table.Fit() {
		t.Fatalf("%d rows shown, %d listed less 3 deleted; tail of %d rows for %d fitting", n, len(ids), len(tail), h.w.table.Fit())
	}
	h.w.win.Canvas().Focus(h.w.table.Grid())
	h.w.table.Grid().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	h.settle()
	last := tail[len(tail)-1]
	if h.w.res.cursor != n-1 || h.w.res.ID(n-1) != last.ID || !h.w.res.sel[last.ID] || len(h.w.res.sel) != 1 {
		t.Fatalf("End: cursor %d of %d rows, id %d selected %v; want id %d", h.w.res.cursor, n, h.w.res.ID(h.w.res.cursor), h.w.res.sel, last.ID)
	}
	if h.w.table.Top() != n-h.w.table.Fit() {
		t.Errorf("End: top row %d, want %d", h.w.table.Top(), n-h.w.table.Fit())
	}
	title := h.col("title")
	for k, r := range tail {
		if got := h.cell(k, title).Label().Text(); got != r.Title {
			t.Errorf("End: window row %d shows %q, want %q", k, got, r.Title)
		}
	}
}
