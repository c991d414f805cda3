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

// folderWrite is the state of one folder export: its staging folder inside
// dest, and what it changed in dest so far, to be undone on failure. The
// files moved are the first of those written, whose names wait in a
// scratch file in the staging folder: none is kept in memory
// (TestExportMemoryPerArticle).
type folderWrite struct {
	root    *os.Root // dest
	stage   string   // the staging folder, relative to dest
	written *spill   // the names of the files written, in order
	dirs    []string // folders made in dest, in the order made
	moved   int      // files moved into dest: the first moved written
	backups []uint64 // bit k: the k-th replaced a file, which waits at fw.backup(k)
	stuck   bool     // a replaced file could not be put back
	left    int      // files undo could not take back
}

// undo takes back the files moved into dest, restores the files they
// replaced and removes the folders made (deepest first). It reports
// whether everything was undone; fw.left counts what could not be.
func (fw *folderWrite) undo() bool {
	ok := !fw.stuck
	fw.left = 0
	if fw.moved > 0 {
		err := fw.written.eachLine(fw.moved, func(k int, line []byte) error {
			name := string(line)
			err := fw.root.Remove(name)
			if err == nil && fw.replaced(k) {
				err = fw.root.Rename(fw.backup(name), name)
			}
			if err != nil {
				ok = false
				fw.left++
			}
			return nil
		})
		if err != nil {
			// The names are lost: nothing moved can be taken back.
			ok = false
			fw.left = fw.moved
		}
	}
	for i := len(fw.dirs) - 1; i >= 0; i-- {
		_ = fw.root.Remove(fw.dirs[i]) // only when empty
	}
	return ok
}

// writeFolder plans the export in a staging folder inside dest (checking
// the targets if dest existed: refusing to overwrite files without force),
// writes each text into the staging folder, then moves the files into
// place. All writes go through an os.Root, so no name or symlink can lead
// outside dest. On any failure (or cancellation) what was moved is taken
// back, replaced files are restored, and the staging folder and any
// folder made are removed.
func (w *exporter) writeFolder(ctx context.Context, dest string, existed bool) (err error) {
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
	// The scratch files are closed (and removed) before the staging
	// folder is.
	closeScratch := func() {
		w.plan.close()
		fw.written.close()
	}
	defer func() {
		if err == nil {
			return
		}
		w.sum.Count, w.sum.Bytes, w.sum.Files = 0, 0, nil
		undone := fw.undo() // reads the names written: before closeScratch
		closeScratch()
		if undone {
			_ = root.RemoveAll(fw.stage)
			undoDest()
			return
		}
		// Something could not be taken back: the staging folder may
		// hold a replaced file, so it stays for the user to see.
		w.sum.Count = fw.left
		err = fmt.Errorf("%w; undoing it failed too: %s could not be taken back, and the files it replaced wait in %s",
			err, plural(fw.left, "file"), filepath.Join(dest, fw.stage, "old"))
	}()
	if err := root.MkdirAll(path.Join(fw.stage, "new"), 0o700); err != nil {
		return err
	}
	stageDir := filepath.Join(dest, fw.stage)
	check := func(string) error { return nil }
	t := &targets{dest: dest}
	if existed {
		check = t.check
	}
	if err := w.makePlan(ctx, filepath.Join(stageDir, "plan.db"), nil, check); err != nil {
		return err
	}
	if err := t.refusal(w.opts.Force); err != nil {
		return err
	}
	if fw.written, err = newSpill(filepath.Join(stageDir, "written")); err != nil {
		return err
	}
	w.written = fw.written
	// Files are created relative to the staging folder itself: each name
	// then costs fewer path lookups (BenchmarkExport).
	staged, err := root.OpenRoot(path.Join(fw.stage, "new"))
	if err != nil {
		return err
	}
	defer staged.Close()
	made := map[string]bool{".": true}
	err = w.each(ctx, func(i int, p planned, text []byte) error {
		name := p.name
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
		return w.wrote(p, text)
	})
	if err != nil {
		return err
	}
	err = fw.written.eachLine(fw.written.n, func(k int, line []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		name := string(line)
		if err := fw.place(k, name, &w.opts); err != nil {
			return fmt.Errorf("move %s into place: %w", name, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	closeScratch()
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

// place moves the k-th file written, name (all before it are in place),
// from the staging folder into dest, making its folders and setting aside
// the file it replaces.
func (fw *folderWrite) place(k int, name string, opts *ExportOptions) error {
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
	backup := ""
	if _, err := fw.root.Lstat(name); err == nil {
		backup = fw.backup(name)
		if err := fw.root.MkdirAll(path.Dir(backup), 0o700); err != nil {
			return err
		}
		if err := fw.root.Rename(name, backup); err != nil {
			return err
		}
	}
	err := opts.injected("rename", name)
	if err == nil {
		err = fw.root.Rename(path.Join(fw.stage, "new", name), name)
	}
	if err != nil {
		if backup != "" && fw.root.Rename(backup, name) != nil {
			fw.stuck = true // the replaced file is left in the staging folder
		}
		return err
	}
	if k/64 >= len(fw.backups) {
		fw.backups = append(fw.backups, make([]uint64, k/64+1-len(fw.backups))...)
	}
	if backup != "" {
		fw.backups[k/64] |= 1 << (k % 64)
	}
	fw.moved = k + 1
	return nil
}

// backup is where the file name replaces waits until the export is done.
func (fw *folderWrite) backup(name string) string { return path.Join(fw.stage, "old", name) }

// replaced reports whether the k-th file moved replaced a file. A repeated
// export with force replaces every file: one bit each, no path kept.
func (fw *folderWrite) replaced(k int) bool {
	return k/64 < len(fw.backups) && fw.backups[k/64]&(1<<(k%64)) != 0
}
