package transfer

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
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

// writeZip builds the zip in a hidden temporary file beside dest (named
// with stagePrefix, so that a killed export's leftover is removed by the
// next export to dest), adds the manifest last, syncs it and renames it to
// dest. On failure the temporary file and any folder made for dest are
// removed.
func (w *exporter) writeZip(ctx context.Context, dest string, m manifest) (err error) {
	dir := filepath.Dir(dest)
	undoDirs, err := mkdirAll(dir)
	if err != nil {
		return err
	}
	prefix := stagePrefix + filepath.Base(dest) + "-"
	removeLeftovers(dir, prefix)
	tmp, err := createExcl(filepath.Join(dir, prefix+randomHex()+".tmp"))
	if err != nil {
		undoDirs()
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			undoDirs()
			w.sum.Count, w.sum.Bytes, w.sum.Files = 0, 0, nil
		}
	}()
	buf := bufio.NewWriterSize(tmp, 256<<10)
	zw := zip.NewWriter(buf)
	// Entries are written one after another: one compressor, reset for
	// each, saves allocating a compressor's buffers per file
	// (BenchmarkExport/zip with -benchmem).
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
		if err := w.opts.injected("write", name); err != nil {
			return err
		}
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
	if err := w.opts.injected("rename", filepath.Base(dest)); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dest)
}
