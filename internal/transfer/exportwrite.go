package transfer

import (
	"bufio"
	"bytes"
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
	tmpl     *NameTemplate
	query    string // the combined query and set
	plan     *planStore
	sum      *ExportSummary
	progress *throttle
	// written, for a folder, holds the name of each file written, a line
	// each, in the order written, for the moves into place.
	written *spill
	// files, for a zip, holds the manifest's entry of each file written.
	files *manifestFiles
}

// each streams the text of every planned article, in plan order for
// explicit IDs and in listing order otherwise, with its index in the plan.
// The listing of texts comes in the plan's order, so the plan is read
// along with it, a page at a time; an article added or deleted since the
// plan was made is looked up in it by id.
func (w *exporter) each(ctx context.Context, fn func(i int, p planned, text []byte) error) error {
	cur := &planCursor{ps: w.plan}
	if len(w.opts.IDs) > 0 {
		for {
			i, p, ok, err := cur.peek(ctx)
			if err != nil || !ok {
				return err
			}
			cur.seek(i + 1)
			if err := ctx.Err(); err != nil {
				return err
			}
			rec, err := w.archive.Get(ctx, p.id)
			if err != nil {
				return fmt.Errorf("article %d: %w", p.id, err)
			}
			if err := fn(i, p, rec.Doc.Bytes()); err != nil {
				return err
			}
		}
	}
	return w.archive.EachText(ctx, storage.ListOptions{Query: w.query}, func(id int64, _ string, text []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		i, p, ok, err := cur.peek(ctx)
		if err != nil {
			return err
		}
		if !ok || p.id != id {
			var name string
			if i, name, ok, err = w.plan.find(ctx, id); err != nil {
				return err
			}
			if !ok {
				return nil // stored after the plan was made: not part of this export
			}
			p = planned{id: id, name: name}
		}
		cur.seek(i + 1)
		return fn(i, p, text)
	})
}

// wrote records that the file of p was written with text. Its SHA-256 is
// computed only when something needs it: a zip's manifest, OnFile or
// ListFiles.
func (w *exporter) wrote(p planned, text []byte) error {
	w.sum.Count++
	w.sum.Bytes += int64(len(text))
	listed := w.opts.OnFile != nil || w.opts.ListFiles
	var sum [sha256.Size]byte
	if w.sum.Zip || listed {
		sum = sha256.Sum256(text)
	}
	if w.files != nil {
		if err := w.files.add(p.name, sum); err != nil {
			return err
		}
	}
	if w.written != nil {
		w.written.w.WriteString(p.name)
		if err := w.written.w.WriteByte('\n'); err != nil {
			return fmt.Errorf("scratch file %s: %w", w.written.f.Name(), err)
		}
		w.written.n++
	}
	var f ExportedFile
	if listed {
		f = ExportedFile{ID: p.id, Name: p.name, SHA256: hex.EncodeToString(sum[:]), Size: len(text)}
	}
	if w.opts.ListFiles {
		w.sum.Files = append(w.sum.Files, f)
	}
	w.progress.update(w.sum.Count)
	if w.opts.OnFile != nil {
		w.opts.OnFile(f)
	}
	return nil
}

// writeZip builds the zip in a hidden staging folder beside dest (named
// with stagePrefix, so that a killed export's leftover is removed by the
// next export to dest), adds the manifest last, syncs it and renames it to
// dest. The plan, the zip's central directory and the manifest's entries
// wait in scratch files in the staging folder until the end. The staging
// folder is removed, and on failure any folder made for dest too.
func (w *exporter) writeZip(ctx context.Context, dest string, m manifest) (err error) {
	dir := filepath.Dir(dest)
	undoDirs, err := mkdirAll(dir)
	if err != nil {
		return err
	}
	prefix := stagePrefix + filepath.Base(dest) + "-"
	removeLeftovers(dir, prefix)
	stage := filepath.Join(dir, prefix+randomHex())
	if err := os.Mkdir(stage, 0o700); err != nil {
		undoDirs()
		return err
	}
	tmp, err := createExcl(filepath.Join(stage, filepath.Base(dest)+".tmp"))
	if err != nil {
		os.Remove(stage)
		undoDirs()
		return err
	}
	var cdir *spill
	defer func() {
		w.plan.close()
		cdir.close()
		w.files.close()
		if err != nil {
			tmp.Close()
			os.RemoveAll(stage)
			undoDirs()
			w.sum.Count, w.sum.Bytes, w.sum.Files = 0, 0, nil
			return
		}
		os.RemoveAll(stage)
	}()
	base := filepath.Join(stage, "scratch")
	if err := w.makePlan(ctx, base+".db", []string{manifestName}, func(string) error { return nil }); err != nil {
		return err
	}
	if cdir, err = newSpill(base + ".dir"); err != nil {
		return err
	}
	if w.files, err = newManifestFiles(base + ".manifest"); err != nil {
		return err
	}
	buf := bufio.NewWriterSize(tmp, 256<<10)
	created, _ := time.Parse(time.RFC3339, m.Created)
	zw := newZipStream(buf, created, cdir)
	err = w.each(ctx, func(i int, p planned, text []byte) error {
		if err := w.opts.injected("write", p.name); err != nil {
			return err
		}
		fw, err := zw.create(p.name)
		if err != nil {
			return err
		}
		if _, err := fw.Write(text); err != nil {
			return err
		}
		return w.wrote(p, text)
	})
	if err != nil {
		return err
	}
	mw, err := zw.create(manifestName)
	if err != nil {
		return err
	}
	if err := w.files.write(mw, m); err != nil {
		return err
	}
	if err := zw.close(); err != nil {
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

// manifestFiles are the manifest's entries of the files written, kept in
// a scratch file as they will be written (TestManifestStream).
type manifestFiles struct{ *spill }

func newManifestFiles(path string) (*manifestFiles, error) {
	s, err := newSpill(path)
	if err != nil {
		return nil, err
	}
	return &manifestFiles{s}, nil
}

// close closes and removes the scratch file.
func (mf *manifestFiles) close() {
	if mf != nil {
		mf.spill.close()
	}
}

// add appends the entry of a file written.
func (mf *manifestFiles) add(name string, sum [sha256.Size]byte) error {
	bw := mf.w
	if mf.n > 0 {
		bw.WriteByte(',')
	}
	bw.WriteString("\n    {\n      \"name\": ")
	if err := writeJSONString(bw, name); err != nil {
		return err
	}
	bw.WriteString(",\n      \"sha256\": \"")
	var hexSum [2 * sha256.Size]byte
	hex.Encode(hexSum[:], sum[:])
	bw.Write(hexSum[:])
	if _, err := bw.WriteString("\"\n    }"); err != nil {
		return fmt.Errorf("scratch file %s: %w", mf.f.Name(), err)
	}
	mf.n++
	return nil
}

// write writes m with the files added to out, byte for byte as
// json.MarshalIndent(m, "", "  ") and a newline would (TestManifestStream),
// the entries copied from the scratch file: the manifest of a million
// files is never in memory whole (TestExportMemoryPerArticle).
func (mf *manifestFiles) write(out io.Writer, m manifest) error {
	m.Count = mf.n
	m.Files = []manifestFile{}
	head, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	const emptyFiles = "[]\n}"
	if !bytes.HasSuffix(head, []byte(emptyFiles)) {
		return fmt.Errorf("manifest: unexpected encoding %q", head[max(0, len(head)-20):])
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	if mf.n == 0 {
		bw.Write(head)
		bw.WriteByte('\n')
		return bw.Flush()
	}
	bw.Write(head[:len(head)-len(emptyFiles)])
	bw.WriteByte('[')
	r, err := mf.reader()
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	if _, err := io.Copy(bw, r); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}

// writeJSONString writes s as encoding/json encodes a string: directly
// when it is printable ASCII that needs no escape, else through
// json.Marshal.
func writeJSONString(bw *bufio.Writer, s string) error {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	if plain {
		bw.WriteByte('"')
		bw.WriteString(s)
		bw.WriteByte('"')
		return nil
	}
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	bw.Write(data)
	return nil
}
