package gui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	fstorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/transfer"
)

// showImportMenu offers files or a folder (the toolbar's Import button).
func (w *Window) showImportMenu(b fyne.CanvasObject) {
	m := fyne.NewMenu("",
		fyne.NewMenuItem("Files or zip…", w.importFilesDialog),
		fyne.NewMenuItem("Folder…", w.importFolderDialog))
	widget.ShowPopUpMenuAtPosition(m, w.win.Canvas(), popupBelow(b))
}

// importFilesDialog picks a seed file or a .zip to import.
func (w *Window) importFilesDialog() {
	w.pickFile([]string{".txt", ".md", ".zip"}, func(path string) { w.importPaths([]string{path}, nil) })
}

// pickFile shows a file-open dialog filtered to exts and calls then with
// the chosen path; an error is shown, a cancel does nothing.
func (w *Window) pickFile(exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		then(path)
	}, w.win)
	d.SetFilter(fstorage.NewExtensionFileFilter(exts))
	d.Resize(dialogSize(w.win))
	d.Show()
}

// importFolderDialog picks a folder to import recursively.
func (w *Window) importFolderDialog() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if l != nil {
			w.importPaths([]string{l.Path()}, nil)
		}
	}, w.win)
	d.Resize(dialogSize(w.win))
	d.Show()
}

// dropped imports files and folders dropped onto the window.
func (w *Window) dropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 {
		w.importPaths(paths, nil)
	}
}

// importPaths imports files, folders and zips with progress and Cancel, then
// shows the summary; then (if set) runs after it.
func (w *Window) importPaths(paths []string, then func()) {
	if w.status.busy() {
		w.status.say("Wait for the running job to finish (or cancel it)")
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	w.status.startJob("Importing…", stop)
	arc := w.arc
	w.tasks.run(func() func() {
		var stored []int64   // the articles written, for their images
		var inserted []int64 // the new ones, for the undo step
		sum, err := transfer.Import(ctx, arc, paths, transfer.ImportOptions{
			Progress: func(done, total int) {
				w.tasks.do(func() {
					w.status.job.SetText(fmt.Sprintf("Importing %s of %s", thousands(done), thousands(total)))
					w.status.jobProgress(done, total)
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
			w.status.endJob()
			w.status.say(capitalize(sum.String()))
			if arc == w.arc {
				if len(inserted) > 0 {
					// The app's import skips duplicates (transfer.Skip): it
					// only inserts, so undoing it removes what it inserted.
					w.pushUndo(insertStep(arc, "Import "+articles(len(inserted)), inserted))
					w.tools.refresh()
				}
				w.refresh()
				w.editor.RefreshValues()
				if !errors.Is(err, context.Canceled) {
					w.fetchAfterImport(stored)
				}
			}
			w.showImportSummary(sum, err)
			if then != nil {
				then()
			}
		}
	})
}

// showImportSummary lists what an import did: counts, duplicates, and every
// refused file with its reason.
func (w *Window) showImportSummary(sum transfer.ImportSummary, err error) {
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
		parts = append(parts, wrapLabel("No seed files (*.txt, *.md or .zip archives) were found there.", widget.MediumImportance))
	}
	parts = append(parts, wrapLabel(capitalize(sum.String()), widget.MediumImportance))
	if len(sum.RefusedFiles) > 0 {
		parts = append(parts, resultList(fmt.Sprintf("Refused (%d)", len(sum.RefusedFiles)), sum.RefusedFiles))
	}
	if len(sum.Conflicts) > 0 {
		parts = append(parts, resultList(fmt.Sprintf("Conflicting duplicates, skipped (%d)", len(sum.Conflicts)), sum.Conflicts))
	}
	d := dialog.NewCustom(title, "Close", container.NewVBox(parts...), w.win)
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	widgets.DialogKeys(d, w.win.Canvas(), d.Hide)
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
func (w *Window) exportOptions(scope exportScope, set, template string) transfer.ExportOptions {
	opts := transfer.ExportOptions{NameTemplate: strings.TrimSpace(template)}
	switch scope {
	case scopeSelection:
		opts.IDs = w.res.selectedIDs()
	case scopeSearch:
		opts.Query = w.res.query
	case scopeSet:
		opts.Set = set
	}
	return opts
}

// exportDialog asks what to export and where, then exports.
func (w *Window) exportDialog() {
	nsel := len(w.res.sel)
	choices := []string{
		fmt.Sprintf("Selected articles (%s)", thousands(nsel)),
		fmt.Sprintf("Current search (%s)", thousands(w.res.len())),
		"Set",
	}
	scope := widget.NewRadioGroup(choices, nil)
	scope.Required = true
	sets := widget.NewSelect(nil, nil)
	sets.PlaceHolder = "Choose a set"
	w.suggestAllSets(sets.SetOptions)
	scope.OnChanged = func(s string) {
		if s == choices[2] {
			sets.Enable()
		} else {
			sets.Disable()
		}
	}
	if nsel > 0 {
		scope.SetSelected(choices[0])
	} else {
		scope.SetSelected(choices[1])
	}
	format := widget.NewRadioGroup([]string{"Folder", "Zip file"}, nil)
	format.Horizontal = true
	format.Required = true
	format.SetSelected("Folder")
	template := widget.NewEntry()
	template.SetPlaceHolder("Original file names, or e.g. {date:2006-01}/{slug}.md")
	items := []*widget.FormItem{
		widget.NewFormItem("Export", container.NewVBox(scope, sets)),
		widget.NewFormItem("As", format),
		widget.NewFormItem("Names", template),
	}
	d := dialog.NewForm("Export articles", "Choose destination…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		sc := exportScope(indexOf(choices, scope.Selected))
		switch {
		case sc == scopeSet && sets.Selected == "":
			w.showError(errors.New("export: choose a set"))
			return
		case sc == scopeSelection && nsel == 0:
			w.showError(errors.New("export: no articles are selected"))
			return
		}
		opts := w.exportOptions(sc, sets.Selected, template.Text)
		w.chooseExportDest(format.Selected == "Zip file", func(dest string) { w.exportTo(dest, opts) })
	}, w.win)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	widgets.DialogKeys(d, w.win.Canvas(), d.Submit)
	d.Show()
}

// suggestAllSets loads every set name for the export dialog.
func (w *Window) suggestAllSets(set func([]string)) {
	arc := w.arc
	w.tasks.run(func() func() {
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
func (w *Window) chooseExportDest(zip bool, then func(dest string)) {
	if !zip {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil {
				w.showError(err)
			} else if l != nil {
				then(l.Path())
			}
		}, w.win)
		d.Resize(dialogSize(w.win))
		d.Show()
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			w.showError(err)
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
	}, w.win)
	d.SetFileName("articles.zip")
	d.SetFilter(fstorage.NewExtensionFileFilter([]string{".zip"}))
	d.Resize(dialogSize(w.win))
	d.Show()
}

// exportTo exports with progress and Cancel, then shows the summary. When
// files exist at the destination it asks before overwriting them. A zip
// chosen in the save dialog is overwritten (the dialog asked).
func (w *Window) exportTo(dest string, opts transfer.ExportOptions) {
	if w.status.busy() {
		w.status.say("Wait for the running job to finish (or cancel it)")
		return
	}
	if strings.HasSuffix(strings.ToLower(dest), ".zip") {
		opts.Force = true
	}
	ctx, stop := context.WithCancel(context.Background())
	w.status.startJob("Exporting…", stop)
	arc := w.arc
	opts.Progress = func(done, total int) {
		w.tasks.do(func() {
			w.status.job.SetText(fmt.Sprintf("Exporting %s of %s", thousands(done), thousands(total)))
			w.status.jobProgress(done, total)
		})
	}
	w.tasks.run(func() func() {
		sum, err := transfer.Export(ctx, arc, dest, opts)
		return func() {
			stop()
			w.status.endJob()
			switch {
			case errors.Is(err, transfer.ErrExists):
				dialog.ShowConfirm("Overwrite files?", err.Error()+"\n\nOverwrite the existing files?", func(ok bool) {
					if ok {
						opts.Force = true
						w.exportTo(dest, opts)
					}
				}, w.win)
			case err != nil:
				w.showError(fmt.Errorf("%w (%d files written)", err, sum.Count))
			default:
				w.status.say(capitalize(sum.String()))
				d := dialog.NewCustom("Export finished", "Close",
					container.NewHBox(widget.NewIcon(theme.ConfirmIcon()), widget.NewLabel(capitalize(sum.String()))), w.win)
				widgets.DialogKeys(d, w.win.Canvas(), d.Hide)
				d.Show()
			}
		}
	})
}
