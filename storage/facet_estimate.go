package storage

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// facetSample is how many matching articles FacetEstimates counts at most:
// its work is bounded by this, not by the archive or the match, and the
// share of a value held by 5% of the matches is off by about 6% (one
// standard error) in its estimate (BenchmarkFacetCounts).
var facetSample = 5000 // a variable for tests

// sampleWhere is the condition on article a of the articles whose ids are
// its one arg, a JSON array.
const sampleWhere = "a.id IN (SELECT value FROM json_each(?))"

// FacetEstimates counts facets like Facet (every value, in Facet's order)
// within bounded work, for a screen that shows counts while the user
// types. With no query the kept facets are exact (read from the counts
// kept on write). Otherwise it reads at most facetSample+1 matching
// articles, once for all facets: when the query matches no more than
// facetSample, their counts are exact; when it matches more, the counts of
// the first facetSample matches are scaled to total, the number of matches
// (Count's; 0: counted here), and exact is false. Facet gives the exact
// counts of the same query.
func (a *Archive) FacetEstimates(ctx context.Context, facets []string, query string, total int) (counts [][]FacetCount, exact bool, err error) {
	counts, exact, err = a.facetEstimates(ctx, facets, query, total)
	if err != nil {
		return nil, false, fmt.Errorf("storage: facets: %w", err)
	}
	return counts, exact, nil
}

func (a *Archive) facetEstimates(ctx context.Context, facets []string, query string, total int) ([][]FacetCount, bool, error) {
	for i, f := range facets {
		if alias, ok := facetAliases[f]; ok {
			f = alias
		}
		if _, err := facetSQL(f, "1"); err != nil {
			return nil, false, fmt.Errorf("%s: %w", facets[i], err)
		}
	}
	where, args, err := a.where(ctx, a.db, query)
	if err != nil {
		return nil, false, err
	}
	out := make([][]FacetCount, len(facets))
	var ids []int64
	sampled := false
	exact := true
	for i, f := range facets {
		if alias, ok := facetAliases[f]; ok {
			f = alias
		}
		if where == "1" && keptFacets[f] {
			if out[i], err = a.facetWhere(ctx, f, where, args, 0); err != nil {
				return nil, false, err
			}
			continue
		}
		if !sampled {
			if ids, err = a.sampleIDs(ctx, where, args); err != nil {
				return nil, false, err
			}
			sampled = true
			if len(ids) > facetSample {
				ids, exact = ids[:facetSample], false
				if total <= 0 {
					if total, err = a.Count(ctx, query); err != nil {
						return nil, false, err
					}
				}
			}
		}
		if out[i], err = a.facetWhere(ctx, f, sampleWhere, []any{idsJSON(ids)}, 0); err != nil {
			return nil, false, err
		}
		if !exact {
			// Scaling keeps the order: count (descending), then value.
			scale := float64(total) / float64(len(ids))
			for j := range out[i] {
				out[i][j].Count = max(1, int(math.Round(float64(out[i][j].Count)*scale)))
			}
		}
	}
	return out, exact, nil
}

// sampleIDs reads the ids of the first facetSample+1 articles matching
// where, in the order its plan reads them (mostly by id): the sample is of
// the oldest articles, and counts that differ between old and new ones
// are estimated from the old ones until the exact counts arrive.
func (a *Archive) sampleIDs(ctx context.Context, where string, args []any) ([]int64, error) {
	q := fmt.Sprintf("SELECT a.id FROM article a WHERE %s LIMIT %d", where, facetSample+1)
	if ftsOnly(where) {
		// A full-text match alone: its first rowids, read from the match
		// as FTS5 finds them, rather than the whole match gathered into a
		// list first (BenchmarkFacetCounts/brain).
		q = fmt.Sprintf("SELECT rowid FROM article_fts WHERE article_fts MATCH ? LIMIT %d", facetSample+1)
	}
	rows, err := a.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := make([]int64, 0, facetSample+1)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// idsJSON is ids as a JSON array.
func idsJSON(ids []int64) string {
	var b strings.Builder
	b.Grow(len(ids) * 8)
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(']')
	return b.String()
}
