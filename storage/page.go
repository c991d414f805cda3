package storage

import (
	"context"
	"fmt"
	"strings"
)

// maxIDsPerQuery bounds the ids RowsByID binds in one statement, well under
// SQLite's limit on bound parameters.
const maxIDsPerQuery = 500

// RowsByID returns the rows of these articles in the order of ids; an id
// with no article is left out. A table that listed the ids of its result
// reads any page of it this way: primary-key lookups, so a page at the end
// of a million rows costs what the first one does, where an OFFSET reads
// every row before it (BenchmarkJump).
func (a *Archive) RowsByID(ctx context.Context, ids []int64) ([]Row, error) {
	byID := make(map[int64]Row, len(ids))
	for start := 0; start < len(ids); start += maxIDsPerQuery {
		chunk := ids[start:min(len(ids), start+maxIDsPerQuery)]
		if err := a.rowsByID(ctx, chunk, byID); err != nil {
			return nil, fmt.Errorf("storage: rows by id: %w", err)
		}
	}
	out := make([]Row, 0, len(byID))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// rowsByID reads the rows of ids into byID.
func (a *Archive) rowsByID(ctx context.Context, ids []int64, byID map[int64]Row) error {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	marks := strings.Repeat(",?", len(ids))[1:]
	rows, err := a.db.QueryContext(ctx, withFirstImage("SELECT "+rowColumns+" FROM article a WHERE a.id IN ("+marks+")"), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return err
		}
		byID[r.ID] = r
	}
	return rows.Err()
}
