package gui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// prefExportDest is the destination of the last export, offered again.
const prefExportDest = "export.dest"

// defaultZipName is the file a zip export writes into a chosen folder.
const defaultZipName = "articles.zip"

// resolveDest turns the destination a person typed into an absolute path.
// "~" and "~/…" start in home, and so does a relative path (the app has no
// working folder a person would know). For a zip, a folder that exists (or
// a path ending in a slash) gets defaultZipName inside it and any other name
// gets ".zip" added when missing.
func resolveDest(typed, home string, zip bool) (string, error) {
	p := strings.TrimSpace(typed)
	if p == "" {
		return "", sentence("Type where to export to, or choose a place with Browse…")
	}
	slash := strings.HasSuffix(p, "/") || strings.HasSuffix(p, string(filepath.Separator))
	switch {
	case p == "~":
		p = home
	case strings.HasPrefix(p, "~/"), strings.HasPrefix(p, "~"+string(filepath.Separator)):
		p = filepath.Join(home, p[2:])
	case !filepath.IsAbs(p):
		p = filepath.Join(home, p)
	}
	p = filepath.Clean(p)
	if !zip {
		return p, nil
	}
	if fi, err := os.Stat(p); slash || (err == nil && fi.IsDir()) {
		return filepath.Join(p, defaultZipName), nil
	}
	if !strings.EqualFold(filepath.Ext(p), ".zip") {
		p += ".zip"
	}
	return p, nil
}

// destFolder is the folder an export to dest writes into: dest itself, or
// a zip's parent.
func destFolder(dest string, zip bool) string {
	if zip {
		return filepath.Dir(dest)
	}
	return dest
}

// checkDest says whether an export can write to dest: missing is the folder
// to create first ("" when it exists); err explains, in a sentence, why the
// export cannot go there.
func checkDest(dest string, zip bool) (missing string, err error) {
	dir := destFolder(dest, zip)
	fi, err := os.Stat(dir)
	if err != nil && !errors.Is(err, fs.ErrPermission) {
		// Missing (or under a file): the nearest existing parent must be a
		// folder, since “notes.txt/out” cannot be created.
		for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
			if pfi, perr := os.Stat(p); perr == nil {
				if !pfi.IsDir() {
					return "", sentencef("“%s” is a file, so no folder can be made inside it.", p)
				}
				return dir, nil
			}
			if p == filepath.Dir(p) {
				return "", destProblem(dir, err)
			}
		}
	}
	switch {
	case err != nil:
		return "", destProblem(dir, err)
	case !fi.IsDir():
		return "", sentencef("“%s” is a file, not a folder. Choose a folder to export into.", dir)
	}
	if zip {
		if zfi, err := os.Stat(dest); err == nil && zfi.IsDir() {
			return "", sentencef("“%s” is a folder. Type a file name ending in .zip.", dest)
		}
	}
	return "", writable(dir)
}

// writable tries a file in dir, so that a folder the user may not write to
// is reported while the dialog is still open.
func writable(dir string) error {
	f, err := os.CreateTemp(dir, ".seedarchive-check-*")
	if err != nil {
		return destProblem(dir, err)
	}
	name := f.Name()
	_ = f.Close()
	return os.Remove(name)
}

// makeDestFolder creates dir and its parents.
func makeDestFolder(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return destProblem(dir, err)
	}
	return nil
}

// destProblem words a file system error about dir for a person.
func destProblem(dir string, err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return sentencef("You may not write in “%s”. Choose another folder.", dir)
	case errors.Is(err, fs.ErrNotExist):
		return sentencef("The folder “%s” does not exist.", dir)
	default:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return sentencef("Cannot write in “%s”: %v.", dir, err)
	}
}

// sentence is an error worded for a person and shown as it is, with a
// capital letter and a full stop (unlike an error that is wrapped further).
type sentence string

func (s sentence) Error() string { return string(s) }

// sentencef formats a sentence.
func sentencef(format string, a ...any) error { return sentence(fmt.Sprintf(format, a...)) }
