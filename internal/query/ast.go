package query

import (
	"strings"
)

// Query is a parsed query. Expr is nil for an empty query, which matches
// every article.
type Query struct {
	Expr Expr
}

// String renders the query in canonical form: Parse(q.String()) gives the
// same query back.
func (q *Query) String() string {
	if q == nil || q.Expr == nil {
		return ""
	}
	return q.Expr.String()
}

// Expr is a node of the query: *Atom, And, Or or Not.
type Expr interface {
	// String renders the node in canonical query syntax.
	String() string
	isExpr()
}

// And matches when every one of its parts matches. The parser never builds
// an And with fewer than two parts, nor one directly inside another.
type And []Expr

// Or matches when any of its parts matches. The parser never builds an Or
// with fewer than two parts, nor one directly inside another.
type Or []Expr

// Not matches when X does not.
type Not struct {
	X Expr
}

// Op is the comparison of a quality, heat or date term.
type Op string

// The comparisons. OpEq is written without an operator (quality:50,
// date:2020-02); OpRange is written lo..hi and includes both ends.
const (
	OpEq    Op = ""
	OpLt    Op = "<"
	OpLe    Op = "<="
	OpGt    Op = ">"
	OpGe    Op = ">="
	OpRange Op = ".."
)

// Atom is one search condition: full text when Field is "", else a field term.
type Atom struct {
	// Field is "" for full text, else a known field name in lower case
	// ("topic", "provider", "quality", "date", "has", ...).
	Field string
	// Value is the word, phrase or field value, unquoted. The parser
	// normalizes it for typed fields: numbers in decimal, published as
	// "yes" or "no", has: values in lower case. For OpRange it is the low bound.
	Value string
	// High is the high bound of an OpRange term.
	High string
	// Op is the comparison for quality, heat and date; OpEq otherwise.
	Op Op
	// Quoted marks full text written as a "quoted phrase".
	Quoted bool
	// Prefix marks a bare full-text word that also matches the words it
	// begins: the last bare word of the query, and any bare word written
	// with a trailing "*" (kept in Value). It is implied by the text, so
	// String does not show it.
	Prefix bool
	// Pos is the byte offset of the atom in the parsed text.
	Pos int
}

func (*Atom) isExpr() {}
func (And) isExpr()   {}
func (Or) isExpr()    {}
func (Not) isExpr()   {}

// String renders the atom, quoting when needed.
func (a *Atom) String() string {
	if a.Field == "" {
		if !a.Quoted && isBareWord(a.Value) {
			return a.Value
		}
		return quote(a.Value)
	}
	switch a.Op {
	case OpEq:
		return a.Field + ":" + quoteValue(a.Value)
	case OpRange:
		return a.Field + ":" + a.Value + ".." + a.High
	default:
		return a.Field + ":" + string(a.Op) + a.Value
	}
}

// String renders the parts separated by spaces; an Or part is parenthesized.
func (x And) String() string {
	parts := make([]string, len(x))
	for i, e := range x {
		parts[i] = e.String()
		if _, ok := e.(Or); ok {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, " ")
}

// String renders the parts separated by " OR "; an Or part is parenthesized.
func (x Or) String() string {
	parts := make([]string, len(x))
	for i, e := range x {
		parts[i] = e.String()
		if _, ok := e.(Or); ok {
			parts[i] = "(" + parts[i] + ")"
		}
	}
	return strings.Join(parts, " OR ")
}

// String renders "-" and the operand, parenthesized when it is an And or Or.
func (x Not) String() string {
	switch x.X.(type) {
	case And, Or:
		return "-(" + x.X.String() + ")"
	case nil:
		return "-()"
	}
	return "-" + x.X.String()
}

// quote renders s as a quoted string: \" for a quote, \\ for a backslash.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// quoteValue renders a field value bare when it reads back unchanged.
func quoteValue(v string) string {
	if v == "" || strings.ContainsFunc(v, func(r rune) bool { return isSpace(r) || r == '"' || r == '(' || r == ')' }) {
		return quote(v)
	}
	return v
}

// isBareWord reports whether s, written without quotes, reads back as one
// full-text word with the same text.
func isBareWord(s string) bool {
	lx := lexer{src: s}
	tok, err := lx.next()
	if err != nil || tok.kind != tWord || tok.text != s {
		return false
	}
	end, err := lx.next()
	return err == nil && end.kind == tEOF
}
