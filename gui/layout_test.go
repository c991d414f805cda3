package gui

import (
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/seedarchive/seedarchive/gui/table"
)

// TestDefaultLayoutShowsTheMainColumns: on a first start at the default
// 1400x860 window, the table shows every default column whole.
func TestDefaultLayoutShowsTheMainColumns(t *testing.T) {
	h := newHarness(t, sampleArts)
	drv := fyne.CurrentApp().Driver()
	view := h.w.table.Grid()
	right := drv.AbsolutePositionForObject(view).X + view.Size().Width
	for _, key := range table.DefaultColumns {
		hc := h.header(h.col(key))
		end := drv.AbsolutePositionForObject(hc).X + hc.Size().Width
		if hc.Hidden || end > right {
			t.Errorf("column %s ends at %.0f, the table at %.0f", key, end, right)
		}
	}
}

// TestSearchPlaceholderFits: the search box's hint shows whole at the
// default width.
func TestSearchPlaceholderFits(t *testing.T) {
	h := newHarness(t, sampleArts)
	e := h.w.search.entry
	need := fyne.MeasureText(e.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width
	// The entry's insets: padding on both sides and the search icon.
	inset := 4*theme.Padding() + theme.IconInlineSize()
	if got := e.Size().Width; need+inset > got {
		t.Errorf("placeholder needs %.0f px, the entry is %.0f", need+inset, got)
	}
}

// TestWindowTitle: the window is created as "Seed Archive" (X11 takes the
// window class from the first title) and names the archive once shown.
func TestWindowTitle(t *testing.T) {
	h := newHarness(t, sampleArts)
	if got := h.w.win.Title(); got != "Seed Archive" {
		t.Errorf("title before show %q, want %q", got, "Seed Archive")
	}
	h.w.win.Show()
	h.w.shown = true
	h.w.setTitle()
	if got, want := h.w.win.Title(), "Seed Archive — "+filepath.Base(h.arc.Path()); got != want {
		t.Errorf("title after show %q, want %q", got, want)
	}
}

// TestImportSummaryClosesOnEscapeAndEnter: the summary dialog closes with
// Escape and with Enter (its Close button).
func TestImportSummaryClosesOnEscapeAndEnter(t *testing.T) {
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		t.Run(string(key), func(t *testing.T) {
			h := newHarness(t, nil)
			dir := t.TempDir()
			write(t, filepath.Join(dir, "a.txt"), seedText(1, sampleArts[0]))
			h.w.transfers.importPaths([]string{dir}, nil)
			h.settle()
			c := h.w.win.Canvas()
			if c.Overlays().Top() == nil {
				t.Fatal("no import summary")
			}
			c.OnTypedKey()(&fyne.KeyEvent{Name: key})
			if c.Overlays().Top() != nil {
				t.Errorf("%s left the summary open", key)
			}
		})
	}
}

// TestDefaultColumnsFitFrom1280: from 1280 px up, with the default splits,
// every default column shows whole without a horizontal scrollbar, sorted
// by any of them (the sorted one makes room for its arrow), and the title
// column takes the width the others leave: a usable one at 1280, most of
// the extra width above.
func TestDefaultColumnsFitFrom1280(t *testing.T) {
	for _, c := range []struct {
		size     fyne.Size
		minTitle float32
	}{
		{fyne.NewSize(1280, 800), table.TitleGiveWay},
		{fyne.NewSize(1600, 1000), 400},
		{fyne.NewSize(1920, 1080), 600},
		{fyne.NewSize(2560, 1440), 1000},
	} {
		h := newHarness(t, sampleArts)
		h.w.win.Resize(c.size)
		h.settle()
		grid := h.w.table.Grid()
		pad := grid.Theme().Size(theme.SizeNamePadding)
		for _, sortBy := range table.DefaultColumns {
			test.Tap(h.header(h.col(sortBy)))
			h.settle()
			drv := fyne.CurrentApp().Driver()
			right := drv.AbsolutePositionForObject(grid).X + grid.Size().Width
			var used float32
			for i, key := range table.DefaultColumns {
				hc := h.header(h.col(key))
				end := drv.AbsolutePositionForObject(hc).X + hc.Size().Width
				if hc.Hidden || end > right+0.5 {
					t.Errorf("at %v sorted by %s, column %s ends at %.0f, the table at %.0f", c.size, sortBy, key, end, right)
				}
				if i > 0 {
					used += pad
				}
				used += hc.Size().Width
			}
			if tw := grid.Size().Width; used > tw {
				t.Errorf("at %v sorted by %s the columns take %.0f px of the table's %.0f: it scrolls sideways", c.size, sortBy, used, tw)
			}
			if w := h.header(h.col("title")).Size().Width; w < c.minTitle {
				t.Errorf("at %v sorted by %s the title column is %.0f px, want at least %.0f", c.size, sortBy, w, c.minTitle)
			}
		}
	}
}

// TestDraggedSplitsStay: once the user drags a divider, the splits no
// longer follow the window's width and are remembered.
func TestDraggedSplitsStay(t *testing.T) {
	h := newHarness(t, sampleArts)
	h.w.sideSplit.SetOffset(0.3)
	h.w.win.Resize(fyne.NewSize(1920, 1000))
	h.settle()
	if got := h.w.sideSplit.Offset; got != 0.3 {
		t.Errorf("the dragged sidebar split moved to %.3f", got)
	}
	h.w.saveLayout()
	if got := h.w.prefs.Float(prefSplitSide); got != 0.3 {
		t.Errorf("remembered sidebar split %.3f, want 0.3", got)
	}
}

// TestEarlierDefaultColumnsMoveToTheCurrentDefault: a saved column list that
// is exactly an earlier default moves to the current one, once; a list the
// user changed (other columns, another order, a width dragged on a column
// the current default leaves out) stays.
func TestEarlierDefaultColumnsMoveToTheCurrentDefault(t *testing.T) {
	old := earlierDefaultColumns[len(earlierDefaultColumns)-1]
	noImages := old[:len(old)-1]
	reordered := append([]string{old[1], old[0]}, old[2:]...)
	for _, c := range []struct {
		name   string
		saved  []string // nil: none saved
		widths string
		seen   int // prefColumnsDefaults before
		want   []string
	}{
		{"earlier default", old, "", 0, table.DefaultColumns},
		{"earlier default, title widened", old, "title=500;category=150", 0, table.DefaultColumns},
		{"earlier default, heat widened", old, "heat=90", 0, old},
		{"a column removed", noImages, "", 0, noImages},
		{"columns reordered", reordered, "", 0, reordered},
		{"the current default", table.DefaultColumns, "", 0, table.DefaultColumns},
		{"earlier default chosen again after the upgrade", old, "", len(earlierDefaultColumns), old},
		{"nothing saved", nil, "", 0, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := test.NewTempApp(t).Preferences()
			if c.saved != nil {
				p.SetStringList(prefColumns, c.saved)
			}
			p.SetString(prefWidths, c.widths)
			p.SetInt(prefColumnsDefaults, c.seen)
			upgradeColumns(p)
			if got := p.StringList(prefColumns); !slices.Equal(got, c.want) {
				t.Errorf("columns %q, want %q", got, c.want)
			}
			if got := p.String(prefWidths); got != c.widths {
				t.Errorf("widths %q, want %q kept", got, c.widths)
			}
			if got := p.Int(prefColumnsDefaults); got != len(earlierDefaultColumns) {
				t.Errorf("%s = %d, want %d", prefColumnsDefaults, got, len(earlierDefaultColumns))
			}
		})
	}
	// The window upgrades before it lays out its table.
	h := newHarness(t, sampleArts)
	p := fyne.CurrentApp().Preferences()
	p.SetStringList(prefColumns, old)
	p.SetInt(prefColumnsDefaults, 0)
	w := newWindow(fyne.CurrentApp(), h.arc, h.tk)
	t.Cleanup(w.stopWatching)
	h.settle()
	if got := w.table.ColumnKeys(); !slices.Equal(got, table.DefaultColumns) {
		t.Errorf("a window over an earlier default shows %q, want %q", got, table.DefaultColumns)
	}
}
