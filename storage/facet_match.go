package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
)

// The exact counts of a search other than a broad full-text match alone
// are counted over the ids of its matches, listed once for all the facets
// the sidebar asks for in turn, as countSample counts a sample (the columns
// in one statement, the topics in another), rather than by a statement per
// facet that each evaluates the whole search again: beside other terms, a
// broad full-text match is listed whole by each
// (BenchmarkFacetCounts/combined/Exact and topicAI/Exact).

// matchIDs keeps the ids of the last search's matches, with the facets
// counted over them so far, as of one value of the change counter.
type matchIDs struct {
	mu  sync.Mutex // held while counting over s, which keeps what it reads
	key string     // the search's condition and args
	seq int64
	s   *facetSampleCounts
}

// matchFacet counts facet over the articles matching where (see above), in
// one snapshot; limit as Facet's. ok is false for the git facet (counted
// from its few status rows), an unknown one, no search (where "1", the
// kept counts) or a broad full-text match alone: its kept facets are
// counted by subtraction (broadFacet), and its ids would be most of the
// archive, which its set facet need not list (BenchmarkFacetCounts/brain/Exact).
func (a *Archive) matchFacet(ctx context.Context, facet, where string, args []any, limit int) (out []FacetCount, ok bool, err error) {
	if where == "1" || facet == "git" {
		return nil, false, nil
	}
	if _, rest, _, ok := splitMatch(where, args); ok && rest == "" {
		return nil, false, nil
	}
	if _, err := facetSQL(facet, "1"); err != nil {
		return nil, false, nil // reported by facetWhere
	}
	tx, err := a.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, false, err
	}
	defer func() { _ = tx.Rollback() }()
	var seq int64
	if err := tx.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
		return nil, false, fmt.Errorf("read change counter: %w", err)
	}
	key := fmt.Sprintf("%s\x00%#v", where, args)
	m := &a.matchIDs
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.s == nil || m.key != key || m.seq != seq {
		ids, err := a.searchIDs(ctx, tx, seq, where, args)
		if err != nil {
			return nil, false, err
		}
		m.key, m.seq, m.s = key, seq, &facetSampleCounts{ids: ids, scale: 1}
	}
	if out, err = a.countSample(ctx, tx, m.s, facet); err != nil {
		return nil, false, err
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, true, nil
}

// searchIDs lists the ids of the articles matching where, read in tx (as
// of seq), as a JSON array. A broad full-text match beside other terms is
// tested in its set, for each article the other terms select, rather than
// listed again as the IN list SQLite builds for the statement, which costs
// more per match than the set (BenchmarkFacetCounts/combined/Exact): a set
// kept (matchSet: from the search's count, its End or ids, or the facets
// of the match alone typed before the other terms), or one read here, as
// the search's count in id order reads it, when the match holds at least
// half of the ids between the least and the largest (broadEnough): a
// narrower one beside terms selecting most of the archive costs less in
// SQLite than their ids listed out of it.
func (a *Archive) searchIDs(ctx context.Context, tx *sql.Tx, seq int64, where string, args []any) (string, error) {
	if match, rest, restArgs, ok := splitMatch(where, args); ok && rest != "" {
		set := a.keptMatchSet(match, seq)
		use := set != nil
		if !use {
			var err error
			if set, err = a.matchSet(ctx, tx, match); err != nil {
				return "", err
			}
			if set != nil {
				lo, hi, ok, err := idRange(ctx, tx)
				if err != nil {
					return "", err
				}
				use = ok && broadEnough(set.n, hi-lo+1)
			}
		}
		if use {
			var list sql.NullString
			if err := tx.QueryRowContext(ctx, "SELECT group_concat(a.id) FROM article a WHERE "+rest, restArgs...).Scan(&list); err != nil {
				return "", err
			}
			var ids []int64
			err := eachListedID(list.String, func(id int64) {
				if set.has(id) {
					ids = append(ids, id)
				}
			})
			return idsJSON(ids), err
		}
	}
	// The ids as one row: a row each costs more in the driver. A condition
	// on the id alone (topics, sets, a full-text match) looks each article
	// up in article_facets, whose pages hold many more of them than the
	// table's (BenchmarkFacetCounts/topicAI/ExactAfterSearch).
	q := "SELECT '[' || coalesce(group_concat(a.id), '') || ']' FROM article a"
	if onlyID(where) {
		var indexed bool
		if err := tx.QueryRowContext(ctx, facetsIndexedSQL).Scan(&indexed); err != nil {
			return "", err
		}
		if indexed {
			q += " INDEXED BY article_facets"
		}
	}
	var ids string
	err := tx.QueryRowContext(ctx, q+" WHERE "+where, args...).Scan(&ids)
	return ids, err
}

// onlyID reports whether the condition where reads no column of article a
// but its id.
func onlyID(where string) bool {
	ident := func(c byte) bool {
		return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	for i := 0; ; i += 2 {
		j := strings.Index(where[i:], "a.")
		if j < 0 {
			return true
		}
		i += j
		if i > 0 && ident(where[i-1]) {
			continue // another name ending in a
		}
		rest := where[i+2:]
		if !strings.HasPrefix(rest, "id") || len(rest) > 2 && ident(rest[2]) {
			return false
		}
	}
}
