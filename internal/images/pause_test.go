package images

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A long Retry-After pauses the whole host: its other URLs fail at once,
// without a request, due again when the server said; other hosts go on.
func TestRetryAfterPausesTheHost(t *testing.T) {
	png8 := encodePNG(t, gradient(8, 8, false))
	busy := newTestServer(t, map[string]http.HandlerFunc{
		"/first.png": func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		},
		"/second.png": serve("image/png", png8),
	})
	other := newTestServer(t, map[string]http.HandlerFunc{"/other.png": serve("image/png", png8)})
	d := newDownloader(testOptions().withDefaults())
	ctx := context.Background()
	start := time.Now()

	if _, ferr := d.get(ctx, busy.URL+"/first.png"); ferr == nil || !ferr.Transient {
		t.Fatalf("first: %v, want a transient failure", ferr)
	}
	_, ferr := d.get(ctx, busy.URL+"/second.png")
	if ferr == nil || !ferr.Transient || !strings.Contains(ferr.Reason, "not requested") ||
		ferr.notBefore.Before(start.Add(time.Hour)) {
		t.Fatalf("second URL of the paused host: %+v", ferr)
	}
	if n := busy.count("/second.png"); n != 0 {
		t.Errorf("%d requests to the paused host", n)
	}
	if _, ferr := d.get(ctx, other.URL+"/other.png"); ferr != nil {
		t.Errorf("another host: %v", ferr)
	}
}

// A short Retry-After makes the host's other URLs wait as long, once.
func TestShortRetryAfterDelaysTheHost(t *testing.T) {
	png8 := encodePNG(t, gradient(8, 8, false))
	calls := 0
	srv := newTestServer(t, map[string]http.HandlerFunc{
		"/first.png": func(w http.ResponseWriter, r *http.Request) {
			if calls++; calls == 1 {
				w.Header().Set("Retry-After", "5")
				w.WriteHeader(http.StatusServiceUnavailable)
				return
			}
			serve("image/png", png8)(w, r)
		},
		"/second.png": serve("image/png", png8),
	})
	opts := testOptions()
	opts.MaxBackoff = 15 * time.Second
	d := newDownloader(opts.withDefaults())
	var waits []time.Duration
	d.sleep = func(_ context.Context, w time.Duration) error { waits = append(waits, w); return nil }
	ctx := context.Background()
	if _, ferr := d.get(ctx, srv.URL+"/first.png"); ferr != nil {
		t.Fatalf("first: %v", ferr)
	}
	if _, ferr := d.get(ctx, srv.URL+"/second.png"); ferr != nil {
		t.Fatalf("second: %v", ferr)
	}
	// The first URL waited the Retry-After; the second waited what was
	// left of it (the test's sleeps pass no time).
	if len(waits) != 2 || waits[0] != 5*time.Second || waits[1] < 3*time.Second || waits[1] > 6*time.Second {
		t.Errorf("waits %v, want [5s ~5s]", waits)
	}
}
