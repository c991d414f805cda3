package storage

import (
	"context"
	"database/sql"
	"strings"
)

// denseIDs lists every id in id order without reading them when they are
// one run with no gap (an archive no article was deleted from): the number
// of articles kept on write (articleFacet) is then max(id)-min(id)+1, read
// in one snapshot from two ends of the table's b-tree. That listing, the
// table's at start and after each cleared search, otherwise reads every
// id, which grows with the archive (BenchmarkListQuery/IDs()). ok is false
// when opts is not every id (an empty query) in id order, or the ids have
// gaps.
func (a *Archive) denseIDs(ctx context.Context, opts ListOptions) (ids []int64, ok bool, err error) {
	_, desc := sortField(opts.Sort)
	if orderKind(opts.Sort) != orderID || opts.Offset < 0 || opts.Limit < 0 || strings.TrimSpace(opts.Query) != "" {
		return nil, false, nil
	}
	var n int64
	var lo, hi sql.NullInt64
	err = a.db.QueryRowContext(ctx, `SELECT (`+articleCountSQL+`),
		(SELECT min(id) FROM article), (SELECT max(id) FROM article)`).Scan(&n, &lo, &hi)
	if err != nil {
		return nil, false, err
	}
	if !lo.Valid || hi.Int64-lo.Int64+1 != n {
		return nil, !lo.Valid && n == 0, nil // none (an empty list), or gaps
	}
	count := n - int64(opts.Offset)
	if opts.Limit > 0 {
		count = min(count, int64(opts.Limit))
	}
	if count <= 0 {
		return nil, true, nil
	}
	ids = make([]int64, count)
	if desc != opts.Reverse {
		for i := range ids {
			ids[i] = hi.Int64 - int64(opts.Offset) - int64(i)
		}
	} else {
		for i := range ids {
			ids[i] = lo.Int64 + int64(opts.Offset) + int64(i)
		}
	}
	return ids, true, nil
}
