package storage

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/seedarchive/seedarchive/internal/query"
)

// textColumns maps the text fields to their NOCASE-indexed column.
var textColumns = map[string]string{
	"provider": "a.provider_name",
	"domain":   "a.provider_domain",
	"category": "a.category",
	"type":     "a.type",
}

// numberColumns maps the number fields to their indexed column.
var numberColumns = map[string]string{
	"quality": "a.quality",
	"heat":    "a.heat",
}

// hasConditions maps has: values to conditions on the article's counters.
var hasConditions = map[string]string{
	"images":  "a.image_count > 0",
	"body":    "a.has_body <> 0",
	"related": "a.related_count > 0",
	"topics":  "a.topics <> ''",
	// Another article with the same webUrl: found through article_web_url.
	"duplicate": "a.web_url <> '' AND EXISTS (SELECT 1 FROM article d WHERE d.web_url = a.web_url AND d.id <> a.id)",
}

// gitCleanSQL matches the articles of linked folders in git whose files
// have no git status row: clean ones are not stored (see refreshGit).
const gitCleanSQL = `a.id IN (SELECT l.article_id FROM linked_file l JOIN linked_folder f ON f.id = l.folder_id
	WHERE f.git <> 0) AND a.id NOT IN (SELECT article_id FROM git_status)`

// topicSQL matches articles having a topic through the index
// article_topic(name COLLATE NOCASE, article_id). A topic usually covers a
// small part of the archive, so SQLite may drive the query from this list,
// which pages and counts faster than a correlated EXISTS
// (BenchmarkListQuery/TopicSortDate and Count(topic:AI)).
const topicSQL = "a.id IN (SELECT article_id FROM article_topic WHERE name = ? COLLATE NOCASE)"

// mergedTopic reports whether p is a topic term that list merges with the
// others of its list into one topicsIn: topic:X in an OR, -topic:X in an
// AND. It returns the topic.
func mergedTopic(p query.Expr, sep string) (string, bool) {
	if sep == " AND " {
		n, ok := p.(query.Not)
		if !ok {
			return "", false
		}
		p = n.X
	}
	a, ok := p.(*query.Atom)
	if !ok || a.Field != "topic" {
		return "", false
	}
	return a.Value, true
}

// topicsIn matches articles having any of the topics (negated: none of
// them) through one subquery on the topic index, so that topic:A OR
// topic:B ... and -topic:A -topic:B ... check each row once rather than
// once per topic (BenchmarkLongestQueries, TopicsOr and NegatedTopics).
func topicsIn(topics []string, negated bool) *frag {
	marks := strings.Repeat(", ?", len(topics))[2:]
	args := make([]any, len(topics))
	for i, t := range topics {
		args[i] = t
	}
	sql := "a.id IN (SELECT article_id FROM article_topic WHERE name COLLATE NOCASE IN (" + marks + "))"
	if negated {
		sql = "NOT (" + sql + ")"
	}
	return &frag{sql: sql, args: args}
}

// fieldFrag compiles a field atom other than set:.
func fieldFrag(a *query.Atom) (*frag, error) {
	f := fieldSQL(a)
	if f == nil {
		// The parser only builds atoms for known fields: this one was
		// added to the language but not to the compiler.
		return nil, fmt.Errorf("compile query: field %q has no SQL", a.Field)
	}
	return f, nil
}

// fieldSQL compiles a field atom, or returns nil for an unknown field.
func fieldSQL(a *query.Atom) *frag {
	if col, ok := textColumns[a.Field]; ok {
		return &frag{sql: col + " = ? COLLATE NOCASE", args: []any{a.Value}, nullable: true}
	}
	if col, ok := numberColumns[a.Field]; ok {
		lo, _ := strconv.ParseInt(a.Value, 10, 64) // the parser checked it
		switch a.Op {
		case query.OpRange:
			hi, _ := strconv.ParseInt(a.High, 10, 64)
			return &frag{sql: col + " BETWEEN ? AND ?", args: []any{lo, hi}, nullable: true}
		case query.OpEq:
			return &frag{sql: col + " = ?", args: []any{lo}, nullable: true}
		default:
			return &frag{sql: col + " " + string(a.Op) + " ?", args: []any{lo}, nullable: true}
		}
	}
	switch a.Field {
	case "topic":
		return &frag{sql: topicSQL, args: []any{a.Value}}
	case "published":
		return &frag{sql: "a.published = ?", args: []any{boolInt(a.Value == "yes")}, nullable: true}
	case "has":
		if cond, ok := hasConditions[a.Value]; ok {
			return &frag{sql: cond}
		}
	case "git":
		if a.Value == "clean" {
			return &frag{sql: gitCleanSQL, compound: true}
		}
		return &frag{sql: "a.id IN (SELECT article_id FROM git_status WHERE state = ?)", args: []any{a.Value}}
	case "date":
		from, to := a.DateInterval()
		switch {
		case from == "":
			return &frag{sql: "a.published_at < ?", args: []any{to}, nullable: true}
		case to == "":
			return &frag{sql: "a.published_at >= ?", args: []any{from}, nullable: true}
		}
		return &frag{sql: "a.published_at >= ? AND a.published_at < ?", args: []any{from, to}, nullable: true, compound: true}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ftsIn matches articles whose full text matches (or, negated, does not
// match) the FTS5 expression m.
//
// The unary + keeps SQLite from driving the query from the match list (one
// rowid seek per match, then a sort): it scans the table or an ORDER BY
// index instead and probes the list through a Bloom filter. SQLite cannot
// tell how many rows a MATCH returns, and a common word or a short prefix
// (as typed into the search box) matches most articles, for which driving
// from the match list is much slower than the scan
// (BenchmarkListQuery/FullTextPrefixSorted); for a rare word it is the other
// way round. So when the compiler's probe says the match has few rows (a
// LIMITed count, cheap next to either plan), the + is left out and SQLite
// drives the query from the match list.
func (c *whereCompiler) ftsIn(m string, negated bool) *frag {
	if c.expand != nil {
		m = c.expand(m)
	}
	if negated {
		return &frag{sql: "a.id NOT " + ftsInSQL, args: []any{m}}
	}
	if c.few != nil && c.few(m) {
		return &frag{sql: "a.id " + ftsInSQL, args: []any{m}}
	}
	return &frag{sql: "+a.id " + ftsInSQL, args: []any{m}}
}

// ftsInSQL is the full-text condition's subquery; its one arg is the match.
const ftsInSQL = "IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"

// ftsOnly reports whether a compiled condition is one full-text match and
// nothing else (then counting the match counts the articles: the index has
// exactly one row per article).
func ftsOnly(where string) bool {
	return where == "a.id "+ftsInSQL || where == "+a.id "+ftsInSQL
}

// ftsExpr renders e as one FTS5 expression when it is made only of
// full-text words and phrases (positively: a lone negation is not one).
// Each word or phrase becomes an FTS5 string, so user text never reaches
// FTS5 as syntax.
func ftsExpr(e query.Expr) (string, bool) {
	switch e := e.(type) {
	case *query.Atom:
		if e.Field != "" {
			return "", false
		}
		s := `"` + ftsEscaper.Replace(e.Value) + `"`
		if e.Prefix && lastTokenLen(e.Value) >= minPrefix {
			s += " *"
		}
		return s, true
	case query.Or:
		parts := make([]string, len(e))
		for i, x := range e {
			m, ok := ftsExpr(x)
			if !ok {
				return "", false
			}
			parts[i] = m
		}
		return ftsGroup(parts, " OR "), true
	case query.And:
		var pos, neg []string
		for _, x := range e {
			if m, ok := ftsExpr(x); ok {
				pos = append(pos, m)
				continue
			}
			n, isNot := x.(query.Not)
			if !isNot {
				return "", false
			}
			m, ok := ftsExpr(n.X)
			if !ok {
				return "", false
			}
			neg = append(neg, m)
		}
		if len(pos) == 0 {
			return "", false
		}
		if len(neg) == 0 {
			return ftsGroup(pos, " AND "), true
		}
		return "(" + ftsGroup(pos, " AND ") + " NOT " + ftsGroup(neg, " OR ") + ")", true
	}
	return "", false
}

// ftsEscaper makes text one FTS5 string: a quote is doubled, and a NUL
// (which would end the string early) becomes a separator.
var ftsEscaper = strings.NewReplacer(`"`, `""`, "\x00", " ")

// minPrefix is the shortest last token matched as a prefix: the FTS table
// indexes prefixes of 2 and 3 characters, and a one-letter prefix would
// merge the lists of a large part of the vocabulary to filter almost nothing.
const minPrefix = 2

// lastTokenLen counts the characters of the last FTS5 token in s.
func lastTokenLen(s string) int {
	n, in := 0, false
	for _, r := range s {
		switch {
		case !isTokenRune(r):
			in = false
		case in:
			n++
		default:
			n, in = 1, true
		}
	}
	return n
}

// ftsGroup joins FTS5 expressions with op, parenthesized when more than one.
func ftsGroup(parts []string, op string) string {
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, op) + ")"
}

// prune drops full-text words without any letter or digit (FTS5 finds no
// token in them, so they would match nothing) and the nodes left empty.
func prune(e query.Expr) query.Expr {
	switch e := e.(type) {
	case *query.Atom:
		if e.Field == "" && !strings.ContainsFunc(e.Value, isTokenRune) {
			return nil
		}
		return e
	case query.Not:
		if x := prune(e.X); x != nil {
			return query.Not{X: x}
		}
		return nil
	case query.And:
		return pruneList(e, func(kept []query.Expr) query.Expr { return query.And(kept) })
	case query.Or:
		return pruneList(e, func(kept []query.Expr) query.Expr { return query.Or(kept) })
	}
	return e
}

// pruneList prunes the parts of a list, rebuilding it with mk when more than one is left.
func pruneList(parts []query.Expr, mk func([]query.Expr) query.Expr) query.Expr {
	kept := make([]query.Expr, 0, len(parts))
	for _, p := range parts {
		if x := prune(p); x != nil {
			kept = append(kept, x)
		}
	}
	switch len(kept) {
	case 0:
		return nil
	case 1:
		return kept[0]
	}
	return mk(kept)
}

// isTokenRune reports whether FTS5's unicode61 tokenizer keeps r in a token
// (letters, digits and private-use characters).
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}
