package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// fileStat is what the cheap scan compares to tell an unchanged file.
type fileStat struct {
	size, mtime, inode int64
	mode               fs.FileMode
}

func statOf(fi fs.FileInfo) fileStat {
	return fileStat{size: fi.Size(), mtime: fi.ModTime().UnixNano(), inode: inodeOf(fi), mode: fi.Mode().Perm()}
}

// same reports whether two stats show the same file content without
// reading it: size, modification time and inode (the mode does not count).
func (s fileStat) same(o fileStat) bool {
	return s.size == o.size && s.mtime == o.mtime && s.inode == o.inode
}

// racyWindow is how recent a modification time is too recent to trust:
// a file changed again within the same timestamp tick keeps its stat.
const racyWindow = 2 * time.Second

// settled is the stat to record for a file just read or written: when its
// modification time is within racyWindow of now, the size is recorded as
// -1, so that the next scan reads the file again instead of trusting a
// stat that a change in the same tick would not alter (git's "racily
// clean" entries).
func (s fileStat) settled() fileStat {
	if time.Since(time.Unix(0, s.mtime)) < racyWindow {
		s.size = -1
	}
	return s
}

// linkedFile is a linked article's file as indexed.
type linkedFile struct {
	id       int64
	folderID int64
	folder   string
	path     string
	stat     fileStat
	sha      string
}

func (lf *linkedFile) abs() string { return filepath.Join(lf.folder, filepath.FromSlash(lf.path)) }

// linkedOf returns the file of article id, nil when it is not linked.
func (tx *Tx) linkedOf(id int64) (*linkedFile, error) {
	lf := &linkedFile{id: id}
	var mode int64
	err := tx.queryRow(`SELECT l.folder_id, f.path, l.path, l.size, l.mtime_ns, l.inode, l.mode, l.sha256
		FROM linked_file l JOIN linked_folder f ON f.id = l.folder_id WHERE l.article_id = ?`, id).
		Scan(&lf.folderID, &lf.folder, &lf.path, &lf.stat.size, &lf.stat.mtime, &lf.stat.inode, &mode, &lf.sha)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	lf.stat.mode = fs.FileMode(mode)
	return lf, nil
}

// checkUnchanged returns a *ChangedOnDiskError naming the file unless
// the file still holds what was indexed. It compares the content itself,
// not the stat: a file rewritten within the file system's timestamp tick
// can keep its size, modification time and inode.
// It sets lf's mode to the file's current permission bits, which a
// rewrite keeps.
func (lf *linkedFile) checkUnchanged() error {
	p := lf.abs()
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return &ChangedOnDiskError{Folder: lf.folder, Path: lf.path, Reason: "it was deleted"}
	}
	if err != nil {
		return err
	}
	if sha256Hex(data) != lf.sha {
		return &ChangedOnDiskError{Folder: lf.folder, Path: lf.path}
	}
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	lf.stat.mode = fi.Mode().Perm()
	return nil
}

// writeTemp writes text to a new hidden temporary file beside path (so
// that the rename replacing path is atomic and a scan skips it), flushed
// to the disk, with the given permission bits. It returns the temporary
// file's name and stat, which a rename keeps.
func writeTemp(path string, text []byte, mode fs.FileMode) (string, fileStat, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", fileStat{}, err
	}
	name := f.Name()
	fail := func(err error) (string, fileStat, error) {
		f.Close()
		_ = os.Remove(name)
		return "", fileStat{}, err
	}
	if _, err := f.Write(text); err != nil {
		return fail(err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	fi, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(name)
		return "", fileStat{}, err
	}
	return name, statOf(fi), nil
}

// pendingFile is a file operation a write transaction runs just before it
// commits (apply), or drops when it rolls back (discard): the file changes
// only when the index change is about to commit, and a failed file change
// rolls the index back. A commit that fails after the files changed leaves
// them newer than the index, which the next Sync brings up to date.
type pendingFile struct {
	apply   func() error
	discard func()
}

// placeFile stages text as the new content of path: written now to a
// temporary file, renamed over path just before the transaction commits.
// It returns the stat path will have.
func (tx *Tx) placeFile(path string, text []byte, mode fs.FileMode) (fileStat, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fileStat{}, err
	}
	tmp, st, err := writeTemp(path, text, mode)
	if err != nil {
		return fileStat{}, err
	}
	tx.pending = append(tx.pending, pendingFile{
		apply: func() error {
			if err := os.Rename(tmp, path); err != nil {
				_ = os.Remove(tmp)
				return err
			}
			tx.touched = append(tx.touched, path)
			return syncDir(filepath.Dir(path))
		},
		discard: func() { _ = os.Remove(tmp) },
	})
	return st, nil
}

// removeFile stages the removal of path, done just before the
// transaction commits.
func (tx *Tx) removeFile(path string) {
	tx.pending = append(tx.pending, pendingFile{
		apply: func() error {
			if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			tx.touched = append(tx.touched, path)
			return nil
		},
		discard: func() {},
	})
}

// applyPending runs the staged file operations in order; after the first
// failure it discards the rest and returns the error.
func (tx *Tx) applyPending() error {
	for i, p := range tx.pending {
		if err := p.apply(); err != nil {
			for _, rest := range tx.pending[i+1:] {
				rest.discard()
			}
			tx.pending = nil
			return fmt.Errorf("storage: write linked file: %w", err)
		}
	}
	tx.pending = nil
	return nil
}

// discardPending drops the staged file operations of a transaction that
// rolls back.
func (tx *Tx) discardPending() {
	for _, p := range tx.pending {
		p.discard()
	}
	tx.pending = nil
}

// writeLinked makes a linked article's file hold text, after checking it
// is still what was indexed (ErrChangedOnDisk), and records the new file
// in the index. It does nothing for an article that is not linked.
func (tx *Tx) writeLinked(id int64, text []byte) error {
	lf, err := tx.linkedOf(id)
	if err != nil || lf == nil {
		return err
	}
	if err := lf.checkUnchanged(); err != nil {
		return err
	}
	st, err := tx.placeFile(lf.abs(), text, lf.stat.mode)
	if err != nil {
		return err
	}
	_, err = tx.exec(`UPDATE linked_file SET size = ?, mtime_ns = ?, inode = ?, mode = ?, sha256 = ? WHERE article_id = ?`,
		st.settled().size, st.mtime, st.inode, int64(st.mode), sha256Hex(text), id)
	return err
}

// insertLinkedSQL records a linked article's file (insertLinkedRow).
const insertLinkedSQL = `INSERT INTO linked_file (article_id, folder_id, path, size, mtime_ns, inode, mode, sha256)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

// insertLinkedRow records article id as the file path of folder.
// While the transaction defers child rows (Tx.DeferChildRows: a sync's
// batch), the row waits with them for a multi-row INSERT.
func (tx *Tx) insertLinkedRow(id, folderID int64, path string, st fileStat, sha string) error {
	if tx.deferKids {
		tx.kids.linked = append(tx.kids.linked, id, folderID, path, st.settled().size, st.mtime, st.inode, int64(st.mode), sha)
		return nil
	}
	_, err := tx.exec(insertLinkedSQL, id, folderID, path, st.settled().size, st.mtime, st.inode, int64(st.mode), sha)
	return err
}

// restoreLinked writes a deleted linked article's file back, byte for byte
// with its mode, and records it; the article's rows are already back. The
// folder must still be linked, and the path must be free (or hold exactly
// text already).
func (tx *Tx) restoreLinked(id int64, l *LinkedPath, text []byte) error {
	var folderID int64
	err := tx.queryRow(`SELECT id FROM linked_folder WHERE path = ?`, l.Folder).Scan(&folderID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", l.Folder, ErrNotLinked)
	}
	if err != nil {
		return err
	}
	p := l.File()
	mode := l.Mode
	if mode == 0 {
		mode = 0o644
	}
	var st fileStat
	switch data, err := os.ReadFile(p); {
	case err == nil && string(data) == string(text):
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		st = statOf(fi)
	case err == nil:
		return &ChangedOnDiskError{Folder: l.Folder, Path: l.Path, Reason: "another file is there now"}
	case errors.Is(err, fs.ErrNotExist):
		if st, err = tx.placeFile(p, text, mode); err != nil {
			return err
		}
	default:
		return err
	}
	if _, err := tx.exec(`DELETE FROM linked_problem WHERE folder_id = ? AND path = ?`, folderID, l.Path); err != nil {
		return err
	}
	return tx.insertLinkedRow(id, folderID, l.Path, st, sha256Hex(text))
}

// Overwrite writes text over a linked article's file whatever the file
// holds now (the "keep mine" answer to ErrChangedOnDisk: the other change
// is lost, so ask first) and makes it the article's text, in one step. A
// problem listed for the file goes. text must parse; an article that is
// not linked is ErrNotLinked.
func (a *Archive) Overwrite(ctx context.Context, id int64, text []byte) error {
	doc, err := seedfile.Parse(text)
	if err != nil {
		return fmt.Errorf("storage: overwrite %d: %w", id, err)
	}
	err = a.WriteTx(ctx, func(tx *Tx) error {
		lf, err := tx.linkedOf(id)
		if err != nil {
			return err
		}
		if lf == nil {
			if _, err := tx.storedSHA(id); err != nil {
				return err
			}
			return fmt.Errorf("article %d: %w", id, ErrNotLinked)
		}
		mode := lf.stat.mode
		if fi, err := os.Stat(lf.abs()); err == nil {
			mode = fi.Mode().Perm()
		}
		st, err := tx.placeFile(lf.abs(), text, mode)
		if err != nil {
			return err
		}
		if err := tx.replaceText(id, lf.path, Prepare(doc)); err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM linked_problem WHERE folder_id = ? AND path = ?`, lf.folderID, lf.path); err != nil {
			return err
		}
		_, err = tx.exec(`UPDATE linked_file SET size = ?, mtime_ns = ?, inode = ?, mode = ?, sha256 = ? WHERE article_id = ?`,
			st.settled().size, st.mtime, st.inode, int64(st.mode), sha256Hex(text), id)
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: overwrite %d: %w", id, err)
	}
	return nil
}
