package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Fyne 2.7 draws every object of a scroll's content, also the ones
// scrolled out of view, and keeps the pixels of each text it drew for its
// cache time. A long form shown article after article (a curator stepping
// through the table) so filled memory with text nobody saw. A Culler draws,
// of a vertically scrolled form, only the cells in view and one on either
// side; the others keep their place and size but draw nothing.

// Culler scrolls a form vertically and culls the cells out of view.
// Create it with NewCuller and place Object in the window.
type Culler struct {
	scroll  *container.Scroll // wheel.Scroll: its offset and OnScrolled
	wheel   *wheelScroll
	content *fyne.Container
	obj     *fyne.Container
	off     bool
	cells   []placedCell // reused by Update
}

// placedCell is a cell and its span in the content, top to bottom.
type placedCell struct {
	c           *CullCell
	top, bottom float32
}

// NewCuller returns a culler scrolling content, whose cells are CullCells.
// It culls from the first layout on; SetEnabled(false) shows every cell.
func NewCuller(content fyne.CanvasObject) *Culler {
	c := &Culler{}
	c.content = container.New(afterLayout{c.Update}, content)
	c.wheel = newWheelScroll(c.content)
	c.scroll = &c.wheel.Scroll
	c.scroll.OnScrolled = func(fyne.Position) { c.Update() }
	c.obj = container.New(afterLayout{c.Update}, c.wheel)
	return c
}

// Object is what the window shows.
func (c *Culler) Object() fyne.CanvasObject { return c.obj }

// Scroll is the scroll container around the content, for its offset, size
// and content. The window holds it wrapped (so that the wheel steps by
// WheelStep): find the culler on screen by Object. Scroll it with the
// culler's methods: its own ScrollToOffset and ScrollToTop tell no one.
func (c *Culler) Scroll() *container.Scroll { return c.scroll }

// ScrollToOffset scrolls the content to p and culls anew.
func (c *Culler) ScrollToOffset(p fyne.Position) {
	c.scroll.ScrollToOffset(p)
	c.Update()
}

// ScrollToTop scrolls to the top of the content and culls anew.
func (c *Culler) ScrollToTop() { c.ScrollToOffset(fyne.Position{}) }

// Reveal scrolls the least that brings obj, in the content and not culled,
// into view (its top, if it is taller than the view). An object the culler
// cannot reach through containers and cells, and that Fyne has not drawn
// yet (just added), cannot be placed: Reveal its cell instead.
func (c *Culler) Reveal(obj fyne.CanvasObject) {
	top, ok := c.place(obj)
	if !ok {
		return
	}
	bottom := top + obj.Size().Height
	off, view := c.scroll.Offset.Y, c.scroll.Size().Height
	switch {
	case top < off:
		off = top
	case bottom > off+view:
		off = min(top, bottom-view)
	default:
		return
	}
	c.ScrollToOffset(fyne.NewPos(c.scroll.Offset.X, off))
}

// place finds obj's top in the content: by walking containers and cells,
// else from Fyne, which knows the objects it has drawn only.
func (c *Culler) place(obj fyne.CanvasObject) (float32, bool) {
	if top, ok := c.find(obj); ok {
		return top, true
	}
	d := fyne.CurrentApp().Driver()
	if d.CanvasForObject(obj) == nil {
		return 0, false
	}
	return d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(c.content).Y, true
}

// find returns obj's top in the content, if containers and cells lead to it.
func (c *Culler) find(obj fyne.CanvasObject) (at float32, found bool) {
	c.walk(func(o fyne.CanvasObject, top float32) bool {
		if o == obj {
			at, found = top, true
		}
		return !found
	})
	return at, found
}

// walk calls visit with each object of the content that containers and
// cells lead to, and its top in the content, parents first; visit returns
// false to leave out what is inside the object.
func (c *Culler) walk(visit func(o fyne.CanvasObject, top float32) bool) {
	for _, o := range c.content.Objects { // the content itself moves as it scrolls
		walkPlaced(o, 0, visit)
	}
}

// walkPlaced is walk below o; y is the top of o's parent in the content.
func walkPlaced(o fyne.CanvasObject, y float32, visit func(fyne.CanvasObject, float32) bool) {
	top := y + o.Position().Y
	if !visit(o, top) {
		return
	}
	switch o := o.(type) {
	case *fyne.Container:
		for _, child := range o.Objects {
			walkPlaced(child, top, visit)
		}
	case *CullCell:
		walkPlaced(o.obj, top, visit)
	}
}

// SetEnabled turns culling on or off; off, every cell is drawn (while the
// user edits the form, so that Tab reaches every field).
func (c *Culler) SetEnabled(on bool) {
	c.off = !on
	c.Update()
}

// Update culls the cells out of view and shows the others. The culler calls
// it after each layout and scroll; it is cheap, and changes only the cells
// whose state changed.
func (c *Culler) Update() {
	c.cells = c.cells[:0]
	c.walk(func(o fyne.CanvasObject, top float32) bool {
		if !o.Visible() {
			return false
		}
		if cell, ok := o.(*CullCell); ok {
			c.cells = append(c.cells, placedCell{c: cell, top: top, bottom: top + o.Size().Height})
			return false
		}
		return true
	})
	top := c.scroll.Offset.Y
	bottom := top + c.scroll.Size().Height
	first, last := len(c.cells), -1
	for i, p := range c.cells {
		if p.bottom > top && i < first {
			first = i
		}
		if p.top < bottom {
			last = i
		}
	}
	for i, p := range c.cells {
		p.c.setCulled(!c.off && (i < first-1 || i > last+1))
	}
	clear(c.cells) // hold no cell once it leaves the form
}

// afterLayout lays out its one object over the whole space, then calls
// done.
type afterLayout struct{ done func() }

func (l afterLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l afterLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.Position{})
	objs[0].Resize(size)
	l.done()
}

// WheelStep is how far one wheel notch scrolls a form: about three lines
// of text, as the table scrolls three rows. Fyne's desktop driver gives a
// scroll 25 px a notch, which crawls through a long form.
const WheelStep float32 = 75

// wheelNotch is the distance Fyne's desktop driver reports for one notch.
const wheelNotch float32 = 25

// wheelScroll is a vertical scroll whose wheel steps are WheelStep.
type wheelScroll struct{ container.Scroll }

func newWheelScroll(content fyne.CanvasObject) *wheelScroll {
	s := &wheelScroll{}
	s.Content = content
	s.Direction = container.ScrollVerticalOnly
	s.ExtendBaseWidget(s)
	return s
}

// Scrolled scales the wheel's distance to WheelStep a notch.
func (s *wheelScroll) Scrolled(ev *fyne.ScrollEvent) {
	scaled := *ev
	scaled.Scrolled.DY = WheelDistance(ev.Scrolled.DY)
	s.Scroll.Scrolled(&scaled)
}

// WheelDistance scales a wheel event's vertical distance so that one notch
// scrolls WheelStep, for every scrolled view to step alike.
func WheelDistance(dy float32) float32 { return dy * WheelStep / wheelNotch }
