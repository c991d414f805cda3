package storage

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"sync"
)

// The sidebar's sample of a query that joins a broad full-text match to
// other terms (`brain topic:Health -category:blog`) is read from the other
// terms, each candidate's full text probed by its rowid, rather than from
// the match: SQLite otherwise lists every rowid of the match before the
// first row, the work of the whole match however narrow the other terms
// are (BenchmarkFacetCounts/combined/Estimate).
//
// FTS5 seeks a rowid in a word's list, but for a prefix (`"brain" *`, the
// last word as typed) it merges the lists of every word the prefix begins
// on each probe; so a prefix is probed as the words it begins, listed from
// the index's vocabulary (prefixTerms), when they are few.

// probeSample is how many matches a probed sample holds at most, fewer
// than facetSample: each costs a seek in the full-text index on top of a
// plain sample's read, and the estimate must come within a keystroke's
// time at any size (BenchmarkFacetCounts/combined/Estimate). Its
// estimate is the rougher for it, until the exact pass replaces it.
var probeSample = 2000 // a variable for tests

// probeCandidates bounds the candidates a probed sample reads: beyond it
// the sample is of the matches among them (not exact), so that a
// combination whose terms are each broad but rarely meet costs a bounded
// number of probes, not one per article.
var probeCandidates = 2 * probeSample // a variable for tests

// prefixIndexLen is the longest prefix the full-text index keeps a list
// of (its prefix option, migration 0001).
const prefixIndexLen = 2

// maxPrefixTerms is the most words a prefix is probed as; a prefix that
// begins more is not probed (the sample is read from the match).
const maxPrefixTerms = 16

// probedSample reads the sample of where (see sampleIDs) from its terms
// other than a broad full-text match, probing each candidate's full text.
// ok is false when where has no such match among its top-level terms or
// the match cannot be probed by rowid; then nothing was read. Otherwise
// ids holds up to probeSample matches in the order of the other terms'
// plan, and all is true when they are every match (no more than
// probeSample, every candidate read).
func (a *Archive) probedSample(ctx context.Context, where string, args []any) (ids []int64, all, ok bool, err error) {
	match, rest, restArgs, ok := splitMatch(where, args)
	if !ok || rest == "" {
		return nil, false, false, nil
	}
	if match, ok, err = a.probeableMatch(ctx, match); err != nil || !ok {
		return nil, false, false, err
	}
	rows, err := a.db.QueryContext(ctx, probeSQL(rest), append([]any{match}, restArgs...)...)
	if err != nil {
		return nil, false, false, err
	}
	defer rows.Close()
	candidates := 0
	for rows.Next() {
		var id int64
		var hit bool
		if err := rows.Scan(&id, &hit); err != nil {
			return nil, false, false, err
		}
		candidates++
		if hit {
			if len(ids) == probeSample {
				return ids, false, true, nil // more matches than the sample
			}
			ids = append(ids, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, false, err
	}
	return ids, candidates < probeCandidates, true, nil
}

// probeSQL reads the first probeCandidates articles matching rest, each
// with whether its full text matches the first arg, sought by rowid in the
// index (TestProbeSQLSeeksRowid).
func probeSQL(rest string) string {
	return fmt.Sprintf(`SELECT c.id, EXISTS (SELECT 1 FROM article_fts WHERE article_fts MATCH ? AND rowid = c.id)
		FROM (SELECT a.id AS id FROM article a WHERE %s LIMIT %d) c`, rest, probeCandidates)
}

// probeableMatch rewrites an FTS5 expression (as ftsExpr renders it) so
// that FTS5 seeks a rowid in it without merging word lists: each prefix
// `"w" *` becomes the words it begins, `("w" OR "wx" ...)`, except one of
// at most prefixIndexLen characters, which the index lists. ok is false
// when a prefix is not one word of ASCII letters and digits (whose index
// form is its lower case) or begins more than maxPrefixTerms words.
func (a *Archive) probeableMatch(ctx context.Context, match string) (string, bool, error) {
	var b strings.Builder
	for i := 0; i < len(match); {
		if match[i] != '"' {
			b.WriteByte(match[i])
			i++
			continue
		}
		end := i + 1 // the closing quote: one not doubled
		for end < len(match) {
			if match[end] == '"' {
				if end+1 < len(match) && match[end+1] == '"' {
					end += 2
					continue
				}
				break
			}
			end++
		}
		if end >= len(match) {
			return "", false, nil // not ftsExpr's
		}
		s := match[i : end+1]
		i = end + 1
		if !strings.HasPrefix(match[i:], " *") {
			b.WriteString(s)
			continue
		}
		i += len(" *")
		word := asciiLower(s[1 : len(s)-1])
		if !plainWord(word) {
			return "", false, nil
		}
		if len(word) <= prefixIndexLen {
			// Read from the prefix index as one list: kept.
			b.WriteString(s + " *")
			continue
		}
		terms, err := a.prefixTerms(ctx, word, maxPrefixTerms+1)
		if err != nil {
			return "", false, err
		}
		switch {
		case len(terms) > maxPrefixTerms:
			return "", false, nil
		case len(terms) == 0:
			// Begins no word: matches nothing, like the word itself
			// (absent from the index).
			terms = []string{word}
		}
		parts := make([]string, len(terms))
		for j, t := range terms {
			parts[j] = `"` + ftsEscaper.Replace(t) + `"`
		}
		b.WriteString(ftsGroup(parts, " OR "))
	}
	return b.String(), true, nil
}

// vocabDB is a small pool, read-only on the archive, that lists
// the full-text index's words through an fts5vocab table in its temp
// schema (the read pool's connections are query_only, which forbids
// creating one even there; the schema has none).
type vocabDB struct {
	once sync.Once
	db   *sql.DB
	err  error

	mu    sync.Mutex // guards seq and terms
	seq   int64      // the change counter terms were read as of
	terms map[prefixKey][]string
}

// vocabConn is the vocabulary's connection, with its fts5vocab tables
// (made on each connection: they live in its temp schema): the instance
// table article_fts_words and the row table article_fts_counts.
func (a *Archive) vocabConn(ctx context.Context) (*sql.Conn, error) {
	a.vocab.once.Do(func() {
		q := url.Values{}
		q.Add("mode", "ro")
		q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
		q.Add("_pragma", "cache_size(-1000)")
		u := url.URL{Scheme: "file", OmitHost: true, Path: a.path, RawQuery: q.Encode()}
		a.vocab.db, a.vocab.err = sql.Open("sqlite", u.String())
		if a.vocab.err == nil {
			a.vocab.db.SetMaxOpenConns(2) // a compile need not wait for a count
			a.vocab.db.SetMaxIdleConns(1)
		}
	})
	if a.vocab.err != nil {
		return nil, fmt.Errorf("vocabulary: %w", a.vocab.err)
	}
	conn, err := a.vocab.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("vocabulary: %w", err)
	}
	for _, t := range []string{"article_fts_words USING fts5vocab(main, article_fts, instance)",
		"article_fts_counts USING fts5vocab(main, article_fts, row)"} {
		if _, err := conn.ExecContext(ctx, "CREATE VIRTUAL TABLE IF NOT EXISTS temp."+t); err != nil {
			conn.Close()
			return nil, fmt.Errorf("vocabulary: %w", err)
		}
	}
	return conn, nil
}

// prefixTerms lists the indexed words beginning with prefix (an index
// form), at most limit of them, in order. It steps from word to word
// through fts5vocab's instance table, which seeks a word without reading
// its list (the row table reads it whole to count it). The words read are
// kept with the change counter of the snapshot they were read in, and
// returned again while it reads the same: each search compiles its query
// several times (its count, ids and pages, each facet of the sidebar),
// and each compile of a prefix asks for its words
// (BenchmarkFacetCounts/brain/ExactAfterSearch). The caller must not change
// the list.
func (a *Archive) prefixTerms(ctx context.Context, prefix string, limit int) ([]string, error) {
	conn, err := a.vocabConn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil) // one snapshot for the counter and the words
	if err != nil {
		return nil, fmt.Errorf("vocabulary: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	var seq int64
	if err := tx.QueryRowContext(ctx, seqQuery).Scan(&seq); err != nil {
		return nil, fmt.Errorf("vocabulary: read change counter: %w", err)
	}
	key := prefixKey{prefix, limit}
	if terms, ok := a.vocab.kept(key, seq); ok {
		return terms, nil
	}
	var terms []string
	// Words are letters and digits: none holds a control character, so
	// the least string past a word w is w+"\x01".
	for from := prefix; len(terms) < limit; {
		var t string
		err := tx.QueryRowContext(ctx, `SELECT term FROM temp.article_fts_words WHERE term >= ? LIMIT 1`, from).Scan(&t)
		if err == sql.ErrNoRows || err == nil && !strings.HasPrefix(t, prefix) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("vocabulary: %w", err)
		}
		if len(terms) > 0 && t <= terms[len(terms)-1] {
			return nil, fmt.Errorf("vocabulary: word %q after %q", t, terms[len(terms)-1])
		}
		terms = append(terms, t)
		from = t + "\x01"
	}
	a.vocab.keep(key, seq, terms)
	return terms, nil
}

// prefixKey is one question to prefixTerms.
type prefixKey struct {
	prefix string
	limit  int
}

// prefixTermsMax bounds the answers of prefixTerms kept; all are dropped
// when it is reached.
const prefixTermsMax = 16

// kept returns the words kept for key as of change counter seq.
func (v *vocabDB) kept(key prefixKey, seq int64) ([]string, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.seq != seq {
		return nil, false
	}
	terms, ok := v.terms[key]
	return terms, ok
}

// keep keeps the words of key as of change counter seq, dropping those
// kept as of another.
func (v *vocabDB) keep(key prefixKey, seq int64, terms []string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.seq != seq || v.terms == nil || len(v.terms) >= prefixTermsMax {
		v.seq, v.terms = seq, map[prefixKey][]string{}
	}
	v.terms[key] = terms
}

// forget drops the words kept.
func (v *vocabDB) forget() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.terms = nil
}

// wordCount counts the articles whose full text matches match when it is
// one plain word (after probeableMatch: a prefix that begins one word), as
// the index's vocabulary counts it: fts5vocab reads the word's list of
// articles without FTS5's query machinery, quicker than counting the
// match (BenchmarkListQuery/Count(neural)), though it still
// reads the whole list. ok is false for any other match.
func (a *Archive) wordCount(ctx context.Context, match string) (n int, ok bool, err error) {
	if match, ok, err = a.probeableMatch(ctx, match); err != nil || !ok {
		return 0, false, err
	}
	word, quoted := strings.CutPrefix(match, `"`)
	word, closed := strings.CutSuffix(word, `"`)
	if !quoted || !closed || !plainWord(asciiLower(word)) {
		return 0, false, nil
	}
	conn, err := a.vocabConn(ctx)
	if err != nil {
		return 0, false, err
	}
	defer conn.Close()
	err = conn.QueryRowContext(ctx, `SELECT doc FROM temp.article_fts_counts WHERE term = ?`, asciiLower(word)).Scan(&n)
	if err == sql.ErrNoRows {
		return 0, true, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("vocabulary: %w", err)
	}
	return n, true, nil
}

// plainWord reports whether w is ASCII letters and digits, lower case: a
// word whose index form is itself.
func plainWord(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9') }) < 0
}
