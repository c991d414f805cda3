package storage

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seedarchive/seedarchive/internal/query"
)

// setResolver looks up a set by name: its id, and its saved query when it is a smart set.
type setResolver func(name string) (id int64, query string, err error)

// maxSetDepth bounds how deeply smart sets may refer to other smart sets.
const maxSetDepth = 16

// errSetCycle marks a smart set that refers to itself, directly or not.
var errSetCycle = errors.New("smart set cycle")

// errTooManyTerms marks a query whose smart sets, expanded, take it past
// query.MaxTerms terms. The bound that keeps a typed query quick applies to
// what runs: a query of a few set: terms may stand for many more terms, and
// smart sets that share a set (a diamond) would otherwise double its terms
// at each level.
var errTooManyTerms = errors.New("too many terms")

// maxCompiledDepth bounds the nesting of a query with its smart sets
// expanded (negations, groups and smart sets inside each other). SQLite
// refuses an expression deeper than 1,000 levels when the statement is
// prepared; a level of the query adds one level of SQL, and a list of k
// parts up to k-1 more (at most query.MaxTerms in all), so 256 levels stay
// well inside it. Each query is bounded by the parser's 64 levels; smart
// sets nested 16 deep could otherwise reach 1,024.
const maxCompiledDepth = 256

// errTooDeep marks a query whose smart sets, expanded, nest it past maxCompiledDepth.
var errTooDeep = errors.New("nested too deeply")

// compileWhere turns a query-language string into an SQL boolean expression
// over the table alias "a" (article) and its args. An empty query is "1".
// Errors are *query.Error: malformed text, an unknown set (wrapping the
// resolver's error), a smart set whose query is bad or refers back to itself.
func compileWhere(q string, sets setResolver) (string, []any, error) {
	return compileWhereSized(q, sets, nil)
}

// compileWhereSized is compileWhere with a probe that tells whether a
// full-text match has few rows, so that SQLite may drive such a query from
// the match list (see ftsIn); a nil probe treats every match as large.
func compileWhereSized(q string, sets setResolver, few func(match string) bool) (string, []any, error) {
	return compileWhereExpanded(q, sets, few, nil)
}

// compileWhereExpanded is compileWhereSized with expand, which rewrites
// each full-text match before it is used (nil: none; see Archive.where).
func compileWhereExpanded(q string, sets setResolver, few func(match string) bool, expand func(match string) string) (string, []any, error) {
	c := &whereCompiler{sets: sets, few: few, expand: expand}
	f, err := c.query(q)
	if err != nil {
		return "", nil, err
	}
	if f == nil {
		return "1", nil, nil
	}
	return f.sql, f.args, nil
}

// frag is a compiled SQL boolean expression with its args.
type frag struct {
	sql      string
	args     []any
	nullable bool // may be NULL (a comparison on a column that may be NULL)
	compound bool // an AND or OR list: parenthesize it inside another
}

// whereCompiler compiles one query, following smart sets.
type whereCompiler struct {
	sets setResolver
	few  func(match string) bool // nil: every full-text match counts as large
	// expand rewrites a full-text match as an equal one (nil: kept).
	expand func(match string) string
	stack  []string // smart sets being expanded (names folded like NOCASE)
	terms  int      // terms compiled so far, smart sets expanded; bounded by query.MaxTerms
	depth  int      // nesting of the node being compiled, smart sets expanded; bounded by maxCompiledDepth
}

// query parses and compiles q; nil means no condition.
func (c *whereCompiler) query(q string) (*frag, error) {
	parsed, err := query.Parse(q)
	if err != nil {
		return nil, err
	}
	c.terms += query.SizeOf(parsed.Expr, isSet)
	switch parsed.Expr.(type) {
	case query.And, query.Or:
		if len(c.stack) > 0 { // a smart set's query of several terms is a group in the query using it
			c.terms += query.GroupWeight
		}
	}
	if c.terms > query.MaxTerms {
		return nil, errTooManyTerms
	}
	e := prune(parsed.Expr)
	if e == nil {
		return nil, nil
	}
	return c.expr(e, q)
}

// isSet reports a set: term, which the compiler weighs when it expands it:
// a manual set counts one term, a smart set what its query weighs.
func isSet(a *query.Atom) bool { return a.Field == "set" }

// expr compiles one node; q is the text it was parsed from, for errors.
func (c *whereCompiler) expr(e query.Expr, q string) (*frag, error) {
	if m, ok := ftsExpr(e); ok {
		return c.ftsIn(m, false), nil
	}
	if _, atom := e.(*query.Atom); !atom {
		if c.depth++; c.depth > maxCompiledDepth {
			return nil, errTooDeep
		}
		defer func() { c.depth-- }()
	}
	switch e := e.(type) {
	case *query.Atom:
		if e.Field == "set" {
			return c.set(e, q)
		}
		return fieldFrag(e)
	case query.Not:
		if m, ok := ftsExpr(e.X); ok {
			return c.ftsIn(m, true), nil
		}
		x, err := c.expr(e.X, q)
		if err != nil {
			return nil, err
		}
		if x.nullable {
			return &frag{sql: "(" + x.sql + ") IS NOT 1", args: x.args}, nil
		}
		return &frag{sql: "NOT (" + x.sql + ")", args: x.args}, nil
	case query.And:
		return c.list(e, " AND ", q)
	case query.Or:
		return c.list(e, " OR ", q)
	}
	return nil, fmt.Errorf("compile query: unexpected node %T", e)
}

// list compiles the parts of an And or Or. Its full-text parts become one
// MATCH: in an AND, positive words and phrases combine with AND and the
// negated ones with NOT; in an OR, the words and phrases combine with OR.
func (c *whereCompiler) list(parts []query.Expr, sep, q string) (*frag, error) {
	var pos, neg, topics []string
	var rest []query.Expr
	for _, p := range parts {
		if t, ok := mergedTopic(p, sep); ok {
			topics = append(topics, t)
		} else if m, ok := ftsExpr(p); ok {
			pos = append(pos, m)
		} else if n, isNot := p.(query.Not); isNot && sep == " AND " {
			if m, ok := ftsExpr(n.X); ok {
				neg = append(neg, m)
			} else {
				rest = append(rest, p)
			}
		} else {
			rest = append(rest, p)
		}
	}
	var frags []*frag
	switch {
	case len(pos) > 0 && sep == " OR ":
		frags = append(frags, c.ftsIn(strings.Join(pos, " OR "), false))
	case len(pos) > 0 && len(neg) > 0:
		frags = append(frags, c.ftsIn(ftsGroup(pos, " AND ")+" NOT "+ftsGroup(neg, " OR "), false))
	case len(pos) > 0:
		frags = append(frags, c.ftsIn(strings.Join(pos, " AND "), false))
	case len(neg) > 0:
		frags = append(frags, c.ftsIn(strings.Join(neg, " OR "), true))
	}
	switch {
	case len(topics) == 1 && sep == " OR ":
		frags = append(frags, fieldSQL(&query.Atom{Field: "topic", Value: topics[0]}))
	case len(topics) == 1:
		frags = append(frags, &frag{sql: "NOT (" + topicSQL + ")", args: []any{topics[0]}})
	case len(topics) > 1:
		frags = append(frags, topicsIn(topics, sep == " AND "))
	}
	for _, p := range rest {
		f, err := c.expr(p, q)
		if err != nil {
			return nil, err
		}
		frags = append(frags, f)
	}
	if len(frags) == 1 {
		return frags[0], nil
	}
	out := &frag{compound: true}
	sqls := make([]string, len(frags))
	for i, f := range frags {
		sqls[i] = f.sql
		if f.compound {
			sqls[i] = "(" + f.sql + ")"
		}
		out.args = append(out.args, f.args...)
		out.nullable = out.nullable || f.nullable
	}
	out.sql = strings.Join(sqls, sep)
	return out, nil
}

// set compiles set:NAME: membership of a manual set, or a smart set's saved
// query compiled in place.
func (c *whereCompiler) set(a *query.Atom, q string) (*frag, error) {
	name := a.Value
	fail := func(err error, format string, args ...any) error {
		return &query.Error{Pos: a.Pos, Msg: fmt.Sprintf(format, args...), Query: q, Err: err}
	}
	if c.sets == nil {
		return nil, fail(nil, "set %q: sets are not available here", name)
	}
	key := foldASCII(name)
	for i, s := range c.stack {
		if s == key {
			chain := append(append([]string{}, c.stack[i:]...), key)
			return nil, fail(errSetCycle, "smart set %q refers to itself (%s)", name, strings.Join(chain, " → "))
		}
	}
	id, saved, err := c.sets(name)
	switch {
	case errors.Is(err, ErrNotFound):
		return nil, fail(err, "unknown set %q", name)
	case err != nil && strings.HasPrefix(err.Error(), fmt.Sprintf("set %q", name)):
		return nil, fail(err, "%v", err) // the resolver named the set already
	case err != nil:
		return nil, fail(err, "set %q: %v", name, err)
	}
	if strings.TrimSpace(saved) == "" {
		if saved != "" { // a smart set whose query is blank matches everything
			return &frag{sql: "1"}, nil
		}
		if c.terms++; c.terms > query.MaxTerms {
			return nil, fail(errTooManyTerms, "too many terms: a query may hold at most %d, with its smart sets expanded", query.MaxTerms)
		}
		return &frag{sql: "a.id IN (SELECT article_id FROM set_member WHERE set_id = ?)", args: []any{id}}, nil
	}
	if len(c.stack) >= maxSetDepth {
		return nil, fail(nil, "smart set %q: smart sets nested more than %d deep", name, maxSetDepth)
	}
	c.stack = append(c.stack, key)
	f, err := c.query(saved)
	c.stack = c.stack[:len(c.stack)-1]
	var qe *query.Error
	switch {
	case errors.Is(err, errSetCycle) && errors.As(err, &qe):
		return nil, fail(qe.Err, "%s", qe.Msg) // report the cycle where the user wrote it
	case errors.Is(err, errTooManyTerms):
		return nil, fail(errTooManyTerms, "too many terms: smart set %q takes the query past %d terms", name, query.MaxTerms)
	case errors.Is(err, errTooDeep):
		return nil, fail(errTooDeep, "nested too deeply: smart set %q takes the query past %d levels", name, maxCompiledDepth)
	case err != nil:
		return nil, fail(err, "smart set %q has a bad query: %v", name, err)
	case f == nil:
		return &frag{sql: "1"}, nil
	}
	f.compound = true
	return f, nil
}

// foldASCII lowers ASCII letters only, as SQLite's NOCASE does.
func foldASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}
