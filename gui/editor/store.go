package editor

import (
	"context"

	"github.com/seedarchive/seedarchive/storage"
)

// Store is the part of the archive the editor uses; *storage.Archive has it.
// A save goes through Edit, which reads and writes in one transaction, so a
// save never overwrites a change it did not see.
type Store interface {
	Get(ctx context.Context, id int64) (*storage.Record, error)
	Edit(ctx context.Context, ids []int64, fn storage.EditFunc) ([]storage.Edited, error)
	Facet(ctx context.Context, facet, query string, limit int) ([]storage.FacetCount, error)
}

var _ Store = (*storage.Archive)(nil)
