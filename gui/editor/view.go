package editor

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
)

// view holds the editor's widgets.
type view struct {
	e       *Editor
	root    *fyne.Container
	message *widget.Label
	content fyne.CanvasObject

	heading   *widget.Label
	fileLabel *widget.RichText
	status    *statusLabel
	undo      *widget.Button
	redo      *widget.Button
	revert    *widget.Button
	save      *widget.Button

	fields    map[string]*field
	topics    *widgets.ChipList
	topicsMsg *widget.Label
	related   *relatedList
	secured   *widget.Label
	extra     *fieldEntry
	extraMsg  *widget.Label
	images    *imageRow
	body      *fieldEntry
	preview   *widget.RichText
	bodyTabs  *container.AppTabs
	changes   *changesView
	tabs      *container.AppTabs
	fieldsTab *container.TabItem
	changeTab *container.TabItem
	cull      *widgets.Culler // the Fields tab's scroll

	leave        dialog.Dialog
	leaveButtons [3]*widget.Button // save, discard, cancel
	// changed is the last "changed by another program" dialog.
	changed        dialog.Dialog
	changedButtons [2]*widget.Button // reload, keep editing
	changedOpen    bool
	lastSaveErr    error
}

// fieldLabels overrides registry labels where the section says enough.
var fieldLabels = map[string]string{
	"provider.name":     "Name",
	"provider.domain":   "Domain",
	"publishedDateTime": "Published at",
}

func newView(e *Editor) *view {
	v := &view{e: e, fields: map[string]*field{}}
	sc := e.HandleShortcut
	for _, f := range scalarFields {
		label := f.Label
		if l, ok := fieldLabels[f.Path]; ok {
			label = l
		}
		key := f.Path
		options := key == "category" || key == "type"
		v.fields[key] = newField(key, label, f.Kind, options, e.hooks(), func(s string) { e.setField(key, s) })
	}

	v.topics = widgets.NewEditableChipList(nil, "Add a topic…")
	v.topics.NewLabel = "New topic"
	v.topics.OnShortcut = sc
	v.topics.OnFocusChanged = func(gained bool) {
		e.fieldFocus(v.topics.EntryWidget().(fyne.CanvasObject), gained)
	}
	onTopics := func(string) { e.edit("", func(s *state) { s.topics = v.topics.Items() }) }
	v.topics.OnAdded, v.topics.OnRemoved = onTopics, onTopics
	v.topicsMsg = errorLabel()

	v.related = newRelatedList(e)
	v.images = newImageRow(e)

	v.secured = widget.NewLabel("")
	v.secured.Selectable = true
	v.secured.Truncation = fyne.TextTruncateEllipsis

	v.extra = newFieldEntry(sc)
	v.extra.focus, v.extra.pane = e.fieldFocus, e.paneKey
	v.extra.MultiLine = true
	v.extra.SetPlaceHolder("fields this app does not know, as YAML\nkey: value")
	v.extra.SetMinRowsVisible(4)
	v.extra.OnChanged = func(s string) { e.edit("extra", func(st *state) { st.extra = s }) }
	v.extraMsg = errorLabel()

	v.body = newWrappedEntry(sc, 12, false)
	v.body.SetPlaceHolder("The article's Markdown body")
	v.body.pane = e.paneKey
	v.body.OnChanged = func(s string) { e.edit("body", func(st *state) { st.body = s }) }
	v.preview = widgets.NewMarkdown("")
	v.bodyTabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Edit", theme.DocumentCreateIcon(), v.body),
		container.NewTabItemWithIcon("Preview", theme.VisibilityIcon(), container.NewVScroll(container.NewPadded(v.preview))),
	)
	v.bodyTabs.OnSelected = func(*container.TabItem) { v.refreshPreview() }

	v.changes = newChangesView()
	v.cull = widgets.NewCuller(container.NewPadded(v.form()))
	v.fieldsTab = container.NewTabItem("Fields", v.cull.Object())
	v.changeTab = container.NewTabItem("Changes", v.changes.obj)
	v.tabs = container.NewAppTabs(v.fieldsTab, container.NewTabItem("Body", v.bodyTabs), v.changeTab)
	v.tabs.OnSelected = func(*container.TabItem) { v.refreshChanges() }

	v.content = container.NewBorder(v.header(), nil, nil, nil, v.tabs)
	var msg fyne.CanvasObject
	v.message, msg = widgets.NewMessage("")
	v.root = container.NewStack(msg, v.content)
	return v
}

// errorLabel is an inline validation message, hidden until needed.
func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// header is the title, the file and the toolbar above the tabs.
func (v *view) header() fyne.CanvasObject {
	e := v.e
	v.heading = widget.NewLabel("")
	v.heading.TextStyle = fyne.TextStyle{Bold: true}
	v.heading.SizeName = theme.SizeNameSubHeadingText
	v.heading.Truncation = fyne.TextTruncateEllipsis
	v.fileLabel = widgets.NewCaption("", theme.SizeNameCaptionText)
	v.fileLabel.Wrapping = fyne.TextWrapOff
	v.fileLabel.Truncation = fyne.TextTruncateEllipsis
	v.status = newStatusLabel()
	v.undo = widget.NewButtonWithIcon("", theme.ContentUndoIcon(), e.Undo)
	v.redo = widget.NewButtonWithIcon("", theme.ContentRedoIcon(), e.Redo)
	v.revert = widget.NewButtonWithIcon("Revert", theme.HistoryIcon(), e.Revert)
	v.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), e.Save)
	v.save.Importance = widget.HighImportance
	for _, b := range []*widget.Button{v.undo, v.redo, v.revert} {
		b.Importance = widget.LowImportance
	}
	edits := container.NewHBox(v.undo, v.redo, v.revert)
	tools := container.NewBorder(nil, nil, edits, v.save, v.status)
	// Tab runs in the order of the children, and the header comes after
	// the fields (see content): Save is the first stop after the last field.
	tools.Objects = []fyne.CanvasObject{v.status, v.save, edits}
	titles := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), v.heading, v.fileLabel)
	// The fields below sit inside padding; the header keeps the same margin
	// on the right, so that Save does not touch the window's edge.
	inset := layout.NewCustomPaddedLayout(0, 0, 0, theme.InnerPadding())
	return container.NewVBox(container.New(inset, titles), container.New(inset, tools), widget.NewSeparator())
}

// form lays out the Fields tab. Each row is a cell the culler may leave
// undrawn while out of view; section titles are the same text for every
// article and cost nothing to keep.
func (v *view) form() fyne.CanvasObject {
	cell := func(o fyne.CanvasObject) fyne.CanvasObject { return widgets.NewCullCell(o) }
	f := func(path string) fyne.CanvasObject { return cell(fieldRow(v.fields[path])) }
	return container.NewVBox(
		section("Article", f("category"), f("type"), f("title"), f("excerpt"),
			f("publishedDateTime"), f("published"), cell(row("Images", v.images.obj))),
		gap(),
		section("Source", f("webUrl"), f("ampWebUrl"), f("cdnAmpWebUrl")),
		gap(),
		section("Scores", f("quality"), f("heat")),
		gap(),
		section("Provider", f("provider.name"), f("provider.domain")),
		gap(),
		section("Topics", cell(container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding()-theme.Padding(), 0),
			container.NewVBox(v.topics, v.topicsMsg)))),
		gap(),
		section("Related", v.related.obj), // each card is a cell
		gap(),
		section("Advanced", cell(row("Secured", v.secured)),
			cell(row("Other fields", container.NewVBox(v.extra, v.extraMsg)))),
	)
}

// setOptions gives the select entries and the topic entry their choices.
func (v *view) setOptions(categories, types, topics []string) {
	v.fields["category"].sel.SetOptions(categories)
	v.fields["type"].sel.SetOptions(types)
	v.topics.SetSuggestions(topics)
	v.related.setTypes(types)
}

// sync shows st in every widget.
func (v *view) sync(st state) {
	for key, f := range v.fields {
		f.setText(st.fields[key])
	}
	if !slices.Equal(v.topics.Items(), st.topics) {
		v.topics.SetItems(st.topics)
	}
	v.related.sync(st)
	if v.extra.Text != st.extra {
		v.extra.SetText(st.extra)
	}
	if v.body.Text != st.body {
		v.body.SetText(st.body)
	}
}

// refresh updates messages, header, buttons, images and the visible tab
// after the state or the working copy changed.
func (v *view) refresh() {
	e := v.e
	if e.base == nil {
		return
	}
	for key, f := range v.fields {
		err := e.errs[key]
		if err == nil {
			err = keptInvalid(e.work, key, f.kind)
		}
		f.setError(err)
	}
	showError(v.topicsMsg, e.errs["topics"])
	showError(v.extraMsg, e.errs["extra"])
	v.related.showErrors(e.errs, e.work)

	title := e.cur.fields["title"]
	if title == "" {
		title = "Untitled article"
	}
	v.heading.SetText(title)
	widgets.SetCaption(v.fileLabel, fmt.Sprintf("#%d · %s", e.id, e.file))
	v.secured.SetText(e.work.Article().Secured)
	v.refreshStatus()
	v.images.set(e.work.Images())
	v.refreshChanges()
	v.refreshPreview()
}

// refreshStatus updates the status text and the toolbar buttons.
func (v *view) refreshStatus() {
	e := v.e
	n := len(e.errs)
	switch {
	case e.saving:
		v.status.set(widget.MediumImportance, "Saving…")
	case n == 1:
		v.status.set(widget.DangerImportance, "1 field to fix", "1 to fix")
	case n > 1:
		v.status.set(widget.DangerImportance, fmt.Sprintf("%d fields to fix", n), fmt.Sprintf("%d to fix", n))
	case e.dirty:
		v.status.set(widget.WarningImportance, "● Unsaved changes", "● Unsaved", "●")
	case e.savedMsg:
		v.status.set(widget.SuccessImportance, "Saved")
	default:
		v.status.set(widget.MediumImportance)
	}
	enable(v.undo, e.CanUndo())
	enable(v.redo, e.CanRedo())
	enable(v.revert, e.base != nil && !e.cur.equal(e.base.st) && !e.saving)
	enable(v.save, e.dirty && e.Valid() && !e.saving)
}

// refreshChanges recomputes the diff when the Changes tab is shown.
func (v *view) refreshChanges() {
	if v.e.work == nil || v.tabs.Selected() != v.changeTab {
		return
	}
	v.changes.show(v.e.original, v.e.work.Bytes(), v.e.file)
}

// refreshPreview renders the body when its preview is shown.
func (v *view) refreshPreview() {
	if v.bodyTabs.SelectedIndex() != 1 {
		return
	}
	widgets.SetMarkdown(v.preview, v.e.cur.body)
}

// showMessage replaces the content with a message.
func (v *view) showMessage(msg string, isErr bool) {
	v.content.Hide()
	widgets.SetMessage(v.message, msg, isErr)
}

// showContent shows the loaded article.
func (v *view) showContent() {
	v.message.Hide()
	v.content.Show()
	v.root.Refresh()
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// showError shows err in an inline message label.
func showError(l *widget.Label, err error) {
	if err == nil {
		l.Hide()
		return
	}
	if l.Text != err.Error() {
		l.SetText(err.Error())
	}
	l.Show()
}
