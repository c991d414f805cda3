package storage

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"reflect"
	"strings"
	"testing"
	"time"
)

// imageSeedText is a seed whose related articles reference the given image URLs.
func imageSeedText(title, topic string, urls ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\nwebUrl: \"https://example.com/%s\"\n\ntopics:\n  - %s\n", title, title, topic)
	if len(urls) > 0 {
		b.WriteString("\nrelated:\n  - title: \"r\"\n    images:\n")
		for _, u := range urls {
			fmt.Fprintf(&b, "      - url: %q\n        width: 10\n        height: 20\n", u)
		}
	}
	b.WriteString("---\n")
	return b.String()
}

func insertImageSeed(tb testing.TB, a *Archive, title, topic string, urls ...string) int64 {
	tb.Helper()
	id, err := a.Insert(ctx, title+".txt", parse(tb, imageSeedText(title, topic, urls...)))
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// testThumb is a valid PNG of w x h pixels.
func testThumb(tb testing.TB, w, h int) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA(image.Rect(0, 0, w, h))); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func cachedEntry(tb testing.TB, url string) ImageEntry {
	return ImageEntry{
		ImageInfo: ImageInfo{URL: url, Status: ImageCached, Width: 640, Height: 480, Format: "png", Size: 1234,
			ThumbMIME: "image/png", ThumbWidth: 4, ThumbHeight: 3, FetchedAt: time.Date(2025, 1, 2, 3, 4, 5, 6e6, time.UTC)},
		Thumb: testThumb(tb, 4, 3),
	}
}

func failedEntry(url string, retry time.Time) ImageEntry {
	return ImageEntry{ImageInfo: ImageInfo{URL: url, Status: ImageFailed, Error: "HTTP 503", Failures: 2,
		RetryAt: retry, FetchedAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}}
}

func urlsOf(infos []ImageInfo) []string {
	var out []string
	for _, i := range infos {
		out = append(out, i.URL+"="+string(i.Status))
	}
	return out
}

func TestImageRoundTrip(t *testing.T) {
	a := openTest(t)
	insertImageSeed(t, a, "one", "AI", "http://h/a.png", "http://h/b.png")
	cached := cachedEntry(t, "http://h/a.png")
	cached.Original = []byte("original bytes")
	retry := time.Date(2030, 5, 6, 7, 8, 9, 123e6, time.UTC)
	failed := failedEntry("http://h/b.png", retry)
	if err := a.PutImages(ctx, []ImageEntry{cached, failed}); err != nil {
		t.Fatal(err)
	}
	got, err := a.Image(ctx, "http://h/a.png")
	if err != nil {
		t.Fatal(err)
	}
	want := cached
	want.Original = nil // Image never loads the original
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cached:\n got %+v\nwant %+v", got, want)
	}
	if orig, err := a.ImageOriginal(ctx, "http://h/a.png"); err != nil || string(orig) != "original bytes" {
		t.Errorf("original %q, %v", orig, err)
	}
	if _, err := a.ImageOriginal(ctx, "http://h/b.png"); !errors.Is(err, ErrNotFound) {
		t.Errorf("original of a failure: %v, want ErrNotFound", err)
	}
	got, err = a.Image(ctx, "http://h/b.png")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.ImageInfo, failed.ImageInfo) || len(got.Thumb) != 0 || !got.RetryAt.Equal(retry) {
		t.Errorf("failed:\n got %+v\nwant %+v", got, failed)
	}
	// A later failure never replaces a cached image; a later success replaces a failure.
	if err := a.PutImages(ctx, []ImageEntry{failedEntry("http://h/a.png", retry), cachedEntry(t, "http://h/b.png")}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []string{"http://h/a.png", "http://h/b.png"} {
		if got, err := a.Image(ctx, u); err != nil || got.Status != ImageCached || len(got.Thumb) == 0 {
			t.Errorf("%s: %s %v, want cached", u, got.Status, err)
		}
	}
}

func TestImageUnknownAndPending(t *testing.T) {
	a := openTest(t)
	insertImageSeed(t, a, "one", "AI", "http://h/pending.png")
	got, err := a.Image(ctx, "http://h/pending.png")
	if err != nil || got.Status != ImagePending || got.Thumb != nil {
		t.Errorf("referenced, never fetched: %+v %v; want pending", got.ImageInfo, err)
	}
	if _, err := a.Image(ctx, "http://h/nobody.png"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown URL: %v, want ErrNotFound", err)
	}
}

func TestPutImagesRefusesBadEntries(t *testing.T) {
	a := openTest(t)
	good := cachedEntry(t, "http://h/good.png")
	tests := []struct {
		name  string
		entry ImageEntry
	}{
		{"no URL", ImageEntry{ImageInfo: ImageInfo{Status: ImageFailed, Error: "x"}}},
		{"bad status", ImageEntry{ImageInfo: ImageInfo{URL: "http://h/x", Status: "done"}}},
		{"cached without thumbnail", ImageEntry{ImageInfo: ImageInfo{URL: "http://h/x", Status: ImageCached}}},
	}
	for _, tc := range tests {
		if err := a.PutImages(ctx, []ImageEntry{good, tc.entry}); err == nil {
			t.Errorf("%s: stored", tc.name)
		}
	}
	if _, err := a.Image(ctx, "http://h/good.png"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the batch was not rolled back: %v", err)
	}
}

func TestImageStatusesAndCounts(t *testing.T) {
	a := openTest(t)
	insertImageSeed(t, a, "one", "AI", "http://h/a", "http://h/b", "http://h/c")
	insertImageSeed(t, a, "two", "Space", "http://h/c", "http://h/d", "http://h/a")
	insertImageSeed(t, a, "three", "Space")
	if err := a.PutImages(ctx, []ImageEntry{cachedEntry(t, "http://h/a"), failedEntry("http://h/c", time.Time{}),
		cachedEntry(t, "http://h/orphan")}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		filter ImageFilter
		want   []string
	}{
		{ImageFilter{}, []string{"http://h/a=cached", "http://h/b=pending", "http://h/c=failed", "http://h/d=pending"}},
		{ImageFilter{Query: "topic:AI"}, []string{"http://h/a=cached", "http://h/b=pending", "http://h/c=failed"}},
		{ImageFilter{Query: "topic:Space"}, []string{"http://h/a=cached", "http://h/c=failed", "http://h/d=pending"}},
		{ImageFilter{Query: "topic:Nothing"}, nil},
		{ImageFilter{Status: ImagePending}, []string{"http://h/b=pending", "http://h/d=pending"}},
		{ImageFilter{Status: ImageFailed, Query: "topic:Space"}, []string{"http://h/c=failed"}},
		{ImageFilter{After: "http://h/a", Limit: 2}, []string{"http://h/b=pending", "http://h/c=failed"}},
		{ImageFilter{After: "http://h/c", Limit: 2}, []string{"http://h/d=pending"}},
	}
	for _, tc := range tests {
		got, err := a.ImageStatuses(ctx, tc.filter)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(urlsOf(got), tc.want) {
			t.Errorf("%+v: %v, want %v", tc.filter, urlsOf(got), tc.want)
		}
	}
	got, _ := a.ImageStatuses(ctx, ImageFilter{Limit: 1})
	if w := cachedEntry(t, "http://h/a").ImageInfo; !reflect.DeepEqual(got[0], w) {
		t.Errorf("info:\n got %+v\nwant %+v", got[0], w)
	}
	if _, err := a.ImageStatuses(ctx, ImageFilter{Query: "topic:("}); err == nil {
		t.Error("a malformed query listed images")
	}
	for q, want := range map[string]ImageCounts{
		"":         {Total: 4, Cached: 1, Failed: 1, Pending: 2},
		"topic:AI": {Total: 3, Cached: 1, Failed: 1, Pending: 1},
		"three":    {},
	} {
		got, err := a.ImageCounts(ctx, q)
		if err != nil || got != want {
			t.Errorf("counts %q: %+v %v, want %+v", q, got, err, want)
		}
	}
}

func TestPendingURLs(t *testing.T) {
	a := openTest(t)
	insertImageSeed(t, a, "one", "AI", "http://h/new", "http://h/cached", "http://h/due", "http://h/later", "http://h/never")
	insertImageSeed(t, a, "two", "Space", "http://h/new", "http://h/space")
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	due := failedEntry("http://h/due", now.Add(-time.Millisecond))
	due.Failures = 3
	if err := a.PutImages(ctx, []ImageEntry{cachedEntry(t, "http://h/cached"), due,
		failedEntry("http://h/later", now.Add(time.Millisecond)), failedEntry("http://h/never", time.Time{})}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		filter PendingFilter
		want   []PendingURL
	}{
		{PendingFilter{Now: now}, []PendingURL{{"http://h/due", 3}, {"http://h/new", 0}, {"http://h/space", 0}}},
		{PendingFilter{Now: now.Add(time.Millisecond)}, []PendingURL{{"http://h/due", 3}, {"http://h/later", 2}, {"http://h/new", 0}, {"http://h/space", 0}}},
		{PendingFilter{Now: now, RetryFailed: true}, []PendingURL{{"http://h/due", 3}, {"http://h/later", 2}, {"http://h/never", 2}, {"http://h/new", 0}, {"http://h/space", 0}}},
		{PendingFilter{Now: now, Query: "topic:Space"}, []PendingURL{{"http://h/new", 0}, {"http://h/space", 0}}},
		{PendingFilter{Now: now, After: "http://h/due", Limit: 1}, []PendingURL{{"http://h/new", 0}}},
		{PendingFilter{Now: now, Query: "topic:Nothing"}, nil},
	}
	for _, tc := range tests {
		got, err := a.PendingURLs(ctx, tc.filter)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%+v: %v, want %v", tc.filter, got, tc.want)
		}
		tc.filter.Limit = 0
		n, err := a.CountPendingURLs(ctx, tc.filter)
		all, _ := a.PendingURLs(ctx, tc.filter)
		if err != nil || n != len(all) {
			t.Errorf("count %+v: %d %v, want %d", tc.filter, n, err, len(all))
		}
	}
	// Now defaults to the present, later than every retry time above.
	if got, err := a.PendingURLs(ctx, PendingFilter{}); err != nil || len(got) != 4 {
		t.Errorf("now by default: %v %v, want 4 pending", got, err)
	}
}

func TestDeleteDropsUnsharedImagesAndRestoreBringsThemBack(t *testing.T) {
	a := openTest(t)
	one := insertImageSeed(t, a, "one", "AI", "http://h/shared", "http://h/only-one")
	insertImageSeed(t, a, "two", "AI", "http://h/shared")
	if err := a.PutImages(ctx, []ImageEntry{cachedEntry(t, "http://h/shared"), cachedEntry(t, "http://h/only-one")}); err != nil {
		t.Fatal(err)
	}
	if problems, err := a.CheckImages(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v, want no problems", problems, err)
	}
	deleted, err := a.Delete(ctx, one)
	if err != nil {
		t.Fatal(err)
	}
	if len(deleted) != 1 || len(deleted[0].Images) != 1 || deleted[0].Images[0].URL != "http://h/only-one" ||
		len(deleted[0].Images[0].Thumb) == 0 {
		t.Fatalf("deleted record keeps %+v, want the dropped only-one entry with its thumbnail", deleted[0].Images)
	}
	if _, err := a.Image(ctx, "http://h/only-one"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unshared image after delete: %v, want ErrNotFound", err)
	}
	if got, err := a.Image(ctx, "http://h/shared"); err != nil || got.Status != ImageCached {
		t.Errorf("shared image: %v %v", got.Status, err)
	}
	if orphans, err := a.OrphanImages(ctx, 0); err != nil || len(orphans) != 0 {
		t.Errorf("orphans after delete: %v %v", orphans, err)
	}
	// Undoing the delete brings the thumbnail back, offline.
	if err := a.Restore(ctx, deleted); err != nil {
		t.Fatal(err)
	}
	got, err := a.Image(ctx, "http://h/only-one")
	if err != nil || got.Status != ImageCached || !bytes.Equal(got.Thumb, deleted[0].Images[0].Thumb) {
		t.Errorf("restored image: %v %v", got.Status, err)
	}
	if problems, err := a.CheckImages(ctx); err != nil || len(problems) != 0 {
		t.Errorf("check after restore: %v %v", problems, err)
	}
}

func TestOrphanImages(t *testing.T) {
	a := openTest(t)
	insertImageSeed(t, a, "one", "AI", "http://h/used")
	// A cache record nothing references (left by an edit that removed the image).
	if err := a.PutImages(ctx, []ImageEntry{cachedEntry(t, "http://h/used"), cachedEntry(t, "http://h/stray")}); err != nil {
		t.Fatal(err)
	}
	orphans, err := a.OrphanImages(ctx, 0)
	if err != nil || !reflect.DeepEqual(orphans, []string{"http://h/stray"}) {
		t.Fatalf("orphans %v %v", orphans, err)
	}
	problems, err := a.CheckImages(ctx)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "1 entries no article references (first: http://h/stray)") {
		t.Errorf("check: %q %v", problems, err)
	}
	n, err := a.PruneOrphanImages(ctx)
	if err != nil || n != 1 {
		t.Fatalf("pruned %d %v, want 1", n, err)
	}
	if got, err := a.Image(ctx, "http://h/used"); err != nil || got.Status != ImageCached {
		t.Errorf("used image: %v %v", got.Status, err)
	}
	if n, err := a.PruneOrphanImages(ctx); err != nil || n != 0 {
		t.Errorf("second prune: %d %v", n, err)
	}
}

func TestCheckImages(t *testing.T) {
	a := openTest(t)
	insertImageSeed(t, a, "one", "AI", "http://h/ok", "http://h/garbage", "http://h/size", "http://h/mime", "http://h/noreason")
	garbage := cachedEntry(t, "http://h/garbage")
	garbage.Thumb = []byte("not an image")
	size := cachedEntry(t, "http://h/size")
	size.ThumbWidth = 320
	mime := cachedEntry(t, "http://h/mime")
	mime.ThumbMIME = "image/jpeg"
	noReason := failedEntry("http://h/noreason", time.Time{})
	noReason.Error = ""
	if err := a.PutImages(ctx, []ImageEntry{cachedEntry(t, "http://h/ok"), garbage, size, mime, noReason}); err != nil {
		t.Fatal(err)
	}
	problems, err := a.CheckImages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"image cache: http://h/garbage: thumbnail unreadable: image: unknown format",
		"image cache: http://h/mime: thumbnail is png 4x3, recorded image/jpeg 4x3",
		"image cache: http://h/noreason: failed without a reason",
		"image cache: http://h/size: thumbnail is png 4x3, recorded image/png 320x3",
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
}

func TestImageCacheSurvivesReopen(t *testing.T) {
	a := openTest(t)
	insertImageSeed(t, a, "one", "AI", "http://h/a")
	if err := a.PutImages(ctx, []ImageEntry{cachedEntry(t, "http://h/a")}); err != nil {
		t.Fatal(err)
	}
	path := a.Path()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	got, err := b.Image(ctx, "http://h/a")
	if err != nil || got.Status != ImageCached || !bytes.Equal(got.Thumb, cachedEntry(t, "http://h/a").Thumb) {
		t.Errorf("after reopen: %v %v", got.ImageInfo, err)
	}
}
