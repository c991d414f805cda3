package gui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/storage"
)

// prefBackupsKept is how many daily backups the app keeps beside the
// archive (storage.AutoBackup); 0 turns them off.
const prefBackupsKept = "backups.kept"

// defaultBackupsKept is prefBackupsKept's default.
const defaultBackupsKept = 5

// backupsKeptChoices are the counts File › Daily backups offers.
var backupsKeptChoices = []int{0, 3, 5, 10, 30}

// backupFirstCheck is how long after an archive opens the first daily
// backup check runs (not at once, so that opening stays quick), and
// backupCheckEvery how often it runs after that while the archive is open.
var (
	backupFirstCheck = time.Minute
	backupCheckEvery = time.Hour
)

// scheduleBackups takes arc's daily backup (storage.AutoBackup: one a day at
// most, the newest prefBackupsKept kept) while arc is the window's archive.
func (f *archiveFiles) scheduleBackups(arc *storage.Archive) {
	var check func()
	check = func() {
		f.tasks.Post(func() {
			if f.arc() != arc {
				return // another archive was opened: its own schedule runs
			}
			keep := f.prefs.IntWithFallback(prefBackupsKept, defaultBackupsKept)
			f.tasks.Go(func() func() {
				_, err := arc.AutoBackup(context.Background(), keep, time.Now())
				return func() {
					if f.arc() != arc {
						return
					}
					if err != nil {
						f.status.say("Daily backup failed: " + err.Error())
					}
					time.AfterFunc(backupCheckEvery, check)
				}
			})
		})
	}
	time.AfterFunc(backupFirstCheck, check)
}

// backupsKeptItem is File › Daily backups: how many to keep, or off.
func (f *archiveFiles) backupsKeptItem() *fyne.MenuItem {
	keep := f.prefs.IntWithFallback(prefBackupsKept, defaultBackupsKept)
	var items []*fyne.MenuItem
	for _, n := range backupsKeptChoices {
		label := fmt.Sprintf("Keep the last %d", n)
		if n == 0 {
			label = "Off"
		}
		it := fyne.NewMenuItem(label, func() {
			f.prefs.SetInt(prefBackupsKept, n)
			f.menuChanged()
		})
		it.Checked = n == keep
		items = append(items, it)
	}
	it := fyne.NewMenuItem("Daily backups", nil)
	it.ChildMenu = fyne.NewMenu("", items...)
	return it
}

// backupDialog is File › Back up…: a copy of the open archive, taken while
// it stays open.
func (f *archiveFiles) backupDialog() {
	arc := f.arc()
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			f.failed(err)
			return
		}
		if wc == nil {
			return
		}
		dest := wc.URI().Path()
		// The dialog created the file, after asking before replacing one.
		_ = wc.Close()
		f.status.say("Backing up…")
		f.tasks.Go(func() func() {
			err := arc.Backup(context.Background(), dest, true)
			return func() {
				if err != nil {
					f.failed(err)
					f.status.say("")
					return
				}
				f.status.say("Backed up to " + dest)
			}
		})
	}, f.win)
	name := strings.TrimSuffix(filepath.Base(arc.Path()), filepath.Ext(arc.Path()))
	d.SetFileName(name + "-" + time.Now().Format("2006-01-02") + ".db")
	d.Resize(dialogSize(f.win))
	d.Show()
}

// restoreDialog is File › Restore…: pick a backup, check it, confirm, then
// replace the open archive with it.
func (f *archiveFiles) restoreDialog() {
	if f.status.busy() {
		f.status.say("Wait for the running job to finish (or cancel it)")
		return
	}
	pickFile(f.win, []string{".db", ".sqlite", ".sqlite3"}, f.confirmRestore)
}

// confirmRestore checks backup and asks before restoring it.
func (f *archiveFiles) confirmRestore(backup string) {
	arc := f.arc()
	f.tasks.Go(func() func() {
		err := storage.VerifyBackup(context.Background(), backup)
		return func() {
			if err != nil {
				f.failed(openArchiveError(backup, err))
				return
			}
			msg := fmt.Sprintf("Replace the archive %q with the backup %q?\nThe archive as it is now is kept in %s.",
				filepath.Base(arc.Path()), filepath.Base(backup), storage.BackupDir(arc.Path()))
			d := dialog.NewConfirm("Restore", msg, func(ok bool) {
				if ok {
					f.restoreBackup(arc, backup)
				}
			}, f.win)
			d.SetConfirmText("Restore")
			d.SetConfirmImportance(widget.DangerImportance)
			widgets.DialogKeys(d, f.win.Canvas(), nil) // Escape keeps the archive; restoring takes a click
			d.Show()
		}
	})
}

// restoreBackup closes arc, restores backup over it and opens the result
// (the old archive again when the restore was refused).
func (f *archiveFiles) restoreBackup(arc *storage.Archive, backup string) {
	if f.arc() != arc || f.status.busy() {
		f.status.say("Wait for the running job to finish (or cancel it)")
		return
	}
	f.editor().ConfirmLeave(func(ok bool) {
		if !ok {
			return
		}
		fetching := f.leave()
		dropped := f.hist.reset()
		path := arc.Path()
		f.tasks.Go(func() func() {
			if fetching != nil {
				<-fetching // its last writes go to the archive being replaced
			}
			_ = dropSteps(context.Background(), dropped)
			_ = arc.Close()
			kept, restoreErr := storage.RestoreBackup(context.Background(), path, backup)
			next, openErr := storage.Open(path)
			return func() {
				if openErr != nil {
					f.failed(openArchiveError(path, openErr))
					return
				}
				f.open(next)
				switch {
				case errors.Is(restoreErr, storage.ErrInUse):
					f.failed(fmt.Errorf("not restored: another program (a running seedctl?) has %s open; close it and try again", path))
				case restoreErr != nil:
					f.failed(restoreErr)
				case kept != "":
					f.status.say("Restored from " + backup + "; the archive it replaced is kept as " + kept)
				default:
					f.status.say("Restored from " + backup)
				}
			}
		})
	})
}
