package images

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

func openArchive(tb testing.TB, path string) *storage.Archive {
	tb.Helper()
	a, err := storage.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = a.Close() })
	return a
}

// addArticle stores an article on topic whose related article references urls.
func addArticle(tb testing.TB, a *storage.Archive, title, topic string, urls ...string) {
	tb.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\nwebUrl: \"https://example.com/%s\"\n\ntopics:\n  - %s\n\nrelated:\n  - title: \"r\"\n    images:\n",
		title, title, topic)
	for _, u := range urls {
		fmt.Fprintf(&b, "      - url: %q\n        width: 100\n        height: 100\n", u)
	}
	b.WriteString("---\n")
	doc, err := seedfile.Parse([]byte(b.String()))
	if err != nil {
		tb.Fatalf("parse: %v\n%s", err, b.String())
	}
	if _, err := a.Insert(context.Background(), title+".txt", doc); err != nil {
		tb.Fatal(err)
	}
}

// statuses maps every image URL of the archive to "status" or "failed: reason".
func statuses(tb testing.TB, a *storage.Archive, query string) map[string]string {
	tb.Helper()
	infos, err := a.ImageStatuses(context.Background(), storage.ImageFilter{Query: query})
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for _, i := range infos {
		out[i.URL] = string(i.Status)
		if i.Error != "" {
			out[i.URL] += ": " + i.Error
		}
	}
	return out
}

func TestFetchArchive(t *testing.T) {
	webpFixture, err := os.ReadFile("testdata/green-400x300.webp")
	if err != nil {
		t.Fatal(err)
	}
	var down atomic.Bool
	down.Store(true)
	srv := newTestServer(t, map[string]http.HandlerFunc{
		"/a.png":    serve("image/png", encodePNG(t, gradient(800, 600, true))),
		"/b.jpg":    serve("image/jpeg", encodeJPEG(t, gradient(500, 1000, false))),
		"/c.gif":    serve("image/gif", encodeGIF(t, gradient(64, 64, false))),
		"/d.webp":   serve("image/webp", webpFixture),
		"/text.png": serve("image/png", []byte("hello, I am text")),
		"/loop":     func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) },
		"/bomb.png": serve("image/png", pngHeader(60000, 60000)),
		"/flaky.png": func(w http.ResponseWriter, r *http.Request) {
			if down.Load() {
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			serve("image/png", encodePNG(t, gradient(30, 30, false)))(w, r)
		},
	})
	u := func(p string) string { return srv.URL + p }
	path := filepath.Join(t.TempDir(), "archive.db")
	a := openArchive(t, path)
	addArticle(t, a, "one", "AI", u("/a.png"), u("/b.jpg"), u("/missing.png"), u("/text.png"))
	addArticle(t, a, "two", "AI", u("/a.png"), u("/c.gif"), u("/d.webp"), u("/loop"), "file:///etc/hostname")
	addArticle(t, a, "three", "Space", u("/bomb.png"), u("/flaky.png"), u("/b.jpg"))

	opts := testOptions()
	opts.RetryAfter = time.Second // long enough that nothing is due again before the next fetch, even under -race
	opts.Retries = 1
	opts.BatchSize = 3
	f := NewFetcher(a, opts)
	ctx := context.Background()

	// Only the articles about AI first.
	var progress [][2]int
	sum, err := f.Fetch(ctx, "topic:AI", func(done, total int) { progress = append(progress, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Total != 8 || sum.Cached != 4 || sum.Failed != 4 || len(sum.Failures) != 4 {
		t.Errorf("summary %+v, want 8 URLs: 4 cached, 4 failed", sum)
	}
	if len(progress) != 9 || progress[0] != [2]int{0, 8} || progress[8] != [2]int{8, 8} {
		t.Errorf("progress %v, want 0/8 ... 8/8", progress)
	}
	if got := statuses(t, a, "topic:Space"); got[u("/bomb.png")] != "pending" || got[u("/b.jpg")] != "cached" {
		t.Errorf("other articles: %v", got)
	}

	// Then everything: only what is still pending is fetched.
	sum, err = f.Fetch(ctx, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Total != 2 || sum.Failed != 2 {
		t.Errorf("second fetch %+v, want the 2 pending URLs, failed", sum)
	}
	want := map[string]string{
		u("/a.png"):            "cached",
		u("/b.jpg"):            "cached",
		u("/c.gif"):            "cached",
		u("/d.webp"):           "cached",
		u("/missing.png"):      "failed: HTTP 404 Not Found",
		u("/text.png"):         `failed: not an image: content is text/plain; charset=utf-8 (server said "image/png")`,
		u("/loop"):             "failed: more than 5 redirects",
		"file:///etc/hostname": `failed: refused: only http and https URLs are fetched, not "file"`,
		u("/bomb.png"):         "failed: too many pixels: 60000x60000 is 3600000000, limit 50000000",
		u("/flaky.png"):        "failed: HTTP 503 Service Unavailable (2 attempts)",
	}
	if got := statuses(t, a, ""); !reflect.DeepEqual(got, want) {
		t.Errorf("statuses:\n got %v\nwant %v", got, want)
	}
	counts, err := f.Counts(ctx, "")
	if err != nil || counts != (storage.ImageCounts{Total: 10, Cached: 4, Failed: 6}) {
		t.Errorf("counts %+v %v", counts, err)
	}

	// Nothing is due yet; after RetryAfter the transient failure is, and succeeds.
	if sum, err := f.Fetch(ctx, "", nil); err != nil || sum.Total != 0 {
		t.Errorf("fetch with nothing due: %+v %v", sum, err)
	}
	down.Store(false)
	time.Sleep(opts.RetryAfter + 100*time.Millisecond)
	if sum, err := f.Fetch(ctx, "", nil); err != nil || sum.Total != 1 || sum.Cached != 1 {
		t.Errorf("fetch after the retry time: %+v %v, want the flaky image cached", sum, err)
	}
	// Permanent failures are retried only when asked to.
	again := NewFetcher(a, Options{AllowLocal: true, RetryFailed: true, Retries: -1})
	if sum, err := again.Fetch(ctx, "", nil); err != nil || sum.Total != 5 || sum.Failed != 5 {
		t.Errorf("retrying failures: %+v %v, want 5 retried", sum, err)
	}
	info, err := a.Image(ctx, u("/missing.png"))
	if err != nil || info.Failures != 2 || !info.RetryAt.IsZero() {
		t.Errorf("404 twice: %+v %v, want 2 failures, no retry time", info.ImageInfo, err)
	}

	// The cache survives reopening the archive and serves thumbnails with the server gone.
	srv.Close()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b := openArchive(t, path)
	g := NewFetcher(b, Options{AllowLocal: true})
	for _, tc := range []struct {
		path string
		w, h int
		mime string
	}{{"/a.png", 320, 240, MIMEPNG}, {"/b.jpg", 160, 320, MIMEJPEG}, {"/c.gif", 64, 64, MIMEJPEG}, {"/d.webp", 320, 240, MIMEJPEG}, {"/flaky.png", 30, 30, MIMEJPEG}} {
		img, info, err := g.Thumbnail(ctx, u(tc.path))
		if err != nil {
			t.Errorf("%s: %v", tc.path, err)
			continue
		}
		if bd := img.Bounds(); bd.Dx() != tc.w || bd.Dy() != tc.h || info.ThumbMIME != tc.mime {
			t.Errorf("%s: %v %s, want %dx%d %s", tc.path, bd, info.ThumbMIME, tc.w, tc.h, tc.mime)
		}
		data, _, err := g.ThumbnailBytes(ctx, u(tc.path))
		if err != nil {
			t.Fatal(err)
		}
		checkThumb(t, data, tc.mime, tc.w, tc.h)
	}
	if g.thumbs.Len() != 5 {
		t.Errorf("LRU holds %d thumbnails, want 5", g.thumbs.Len())
	}
	_, info2, err := g.Thumbnail(ctx, u("/missing.png"))
	if !errors.Is(err, ErrNotCached) || info2.Status != storage.ImageFailed || !strings.Contains(err.Error(), "HTTP 404") {
		t.Errorf("failed image: %v %+v", err, info2)
	}
	if _, _, err := g.Thumbnail(ctx, "http://nowhere/x.png"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("unknown image: %v", err)
	}
}

func TestFetchURLs(t *testing.T) {
	srv := newTestServer(t, map[string]http.HandlerFunc{
		"/a.png": serve("image/png", encodePNG(t, gradient(10, 10, false))),
		"/b.png": serve("image/png", encodePNG(t, gradient(20, 10, false))),
	})
	a := openArchive(t, filepath.Join(t.TempDir(), "archive.db"))
	addArticle(t, a, "one", "AI", srv.URL+"/a.png", srv.URL+"/b.png")
	f := NewFetcher(a, testOptions())
	ctx := context.Background()
	if sum, err := f.FetchURLs(ctx, []string{srv.URL + "/a.png"}, nil); err != nil || sum.Cached != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	sum, err := f.FetchURLs(ctx, []string{srv.URL + "/a.png", srv.URL + "/b.png", srv.URL + "/b.png", srv.URL + "/nobody.png"}, nil)
	if err != nil || sum.Total != 3 || sum.Skipped != 1 || sum.Cached != 1 || sum.Failed != 1 {
		t.Errorf("%+v %v, want 3 URLs: a skipped, b cached, nobody failed", sum, err)
	}
	if srv.count("/a.png") != 1 {
		t.Errorf("a fetched %d times, want once", srv.count("/a.png"))
	}
	if orphans, _ := a.OrphanImages(ctx, 0); !reflect.DeepEqual(orphans, []string{srv.URL + "/nobody.png"}) {
		t.Errorf("orphans %v", orphans)
	}
	if n, err := f.PruneOrphans(ctx); n != 1 || err != nil {
		t.Errorf("pruned %d %v", n, err)
	}
}

// TestFetchConcurrency checks the per-host and overall bounds against two
// hosts (two servers) whose handlers wait a little.
func TestFetchConcurrency(t *testing.T) {
	var mu sync.Mutex
	active := map[string]int{}
	maxHost, total, maxTotal := map[string]int{}, 0, 0
	body := encodePNG(t, gradient(8, 8, false))
	handler := func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		active[r.Host]++
		total++
		maxHost[r.Host] = max(maxHost[r.Host], active[r.Host])
		maxTotal = max(maxTotal, total)
		mu.Unlock()
		time.Sleep(15 * time.Millisecond)
		mu.Lock()
		active[r.Host]--
		total--
		mu.Unlock()
		_, _ = w.Write(body)
	}
	s1 := httptest.NewServer(http.HandlerFunc(handler))
	defer s1.Close()
	s2 := httptest.NewServer(http.HandlerFunc(handler))
	defer s2.Close()
	a := openArchive(t, filepath.Join(t.TempDir(), "archive.db"))
	var urls []string
	for i := range 24 {
		urls = append(urls, fmt.Sprintf("%s/%02d.png", s1.URL, i), fmt.Sprintf("%s/%02d.png", s2.URL, i))
	}
	sort.Strings(urls) // the archive hands them out in this order: one host after the other
	addArticle(t, a, "many", "AI", urls...)
	opts := testOptions()
	opts.Workers, opts.PerHost = 8, 3
	sum, err := NewFetcher(a, opts).Fetch(context.Background(), "", nil)
	if err != nil || sum.Cached != 48 {
		t.Fatalf("%+v %v", sum, err)
	}
	for h, n := range maxHost {
		if n > 3 {
			t.Errorf("%s: %d requests at once, limit 3", h, n)
		}
	}
	if maxTotal <= 3 || maxTotal > 6 {
		t.Errorf("%d requests at once in all, want 4 to 6 (two hosts, 3 each)", maxTotal)
	}
}

func TestFetchCanceledKeepsFinished(t *testing.T) {
	body := encodePNG(t, gradient(8, 8, false))
	release := make(chan struct{})
	srv := newTestServer(t, map[string]http.HandlerFunc{
		"/fast.png": serve("image/png", body),
		"/slow.png": func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		},
	})
	defer close(release)
	a := openArchive(t, filepath.Join(t.TempDir(), "archive.db"))
	addArticle(t, a, "one", "AI", srv.URL+"/fast.png", srv.URL+"/slow.png")
	ctx, cancel := context.WithCancel(context.Background())
	opts := testOptions()
	opts.Timeout = time.Minute
	sum, err := NewFetcher(a, opts).Fetch(ctx, "", func(done, total int) {
		if done == 1 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || sum.Cached != 1 || sum.Failed != 0 {
		t.Fatalf("%+v %v, want canceled after one image", sum, err)
	}
	want := map[string]string{srv.URL + "/fast.png": "cached", srv.URL + "/slow.png": "pending"}
	if got := statuses(t, a, ""); !reflect.DeepEqual(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
}
