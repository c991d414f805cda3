package images

import (
	"net/http"
	"strings"
	"time"
)

// retryAfter reads the Retry-After header of a response (RFC 9110 10.2.3):
// delta-seconds or an HTTP-date. A date counts from the response's Date
// header when it has a valid one (so the two clocks need not agree), else
// from now; a date in the past means no wait. The wait is capped at limit.
// ok is false when the header is missing or invalid.
func retryAfter(h http.Header, now time.Time, limit time.Duration) (wait time.Duration, ok bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if v[0] >= '0' && v[0] <= '9' {
		var secs int64
		for i := 0; i < len(v); i++ {
			c := v[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			if secs <= int64(limit/time.Second) { // past the cap already: stop counting
				secs = secs*10 + int64(c-'0')
			}
		}
		if secs > int64(limit/time.Second) {
			return limit, true
		}
		return min(time.Duration(secs)*time.Second, limit), true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if date, err := http.ParseTime(h.Get("Date")); err == nil {
		now = date
	}
	return min(max(at.Sub(now), 0), limit), true
}

// ceilSecond rounds t up to a whole second: Retry-After counts in seconds,
// and a rounded-up time cannot come before the one the server asked for,
// however finely the archive stores it.
func ceilSecond(t time.Time) time.Time {
	if s := t.Truncate(time.Second); !s.Equal(t) {
		return s.Add(time.Second)
	}
	return t
}
