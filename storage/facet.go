package storage

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// FacetCount is one value of a facet with its number of articles.
type FacetCount struct {
	Value string
	Count int
}

// Facets lists the facet names Facet takes.
var Facets = []string{"topic", "provider", "domain", "category", "type", "published", "set", "git"}

// facetAliases maps field paths and plurals to facet names.
var facetAliases = map[string]string{
	"topics": "topic", "provider.name": "provider", "provider.domain": "domain", "sets": "set",
}

// keptFacets are the facets facet_count keeps for every article (migration
// 11's triggers).
var keptFacets = map[string]bool{
	"topic": true, "provider": true, "domain": true, "category": true, "type": true, "published": true,
}

// columnFacets are the facets over one text column of article.
var columnFacets = map[string]string{
	"provider": "a.provider_name",
	"domain":   "a.provider_domain",
	"category": "a.category",
	"type":     "a.type",
}

// Facet counts the articles matching query by facet: "topic", "provider",
// "domain", "category", "type", "published" ("yes"/"no"), "set" (manual
// and smart sets; a smart set counts the matching articles its query
// matches) or "git" (GitStates; clean files are not counted). Values compare case-insensitively; articles without the field
// are not counted. The result is ordered by count (descending), then value;
// limit 0 = all values.
func (a *Archive) Facet(ctx context.Context, facet, query string, limit int) ([]FacetCount, error) {
	out, err := a.facet(ctx, facet, query, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: facet %s: %w", facet, err)
	}
	return out, nil
}

func (a *Archive) facet(ctx context.Context, facet, query string, limit int) ([]FacetCount, error) {
	where, args, err := a.where(ctx, a.db, query)
	if err != nil {
		return nil, err
	}
	if f, ok := facetAliases[facet]; ok {
		facet = f
	}
	if out, ok, err := a.broadFacet(ctx, facet, where, args, limit); err != nil || ok {
		return out, err
	}
	if out, ok, err := a.matchFacet(ctx, facet, where, args, limit); err != nil || ok {
		return out, err
	}
	return a.facetWhere(ctx, facet, where, args, limit)
}

// facetWhere counts facet over the articles matching where (a condition on
// article a, with its args).
func (a *Archive) facetWhere(ctx context.Context, facet, where string, args []any, limit int) ([]FacetCount, error) {
	return a.facetWhereIn(ctx, a.db, facet, where, args, limit)
}

// facetWhereIn is facetWhere read through db (the read pool or a
// transaction).
func (a *Archive) facetWhereIn(ctx context.Context, db querier, facet, where string, args []any, limit int) ([]FacetCount, error) {
	if f, ok := facetAliases[facet]; ok {
		facet = f
	}
	if where == "1" && keptFacets[facet] {
		// Every article: the counts kept on write, which read the same as
		// a count over the articles (BenchmarkFacetCounts/none).
		return facetRows(ctx, db, ordered(keptFacetSQL, limit), []any{facet})
	}
	q, err := facetSQL(facet, where)
	if err != nil {
		return nil, err
	}
	if q == "" {
		return a.setFacet(ctx, db, where, args, limit)
	}
	return facetRows(ctx, db, ordered(q, limit), args)
}

// ordered orders a facet's query by count (descending), then value, and
// applies limit (0 = all values).
func ordered(q string, limit int) string {
	q += ` ORDER BY 2 DESC, 1 COLLATE NOCASE, 1`
	if limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, limit)
	}
	return q
}

// facetSQL is the query counting facet over the articles matching where,
// "" for the set facet (setFacet).
func facetSQL(facet, where string) (string, error) {
	all := where == "1"
	var q string
	switch facet {
	case "topic":
		// article_topic holds each name once per article (case-insensitively).
		switch {
		case all:
			q = `SELECT min(t.name), count(*) FROM article_topic t GROUP BY t.name COLLATE NOCASE`
		case where == "+a.id "+ftsInSQL:
			// A broad full-text match alone: read the name index in order
			// and test each entry against the match list, rather than look
			// up the topics of every match and sort them all, which costs more
			// when the match is most of the archive (BenchmarkListQuery/Facet(topic,brain)).
			q = `SELECT min(t.name), count(*) FROM article_topic t INDEXED BY article_topic_name
				WHERE +t.article_id ` + ftsInSQL + ` GROUP BY t.name COLLATE NOCASE`
		default:
			q = `SELECT min(t.name), count(*) FROM article_topic t
				WHERE t.article_id IN (SELECT a.id FROM article a WHERE ` + where + `)
				GROUP BY t.name COLLATE NOCASE`
		}
	case "provider", "domain", "category", "type":
		col := columnFacets[facet]
		q = `SELECT min(` + col + `), count(*) FROM article a WHERE ` + col + ` <> '' AND (` + where + `)
			GROUP BY ` + col + ` COLLATE NOCASE`
	case "published":
		q = `SELECT CASE a.published WHEN 0 THEN 'no' ELSE 'yes' END, count(*) FROM article a
			WHERE a.published IS NOT NULL AND (` + where + `) GROUP BY a.published <> 0`
	case "set":
		return "", nil
	case "git":
		// Clean files have no row, and are not counted: counting them
		// would read every linked file, where the others are few. A join
		// lets SQLite start from the few status rows (none without git).
		q = `SELECT g.state, count(*) FROM git_status g JOIN article a ON a.id = g.article_id WHERE ` + where + `
			GROUP BY g.state`
		if all {
			q = `SELECT state, count(*) FROM git_status GROUP BY state`
		}
	default:
		return "", fmt.Errorf("unknown facet (want one of %s)", strings.Join(Facets, ", "))
	}
	return q, nil
}

// facetRows reads q's rows of values and counts through db.
func facetRows(ctx context.Context, db querier, q string, args []any) ([]FacetCount, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FacetCount
	for rows.Next() {
		var fc FacetCount
		if err := rows.Scan(&fc.Value, &fc.Count); err != nil {
			return nil, err
		}
		out = append(out, fc)
	}
	return out, rows.Err()
}

// setFacet counts the matching articles in each set: manual sets by their
// members, smart sets by running their query. Empty sets are left out, and so
// are smart sets whose query no longer compiles. It reads through db.
func (a *Archive) setFacet(ctx context.Context, db querier, where string, args []any, limit int) ([]FacetCount, error) {
	q := `SELECT s.name, count(*) FROM set_member m JOIN article_set s ON s.id = m.set_id
		WHERE s.query = '' GROUP BY s.id`
	if where != "1" {
		q = `SELECT s.name, count(*) FROM set_member m JOIN article_set s ON s.id = m.set_id
			JOIN article a ON a.id = m.article_id WHERE s.query = '' AND (` + where + `) GROUP BY s.id`
	}
	out, err := facetRows(ctx, db, q, args)
	if err != nil {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `SELECT name, query FROM article_set WHERE query <> ''`)
	if err != nil {
		return nil, err
	}
	var smart [][2]string
	for rows.Next() {
		var name, query string
		if err := rows.Scan(&name, &query); err != nil {
			rows.Close()
			return nil, err
		}
		smart = append(smart, [2]string{name, query})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, s := range smart {
		w, sargs, err := a.where(ctx, db, s[1])
		if err != nil {
			continue // reported by Sets
		}
		var n int
		err = db.QueryRowContext(ctx, `SELECT count(*) FROM article a WHERE (`+where+`) AND (`+w+`)`,
			append(append([]any{}, args...), sargs...)...).Scan(&n)
		if err != nil {
			return nil, fmt.Errorf("set %q: %w", s[0], err)
		}
		if n > 0 {
			out = append(out, FacetCount{Value: s[0], Count: n})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return strings.ToLower(out[i].Value) < strings.ToLower(out[j].Value)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}
