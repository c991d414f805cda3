package table

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// CellEditor edits one table cell in a pop-up laid over it: Enter saves
// (after seedfile.ParseValue accepts the text), Escape or a click elsewhere
// cancels. A refused or failed value keeps the pop-up open with the reason;
// a failure once the pop-up is closed goes to Table.OnEditFailed.
type CellEditor struct {
	t     *Table
	pop   *widget.PopUp
	entry *widgets.EscEntry
	msg   *widget.Label
	id    int64
	field string
	label string // the column's header, for OnEditFailed
}

func newCellEditor(t *Table) *CellEditor {
	e := &CellEditor{t: t, entry: widgets.NewEscEntry(), msg: widget.NewLabel("")}
	e.msg.Importance = widget.DangerImportance
	e.msg.Wrapping = fyne.TextWrapWord
	e.msg.Hide()
	e.entry.OnSubmitted = e.submit
	e.entry.OnEscape = e.cancel
	return e
}

// open shows the editor over row i, column c.
func (e *CellEditor) open(i, c int, id int64, col Column, text string) {
	cnv := fyne.CurrentApp().Driver().CanvasForObject(e.t.grid)
	if cnv == nil {
		return
	}
	e.cancel()
	e.id, e.field, e.label = id, col.Key, col.Label
	e.entry.SetText(text)
	e.msg.SetText("")
	e.msg.Hide()
	e.pop = widget.NewPopUp(container.NewVBox(e.entry, e.msg), cnv)
	e.pop.ShowAtPosition(e.cellPos(i, c))
	e.pop.Resize(fyne.NewSize(max(e.t.colWidth(col)+8, 220), e.pop.MinSize().Height))
	cnv.Focus(e.entry)
	// The value is selected, as in a spreadsheet: typing replaces it, an
	// arrow key keeps it to change a part.
	e.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// cellPos is the absolute position of cell (i, c).
func (e *CellEditor) cellPos(i, c int) fyne.Position {
	t := e.t
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(t.grid)
	x := -t.hOffset
	for j := range t.cols[:c] {
		x += t.ShownWidth(j) + t.padding
	}
	y := t.rowH + t.padding + float32(i-t.top)*(t.rowH+t.padding)
	th := e.t.grid.Theme()
	inset := th.Size(theme.SizeNameInnerPadding)
	return pos.Add(fyne.NewPos(x-inset, y-inset))
}

// Active reports whether the editor is open.
func (e *CellEditor) Active() bool { return e.pop != nil && e.pop.Visible() }

// Entry is the editor's entry (its text is the value being edited).
func (e *CellEditor) Entry() *widgets.EscEntry { return e.entry }

// Message is the reason shown for a refused or failed value, and whether
// it shows.
func (e *CellEditor) Message() (text string, shown bool) { return e.msg.Text, e.msg.Visible() }

func (e *CellEditor) submit(text string) {
	v, err := seedfile.ParseValue(e.field, text)
	if err != nil {
		e.fail(err)
		return
	}
	pop, id, label := e.pop, e.id, e.label
	e.t.save(e.id, e.field, v, func(err error) {
		if pop != e.pop || !pop.Visible() {
			// Closed while the save ran (Escape, a click elsewhere):
			// no pop-up left to say why it failed.
			if err != nil {
				e.t.editFailed(label, id, err)
			}
			return
		}
		if err != nil {
			e.fail(err)
			return
		}
		e.close()
	})
}

func (e *CellEditor) fail(err error) {
	e.msg.SetText(err.Error())
	e.msg.Show()
	if e.pop != nil {
		e.pop.Resize(fyne.NewSize(e.pop.Size().Width, e.pop.MinSize().Height))
	}
}

// cancel closes the editor without saving.
func (e *CellEditor) cancel() { e.close() }

func (e *CellEditor) close() {
	if e.pop == nil {
		return
	}
	e.pop.Hide()
	e.pop = nil
	e.t.grid.focus()
}
