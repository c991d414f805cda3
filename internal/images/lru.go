package images

import (
	"container/list"
	"image"
	"sync"

	"github.com/seedarchive/seedarchive/storage"
)

// LRU is an in-memory least-recently-used cache of decoded thumbnails with
// their cache records, keyed by URL and bounded both by the bytes of pixel
// data it holds and by its number of entries. It is safe for concurrent use
// by multiple goroutines.
type LRU struct {
	mu       sync.Mutex
	maxBytes int64
	maxItems int
	bytes    int64
	order    *list.List // front = most recently used; values are *lruEntry
	items    map[string]*list.Element
}

type lruEntry struct {
	url  string
	img  image.Image
	info storage.ImageInfo
	size int64
}

// NewLRU returns an empty LRU holding at most maxBytes of pixel data and at
// most maxItems images (0 = no limit on the count).
func NewLRU(maxBytes int64, maxItems int) *LRU {
	return &LRU{maxBytes: maxBytes, maxItems: maxItems, order: list.New(), items: map[string]*list.Element{}}
}

// Get returns the image cached for url and marks it most recently used.
// It is safe for concurrent use.
func (c *LRU) Get(url string) (image.Image, storage.ImageInfo, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[url]
	if !ok {
		return nil, storage.ImageInfo{}, false
	}
	c.order.MoveToFront(el)
	e := el.Value.(*lruEntry)
	return e.img, e.info, true
}

// Add caches img for url, evicting the least recently used images to stay
// within the bounds; an image larger than the whole byte bound is not kept.
// It is safe for concurrent use.
func (c *LRU) Add(url string, img image.Image, info storage.ImageInfo) {
	size := imageBytes(img)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.remove(url)
	if size > c.maxBytes {
		return
	}
	c.items[url] = c.order.PushFront(&lruEntry{url: url, img: img, info: info, size: size})
	c.bytes += size
	for c.bytes > c.maxBytes || (c.maxItems > 0 && c.order.Len() > c.maxItems) {
		c.remove(c.order.Back().Value.(*lruEntry).url)
	}
}

// Remove drops url from the cache. It is safe for concurrent use.
func (c *LRU) Remove(url string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.remove(url)
}

// Clear empties the cache. It is safe for concurrent use.
func (c *LRU) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	c.items = map[string]*list.Element{}
	c.bytes = 0
}

// Len returns the number of images cached. It is safe for concurrent use.
func (c *LRU) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Bytes returns the pixel bytes cached. It is safe for concurrent use.
func (c *LRU) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

func (c *LRU) remove(url string) {
	el, ok := c.items[url]
	if !ok {
		return
	}
	c.order.Remove(el)
	delete(c.items, url)
	c.bytes -= el.Value.(*lruEntry).size
}

// imageBytes is the memory an image's pixel data takes.
func imageBytes(img image.Image) int64 {
	switch m := img.(type) {
	case *image.RGBA:
		return int64(len(m.Pix))
	case *image.NRGBA:
		return int64(len(m.Pix))
	case *image.Gray:
		return int64(len(m.Pix))
	case *image.Paletted:
		return int64(len(m.Pix) + 4*len(m.Palette))
	case *image.YCbCr:
		return int64(len(m.Y) + len(m.Cb) + len(m.Cr))
	}
	b := img.Bounds()
	return int64(b.Dx()) * int64(b.Dy()) * 4
}
