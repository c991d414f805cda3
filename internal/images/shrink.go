package images

import (
	"image"
	"image/color"
)

// shrink scales src down by the integer factor k, averaging each k x k box
// of pixels (the last row and column of boxes may be partial) into one
// premultiplied RGBA pixel. It is the cheap first step for images much larger
// than their thumbnail: a box filter does not alias, and it leaves the
// costlier Catmull-Rom filter a small image to work on.
func shrink(src image.Image, k int) *image.RGBA {
	if m, ok := src.(*image.YCbCr); ok {
		return shrinkYCbCr(m, k)
	}
	b := src.Bounds()
	sw, sh := b.Dx(), b.Dy()
	dw, dh := (sw+k-1)/k, (sh+k-1)/k
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	sums := make([]uint32, 4*dw)
	pixel := pixelReader(src)
	for dy := range dh {
		clear(sums)
		y0, y1 := b.Min.Y+dy*k, min(b.Min.Y+(dy+1)*k, b.Max.Y)
		for y := y0; y < y1; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, a := pixel(x, y)
				s := sums[4*((x-b.Min.X)/k):]
				s[0] += r
				s[1] += g
				s[2] += bl
				s[3] += a
			}
		}
		row := dst.Pix[dy*dst.Stride:]
		for dx := range dw {
			n := uint32((min((dx+1)*k, sw) - dx*k) * (y1 - y0))
			for c := range 4 {
				row[4*dx+c] = uint8((sums[4*dx+c] + n/2) / n)
			}
		}
	}
	return dst
}

// pixelReader returns a function reading src's pixels as 8-bit
// premultiplied RGBA, with fast paths for the decoders' usual image types.
// The generic path boxes a color for every pixel: tens of millions of small
// allocations for a large image, which the fast paths never make.
func pixelReader(src image.Image) func(x, y int) (r, g, b, a uint32) {
	switch m := src.(type) {
	case *image.RGBA:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			p := m.Pix[m.PixOffset(x, y):]
			return uint32(p[0]), uint32(p[1]), uint32(p[2]), uint32(p[3])
		}
	case *image.NRGBA:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			p := m.Pix[m.PixOffset(x, y):]
			a := uint32(p[3])
			return (uint32(p[0])*a + 127) / 255, (uint32(p[1])*a + 127) / 255, (uint32(p[2])*a + 127) / 255, a
		}
	case *image.Gray:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			v := uint32(m.Pix[m.PixOffset(x, y)])
			return v, v, v, 255
		}
	case *image.NRGBA64: // 16-bit PNGs with alpha
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			p := m.Pix[m.PixOffset(x, y):][:8]
			a := uint32(p[6])<<8 | uint32(p[7])
			pre := func(hi, lo uint8) uint32 { return (uint32(hi)<<8 | uint32(lo)) * a / 0xffff >> 8 }
			return pre(p[0], p[1]), pre(p[2], p[3]), pre(p[4], p[5]), a >> 8
		}
	case *image.RGBA64: // 16-bit PNGs without alpha
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			p := m.Pix[m.PixOffset(x, y):][:8]
			return uint32(p[0]), uint32(p[2]), uint32(p[4]), uint32(p[6])
		}
	case *image.Gray16:
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			v := uint32(m.Pix[m.PixOffset(x, y)])
			return v, v, v, 255
		}
	case *image.Paletted:
		pal := make([][4]uint32, len(m.Palette))
		for i, c := range m.Palette {
			r, g, b, a := c.RGBA()
			pal[i] = [4]uint32{r >> 8, g >> 8, b >> 8, a >> 8}
		}
		var black [4]uint32
		return func(x, y int) (uint32, uint32, uint32, uint32) {
			i := int(m.Pix[m.PixOffset(x, y)])
			c := &black // an index past the palette reads as transparent black
			if i < len(pal) {
				c = &pal[i]
			}
			return c[0], c[1], c[2], c[3]
		}
	}
	return func(x, y int) (uint32, uint32, uint32, uint32) {
		r, g, b, a := src.At(x, y).RGBA()
		return r >> 8, g >> 8, b >> 8, a >> 8
	}
}

// shrinkYCbCr is shrink for the JPEG decoder's images: it averages Y, Cb
// and Cr over each box and converts once per box (the conversion is affine
// but for clamping, so this differs from averaging RGB only for colors out
// of the RGB gamut).
func shrinkYCbCr(m *image.YCbCr, k int) *image.RGBA {
	b := m.Rect
	sw, sh := b.Dx(), b.Dy()
	dw, dh := (sw+k-1)/k, (sh+k-1)/k
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	// For each source column: its box, and its chroma column.
	box := make([]int32, sw)
	ccol := make([]int32, sw)
	for i := range sw {
		box[i] = int32(i / k)
		ccol[i] = int32(m.COffset(b.Min.X+i, b.Min.Y) - m.COffset(b.Min.X, b.Min.Y))
	}
	sums := make([]uint32, 3*dw)
	for dy := range dh {
		clear(sums)
		y0, y1 := b.Min.Y+dy*k, min(b.Min.Y+(dy+1)*k, b.Max.Y)
		for y := y0; y < y1; y++ {
			yrow := m.Y[m.YOffset(b.Min.X, y):][:sw]
			c0 := m.COffset(b.Min.X, y)
			for i, yv := range yrow {
				s := sums[3*box[i]:][:3]
				ci := c0 + int(ccol[i])
				s[0] += uint32(yv)
				s[1] += uint32(m.Cb[ci])
				s[2] += uint32(m.Cr[ci])
			}
		}
		row := dst.Pix[dy*dst.Stride:]
		for dx := range dw {
			n := uint32((min((dx+1)*k, sw) - dx*k) * (y1 - y0))
			s := sums[3*dx:][:3]
			r, g, bl := color.YCbCrToRGB(uint8((s[0]+n/2)/n), uint8((s[1]+n/2)/n), uint8((s[2]+n/2)/n))
			p := row[4*dx:][:4]
			p[0], p[1], p[2], p[3] = r, g, bl, 255
		}
	}
	return dst
}
