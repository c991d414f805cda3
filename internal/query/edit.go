package query

import (
	"strings"
)

// Term renders one term as query text: field:value, quoting the value when
// it holds spaces, quotes or parentheses (topic:"Machine Learning"). With an
// empty field it renders a full-text word, or a "phrase" when needed.
func Term(field, value string) string {
	if field == "" {
		if isBareWord(value) {
			return value
		}
		return quote(value)
	}
	return field + ":" + quoteValue(value)
}

// HasTerm reports whether q requires term: each part of term (it may hold
// several, as in "topic:AI -type:blog") is one of q's top-level AND parts.
// Terms compare as the language does, ignoring case and spelling details
// (topic:ai equals topic:AI, quality:>=050 equals quality:>=50). When q is
// malformed it falls back to finding term among q's space-separated words.
func HasTerm(q, term string) bool {
	parts, err := topItems(term)
	if err != nil || len(parts) == 0 {
		return false
	}
	items, err := topItems(q)
	if err != nil {
		return hasWord(q, term)
	}
	for _, p := range parts {
		if indexItem(items, p.expr) < 0 {
			return false
		}
	}
	return true
}

// WithTerm returns q requiring term too: it appends the parts of term that q
// does not already require, and drops the parts of q that are their exact
// opposites (adding topic:AI drops -topic:AI, adding -topic:AI drops
// topic:AI). The rest of q keeps the user's text; a q whose top level is an
// OR is parenthesized first. A malformed q only gets term appended, unless
// q already contains it as a word.
func WithTerm(q, term string) string {
	parts, err := topItems(term)
	if err != nil || len(parts) == 0 {
		if strings.TrimSpace(term) == "" || hasWord(q, term) {
			return q
		}
		return join(strings.TrimRightFunc(q, isSpace), strings.TrimSpace(term))
	}
	items, err := topItems(q)
	if err != nil {
		if hasWord(q, term) {
			return q
		}
		return join(strings.TrimRightFunc(q, isSpace), strings.TrimSpace(term))
	}
	var add []textItem
	removed := false
	for _, p := range parts {
		if i := indexItem(items, opposite(p.expr)); i >= 0 {
			items = append(items[:i:i], items[i+1:]...)
			removed = true
		}
		if indexItem(items, p.expr) < 0 && indexItem(add, p.expr) < 0 {
			add = append(add, p)
		}
	}
	switch {
	case !removed && len(add) == 0:
		return q
	case !removed && len(items) > 0 && !items[0].parens:
		// Keep q exactly as typed and append.
		return strings.TrimRightFunc(q, isSpace) + " " + joinItems(add, true)
	}
	return joinItems(append(items, add...), false)
}

// WithoutTerm returns q without the top-level AND parts equal to a part of
// term (compared as in HasTerm). The other parts keep the user's text. A
// malformed q loses the space-separated words equal to term.
func WithoutTerm(q, term string) string {
	parts, err := topItems(term)
	if err != nil || len(parts) == 0 {
		return q
	}
	items, err := topItems(q)
	if err != nil {
		words := strings.Fields(q)
		kept := words[:0]
		for _, w := range words {
			if !strings.EqualFold(w, strings.TrimSpace(term)) {
				kept = append(kept, w)
			}
		}
		if len(kept) == len(words) {
			return q
		}
		return strings.Join(kept, " ")
	}
	removed := false
	for _, p := range parts {
		for {
			i := indexItem(items, p.expr)
			if i < 0 {
				break
			}
			items = append(items[:i:i], items[i+1:]...)
			removed = true
		}
	}
	if !removed {
		return q
	}
	return joinItems(items, false)
}

// textItem is one top-level AND part with its source text.
type textItem struct {
	expr   Expr
	text   string
	parens bool // text is a top-level OR: parenthesize it next to other parts
}

// topItems parses q into its top-level AND parts; a top-level OR is one part.
func topItems(q string) ([]textItem, error) {
	expr, items, err := parse(q)
	if err != nil || expr == nil {
		return nil, err
	}
	if items == nil { // top-level OR
		return []textItem{{expr: expr, text: strings.TrimSpace(q), parens: true}}, nil
	}
	out := make([]textItem, len(items))
	for i, it := range items {
		out[i] = textItem{expr: it.expr, text: q[it.start:it.end]}
	}
	return out, nil
}

// indexItem finds the part equal to e, or -1.
func indexItem(items []textItem, e Expr) int {
	s := e.String()
	for i, it := range items {
		if strings.EqualFold(it.expr.String(), s) {
			return i
		}
	}
	return -1
}

// opposite is the negation of e, or its operand when e is a negation.
func opposite(e Expr) Expr {
	if n, ok := e.(Not); ok {
		return n.X
	}
	return Not{X: e}
}

// joinItems renders parts separated by spaces, parenthesizing a top-level OR
// unless it stands alone (and more is not to follow).
func joinItems(items []textItem, more bool) string {
	texts := make([]string, len(items))
	for i, it := range items {
		texts[i] = it.text
		if it.parens && (more || len(items) > 1) {
			texts[i] = "(" + it.text + ")"
		}
	}
	return strings.Join(texts, " ")
}

// join joins two pieces of query text with a space when both are non-empty.
func join(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
}

// hasWord reports whether term appears in q as a space-separated word.
func hasWord(q, term string) bool {
	term = strings.TrimSpace(term)
	for _, w := range strings.Fields(q) {
		if strings.EqualFold(w, term) {
			return true
		}
	}
	return false
}

// UsesField reports whether q has a term of field anywhere (negated, in a
// group or an OR too); a malformed q uses none.
func UsesField(q, field string) bool {
	parsed, err := Parse(q)
	if err != nil {
		return false
	}
	var uses func(e Expr) bool
	uses = func(e Expr) bool {
		switch e := e.(type) {
		case *Atom:
			return e.Field == field
		case Not:
			return uses(e.X)
		case And:
			for _, x := range e {
				if uses(x) {
					return true
				}
			}
		case Or:
			for _, x := range e {
				if uses(x) {
					return true
				}
			}
		}
		return false
	}
	return uses(parsed.Expr)
}
