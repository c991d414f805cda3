package storage

import (
	"context"
	"fmt"
)

// The index article_facets holds the sidebar's columns of each article in
// id order: provider, category, type, published and the joined topics (not
// the domain, which is no section of the sidebar). The exact sidebar pass
// of a broad word looks up the articles it leaves out by id
// (facet_complement.go), and the counts of a search's ids or of the
// estimate's sample look up each of those (facet_match.go,
// facet_estimate.go): through the article table each lookup lands on a
// leaf page of its own (its rows are wide), through this index on pages
// holding many articles (BenchmarkFacetCounts/brain/ExactAfterSearch).
//
// It is built only once an archive holds facetsIndexMin articles: below
// that the pass is quick through the table, while the index would weigh
// on a small archive's size against its files (scripts/peer-compare.sh,
// BenchmarkImport's archive/corpus). Finish builds it at the end of
// the import, link or sync that reaches the size, in a transaction of its
// own; once there it stays, and an import sets it aside and rebuilds it as
// the other indexes. Every reader checks that it is there and reads the
// table when it is not.

// facetsIndexMin is the number of articles from which Finish builds
// article_facets; a variable so that a test can lower it.
var facetsIndexMin = 50000

// facetsIndexDDL creates article_facets.
const facetsIndexDDL = `CREATE INDEX IF NOT EXISTS article_facets ON article(id, provider_name, category, type, published, topics)`

// facetsIndexedSQL is true when the index article_facets is there.
const facetsIndexedSQL = `SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'article_facets')`

// buildFacetsIndex builds article_facets when the archive holds at least
// min articles and the index is not there yet (nor set aside by a killed
// import, whose next Finish builds it from deferred_index). Every Finish
// calls it, a no-change sync's too, so it asks first on the writer's
// connection without taking the write lock, and again in the write
// transaction, which another process may have preceded.
func (a *Archive) buildFacetsIndex(ctx context.Context, min int) error {
	if due, err := facetsIndexDue(ctx, a.wdb, min); err != nil || !due {
		return err
	}
	return a.WriteTx(ctx, func(tx *Tx) error {
		if due, err := facetsIndexDue(ctx, tx.tx, min); err != nil || !due {
			return err
		}
		if _, err := tx.exec(facetsIndexDDL); err != nil {
			return fmt.Errorf("index article_facets: %w", err)
		}
		return nil
	})
}

// facetsIndexDue reports whether buildFacetsIndex has article_facets to
// build (see there).
func facetsIndexDue(ctx context.Context, db querier, min int) (bool, error) {
	var n int
	var indexed, deferred bool
	err := db.QueryRowContext(ctx, `SELECT (`+articleCountSQL+`), (`+facetsIndexedSQL+`),
		EXISTS (SELECT 1 FROM deferred_index WHERE name = 'article_facets')`).Scan(&n, &indexed, &deferred)
	if err != nil {
		return false, fmt.Errorf("index article_facets: %w", err)
	}
	return !indexed && !deferred && n >= min, nil
}
