package gui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"

	"github.com/seedarchive/seedarchive/gui/widgets"
	"github.com/seedarchive/seedarchive/internal/images"
	"github.com/seedarchive/seedarchive/storage"
)

// thumbSource serves thumbnails from the archive's image cache through the
// Fetcher's bounded LRU of decoded thumbnails (never the network). An image
// not fetched yet is pending (widgets.ErrPending); one whose fetch failed is
// an error carrying the reason, so the widgets say "pending" and "failed"
// apart.
type thumbSource struct{ f *images.Fetcher }

// Thumbnail returns the cached thumbnail of url.
func (s thumbSource) Thumbnail(ctx context.Context, url string) (image.Image, error) {
	img, info, err := s.f.Thumbnail(ctx, url)
	return img, thumbError(info, err)
}

// thumbError maps the Fetcher's answer to what the widgets show.
func thumbError(info storage.ImageInfo, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, images.ErrNotCached) && info.Status == storage.ImageFailed:
		reason := info.Error
		if reason == "" {
			reason = "unknown error"
		}
		return &fetchFailed{reason: reason, err: err}
	case errors.Is(err, images.ErrNotCached), errors.Is(err, storage.ErrNotFound):
		return fmt.Errorf("%w: %w", widgets.ErrPending, err)
	}
	return err
}

// fetchFailed is a thumbnail whose image could not be fetched.
type fetchFailed struct {
	reason string
	err    error
}

func (e *fetchFailed) Error() string { return "fetch failed: " + e.reason }
func (e *fetchFailed) Unwrap() error { return e.err }

// swapSource is a thumbnail source that can be switched (when another
// archive is opened) under thumbnails that already exist.
type swapSource struct {
	mu  sync.Mutex
	src widgets.ThumbnailSource
}

func (s *swapSource) set(src widgets.ThumbnailSource) {
	s.mu.Lock()
	s.src = src
	s.mu.Unlock()
}

// Thumbnail asks the current source.
func (s *swapSource) Thumbnail(ctx context.Context, url string) (image.Image, error) {
	s.mu.Lock()
	src := s.src
	s.mu.Unlock()
	if src == nil {
		return nil, widgets.ErrPending
	}
	return src.Thumbnail(ctx, url)
}
