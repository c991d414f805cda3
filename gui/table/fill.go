package table

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// headerNeed is the width column c's header needs to show its title whole,
// and the sort arrow beside it when the table is sorted by c: no column is
// narrower, so that sorting never cuts "Quality" to "Q…", and only the
// sorted column gives room to the arrow, so that the others stay narrow
// enough to show beside the title (TestDefaultColumnsFitFrom1280 in gui).
func (t *Table) headerNeed(c Column) float32 {
	th := theme.Current()
	if t.grid != nil {
		th = t.grid.Theme()
	}
	size := th.Size(theme.SizeNameText)
	if t.needs == nil || t.needSize != size {
		t.needs, t.needSize = map[string]float32{}, size
	}
	w, ok := t.needs[c.Label]
	if !ok {
		text := fyne.MeasureText(c.Label, size, fyne.TextStyle{Bold: true}).Width
		w = float32(int(text+2*th.Size(theme.SizeNameInnerPadding))) + 2
		t.needs[c.Label] = w
	}
	if key, _ := t.res.SortKey(); key == c.Key {
		w += th.Size(theme.SizeNamePadding) + th.Size(theme.SizeNameInlineIcon)
	}
	return w
}

// setWidth draws column i at width w, remembering it so that the header
// tells a width the user dragged from one the table set.
func (t *Table) setWidth(i int, w float32) {
	if t.setW == nil {
		t.setW = map[int]float32{}
	}
	t.setW[i] = w
	t.grid.SetColumnWidth(i, w)
}

// ShownWidth is the width column i is drawn at: the title column's is the
// filled width once the table was laid out.
func (t *Table) ShownWidth(i int) float32 {
	if t.cols[i].Key == "title" && t.fillW > 0 {
		return t.fillW
	}
	return t.colWidth(t.cols[i])
}

// TitleGiveWay is the least width the title column narrows to, below its
// default, so that the other columns show without a horizontal scrollbar;
// narrower, a title shows too little to tell articles apart.
const TitleGiveWay = 200

// fillTitle gives the title column the table's width the other columns
// leave, so that no space sits unused to the right of the last column
// while titles are cut. Unless the user sized it, the title gives way to
// the other columns down to TitleGiveWay when that makes them all show;
// when they cannot all show, it keeps its default width.
func (t *Table) fillTitle(width float32) {
	if t.grid == nil || width <= 0 {
		return
	}
	ti := -1
	var others float32
	for i, c := range t.cols {
		if c.Key == "title" {
			ti = i
			continue
		}
		others += t.colWidth(c)
	}
	if ti < 0 {
		t.fillW = 0
		return
	}
	avail := width - others - t.padding*float32(len(t.cols))
	w := max(t.colWidth(t.cols[ti]), avail)
	if _, sized := t.width["title"]; !sized && avail >= TitleGiveWay {
		w = avail // narrower than its default, so that every column shows
	}
	if w != t.fillW {
		t.fillW = w
		t.setWidth(ti, w)
	}
}
