package gui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/storage"
)

// linkedFolders are the folders linked to the archive: linking, unlinking,
// syncing them, their problem files, a write refused because a file changed
// on disk, and their git changes. It takes what it needs, not the window.
type linkedFolders struct {
	win     fyne.Window
	arc     func() *storage.Archive // the open archive
	tasks   *tasks
	status  *statusBar
	watch   func() *folderWatch // the window's folder watcher (nil before it watches)
	changed func()              // the views follow a change of the linked files
	failed  func(err error)
}

// openFolderDialog picks a folder to link (File › Open folder…).
func (l *linkedFolders) openFolderDialog() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			l.failed(err)
			return
		}
		if dir != nil {
			l.linkFolder(dir.Path())
		}
	}, l.win)
	d.Resize(dialogSize(l.win))
	d.Show()
}

// linkFolder links dir (storage.Archive.Link, as `seedctl link` does) off
// the UI goroutine, with the job (files indexed of files found) in the
// status bar, then shows the new articles and a summary listing every
// refused file as PATH:LINE: reason.
func (l *linkedFolders) linkFolder(dir string) {
	if l.status.busy() {
		l.status.say("Wait for the running job to finish (or cancel it)")
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	name := filepath.Base(dir)
	l.status.startJob("Linking "+name+"…", stop)
	arc := l.arc()
	l.tasks.Go(func() func() {
		res, err := arc.Link(ctx, dir, func(done, total int) {
			l.tasks.Send(func() {
				l.status.main.set(fmt.Sprintf("Linking %s: %s of %s", name, thousands(done), thousands(total)), done, total)
			})
		})
		return func() {
			stop()
			l.status.endJob()
			if arc != l.arc() {
				return
			}
			l.watch().syncSoon() // watch the new folder
			if err == nil {
				l.status.say(fmt.Sprintf("Linked %s: %s", dir, res.Summary()))
			}
			l.changed()
			l.showProblemCount(res.Problems)
			l.showLinkSummary(dir, res, err)
		}
	})
}

// showLinkSummary says what linking did, listing the folder's problem files.
func (l *linkedFolders) showLinkSummary(dir string, res storage.SyncResult, err error) {
	title := "Folder linked"
	parts := []fyne.CanvasObject{}
	switch {
	case errors.Is(err, context.Canceled):
		title = "Linking cancelled"
		parts = append(parts, wrapLabel("The files indexed before you cancelled stay linked; "+
			"opening the folder again finishes the job.", widget.MediumImportance))
	case err != nil:
		title = "Linking failed"
		parts = append(parts, wrapLabel(err.Error(), widget.DangerImportance))
	default:
		parts = append(parts, wrapLabel(capitalize(res.Summary())+".", widget.MediumImportance))
	}
	var refused []storage.Problem
	if abs, aerr := filepath.Abs(dir); aerr == nil {
		for _, p := range res.Problems {
			if p.Folder == abs {
				refused = append(refused, p)
			}
		}
	}
	if len(refused) > 0 {
		parts = append(parts, problemList(fmt.Sprintf("Refused (%d)", len(refused)), refused))
	}
	d := dialog.NewCustom(title, "Close", container.NewVBox(parts...), l.win)
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	widgets.DialogKeys(d, l.win.Canvas(), d.Hide)
	d.Show()
}

// problemList is a titled, scrollable list of problem files.
func problemList(title string, problems []storage.Problem) fyne.CanvasObject {
	head := widget.NewLabel(title)
	head.TextStyle.Bold = true
	list := widget.NewList(func() int { return len(problems) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(problems[i].String()) })
	h := min(float32(len(problems)), 6) * 38
	return container.NewBorder(head, nil, nil, nil, container.NewGridWrap(fyne.NewSize(600, h), list))
}

// showProblemCount shows the number of problem files of the linked folders
// in the status bar; its button lists them.
func (l *linkedFolders) showProblemCount(problems []storage.Problem) {
	b := l.status.problems
	if len(problems) == 0 {
		b.Hide()
		return
	}
	b.SetText(fmt.Sprintf("%d %s", len(problems), plural(len(problems), "problem file", "problem files")))
	b.OnTapped = func() {
		d := dialog.NewCustom("Problem files", "Close", container.NewVBox(
			wrapLabel("These files of the linked folders do not parse; an article indexed before keeps its last good text.",
				widget.MediumImportance),
			problemList(fmt.Sprintf("Problems (%d)", len(problems)), problems)), l.win)
		d.Resize(fyne.NewSize(640, d.MinSize().Height))
		widgets.DialogKeys(d, l.win.Canvas(), d.Hide)
		d.Show()
	}
	b.Show()
}

// unlinkFolderDialog offers the linked folders to unlink (File › Unlink
// folder…): the files stay, their articles leave the archive.
func (l *linkedFolders) unlinkFolderDialog() {
	arc := l.arc()
	l.withLinkedFolders(arc, "Unlink folder", "No folder is linked to this archive.", func(folders []storage.Folder) {
		paths := make([]string, len(folders))
		for i, f := range folders {
			paths[i] = f.Path
		}
		choice := widget.NewRadioGroup(paths, nil)
		choice.Required = true
		choice.SetSelected(paths[0])
		d := dialog.NewCustomConfirm("Unlink folder", "Unlink", "Cancel", container.NewVBox(
			wrapLabel("The folder's files stay where they are; its articles leave the archive.", widget.MediumImportance),
			choice), func(ok bool) {
			if ok && choice.Selected != "" {
				l.unlinkFolder(arc, choice.Selected)
			}
		}, l.win)
		d.Resize(fyne.NewSize(640, d.MinSize().Height))
		d.Show()
	})
}

// withLinkedFolders reads arc's linked folders off the UI goroutine and
// hands them to show on it; an error is shown, and with no linked folder
// the user reads none instead, in a dialog titled title.
func (l *linkedFolders) withLinkedFolders(arc *storage.Archive, title, none string, show func([]storage.Folder)) {
	l.tasks.Go(func() func() {
		folders, err := arc.Folders(context.Background())
		return func() {
			switch {
			case err != nil:
				l.failed(err)
			case len(folders) == 0:
				dialog.ShowInformation(title, none, l.win)
			default:
				show(folders)
			}
		}
	})
}

// unlinkFolder unlinks dir off the UI goroutine and shows the result.
func (l *linkedFolders) unlinkFolder(arc *storage.Archive, dir string) {
	l.tasks.Go(func() func() {
		n, err := arc.Unlink(context.Background(), dir)
		var problems []storage.Problem
		if err == nil {
			problems, err = arc.Problems(context.Background())
		}
		return func() {
			if err != nil {
				l.failed(err)
				return
			}
			if arc != l.arc() {
				return
			}
			l.watch().syncSoon() // stop watching it
			l.status.say(fmt.Sprintf("Unlinked %s: %s left the archive; the files stay", dir, articles(n)))
			l.changed()
			l.showProblemCount(problems)
		}
	})
}
