package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// ErrExists is returned (wrapped) by Backup when the destination exists and
// overwriting was not asked for.
var ErrExists = errors.New("already exists")

// ErrInUse is returned (wrapped) by RestoreBackup when another connection
// (the app, a running seedctl) has the archive open.
var ErrInUse = errors.New("the archive is open in another program")

// backupStamp is the UTC time in backup file names.
const backupStamp = "20060102-150405"

// BackupDir is the folder of the automatic backups of the archive at
// archivePath: "backups" beside it. The daily backups are
// NAME-YYYYMMDD-HHMMSS.db (NAME is the archive's file name without its
// extension, the time UTC); those taken before a schema migration end in
// -before-schema-N.db, and the archives a restore replaced in -replaced.db.
func BackupDir(archivePath string) string {
	return filepath.Join(filepath.Dir(archivePath), "backups")
}

// backupName is the path of a backup of the archive at archivePath taken
// at t, with suffix ("" for a daily backup) before the extension.
func backupName(archivePath string, t time.Time, suffix string) string {
	base := strings.TrimSuffix(filepath.Base(archivePath), filepath.Ext(archivePath))
	return filepath.Join(BackupDir(archivePath), base+"-"+t.UTC().Format(backupStamp)+suffix+".db")
}

// Backup writes a consistent copy of the archive to dest while it stays
// open for reading and writing: SQLite's VACUUM INTO, one read transaction
// on a connection of its own, so writers do not wait for it and the copy
// holds exactly the commits made before it began. The copy is written
// beside dest under a temporary name and renamed into place, so dest is
// never half written. An existing dest is ErrExists unless overwrite.
func (a *Archive) Backup(ctx context.Context, dest string, overwrite bool) error {
	if err := a.backup(ctx, dest, overwrite); err != nil {
		return fmt.Errorf("storage: back up to %s: %w", dest, err)
	}
	return nil
}

func (a *Archive) backup(ctx context.Context, dest string, overwrite bool) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if abs == a.path {
		return errors.New("that is the archive itself")
	}
	if _, err := os.Lstat(abs); err == nil && !overwrite {
		return ErrExists
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".tmp-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	tmp.Close()
	placed := false
	defer func() {
		if !placed {
			_ = os.Remove(tmpName)
		}
	}()
	db, err := sql.Open("sqlite", plainDSN(a.path, "", busyTimeout))
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, tmpName); err != nil {
		return err
	}
	if err := syncFile(tmpName); err != nil {
		return err
	}
	if st, err := os.Stat(a.path); err == nil {
		_ = os.Chmod(tmpName, st.Mode().Perm()) // readable by whoever may read the archive
	}
	if !overwrite {
		if _, err := os.Lstat(abs); err == nil {
			return ErrExists
		}
	}
	if err := os.Rename(tmpName, abs); err != nil {
		return err
	}
	placed = true
	return syncDir(filepath.Dir(abs))
}

// plainDSN is a DSN with a busy timeout and nothing else: no journal mode
// or other pragma that would write to the file. mode "ro" opens read-only.
func plainDSN(path, mode string, busy time.Duration) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	if mode != "" {
		q.Set("mode", mode)
	}
	u := url.URL{Scheme: "file", OmitHost: true, Path: path, RawQuery: q.Encode()}
	return u.String()
}

// syncFile flushes a written file to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	return errors.Join(err, f.Close())
}

// syncDir flushes a folder's entries (a rename into it) where the system
// allows it.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	_ = d.Sync() // not supported everywhere (Windows); the rename stands
	return nil
}

// dailyBackup matches the names of the daily backups of an archive named
// base (see BackupDir).
func dailyBackup(base string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `-(\d{8}-\d{6})\.db$`)
}

// Backups lists the daily backups of the archive at archivePath, newest
// first, with the time each was taken.
func Backups(archivePath string) ([]BackupFile, error) {
	dir := BackupDir(archivePath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("storage: list backups: %w", err)
	}
	re := dailyBackup(strings.TrimSuffix(filepath.Base(archivePath), filepath.Ext(archivePath)))
	var out []BackupFile
	for _, e := range entries {
		m := re.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		t, err := time.Parse(backupStamp, m[1])
		if err != nil {
			continue
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, e.Name()), Taken: t})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Taken.After(out[j].Taken) })
	return out, nil
}

// BackupFile is one daily backup.
type BackupFile struct {
	Path  string
	Taken time.Time // UTC, to the second
}

// AutoBackupInterval is how old the newest daily backup may get before
// AutoBackup takes another.
const AutoBackupInterval = 24 * time.Hour

// AutoBackup takes a daily backup into BackupDir when the newest one is
// older than AutoBackupInterval (or there is none), then deletes all but
// the newest keep daily backups. It returns the new backup's path, "" when
// none was due. keep < 1 turns automatic backups off: nothing is taken or
// deleted. The app calls it when it opens an archive and every hour after.
func (a *Archive) AutoBackup(ctx context.Context, keep int, now time.Time) (string, error) {
	if keep < 1 {
		return "", nil
	}
	list, err := Backups(a.path)
	if err != nil {
		return "", err
	}
	if len(list) > 0 && now.Sub(list[0].Taken) < AutoBackupInterval {
		return "", nil
	}
	path := backupName(a.path, now, "")
	if err := a.Backup(ctx, path, false); err != nil {
		return "", err
	}
	list, err = Backups(a.path)
	if err != nil {
		return path, err
	}
	for _, old := range list[min(keep, len(list)):] {
		if err := os.Remove(old.Path); err != nil {
			return path, fmt.Errorf("storage: remove old backup: %w", err)
		}
	}
	return path, nil
}

// backupBeforeMigration copies the archive (at schema version from) before
// its migrations run, so that a migration that goes wrong, or a newer
// version the user wants to leave, loses nothing.
func (a *Archive) backupBeforeMigration(ctx context.Context, from int) error {
	path := backupName(a.path, time.Now(), fmt.Sprintf("-before-schema-%d", from))
	if err := a.Backup(ctx, path, false); err != nil {
		return fmt.Errorf("back up before the migration: %w", err)
	}
	return nil
}
