package images

import (
	"context"
	"image"
	"image/color"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/storage"
)

// testServer serves fixed bodies by path and counts the requests per path.
type testServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func (s *testServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func newTestServer(t testing.TB, routes map[string]http.HandlerFunc) *testServer {
	t.Helper()
	s := &testServer{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if h, ok := routes[r.URL.Path]; ok {
			h(w, r)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func serve(ctype string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", ctype)
		_, _ = w.Write(body)
	}
}

// testOptions are short limits for tests.
// shortTimeout is the attempt timeout of the tests of timeouts: their
// servers never answer in time, so its length only sets how long they take.
const shortTimeout = 300 * time.Millisecond

// testOptions are the options of the tests, with retries and backoff short.
// The timeout only keeps a hung attempt from hanging the test; an attempt
// that must succeed or fail on its content (a 1 MiB header scan, a
// redirect) gets all of it, also under -race on a loaded two-core machine.
// The tests of timeouts set shortTimeout.
func testOptions() Options {
	return Options{AllowLocal: true, Timeout: time.Minute, Retries: 2, Backoff: 10 * time.Millisecond,
		MaxBackoff: 40 * time.Millisecond, RetryAfter: time.Minute}
}

func TestProcess(t *testing.T) {
	webpFixture, err := os.ReadFile("testdata/green-400x300.webp")
	if err != nil {
		t.Fatal(err)
	}
	var flaky atomic.Int32
	var bombBytes atomic.Int64
	routes := map[string]http.HandlerFunc{
		"/opaque.png":     serve("image/png", encodePNG(t, gradient(800, 600, false))),
		"/alpha.png":      serve("image/png", encodePNG(t, gradient(640, 640, true))),
		"/tall.jpg":       serve("image/jpeg", encodeJPEG(t, gradient(1000, 2000, false))),
		"/small.gif":      serve("image/gif", encodeGIF(t, gradient(100, 50, false))),
		"/green.webp":     serve("image/webp", webpFixture),
		"/alpha.webp":     serve("image/webp", solidWebP(2, 3, color.NRGBA{255, 0, 0, 128})),
		"/wrong-type.png": serve("text/plain", encodePNG(t, gradient(50, 40, false))),
		"/corrupt.png":    serve("image/png", append(pngHeader(100, 100), "garbage, not IDAT"...)),
		"/truncated.jpg":  serve("image/jpeg", encodeJPEG(t, gradient(300, 300, false))[:900]),
		"/html.png":       serve("image/png", []byte("<!DOCTYPE html><html><body>moved</body></html>")),
		"/big.png":        serve("image/png", encodePNG(t, gradient(400, 400, true))),
		"/zero.png":       serve("image/png", pngHeader(0, 10)),
		"/gone":           func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusGone) },
		"/down":           func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusServiceUnavailable) },
		"/loop":           func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) },
		"/to-file": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		},
		"/to-png": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/opaque.png", http.StatusMovedPermanently)
		},
		"/slow.png": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(3 * time.Second):
			case <-r.Context().Done():
			}
		},
		"/slow-body.png": func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write(encodePNG(t, gradient(10, 10, false))[:20])
			w.(http.Flusher).Flush()
			select {
			case <-time.After(3 * time.Second):
			case <-r.Context().Done():
			}
		},
		"/flaky.png": func(w http.ResponseWriter, r *http.Request) {
			if flaky.Add(1) <= 2 {
				w.WriteHeader(http.StatusBadGateway)
				return
			}
			serve("image/png", encodePNG(t, gradient(20, 10, false)))(w, r)
		},
		"/bomb.png": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/png")
			n, _ := w.Write(pngHeader(60000, 60000))
			bombBytes.Add(int64(n))
			chunk := make([]byte, 64<<10)
			for range 4096 { // 256 MiB if anyone read it all
				n, err := w.Write(chunk)
				bombBytes.Add(int64(n))
				if err != nil {
					return
				}
			}
		},
	}
	srv := newTestServer(t, routes)
	type want struct {
		status     storage.ImageStatus
		format     string
		w, h       int
		tw, th     int
		mime       string
		reason     string // substring of the failure
		transient  bool
		hits       int
		keepsBytes bool
	}
	tests := []struct {
		path string
		opts func(*Options)
		want want
	}{
		{"/opaque.png", nil, want{status: storage.ImageCached, format: "png", w: 800, h: 600, tw: 320, th: 240, mime: MIMEJPEG, hits: 1}},
		{"/alpha.png", nil, want{status: storage.ImageCached, format: "png", w: 640, h: 640, tw: 320, th: 320, mime: MIMEPNG, hits: 1}},
		{"/tall.jpg", nil, want{status: storage.ImageCached, format: "jpeg", w: 1000, h: 2000, tw: 160, th: 320, mime: MIMEJPEG, hits: 1}},
		{"/small.gif", nil, want{status: storage.ImageCached, format: "gif", w: 100, h: 50, tw: 100, th: 50, mime: MIMEJPEG, hits: 1}},
		{"/green.webp", nil, want{status: storage.ImageCached, format: "webp", w: 400, h: 300, tw: 320, th: 240, mime: MIMEJPEG, hits: 1}},
		{"/alpha.webp", nil, want{status: storage.ImageCached, format: "webp", w: 2, h: 3, tw: 2, th: 3, mime: MIMEPNG, hits: 1}},
		{"/wrong-type.png", nil, want{status: storage.ImageCached, format: "png", w: 50, h: 40, tw: 50, th: 40, mime: MIMEJPEG, hits: 1}},
		{"/to-png", nil, want{status: storage.ImageCached, format: "png", w: 800, h: 600, tw: 320, th: 240, mime: MIMEJPEG, hits: 1}},
		{"/big.png", func(o *Options) { o.KeepOriginals = true }, want{status: storage.ImageCached, format: "png", w: 400, h: 400, tw: 320, th: 320, mime: MIMEPNG, hits: 1, keepsBytes: true}},
		{"/missing.png", nil, want{status: storage.ImageFailed, reason: "HTTP 404 Not Found", hits: 1}},
		{"/gone", nil, want{status: storage.ImageFailed, reason: "HTTP 410 Gone", hits: 1}},
		{"/corrupt.png", nil, want{status: storage.ImageFailed, reason: "corrupt png", hits: 1}},
		{"/truncated.jpg", nil, want{status: storage.ImageFailed, reason: "corrupt jpeg", hits: 1}},
		{"/zero.png", nil, want{status: storage.ImageFailed, reason: "corrupt png", hits: 1}},
		{"/html.png", nil, want{status: storage.ImageFailed, reason: `not an image: content is text/html; charset=utf-8 (server said "image/png")`, hits: 1}},
		{"/big.png", func(o *Options) { o.MaxBytes = 1000 }, want{status: storage.ImageFailed, reason: "too large", hits: 1}},
		{"/bomb.png", func(o *Options) { o.MaxBytes = 1 << 40 }, want{status: storage.ImageFailed, reason: "too many pixels: 60000x60000", hits: 1}},
		{"/loop", nil, want{status: storage.ImageFailed, reason: "more than 5 redirects", hits: 6}},
		{"/loop", func(o *Options) { o.MaxRedirects = 2 }, want{status: storage.ImageFailed, reason: "more than 2 redirects", hits: 3}},
		{"/to-file", nil, want{status: storage.ImageFailed, reason: `refused: file:///etc/passwd (only http and https URLs are fetched)`, hits: 1}},
		{"/slow.png", func(o *Options) { o.Timeout = shortTimeout }, want{status: storage.ImageFailed, reason: "timed out after 300ms (3 attempts)", transient: true, hits: 3}},
		{"/slow-body.png", func(o *Options) { o.Timeout, o.Retries = shortTimeout, -1 }, want{status: storage.ImageFailed, reason: "timed out after 300ms", transient: true, hits: 1}},
		{"/down", nil, want{status: storage.ImageFailed, reason: "HTTP 503 Service Unavailable (3 attempts)", transient: true, hits: 3}},
		{"/down", func(o *Options) { o.Retries = 5 }, want{status: storage.ImageFailed, reason: "(6 attempts)", transient: true, hits: 6}},
		{"/flaky.png", nil, want{status: storage.ImageCached, format: "png", w: 20, h: 10, tw: 20, th: 10, mime: MIMEJPEG, hits: 3}},
	}
	for _, tc := range tests {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			opts := testOptions()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			before := srv.count(tc.path)
			f := NewFetcher(nil, opts)
			r := f.process(context.Background(), job{url: srv.URL + tc.path, failures: 1})
			e, w := r.entry, tc.want
			if e.Status != w.status {
				t.Fatalf("status %s (%s), want %s", e.Status, e.Error, w.status)
			}
			if hits := srv.count(tc.path) - before; hits != w.hits {
				t.Errorf("%d requests, want %d", hits, w.hits)
			}
			if w.status == storage.ImageFailed {
				if r.err == nil || !strings.Contains(e.Error, w.reason) {
					t.Errorf("reason %q, want it to contain %q", e.Error, w.reason)
				}
				if r.err.Transient != w.transient || e.RetryAt.IsZero() == w.transient {
					t.Errorf("transient %v, retry at %v; want transient %v", r.err.Transient, e.RetryAt, w.transient)
				}
				if e.Failures != 2 || len(e.Thumb) != 0 {
					t.Errorf("failures %d, thumb %d bytes; want 2, none", e.Failures, len(e.Thumb))
				}
				return
			}
			got := storage.ImageInfo{URL: e.URL, Status: e.Status, Width: e.Width, Height: e.Height, Format: e.Format,
				ThumbMIME: e.ThumbMIME, ThumbWidth: e.ThumbWidth, ThumbHeight: e.ThumbHeight, FetchedAt: e.FetchedAt, Size: e.Size}
			if got.Format != w.format || got.Width != w.w || got.Height != w.h || got.ThumbWidth != w.tw ||
				got.ThumbHeight != w.th || got.ThumbMIME != w.mime {
				t.Errorf("got %+v, want %+v", got, w)
			}
			checkThumb(t, e.Thumb, w.mime, w.tw, w.th)
			if (e.Original != nil) != w.keepsBytes || (w.keepsBytes && int64(len(e.Original)) != e.Size) {
				t.Errorf("original %d bytes of %d, want kept %v", len(e.Original), e.Size, w.keepsBytes)
			}
			if !e.RetryAt.IsZero() || e.Error != "" || e.FetchedAt.IsZero() {
				t.Errorf("retry %v, error %q, fetched %v", e.RetryAt, e.Error, e.FetchedAt)
			}
		})
	}
	if n := bombBytes.Load(); n > 32<<20 {
		t.Errorf("the bomb's server wrote %d bytes: the body was read past the header", n)
	}
}

// checkThumb decodes a thumbnail and checks its format and size.
func checkThumb(t *testing.T, data []byte, mime string, w, h int) {
	t.Helper()
	cfg, format, err := image.DecodeConfig(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("thumbnail: %v", err)
	}
	if "image/"+format != mime || cfg.Width != w || cfg.Height != h {
		t.Errorf("thumbnail is %s %dx%d, want %s %dx%d", format, cfg.Width, cfg.Height, mime, w, h)
	}
}

func TestProcessRefusesSchemes(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/a.png"
	if err := os.WriteFile(path, encodePNG(t, gradient(4, 4, false)), 0o644); err != nil {
		t.Fatal(err)
	}
	f := NewFetcher(nil, testOptions())
	for _, u := range []string{"file://" + path, "ftp://127.0.0.1/a.png", "data:image/png;base64,iVBORw0KGgo=", "//127.0.0.1/a.png", "http://", "http://%zz/"} {
		r := f.process(context.Background(), job{url: u})
		if r.err == nil || r.err.Transient || r.entry.Status != storage.ImageFailed {
			t.Errorf("%s: %+v %v, want a permanent failure", u, r.entry.ImageInfo, r.err)
			continue
		}
		t.Logf("%s: %s", u, r.entry.Error)
	}
	r := f.process(context.Background(), job{url: "file://" + path})
	if want := `refused: only http and https URLs are fetched, not "file"`; r.entry.Error != want {
		t.Errorf("file URL: %q, want %q", r.entry.Error, want)
	}
}

func TestRetryBackoff(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	srv := newTestServer(t, map[string]http.HandlerFunc{"/x.png": func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		w.WriteHeader(http.StatusInternalServerError)
	}})
	opts := testOptions()
	opts.Retries, opts.Backoff, opts.MaxBackoff = 4, 20*time.Millisecond, 60*time.Millisecond
	f := NewFetcher(nil, opts)
	r := f.process(context.Background(), job{url: srv.URL + "/x.png", failures: 3})
	if len(times) != 5 {
		t.Fatalf("%d attempts, want 5", len(times))
	}
	wantGaps := []time.Duration{20, 40, 60, 60} // doubled, capped at MaxBackoff
	for i, want := range wantGaps {
		gap := times[i+1].Sub(times[i])
		if want *= time.Millisecond; gap < want || gap > want+250*time.Millisecond {
			t.Errorf("gap %d: %v, want about %v", i, gap, want)
		}
	}
	// The retry time doubles per earlier failure: 1m * 2^3.
	if d := r.entry.RetryAt.Sub(r.entry.FetchedAt); d != 8*time.Minute {
		t.Errorf("retry after %v, want 8m", d)
	}
	if r.entry.Failures != 4 {
		t.Errorf("failures %d, want 4", r.entry.Failures)
	}
}

func TestProcessCanceled(t *testing.T) {
	srv := newTestServer(t, map[string]http.HandlerFunc{"/down": func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}})
	opts := testOptions()
	opts.Backoff, opts.MaxBackoff = time.Hour, time.Hour
	f := NewFetcher(nil, opts)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	r := f.process(ctx, job{url: srv.URL + "/down"})
	if took := time.Since(start); took > 2*time.Second || r.err == nil || !strings.Contains(r.err.Reason, "canceled") {
		t.Fatalf("took %v, err %v: the backoff must end with the context", took, r.err)
	}
}
