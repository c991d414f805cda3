package images

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// Error is why one image could not be cached.
type Error struct {
	URL       string
	Reason    string // short and human-readable, e.g. "HTTP 404 Not Found"
	Transient bool   // worth retrying later: server errors, timeouts, connection trouble
	Err       error  // the underlying cause, if any

	// A 429 or 503 response's Retry-After (capped at Options.MaxRetryAfter)
	// and the time it ends; notBefore is zero when the server sent none.
	wait      time.Duration
	notBefore time.Time
}

func (e *Error) Error() string { return e.URL + ": " + e.Reason }

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// ErrNotCached is returned (wrapped) for a thumbnail that the cache does not
// hold: its URL is pending or failed.
var ErrNotCached = errors.New("image not cached")

var (
	errScheme    = errors.New("only http and https URLs are fetched")
	errRedirects = errors.New("too many redirects")
)

func permanent(rawURL string, err error, format string, args ...any) *Error {
	return &Error{URL: rawURL, Reason: fmt.Sprintf(format, args...), Err: err}
}

func transient(rawURL string, err error, format string, args ...any) *Error {
	return &Error{URL: rawURL, Reason: fmt.Sprintf(format, args...), Transient: true, Err: err}
}

// classify turns an error of the HTTP client or of reading a body into an *Error.
func classify(rawURL string, err error, o Options) *Error {
	var ne net.Error
	switch {
	case errors.Is(err, errScheme):
		return permanent(rawURL, err, "refused: %v", redirectTarget(err))
	case errors.Is(err, errLocal):
		return permanent(rawURL, err, "refused: %v", localReason(err))
	case errors.Is(err, errRedirects):
		return permanent(rawURL, err, "more than %d redirects", o.MaxRedirects)
	case errors.Is(err, context.Canceled):
		return transient(rawURL, err, "canceled")
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return transient(rawURL, err, "timed out after %v", o.Timeout)
	default:
		return transient(rawURL, err, "network error: %v", err)
	}
}

// localReason is the refusal of a local host without the client's wrapping
// ("Get URL: ").
func localReason(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// redirectTarget names the URL of a refused redirect: url.Error carries it.
func redirectTarget(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Sprintf("%s (%v)", ue.URL, errScheme)
	}
	return errScheme.Error()
}

// statusError classifies a response status other than 200.
func statusError(rawURL string, code int) *Error {
	reason := fmt.Sprintf("HTTP %d %s", code, http.StatusText(code))
	if code >= 500 || code == http.StatusRequestTimeout || code == http.StatusTooManyRequests {
		return transient(rawURL, nil, "%s", reason)
	}
	return permanent(rawURL, nil, "%s", reason)
}
