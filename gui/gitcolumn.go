package gui

import (
	"context"
	"slices"

	"github.com/seedarchive/seedarchive/gui/table"
)

// prefGitColumn remembers the user's choice for the Git column: "" lets
// the archive decide (shown while one of its linked folders is in a git
// working tree, where the column says something; hidden otherwise, where
// it would stay empty), "shown" or "hidden" once the user toggled it.
// The column list (prefColumns) never holds it, so that one archive's git
// folder does not add an empty column to every other archive.
const prefGitColumn = "table.columns.git"

// gitColumn is the Git column's key.
const gitColumn = table.GitColumn

// withGitColumn returns keys (without the Git column) with the Git column
// placed after the title when show.
func withGitColumn(keys []string, show bool) []string {
	out := slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return k == gitColumn })
	if !show {
		return out
	}
	at := slices.Index(out, "title") + 1
	return slices.Insert(out, at, gitColumn)
}

// showsGit says whether the Git column is shown: the user's choice, else
// whether the open archive has a linked folder in git.
func (w *Window) showsGit() bool {
	switch w.prefs.String(prefGitColumn) {
	case "shown":
		return true
	case "hidden":
		return false
	}
	return w.hasGit
}

// setColumns shows the columns keys (the Git column placed by showsGit)
// and remembers them.
func (w *Window) setColumns(keys []string) {
	keys = slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return k == gitColumn })
	w.prefs.SetStringList(prefColumns, keys)
	w.table.SetColumns(withGitColumn(keys, w.showsGit()))
	w.prefs.SetString(prefWidths, encodeWidths(w.table.Widths()))
}

// toggleGitColumn shows or hides the Git column as the user's own choice.
func (w *Window) toggleGitColumn() {
	choice := "shown"
	if slices.Contains(w.table.ColumnKeys(), gitColumn) {
		choice = "hidden"
	}
	w.prefs.SetString(prefGitColumn, choice)
	w.setColumns(w.table.ColumnKeys())
}

// checkGitFolder finds out, off the UI goroutine, whether the open archive
// has a linked folder in git, and shows or hides the Git column when that
// changed (after opening an archive, linking or unlinking a folder, a sync).
func (w *Window) checkGitFolder() {
	arc := w.arc
	if arc == nil {
		return
	}
	w.tasks.Go(func() func() {
		has, err := arc.HasGitFolder(context.Background())
		return func() {
			if err != nil || arc != w.arc || has == w.hasGit {
				return
			}
			w.hasGit = has
			w.setColumns(w.table.ColumnKeys())
		}
	})
}
