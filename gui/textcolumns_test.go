package gui

import (
	"slices"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/gui/table"
)

// TestTextColumnsReadTheTextFieldsOnlyWhenShown: while no shown column is
// read from the article's text (excerpt, AMP URLs), the pager reads its
// pages without them (storage.ListOptions.NoTextFields); showing the
// excerpt column reads the pages in memory again, so that its cells show
// the excerpts rather than stay blank, also after it was hidden and shown
// again. The editor reads the article itself and shows the excerpt either
// way.
func TestTextColumnsReadTheTextFieldsOnlyWhenShown(t *testing.T) {
	h := newHarness(t, sampleArts)
	keys := h.w.table.ColumnKeys()
	for _, k := range keys {
		if table.ColumnsByKey(table.AllColumns())[k].FromText {
			t.Fatalf("the default columns include %s, read from the text", k)
		}
	}
	excerpts := func() []string {
		t.Helper()
		var out []string
		for i := range h.w.res.Len() {
			r := h.w.res.Row(i)
			if r == nil {
				t.Fatalf("row %d is not in memory", i)
			}
			out = append(out, r.Excerpt)
		}
		return out
	}
	if got := excerpts(); slices.ContainsFunc(got, func(s string) bool { return s != "" }) {
		t.Errorf("without an excerpt column the rows were read with their excerpts: %q", got)
	}
	h.w.res.SelectRow(0, 0)
	h.settle()
	if got := string(h.w.editor.Text()); !strings.Contains(got, "excerpt: \"About ") {
		t.Errorf("the editor lacks the excerpt:\n%s", got)
	}

	for round := range 2 { // shown, hidden, shown again
		h.w.setColumns(append(slices.Clone(keys), "excerpt"))
		h.settle()
		cells := shownCells(h.w.table, h.col("excerpt"))
		if len(cells) != len(sampleArts) {
			t.Fatalf("round %d: %d excerpt cells shown, want %d", round, len(cells), len(sampleArts))
		}
		for r, text := range cells {
			if want := "About " + h.w.res.Row(r).Title + "."; text != want {
				t.Errorf("round %d: row %d's excerpt cell shows %q, want %q", round, r, text, want)
			}
		}
		h.w.setColumns(keys)
		h.settle()
		h.w.refresh() // a reload reads the pages again, now without the excerpts
		h.settle()
		if got := excerpts(); slices.ContainsFunc(got, func(s string) bool { return s != "" }) {
			t.Errorf("round %d: with the excerpt column hidden again the rows were read with their excerpts: %q", round, got)
		}
	}
}
