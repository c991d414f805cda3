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
func (a *Archive) denseIDs(ctx context.Context, opts ListOptions, wide bool) (ids IDList, ok bool, err error) {
	_, desc := sortField(opts.Sort)
	if orderKind(opts.Sort) != orderID || opts.Offset < 0 || opts.Limit < 0 || strings.TrimSpace(opts.Query) != "" {
		return IDList{}, false, nil
	}
	var n int64
	var lo, hi sql.NullInt64
	err = a.db.QueryRowContext(ctx, `SELECT (`+articleCountSQL+`),
		(SELECT min(id) FROM article), (SELECT max(id) FROM article)`).Scan(&n, &lo, &hi)
	if err != nil {
		return IDList{}, false, err
	}
	if !lo.Valid || hi.Int64-lo.Int64+1 != n {
		return IDList{}, !lo.Valid && n == 0, nil // none (an empty list), or gaps
	}
	count := n - int64(opts.Offset)
	if opts.Limit > 0 {
		count = min(count, int64(opts.Limit))
	}
	if count <= 0 {
		return IDList{}, true, nil
	}
	first, step := lo.Int64+int64(opts.Offset), int64(1)
	if desc != opts.Reverse {
		first, step = hi.Int64-int64(opts.Offset), -1
	}
	if wide {
		ids = wideIDList(int(count))
	} else {
		ids = IDList{small: make([]int32, 0, count)}
	}
	for i := range count {
		ids.add(first + step*i)
	}
	return ids, true, nil
}
