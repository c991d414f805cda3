package editor

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// relatedList edits the related articles: one card per article, with its
// fields and image thumbnails, a remove button, and an add button below.
type relatedList struct {
	e     *Editor
	box   *fyne.Container
	cards []*relCard
	types []string
	empty *widget.Label
	add   *widget.Button
	obj   fyne.CanvasObject
}

// relCard is the card of one related article. Cards are kept by key, also
// across loads (keys restart at 0): building one costs more than filling it.
type relCard struct {
	key     int
	heading *widget.Label
	fields  map[string]*field // by RelatedFields path
	thumbs  *fyne.Container
	imgRow  fyne.CanvasObject
	imgURLs []string
	obj     fyne.CanvasObject
}

// relatedLabels are the card's field labels.
var relatedLabels = map[string]string{
	"provider.name":   "Provider",
	"provider.domain": "Domain",
}

func newRelatedList(e *Editor) *relatedList {
	l := &relatedList{e: e, box: container.NewVBox()}
	l.empty = widget.NewLabel("No related articles.")
	l.empty.Importance = widget.LowImportance
	l.add = widget.NewButtonWithIcon("Add related article", theme.ContentAddIcon(), l.addNew)
	l.obj = container.NewVBox(l.box, l.empty, container.NewHBox(l.add))
	return l
}

// addNew appends an empty related article and puts the cursor in its title.
func (l *relatedList) addNew() {
	e := l.e
	key := e.nextKey
	e.nextKey++
	e.edit("", func(s *state) {
		fields := map[string]string{}
		for _, f := range seedfile.RelatedFields {
			fields[f.Path] = ""
		}
		s.related = append(s.related, relState{key: key, fields: fields})
	})
	// Show the card and put the cursor in its title. The card first: Fyne
	// places the title only once it has drawn it.
	if i := slices.IndexFunc(l.cards, func(c *relCard) bool { return c.key == key }); i >= 0 {
		e.v.cull.Reveal(l.cards[i].obj)
		if e.win != nil {
			e.win.Canvas().Focus(l.cards[i].fields["title"].entry)
		}
	}
}

// remove drops the related article with key.
func (l *relatedList) remove(key int) {
	l.e.edit("", func(s *state) {
		if i := s.relIndex(key); i >= 0 {
			s.related = slices.Delete(s.related, i, i+1)
		}
	})
}

// reset prepares for a new article (keys restart at 0): the cards stay, to
// be filled again, and their images are checked on the next sync.
func (l *relatedList) reset() {
	for _, c := range l.cards {
		c.setImages(l.e, nil)
	}
}

// setTypes sets the choices of the cards' type fields.
func (l *relatedList) setTypes(types []string) {
	l.types = types
	for _, c := range l.cards {
		c.fields["type"].sel.SetOptions(types)
	}
}

// sync shows the related articles of st, reusing the cards of the same keys.
func (l *relatedList) sync(st state) {
	old := map[int]*relCard{}
	for _, c := range l.cards {
		old[c.key] = c
	}
	l.cards = l.cards[:0]
	objs := make([]fyne.CanvasObject, 0, len(st.related))
	for i, r := range st.related {
		c, ok := old[r.key]
		if !ok {
			c = l.newCard(r.key)
		}
		c.heading.SetText(fmt.Sprintf("Related article %d", i+1))
		for path, f := range c.fields {
			f.setText(r.fields[path])
		}
		c.setImages(l.e, l.e.base.images[r.key])
		l.cards = append(l.cards, c)
		objs = append(objs, c.obj)
	}
	l.box.Objects = objs
	l.box.Refresh()
	l.empty.Hidden = len(objs) > 0
	l.empty.Refresh()
}

// showErrors shows each card's validation messages, and for a number
// that came with the file, why the archive keeps no value for it (work is
// the working copy, whose related list is in the cards' order).
func (l *relatedList) showErrors(errs map[string]error, work *seedfile.Document) {
	for i, c := range l.cards {
		for path, f := range c.fields {
			err := errs[relKey(c.key, path)]
			if err == nil {
				err = keptInvalid(work, relPath(i, path), f.kind)
			}
			f.setError(err)
		}
	}
}

// newCard builds the card of the related article with key.
func (l *relatedList) newCard(key int) *relCard {
	e := l.e
	c := &relCard{key: key, fields: map[string]*field{}}
	c.heading = widget.NewLabel("")
	c.heading.TextStyle = fyne.TextStyle{Bold: true}
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { l.remove(key) })
	remove.Importance = widget.LowImportance
	rows := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, remove, c.heading)}
	for _, f := range seedfile.RelatedFields {
		label := f.Label
		if s, ok := relatedLabels[f.Path]; ok {
			label = s
		}
		fk := relKey(key, f.Path)
		fld := newField(fk, label, f.Kind, f.Path == "type", e.hooks(), func(s string) { e.setField(fk, s) })
		if f.Kind == seedfile.KindText {
			fld.entry.SetMinRowsVisible(3)
		}
		if fld.sel != nil {
			fld.sel.SetOptions(l.types)
		}
		c.fields[f.Path] = fld
		rows = append(rows, fieldRow(fld))
	}
	c.thumbs = container.New(widgets.NewFlowLayout())
	c.imgRow = row("Images", c.thumbs)
	c.imgRow.Hide()
	rows = append(rows, c.imgRow)
	c.obj = widgets.NewCullCell(widgets.NewPanel(container.NewVBox(rows...)))
	return c
}

// setImages shows the thumbnails of imgs, rebuilding them only when the
// URLs changed; the row hides without images.
func (c *relCard) setImages(e *Editor, imgs []seedfile.ImageRef) {
	if !e.setThumbs(c.thumbs, &c.imgURLs, imgs, smallThumb, false) {
		return
	}
	if len(imgs) == 0 {
		c.imgRow.Hide()
	} else {
		c.imgRow.Show()
	}
}
