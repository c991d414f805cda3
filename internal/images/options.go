package images

import (
	"net/http"
	"time"
)

// Options tunes a Fetcher. Zero fields take the defaults listed.
//
// A 429 or 503 response's Retry-After header (seconds or an HTTP date)
// replaces the backoff when it is at most MaxBackoff; a longer one ends the
// retries of that URL at once, and its failure is not due again before the
// Retry-After has passed (nor before the usual RetryAfter). Retry-After
// values over MaxRetryAfter count as MaxRetryAfter. Either pauses the whole
// host: its other URLs wait as long, or fail at once without a request when
// that is longer than MaxBackoff.
type Options struct {
	Workers       int           // images fetched at once overall (default 8)
	PerHost       int           // images fetched at once from one host (default 2)
	Timeout       time.Duration // one attempt: connecting, headers and body (default 30s)
	MaxBytes      int64         // largest image accepted, in bytes (default 20 MiB)
	MaxPixels     int64         // largest width*height accepted (default 50,000,000)
	DecodeBudget  int64         // bytes of decoded pixels on the heap at once, all workers together (default 256 MiB)
	MaxRedirects  int           // redirects followed per attempt (default 5)
	Retries       int           // extra attempts after a transient error (default 3; negative = none)
	Backoff       time.Duration // wait before the first retry, doubled for each next one (default 500ms)
	MaxBackoff    time.Duration // longest wait between retries, Retry-After included (default 15s)
	RetryAfter    time.Duration // a transient failure is due again after this, doubled per failure (default 1h)
	MaxRetryAfter time.Duration // longest RetryAfter, and longest server Retry-After honoured (default 7 days)
	ThumbSize     int           // longest side of a thumbnail in pixels (default 320)
	JPEGQuality   int           // quality of JPEG thumbnails (default 85)
	KeepOriginals bool          // store the original bytes too (default off)
	RetryFailed   bool          // Fetch also retries failures not yet due and permanent ones
	BatchSize     int           // results per write transaction (default 32)
	BatchBytes    int64         // bytes of results per write transaction (default 8 MiB)
	PageSize      int           // URLs read from the archive at once (default 256)
	CacheBytes    int64         // memory for decoded thumbnails kept for Thumbnail (default 64 MiB)
	UserAgent     string        // default "SeedArchive/1 (offline image cache)"
	// AllowLocal lets URLs reach hosts on the local network: loopback,
	// private, shared, link-local and multicast addresses. Off by default,
	// so a seed file from elsewhere cannot make the app send requests into
	// the user's own network.
	AllowLocal bool
	// Transport makes the requests (default: a clone of http.DefaultTransport).
	// The Fetcher always applies its own redirect policy and timeouts, and,
	// without AllowLocal, checks the address each connection of an
	// *http.Transport goes to.
	Transport http.RoundTripper
}

// Default limits.
const (
	DefaultThumbSize = 320
	DefaultMaxPixels = 50_000_000
	DefaultMaxBytes  = 20 << 20
)

func (o Options) withDefaults() Options {
	setInt := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	setInt64 := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	setDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	setInt(&o.Workers, 8)
	setInt(&o.PerHost, 2)
	setDur(&o.Timeout, 30*time.Second)
	setInt64(&o.MaxBytes, DefaultMaxBytes)
	setInt64(&o.MaxPixels, DefaultMaxPixels)
	setInt64(&o.DecodeBudget, 256<<20)
	setInt(&o.MaxRedirects, 5)
	switch {
	case o.Retries == 0:
		o.Retries = 3
	case o.Retries < 0:
		o.Retries = 0
	}
	setDur(&o.Backoff, 500*time.Millisecond)
	setDur(&o.MaxBackoff, 15*time.Second)
	setDur(&o.RetryAfter, time.Hour)
	setDur(&o.MaxRetryAfter, 7*24*time.Hour)
	setInt(&o.ThumbSize, DefaultThumbSize)
	setInt(&o.JPEGQuality, 85)
	if o.JPEGQuality > 100 {
		o.JPEGQuality = 100
	}
	setInt(&o.BatchSize, 32)
	setInt64(&o.BatchBytes, 8<<20)
	setInt(&o.PageSize, 256)
	setInt64(&o.CacheBytes, 64<<20)
	if o.UserAgent == "" {
		o.UserAgent = "SeedArchive/1 (offline image cache)"
	}
	if o.Transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = o.PerHost // keep one connection per concurrent fetch of a host
		t.DialContext = nil               // the transport's own dialer, or the downloader's guarded one (dialGuard)
		o.Transport = t
	}
	return o
}

// doubled returns base*2^n, capped at max.
func doubled(base time.Duration, n int, max time.Duration) time.Duration {
	d := base
	for i := 0; i < n && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}
