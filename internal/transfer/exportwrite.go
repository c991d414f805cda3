package transfer

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/seedarchive/seedarchive/storage"
)

// manifestName is the manifest's entry name in an exported zip.
const manifestName = "manifest.json"

// manifest describes an exported zip.
type manifest struct {
	ToolVersion string         `json:"toolVersion"`
	Created     string         `json:"created"`
	Query       string         `json:"query"`
	Set         string         `json:"set,omitempty"`
	IDs         []int64        `json:"ids,omitempty"`
	Count       int            `json:"count"`
	Files       []manifestFile `json:"files"`
}

type manifestFile struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

// exporter writes a plan's texts.
type exporter struct {
	archive  *storage.Archive
	opts     ExportOptions
	plan     []planned
	sum      *ExportSummary
	progress *throttle
}

// each streams the text of every planned article, in plan order for
// explicit IDs and in listing order otherwise, with its planned name.
func (w *exporter) each(ctx context.Context, fn func(name string, id int64, text []byte) error) error {
	if len(w.opts.IDs) > 0 {
		for _, p := range w.plan {
			if err := ctx.Err(); err != nil {
				return err
			}
			rec, err := w.archive.Get(ctx, p.id)
			if err != nil {
				return fmt.Errorf("article %d: %w", p.id, err)
			}
			if err := fn(p.name, p.id, rec.Doc.Bytes()); err != nil {
				return err
			}
		}
		return nil
	}
	index := make(map[int64]int, len(w.plan))
	for i, p := range w.plan {
		index[p.id] = i
	}
	query := CombineQuery(w.opts.Query, w.opts.Set)
	return w.archive.EachText(ctx, storage.ListOptions{Query: query}, func(id int64, _ string, text []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		i, ok := index[id]
		if !ok {
			return nil // stored after the plan was made: not part of this export
		}
		return fn(w.plan[i].name, id, text)
	})
}

// wrote records one written file.
func (w *exporter) wrote(id int64, name string, text []byte) ExportedFile {
	sum := sha256.Sum256(text)
	f := ExportedFile{ID: id, Name: name, SHA256: hex.EncodeToString(sum[:]), Size: len(text)}
	w.sum.Count++
	w.sum.Bytes += int64(len(text))
	w.sum.Files = append(w.sum.Files, f)
	w.progress.update(w.sum.Count)
	if w.opts.OnFile != nil {
		w.opts.OnFile(f)
	}
	return f
}

// writeFolder writes each text to dest/NAME through a temporary file in the
// same folder, renamed into place. All writes go through an os.Root, so no
// name or symlink can lead outside dest.
func (w *exporter) writeFolder(ctx context.Context, dest string) error {
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(dest)
	if err != nil {
		return err
	}
	defer root.Close()
	made := map[string]bool{".": true}
	return w.each(ctx, func(name string, id int64, text []byte) error {
		if dir := path.Dir(name); !made[dir] {
			if err := root.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
		if err := writeAtomic(root, name, text); err != nil {
			return err
		}
		w.wrote(id, name, text)
		return nil
	})
}

// writeAtomic writes text to a temporary file beside name and renames it.
func writeAtomic(root *os.Root, name string, text []byte) error {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+"."+hex.EncodeToString(rnd[:])+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		_ = root.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// writeZip builds the zip in a temporary file beside dest, adds the
// manifest last, syncs it and renames it to dest.
func (w *exporter) writeZip(ctx context.Context, dest string, m manifest) (err error) {
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	buf := bufio.NewWriterSize(tmp, 256<<10)
	zw := zip.NewWriter(buf)
	// Entries are written one after another: one compressor, reset for
	// each, saves allocating ~1 MB per file.
	var fw *flate.Writer
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		if fw == nil {
			var err error
			fw, err = flate.NewWriter(out, flate.BestSpeed)
			return fw, err
		}
		fw.Reset(out)
		return fw, nil
	})
	created, _ := time.Parse(time.RFC3339, m.Created)
	err = w.each(ctx, func(name string, id int64, text []byte) error {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: created})
		if err != nil {
			return err
		}
		if _, err := fw.Write(text); err != nil {
			return err
		}
		f := w.wrote(id, name, text)
		m.Files = append(m.Files, manifestFile{Name: f.Name, SHA256: f.SHA256})
		return nil
	})
	if err != nil {
		return err
	}
	m.Count = len(m.Files)
	if m.Files == nil {
		m.Files = []manifestFile{}
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	mw, err := zw.CreateHeader(&zip.FileHeader{Name: manifestName, Method: zip.Deflate, Modified: created})
	if err != nil {
		return err
	}
	if _, err := mw.Write(append(data, '\n')); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := buf.Flush(); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dest)
}
