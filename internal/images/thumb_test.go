package images

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"reflect"
	"testing"
)

func TestFit(t *testing.T) {
	tests := []struct{ w, h, size, tw, th int }{
		{800, 600, 320, 320, 240},
		{600, 800, 320, 240, 320},
		{320, 320, 320, 320, 320},
		{100, 50, 320, 100, 50}, // never scaled up
		{10000, 1, 320, 320, 1}, // at least one pixel
		{1, 10000, 320, 1, 320},
		{1001, 1000, 320, 320, 320}, // rounded
		{60000, 60000, 320, 320, 320},
	}
	for _, tc := range tests {
		if w, h := fit(tc.w, tc.h, tc.size); w != tc.tw || h != tc.th {
			t.Errorf("fit(%d, %d, %d) = %d, %d; want %d, %d", tc.w, tc.h, tc.size, w, h, tc.tw, tc.th)
		}
	}
}

func TestScaleAndEncode(t *testing.T) {
	paletted := image.NewPaletted(image.Rect(0, 0, 500, 100), color.Palette{color.Transparent, color.White})
	paletted.SetColorIndex(10, 10, 1)
	ycbcr := image.NewYCbCr(image.Rect(0, 0, 640, 480), image.YCbCrSubsampleRatio420)
	tests := []struct {
		name   string
		src    image.Image
		w, h   int
		mime   string
		center color.NRGBA // expected color in the middle (RGB only for JPEG)
	}{
		{"opaque gradient", gradient(800, 600, false), 320, 240, MIMEJPEG, color.NRGBA{}},
		{"translucent", gradient(400, 200, true), 320, 160, MIMEPNG, color.NRGBA{}},
		{"paletted with transparency", paletted, 320, 64, MIMEPNG, color.NRGBA{}},
		{"ycbcr", ycbcr, 320, 240, MIMEJPEG, color.NRGBA{}},
		{"small stays", gradient(30, 20, false), 30, 20, MIMEJPEG, color.NRGBA{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			thumb := Scale(tc.src, 320)
			if b := thumb.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
				t.Fatalf("scaled to %v, want %dx%d", b, tc.w, tc.h)
			}
			data, mime, err := Encode(thumb, 85)
			if err != nil {
				t.Fatal(err)
			}
			if mime != tc.mime {
				t.Errorf("encoded as %s, want %s", mime, tc.mime)
			}
			decode := jpeg.Decode
			if mime == MIMEPNG {
				decode = png.Decode
			}
			img, err := decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("decode thumbnail: %v", err)
			}
			if img.Bounds() != thumb.Bounds() {
				t.Errorf("decoded %v, want %v", img.Bounds(), thumb.Bounds())
			}
		})
	}
}

func TestScaleKeepsColor(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 1000, 500))
	for i := range src.Pix {
		src.Pix[i] = []byte{200, 100, 50, 255}[i%4]
	}
	thumb := Scale(src, 320)
	if got := thumb.RGBAAt(160, 80); got != (color.RGBA{200, 100, 50, 255}) {
		t.Errorf("middle pixel %v, want {200 100 50 255}", got)
	}
}

func TestShrinkFactor(t *testing.T) {
	tests := []struct{ sw, sh, tw, th, k int }{
		{1024, 768, 320, 240, 2}, // 3.2x: to 512x384
		{800, 600, 320, 240, 1},  // 2.5x: Catmull-Rom alone
		{3000, 2000, 320, 213, 6},
		{60000, 60000, 320, 320, 125},
		{320, 320, 320, 320, 1},
	}
	for _, tc := range tests {
		if k := shrinkFactor(tc.sw, tc.sh, tc.tw, tc.th); k != tc.k {
			t.Errorf("shrinkFactor(%d, %d, %d, %d) = %d, want %d", tc.sw, tc.sh, tc.tw, tc.th, k, tc.k)
		}
	}
}

// TestShrink checks the box filter on each source type it reads fast, and
// on a generic one: a 2x2 box of known colors averages to their mean, and a
// partial last box averages only the pixels it covers.
func TestShrink(t *testing.T) {
	nrgba := image.NewNRGBA(image.Rect(0, 0, 3, 2))
	for x := range 3 {
		nrgba.SetNRGBA(x, 0, color.NRGBA{200, 100, 0, 255})
		nrgba.SetNRGBA(x, 1, color.NRGBA{100, 50, 255, 255})
	}
	nrgba.SetNRGBA(2, 1, color.NRGBA{255, 255, 255, 0}) // transparent: adds no color
	rgba := image.NewRGBA(nrgba.Bounds())
	draw.Draw(rgba, rgba.Bounds(), nrgba, image.Point{}, draw.Src)
	gray := image.NewGray(image.Rect(0, 0, 3, 2))
	copy(gray.Pix, []uint8{10, 20, 30, 40, 50, 60})
	pal := image.NewPaletted(image.Rect(0, 0, 3, 2), color.Palette{color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 255, 255}})
	copy(pal.Pix, []uint8{0, 1, 0, 1, 0, 7}) // 7: past the palette
	ycc := image.NewYCbCr(image.Rect(0, 0, 4, 2), image.YCbCrSubsampleRatio420)
	for i := range ycc.Y {
		ycc.Y[i] = 128
	}
	for i := range ycc.Cb {
		ycc.Cb[i], ycc.Cr[i] = 128, 128
	}
	cmyk := image.NewCMYK(image.Rect(0, 0, 2, 2))
	for i := range cmyk.Pix {
		cmyk.Pix[i] = 0x80 * uint8(i%4/3) // C, M, Y 0 and K half: mid gray
	}
	tests := []struct {
		name string
		src  image.Image
		want []color.RGBA
	}{
		{"nrgba", nrgba, []color.RGBA{{150, 75, 128, 255}, {100, 50, 0, 128}}}, // premultiplied,
		{"rgba", rgba, []color.RGBA{{150, 75, 128, 255}, {100, 50, 0, 128}}},   // premultiplied,
		{"gray", gray, []color.RGBA{{30, 30, 30, 255}, {45, 45, 45, 255}}},
		{"paletted", pal, []color.RGBA{{128, 0, 128, 255}, {128, 0, 0, 128}}},
		{"ycbcr", ycc, []color.RGBA{{128, 128, 128, 255}, {128, 128, 128, 255}}},
		{"generic", cmyk, []color.RGBA{{127, 127, 127, 255}}},
	}
	for _, tc := range tests {
		got := shrink(tc.src, 2)
		var px []color.RGBA
		for x := range got.Bounds().Dx() {
			px = append(px, got.RGBAAt(x, 0))
		}
		if got.Bounds().Dy() != 1 || !reflect.DeepEqual(px, tc.want) {
			t.Errorf("%s: %v (%v), want %v", tc.name, px, got.Bounds(), tc.want)
		}
	}
}

// TestShrinkYCbCr compares the YCbCr fast path with averaging the RGB of
// each pixel, for every subsampling ratio and an odd-sized, offset image.
// TestShrinkSixteenBits checks that the fast paths for 16-bit images read
// every pixel as the generic path does, without an allocation per pixel.
func TestShrinkSixteenBits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	rect := image.Rect(2, 3, 2+61, 3+47)
	nrgba64, rgba64, gray16 := image.NewNRGBA64(rect), image.NewRGBA64(rect), image.NewGray16(rect)
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			c := color.NRGBA64{uint16(r.Uint32()), uint16(r.Uint32()), uint16(r.Uint32()), uint16(r.Uint32())}
			if x%5 == 0 {
				c.A = 0xffff
			}
			nrgba64.SetNRGBA64(x, y, c)
			rgba64.Set(x, y, c)
			gray16.Set(x, y, c)
		}
	}
	for _, src := range []image.Image{nrgba64, rgba64, gray16} {
		fast := pixelReader(src)
		for y := rect.Min.Y; y < rect.Max.Y; y++ {
			for x := rect.Min.X; x < rect.Max.X; x++ {
				r, g, b, a := fast(x, y)
				wr, wg, wb, wa := src.At(x, y).RGBA()
				if got, want := [4]uint32{r, g, b, a}, [4]uint32{wr >> 8, wg >> 8, wb >> 8, wa >> 8}; got != want {
					t.Fatalf("%T at %d,%d: %v, want %v", src, x, y, got, want)
				}
			}
		}
		if n := testing.AllocsPerRun(3, func() { shrink(src, 4) }); n > 8 {
			t.Errorf("%T: shrink made %.0f allocations, want a few for %d pixels", src, n, rect.Dx()*rect.Dy())
		}
	}
}

func TestShrinkYCbCr(t *testing.T) {
	ratios := []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio440}
	for _, ratio := range ratios {
		m := image.NewYCbCr(image.Rect(3, 5, 3+37, 5+23), ratio)
		for i := range m.Y {
			m.Y[i] = uint8(60 + i*7%120)
		}
		for i := range m.Cb {
			m.Cb[i], m.Cr[i] = uint8(100+i*3%50), uint8(110+i*5%40)
		}
		generic := image.NewRGBA(m.Bounds())
		draw.Draw(generic, generic.Bounds(), m, m.Bounds().Min, draw.Src)
		got, want := shrink(m, 4), shrink(generic, 4)
		if got.Bounds() != want.Bounds() {
			t.Fatalf("%v: %v, want %v", ratio, got.Bounds(), want.Bounds())
		}
		for i := range got.Pix {
			if d := int(got.Pix[i]) - int(want.Pix[i]); d < -2 || d > 2 {
				t.Fatalf("%v: byte %d is %d, want %d", ratio, i, got.Pix[i], want.Pix[i])
			}
		}
	}
}

// TestWebPFixture checks that testdata/green-400x300.webp is what
// solidWebP writes, so the fixture's bytes are explained by that code.
func TestWebPFixture(t *testing.T) {
	fixture, err := os.ReadFile("testdata/green-400x300.webp")
	if err != nil {
		t.Fatal(err)
	}
	if got := solidWebP(400, 300, colorOpaque); !bytes.Equal(got, fixture) {
		t.Errorf("solidWebP wrote % x\nthe fixture is % x", got, fixture)
	}
}
