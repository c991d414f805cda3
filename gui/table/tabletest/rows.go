// Package tabletest holds what the tests of gui and gui/table share: a row
// source that needs no archive.
package tabletest

import (
	"context"
	"fmt"

	"github.com/seedarchive/seedarchive/storage"
)

// Rows is a row source of N articles, ids 1..N titled "Article <id>", in id
// order: table.Source and the by-id reads the pager uses.
type Rows struct{ N int }

// Count returns N whatever the query.
func (f Rows) Count(context.Context, string) (int, error) { return f.N, nil }

// IDs returns 1..N.
func (f Rows) IDs(_ context.Context, _ storage.ListOptions) ([]int64, error) {
	ids := make([]int64, f.N)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	return ids, nil
}

// List returns the rows from o.Offset, at most o.Limit, from the end when
// o.Reverse.
func (f Rows) List(_ context.Context, o storage.ListOptions) ([]storage.Row, error) {
	var rows []storage.Row
	for i := o.Offset; i < f.N && i < o.Offset+o.Limit; i++ {
		id := int64(i + 1)
		if o.Reverse {
			id = int64(f.N - i)
		}
		rows = append(rows, Row(id))
	}
	return rows, nil
}

// RowsByID returns the rows of the ids in 1..N, in the order asked.
func (f Rows) RowsByID(_ context.Context, ids []int64) ([]storage.Row, error) {
	var rows []storage.Row
	for _, id := range ids {
		if id >= 1 && id <= int64(f.N) {
			rows = append(rows, Row(id))
		}
	}
	return rows, nil
}

// Row is the row of article id.
func Row(id int64) storage.Row {
	return storage.Row{ID: id, Title: fmt.Sprintf("Article %d", id)}
}
