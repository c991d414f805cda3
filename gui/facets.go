package gui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/query"
	"github.com/seedarchive/seedarchive/storage"
)

// facetSection is one group of the sidebar.
type facetSection struct {
	facet   string // storage facet name
	field   string // query field its terms use
	title   string
	icon    fyne.Resource
	open    bool
	showAll bool // every value, not only the facetTop first
	// hideEmpty leaves the section out while it has no values and the
	// query uses none of its terms: the git states of an archive without
	// a linked git folder (or with every file clean) would be a bare header.
	hideEmpty bool
	values    []storage.FacetCount
	smart     map[string]bool // sets only: which are saved searches
}

// term is the query term that selects value.
func (s *facetSection) term(value string) string { return query.Term(s.field, value) }

// facetRow is one line of the sidebar: a section header, a value, the
// "Show all" switch or the "Save search as set" action.
type facetRow struct {
	sec, value int // value: index in values, or rowHeader / rowSaveSet / rowMore
}

const (
	rowHeader  = -1
	rowSaveSet = -2
	rowMore    = -3
)

// facetTop is how many values a section shows until "Show all" is chosen:
// with every value of a facet shown, ~200 topics pushed the other sections
// hundreds of wheel steps down.
const facetTop = 8

// sidebarMinWidth is the narrowest the sidebar gets: a value as long as
// "Neuroscience" shows whole beside its box and count, so the split gives
// way on the other side in a small window.
const sidebarMinWidth float32 = 200

// minWidth is a stack layout that is at least that wide.
type minWidth float32

// Layout is part of fyne.Layout.
func (m minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize is part of fyne.Layout.
func (m minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(float32(m), 0)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

// prefFacetsClosed lists the facets whose sections the user collapsed.
const prefFacetsClosed = "facets.closed"

// facetSource is what the sidebar counts from (impl: *storage.Archive).
type facetSource interface {
	storage.FacetCounter
	FacetEstimates(ctx context.Context, facets []string, query string, total int) ([][]storage.FacetCount, bool, error)
}

// facetPanel is the sidebar: sets, topics, providers, categories, types and
// published, each value with its number of matching articles. It is one
// virtualised list, so thousands of topics cost nothing. Clicking a value
// adds its term to the query text (clicking again removes it).
type facetPanel struct {
	sections []*facetSection
	rows     []facetRow
	list     *widget.List
	filter   *widgets.EscEntry // narrows every section to the values containing its text
	view     fyne.CanvasObject
	prefs    fyne.Preferences // nil: nothing remembered
	query    string           // the query the counts follow
	approx   bool             // the counts shown are estimates (FacetEstimates), marked ≈
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
	// OnKey, when set, sees the filter's keys first (F6); true marks one handled.
	OnKey func(ev *fyne.KeyEvent) bool
}

func newFacetPanel(t *tasks, prefs fyne.Preferences) *facetPanel {
	p := &facetPanel{tasks: t, cancel: func() {}, prefs: prefs}
	// The sections are storage.SidebarFacets, which seedctl facet prints too.
	looks := map[string]facetSection{
		"set":       {title: "Sets", icon: theme.FolderIcon()},
		"topic":     {title: "Topics", icon: theme.ListIcon()},
		"provider":  {title: "Providers", icon: theme.HomeIcon()},
		"category":  {title: "Categories", icon: theme.GridIcon()},
		"type":      {title: "Types", icon: theme.FileIcon()},
		"published": {title: "Published", icon: theme.VisibilityIcon()},
		"git":       {title: "Git", icon: theme.HistoryIcon(), hideEmpty: true},
	}
	for _, f := range storage.SidebarFacets {
		s := looks[f]
		p.sections = append(p.sections, &facetSection{facet: f, field: f, title: s.title, icon: s.icon, hideEmpty: s.hideEmpty})
	}
	closed := map[string]bool{}
	if prefs != nil {
		for _, f := range prefs.StringList(prefFacetsClosed) {
			closed[f] = true
		}
	}
	for _, s := range p.sections {
		s.open = !closed[s.facet]
	}
	p.list = widget.NewList(func() int { return len(p.rows) }, func() fyne.CanvasObject { return newFacetItem(p) },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*facetItem).show(id) })
	p.filter = widgets.NewEscEntry()
	p.filter.SetPlaceHolder("Filter topics, providers…")
	p.filter.ActionItem = widget.NewIcon(theme.SearchIcon())
	p.filter.OnChanged = func(string) { p.rebuild() }
	p.filter.OnEscape = func() { p.filter.SetText("") }
	// Down goes from the filter into the list; Space or Enter there acts
	// as a click on the row.
	p.filter.OnKey = func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyDown && len(p.rows) > 0 {
			if c := fyne.CurrentApp().Driver().CanvasForObject(p.list); c != nil {
				c.Focus(p.list)
			}
			return true
		}
		return p.OnKey != nil && p.OnKey(ev)
	}
	p.list.OnSelected = func(id widget.ListItemID) {
		p.list.UnselectAll()
		p.tap(id)
	}
	p.view = container.New(minWidth(sidebarMinWidth),
		container.NewBorder(container.NewPadded(p.filter), nil, nil, nil, p.list))
	p.rebuild()
	return p
}

// rebuild flattens the sections into rows: each open section's first
// facetTop values (all of them once "Show all" is chosen, and every value
// matching the filter), always with the values the query uses.
func (p *facetPanel) rebuild() {
	p.rows = p.rows[:0]
	filter := strings.ToLower(strings.TrimSpace(p.filter.Text))
	for i, s := range p.sections {
		if s.hideEmpty && len(s.values) == 0 && !query.UsesField(p.query, s.field) {
			continue
		}
		p.rows = append(p.rows, facetRow{sec: i, value: rowHeader})
		if !s.open {
			continue
		}
		shown, matching := 0, 0
		for j, v := range s.values {
			if filter != "" && !strings.Contains(strings.ToLower(v.Value), filter) {
				continue
			}
			matching++
			if filter == "" && !s.showAll && shown >= facetTop && !query.HasTerm(p.query, s.term(v.Value)) {
				continue
			}
			shown++
			p.rows = append(p.rows, facetRow{sec: i, value: j})
		}
		if filter == "" && matching > facetTop {
			p.rows = append(p.rows, facetRow{sec: i, value: rowMore})
		}
		if s.facet == "set" {
			p.rows = append(p.rows, facetRow{sec: i, value: rowSaveSet})
		}
	}
	p.list.Refresh()
}

// saveClosed remembers which sections are collapsed.
func (p *facetPanel) saveClosed() {
	if p.prefs == nil {
		return
	}
	var closed []string
	for _, s := range p.sections {
		if !s.open {
			closed = append(closed, s.facet)
		}
	}
	p.prefs.SetStringList(prefFacetsClosed, closed)
}

// load counts every facet for q in the background: first within bounded
// work (FacetEstimates), then, when that was an estimate, exactly, each
// shown as it arrives; a later load cancels both. total is the number of
// articles q matches (0: not known yet).
func (p *facetPanel) load(src facetSource, q string, total int) {
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
	p.tasks.Go(func() func() {
		values, smart, exact, err := estimateFacets(ctx, src, facets, q, total)
		return func() {
			if !p.show(ctx, seq, values, smart, !exact, err) || exact {
				cancel()
				return
			}
			p.tasks.Go(func() func() {
				values, smart, err := storage.CountFacetSections(ctx, src, facets, q)
				return func() {
					cancel()
					p.show(ctx, seq, values, smart, false, err)
				}
			})
		}
	})
}

// show puts the counts of load number seq in the sections, or reports err;
// false when they are stale or failed.
func (p *facetPanel) show(ctx context.Context, seq int, values [][]storage.FacetCount, smart map[string]bool, approx bool, err error) bool {
	if seq != p.seq {
		return false
	}
	if err != nil {
		if ctx.Err() == nil && p.OnError != nil {
			p.OnError(err)
		}
		return false
	}
	for i, s := range p.sections {
		s.values = values[i]
		if s.facet == "set" {
			s.smart = smart
		}
	}
	p.approx = approx
	p.rebuild()
	if p.OnLoaded != nil {
		p.OnLoaded()
	}
	return true
}

// estimateFacets runs the bounded counts (see storage.CountFacetSections).
func estimateFacets(ctx context.Context, src facetSource, facets []string, q string, total int) ([][]storage.FacetCount, map[string]bool, bool, error) {
	out, exact, err := src.FacetEstimates(ctx, facets, q, total)
	if err != nil {
		return nil, nil, false, fmt.Errorf("count: %w", err)
	}
	var smart map[string]bool
	for i, f := range facets {
		if f == "set" {
			if out[i], smart, err = storage.EverySet(ctx, src, out[i]); err != nil {
				return nil, nil, false, err
			}
		}
	}
	return out, smart, exact, nil
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
		p.saveClosed()
		p.rebuild()
	case rowMore:
		s.showAll = !s.showAll
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
	case rowMore:
		it.icon.SetResource(theme.MoreHorizontalIcon())
		it.label.Importance = widget.HighImportance
		if s.showAll {
			it.label.SetText("Show fewer")
		} else {
			it.label.SetText(fmt.Sprintf("Show all %s…", thousands(len(s.values))))
		}
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
		if it.p.approx {
			it.count.Text = "≈" + it.count.Text
		}
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
