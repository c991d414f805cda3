package gui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/images"
	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// imageServer serves a generated PNG at every path on 127.0.0.1 and
// counts the requests by path; a path starting with /slow waits for
// release (or the request's end).
type imageServer struct {
	*httptest.Server
	mu      sync.Mutex
	hits    map[string]int
	release chan struct{}
}

func newImageServer(t *testing.T) *imageServer {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		img.Set(x, x*48/64, color.RGBA{R: 200, G: 40, B: 40, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	s := &imageServer{hits: map[string]int{}, release: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		if strings.HasPrefix(r.URL.Path, "/slow") {
			select {
			case <-s.release:
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(buf.Bytes())
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *imageServer) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// withImages adds a related article with images at urls to a seed text.
func withImages(text string, urls ...string) string {
	var b strings.Builder
	b.WriteString("\nrelated:\n  - title: \"Pictures\"\n    images:\n")
	for _, u := range urls {
		fmt.Fprintf(&b, "      - url: %q\n        width: 64\n        height: 48\n", u)
	}
	i := strings.LastIndex(text, "---\n")
	return text[:i] + b.String() + text[i:]
}

// insertText stores a seed text in the harness's archive and shows it.
func (h *harness) insertText(name, text string) int64 {
	h.t.Helper()
	doc, err := seedfile.Parse([]byte(text))
	if err != nil {
		h.t.Fatal(err)
	}
	id, err := h.arc.Insert(context.Background(), name, doc)
	if err != nil {
		h.t.Fatal(err)
	}
	h.w.refresh()
	h.settle()
	return id
}

// waitThumb runs UI callbacks until th reaches want.
func (h *harness) waitThumb(th *widgets.Thumbnail, want widgets.ThumbState) {
	h.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for th.State() != want {
		if time.Now().After(deadline) {
			h.t.Fatalf("thumbnail of %s is %v, want %v", th.URL(), th.State(), want)
		}
		h.settle()
	}
}

// showInEditor focuses the row of article id and waits for the editor.
func (h *harness) showInEditor(id int64) {
	h.t.Helper()
	loaded := make(chan int64, 8)
	h.w.onEditorLoaded = func(got int64) { loaded <- got }
	defer func() { h.w.onEditorLoaded = nil }()
	if !h.w.res.focusID(id) {
		h.t.Fatalf("article %d is not listed", id)
	}
	if h.w.editor.ID() == id {
		return // shown already (the archive remembers its focused article)
	}
	h.w.selectionChanged()
	h.waitLoaded(loaded, id)
}

func TestFetchAfterImportShowsThumbnailAlsoOffline(t *testing.T) {
	srv := newImageServer(t)
	h := newHarness(t, nil)
	// An article stored before: its image is not the import's business.
	h.insertText("old.txt", withImages(seedText(1, sampleArts[0]), srv.URL+"/old.png"))
	h.w.prefs.SetBool(prefFetchAfterImport, true)
	var sums []images.Summary
	h.w.imgJobs.onFinished = func(s images.Summary, err error) {
		if err != nil {
			t.Errorf("fetch: %v", err)
		}
		sums = append(sums, s)
	}

	dir := t.TempDir()
	write(t, filepath.Join(dir, "new.txt"), withImages(seedText(2, sampleArts[1]), srv.URL+"/new.png"))
	h.w.transfers.importPaths([]string{dir}, nil)
	h.settle()
	if len(sums) != 1 || sums[0].Cached != 1 || sums[0].Total != 1 {
		t.Fatalf("fetches after the import: %+v", sums)
	}
	if srv.hitsOf("/new.png") != 1 || srv.hitsOf("/old.png") != 0 {
		t.Fatalf("requests: new %d, old %d", srv.hitsOf("/new.png"), srv.hitsOf("/old.png"))
	}
	if h.w.status.images.running() || !strings.Contains(h.w.status.hint.Text, "1 fetched") {
		t.Errorf("status after the fetch: %q", h.w.status.hint.Text)
	}
	ids, _ := h.arc.IDs(context.Background(), storage.ListOptions{Query: "pictures OR quantum"})
	if len(ids) != 1 {
		t.Fatalf("imported article: %v", ids)
	}
	h.showInEditor(ids[0])
	thumbs := h.w.editor.Thumbnails()
	if len(thumbs) != 1 || thumbs[0].URL() != srv.URL+"/new.png" {
		t.Fatalf("editor thumbnails %d", len(thumbs))
	}
	h.waitThumb(thumbs[0], widgets.ThumbLoaded)
	if b := thumbs[0].Image().Bounds(); b.Dx() != 64 || b.Dy() != 48 {
		t.Errorf("thumbnail is %v", b)
	}

	// Offline, in a fresh window state (no decoded thumbnails in memory),
	// the image comes from the archive.
	srv.Close()
	path := h.arc.Path()
	h.w.files.switchArchive(path)
	h.settle()
	t.Cleanup(func() { _ = h.w.arc.Close() })
	if h.w.arc == h.arc {
		t.Fatal("the archive was not reopened")
	}
	h.arc = h.w.arc
	h.showInEditor(ids[0])
	thumbs = h.w.editor.Thumbnails()
	h.waitThumb(thumbs[0], widgets.ThumbLoaded)
}

func TestFetchImagesActionCoversTheSearchAndCancels(t *testing.T) {
	srv := newImageServer(t)
	h := newHarness(t, nil)
	ai := h.insertText("ai.txt", withImages(seedText(1, sampleArts[0]), srv.URL+"/ai.png"))
	h.insertText("slow.txt", withImages(seedText(2, sampleArts[3]), srv.URL+"/slow.png"))
	h.w.content.setView(viewGallery)
	h.settle()

	// The current search: only its article's images.
	h.w.search.setText("topic:AI")
	h.settle()
	h.w.imgJobs.fetchImagesDialog()
	test.Tap(h.overlayButton("Fetch"))
	h.settle()
	if srv.hitsOf("/ai.png") != 1 || srv.hitsOf("/slow.png") != 0 {
		t.Fatalf("requests: ai %d, slow %d", srv.hitsOf("/ai.png"), srv.hitsOf("/slow.png"))
	}
	var card *widgets.Thumbnail
	for _, th := range h.w.gallery.cells {
		if th.URL() == srv.URL+"/ai.png" {
			card = th
		}
	}
	if card == nil {
		t.Fatal("no gallery card shows the image")
	}
	h.waitThumb(card, widgets.ThumbLoaded)
	h.showInEditor(ai)
	h.waitThumb(h.w.editor.Thumbnails()[0], widgets.ThumbLoaded)

	// The whole archive, cancelled while the server stalls.
	h.w.search.setText("")
	h.settle()
	h.w.imgJobs.fetchImagesDialog()
	test.Tap(h.overlayButton("Fetch"))
	deadline := time.Now().Add(10 * time.Second)
	for srv.hitsOf("/slow.png") == 0 {
		if time.Now().After(deadline) {
			t.Fatal("the slow image was never requested")
		}
		select {
		case f := <-h.q:
			f()
		case <-time.After(5 * time.Millisecond):
		}
	}
	slot := h.w.status.images
	if !slot.running() || !slot.box.Visible() {
		t.Fatal("no progress shown while fetching")
	}
	test.Tap(slot.cancel)
	h.settle()
	if slot.running() || slot.box.Visible() || !strings.Contains(h.w.status.hint.Text, "cancelled") {
		t.Fatalf("after Cancel: running %v, status %q", slot.running(), h.w.status.hint.Text)
	}
	info, err := h.arc.Image(context.Background(), srv.URL+"/slow.png")
	if err != nil || info.Status != storage.ImagePending {
		t.Errorf("cancelled image: %v %v", info.Status, err)
	}
}

func TestThumbSourceTellsPendingFromFailed(t *testing.T) {
	h := newHarness(t, nil)
	h.insertText("a.txt", withImages(seedText(1, sampleArts[0]),
		"https://img.example/pending.png", "https://img.example/failed.png", "https://img.example/cached.png"))
	var thumb bytes.Buffer
	if err := png.Encode(&thumb, image.NewRGBA(image.Rect(0, 0, 8, 6))); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	err := h.arc.PutImages(context.Background(), []storage.ImageEntry{
		{ImageInfo: storage.ImageInfo{URL: "https://img.example/failed.png", Status: storage.ImageFailed,
			Error: "HTTP 404 Not Found", Failures: 1, FetchedAt: now}},
		{ImageInfo: storage.ImageInfo{URL: "https://img.example/cached.png", Status: storage.ImageCached,
			Width: 8, Height: 6, Format: "png", Size: int64(thumb.Len()), ThumbMIME: images.MIMEPNG,
			ThumbWidth: 8, ThumbHeight: 6, FetchedAt: now}, Thumb: thumb.Bytes()},
	})
	if err != nil {
		t.Fatal(err)
	}
	src := thumbSource{f: images.NewFetcher(h.arc, images.Options{})}
	for _, tc := range []struct {
		url     string
		pending bool
		failed  string
	}{
		{"https://img.example/pending.png", true, ""},
		{"https://img.example/unknown.png", true, ""},
		{"https://img.example/failed.png", false, "HTTP 404 Not Found"},
		{"https://img.example/cached.png", false, ""},
	} {
		img, err := src.Thumbnail(context.Background(), tc.url)
		switch {
		case tc.pending && !errors.Is(err, widgets.ErrPending):
			t.Errorf("%s: %v, want pending", tc.url, err)
		case tc.failed != "" && (err == nil || errors.Is(err, widgets.ErrPending) || !strings.Contains(err.Error(), tc.failed)):
			t.Errorf("%s: %v, want a failure saying %q", tc.url, err, tc.failed)
		case !tc.pending && tc.failed == "" && (err != nil || img == nil):
			t.Errorf("%s: %v, want the image", tc.url, err)
		}
	}
	// The editor's placeholders say so.
	id, _ := h.arc.IDs(context.Background(), storage.ListOptions{})
	h.showInEditor(id[0])
	want := []widgets.ThumbState{widgets.ThumbPending, widgets.ThumbFailed, widgets.ThumbLoaded}
	for i, th := range h.w.editor.Thumbnails() {
		h.waitThumb(th, want[i])
	}
}

func TestImageFetchesQueueAndThePreferenceIsRemembered(t *testing.T) {
	srv := newImageServer(t)
	h := newHarness(t, nil)
	slow := h.insertText("slow.txt", withImages(seedText(1, sampleArts[0]), srv.URL+"/slow.png"))
	quick := h.insertText("quick.txt", withImages(seedText(2, sampleArts[1]), srv.URL+"/quick.png"))
	var done []int
	h.w.imgJobs.onFinished = func(s images.Summary, err error) {
		if err != nil {
			t.Errorf("fetch: %v", err)
		}
		done = append(done, s.Cached)
	}

	// Off (as the harness sets it): an import fetches nothing.
	h.w.imgJobs.fetchAfterImport([]int64{quick})
	if h.w.imgJobs.running || len(h.w.imgJobs.queue) != 0 {
		t.Fatal("a fetch started with the preference off")
	}
	// Turned on from the View menu, and remembered.
	h.w.imgJobs.setFetchAfterImport(true)
	if !h.w.prefs.Bool(prefFetchAfterImport) || !h.w.imgJobs.fetchAfterImportItem().Checked {
		t.Fatal("the preference did not stick")
	}

	h.w.imgJobs.fetchAfterImport([]int64{slow})
	h.w.imgJobs.fetchAfterImport([]int64{quick}) // waits for the first
	if !h.w.imgJobs.running || len(h.w.imgJobs.queue) != 1 || !strings.Contains(h.w.status.hint.Text, "queued") {
		t.Fatalf("running %v, queued %d, status %q", h.w.imgJobs.running, len(h.w.imgJobs.queue), h.w.status.hint.Text)
	}
	close(srv.release)
	h.settle()
	if len(done) != 2 || done[0] != 1 || done[1] != 1 || srv.hitsOf("/quick.png") != 1 {
		t.Fatalf("fetches %v, quick requested %d times", done, srv.hitsOf("/quick.png"))
	}
	h.w.imgJobs.setFetchAfterImport(false)
	if h.w.prefs.BoolWithFallback(prefFetchAfterImport, true) || h.w.imgJobs.fetchAfterImportItem().Checked {
		t.Fatal("could not turn it off")
	}
}

// Image URLs may not reach the local network unless the View menu allows
// it (the test servers listen on 127.0.0.1).
func TestFetchingFromTheLocalNetworkIsAChoice(t *testing.T) {
	srv := newImageServer(t)
	h := newHarness(t, nil)
	id := h.insertText("local.txt", withImages(seedText(1, sampleArts[0]), srv.URL+"/local.png"))
	var sums []images.Summary
	h.w.imgJobs.onFinished = func(s images.Summary, err error) {
		if err != nil {
			t.Errorf("fetch: %v", err)
		}
		sums = append(sums, s)
	}

	h.w.imgJobs.setFetchLocal(false)
	if h.w.prefs.Bool(prefFetchLocal) || h.w.imgJobs.fetchLocalItem().Checked {
		t.Fatal("could not turn it off")
	}
	h.w.imgJobs.request(fetchRequest{label: "Fetching images", ids: []int64{id}})
	h.settle()
	e, err := h.arc.Image(context.Background(), srv.URL+"/local.png")
	if err != nil || e.Status != storage.ImageFailed || !strings.Contains(e.Error, "local network address") ||
		srv.hitsOf("/local.png") != 0 {
		t.Fatalf("with the menu item off: %v %q (%v), %d requests", e.Status, e.Error, err, srv.hitsOf("/local.png"))
	}

	h.w.imgJobs.setFetchLocal(true)
	if !h.w.prefs.Bool(prefFetchLocal) || !h.w.imgJobs.fetchLocalItem().Checked {
		t.Fatal("the preference did not stick")
	}
	h.w.imgJobs.request(fetchRequest{label: "Fetching images", ids: []int64{id}, retryFailed: true})
	h.settle()
	if e, err := h.arc.Image(context.Background(), srv.URL+"/local.png"); err != nil || e.Status != storage.ImageCached {
		t.Errorf("with the menu item on: %v %q (%v)", e.Status, e.Error, err)
	}
	if len(sums) != 2 || sums[0].Failed != 1 || sums[1].Cached != 1 {
		t.Errorf("summaries %+v", sums)
	}
}
