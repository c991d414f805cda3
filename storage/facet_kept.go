package storage

import (
	"context"
	"database/sql"
	"fmt"
)

func init() {
	fixups[11] = func(ctx context.Context, tx *sql.Tx) error { return recountFacets(ctx, tx) }
}

// keptFacetSQL reads one facet's kept counts (its one arg), grouped like
// facetSQL's recount: values that differ only in case are one value,
// spelled as the least of them.
const keptFacetSQL = `SELECT min(value), sum(n) FROM facet_count WHERE facet = ? GROUP BY value COLLATE NOCASE`

// recountFacetSQL counts every kept facet's exact values, and the articles,
// from the articles: what countFacets keeps in facet_count.
const recountFacetSQL = `SELECT 'topic', name, count(*) FROM article_topic GROUP BY name
UNION ALL SELECT 'provider', provider_name, count(*) FROM article WHERE provider_name <> '' GROUP BY provider_name
UNION ALL SELECT 'domain', provider_domain, count(*) FROM article WHERE provider_domain <> '' GROUP BY provider_domain
UNION ALL SELECT 'category', category, count(*) FROM article WHERE category <> '' GROUP BY category
UNION ALL SELECT 'type', type, count(*) FROM article WHERE type <> '' GROUP BY type
UNION ALL SELECT 'published', CASE published WHEN 0 THEN 'no' ELSE 'yes' END, count(*) FROM article
	WHERE published IS NOT NULL GROUP BY published <> 0
UNION ALL SELECT '` + articleFacet + `', '', count(*) FROM article HAVING count(*) > 0`

// articleFacet names facet_count's row of the number of articles (its
// value is empty), kept with the facets' counts (migration 15); Facet
// takes no such facet.
const articleFacet = "article"

// articleCountSQL reads the kept number of articles (0 when none).
const articleCountSQL = `SELECT coalesce(sum(n), 0) FROM facet_count WHERE facet = '` + articleFacet + `' AND value = ''`

// execer is what recountFacets writes through: a *sql.Tx of a migration or of a WriteTx.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// recountFacets rebuilds facet_count from the articles.
func recountFacets(ctx context.Context, tx execer) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM facet_count`); err != nil {
		return fmt.Errorf("recount facets: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO facet_count (facet, value, n) `+recountFacetSQL); err != nil {
		return fmt.Errorf("recount facets: %w", err)
	}
	return nil
}

// RecountFacets rebuilds the counts the sidebar reads with no query from
// the articles: the repair for what Check reports as "facet counts".
func (a *Archive) RecountFacets(ctx context.Context) error {
	err := a.WriteTx(ctx, func(tx *Tx) error {
		if err := recountFacets(ctx, tx.tx); err != nil {
			return err
		}
		return tx.ignoreChanges()
	})
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	return nil
}

// checkFacets compares the kept facet counts with a recount, in one read
// snapshot, and reports each value that differs.
func (a *Archive) checkFacets(ctx context.Context, p *problems) error {
	tx, err := a.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	type key struct{ facet, value string }
	read := func(q string) (map[key]int64, error) {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		m := map[key]int64{}
		for rows.Next() {
			var k key
			var n int64
			if err := rows.Scan(&k.facet, &k.value, &n); err != nil {
				return nil, err
			}
			m[k] = n
		}
		return m, rows.Err()
	}
	kept, err := read(`SELECT facet, value, n FROM facet_count`)
	if err != nil {
		return err
	}
	counted, err := read(recountFacetSQL)
	if err != nil {
		return err
	}
	bad := 0
	differs := func(k key, kept, counted int64) {
		bad++
		what := fmt.Sprintf("%s %q", k.facet, clip(k.value))
		if k.facet == articleFacet {
			what = "the number of articles"
		}
		p.add(0, "facet counts: %s is kept as %d, counted %d", what, kept, counted)
	}
	for k, n := range counted {
		if kept[k] != n {
			differs(k, kept[k], n)
		}
	}
	for k, n := range kept {
		if _, ok := counted[k]; !ok {
			differs(k, n, 0)
		}
	}
	if bad > 0 {
		p.add(0, "facet counts: %d values differ from a recount: `seedctl check --recount` rebuilds them", bad)
	}
	return nil
}

// facetKey is one row of facet_count.
type facetKey struct{ facet, value string }

// countFacets adds sign (+1 for rows written, -1 for rows removed) to the
// counts of ix's kept facet values and to the number of articles, to be
// written by flushFacets.
func (tx *Tx) countFacets(ix *indexed, sign int) {
	add := func(facet string, v sql.NullString) {
		if v.Valid && v.String != "" {
			tx.addFacet(facet, v.String, sign)
		}
	}
	add("provider", ix.providerName)
	add("domain", ix.providerDomain)
	add("category", ix.category)
	add("type", ix.typ)
	if ix.published.Valid {
		add("published", sql.NullString{String: publishedValue(ix.published.Int64), Valid: true})
	}
	for _, t := range ix.topicRows {
		tx.addFacet("topic", t.name, sign)
	}
	tx.addFacet(articleFacet, "", sign)
}

// publishedValue is the published facet's value of a stored published.
func publishedValue(p int64) string {
	if p == 0 {
		return "no"
	}
	return "yes"
}

func (tx *Tx) addFacet(facet, value string, d int) {
	if tx.facetDelta == nil {
		tx.facetDelta = map[facetKey]int{}
	}
	tx.facetDelta[facetKey{facet, value}] += d
}

// uncountStored subtracts the kept facet values article id holds as stored
// (its row and topic rows), before they are rewritten or removed.
func (tx *Tx) uncountStored(id int64) error {
	var ix indexed
	err := tx.queryRow(`SELECT provider_name, provider_domain, category, type, published FROM article WHERE id = ?`, id).
		Scan(&ix.providerName, &ix.providerDomain, &ix.category, &ix.typ, &ix.published)
	if err != nil {
		return fmt.Errorf("facet counts of %d: %w", id, err)
	}
	rows, err := tx.query(`SELECT name FROM article_topic WHERE article_id = ?`, id)
	if err != nil {
		return fmt.Errorf("facet counts of %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return fmt.Errorf("facet counts of %d: %w", id, err)
		}
		ix.topicRows = append(ix.topicRows, topicRow{name: name})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("facet counts of %d: %w", id, err)
	}
	tx.countFacets(&ix, -1)
	return nil
}

// flushFacets writes the transaction's facet count changes, once per value
// just before the commit, rather than a statement per article written (an
// import batch of 500 articles holds a few hundred distinct values), and
// not from triggers: a trigger on article makes each insert open a
// statement journal that copies every page the insert touches
// (BenchmarkImport, cpu-µs/article).
func (tx *Tx) flushFacets() error {
	if len(tx.facetDelta) == 0 {
		return nil
	}
	removed := false
	for k, d := range tx.facetDelta {
		if d == 0 {
			continue
		}
		removed = removed || d < 0
		if _, err := tx.exec(`INSERT INTO facet_count (facet, value, n) VALUES (?, ?, ?)
			ON CONFLICT DO UPDATE SET n = n + excluded.n`, k.facet, k.value, d); err != nil {
			return fmt.Errorf("facet counts: %w", err)
		}
	}
	tx.facetDelta = nil
	if removed {
		if _, err := tx.exec(`DELETE FROM facet_count WHERE n <= 0`); err != nil {
			return fmt.Errorf("facet counts: %w", err)
		}
	}
	return nil
}
