package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ImageStatus is the state of one image URL in the image cache.
type ImageStatus string

// The states of an image URL. A URL that an article references but that was
// never fetched is pending.
const (
	ImagePending ImageStatus = "pending"
	ImageCached  ImageStatus = "cached"
	ImageFailed  ImageStatus = "failed"
)

// ImageInfo is one image URL's cache record without its bytes.
type ImageInfo struct {
	URL         string
	Status      ImageStatus
	Width       int    // the original's dimensions; 0 when unknown
	Height      int    //
	Format      string // sniffed format: "jpeg", "png", "gif" or "webp"
	Size        int64  // the original's length in bytes
	ThumbMIME   string // "image/png" or "image/jpeg"
	ThumbWidth  int
	ThumbHeight int
	Error       string    // why the last fetch failed
	Failures    int       // consecutive failed fetches
	RetryAt     time.Time // a failure may be retried from then; zero = not automatically
	FetchedAt   time.Time // last fetch attempt; zero = never
}

// ImageEntry is one image URL's cache record with its bytes.
type ImageEntry struct {
	ImageInfo
	Thumb    []byte // encoded thumbnail (ThumbMIME)
	Original []byte // the original bytes; nil unless the fetcher keeps them
}

// ImageCounts counts the distinct image URLs of a set of articles by status.
type ImageCounts struct {
	Total, Cached, Failed, Pending int
}

// ImageFilter selects a page of image URLs, in URL order.
type ImageFilter struct {
	Query  string      // only images of articles matching this query ("" = all)
	Status ImageStatus // only this status ("" = any)
	After  string      // only URLs sorting after this one (keyset paging)
	Limit  int         // 0 = no limit
}

// PendingFilter selects a page of the image URLs a fetch should try, in URL order.
type PendingFilter struct {
	Query       string    // only images of articles matching this query ("" = all)
	After       string    // only URLs sorting after this one (keyset paging)
	Limit       int       // 0 = no limit
	Now         time.Time // failures whose RetryAt is not after Now are due; zero = time.Now()
	RetryFailed bool      // every failure is due, whatever its RetryAt
}

// PendingURL is an image URL to fetch and how often fetching it failed so far.
type PendingURL struct {
	URL      string
	Failures int
}

const imageTimeLayout = "2006-01-02T15:04:05.000Z" // fixed width: compares as text

const imageInfoCols = `ai.url, COALESCE(ic.status, 'pending'), COALESCE(ic.width, 0), COALESCE(ic.height, 0),
	COALESCE(ic.format, ''), COALESCE(ic.size, 0), COALESCE(ic.thumb_mime, ''), COALESCE(ic.thumb_width, 0),
	COALESCE(ic.thumb_height, 0), COALESCE(ic.error, ''), COALESCE(ic.failures, 0), ic.retry_at, ic.fetched_at`

// imageScope returns the SQL condition restricting article_image rows (alias
// ai) to the articles matching query, and its argument. Paged queries pass
// inURLOrder: the condition then cannot use the primary key, so SQLite
// walks the URL index in order and stops at the page's end instead of
// gathering and sorting every matching row for each page.
func (a *Archive) imageScope(ctx context.Context, query string, inURLOrder bool) (string, []any, error) {
	if strings.TrimSpace(query) == "" {
		return "", nil, nil
	}
	ids, err := a.IDs(ctx, ListOptions{Query: query})
	if err != nil {
		return "", nil, err
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return "", nil, fmt.Errorf("encode article ids: %w", err)
	}
	if ids == nil {
		list = []byte("[]")
	}
	col := "ai.article_id"
	if inURLOrder {
		col = "+" + col
	}
	return " AND " + col + " IN (SELECT value FROM json_each(?))", []any{string(list)}, nil
}

// ImageStatuses lists the distinct image URLs that the selected articles
// reference, with their cache status, one page at a time.
func (a *Archive) ImageStatuses(ctx context.Context, f ImageFilter) ([]ImageInfo, error) {
	scope, args, err := a.imageScope(ctx, f.Query, true)
	if err != nil {
		return nil, fmt.Errorf("image statuses: %w", err)
	}
	q := `SELECT ` + imageInfoCols + ` FROM article_image ai LEFT JOIN image_cache ic ON ic.url = ai.url
		WHERE ai.url > ?` + scope
	args = append([]any{f.After}, args...)
	if f.Status != "" {
		q += ` AND COALESCE(ic.status, 'pending') = ?`
		args = append(args, string(f.Status))
	}
	q += ` GROUP BY ai.url ORDER BY ai.url`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("image statuses: %w", err)
	}
	defer rows.Close()
	var out []ImageInfo
	for rows.Next() {
		info, err := scanImageInfo(rows)
		if err != nil {
			return nil, fmt.Errorf("image statuses: %w", err)
		}
		out = append(out, info)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("image statuses: %w", err)
	}
	return out, nil
}

// ImageCounts counts the distinct image URLs of the articles matching query by status.
func (a *Archive) ImageCounts(ctx context.Context, query string) (ImageCounts, error) {
	var c ImageCounts
	scope, args, err := a.imageScope(ctx, query, false)
	if err != nil {
		return c, fmt.Errorf("image counts: %w", err)
	}
	rows, err := a.db.QueryContext(ctx, `SELECT COALESCE(ic.status, 'pending'), COUNT(*)
		FROM (SELECT DISTINCT ai.url FROM article_image ai WHERE 1`+scope+`) u
		LEFT JOIN image_cache ic ON ic.url = u.url GROUP BY 1`, args...)
	if err != nil {
		return c, fmt.Errorf("image counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return c, fmt.Errorf("image counts: %w", err)
		}
		switch ImageStatus(status) {
		case ImageCached:
			c.Cached += n
		case ImageFailed:
			c.Failed += n
		default:
			c.Pending += n
		}
		c.Total += n
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("image counts: %w", err)
	}
	return c, nil
}

// pendingSQL builds the query behind PendingURLs and CountPendingURLs.
func (a *Archive) pendingSQL(ctx context.Context, f PendingFilter, cols string) (string, []any, error) {
	scope, sargs, err := a.imageScope(ctx, f.Query, f.Limit > 0)
	if err != nil {
		return "", nil, err
	}
	now := f.Now
	if now.IsZero() {
		now = time.Now()
	}
	q := `SELECT ` + cols + ` FROM article_image ai LEFT JOIN image_cache ic ON ic.url = ai.url
		WHERE ai.url > ?` + scope + ` AND (ic.url IS NULL OR ic.status = 'pending'
		OR (ic.status = 'failed' AND (? OR ic.retry_at <= ?))) GROUP BY ai.url ORDER BY ai.url`
	args := append([]any{f.After}, sargs...)
	args = append(args, f.RetryFailed, now.UTC().Format(imageTimeLayout))
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	return q, args, nil
}

// PendingURLs lists, one page at a time, the distinct image URLs of the
// selected articles that a fetch should try: never fetched, or failed and due
// for a retry.
func (a *Archive) PendingURLs(ctx context.Context, f PendingFilter) ([]PendingURL, error) {
	q, args, err := a.pendingSQL(ctx, f, `ai.url, COALESCE(ic.failures, 0)`)
	if err != nil {
		return nil, fmt.Errorf("pending images: %w", err)
	}
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("pending images: %w", err)
	}
	defer rows.Close()
	var out []PendingURL
	for rows.Next() {
		var p PendingURL
		if err := rows.Scan(&p.URL, &p.Failures); err != nil {
			return nil, fmt.Errorf("pending images: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("pending images: %w", err)
	}
	return out, nil
}

// CountPendingURLs counts what PendingURLs would list (ignoring f.Limit).
func (a *Archive) CountPendingURLs(ctx context.Context, f PendingFilter) (int, error) {
	f.Limit = 0
	q, args, err := a.pendingSQL(ctx, f, `1`)
	if err != nil {
		return 0, fmt.Errorf("count pending images: %w", err)
	}
	var n int
	if err := a.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (`+q+`)`, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count pending images: %w", err)
	}
	return n, nil
}

// PutImages stores fetch results in one transaction, replacing earlier
// records of the same URLs; a failure never replaces a cached image (the
// cache keeps serving it).
func (a *Archive) PutImages(ctx context.Context, entries []ImageEntry) error {
	if len(entries) == 0 {
		return nil
	}
	err := a.WriteTx(ctx, func(tx *Tx) error {
		stmt, err := tx.tx.PrepareContext(ctx, `INSERT INTO image_cache (url, status, width, height,
			format, size, thumb_mime, thumb_width, thumb_height, error, failures, retry_at, fetched_at, thumb, original)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET status = excluded.status, width = excluded.width,
			height = excluded.height, format = excluded.format, size = excluded.size,
			thumb_mime = excluded.thumb_mime, thumb_width = excluded.thumb_width,
			thumb_height = excluded.thumb_height, error = excluded.error, failures = excluded.failures,
			retry_at = excluded.retry_at, fetched_at = excluded.fetched_at, thumb = excluded.thumb,
			original = excluded.original
			WHERE image_cache.status <> 'cached' OR excluded.status = 'cached'`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, e := range entries {
			if err := validImageEntry(e); err != nil {
				return err
			}
			_, err := stmt.ExecContext(ctx, e.URL, string(e.Status), e.Width, e.Height, e.Format, e.Size,
				e.ThumbMIME, e.ThumbWidth, e.ThumbHeight, e.Error, e.Failures, imageTime(e.RetryAt),
				imageTime(e.FetchedAt), e.Thumb, e.Original)
			if err != nil {
				return fmt.Errorf("%s: %w", e.URL, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store images: %w", err)
	}
	return nil
}

func validImageEntry(e ImageEntry) error {
	switch {
	case e.URL == "":
		return errors.New("image entry without a URL")
	case e.Status != ImagePending && e.Status != ImageCached && e.Status != ImageFailed:
		return fmt.Errorf("%s: invalid image status %q", e.URL, e.Status)
	case e.Status == ImageCached && len(e.Thumb) == 0:
		return fmt.Errorf("%s: cached image without a thumbnail", e.URL)
	}
	return nil
}

// Image returns one URL's cache record with its thumbnail (not the
// original). A URL that articles reference but that has no record is
// reported pending; a URL nothing knows of is ErrNotFound.
func (a *Archive) Image(ctx context.Context, url string) (ImageEntry, error) {
	var e ImageEntry
	var retry, fetched sql.NullString
	var status string
	err := a.db.QueryRowContext(ctx, `SELECT status, width, height, format, size, thumb_mime,
		thumb_width, thumb_height, error, failures, retry_at, fetched_at, thumb FROM image_cache WHERE url = ?`, url).
		Scan(&status, &e.Width, &e.Height, &e.Format, &e.Size, &e.ThumbMIME, &e.ThumbWidth, &e.ThumbHeight,
			&e.Error, &e.Failures, &retry, &fetched, &e.Thumb)
	e.URL, e.Status = url, ImageStatus(status)
	if errors.Is(err, sql.ErrNoRows) {
		var one int
		err = a.db.QueryRowContext(ctx, `SELECT 1 FROM article_image WHERE url = ? LIMIT 1`, url).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return e, fmt.Errorf("image %s: %w", url, ErrNotFound)
		}
		e.Status = ImagePending
	}
	if err != nil {
		return e, fmt.Errorf("image %s: %w", url, err)
	}
	if e.RetryAt, err = parseImageTime(retry); err == nil {
		e.FetchedAt, err = parseImageTime(fetched)
	}
	if err != nil {
		return e, fmt.Errorf("image %s: %w", url, err)
	}
	return e, nil
}

// ImageOriginal returns the original bytes kept for url; ErrNotFound when
// none were kept.
func (a *Archive) ImageOriginal(ctx context.Context, url string) ([]byte, error) {
	var b []byte
	err := a.db.QueryRowContext(ctx, `SELECT original FROM image_cache WHERE url = ? AND original IS NOT NULL`, url).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("original of image %s: %w", url, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("original of image %s: %w", url, err)
	}
	return b, nil
}

func imageTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(imageTimeLayout)
}

func parseImageTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(imageTimeLayout, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad image cache time %q: %w", s.String, err)
	}
	return t, nil
}

func scanImageInfo(rows *sql.Rows) (ImageInfo, error) {
	var info ImageInfo
	var status string
	var retry, fetched sql.NullString
	err := rows.Scan(&info.URL, &status, &info.Width, &info.Height, &info.Format, &info.Size, &info.ThumbMIME,
		&info.ThumbWidth, &info.ThumbHeight, &info.Error, &info.Failures, &retry, &fetched)
	if err != nil {
		return info, err
	}
	info.Status = ImageStatus(status)
	if info.RetryAt, err = parseImageTime(retry); err != nil {
		return info, err
	}
	info.FetchedAt, err = parseImageTime(fetched)
	return info, err
}
