package widgets

import (
	"context"
	"errors"
	"image"
)

// ThumbnailSource produces thumbnails for image URLs. Thumbnail is called off
// the UI thread and must honour ctx cancellation. It returns ErrPending when
// the image is not available yet (not fetched, or fetching is off); any other
// error means the image could not be fetched or decoded.
type ThumbnailSource interface {
	Thumbnail(ctx context.Context, url string) (image.Image, error)
}

// ErrPending tells a Thumbnail that the image is not available yet; the
// widget shows the "pending" placeholder rather than "failed". Sources may
// wrap it.
var ErrPending = errors.New("thumbnail pending")

// ThumbState is what a Thumbnail currently shows.
type ThumbState int

// The states of a Thumbnail.
const (
	ThumbEmpty   ThumbState = iota // no URL or no source: placeholder without caption
	ThumbLoading                   // a load is running
	ThumbPending                   // the source has no image yet (ErrPending)
	ThumbFailed                    // the source failed
	ThumbLoaded                    // the image is shown
)

// String names the state as the placeholder caption shows it.
func (s ThumbState) String() string {
	switch s {
	case ThumbLoading:
		return "loading"
	case ThumbPending:
		return "pending"
	case ThumbFailed:
		return "failed"
	case ThumbLoaded:
		return "loaded"
	default:
		return "no image"
	}
}
