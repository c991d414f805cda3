package storage

import "context"

// What the external test package (bench_archive_test.go) reaches inside.

// ForgetFewProbes empties a's cache of few-rows probes.
func ForgetFewProbes(a *Archive) { a.few.forget() }

// ForgetMatches empties a's cache of full-text match sets, of the order
// last listed (page_probe.go), of what the exact facets of the last
// search read (facet_complement.go, facet_match.go) and of the words of
// prefixes (prefixTerms).
func ForgetMatches(a *Archive) {
	a.vocab.forget()
	a.matches.mu.Lock()
	a.matches.sets = nil
	a.matches.mu.Unlock()
	a.order.mu.Lock()
	a.order.ids = nil
	a.order.mu.Unlock()
	a.left.mu.Lock()
	a.left.read, a.left.left = false, nil
	a.left.mu.Unlock()
	a.matchIDs.mu.Lock()
	a.matchIDs.s = nil
	a.matchIDs.mu.Unlock()
}

// ForgetMatchSets empties a's cache of match sets (full-text matches' and
// field searches', page_probe.go and field_set.go), keeping the order last
// listed.
func ForgetMatchSets(a *Archive) {
	a.matches.mu.Lock()
	a.matches.sets = nil
	a.matches.mu.Unlock()
}

// CompileWhere compiles query's condition as a search does.
func CompileWhere(ctx context.Context, a *Archive, query string) error {
	_, _, err := a.where(ctx, a.db, query)
	return err
}
