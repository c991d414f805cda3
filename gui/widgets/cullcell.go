package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// CullCell is a part of a culled form. While culled it lays out its object
// as usual but does not draw it, nor offer it to keyboard focus.
type CullCell struct {
	widget.BaseWidget
	obj    fyne.CanvasObject
	culled bool
}

// NewCullCell returns a cell around obj. Reach cells from the culled
// content through containers only: a Culler does not look inside widgets.
func NewCullCell(obj fyne.CanvasObject) *CullCell {
	c := &CullCell{obj: obj}
	c.ExtendBaseWidget(c)
	return c
}

// Content returns the object in the cell.
func (c *CullCell) Content() fyne.CanvasObject { return c.obj }

// Culled reports whether the cell draws nothing at the moment.
func (c *CullCell) Culled() bool { return c.culled }

// Visible follows the object too: a cell around a hidden object takes no
// room in a box.
func (c *CullCell) Visible() bool { return c.BaseWidget.Visible() && c.obj.Visible() }

// setCulled culls or shows the cell and redraws it when that changed.
func (c *CullCell) setCulled(culled bool) {
	if c.culled == culled {
		return
	}
	c.culled = culled
	c.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (c *CullCell) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	return &cullCellRenderer{c: c, objs: []fyne.CanvasObject{c.obj}}
}

type cullCellRenderer struct {
	c    *CullCell
	objs []fyne.CanvasObject
}

func (r *cullCellRenderer) Layout(size fyne.Size) {
	r.c.obj.Move(fyne.Position{})
	r.c.obj.Resize(size)
}

func (r *cullCellRenderer) MinSize() fyne.Size { return r.c.obj.MinSize() }

func (r *cullCellRenderer) Objects() []fyne.CanvasObject {
	if r.c.culled {
		return nil
	}
	return r.objs
}

func (r *cullCellRenderer) Refresh() {}

func (r *cullCellRenderer) Destroy() {}
