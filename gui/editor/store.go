package editor

import (
	"context"

	"github.com/seedarchive/seedarchive/internal/seedfile"
	"github.com/seedarchive/seedarchive/storage"
)

// Store is the part of the archive the editor uses; *storage.Archive has it.
type Store interface {
	Get(ctx context.Context, id int64) (*storage.Record, error)
	Update(ctx context.Context, id int64, doc *seedfile.Document) error
	Facet(ctx context.Context, facet, query string, limit int) ([]storage.FacetCount, error)
}

var _ Store = (*storage.Archive)(nil)
