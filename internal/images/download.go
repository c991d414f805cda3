package images

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// downloaded is an image body that passed the format and size checks.
type downloaded struct {
	data   []byte
	format format
	config image.Config
}

// downloader gets image bodies over http and https, with retries.
type downloader struct {
	client *http.Client
	opts   Options
	sleep  func(context.Context, time.Duration) error // waits between attempts: sleepCtx
	pauses hostPauses                                 // hosts that asked to wait (Retry-After)
}

func newDownloader(o Options) *downloader { return newDownloaderResolving(o, nil) }

// newDownloaderResolving is newDownloader with the resolver of the
// local-address checks given (nil: the system's; tests answer differently
// on each lookup).
func newDownloaderResolving(o Options, resolver *net.Resolver) *downloader {
	transport := o.Transport
	if !o.AllowLocal {
		transport = publicOnly{next: guardDials(transport, resolver), resolve: resolveWith(resolver)}
	}
	client := &http.Client{
		Transport: transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return errRedirects
			}
			return checkScheme(req.URL)
		},
	}
	return &downloader{client: client, opts: o, sleep: sleepCtx}
}

func checkScheme(u *url.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return nil
	}
	return fmt.Errorf("%w, not %q", errScheme, u.Scheme)
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// get downloads rawURL, retrying transient failures with exponential backoff.
// A 429 or 503 response with a Retry-After of at most MaxBackoff is retried
// after that wait instead; a longer one ends the retries at once (the
// error's notBefore then tells process when the server wants it back).
// Either pauses the whole host: its other URLs wait as long, or, when that
// is longer than MaxBackoff, fail at once as transient without a request,
// due again when the server said. Its error is always an *Error.
func (d *downloader) get(ctx context.Context, rawURL string) (*downloaded, *Error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, permanent(rawURL, err, "invalid URL: %v", err)
	}
	if err := checkScheme(u); err != nil {
		return nil, permanent(rawURL, err, "refused: %v", err)
	}
	if u.Host == "" {
		return nil, permanent(rawURL, nil, "invalid URL: no host")
	}
	var waited time.Time // the end of a pause this call already waited out
	for attempt := 0; ; attempt++ {
		if until := d.pauses.get(u.Host); until.After(waited) {
			waited = until
			wait := time.Until(until)
			if wait > d.opts.MaxBackoff {
				return nil, &Error{URL: rawURL, Transient: true, wait: wait, notBefore: until,
					Reason: fmt.Sprintf("not requested: %s asked to wait until %s (Retry-After)",
						u.Host, until.UTC().Format(time.RFC3339))}
			}
			if wait > 0 {
				if err := d.sleep(ctx, wait); err != nil {
					return nil, transient(rawURL, err, "canceled: %v", err)
				}
			}
		}
		got, ferr := d.attempt(ctx, rawURL)
		if ferr == nil {
			return got, nil
		}
		if !ferr.notBefore.IsZero() {
			d.pauses.set(u.Host, ferr.notBefore)
		}
		if err := ctx.Err(); err != nil {
			return nil, transient(rawURL, err, "canceled: %v", err)
		}
		if !ferr.Transient || attempt >= d.opts.Retries {
			if attempt > 0 {
				ferr.Reason = fmt.Sprintf("%s (%d attempts)", ferr.Reason, attempt+1)
			}
			return nil, ferr
		}
		wait := doubled(d.opts.Backoff, attempt, d.opts.MaxBackoff)
		if !ferr.notBefore.IsZero() {
			if wait = ferr.wait; wait > d.opts.MaxBackoff {
				attempts := ""
				if attempt > 0 {
					attempts = fmt.Sprintf("%d attempts, ", attempt+1)
				}
				ferr.Reason = fmt.Sprintf("%s (%sRetry-After %v)", ferr.Reason, attempts, wait)
				return nil, ferr
			}
			waited = ferr.notBefore // the host's pause is this wait
		}
		if err := d.sleep(ctx, wait); err != nil {
			return nil, transient(rawURL, err, "canceled: %v", err)
		}
	}
}

// attempt makes one request. It reads the body only as far as the checks
// allow: the first 512 bytes decide the format (by content, whatever the
// server claims), the image header must fit the pixel limit, and the body
// must fit the byte limit.
func (d *downloader) attempt(ctx context.Context, rawURL string) (*downloaded, *Error) {
	ctx, cancel := context.WithTimeout(ctx, d.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, permanent(rawURL, err, "invalid URL: %v", err)
	}
	req.Header.Set("User-Agent", d.opts.UserAgent)
	req.Header.Set("Accept", "image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1")
	// An error while the attempt's context is done is that context's doing:
	// a timeout (or a cancellation), however the transport put it.
	netErr := func(err error) *Error {
		if cerr := ctx.Err(); cerr != nil {
			err = cerr
		}
		return classify(rawURL, err, d.opts)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, netErr(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		ferr := statusError(rawURL, resp.StatusCode)
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
			now := time.Now()
			if wait, ok := retryAfter(resp.Header, now, d.opts.MaxRetryAfter); ok {
				ferr.wait, ferr.notBefore = wait, ceilSecond(now.Add(wait))
			}
		}
		return nil, ferr
	}
	limit := d.opts.MaxBytes
	if resp.ContentLength > limit {
		return nil, permanent(rawURL, nil, "too large: %d bytes, limit %d", resp.ContentLength, limit)
	}
	body := &errReader{r: io.LimitReader(resp.Body, limit+1)}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength))
	}
	if _, err := io.CopyN(&buf, body, 512); err != nil && !errors.Is(err, io.EOF) {
		return nil, netErr(err)
	}
	head := bytes.Clone(buf.Bytes())
	f, sniffed := sniff(head)
	if f == nil {
		return nil, permanent(rawURL, nil, "not an image: content is %s (server said %q)",
			sniffed, resp.Header.Get("Content-Type"))
	}
	// The header must come early: a decoder looking for it (past junk, or
	// past the markers it wants after the size) reads no more than maxHeader.
	header := io.LimitReader(body, maxHeader-int64(len(head)))
	cfg, err := f.config(io.MultiReader(bytes.NewReader(head), io.TeeReader(header, &buf)))
	if body.err != nil {
		return nil, netErr(body.err)
	}
	if err != nil {
		if int64(buf.Len()) >= maxHeader {
			return nil, permanent(rawURL, err, "corrupt %s: no image header in the first %d bytes", f.name, maxHeader)
		}
		return nil, permanent(rawURL, err, "corrupt %s: %v", f.name, err)
	}
	if err := checkConfig(cfg, d.opts.MaxPixels); err != nil {
		return nil, permanent(rawURL, err, "%v", err)
	}
	if _, err := io.Copy(&buf, body); err != nil {
		return nil, netErr(err)
	}
	if int64(buf.Len()) > limit {
		return nil, permanent(rawURL, nil, "too large: over %d bytes", limit)
	}
	return &downloaded{data: buf.Bytes(), format: *f, config: cfg}, nil
}

// maxHeader is how far into a body its image header may be.
const maxHeader = 1 << 20

// errReader remembers the last read error other than io.EOF, so that a
// decoder's error can be told apart from the connection's.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		e.err = err
	}
	return n, err
}
