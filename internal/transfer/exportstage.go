package transfer

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// stagePrefix starts the names of an export's temporary files and staging
// folders. Leftovers of a killed export are recognised by it and removed by
// the next export to the same place.
const stagePrefix = ".seedarchive-export-"

// randomHex returns 12 random hex digits for temporary names.
func randomHex() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// createExcl creates a new file with mode 0666 less the umask, the mode of
// every file an export writes, in a folder or as a zip.
func createExcl(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
}

// mkdirAll makes dir and its missing parents; undo removes the folders it
// made (when empty), deepest first.
func mkdirAll(dir string) (undo func(), err error) {
	var made []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || !errors.Is(err, fs.ErrNotExist) {
			break
		}
		made = append(made, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	undo = func() {
		for _, d := range made {
			_ = os.Remove(d)
		}
	}
	if len(made) == 0 {
		return undo, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		undo()
		return func() {}, err
	}
	return undo, nil
}

// removeLeftovers removes what killed exports left in dir: entries whose
// name starts with prefix.
func removeLeftovers(dir, prefix string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			_ = os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// placed is one file moved from the staging folder into dest.
type placed struct {
	name   string
	backup string // where the file it replaced waits, "" if none
}

// folderWrite is the state of one folder export: its staging folder inside
// dest, and what it changed in dest so far, to be undone on failure.
type folderWrite struct {
	root  *os.Root // dest
	stage string   // the staging folder, relative to dest
	dirs  []string // folders made in dest, in the order made
	moved []placed // files moved into dest, in order
	stuck bool     // a replaced file could not be put back
}

// undo takes back the files moved into dest (deepest change first),
// restores the files they replaced and removes the folders made. It
// reports whether everything was undone; what could not be stays listed in
// fw.moved.
func (fw *folderWrite) undo() bool {
	ok := !fw.stuck
	var kept []placed
	for i := len(fw.moved) - 1; i >= 0; i-- {
		p := fw.moved[i]
		err := fw.root.Remove(p.name)
		if err == nil && p.backup != "" {
			err = fw.root.Rename(p.backup, p.name)
		}
		if err != nil {
			ok = false
			kept = append(kept, p)
		}
	}
	fw.moved = kept
	for i := len(fw.dirs) - 1; i >= 0; i-- {
		_ = fw.root.Remove(fw.dirs[i]) // only when empty
	}
	return ok
}

// writeFolder writes each text into a staging folder inside dest, then
// moves the files into place. All writes go through an os.Root, so no name
// or symlink can lead outside dest. On any failure (or cancellation) what
// was moved is taken back, replaced files are restored, and the staging
// folder and any folder made are removed.
func (w *exporter) writeFolder(ctx context.Context, dest string) (err error) {
	undoDest, err := mkdirAll(dest)
	if err != nil {
		return err
	}
	removeLeftovers(dest, stagePrefix)
	root, err := os.OpenRoot(dest)
	if err != nil {
		undoDest()
		return err
	}
	defer root.Close()
	fw := &folderWrite{root: root, stage: stagePrefix + randomHex()}
	defer func() {
		if err == nil {
			return
		}
		w.sum.Count, w.sum.Bytes, w.sum.Files = 0, 0, nil
		if fw.undo() {
			_ = root.RemoveAll(fw.stage)
			undoDest()
			return
		}
		// Something could not be taken back: the staging folder may
		// hold a replaced file, so it stays for the user to see.
		w.sum.Count = len(fw.moved)
		err = fmt.Errorf("%w; undoing it failed too: %s could not be taken back, and the files it replaced wait in %s",
			err, plural(len(fw.moved), "file"), filepath.Join(dest, fw.stage, "old"))
	}()
	if err := root.MkdirAll(path.Join(fw.stage, "new"), 0o700); err != nil {
		return err
	}
	// Files are created relative to the staging folder itself: each name
	// then costs fewer path lookups (BenchmarkExport).
	staged, err := root.OpenRoot(path.Join(fw.stage, "new"))
	if err != nil {
		return err
	}
	defer staged.Close()
	made := map[string]bool{".": true}
	err = w.each(ctx, func(name string, id int64, text []byte) error {
		if dir := path.Dir(name); !made[dir] {
			if err := staged.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
		if err := w.opts.injected("write", name); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		if err := writeNew(staged, name, text); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		w.wrote(id, name, text)
		return nil
	})
	if err != nil {
		return err
	}
	for _, f := range w.sum.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fw.place(f.Name, &w.opts); err != nil {
			return fmt.Errorf("move %s into place: %w", f.Name, err)
		}
	}
	return root.RemoveAll(fw.stage)
}

// writeNew writes text to a new file.
func writeNew(root *os.Root, name string, text []byte) error {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return err
	}
	_, err = f.Write(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// place moves the staged file name into dest, making its folders and
// setting aside the file it replaces.
func (fw *folderWrite) place(name string, opts *ExportOptions) error {
	dir := path.Dir(name)
	var missing []string
	for d := dir; d != "."; d = path.Dir(d) {
		if _, err := fw.root.Lstat(d); err == nil {
			break
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := fw.root.Mkdir(missing[i], 0o755); err != nil {
			return err
		}
		fw.dirs = append(fw.dirs, missing[i])
	}
	p := placed{name: name}
	if _, err := fw.root.Lstat(name); err == nil {
		p.backup = path.Join(fw.stage, "old", name)
		if err := fw.root.MkdirAll(path.Dir(p.backup), 0o700); err != nil {
			return err
		}
		if err := fw.root.Rename(name, p.backup); err != nil {
			return err
		}
	}
	err := opts.injected("rename", name)
	if err == nil {
		err = fw.root.Rename(path.Join(fw.stage, "new", name), name)
	}
	if err != nil {
		if p.backup != "" && fw.root.Rename(p.backup, name) != nil {
			fw.stuck = true // the replaced file is left in the staging folder
		}
		return err
	}
	fw.moved = append(fw.moved, p)
	return nil
}
