package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/seedarchive/seedarchive/internal/query"
)

// ErrSmartSet is returned (wrapped) when a manual-set operation names a smart
// set, whose members follow its query.
var ErrSmartSet = errors.New("is a smart set")

// Set is a named collection; a smart set has a non-empty Query.
type Set struct {
	ID    int64
	Name  string
	Query string
	Count int    // members: for a smart set, the articles its query matches now
	Error string // why a smart set's query no longer compiles (e.g. it names a deleted set); Count is 0 then
}

// Smart reports whether the set is a smart set (a saved query).
func (s Set) Smart() bool { return s.Query != "" }

// resolver looks sets up by name (case-insensitively) for compileWhere,
// which finds cycles (a set met again while it is being expanded) and
// bounds the expansion by its terms.
func (a *Archive) resolver(ctx context.Context, q querier) setResolver {
	return func(name string) (int64, string, error) {
		var id int64
		var query string
		err := q.QueryRowContext(ctx, `SELECT id, query FROM article_set WHERE name = ?`, name).Scan(&id, &query)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, "", fmt.Errorf("set %q: %w", name, ErrNotFound)
		}
		if err != nil {
			return 0, "", fmt.Errorf("set %q: %w", name, err)
		}
		return id, query, nil
	}
}

// fewMatches is how many full-text matches still count as few: below it,
// driving a query from the match list beats scanning (see ftsIn).
const fewMatches = 2000

// where compiles a query string to an SQL condition over alias a.
func (a *Archive) where(ctx context.Context, q querier, query string) (string, []any, error) {
	few := func(match string) bool {
		return a.few.answer(match, func() (bool, error) {
			var n int
			err := q.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM article_fts WHERE article_fts MATCH ? LIMIT ?)`,
				match, fewMatches).Scan(&n)
			return n < fewMatches, err
		})
	}
	// A prefix of a word is matched as the words it begins, when they
	// are few: FTS5 merges a prefix's lists whole before its first row,
	// and reads words' lists only as far as asked (the first page of
	// `study`: BenchmarkListQuery/FullTextCommon). The words are listed
	// at each compile, so a word written since is found.
	expand := func(m string) string {
		if !strings.Contains(m, " *") {
			return m
		}
		if words, ok, err := a.probeableMatch(ctx, m); err == nil && ok {
			return words
		}
		return m
	}
	return compileWhereExpanded(query, a.resolver(ctx, q), few, expand)
}

// Sets lists all sets, by name, with member counts.
func (a *Archive) Sets(ctx context.Context) ([]Set, error) {
	rows, err := a.db.QueryContext(ctx, `SELECT s.id, s.name, s.query,
		(SELECT count(*) FROM set_member m WHERE m.set_id = s.id)
		FROM article_set s ORDER BY s.name COLLATE NOCASE`)
	if err != nil {
		return nil, fmt.Errorf("storage: sets: %w", err)
	}
	var sets []Set
	for rows.Next() {
		var s Set
		if err := rows.Scan(&s.ID, &s.Name, &s.Query, &s.Count); err != nil {
			rows.Close()
			return nil, fmt.Errorf("storage: sets: %w", err)
		}
		sets = append(sets, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: sets: %w", err)
	}
	for i := range sets {
		if !sets[i].Smart() {
			continue
		}
		n, err := a.Count(ctx, sets[i].Query)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("storage: sets: %w", ctx.Err())
			}
			sets[i].Error = err.Error()
			continue
		}
		sets[i].Count = n
	}
	return sets, nil
}

// setName validates a set name.
func setName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", errors.New("empty set name")
	}
	return name, nil
}

// findSet returns a set's id and query; ErrNotFound when there is none.
func (tx *Tx) findSet(name string) (int64, string, error) {
	var id int64
	var query string
	err := tx.tx.QueryRowContext(tx.ctx, `SELECT id, query FROM article_set WHERE name = ?`, name).Scan(&id, &query)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", fmt.Errorf("set %q: %w", name, ErrNotFound)
	}
	return id, query, err
}

// ensureManualSet returns the id of the named manual set, creating it.
func (tx *Tx) ensureManualSet(name string) (int64, error) {
	name, err := setName(name)
	if err != nil {
		return 0, err
	}
	id, query, err := tx.findSet(name)
	switch {
	case err == nil && query != "":
		return 0, fmt.Errorf("set %q %w", name, ErrSmartSet)
	case err == nil:
		return id, nil
	case !errors.Is(err, ErrNotFound):
		return 0, err
	}
	res, err := tx.exec(`INSERT INTO article_set (name, query, created_at) VALUES (?, '', ?)`, name, tx.now)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// AddToSet adds articles to the named manual set, creating it; it returns how
// many were added (ids already in the set do not count). A missing article
// is ErrNotFound, a smart set ErrSmartSet; either adds nothing.
func (a *Archive) AddToSet(ctx context.Context, name string, ids []int64) (int, error) {
	added := 0
	err := a.WriteTx(ctx, func(tx *Tx) error {
		added = 0
		set, err := tx.ensureManualSet(name)
		if err != nil {
			return err
		}
		for _, id := range ids {
			res, err := tx.exec(`INSERT OR IGNORE INTO set_member (set_id, article_id, added_at)
				SELECT ?, id, ? FROM article WHERE id = ?`, set, tx.now, id)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			if n == 0 {
				if _, err := tx.storedSHA(id); err != nil {
					return err
				}
			}
			added += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("storage: add to set %q: %w", name, err)
	}
	return added, nil
}

// RemoveFromSet removes articles from the named manual set; it returns how
// many were removed. A missing set is ErrNotFound, a smart set ErrSmartSet.
func (a *Archive) RemoveFromSet(ctx context.Context, name string, ids []int64) (int, error) {
	removed := 0
	err := a.WriteTx(ctx, func(tx *Tx) error {
		removed = 0
		set, query, err := tx.findSet(strings.TrimSpace(name))
		if err != nil {
			return err
		}
		if query != "" {
			return fmt.Errorf("set %q %w", name, ErrSmartSet)
		}
		for _, id := range ids {
			res, err := tx.exec(`DELETE FROM set_member WHERE set_id = ? AND article_id = ?`, set, id)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			removed += int(n)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("storage: remove from set %q: %w", name, err)
	}
	return removed, nil
}

// SaveSmartSet creates a smart set (a saved query) or replaces the query of
// the smart set of that name. The query must compile, and may name other
// sets but not, even indirectly, itself. A manual set of that name is an
// error: it is never replaced. The new set is compiled and run inside the
// transaction that writes it, so a query SQLite cannot run saves nothing
// (set: queries of it would all fail).
func (a *Archive) SaveSmartSet(ctx context.Context, name, query string) error {
	err := a.WriteTx(ctx, func(tx *Tx) error {
		name, err := setName(name)
		if err != nil {
			return err
		}
		query = strings.TrimSpace(query)
		if query == "" {
			return errors.New("a smart set needs a query")
		}
		inner := a.resolver(ctx, tx.tx)
		self := func(n string) (int64, string, error) {
			if strings.EqualFold(strings.TrimSpace(n), name) {
				return 0, "", fmt.Errorf("set %q refers to itself", name)
			}
			return inner(n)
		}
		if _, _, err := compileWhere(query, self); err != nil {
			return err
		}
		id, old, err := tx.findSet(name)
		switch {
		case err == nil && old == "":
			return fmt.Errorf("a manual set is named %q", name)
		case err == nil:
			_, err = tx.exec(`UPDATE article_set SET query = ? WHERE id = ?`, query, id)
		case errors.Is(err, ErrNotFound):
			_, err = tx.exec(`INSERT INTO article_set (name, query, created_at) VALUES (?, ?, ?)`, name, query, tx.now)
		}
		if err != nil {
			return err
		}
		return tx.tryQuery(a.resolver(ctx, tx.tx), setTerm(name))
	})
	if err != nil {
		return fmt.Errorf("storage: save smart set %q: %w", name, err)
	}
	return nil
}

// setTerm is the query selecting the named set.
func setTerm(name string) string { return query.Term("set", name) }

// tryQuery compiles q and runs it for one row inside the transaction, to
// find what only SQLite refuses (an expression too deep, a damaged index)
// before the transaction commits.
func (tx *Tx) tryQuery(sets setResolver, q string) error {
	where, args, err := compileWhere(q, sets)
	if err != nil {
		return err
	}
	var n int
	err = tx.tx.QueryRowContext(tx.ctx, `SELECT count(*) FROM (SELECT 1 FROM article a WHERE `+where+` LIMIT 1)`, args...).Scan(&n)
	if err != nil {
		return fmt.Errorf("run the query: %w", err)
	}
	return nil
}

// DeleteSet deletes a set (not its articles); ErrNotFound when there is none.
func (a *Archive) DeleteSet(ctx context.Context, name string) error {
	err := a.WriteTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(`DELETE FROM article_set WHERE name = ?`, strings.TrimSpace(name))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err == nil {
				err = fmt.Errorf("set %q: %w", name, ErrNotFound)
			}
			return err
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: delete set %q: %w", name, err)
	}
	return nil
}
