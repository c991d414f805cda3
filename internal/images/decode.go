package images

import (
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"strings"

	"golang.org/x/image/webp"
)

// format is an accepted image format with its decoders.
type format struct {
	name   string // "jpeg", "png", "gif", "webp"
	decode func(io.Reader) (image.Image, error)
	config func(io.Reader) (image.Config, error)
}

// formats maps sniffed MIME types to the formats fetched.
var formats = map[string]format{
	"image/jpeg": {"jpeg", jpeg.Decode, jpeg.DecodeConfig},
	"image/png":  {"png", png.Decode, png.DecodeConfig},
	"image/gif":  {"gif", gif.Decode, gif.DecodeConfig},
	"image/webp": {"webp", webp.Decode, webp.DecodeConfig},
}

// sniff identifies the format of a body from its first bytes (never from the
// server's Content-Type). It returns nil and the sniffed MIME type for
// anything but the accepted formats.
func sniff(head []byte) (*format, string) {
	mime := http.DetectContentType(head)
	if f, ok := formats[strings.TrimSpace(strings.SplitN(mime, ";", 2)[0])]; ok {
		return &f, mime
	}
	return nil, mime
}

// checkConfig refuses dimensions that are empty or over maxPixels, before
// anything is decoded.
func checkConfig(cfg image.Config, maxPixels int64) error {
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return fmt.Errorf("corrupt image: dimensions %dx%d", cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxPixels {
		return fmt.Errorf("too many pixels: %dx%d is %d, limit %d", cfg.Width, cfg.Height, px, maxPixels)
	}
	return nil
}

// decodedBytes estimates the memory that decoding and scaling an image of
// this header takes: its pixels, the box-filtered copy, and the Catmull-Rom
// scaler's intermediate buffer (8 bytes for each of 4 channels).
func decodedBytes(cfg image.Config, thumbSize int) int64 {
	var perPixel int64
	switch cfg.ColorModel {
	case color.GrayModel:
		perPixel = 1
	case color.Gray16Model:
		perPixel = 2
	case color.YCbCrModel:
		perPixel = 3
	case color.RGBA64Model, color.NRGBA64Model:
		perPixel = 8
	default:
		if _, ok := cfg.ColorModel.(color.Palette); ok {
			perPixel = 1
		} else {
			perPixel = 4
		}
	}
	sw, sh := int64(cfg.Width), int64(cfg.Height)
	tw, th := fit(cfg.Width, cfg.Height, thumbSize)
	n := sw * sh * perPixel
	if k := int64(shrinkFactor(cfg.Width, cfg.Height, tw, th)); k > 1 {
		sw, sh = (sw+k-1)/k, (sh+k-1)/k
		n += sw * sh * 4
	}
	return n + int64(tw)*sh*32
}
