package storage

import (
	"database/sql"
	"errors"
	"fmt"
)

// dropOrphanImages deletes the cache records of the given URLs that no
// article references any more, and returns them with their bytes so that
// Restore can put them back (undo of a delete keeps its thumbnails offline).
func (tx *Tx) dropOrphanImages(urls []string) ([]ImageEntry, error) {
	var dropped []ImageEntry
	seen := make(map[string]bool, len(urls))
	for _, u := range urls {
		if seen[u] {
			continue
		}
		seen[u] = true
		e, err := tx.imageEntry(u)
		if errors.Is(err, sql.ErrNoRows) {
			continue // never fetched, or still referenced
		}
		if err != nil {
			return nil, fmt.Errorf("drop image %s: %w", u, err)
		}
		if _, err := tx.exec(`DELETE FROM image_cache WHERE url = ?`, u); err != nil {
			return nil, fmt.Errorf("drop image %s: %w", u, err)
		}
		dropped = append(dropped, e)
	}
	return dropped, nil
}

// imageEntry reads a cache record that no article references, with its bytes;
// sql.ErrNoRows when there is none or an article still references the URL.
func (tx *Tx) imageEntry(url string) (ImageEntry, error) {
	var e ImageEntry
	var status string
	var retry, fetched sql.NullString
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT status, width, height, format, size, thumb_mime,
		thumb_width, thumb_height, error, failures, retry_at, fetched_at, thumb, original
		FROM image_cache WHERE url = ? AND `+orphanImagesWhere, url).
		Scan(&status, &e.Width, &e.Height, &e.Format, &e.Size, &e.ThumbMIME, &e.ThumbWidth, &e.ThumbHeight,
			&e.Error, &e.Failures, &retry, &fetched, &e.Thumb, &e.Original)
	if err != nil {
		return e, err
	}
	e.URL, e.Status = url, ImageStatus(status)
	if e.RetryAt, err = parseImageTime(retry); err == nil {
		e.FetchedAt, err = parseImageTime(fetched)
	}
	return e, err
}

// restoreImages puts dropped cache records back unless the URL was cached
// again in the meantime.
func (tx *Tx) restoreImages(entries []ImageEntry) error {
	for _, e := range entries {
		_, err := tx.exec(`INSERT OR IGNORE INTO image_cache (url, status, width, height, format, size,
			thumb_mime, thumb_width, thumb_height, error, failures, retry_at, fetched_at, thumb, original)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.URL, string(e.Status), e.Width, e.Height, e.Format, e.Size, e.ThumbMIME, e.ThumbWidth,
			e.ThumbHeight, e.Error, e.Failures, imageTime(e.RetryAt), imageTime(e.FetchedAt), e.Thumb, e.Original)
		if err != nil {
			return fmt.Errorf("restore image %s: %w", e.URL, err)
		}
	}
	return nil
}
