package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// VerifyBackup checks, reading only, that path is a whole archive this
// program can open: an SQLite database (not damaged: SQLite's
// integrity_check passes) holding the archive's schema at a version no newer
// than this program's. Refusals are *OpenError values, as Open's.
func VerifyBackup(ctx context.Context, path string) error {
	if err := verifyBackup(ctx, path); err != nil {
		return fmt.Errorf("storage: verify backup: %w", err)
	}
	return nil
}

func verifyBackup(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return err
	}
	if st.Size() == 0 {
		return &OpenError{Path: abs, Err: ErrNotArchive, Detail: "it is empty"}
	}
	if err := probe(abs, SchemaVersion()); err != nil {
		return err
	}
	db, err := openReadOnly(abs)
	if err != nil {
		return err
	}
	defer db.Close()
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return damaged(abs, err)
	}
	if version == 0 {
		return &OpenError{Path: abs, Err: ErrNotArchive, Detail: "it is an SQLite database without the archive's tables"}
	}
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return damaged(abs, err)
	}
	defer rows.Close()
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return damaged(abs, err)
		}
		if msg != "ok" {
			return &OpenError{Path: abs, Err: ErrDamaged, Detail: "integrity check: " + msg}
		}
	}
	if err := rows.Err(); err != nil {
		return damaged(abs, err)
	}
	return nil
}

// openReadOnly opens a database file for reading only, changing nothing:
// as immutable when it has no write-ahead log, since a read-only
// connection to a database in WAL mode would otherwise create -wal and
// -shm files and, unable to remove them, leave them behind.
func openReadOnly(path string) (*sql.DB, error) {
	dsn := plainDSN(path, "ro", busyTimeout)
	if !hasData(path + "-wal") {
		dsn += "&immutable=1"
	}
	return sql.Open("sqlite", dsn)
}

// RestoreBackup replaces the archive at archivePath with a copy of backup,
// after VerifyBackup passed on it. The archive it replaces is kept: moved
// into BackupDir as NAME-YYYYMMDD-HHMMSS-replaced.db, whose path it returns
// ("" when there was no archive). The backup file itself stays as it is.
//
// The archive must not be open: RestoreBackup refuses with ErrInUse when
// another connection has it open (it cannot switch it out of WAL mode,
// which needs the only connection). The check cannot see a program that
// opens the archive after it, in the moment before the file is replaced; a
// damaged archive, which SQLite cannot read, is not checked at all.
func RestoreBackup(ctx context.Context, archivePath, backup string) (kept string, err error) {
	kept, err = restoreBackup(ctx, archivePath, backup)
	if err != nil {
		return "", fmt.Errorf("storage: restore %s from %s: %w", archivePath, backup, err)
	}
	return kept, nil
}

func restoreBackup(ctx context.Context, archivePath, backup string) (string, error) {
	dst, err := filepath.Abs(archivePath)
	if err != nil {
		return "", err
	}
	src, err := filepath.Abs(backup)
	if err != nil {
		return "", err
	}
	if src == dst {
		return "", errors.New("the backup is the archive itself")
	}
	if err := verifyBackup(ctx, src); err != nil {
		return "", err
	}
	kept := ""
	if _, err := os.Lstat(dst); err == nil {
		if err := detach(ctx, dst); err != nil {
			return "", err
		}
		kept = backupName(dst, time.Now(), "-replaced")
		if err := moveWithSidecars(dst, kept); err != nil {
			return "", fmt.Errorf("keep the replaced archive: %w", err)
		}
	}
	if err := copyInto(src, dst); err != nil {
		if kept != "" {
			_ = moveWithSidecars(kept, dst) // put the replaced archive back
		}
		return "", err
	}
	return kept, nil
}

// detach makes the archive one self-contained file that no connection has
// open: switching it out of WAL mode checkpoints and removes its -wal and
// -shm, and SQLite refuses it while another connection has the file open.
// A file SQLite cannot read (damaged) is left as it is, with its sidecars.
func detach(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", plainDSN(path, "", 0))
	if err != nil {
		return err
	}
	defer db.Close()
	var mode string
	err = db.QueryRowContext(ctx, "PRAGMA journal_mode = DELETE").Scan(&mode)
	var coded interface{ Code() int }
	switch {
	case err == nil && mode == "delete":
		return nil
	case err == nil:
		return fmt.Errorf("%w (it stays in %s mode)", ErrInUse, mode)
	case errors.As(err, &coded) && coded.Code()&0xff == sqliteBusy:
		return ErrInUse
	case errors.As(err, &coded) && (coded.Code()&0xff == sqliteCorrupt || coded.Code()&0xff == sqliteNotADB):
		return nil // damaged: kept as it is
	}
	return err
}

// sqliteBusy is SQLite's result code for a lock another connection holds.
const sqliteBusy = 5

// moveWithSidecars renames a database file and any -wal and -shm beside it.
func moveWithSidecars(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	if err := os.Rename(from, to); err != nil {
		return err
	}
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(from + side); err == nil {
			if err := os.Rename(from+side, to+side); err != nil {
				return err
			}
		}
	}
	return nil
}

// copyInto copies src to dst through a temporary file beside dst, flushed
// to the disk before it is renamed into place.
func copyInto(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if st, err := in.Stat(); err == nil {
		_ = os.Chmod(tmp.Name(), st.Mode().Perm()|0o600)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return err
	}
	return syncDir(filepath.Dir(dst))
}
