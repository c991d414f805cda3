package images

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/seedarchive/seedarchive/storage"
)

func TestCacheFilesStoresShippedImagesAsCachedThumbnails(t *testing.T) {
	ctx := context.Background()
	a, err := storage.Open(t.TempDir() + "/a.db")
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	const shipped, missing = "https://img.example.org/a.jpg", "https://img.example.org/b.jpg"
	fsys := fstest.MapFS{FileName(shipped): {Data: encodeJPEG(t, gradient(800, 400, false))}}
	n, err := CacheFiles(ctx, a, fsys, []string{shipped, missing, shipped})
	if err != nil || n != 1 {
		t.Fatalf("CacheFiles = %d, %v; want 1 stored", n, err)
	}
	e, err := a.Image(ctx, shipped)
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != storage.ImageCached || e.Width != 800 || e.Height != 400 ||
		e.ThumbWidth != 320 || e.ThumbHeight != 160 || e.Format != "jpeg" || len(e.Thumb) == 0 {
		t.Errorf("entry %+v", e.ImageInfo)
	}
	if _, err := a.Image(ctx, missing); err == nil {
		t.Errorf("a URL without a file must stay unknown")
	}
	if _, err := CacheFiles(ctx, a, fstest.MapFS{FileName(missing): {Data: []byte("not an image")}}, []string{missing}); err == nil {
		t.Errorf("a corrupt file must be an error")
	}
}

func TestFileNameIsStable(t *testing.T) {
	if got := FileName("https://example.org/x.jpg"); len(got) != 20 || got != FileName("https://example.org/x.jpg") {
		t.Errorf("FileName = %q", got)
	}
}
