package images

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"runtime"
	"sync"
	"testing"
	"time"
)

// largePNG streams a w x h PNG of RGBA pixels, 8 or 16 bits a channel,
// without holding the image: a gentle pattern that compresses as well as
// the flat areas of a large diagram, so that a few large images are quick
// to make and small to serve.
func largePNG(t testing.TB, w, h int, sixteen bool) []byte {
	t.Helper()
	depth, bpp := byte(8), 4
	if sixteen {
		depth, bpp = 16, 8
	}
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		_ = binary.Write(&out, binary.BigEndian, uint32(len(data)))
		c := append([]byte(kind), data...)
		out.Write(c)
		_ = binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(c))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = depth, 6 // RGBA
	chunk("IHDR", ihdr)
	var idat bytes.Buffer
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	row := make([]byte, 1+w*bpp)
	for y := range h {
		for i := 1; i < len(row); i++ {
			row[i] = byte(y/64 + i/(64*bpp))
		}
		if _, err := z.Write(row); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// decodeMeter wraps the PNG decoder to measure, independently of the
// budget, the pixel bytes (width x height x bytes a pixel, from the header)
// being decoded at once, and whether an image over the whole budget was
// decoded alone.
type decodeMeter struct {
	budget int64

	mu       sync.Mutex
	now, max int64 // bytes of pixels being decoded, and the most while two or more decodes ran
	running  int
	maxRun   int
	big      bool // an image over the budget is being decoded
	notAlone bool // … while another decode ran
}

func (m *decodeMeter) install(t *testing.T) {
	orig := formats["image/png"]
	t.Cleanup(func() { formats["image/png"] = orig })
	f := orig
	f.decode = func(r io.Reader) (image.Image, error) {
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		bpp := int64(4)
		if cfg.ColorModel == color.NRGBA64Model || cfg.ColorModel == color.RGBA64Model {
			bpp = 8
		}
		n := int64(cfg.Width) * int64(cfg.Height) * bpp
		m.mu.Lock()
		if m.big || (n > m.budget && m.running > 0) {
			m.notAlone = true
		}
		m.big = m.big || n > m.budget
		m.now += n
		m.running++
		if m.running > 1 {
			m.max = max(m.max, m.now)
		}
		m.maxRun = max(m.maxRun, m.running)
		m.mu.Unlock()
		// Each decode lasts at least this long, so that the decodes the
		// budget allows together overlap however the scheduler runs the
		// workers (a small image alone decodes in a few milliseconds).
		time.Sleep(50 * time.Millisecond)
		defer func() {
			m.mu.Lock()
			m.now -= n
			m.running--
			if n > m.budget {
				m.big = false
			}
			m.mu.Unlock()
		}()
		return orig.decode(bytes.NewReader(data))
	}
	formats["image/png"] = f
}

// thumbnailAll runs process on every URL at once, as the workers of a fetch
// do, and fails the test unless all are cached.
func thumbnailAll(t *testing.T, f *Fetcher, urls []string) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]*Error, len(urls))
	for i, u := range urls {
		wg.Go(func() { errs[i] = f.process(context.Background(), job{url: u}).err })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("%s: %v", urls[i], err)
		}
	}
}

// The pixels decoded at once by all workers stay within the decode budget;
// an image larger than the whole budget is decoded alone.
func TestDecodeBudgetBoundsConcurrentDecodes(t *testing.T) {
	const budget = 40 << 20 / (shrinkBy * shrinkBy)
	routes := map[string]http.HandlerFunc{
		"/small.png": serve("image/png", largePNG(t, 1600/shrinkBy, 1600/shrinkBy, false)), // 10 MB of pixels, 17 MB with scaling: two fit
		"/huge.png":  serve("image/png", largePNG(t, 2400/shrinkBy, 2400/shrinkBy, true)),  // 46 MB of pixels: over the budget
	}
	srv := newTestServer(t, routes)
	m := &decodeMeter{budget: budget}
	m.install(t)
	opts := testOptions()
	opts.Timeout = time.Minute
	opts.DecodeBudget = budget
	opts.ThumbSize = DefaultThumbSize / shrinkBy
	f := NewFetcher(nil, opts)
	var urls []string
	for i := range 8 {
		urls = append(urls, fmt.Sprintf("%s/small.png?%d", srv.URL, i))
		if i%4 == 0 {
			urls = append(urls, fmt.Sprintf("%s/huge.png?%d", srv.URL, i))
		}
	}
	thumbnailAll(t, f, urls)
	t.Logf("at most %d decodes and %d MiB of pixels at once (budget %d MiB)", m.maxRun, m.max>>20, budget>>20)
	if m.max > budget {
		t.Errorf("%d bytes of pixels decoded at once by several decodes, budget %d", m.max, budget)
	}
	if m.maxRun < 2 {
		t.Errorf("at most %d decode at once: the budget should let several small images decode together", m.maxRun)
	}
	if m.notAlone {
		t.Error("an image over the whole budget was decoded while another decode ran")
	}
}

// Decoding eight large images at once keeps the heap within the decode
// budget (plus the bodies and the test's own): pixels released by one
// decode count until the garbage collector has freed them, so the next
// decode cannot pile up on them.
func TestDecodePeakHeap(t *testing.T) {
	const side = 3000 / shrinkBy
	const budget = 96 << 20 / (shrinkBy * shrinkBy)
	body := largePNG(t, side, side, false) // 36 MB of pixels, 38 MB with scaling: two fit
	srv := newTestServer(t, map[string]http.HandlerFunc{"/big.png": serve("image/png", body)})
	opts := testOptions()
	opts.Timeout = time.Minute
	opts.DecodeBudget = budget
	opts.ThumbSize = DefaultThumbSize / shrinkBy
	f := NewFetcher(nil, opts)
	var urls []string
	for i := range 8 {
		urls = append(urls, fmt.Sprintf("%s/big.png?%d", srv.URL, i))
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	heap := sampleHeap(time.Millisecond)
	thumbnailAll(t, f, urls)
	peak := heap.done() - base
	t.Logf("8 images of %dx%[1]d RGBA (%d KiB each): peak heap %d MiB over the start, budget %d MiB",
		side, len(body)>>10, peak>>20, budget>>20)
	if limit := uint64(budget + budget/6); peak > limit {
		t.Errorf("peak heap %d MiB over the start, want at most %d MiB", peak>>20, limit>>20)
	}
}
