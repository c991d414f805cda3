package table

import (
	"maps"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// RedoShortcut is Ctrl+Shift+Z (Cmd+Shift+Z on macOS): the focused table
// takes it and calls OnRedo, beside the Edit menu's Ctrl+Y.
var RedoShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

// View is the table's widget: the grid of rows and its scroll bar.
func (t *Table) View() fyne.CanvasObject { return t.view }

// Grid is the grid of rows: the widget that takes the focus and the keys.
func (t *Table) Grid() *Grid { return t.grid }

// Top is the first shown row.
func (t *Table) Top() int { return t.top }

// Fit is how many rows fit the viewport (0 before the table is laid out).
func (t *Table) Fit() int { return t.fit }

// Rewind makes the next result show from its first row (a new search or a
// new order); the result's arrival redraws.
func (t *Table) Rewind() { t.top = 0 }

// Forget scrolls to the top and closes the cell editor (another archive).
func (t *Table) Forget() {
	t.top = 0
	t.edit.cancel()
}

// SetTip sets the tip that shows a cut cell's whole text (nil: none).
func (t *Table) SetTip(tip *HoverTip) { t.tip = tip }

// Widths are the widths the user gave columns, by key (a copy).
func (t *Table) Widths() map[string]float32 { return maps.Clone(t.width) }

// ResetWidths forgets the widths the user gave columns; the next
// SetColumns lays them out at their defaults.
func (t *Table) ResetWidths() { t.width = map[string]float32{} }

// ColumnWidth is the width shown column i asks for: the user's, else its
// default, never narrower than its header (ShownWidth is what it gets).
func (t *Table) ColumnWidth(i int) float32 { return t.colWidth(t.cols[i]) }

// Editor is the editor of a cell (Enter or a double click on an editable
// cell opens it).
func (t *Table) Editor() *CellEditor { return t.edit }
