package main

import (
	"errors"
	"fmt"

	"github.com/seedarchive/seedarchive/storage"
)

func init() {
	register(&command{
		Name:    "backup",
		Summary: "copy the archive to a file, also while the app has it open",
		Usage:   "backup [--force] DEST",
		Help: `Writes a consistent copy of the archive to DEST (SQLite's VACUUM INTO):
it holds every change committed before the copy began, also while the app
or another seedctl keeps writing. DEST is written under a temporary name
and renamed into place when complete; an existing DEST is never overwritten
without --force.

The app also keeps daily backups in the folder "backups" beside the
archive (the last 5 by default), and Seed Archive backs the archive up
there before each schema upgrade.

Examples:
  seedctl backup ~/archive-2026-03-01.db
  seedctl backup --force /media/usb/archive.db
`,
		Run: runBackup,
	})
	register(&command{
		Name:    "restore",
		Summary: "replace the archive with a backup",
		Usage:   "restore BACKUP",
		Help: `Replaces the archive with a copy of BACKUP. BACKUP is checked first, read
only: it must be a whole Seed Archive file (SQLite's integrity check
passes) of a schema version this seedctl reads; otherwise nothing changes.
The replaced archive is kept in the folder "backups" beside the archive, as
NAME-YYYYMMDD-HHMMSS-replaced.db (UTC). BACKUP itself is left as it is.

Close the app (and any running seedctl) first: restore refuses while
another program has the archive open.

Examples:
  seedctl restore ~/archive-2026-03-01.db
  seedctl --db work.db restore backups/work-20260301-090000.db
`,
		Run: runRestore,
	})
}

func runBackup(e *env, args []string) int {
	fs := e.flagSet("backup")
	force := fs.Bool("force", false, "overwrite an existing DEST")
	pos, code, ok := e.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return e.usage("want exactly one DEST, got %d arguments", len(pos))
	}
	a, code, ok := e.open()
	if !ok {
		return code
	}
	if err := a.Backup(e.ctx, pos[0], *force); err != nil {
		code := e.fatal(err)
		if errors.Is(err, storage.ErrExists) {
			fmt.Fprintln(e.stderr, "seedctl: nothing was written; use --force to overwrite")
		}
		return code
	}
	fmt.Fprintf(e.stdout, "backed up %s to %s\n", a.Path(), pos[0])
	return exitOK
}

func runRestore(e *env, args []string) int {
	pos, code, ok := e.parse(e.flagSet("restore"), args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return e.usage("want exactly one BACKUP, got %d arguments", len(pos))
	}
	path := e.db
	if path == "" {
		var err error
		if path, err = storage.DefaultPath(); err != nil {
			return e.fatal(err)
		}
	}
	kept, err := storage.RestoreBackup(e.ctx, path, pos[0])
	var oe *storage.OpenError
	switch {
	case errors.As(err, &oe):
		fmt.Fprintf(e.stderr, "seedctl: not restored: %s\n", oe.Sentence())
		return exitFatal
	case errors.Is(err, storage.ErrInUse):
		fmt.Fprintf(e.stderr, "seedctl: not restored: %s is open in another program (the app, or a running seedctl); close it and try again\n", path)
		return exitFatal
	case err != nil:
		return e.fatal(err)
	}
	fmt.Fprintf(e.stdout, "restored %s from %s\n", path, pos[0])
	if kept != "" {
		fmt.Fprintf(e.stdout, "the archive it replaced is kept as %s\n", kept)
	}
	return exitOK
}
