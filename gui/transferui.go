package gui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fstorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/transfer"
	"github.com/seedarchive/seedarchive/storage"
)

// transfers imports and exports: the dialogs that ask what and where, the
// jobs with progress and Cancel in the status bar, and their summaries. It
// takes what it needs, not the window.
type transfers struct {
	win         fyne.Window
	prefs       fyne.Preferences
	res         *results // the selection and the query an export covers
	arc         func() *storage.Archive
	tasks       *tasks
	hist        *history
	status      *statusBar
	imported    func()            // the views follow an import
	fetchImages func(ids []int64) // fetches the images of the articles an import stored
	failed      func(err error)
}

// showImportMenu offers files or a folder (the toolbar's Import button).
func (t *transfers) showImportMenu(b fyne.CanvasObject) {
	m := fyne.NewMenu("",
		fyne.NewMenuItem("Files or zip…", t.importFilesDialog),
		fyne.NewMenuItem("Folder…", t.importFolderDialog))
	widget.ShowPopUpMenuAtPosition(m, t.win.Canvas(), popupBelow(b))
}

// importFilesDialog picks a seed file or a .zip to import.
func (t *transfers) importFilesDialog() {
	pickFile(t.win, []string{".txt", ".md", ".zip"}, func(path string) { t.importPaths([]string{path}, nil) })
}

// pickFile shows a file-open dialog over win filtered to exts and calls
// then with the chosen path; an error is shown, a cancel does nothing.
func pickFile(win fyne.Window, exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, win)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		then(path)
	}, win)
	d.SetFilter(fstorage.NewExtensionFileFilter(exts))
	d.Resize(dialogSize(win))
	d.Show()
}

// importFolderDialog picks a folder to import recursively.
func (t *transfers) importFolderDialog() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			t.failed(err)
			return
		}
		if l != nil {
			t.importPaths([]string{l.Path()}, nil)
		}
	}, t.win)
	d.Resize(dialogSize(t.win))
	d.Show()
}

// dropped imports files and folders dropped onto the window.
func (t *transfers) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		t.importPaths(paths, nil)
	}
}

// importPaths imports files, folders and zips with progress and Cancel, then
// shows the summary; then (if set) runs after it.
func (t *transfers) importPaths(paths []string, then func()) { t.importJob(paths, then, "") }

// importJob is importPaths; a quiet import (the bundled samples on a first
// start) says done in the status bar instead of a summary dialog, unless
// something went wrong, and is no step of the history: the samples are
// simply there, so Undo does not take them away.
func (t *transfers) importJob(paths []string, then func(), quiet string) {
	if t.status.busy() {
		t.status.say("Wait for the running job to finish (or cancel it)")
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	t.status.startJob("Importing…", stop)
	arc := t.arc()
	t.tasks.Go(func() func() {
		var stored []int64   // the articles written, for their images
		var inserted []int64 // the new ones, for the undo step
		sum, err := transfer.Import(ctx, arc, paths, transfer.ImportOptions{
			Progress: func(done, total int) {
				t.tasks.Send(func() {
					t.status.job.SetText(fmt.Sprintf("Importing %s of %s", thousands(done), thousands(total)))
					t.status.jobProgress(done, total)
				})
			},
			OnFile: func(r transfer.FileResult) {
				if r.Action == transfer.ActionInserted || r.Action == transfer.ActionReplaced {
					stored = append(stored, r.ID)
				}
				if r.Action == transfer.ActionInserted {
					inserted = append(inserted, r.ID)
				}
			},
		})
		return func() {
			stop()
			t.status.endJob()
			t.status.say(capitalize(sum.String()))
			if arc == t.arc() {
				if len(inserted) > 0 && quiet == "" {
					// The app's import skips duplicates (transfer.Skip): it
					// only inserts, so undoing it removes what it inserted.
					t.hist.push(insertStep(arc, "Import "+articles(len(inserted)), inserted))
				}
				t.imported()
				// The samples' images come cached with them.
				if !errors.Is(err, context.Canceled) && quiet == "" {
					t.fetchImages(stored)
				}
			}
			if quiet == "" || err != nil || sum.Refused > 0 || sum.Conflicting > 0 {
				t.showImportSummary(sum, err)
			} else {
				t.status.say(quiet)
			}
			if then != nil {
				then()
			}
		}
	})
}

// showImportSummary lists what an import did: counts, duplicates, and every
// refused file with its reason.
func (t *transfers) showImportSummary(sum transfer.ImportSummary, err error) {
	title := "Import finished"
	parts := []fyne.CanvasObject{}
	switch {
	case errors.Is(err, context.Canceled):
		title = "Import cancelled"
		parts = append(parts, wrapLabel("The files stored before you cancelled stay in the archive; "+
			"importing the same files again finishes the job.", widget.MediumImportance))
	case err != nil:
		title = "Import stopped"
		parts = append(parts, wrapLabel(err.Error(), widget.DangerImportance))
	case sum.Total == 0:
		parts = append(parts, wrapLabel("No seed files (*.txt, *.md, *.markdown, *.mdx or .zip archives) were found there.", widget.MediumImportance))
	}
	parts = append(parts, wrapLabel(capitalize(sum.String()), widget.MediumImportance))
	if len(sum.RefusedFiles) > 0 {
		parts = append(parts, resultList(fmt.Sprintf("Refused (%d)", len(sum.RefusedFiles)), sum.RefusedFiles))
	}
	if len(sum.Conflicts) > 0 {
		parts = append(parts, resultList(fmt.Sprintf("Conflicting duplicates, skipped (%d)", len(sum.Conflicts)), sum.Conflicts))
	}
	d := dialog.NewCustom(title, "Close", container.NewVBox(parts...), t.win)
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	widgets.DialogKeys(d, t.win.Canvas(), d.Hide)
	d.Show()
}

// resultList is a titled, scrollable list of file results.
func resultList(title string, results []transfer.FileResult) fyne.CanvasObject {
	head := widget.NewLabel(title)
	head.TextStyle.Bold = true
	list := widget.NewList(func() int { return len(results) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(results[i].String()) })
	h := min(float32(len(results)), 6) * 38
	return container.NewBorder(head, nil, nil, nil, container.NewGridWrap(fyne.NewSize(600, h), list))
}

func wrapLabel(text string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return l
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// dialogSize is a roomy size for file dialogs.
func dialogSize(win fyne.Window) fyne.Size {
	s := win.Canvas().Size()
	return fyne.NewSize(min(max(s.Width*0.8, 600), 1000), min(max(s.Height*0.8, 420), 720))
}

// exportScope is what an export covers.
type exportScope int

const (
	scopeSelection exportScope = iota
	scopeSearch
	scopeSet
)

// exportOptions turns a scope into transfer options.
func (t *transfers) exportOptions(scope exportScope, set, template string) transfer.ExportOptions {
	opts := transfer.ExportOptions{NameTemplate: strings.TrimSpace(template)}
	switch scope {
	case scopeSelection:
		opts.IDs = t.res.selectedIDs()
	case scopeSearch:
		opts.Query = t.res.query
	case scopeSet:
		opts.Set = set
	}
	return opts
}

// exportDialog asks what to export, how and where, then exports. The
// destination can be typed (absolute, "~/…", or relative to the home
// folder) or chosen with Browse…; a missing folder is offered to be
// created. A problem is shown in the dialog, which stays open with every
// choice as it was.
func (t *transfers) exportDialog() {
	x := t.newExportForm()
	x.dialog.Show()
	t.win.Canvas().Focus(x.dest)
}

// exportForm is the export dialog's state.
type exportForm struct {
	t        *transfers
	choices  []string
	scope    *widget.RadioGroup
	sets     *widget.Select
	format   *widget.RadioGroup
	template *widgets.EscEntry // Escape in an entry cancels too; Enter exports
	dest     *widgets.EscEntry
	problem  *widget.Label
	dialog   *dialog.CustomDialog
	nsel     int
}

func (t *transfers) newExportForm() *exportForm {
	x := &exportForm{t: t, nsel: len(t.res.sel)}
	x.choices = []string{
		fmt.Sprintf("Selected articles (%s)", thousands(x.nsel)),
		fmt.Sprintf("Current search (%s)", thousands(t.res.Len())),
		"Set",
	}
	x.scope = widget.NewRadioGroup(x.choices, nil)
	x.scope.Required = true
	x.sets = widget.NewSelect(nil, nil)
	x.sets.PlaceHolder = "Choose a set"
	t.suggestAllSets(x.sets.SetOptions)
	x.scope.OnChanged = func(s string) {
		if s == x.choices[2] {
			x.sets.Enable()
		} else {
			x.sets.Disable()
		}
	}
	if x.nsel > 0 {
		x.scope.SetSelected(x.choices[0])
	} else {
		x.scope.SetSelected(x.choices[1])
	}
	x.format = widget.NewRadioGroup([]string{"Folder", "Zip file"}, func(string) { x.say(nil) })
	x.format.Horizontal = true
	x.format.Required = true
	x.format.SetSelected("Folder")
	x.template = widgets.NewEscEntry()
	x.template.SetPlaceHolder("Original file names, or e.g. {date:2006-01}/{slug}.md")
	x.dest = widgets.NewEscEntry()
	x.dest.SetPlaceHolder("A folder, e.g. ~/Documents/export (or a name ending in .zip)")
	x.dest.SetText(t.prefs.String(prefExportDest))
	x.dest.OnChanged = func(string) { x.say(nil) }
	x.dest.OnSubmitted = func(string) { x.submit() }
	x.template.OnSubmitted = x.dest.OnSubmitted
	browse := widget.NewButtonWithIcon("Browse…", theme.FolderOpenIcon(), x.browse)
	x.problem = wrapLabel("", widget.DangerImportance)
	x.problem.Hide()
	form := widget.NewForm(
		widget.NewFormItem("Export", container.NewVBox(x.scope, x.sets)),
		widget.NewFormItem("As", x.format),
		widget.NewFormItem("Names", x.template),
		widget.NewFormItem("To", container.NewBorder(nil, nil, nil, browse, x.dest)),
	)
	x.dialog = dialog.NewCustomWithoutButtons("Export articles", container.NewVBox(form, x.problem), t.win)
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), x.dialog.Hide)
	export := widget.NewButtonWithIcon("Export", theme.UploadIcon(), x.submit)
	export.Importance = widget.HighImportance
	x.dialog.SetButtons([]fyne.CanvasObject{cancel, export})
	x.dest.OnEscape, x.template.OnEscape = x.dialog.Hide, x.dialog.Hide
	x.dialog.Resize(fyne.NewSize(640, x.dialog.MinSize().Height))
	widgets.DialogKeys(x.dialog, t.win.Canvas(), x.submit)
	return x
}

// zip reports whether a zip file is chosen.
func (x *exportForm) zip() bool { return x.format.Selected == "Zip file" }

// say shows a problem under the form (nil hides it).
func (x *exportForm) say(err error) {
	if x.problem == nil || x.dialog == nil {
		return // still being built
	}
	if err == nil {
		if x.problem.Visible() {
			x.problem.Hide()
			x.dialog.Resize(fyne.NewSize(640, x.dialog.MinSize().Height))
		}
		return
	}
	x.problem.SetText(err.Error())
	x.problem.Show()
	x.dialog.Resize(fyne.NewSize(640, x.dialog.MinSize().Height))
}

// browse fills the destination from a folder or save dialog.
func (x *exportForm) browse() {
	x.t.chooseExportDest(x.zip(), func(dest string) {
		x.dest.SetText(dest)
		x.say(nil)
	})
}

// submit checks the choices and the destination, offers to create a
// missing folder, then closes the dialog and exports.
func (x *exportForm) submit() {
	t := x.t
	sc := exportScope(indexOf(x.choices, x.scope.Selected))
	switch {
	case sc == scopeSet && x.sets.Selected == "":
		x.say(sentence("Choose the set to export."))
		return
	case sc == scopeSelection && x.nsel == 0:
		x.say(sentence("No articles are selected: export the current search instead, or select some first."))
		return
	}
	home, err := os.UserHomeDir()
	if err != nil {
		home = string(filepath.Separator)
	}
	dest, err := resolveDest(x.dest.Text, home, x.zip())
	if err != nil {
		x.say(err)
		return
	}
	missing, err := checkDest(dest, x.zip())
	if err != nil {
		x.say(err)
		return
	}
	run := func() {
		setPref(t.prefs, prefExportDest, x.dest.Text)
		x.dialog.Hide()
		t.exportTo(dest, t.exportOptions(sc, x.sets.Selected, x.template.Text))
	}
	if missing == "" {
		if _, err := os.Stat(dest); err == nil && x.zip() {
			c := dialog.NewConfirm("Replace the zip?", fmt.Sprintf("“%s” exists. Replace it?", dest), func(ok bool) {
				if ok {
					run()
				}
			}, t.win)
			widgets.DialogKeys(c, t.win.Canvas(), c.Confirm)
			c.Show()
			return
		}
		run()
		return
	}
	c := dialog.NewConfirm("Create the folder?", fmt.Sprintf("“%s” does not exist yet. Create it and export there?", missing),
		func(ok bool) {
			if !ok {
				return
			}
			if err := makeDestFolder(missing); err != nil {
				x.say(err)
				return
			}
			if err := writable(missing); err != nil {
				x.say(err)
				return
			}
			run()
		}, t.win)
	c.SetConfirmText("Create")
	widgets.DialogKeys(c, t.win.Canvas(), c.Confirm)
	c.Show()
}

// suggestAllSets loads every set name for the export dialog.
func (t *transfers) suggestAllSets(set func([]string)) {
	arc := t.arc()
	t.tasks.Go(func() func() {
		sets, err := arc.Sets(context.Background())
		var names []string
		if err == nil {
			for _, s := range sets {
				names = append(names, s.Name)
			}
		}
		return func() { set(names) }
	})
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// chooseExportDest asks for a folder, or a .zip file name.
func (t *transfers) chooseExportDest(zip bool, then func(dest string)) {
	if !zip {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil {
				t.failed(err)
			} else if l != nil {
				then(l.Path())
			}
		}, t.win)
		d.Resize(dialogSize(t.win))
		d.Show()
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			t.failed(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		_ = wc.Close()
		if !strings.HasSuffix(strings.ToLower(path), ".zip") {
			path += ".zip"
		}
		then(path)
	}, t.win)
	d.SetFileName("articles.zip")
	d.SetFilter(fstorage.NewExtensionFileFilter([]string{".zip"}))
	d.Resize(dialogSize(t.win))
	d.Show()
}

// exportTo exports with progress and Cancel, then shows the summary. When
// files exist at the destination it asks before overwriting them. A zip
// chosen in the save dialog is overwritten (the dialog asked).
func (t *transfers) exportTo(dest string, opts transfer.ExportOptions) {
	if t.status.busy() {
		t.status.say("Wait for the running job to finish (or cancel it)")
		return
	}
	if strings.HasSuffix(strings.ToLower(dest), ".zip") {
		opts.Force = true
	}
	ctx, stop := context.WithCancel(context.Background())
	t.status.startJob("Exporting…", stop)
	arc := t.arc()
	opts.Progress = func(done, total int) {
		t.tasks.Send(func() {
			t.status.job.SetText(fmt.Sprintf("Exporting %s of %s", thousands(done), thousands(total)))
			t.status.jobProgress(done, total)
		})
	}
	t.tasks.Go(func() func() {
		sum, err := transfer.Export(ctx, arc, dest, opts)
		return func() {
			stop()
			t.status.endJob()
			switch {
			case errors.Is(err, transfer.ErrExists):
				dialog.ShowConfirm("Overwrite files?", err.Error()+"\n\nOverwrite the existing files?", func(ok bool) {
					if ok {
						opts.Force = true
						t.exportTo(dest, opts)
					}
				}, t.win)
			case err != nil:
				t.failed(fmt.Errorf("%w (%d files written)", err, sum.Count))
			default:
				t.status.say(capitalize(sum.String()))
				d := dialog.NewCustom("Export finished", "Close",
					container.NewHBox(widget.NewIcon(theme.ConfirmIcon()), widget.NewLabel(capitalize(sum.String()))), t.win)
				widgets.DialogKeys(d, t.win.Canvas(), d.Hide)
				d.Show()
			}
		}
	})
}
