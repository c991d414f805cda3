package gui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/storage"
)

// facetSection is one group of the sidebar.
type facetSection struct {
	facet  string // storage facet name
	field  string // query field its terms use
	title  string
	icon   fyne.Resource
	open   bool
	values []storage.FacetCount
	smart  map[string]bool // sets only: which are saved searches
}

// term is the query term that selects value.
func (s *facetSection) term(value string) string { return query.Term(s.field, value) }

// facetRow is one line of the sidebar: a section header, a value, or the
// "Save search as set" action.
type facetRow struct {
	sec, value int // value: index in values, or rowHeader / rowSaveSet
}

const (
	rowHeader  = -1
	rowSaveSet = -2
)

// facetSource is what the sidebar counts from (impl: *storage.Archive).
type facetSource interface {
	Facet(ctx context.Context, facet, query string, limit int) ([]storage.FacetCount, error)
	Sets(ctx context.Context) ([]storage.Set, error)
}

// facetPanel is the sidebar: sets, topics, providers, categories, types and
// published, each value with its number of matching articles. It is one
// virtualised list, so thousands of topics cost nothing. Clicking a value
// adds its term to the query text (clicking again removes it).
type facetPanel struct {
	sections []*facetSection
	rows     []facetRow
	list     *widget.List
	query    string // the query the counts follow
	tasks    *tasks
	seq      int
	cancel   context.CancelFunc

	// OnToggle is called with the new query text after a click.
	OnToggle func(q string)
	// OnSaveSet asks to save the current search as a smart set.
	OnSaveSet func()
	// OnSetMenu asks for a set's menu (delete) at an absolute position.
	OnSetMenu func(name string, smart bool, at fyne.Position)
	// OnError reports a failed count.
	OnError func(err error)
	// OnLoaded is called when the counts for query arrived.
	OnLoaded func()
}

func newFacetPanel(t *tasks) *facetPanel {
	p := &facetPanel{tasks: t, cancel: func() {}}
	p.sections = []*facetSection{
		{facet: "set", field: "set", title: "Sets", icon: theme.FolderIcon(), open: true},
		{facet: "topic", field: "topic", title: "Topics", icon: theme.ListIcon(), open: true},
		{facet: "provider", field: "provider", title: "Providers", icon: theme.HomeIcon()},
		{facet: "category", field: "category", title: "Categories", icon: theme.GridIcon()},
		{facet: "type", field: "type", title: "Types", icon: theme.FileIcon()},
		{facet: "published", field: "published", title: "Published", icon: theme.VisibilityIcon(), open: true},
	}
	p.list = widget.NewList(func() int { return len(p.rows) }, func() fyne.CanvasObject { return newFacetItem(p) },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*facetItem).show(id) })
	p.rebuild()
	return p
}

// rebuild flattens the sections into rows.
func (p *facetPanel) rebuild() {
	p.rows = p.rows[:0]
	for i, s := range p.sections {
		p.rows = append(p.rows, facetRow{sec: i, value: rowHeader})
		if !s.open {
			continue
		}
		for j := range s.values {
			p.rows = append(p.rows, facetRow{sec: i, value: j})
		}
		if s.facet == "set" {
			p.rows = append(p.rows, facetRow{sec: i, value: rowSaveSet})
		}
	}
	p.list.Refresh()
}

// load counts every facet for q in the background.
func (p *facetPanel) load(src facetSource, q string) {
	p.cancel()
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.query = q
	p.list.Refresh()
	p.seq++
	seq := p.seq
	facets := make([]string, len(p.sections))
	for i, s := range p.sections {
		facets[i] = s.facet
	}
	p.tasks.run(func() func() {
		values, smart, err := countFacets(ctx, src, facets, q)
		return func() {
			cancel()
			if seq != p.seq {
				return
			}
			if err != nil {
				if ctx.Err() == nil && p.OnError != nil {
					p.OnError(err)
				}
				return
			}
			for i, s := range p.sections {
				s.values = values[i]
				if s.facet == "set" {
					s.smart = smart
				}
			}
			p.rebuild()
			if p.OnLoaded != nil {
				p.OnLoaded()
			}
		}
	})
}

// countFacets runs the facet counts; sets list every set, with the number
// of matching members (0 included) so that any set can be clicked.
func countFacets(ctx context.Context, src facetSource, facets []string, q string) ([][]storage.FacetCount, map[string]bool, error) {
	out := make([][]storage.FacetCount, len(facets))
	var smart map[string]bool
	for i, f := range facets {
		counts, err := src.Facet(ctx, f, q, 0)
		if err != nil {
			return nil, nil, fmt.Errorf("count %s: %w", f, err)
		}
		if f == "set" {
			counts, smart, err = allSets(ctx, src, counts)
			if err != nil {
				return nil, nil, err
			}
		}
		out[i] = counts
	}
	return out, smart, nil
}

func allSets(ctx context.Context, src facetSource, matching []storage.FacetCount) ([]storage.FacetCount, map[string]bool, error) {
	sets, err := src.Sets(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("list sets: %w", err)
	}
	n := make(map[string]int, len(matching))
	for _, c := range matching {
		n[c.Value] = c.Count
	}
	out := make([]storage.FacetCount, len(sets))
	smart := make(map[string]bool, len(sets))
	for i, s := range sets {
		out[i] = storage.FacetCount{Value: s.Name, Count: n[s.Name]}
		smart[s.Name] = s.Query != ""
	}
	return out, smart, nil
}

// tap acts on row id: toggle a section, a term, or save the search.
func (p *facetPanel) tap(id int) {
	if id < 0 || id >= len(p.rows) {
		return
	}
	r := p.rows[id]
	s := p.sections[r.sec]
	switch r.value {
	case rowHeader:
		s.open = !s.open
		p.rebuild()
	case rowSaveSet:
		if p.OnSaveSet != nil {
			p.OnSaveSet()
		}
	default:
		term := s.term(s.values[r.value].Value)
		q := query.WithTerm(p.query, term)
		if query.HasTerm(p.query, term) {
			q = query.WithoutTerm(p.query, term)
		}
		if p.OnToggle != nil {
			p.OnToggle(q)
		}
	}
}

// tapSecondary opens a set's menu.
func (p *facetPanel) tapSecondary(id int, at fyne.Position) {
	if id < 0 || id >= len(p.rows) {
		return
	}
	r := p.rows[id]
	s := p.sections[r.sec]
	if s.facet != "set" || r.value < 0 || p.OnSetMenu == nil {
		return
	}
	name := s.values[r.value].Value
	p.OnSetMenu(name, s.smart[name], at)
}

// facetItem draws one sidebar row and takes its clicks.
type facetItem struct {
	widget.BaseWidget
	p     *facetPanel
	id    int
	icon  *widget.Icon
	label *widget.Label
	count *canvas.Text
	box   *fyne.Container
}

var (
	_ fyne.Tappable          = (*facetItem)(nil)
	_ fyne.SecondaryTappable = (*facetItem)(nil)
)

func newFacetItem(p *facetPanel) *facetItem {
	it := &facetItem{p: p, icon: widget.NewIcon(nil), label: widget.NewLabel(""), count: canvas.NewText("", nil)}
	it.label.Truncation = fyne.TextTruncateEllipsis
	it.count.Alignment = fyne.TextAlignTrailing
	it.box = container.NewBorder(nil, nil, it.icon, container.New(layout.NewCustomPaddedLayout(0, 0, 4, 12), it.count), it.label)
	it.ExtendBaseWidget(it)
	return it
}

// show draws row id.
func (it *facetItem) show(id int) {
	it.id = id
	if id >= len(it.p.rows) {
		return
	}
	r := it.p.rows[id]
	s := it.p.sections[r.sec]
	it.label.TextStyle.Bold = r.value == rowHeader
	it.label.Importance = widget.MediumImportance
	th := it.Theme()
	it.count.Color = th.Color(theme.ColorNamePlaceHolder, fyne.CurrentApp().Settings().ThemeVariant())
	it.count.TextSize = th.Size(theme.SizeNameCaptionText)
	it.count.Show()
	switch r.value {
	case rowHeader:
		it.icon.SetResource(theme.MenuExpandIcon())
		if s.open {
			it.icon.SetResource(theme.MenuDropDownIcon())
		}
		it.label.SetText(s.title)
		it.count.Text = ""
	case rowSaveSet:
		it.icon.SetResource(theme.ContentAddIcon())
		it.label.Importance = widget.HighImportance
		it.label.SetText("Save search as set…")
		it.count.Hide()
	default:
		v := s.values[r.value]
		switch {
		case query.HasTerm(it.p.query, s.term(v.Value)):
			it.icon.SetResource(theme.CheckButtonCheckedIcon())
		case s.facet == "set" && s.smart[v.Value]:
			it.icon.SetResource(theme.SearchIcon())
		default:
			it.icon.SetResource(theme.CheckButtonIcon())
		}
		it.label.SetText(v.Value)
		it.count.Text = thousands(v.Count)
	}
	it.label.Refresh()
	it.box.Refresh() // the count's width changed: lay out again
}

// Tapped acts on the row.
func (it *facetItem) Tapped(*fyne.PointEvent) { it.p.tap(it.id) }

// TappedSecondary opens a set's menu.
func (it *facetItem) TappedSecondary(ev *fyne.PointEvent) {
	it.p.tapSecondary(it.id, ev.AbsolutePosition)
}

// CreateRenderer lays out icon, label and count.
func (it *facetItem) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(it.box) }
