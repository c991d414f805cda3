package images

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/draw"
)

// shrinkFactor is the integer factor by which Scale first shrinks an image
// of sw x sh pixels on its way to tw x th: 1 (none) or at least 2, leaving
// at least 1.5 times the target size for the Catmull-Rom filter.
func shrinkFactor(sw, sh, tw, th int) int {
	k := int(min(float64(sw)/float64(tw), float64(sh)/float64(th)) / 1.5)
	if k < 2 {
		return 1
	}
	return k
}

// MIME types of thumbnails.
const (
	MIMEJPEG = "image/jpeg"
	MIMEPNG  = "image/png"
)

// fit returns the size of an image of w x h pixels scaled down (never up) so
// that its longest side is at most size.
func fit(w, h, size int) (int, int) {
	if w <= size && h <= size {
		return w, h
	}
	if w >= h {
		return size, max(1, int((int64(h)*int64(size)+int64(w)/2)/int64(w)))
	}
	return max(1, int((int64(w)*int64(size)+int64(h)/2)/int64(h))), size
}

// Scale returns src scaled down (never up) so that its longest side is at
// most size pixels, resampled with Catmull-Rom. An image at least three
// times as large as the result is first shrunk with a box filter by an
// integer factor, to between 1.5 and 3 times the result's size.
func Scale(src image.Image, size int) *image.RGBA {
	b := src.Bounds()
	w, h := fit(b.Dx(), b.Dy(), size)
	if k := shrinkFactor(b.Dx(), b.Dy(), w, h); k > 1 {
		src = shrink(src, k)
		b = src.Bounds()
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Src)
	} else {
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	}
	return dst
}

// Encode encodes a thumbnail: PNG when it has transparent pixels, else JPEG
// at the given quality. It returns the bytes and their MIME type.
func Encode(img *image.RGBA, quality int) ([]byte, string, error) {
	var buf bytes.Buffer
	if img.Opaque() {
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
			return nil, "", fmt.Errorf("encode thumbnail: %w", err)
		}
		return buf.Bytes(), MIMEJPEG, nil
	}
	if err := png.Encode(&buf, img); err != nil {
		return nil, "", fmt.Errorf("encode thumbnail: %w", err)
	}
	return buf.Bytes(), MIMEPNG, nil
}
