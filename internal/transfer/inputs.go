package transfer

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// input is one file to import: a plain file or a zip entry. Collecting the
// inputs keeps only names in memory, never contents, and as few bytes per
// input as it can: an import of a million files holds a million of them
// until its end (TestCollectMemoryPerInput guards their size). The path shown
// to the user and the OS path to read are therefore not stored but built
// from the input's source and name when needed.
type input struct {
	src  *source   // where the input was found
	name string    // the stored file name; for a walked file also its path below src.path
	odd  *inputOdd // the rare parts: a zip entry, a refusal; nil for a plain file
}

// inputOdd holds what most inputs (the files of a folder) lack.
type inputOdd struct {
	entry *zip.File // the entry to read (zip entries)
	err   error     // set when the input is refused before reading
}

// sourceKind says how an input's path is built from its source.
type sourceKind uint8

const (
	sourceFile sourceKind = iota // a path named as it is: src.path
	sourceDir                    // a file found in the folder src.path: src.path joined with name
	sourceZip                    // an entry of the zip src.path: src.path!entry name
)

// source is a path the user named, shared by the inputs found under it.
type source struct {
	path string
	kind sourceKind
}

// path is the input as shown to the user: the file path, or ZIP!ENTRY.
func (in *input) path() string {
	switch in.src.kind {
	case sourceDir:
		return filepath.Join(in.src.path, filepath.FromSlash(in.name))
	case sourceZip:
		if in.odd != nil && in.odd.entry != nil {
			return in.src.path + "!" + in.odd.entry.Name
		}
	}
	return in.src.path
}

// entry is the zip entry to read, or nil for a plain file.
func (in *input) entry() *zip.File {
	if in.odd == nil {
		return nil
	}
	return in.odd.entry
}

// refused is why the input was refused before reading, or nil.
func (in *input) refused() error {
	if in.odd == nil {
		return nil
	}
	return in.odd.err
}

// SeedExtensions are the extensions (compared in lower case) of the files a
// folder or a zip is searched for (seedfile.Extensions).
var SeedExtensions = seedfile.Extensions

// Counted reports whether a file found inside a folder or a zip is a seed
// file to import (seedfile.IsSeedName: a seed extension, nothing hidden).
func Counted(name string) bool { return seedfile.IsSeedName(name) }

// hidden reports whether a slash-separated name or a folder above it is
// hidden (seedfile.IsHidden).
func hidden(name string) bool { return seedfile.IsHidden(name) }

// isZipName reports whether name ends in .zip (any case).
func isZipName(name string) bool {
	return strings.EqualFold(path.Ext(strings.ReplaceAll(name, "\\", "/")), ".zip")
}

// collector gathers the inputs of an import in deterministic order.
type collector struct {
	inputs []input
	zips   []*zip.ReadCloser
	// skippedExt counts files inside folders and zips that were not read
	// for their extension; nestedZips the .zip files found there, which are
	// not opened.
	skippedExt, nestedZips int
}

// skip counts a file found inside a folder or a zip that is not imported.
func (c *collector) skip(name string) {
	switch {
	case hidden(name):
	case isZipName(name):
		c.nestedZips++
	default:
		c.skippedExt++
	}
}

func (c *collector) close() {
	for _, z := range c.zips {
		z.Close()
	}
}

func (c *collector) refuse(p string, err error) {
	c.inputs = append(c.inputs, input{src: &source{path: p}, odd: &inputOdd{err: err}})
}

// collect expands the paths given by the user: a folder is walked in
// lexical order (counted files only), a .zip lists its counted entries in
// archive order, any other file is taken as it is.
func (c *collector) collect(paths []string) {
	for _, p := range paths {
		fi, err := os.Stat(p)
		switch {
		case err != nil:
			c.refuse(p, cleanPathError(err))
		case fi.IsDir():
			c.walk(p)
		case !fi.Mode().IsRegular():
			c.refuse(p, errors.New("not a regular file"))
		case strings.EqualFold(filepath.Ext(p), ".zip"):
			c.openZip(p)
		default:
			c.inputs = append(c.inputs, input{src: &source{path: p}, name: filepath.Base(p)})
		}
	}
}

func (c *collector) walk(root string) {
	src := &source{path: root, kind: sourceDir}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			c.refuse(p, cleanPathError(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p == root {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if hidden(name) {
				return fs.SkipDir
			}
			return nil
		}
		if !Counted(name) {
			c.skip(name)
			return nil
		}
		if !d.Type().IsRegular() {
			// A symlink counts when it points at a regular file; anything
			// else with a seed file's name is refused, so that the summary
			// accounts for it.
			fi, err := os.Stat(p)
			switch {
			case err != nil:
				c.refuse(p, cleanPathError(err))
				return nil
			case !fi.Mode().IsRegular():
				c.refuse(p, errors.New("not a regular file"))
				return nil
			}
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		// A copy: rel shares p's bytes, which would keep the whole
		// path alive for each input.
		c.inputs = append(c.inputs, input{src: src, name: strings.Clone(filepath.ToSlash(rel))})
		return nil
	})
	if err != nil {
		c.refuse(root, cleanPathError(err))
	}
}

func (c *collector) openZip(p string) {
	z, err := zip.OpenReader(p)
	if err != nil {
		c.refuse(p, fmt.Errorf("not a readable zip: %w", cleanPathError(err)))
		return
	}
	c.zips = append(c.zips, z)
	src := &source{path: p, kind: sourceZip}
	for _, f := range z.File {
		if f.FileInfo().IsDir() {
			continue
		}
		if !Counted(f.Name) {
			c.skip(f.Name)
			continue
		}
		name, err := safeEntryName(f.Name)
		c.inputs = append(c.inputs, input{src: src, name: name, odd: &inputOdd{entry: f, err: err}})
	}
}

// safeEntryName checks a zip entry name against zip-slip: it must be a
// relative path that stays inside the archive root.
func safeEntryName(name string) (string, error) {
	n := strings.ReplaceAll(name, "\\", "/")
	if strings.ContainsRune(n, 0) || strings.HasPrefix(n, "/") || len(n) > 1 && n[1] == ':' {
		return "", errors.New("unsafe entry name (absolute path)")
	}
	for _, elem := range strings.Split(n, "/") {
		if elem == ".." {
			return "", errors.New("unsafe entry name (leaves the archive)")
		}
	}
	n = path.Clean(n)
	if n == "." || n == "" {
		return "", errors.New("empty entry name")
	}
	return n, nil
}

// cleanPathError drops the operation and path from a *fs.PathError, since
// the refusal already names the path.
func cleanPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// errTooBig refuses an input larger than seedfile.MaxSize.
type errTooBig struct{ size int64 }

func (e errTooBig) Error() string {
	if e.size < 0 {
		return fmt.Sprintf("file too big (more than %d bytes)", seedfile.MaxSize)
	}
	return fmt.Sprintf("file too big (%d bytes, at most %d)", e.size, seedfile.MaxSize)
}

// read returns the bytes of an input, refusing anything over seedfile.MaxSize
// without reading more than that.
func (in *input) read() ([]byte, error) {
	if e := in.entry(); e != nil {
		if e.UncompressedSize64 > seedfile.MaxSize {
			return nil, errTooBig{int64(min(e.UncompressedSize64, 1<<62))}
		}
		rc, err := e.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return readLimited(rc, int64(e.UncompressedSize64))
	}
	f, err := os.Open(in.path())
	if err != nil {
		return nil, cleanPathError(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, cleanPathError(err)
	}
	if fi.Size() > seedfile.MaxSize {
		return nil, errTooBig{fi.Size()}
	}
	data, err := readLimited(f, fi.Size())
	return data, cleanPathError(err)
}

// readLimited reads r to the end into a buffer sized by hint, failing once
// more than seedfile.MaxSize bytes arrive (sizes in headers are not trusted).
func readLimited(r io.Reader, hint int64) ([]byte, error) {
	buf := make([]byte, 0, min(hint, seedfile.MaxSize)+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > seedfile.MaxSize {
			return nil, errTooBig{-1}
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
