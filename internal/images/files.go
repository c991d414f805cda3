package images

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"time"

	"github.com/seedarchive/seedarchive/storage"
)

// FileName is the name under which CacheFiles looks for url's image: the
// first 16 hex digits of the URL's SHA-256 and ".jpg".
func FileName(url string) string {
	sum := sha256.Sum256([]byte(url))
	return hex.EncodeToString(sum[:8]) + ".jpg"
}

// CacheFiles stores images shipped as files, instead of fetching them: for
// each URL whose FileName exists in fsys, the file is decoded, thumbnailed
// like a fetched image and stored as cached. The bundled sample archive uses
// it so its thumbnails work offline from the first start. It returns how
// many images it stored; URLs without a file are left as they were.
func CacheFiles(ctx context.Context, a *storage.Archive, fsys fs.FS, urls []string) (int, error) {
	var entries []storage.ImageEntry
	seen := make(map[string]bool, len(urls))
	for _, url := range urls {
		if seen[url] {
			continue
		}
		seen[url] = true
		name := FileName(url)
		data, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return 0, fmt.Errorf("cache image file %s: %w", name, err)
		}
		e, err := fileEntry(url, data)
		if err != nil {
			return 0, fmt.Errorf("cache image file %s: %w", name, err)
		}
		entries = append(entries, e)
	}
	if err := a.PutImages(ctx, entries); err != nil {
		return 0, err
	}
	return len(entries), nil
}

// fileEntry thumbnails one image file into a cache entry.
func fileEntry(url string, data []byte) (storage.ImageEntry, error) {
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return storage.ImageEntry{}, err
	}
	b := img.Bounds()
	thumb, mime, err := Encode(Scale(img, DefaultThumbSize), 85)
	if err != nil {
		return storage.ImageEntry{}, err
	}
	tw, th := fit(b.Dx(), b.Dy(), DefaultThumbSize)
	return storage.ImageEntry{
		ImageInfo: storage.ImageInfo{
			URL: url, Status: storage.ImageCached, Width: b.Dx(), Height: b.Dy(),
			Format: format, Size: int64(len(data)), ThumbMIME: mime,
			ThumbWidth: tw, ThumbHeight: th, FetchedAt: time.Now(),
		},
		Thumb: thumb,
	}, nil
}
