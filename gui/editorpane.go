package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/editor"
	"github.com/seedarchive/seedarchive/storage"
)

// summaryTop is how many topics and providers the summary names.
const summaryTop = 5

// editorPane is the right-hand pane: the editor, over a line that says how
// it relates to the results (several articles selected, its article no
// longer listed), or, while no article is selected, a summary of the
// results instead of an empty editor. The line sits under the editor and
// takes one line, so the fields do not move when it appears.
type editorPane struct {
	res     *results
	facets  *facetPanel           // its counts, for the summary
	editor  func() *editor.Editor // the editor of the open archive
	banner  *widget.Label
	title   *widget.Label
	summary *widget.Label
	sumBox  fyne.CanvasObject
	body    *fyne.Container // the editor or the summary
	view    *fyne.Container
}

func newEditorPane(res *results, facets *facetPanel, ed func() *editor.Editor) *editorPane {
	p := &editorPane{res: res, facets: facets, editor: ed, banner: widget.NewLabel(""), title: widget.NewLabel(""), summary: widget.NewLabel("")}
	p.banner.Truncation = fyne.TextTruncateEllipsis
	p.banner.Importance = widget.WarningImportance
	p.banner.Hide()
	p.title.TextStyle.Bold = true
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Wrapping = fyne.TextWrapWord
	p.summary.Wrapping = fyne.TextWrapWord
	p.sumBox = container.NewVScroll(container.NewVBox(p.title, p.summary))
	p.body = container.NewStack()
	p.view = container.NewBorder(nil, p.banner, nil, nil, p.body)
	return p
}

// update shows the editor or the summary, and the banner that applies.
func (p *editorPane) update() {
	e := p.editor()
	if e == nil {
		return
	}
	var body fyne.CanvasObject = e
	if p.res.cursorID() == 0 && e.ID() == 0 {
		p.fillSummary()
		body = p.sumBox
	}
	if len(p.body.Objects) != 1 || p.body.Objects[0] != body {
		p.body.Objects = []fyne.CanvasObject{body}
		p.body.Refresh()
	}
	text := p.bannerText()
	if text == "" {
		p.banner.Hide()
		return
	}
	if p.banner.Text != text {
		p.banner.SetText(text)
	}
	p.banner.Show()
}

// bannerText says how the editor's article relates to the results: left
// out of them, or the focused one of several selected ("" when neither).
func (p *editorPane) bannerText() string {
	id := p.editor().ID()
	switch {
	case id == 0:
		return ""
	case p.res.Listed() && p.res.RowOf(id) < 0:
		return fmt.Sprintf("#%d is not in the results of this search", id)
	case len(p.res.sel) > 1:
		return fmt.Sprintf("%s selected — editing the focused one, #%d", articles(len(p.res.sel)), id)
	}
	return ""
}

// fillSummary describes the results: how many match, and their most common
// topics and providers (as the sidebar counted them).
func (p *editorPane) fillSummary() {
	n := p.res.Len()
	q := strings.TrimSpace(p.res.query)
	switch {
	case q == "":
		p.title.SetText(articles(n) + " in the archive")
	case strings.ContainsRune(q, '"'):
		p.title.SetText(fmt.Sprintf("%s match %s", articles(n), q))
	default:
		p.title.SetText(fmt.Sprintf("%s match “%s”", articles(n), q))
	}
	var b strings.Builder
	if p.facets.query == p.res.query {
		for _, s := range p.facets.sections {
			if s.facet != "topic" && s.facet != "provider" {
				continue
			}
			if line := topValues(s.values); line != "" {
				fmt.Fprintf(&b, "%s: %s\n\n", s.title, line)
			}
		}
	}
	b.WriteString("Select an article to edit it here; select several for the bulk actions in the Articles menu.")
	p.summary.SetText(b.String())
}

// topValues lists the first summaryTop values with their counts.
func topValues(values []storage.FacetCount) string {
	parts := make([]string, 0, summaryTop)
	for _, v := range values[:min(len(values), summaryTop)] {
		parts = append(parts, fmt.Sprintf("%s (%s)", v.Value, thousands(v.Count)))
	}
	return strings.Join(parts, ", ")
}
