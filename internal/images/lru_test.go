package images

import (
	"fmt"
	"image"
	"image/color"
	"sync"
	"testing"

	"github.com/seedarchive/seedarchive/storage"
)

func TestLRUEvictsByBytesAndCount(t *testing.T) {
	img := func(w int) image.Image { return image.NewRGBA(image.Rect(0, 0, w, 10)) } // 40*w bytes
	c := NewLRU(1000, 3)
	c.Add("a", img(10), storage.ImageInfo{URL: "a"}) // 400
	c.Add("b", img(10), storage.ImageInfo{URL: "b"}) // 800
	if _, info, ok := c.Get("a"); !ok || info.URL != "a" {
		t.Fatal("a missing")
	}
	c.Add("c", img(5), storage.ImageInfo{}) // 1000: fits exactly
	if c.Len() != 3 || c.Bytes() != 1000 {
		t.Fatalf("len %d bytes %d, want 3, 1000", c.Len(), c.Bytes())
	}
	c.Add("d", img(1), storage.ImageInfo{}) // over both bounds: evicts b (least recently used)
	if _, _, ok := c.Get("b"); ok {
		t.Error("b kept, want evicted")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, _, ok := c.Get(k); !ok {
			t.Errorf("%s evicted", k)
		}
	}
	c.Add("huge", img(100), storage.ImageInfo{}) // larger than the whole bound: not kept
	if _, _, ok := c.Get("huge"); ok || c.Len() != 3 {
		t.Errorf("huge kept or others evicted: len %d", c.Len())
	}
	c.Add("a", img(20), storage.ImageInfo{}) // replaces a (800 with d's 40): c goes
	if _, _, ok := c.Get("c"); ok || c.Len() != 2 || c.Bytes() != 840 {
		t.Errorf("after replacing: len %d bytes %d, want 2, 840 without c", c.Len(), c.Bytes())
	}
	c.Remove("a")
	c.Remove("nothing")
	if c.Len() != 1 || c.Bytes() != 40 {
		t.Errorf("after remove: len %d bytes %d, want 1, 40", c.Len(), c.Bytes())
	}
	c.Add("x", img(1), storage.ImageInfo{})
	c.Clear()
	if c.Len() != 0 || c.Bytes() != 0 {
		t.Errorf("after clear: len %d bytes %d", c.Len(), c.Bytes())
	}
}

func TestLRUConcurrent(t *testing.T) {
	c := NewLRU(64*400, 0)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				k := fmt.Sprint((g*7 + i) % 100)
				if _, _, ok := c.Get(k); !ok {
					c.Add(k, image.NewRGBA(image.Rect(0, 0, 10, 10)), storage.ImageInfo{URL: k})
				}
				if i%50 == 0 {
					c.Remove(k)
				}
			}
		}()
	}
	wg.Wait()
	if c.Bytes() > 64*400 || c.Len() > 64 || c.Bytes() != int64(c.Len())*400 {
		t.Errorf("len %d bytes %d: bounds broken", c.Len(), c.Bytes())
	}
}

func TestImageBytes(t *testing.T) {
	tests := []struct {
		img  image.Image
		want int64
	}{
		{image.NewRGBA(image.Rect(0, 0, 3, 2)), 24},
		{image.NewNRGBA(image.Rect(0, 0, 3, 2)), 24},
		{image.NewGray(image.Rect(0, 0, 3, 2)), 6},
		{image.NewYCbCr(image.Rect(0, 0, 4, 4), image.YCbCrSubsampleRatio420), 16 + 4 + 4},
		{image.NewPaletted(image.Rect(0, 0, 3, 2), make([]color.Color, 2)), 6 + 8},
		{image.NewRGBA64(image.Rect(0, 0, 3, 2)), 24},
	}
	for _, tc := range tests {
		if got := imageBytes(tc.img); got != tc.want {
			t.Errorf("%T: %d, want %d", tc.img, got, tc.want)
		}
	}
}
