package gui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/editor"
	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/gitrepo"
	"github.com/seedarchive/seedarchive/storage"
)

// gitPanel is View › Git changes…: for a linked folder in a git working
// tree, the branch and how far it is from its upstream, every changed file
// with its state, the diff of the selected one, and Commit…, Pull and Push,
// which run the user's own git off the UI goroutine and show its output.
// Without git, or for a folder outside a working tree, the buttons are
// disabled and the reason is shown.
type gitPanel struct {
	l       *linkedFolders
	folders *widget.Select
	repo    *gitrepo.Repo // nil without git or a working tree
	status  gitrepo.Status
	diffs   map[string]string // path → git's patch
	checked map[string]bool   // the files Commit… records
	sel     int               // the change whose diff shows, -1 for none

	branch  *widget.Label
	reason  *widget.Label
	list    *widget.List
	diff    *widget.RichText
	output  *widget.Label
	commit  *widget.Button
	pull    *widget.Button
	push    *widget.Button
	refresh *widget.Button
	running bool // a git command runs: one at a time, as git's index lock wants
	dialog  dialog.Dialog
}

// gitDialog shows the Git panel for the linked folders.
func (l *linkedFolders) gitDialog() {
	l.withLinkedFolders(l.arc(), "Git changes", "No folder is linked to this archive: File › Open folder… links one.",
		func(folders []storage.Folder) { newGitPanel(l, folders).dialog.Show() })
}

func newGitPanel(l *linkedFolders, folders []storage.Folder) *gitPanel {
	g := &gitPanel{l: l, sel: -1, checked: map[string]bool{}}
	paths := make([]string, len(folders))
	for i, f := range folders {
		paths[i] = f.Path
	}
	g.branch = widget.NewLabel("")
	g.reason = wrapLabel("", widget.WarningImportance)
	g.reason.Hide()
	g.output = wrapLabel("", widget.MediumImportance)
	g.output.TextStyle.Monospace = true
	g.diff = widget.NewRichText()
	g.list = widget.NewList(func() int { return len(g.status.Changes) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil, widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := g.status.Changes[i]
			box := o.(*fyne.Container)
			label, check := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Check)
			label.SetText(fmt.Sprintf("%-10s %s", c.State, c.Path))
			label.TextStyle.Monospace = true
			check.OnChanged = nil
			check.SetChecked(g.checked[c.Path])
			check.OnChanged = func(on bool) { g.checked[c.Path] = on; g.enable() }
		})
	g.list.OnSelected = func(i widget.ListItemID) { g.showDiff(i) }
	g.commit = widget.NewButtonWithIcon("Commit…", theme.ConfirmIcon(), g.askCommit)
	g.pull = widget.NewButtonWithIcon("Pull", theme.DownloadIcon(), func() { g.remote("Pull", (*gitrepo.Repo).Pull) })
	g.push = widget.NewButtonWithIcon("Push", theme.UploadIcon(), func() { g.remote("Push", (*gitrepo.Repo).Push) })
	g.refresh = widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), g.load)
	g.folders = widget.NewSelect(paths, func(string) { g.load() })
	top := container.NewVBox(g.folders, g.branch, g.reason,
		container.NewHBox(g.commit, g.pull, g.push, g.refresh))
	// The diff scrolls both ways: a long line (an excerpt) widening its
	// pane would grow the dialog to the window and squeeze the file list.
	split := container.NewHSplit(g.list, container.NewScroll(g.diff))
	split.Offset = 0.35
	body := container.NewBorder(top, container.NewVScroll(g.output), nil, nil, split)
	d := dialog.NewCustom("Git changes", "Close", body, l.win)
	d.Resize(fyne.NewSize(min(l.win.Canvas().Size().Width*0.9, 1100), min(l.win.Canvas().Size().Height*0.9, 760)))
	widgets.DialogKeys(d, l.win.Canvas(), d.Hide)
	g.dialog = d
	g.folders.SetSelected(paths[0]) // loads it
	return g
}

// load finds the selected folder's repository and reads its status and
// diffs off the UI goroutine.
func (g *gitPanel) load() {
	dir := g.folders.Selected
	g.running = true
	g.enable()
	g.l.tasks.Go(func() func() {
		repo, err := gitrepo.Find(dir)
		var st gitrepo.Status
		var diffs []gitrepo.FileDiff
		if err == nil {
			st, err = repo.Status(context.Background())
		}
		if err == nil {
			diffs, err = repo.Diffs(context.Background())
		}
		return func() {
			g.running = false
			if dir != g.folders.Selected {
				return
			}
			g.repo, g.status, g.diffs, g.sel = nil, gitrepo.Status{}, map[string]string{}, -1
			g.diff.Segments = nil
			g.diff.Refresh()
			g.checked = map[string]bool{}
			if err != nil {
				g.reason.SetText(gitReason(err))
				g.reason.Show()
				g.branch.SetText("")
			} else {
				g.reason.Hide()
				g.repo, g.status = repo, st
				for _, d := range diffs {
					g.diffs[d.Path] = d.Text
				}
				for _, c := range st.Changes {
					g.checked[c.Path] = true
				}
				g.branch.SetText(branchLine(st))
			}
			g.list.UnselectAll()
			g.list.Refresh()
			g.enable()
		}
	})
}

// gitReason is why the git buttons are disabled, as a sentence.
func gitReason(err error) string {
	switch {
	case errors.Is(err, gitrepo.ErrNoGit):
		return "Git is not installed, so commit, pull and push are not available (everything else works)."
	case errors.Is(err, gitrepo.ErrNotRepo):
		return "This folder is not inside a git working tree, so there is nothing to commit, pull or push."
	}
	return "Git could not read this folder: " + err.Error()
}

// branchLine is "Branch main · 1 to push, 0 to pull (origin/main)".
func branchLine(st gitrepo.Status) string {
	b := st.Branch
	if b == "" {
		b = "(detached HEAD)"
	}
	s := "Branch " + b
	if st.Upstream == "" {
		s += " · no upstream"
	} else {
		s += fmt.Sprintf(" · %d to push, %d to pull (%s)", st.Ahead, st.Behind, st.Upstream)
	}
	return s + " · " + plural(len(st.Changes), "1 changed file", fmt.Sprintf("%d changed files", len(st.Changes)))
}

// enable sets the buttons from the repository and the running command.
func (g *gitPanel) enable() {
	set := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	ok := g.repo != nil && !g.running
	set(g.commit, ok && len(g.selected()) > 0)
	set(g.pull, ok && g.status.Upstream != "")
	set(g.push, ok && g.status.Upstream != "")
	set(g.refresh, !g.running)
}

// selected lists the paths of the checked changes (both names of a rename).
func (g *gitPanel) selected() []string {
	var out []string
	for _, c := range g.status.Changes {
		if g.checked[c.Path] {
			out = append(out, c.Paths()...)
		}
	}
	return out
}

// showDiff shows change i's patch in monospace, coloured as the editor's
// Changes tab colours its diff.
func (g *gitPanel) showDiff(i int) {
	if i < 0 || i >= len(g.status.Changes) {
		return
	}
	g.sel = i
	c := g.status.Changes[i]
	text, ok := g.diffs[c.Path]
	if !ok {
		text = fmt.Sprintf("No diff for %s (%s).", c.Path, c.State)
	}
	g.diff.Segments = editor.DiffSegments(strings.Split(strings.TrimRight(text, "\n"), "\n"))
	g.diff.Refresh()
}

// say shows a git command's output, an error in the danger colour.
func (g *gitPanel) say(out string, err error) {
	text := strings.TrimSpace(out)
	g.output.Importance = widget.MediumImportance
	if err != nil {
		g.output.Importance = widget.DangerImportance
		text = capitalize(err.Error()) + "."
	}
	g.output.SetText(text)
}

// askCommit asks for the message, then commits the checked files.
func (g *gitPanel) askCommit() {
	msg := widget.NewMultiLineEntry()
	msg.SetPlaceHolder("What changed, and why")
	msg.SetMinRowsVisible(4)
	paths := g.selected()
	form := dialog.NewForm("Commit "+plural(len(paths), "1 file", fmt.Sprintf("%d files", len(paths))), "Commit", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Message", msg)}, func(ok bool) {
			if ok {
				g.runCommit(msg.Text, paths)
			}
		}, g.l.win)
	form.Resize(fyne.NewSize(560, form.MinSize().Height))
	form.Show()
	g.l.win.Canvas().Focus(msg)
}

// runCommit commits paths with message off the UI goroutine.
func (g *gitPanel) runCommit(message string, paths []string) {
	repo := g.repo
	g.running = true
	g.enable()
	g.l.tasks.Go(func() func() {
		out, err := repo.Commit(context.Background(), message, paths)
		return func() {
			g.running = false
			g.say(out, err)
			g.load()
		}
	})
}

// remote runs Pull or Push off the UI goroutine; after a pull the index
// follows the files at once.
func (g *gitPanel) remote(name string, run func(*gitrepo.Repo, context.Context) (string, error)) {
	repo := g.repo
	g.running = true
	g.enable()
	g.output.SetText(name + "ing…")
	g.l.tasks.Go(func() func() {
		out, err := run(repo, context.Background())
		return func() {
			g.running = false
			g.say(out, err)
			if name == "Pull" {
				g.l.syncNow()
			}
			g.load()
		}
	})
}
