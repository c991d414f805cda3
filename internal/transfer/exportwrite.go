package transfer

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
	// written is the plan index of each file written, in the order
	// written: with the plan it names every file for the folder's moves
	// and the zip's manifest, in 4 bytes a file.
	written []int32
	// sums, for a zip, is the SHA-256 of each file written (as written)
	// for the manifest.
	sums [][sha256.Size]byte
}

// each streams the text of every planned article, in plan order for
// explicit IDs and in listing order otherwise, with its index in the plan.
func (w *exporter) each(ctx context.Context, fn func(i int, text []byte) error) error {
	if len(w.opts.IDs) > 0 {
		for i, p := range w.plan {
			if err := ctx.Err(); err != nil {
				return err
			}
			rec, err := w.archive.Get(ctx, p.id)
			if err != nil {
				return fmt.Errorf("article %d: %w", p.id, err)
			}
			if err := fn(i, rec.Doc.Bytes()); err != nil {
				return err
			}
		}
		return nil
	}
	find := planIndex(w.plan)
	query := CombineQuery(w.opts.Query, w.opts.Set)
	return w.archive.EachText(ctx, storage.ListOptions{Query: query}, func(id int64, _ string, text []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		i, ok := find(id)
		if !ok {
			return nil // stored after the plan was made: not part of this export
		}
		return fn(i, text)
	})
}

// planIndex returns a function finding an article's index in plan (a
// listing: each id once). The text listing comes in the plan's order, so
// the article after the last one found is tried first; otherwise the plan
// is searched by id: directly when its ids ascend (the listing's usual
// order), else through a permutation sorted by id (4 bytes an article,
// not a map's tens: BenchmarkExportMemory).
func planIndex(plan []planned) func(id int64) (int, bool) {
	byID := func(id int64) (int, bool) {
		return slices.BinarySearchFunc(plan, id, func(p planned, id int64) int { return cmp.Compare(p.id, id) })
	}
	if !slices.IsSortedFunc(plan, func(a, b planned) int { return cmp.Compare(a.id, b.id) }) {
		perm := make([]int32, len(plan))
		for i := range perm {
			perm[i] = int32(i)
		}
		slices.SortFunc(perm, func(a, b int32) int { return cmp.Compare(plan[a].id, plan[b].id) })
		byID = func(id int64) (int, bool) {
			k, ok := slices.BinarySearchFunc(perm, id, func(i int32, id int64) int { return cmp.Compare(plan[i].id, id) })
			if !ok {
				return 0, false
			}
			return int(perm[k]), true
		}
	}
	next := 0
	return func(id int64) (int, bool) {
		i, ok := next, next < len(plan) && plan[next].id == id
		if !ok {
			if i, ok = byID(id); !ok {
				return 0, false
			}
		}
		next = i + 1
		return i, true
	}
}

// wrote records that the file of plan[i] was written with text. Its
// SHA-256 is computed only when something needs it: a zip's manifest,
// OnFile or ListFiles.
func (w *exporter) wrote(i int, text []byte) {
	w.sum.Count++
	w.sum.Bytes += int64(len(text))
	w.written = append(w.written, int32(i))
	listed := w.opts.OnFile != nil || w.opts.ListFiles
	var sum [sha256.Size]byte
	if w.sum.Zip || listed {
		sum = sha256.Sum256(text)
	}
	if w.sum.Zip {
		w.sums = append(w.sums, sum)
	}
	var f ExportedFile
	if listed {
		f = ExportedFile{ID: w.plan[i].id, Name: w.plan[i].name, SHA256: hex.EncodeToString(sum[:]), Size: len(text)}
	}
	if w.opts.ListFiles {
		w.sum.Files = append(w.sum.Files, f)
	}
	w.progress.update(w.sum.Count)
	if w.opts.OnFile != nil {
		w.opts.OnFile(f)
	}
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
	created, _ := time.Parse(time.RFC3339, m.Created)
	zw := newZipStream(buf, created)
	err = w.each(ctx, func(i int, text []byte) error {
		name := w.plan[i].name
		if err := w.opts.injected("write", name); err != nil {
			return err
		}
		fw, err := zw.create(name)
		if err != nil {
			return err
		}
		if _, err := fw.Write(text); err != nil {
			return err
		}
		w.wrote(i, text)
		return nil
	})
	if err != nil {
		return err
	}
	mw, err := zw.create(manifestName)
	if err != nil {
		return err
	}
	if err := w.writeManifest(mw, m); err != nil {
		return err
	}
	err = zw.close(func(k int) string {
		if k == len(w.written) {
			return manifestName
		}
		return w.plan[w.written[k]].name
	})
	if err != nil {
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

// writeManifest writes m with the files written (names from the plan,
// hashes from w.sums) to out, byte for byte as json.MarshalIndent(m, "",
// "  ") and a newline would (TestManifestStream), but file by file: the
// manifest of a million files is never in memory whole
// (BenchmarkExportMemory).
func (w *exporter) writeManifest(out io.Writer, m manifest) error {
	m.Count = len(w.written)
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
	if len(w.written) == 0 {
		bw.Write(head)
		bw.WriteByte('\n')
		return bw.Flush()
	}
	bw.Write(head[:len(head)-len(emptyFiles)])
	bw.WriteByte('[')
	var hexSum [2 * sha256.Size]byte
	for k, i := range w.written {
		if k > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    {\n      \"name\": ")
		if err := writeJSONString(bw, w.plan[i].name); err != nil {
			return err
		}
		bw.WriteString(",\n      \"sha256\": \"")
		hex.Encode(hexSum[:], w.sums[k][:])
		bw.Write(hexSum[:])
		bw.WriteString("\"\n    }")
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
