package images

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"github.com/seedarchive/seedarchive/storage"
)

// Thumbnail returns the decoded thumbnail of url from the archive's cache
// (never the network), through the in-memory LRU. For a URL that is pending
// or failed it returns an error wrapping ErrNotCached, with info telling the
// status and the failure's reason; for a URL nothing knows of, one wrapping
// storage.ErrNotFound. It is safe for concurrent use.
func (f *Fetcher) Thumbnail(ctx context.Context, url string) (image.Image, storage.ImageInfo, error) {
	if img, info, ok := f.thumbs.Get(url); ok {
		return img, info, nil
	}
	data, info, err := f.ThumbnailBytes(ctx, url)
	if err != nil {
		return nil, info, err
	}
	decode := jpeg.Decode
	if info.ThumbMIME == MIMEPNG {
		decode = png.Decode
	}
	img, err := decode(bytes.NewReader(data))
	if err != nil {
		return nil, info, fmt.Errorf("thumbnail of %s: %w", url, err)
	}
	f.thumbs.Add(url, img, info)
	return img, info, nil
}

// ThumbnailBytes returns the encoded thumbnail of url (info.ThumbMIME says
// JPEG or PNG) from the archive's cache, with the same errors as Thumbnail.
func (f *Fetcher) ThumbnailBytes(ctx context.Context, url string) ([]byte, storage.ImageInfo, error) {
	e, err := f.archive.Image(ctx, url)
	if err != nil {
		return nil, e.ImageInfo, fmt.Errorf("thumbnail: %w", err)
	}
	if e.Status != storage.ImageCached {
		reason := string(e.Status)
		if e.Error != "" {
			reason += ": " + e.Error
		}
		return nil, e.ImageInfo, fmt.Errorf("thumbnail of %s: %w (%s)", url, ErrNotCached, reason)
	}
	return e.Thumb, e.ImageInfo, nil
}

// Statuses lists one page of image URLs with their cache status (see
// storage.Archive.ImageStatuses).
func (f *Fetcher) Statuses(ctx context.Context, filter storage.ImageFilter) ([]storage.ImageInfo, error) {
	return f.archive.ImageStatuses(ctx, filter)
}

// Counts counts the image URLs of the articles matching query by status.
func (f *Fetcher) Counts(ctx context.Context, query string) (storage.ImageCounts, error) {
	return f.archive.ImageCounts(ctx, query)
}

// PruneOrphans deletes the cache records no article references and forgets
// the decoded thumbnails; it returns how many records it deleted.
func (f *Fetcher) PruneOrphans(ctx context.Context) (int, error) {
	n, err := f.archive.PruneOrphanImages(ctx)
	if n > 0 {
		f.thumbs.Clear()
	}
	return n, err
}
