package transfer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// zipCase is one zip written by zipStream and by archive/zip.
type zipCase struct {
	name     string
	names    []string
	data     func(i int, rng *rand.Rand) []byte // the i-th entry's data
	modified time.Time
	offset   int64 // where the zip starts in its file (archive/zip's SetOffset)
}

// TestZipStreamMatchesArchiveZip writes the same entries with zipStream
// and archive/zip's Writer (deflated at BestSpeed, with a modification
// time, as exports wrote them before): the bytes must be the same, zip64
// records included (more than 65,535 entries; offsets past 4 GiB).
func TestZipStreamMatchesArchiveZip(t *testing.T) {
	random := func(_ int, rng *rand.Rand) []byte {
		b := make([]byte, rng.IntN(3<<16))
		for j := range b {
			b[j] = "abcdefgh \n"[rng.IntN(10)] // compressible, and not
			if j%7 == 0 {
				b[j] = byte(rng.Uint32())
			}
		}
		return b
	}
	text := func(i int, _ *rand.Rand) []byte { return []byte("article " + strconv.Itoa(i) + "\n") }
	odd := []string{"plain.txt", "a/b/c.md", "ünï/日本.txt", `back\slash.txt`, "tab\t~}.txt", "bad\xff.txt", "manifest.json"}
	many := make([]string, 70000)
	for i := range many {
		many[i] = "d" + strconv.Itoa(i%97) + "/" + strconv.Itoa(i) + ".txt"
	}
	created := time.Date(2026, 12, 7, 14, 3, 59, 0, time.UTC)
	tests := []zipCase{
		{name: "empty", modified: created},
		{name: "names", names: odd, data: text, modified: created},
		{name: "sizes", names: odd, data: random, modified: created},
		{name: "empty texts", names: odd, data: func(int, *rand.Rand) []byte { return nil }, modified: created},
		{name: "no time", names: odd, data: text},
		{name: "more than 65535 entries", names: many, data: text, modified: created},
		{name: "past 4 GiB", names: odd, data: text, modified: created, offset: 1<<32 - 100},
		{name: "directory past 4 GiB", names: odd, data: text, modified: created, offset: 1<<32 - 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, got := archiveZip(t, tt), streamZip(t, tt)
			if !bytes.Equal(got, want) {
				i := 0
				for i < min(len(got), len(want)) && got[i] == want[i] {
					i++
				}
				t.Fatalf("zip of %d bytes differs from archive/zip's (%d bytes) at byte %d", len(got), len(want), i)
			}
			if tt.offset != 0 {
				return
			}
			r, err := zip.NewReader(bytes.NewReader(got), int64(len(got)))
			if err != nil || len(r.File) != len(tt.names) {
				t.Fatalf("reading it back: %v (%d files)", err, len(r.File))
			}
			// Reading to the end checks each entry's CRC-32 and size.
			for i, f := range r.File[:min(len(r.File), 20)] {
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				_, err = io.Copy(io.Discard, rc)
				rc.Close()
				if err != nil || f.Name != tt.names[i] {
					t.Errorf("entry %d: %q, %v", i, f.Name, err)
				}
			}
		})
	}
}

// archiveZip writes tc with archive/zip.
func archiveZip(t *testing.T, tc zipCase) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.SetOffset(tc.offset)
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
	rng := rand.New(rand.NewPCG(1, 2))
	for i, name := range tc.names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: tc.modified})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(tc.data(i, rng)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// streamZip writes tc with zipStream.
func streamZip(t *testing.T, tc zipCase) []byte {
	var buf bytes.Buffer
	dir, err := newSpill(filepath.Join(t.TempDir(), "dir"))
	if err != nil {
		t.Fatal(err)
	}
	defer dir.close()
	zw := newZipStream(&buf, tc.modified, dir)
	zw.out.count = tc.offset
	rng := rand.New(rand.NewPCG(1, 2))
	for i, name := range tc.names {
		w, err := zw.create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(tc.data(i, rng)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
