package table

import (
	"context"
	"fmt"
	"slices"

	"github.com/seedarchive/seedarchive/storage"
)

// extent is what the pager knows of a result when it reads a page of it.
type extent struct {
	ids    storage.IDList // the ids of every match in order, when listed
	listed bool
	total  int // the number of matches, -1 until counted
}

// extent is what is known of the shown result.
func (p *Pager) extent() extent {
	if p.isListed {
		return extent{ids: p.ids, listed: true, total: p.ids.Len()}
	}
	if p.isCounted {
		return extent{total: p.n}
	}
	return extent{total: -1}
}

// unknown is the extent of a result before its first read.
var unknown = extent{total: -1}

// fetchPage reads page n of the result of opts: every read of rows, by a
// load or by a row scrolled to, goes through it. What a jump costs must not
// grow with the position (BenchmarkJump in cmd/seedctl): once the ids are
// listed, the page is read by its ids; before, a page past the middle of a
// counted result is read backwards from the end; only a page of a result
// not yet counted is read by OFFSET, which reads every row before it.
func fetchPage(ctx context.Context, src Source, opts storage.ListOptions, n int, ext extent) ([]storage.Row, error) {
	// A page on screen is few rows: each linked one's file is checked (one
	// stat; RowsByID does it too) so the table marks the files changed on disk.
	opts.Stat = true
	first := n * PageSize
	var rows []storage.Row
	var err error
	switch {
	case ext.listed:
		if first < ext.ids.Len() {
			ids := ext.ids.Int64s(first, min(ext.ids.Len(), first+PageSize))
			if ts, ok := src.(textlessSource); ok && opts.NoTextFields {
				rows, err = ts.RowsByIDNoText(ctx, ids)
			} else {
				rows, err = src.RowsByID(ctx, ids)
			}
		}
	case ext.total >= 0 && first > ext.total/2:
		if k := pageLen(ext.total, n); k > 0 {
			opts.Reverse, opts.Offset, opts.Limit = true, ext.total-first-k, k
			rows, err = src.List(ctx, opts)
			slices.Reverse(rows)
		}
	default:
		opts.Offset, opts.Limit = first, PageSize
		rows, err = src.List(ctx, opts)
	}
	if err != nil {
		return nil, fmt.Errorf("list rows %d-%d: %w", first+1, first+PageSize, err)
	}
	return rows, nil
}
