package images

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/storage"
)

// photo is a noisy opaque image, so that its JPEG is about as large as a
// photograph's.
func photo(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			n := uint8(r.IntN(40))
			img.SetNRGBA(x, y, color.NRGBA{uint8(x/4) + n, uint8(y/3) + n, 128 + n, 255})
		}
	}
	return img
}

// heapSampler records the largest HeapInuse seen while it runs.
type heapSampler struct {
	peak atomic.Uint64
	stop chan struct{}
	wg   sync.WaitGroup
}

func sampleHeap(every time.Duration) *heapSampler {
	s := &heapSampler{stop: make(chan struct{})}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > s.peak.Load() {
				s.peak.Store(m.HeapInuse)
			}
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *heapSampler) done() uint64 {
	close(s.stop)
	s.wg.Wait()
	return s.peak.Load()
}

// BenchmarkFetch1000 fetches 1,000 distinct images (a 1024x768 JPEG of
// about 300 KB, served from memory by a local server) into a fresh archive
// with the default options, and reports thumbnails per second, the CPU time
// per thumbnail (server included: it is in the process) and the peak
// HeapInuse sampled every 5ms.
func BenchmarkFetch1000(b *testing.B) {
	body := encodeJPEG(b, photo(1024, 768))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "image/jpeg")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	ctx := context.Background()
	var elapsed, cpu time.Duration
	var peak uint64
	for i := range b.N {
		b.StopTimer()
		a := openArchive(b, filepath.Join(b.TempDir(), fmt.Sprintf("archive%d.db", i)))
		for art := range 100 {
			urls := make([]string, 10)
			for k := range urls {
				urls[k] = fmt.Sprintf("%s/img/%d/%d.jpg", srv.URL, art, k)
			}
			addArticle(b, a, fmt.Sprintf("article%d", art), "AI", urls...)
		}
		f := NewFetcher(a, Options{AllowLocal: true, PerHost: 8}) // one local host: let all workers at it
		runtime.GC()
		heap := sampleHeap(5 * time.Millisecond)
		b.StartTimer()
		start, startCPU := time.Now(), cpuTime()
		sum, err := f.Fetch(ctx, "", nil)
		elapsed += time.Since(start)
		cpu += cpuTime() - startCPU
		b.StopTimer()
		peak = max(peak, heap.done())
		if err != nil || sum.Cached != 1000 {
			b.Fatalf("%+v %v", sum, err)
		}
		if c, _ := a.ImageCounts(ctx, ""); c.Cached != 1000 {
			b.Fatalf("counts %+v", c)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(1000*b.N)/elapsed.Seconds(), "thumbs/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(len(body))/1024, "image-KiB")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(1000*b.N), "cpu-ms/thumb")
}

// BenchmarkThumbnail reads one cached thumbnail: from the LRU (hit) or from
// the archive, decoding it (miss).
func BenchmarkThumbnail(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(encodeJPEG(b, photo(800, 600)))
	}))
	defer srv.Close()
	a := openArchive(b, filepath.Join(b.TempDir(), "archive.db"))
	addArticle(b, a, "one", "AI", srv.URL+"/a.jpg")
	f := NewFetcher(a, Options{AllowLocal: true})
	ctx := context.Background()
	if sum, err := f.Fetch(ctx, "", nil); err != nil || sum.Cached != 1 {
		b.Fatal(sum, err)
	}
	for _, hit := range []bool{true, false} {
		b.Run(map[bool]string{true: "lru-hit", false: "archive"}[hit], func(b *testing.B) {
			for b.Loop() {
				if !hit {
					f.thumbs.Clear()
				}
				if _, info, err := f.Thumbnail(ctx, srv.URL+"/a.jpg"); err != nil || info.Status != storage.ImageCached {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodeEightLargePNGs thumbnails eight 7000x7000 RGBA PNGs at
// once (8 and 16 bits a channel; 1.4 and 2 MB each, of 196 and 392 MB of
// pixels) with the default options, as eight workers would, and reports
// the peak HeapInuse over the start, sampled every millisecond: the decode
// budget bounds it, garbage included.
func BenchmarkDecodeEightLargePNGs(b *testing.B) {
	for _, sixteen := range []bool{false, true} {
		b.Run(map[bool]string{false: "8bit", true: "16bit"}[sixteen], func(b *testing.B) {
			body := largePNG(b, 7000, 7000, sixteen)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				_, _ = w.Write(body)
			}))
			defer srv.Close()
			var peak uint64
			for i := 0; b.Loop(); i++ {
				f := NewFetcher(nil, Options{AllowLocal: true, Timeout: 10 * time.Minute})
				var urls []string
				for k := range 8 {
					urls = append(urls, fmt.Sprintf("%s/%d/%d.png", srv.URL, i, k))
				}
				b.StopTimer()
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				heap := sampleHeap(time.Millisecond)
				b.StartTimer()
				var wg sync.WaitGroup
				for _, u := range urls {
					wg.Go(func() {
						if r := f.process(context.Background(), job{url: u}); r.err != nil {
							b.Error(r.err)
						}
					})
				}
				wg.Wait()
				peak = max(peak, heap.done()-ms.HeapInuse)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}
