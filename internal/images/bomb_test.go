package images

import (
	"bytes"
	"context"
	"encoding/binary"
	"net/http"
	"runtime"
	"strings"
	"testing"
)

// jpegHeader is the start of a baseline JPEG claiming w x h pixels: with a
// JFIF segment first (the decoder knows the size at the frame header), or
// without (it reads on to the scan header), or without a scan header.
func jpegHeader(w, h uint16, kind string) []byte {
	var b bytes.Buffer
	b.Write([]byte{0xff, 0xd8})
	if kind == "jfif" {
		b.Write([]byte{0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0})
	}
	b.Write([]byte{0xff, 0xc0, 0x00, 0x11, 8})
	_ = binary.Write(&b, binary.BigEndian, h)
	_ = binary.Write(&b, binary.BigEndian, w)
	b.Write([]byte{3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1})
	if kind == "exif" {
		b.Write([]byte{0xff, 0xda, 0, 12})
	}
	return b.Bytes()
}

// gifHeader is the start of a GIF whose logical screen is w x h pixels.
func gifHeader(w, h uint16) []byte {
	b := bytes.NewBufferString("GIF89a")
	_ = binary.Write(b, binary.LittleEndian, w)
	_ = binary.Write(b, binary.LittleEndian, h)
	b.Write([]byte{0, 0, 0})
	return b.Bytes()
}

// TestBombsRefusedBeforeDecoding serves headers of huge images followed by
// 256 MiB of filler, with no byte limit: the pixel limit must refuse each
// from its header, allocating next to nothing and reading little of the body.
func TestBombsRefusedBeforeDecoding(t *testing.T) {
	filler := make([]byte, 64<<10)
	bomb := func(header []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			if _, err := w.Write(header); err != nil {
				return
			}
			for range 4096 {
				if _, err := w.Write(filler); err != nil {
					return
				}
			}
		}
	}
	tests := []struct {
		path   string
		header []byte
		reason string
	}{
		{"/png", pngHeader(60000, 60000), "too many pixels: 60000x60000"},
		{"/jpeg-jfif", jpegHeader(60000, 60000, "jfif"), "too many pixels: 60000x60000"},
		{"/jpeg-exif", jpegHeader(60000, 60000, "exif"), "too many pixels: 60000x60000"},
		{"/jpeg-no-scan", jpegHeader(60000, 60000, ""), "corrupt jpeg: no image header in the first 1048576 bytes"},
		{"/gif", gifHeader(65535, 65535), "too many pixels: 65535x65535"},
		{"/webp", solidWebP(16384, 16384, colorOpaque), "too many pixels: 16384x16384"}, // 268 megapixels in 34 bytes
	}
	routes := map[string]http.HandlerFunc{}
	for _, tc := range tests {
		routes[tc.path] = bomb(tc.header)
	}
	srv := newTestServer(t, routes)
	opts := testOptions()
	opts.MaxBytes = 1 << 40
	f := NewFetcher(nil, opts)
	for _, tc := range tests {
		path := tc.path
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r := f.process(context.Background(), job{url: srv.URL + path})
		runtime.ReadMemStats(&after)
		if r.err == nil || !strings.Contains(r.err.Reason, tc.reason) {
			t.Errorf("%s: %v, want refused: %s", path, r.err, tc.reason)
			continue
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
			t.Errorf("%s: %d bytes allocated while refusing the bomb", path, alloc)
		}
		t.Logf("%s: %s; %d KiB allocated, heap in use %d MiB", path, r.err.Reason,
			(after.TotalAlloc-before.TotalAlloc)>>10, after.HeapInuse>>20)
	}
}
