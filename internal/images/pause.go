package images

import (
	"strings"
	"sync"
	"time"
)

// hostPauses remembers until when each host asked, with a 429 or 503
// Retry-After, not to be asked again. Shared by a Fetcher's workers, so one
// answer pauses every URL of that host, not only the one that got it.
type hostPauses struct {
	mu    sync.Mutex
	until map[string]time.Time
}

// set records that host asked to wait until t (a later pause wins).
func (p *hostPauses) set(host string, t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.until == nil {
		p.until = map[string]time.Time{}
	}
	host = strings.ToLower(host)
	if t.After(p.until[host]) {
		p.until[host] = t
	}
}

// get is until when host asked to wait (zero: it did not).
func (p *hostPauses) get(host string) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.until[strings.ToLower(host)]
}
