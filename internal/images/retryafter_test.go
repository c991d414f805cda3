package images

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	date := func(d time.Duration) string { return now.Add(d).Format(http.TimeFormat) }
	const limit = 24 * time.Hour
	tests := []struct {
		name   string
		header http.Header
		want   time.Duration
		ok     bool
	}{
		{"absent", http.Header{}, 0, false},
		{"empty", http.Header{"Retry-After": {""}}, 0, false},
		{"zero", http.Header{"Retry-After": {"0"}}, 0, true},
		{"seconds", http.Header{"Retry-After": {"120"}}, 2 * time.Minute, true},
		{"spaces around", http.Header{"Retry-After": {" 5 "}}, 5 * time.Second, true},
		{"leading zeros", http.Header{"Retry-After": {"007"}}, 7 * time.Second, true},
		{"over the cap", http.Header{"Retry-After": {"31536000"}}, limit, true},
		{"overflows int64", http.Header{"Retry-After": {"99999999999999999999999999"}}, limit, true},
		{"negative", http.Header{"Retry-After": {"-5"}}, 0, false},
		{"fraction", http.Header{"Retry-After": {"1.5"}}, 0, false},
		{"trailing junk", http.Header{"Retry-After": {"10s"}}, 0, false},
		{"word", http.Header{"Retry-After": {"soon"}}, 0, false},
		{"date", http.Header{"Retry-After": {date(time.Hour)}}, time.Hour, true},
		{"date in the past", http.Header{"Retry-After": {date(-time.Hour)}}, 0, true},
		{"date over the cap", http.Header{"Retry-After": {date(30 * 24 * time.Hour)}}, limit, true},
		{"RFC 850 date", http.Header{"Retry-After": {now.Add(time.Minute).Format(time.RFC850)}}, time.Minute, true},
		{"ANSI C date", http.Header{"Retry-After": {now.Add(time.Minute).Format(time.ANSIC)}}, time.Minute, true},
		{"date counts from Date", http.Header{"Retry-After": {date(time.Hour)}, "Date": {date(-time.Hour)}}, 2 * time.Hour, true},
		{"bad Date ignored", http.Header{"Retry-After": {date(time.Hour)}, "Date": {"yesterday"}}, time.Hour, true},
		{"bad date", http.Header{"Retry-After": {"Mon, 32 Foo 2025 99:00:00 GMT"}}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := retryAfter(tt.header, now, limit)
			if got != tt.want || ok != tt.ok {
				t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.header, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// waits records the waits between attempts instead of sleeping.
type waits struct {
	mu  sync.Mutex
	got []time.Duration
}

func (w *waits) sleep(_ context.Context, d time.Duration) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.got = append(w.got, d)
	return nil
}

func (w *waits) list() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.got...)
}

// throttled answers status with the given Retry-After headers (one per
// request, "" for none), then serves a PNG.
func throttled(t *testing.T, status int, headers ...string) http.HandlerFunc {
	body := encodePNG(t, gradient(8, 8, false))
	var mu sync.Mutex
	n := 0
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		i := n
		n++
		mu.Unlock()
		if i < len(headers) {
			if headers[i] != "" {
				w.Header().Set("Retry-After", headers[i])
			}
			w.WriteHeader(status)
			return
		}
		serve("image/png", body)(w, r)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	inAnHour := func() string { return time.Now().Add(time.Hour).UTC().Format(http.TimeFormat) }
	in3s := func() string { return time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat) }
	tests := []struct {
		name      string
		status    int
		headers   func() []string
		cached    bool
		hits      int
		waits     []time.Duration // exact waits between attempts; nil: one in waitRange
		waitRange [2]time.Duration
		retryAt   time.Duration // a failure is not due before now + retryAt
		reason    string
	}{
		{name: "429 zero then 200", status: http.StatusTooManyRequests, headers: func() []string { return []string{"0"} },
			cached: true, hits: 2, waits: []time.Duration{0}},
		{name: "429 small then 200", status: http.StatusTooManyRequests, headers: func() []string { return []string{"3"} },
			cached: true, hits: 2, waits: []time.Duration{3 * time.Second}},
		{name: "503 waits twice", status: http.StatusServiceUnavailable, headers: func() []string { return []string{"1", "4"} },
			cached: true, hits: 3, waits: []time.Duration{time.Second, 4 * time.Second}},
		{name: "503 at the cap", status: http.StatusServiceUnavailable, headers: func() []string { return []string{"5"} },
			cached: true, hits: 2, waits: []time.Duration{5 * time.Second}},
		{name: "503 HTTP-date small", status: http.StatusServiceUnavailable, headers: func() []string { return []string{in3s()} },
			cached: true, hits: 2, waitRange: [2]time.Duration{2 * time.Second, 4 * time.Second}},
		{name: "invalid falls back to backoff", status: http.StatusServiceUnavailable, headers: func() []string { return []string{"soon", "-1"} },
			cached: true, hits: 3, waits: []time.Duration{1500 * time.Millisecond, 3 * time.Second}},
		{name: "ignored on 500", status: http.StatusInternalServerError, headers: func() []string { return []string{"1"} },
			cached: true, hits: 2, waits: []time.Duration{1500 * time.Millisecond}},
		{name: "503 long stops retrying", status: http.StatusServiceUnavailable, headers: func() []string { return []string{"7200", "7200"} },
			hits: 1, waits: []time.Duration{}, retryAt: 2 * time.Hour, reason: "HTTP 503 Service Unavailable (Retry-After 2h0m0s)"},
		{name: "429 long after a short one", status: http.StatusTooManyRequests, headers: func() []string { return []string{"2", "7200"} },
			hits: 2, waits: []time.Duration{2 * time.Second}, retryAt: 2 * time.Hour, reason: "HTTP 429 Too Many Requests (2 attempts, Retry-After 2h0m0s)"},
		{name: "503 HTTP-date long", status: http.StatusServiceUnavailable, headers: func() []string { return []string{inAnHour()} },
			hits: 1, waits: []time.Duration{}, retryAt: time.Hour - time.Second, reason: "Retry-After"},
		{name: "absurd value capped", status: http.StatusServiceUnavailable, headers: func() []string { return []string{"999999999999999999999"} },
			hits: 1, waits: []time.Duration{}, retryAt: 48 * time.Hour, reason: "Retry-After 48h0m0s"},
		{name: "short on the last attempt", status: http.StatusServiceUnavailable, headers: func() []string { return []string{"1", "1", "1"} },
			hits: 3, waits: []time.Duration{time.Second, time.Second}, retryAt: time.Hour, reason: "(3 attempts)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newTestServer(t, map[string]http.HandlerFunc{"/x.png": throttled(t, tc.status, tc.headers()...)})
			opts := testOptions()
			opts.Retries, opts.Backoff, opts.MaxBackoff = 2, 1500*time.Millisecond, 5*time.Second
			opts.RetryAfter, opts.MaxRetryAfter = time.Hour, 48*time.Hour
			f := NewFetcher(nil, opts)
			var w waits
			f.dl.sleep = w.sleep
			start := time.Now()
			r := f.process(context.Background(), job{url: srv.URL + "/x.png"})
			if hits := srv.count("/x.png"); hits != tc.hits {
				t.Errorf("%d requests, want %d", hits, tc.hits)
			}
			got := w.list()
			switch {
			case tc.waits != nil:
				if len(got) != len(tc.waits) {
					t.Fatalf("waits %v, want %v", got, tc.waits)
				}
				for i := range got {
					if got[i] != tc.waits[i] {
						t.Errorf("waits %v, want %v", got, tc.waits)
					}
				}
			case len(got) != 1 || got[0] < tc.waitRange[0] || got[0] > tc.waitRange[1]:
				t.Errorf("waits %v, want one in %v", got, tc.waitRange)
			}
			if tc.cached {
				if r.err != nil {
					t.Fatalf("failed: %v", r.err)
				}
				return
			}
			if r.err == nil || !r.err.Transient {
				t.Fatalf("error %v, want a transient failure", r.err)
			}
			if !strings.Contains(r.entry.Error, tc.reason) {
				t.Errorf("reason %q, want it to contain %q", r.entry.Error, tc.reason)
			}
			if earliest := start.Add(tc.retryAt); r.entry.RetryAt.Before(earliest) {
				t.Errorf("retry at %v, want not before %v", r.entry.RetryAt, earliest)
			}
			if latest := time.Now().Add(opts.MaxRetryAfter + time.Second); r.entry.RetryAt.After(latest) {
				t.Errorf("retry at %v, want at most MaxRetryAfter from now", r.entry.RetryAt)
			}
		})
	}
}

// TestRetryAfterStored checks through a real fetch that the archive keeps a
// retry time no earlier than the server's HTTP-date, and that the URL is not
// due before then.
func TestRetryAfterStored(t *testing.T) {
	asked := time.Now().Add(3 * time.Hour).UTC().Truncate(time.Second)
	srv := newTestServer(t, map[string]http.HandlerFunc{"/busy.png": func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", asked.Format(http.TimeFormat))
		w.WriteHeader(http.StatusServiceUnavailable)
	}})
	a := openArchive(t, filepath.Join(t.TempDir(), "archive.db"))
	addArticle(t, a, "one", "AI", srv.URL+"/busy.png")
	opts := testOptions()
	opts.RetryAfter = time.Minute
	f := NewFetcher(a, opts)
	ctx := context.Background()
	sum, err := f.Fetch(ctx, "", nil)
	if err != nil || sum.Failed != 1 {
		t.Fatalf("%+v %v, want one failure", sum, err)
	}
	if n := srv.count("/busy.png"); n != 1 {
		t.Errorf("%d requests, want 1: a Retry-After over MaxBackoff ends the retries", n)
	}
	info, err := a.Image(ctx, srv.URL+"/busy.png")
	if err != nil {
		t.Fatal(err)
	}
	if info.RetryAt.Before(asked) || info.RetryAt.After(asked.Add(2*time.Second)) {
		t.Errorf("stored retry at %v, want %v (the server's Retry-After)", info.RetryAt, asked)
	}
	if sum, err := f.Fetch(ctx, "", nil); err != nil || sum.Total != 0 {
		t.Errorf("fetch before the Retry-After: %+v %v, want nothing due", sum, err)
	}
}

// TestRetryAfterCanceled checks that waiting out a Retry-After ends with the
// context.
func TestRetryAfterCanceled(t *testing.T) {
	srv := newTestServer(t, map[string]http.HandlerFunc{"/x.png": throttled(t, http.StatusTooManyRequests, "3")})
	opts := testOptions()
	opts.MaxBackoff = time.Hour
	f := NewFetcher(nil, opts)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	r := f.process(ctx, job{url: srv.URL + "/x.png"})
	if took := time.Since(start); took > time.Second || r.err == nil || !strings.Contains(r.err.Reason, "canceled") {
		t.Fatalf("took %v, err %v: the wait must end with the context", took, r.err)
	}
}
