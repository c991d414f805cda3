package storage

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // thumbnails are JPEG or PNG; Check reads their headers
	_ "image/png"
)

const orphanImagesWhere = `NOT EXISTS (SELECT 1 FROM article_image ai WHERE ai.url = image_cache.url)`

// OrphanImages lists up to limit (0 = all) cached URLs that no article references.
func (a *Archive) OrphanImages(ctx context.Context, limit int) ([]string, error) {
	q := `SELECT url FROM image_cache WHERE ` + orphanImagesWhere + ` ORDER BY url`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := a.db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("orphan images: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return nil, fmt.Errorf("orphan images: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("orphan images: %w", err)
	}
	return out, nil
}

// PruneOrphanImages deletes the cache records of URLs that no article
// references any more and returns how many it deleted. Delete already drops
// the images of the articles it deletes; this sweeps records that became
// orphans some other way (an edit that removed an image, a replace on import).
func (a *Archive) PruneOrphanImages(ctx context.Context) (int, error) {
	var n int64
	err := a.WriteTx(ctx, func(tx *Tx) error {
		res, err := tx.tx.ExecContext(ctx, `DELETE FROM image_cache WHERE `+orphanImagesWhere)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune orphan images: %w", err)
	}
	return int(n), nil
}

// CheckImages verifies the image cache and returns its problems for Check:
// cache records that no article references (orphans), cached records whose
// thumbnail is missing or does not match its recorded format and size, and
// failures without a reason.
func (a *Archive) CheckImages(ctx context.Context) ([]string, error) {
	var problems []string
	var orphans int
	if err := a.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM image_cache WHERE `+orphanImagesWhere).Scan(&orphans); err != nil {
		return nil, fmt.Errorf("check images: %w", err)
	}
	if orphans > 0 {
		some, err := a.OrphanImages(ctx, 1)
		if err != nil {
			return nil, fmt.Errorf("check images: %w", err)
		}
		problems = append(problems, fmt.Sprintf("image cache: %d entries no article references (first: %s); "+
			"`seedctl images prune` removes them", orphans, some[0]))
	}
	rows, err := a.db.QueryContext(ctx, `SELECT url, status, thumb_mime, thumb_width, thumb_height, error,
		substr(thumb, 1, 2048) FROM image_cache WHERE status <> 'pending' ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("check images: %w", err)
	}
	defer rows.Close()
	const maxListed = 20
	bad := 0
	for rows.Next() {
		var url, status, mime, reason string
		var tw, th int
		var head []byte
		if err := rows.Scan(&url, &status, &mime, &tw, &th, &reason, &head); err != nil {
			return nil, fmt.Errorf("check images: %w", err)
		}
		if msg := checkImageRow(ImageStatus(status), mime, tw, th, reason, head); msg != "" {
			if bad++; bad <= maxListed {
				problems = append(problems, fmt.Sprintf("image cache: %s: %s", url, msg))
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("check images: %w", err)
	}
	if bad > maxListed {
		problems = append(problems, fmt.Sprintf("image cache: %d more bad entries", bad-maxListed))
	}
	return problems, nil
}

// checkImageRow returns what is wrong with one cache record, or "".
func checkImageRow(status ImageStatus, mime string, tw, th int, reason string, head []byte) string {
	switch status {
	case ImageFailed:
		if reason == "" {
			return "failed without a reason"
		}
		return ""
	case ImageCached:
	default:
		return fmt.Sprintf("unknown status %q", status)
	}
	if len(head) == 0 {
		return "cached without a thumbnail"
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(head))
	if err != nil {
		return fmt.Sprintf("thumbnail unreadable: %v", err)
	}
	if "image/"+format != mime || cfg.Width != tw || cfg.Height != th {
		return fmt.Sprintf("thumbnail is %s %dx%d, recorded %s %dx%d", format, cfg.Width, cfg.Height, mime, tw, th)
	}
	return ""
}
