package query

import "strings"

// maxDepth bounds the nesting of parentheses and negations.
const maxDepth = 64

// Parse parses a query. An empty or blank query gives a Query with a nil Expr.
// Errors are *Error.
func Parse(q string) (*Query, error) {
	expr, _, err := parse(q)
	if err != nil {
		return nil, err
	}
	return &Query{Expr: expr}, nil
}

// item is one syntactic part of the top-level AND, with its source span.
type item struct {
	start, end int
	expr       Expr
}

// parse parses q and also returns the parts of its top-level AND (nil when
// the top level is an OR).
func parse(q string) (Expr, []item, error) {
	if err := checkLength(q); err != nil {
		return nil, nil, err
	}
	p := &parser{lx: lexer{src: q}}
	if err := p.advance(); err != nil {
		return nil, nil, err
	}
	switch p.tok.kind {
	case tEOF:
		return nil, nil, nil
	case tRParen:
		return nil, nil, errorf(q, p.tok.pos, "unexpected ): no matching (")
	}
	expr, items, err := p.or()
	if err != nil {
		return nil, nil, err
	}
	if p.tok.kind == tRParen {
		return nil, nil, errorf(q, p.tok.pos, "unexpected ): no matching (")
	}
	if p.lastBare != nil {
		p.lastBare.Prefix = true
	}
	return expr, items, nil
}

// parser is a recursive-descent parser over the lexer's tokens:
//
//	or    = and { "OR" and }
//	and   = unary { ["AND"] unary }
//	unary = "-" unary | "(" or ")" | word | phrase | field
type parser struct {
	lx       lexer
	tok      token // the current token
	prevEnd  int   // end of the last consumed token
	depth    int
	terms    int   // terms so far, bounded by MaxTerms
	lastBare *Atom // the last bare word, which gets prefix matching
}

// advance consumes the current token and reads the next.
func (p *parser) advance() error {
	p.prevEnd = p.tok.end
	tok, err := p.lx.next()
	if err != nil {
		return err
	}
	p.tok = tok
	return nil
}

// endsTerms reports whether the current token cannot start a term.
func (p *parser) endsTerms() bool {
	switch p.tok.kind {
	case tEOF, tRParen, tOr:
		return true
	}
	return false
}

// or parses terms joined by OR.
func (p *parser) or() (Expr, []item, error) {
	if p.tok.kind == tOr {
		return nil, nil, errorf(p.lx.src, p.tok.pos, "expected a term before OR")
	}
	first, items, err := p.and()
	if err != nil {
		return nil, nil, err
	}
	if p.tok.kind != tOr {
		return first, items, nil
	}
	var alts Or
	alts = appendFlat(alts, first)
	for p.tok.kind == tOr {
		orPos := p.tok.pos
		if err := p.advance(); err != nil {
			return nil, nil, err
		}
		if p.endsTerms() {
			return nil, nil, errorf(p.lx.src, orPos, "expected a term after OR")
		}
		next, _, err := p.and()
		if err != nil {
			return nil, nil, err
		}
		alts = appendFlat(alts, next)
	}
	return alts, nil, nil
}

// appendFlat appends e to an Or, splicing in the parts of an Or.
func appendFlat(alts Or, e Expr) Or {
	if o, ok := e.(Or); ok {
		return append(alts, o...)
	}
	return append(alts, e)
}

// and parses a run of terms (implicit AND, optional explicit AND).
func (p *parser) and() (Expr, []item, error) {
	var all And
	var items []item
	for {
		if p.tok.kind == tAnd {
			andPos := p.tok.pos
			if len(items) == 0 {
				return nil, nil, errorf(p.lx.src, andPos, "expected a term before AND")
			}
			if err := p.advance(); err != nil {
				return nil, nil, err
			}
			if p.endsTerms() || p.tok.kind == tAnd {
				return nil, nil, errorf(p.lx.src, andPos, "expected a term after AND")
			}
		}
		start := p.tok.pos
		e, err := p.unary()
		if err != nil {
			return nil, nil, err
		}
		items = append(items, item{start: start, end: p.prevEnd, expr: e})
		if a, ok := e.(And); ok {
			all = append(all, a...)
		} else {
			all = append(all, e)
		}
		if p.endsTerms() {
			break
		}
	}
	if len(all) == 1 {
		return all[0], items, nil
	}
	return all, items, nil
}

// unary parses a negation, a parenthesized group or a term.
func (p *parser) unary() (Expr, error) {
	tok := p.tok
	switch tok.kind {
	case tNeg:
		if err := p.deeper(tok.pos); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		if err := p.advance(); err != nil {
			return nil, err
		}
		if p.endsTerms() || p.tok.kind == tAnd {
			return nil, errorf(p.lx.src, tok.pos, `expected a term after "-"`)
		}
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return Not{X: x}, nil
	case tLParen:
		if err := p.deeper(tok.pos); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		if err := p.advance(); err != nil {
			return nil, err
		}
		switch p.tok.kind {
		case tRParen:
			return nil, errorf(p.lx.src, tok.pos, "empty parentheses")
		case tEOF:
			return nil, errorf(p.lx.src, tok.pos, "unclosed parenthesis: missing )")
		}
		x, _, err := p.or()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			return nil, errorf(p.lx.src, tok.pos, "unclosed parenthesis: missing )")
		}
		return x, p.advance()
	case tWord, tPhrase:
		a := &Atom{Value: tok.text, Quoted: tok.kind == tPhrase, Pos: tok.pos}
		if !a.Quoted {
			p.lastBare = a
			a.Prefix = len(a.Value) > 1 && strings.HasSuffix(a.Value, "*")
		}
		if err := p.countTerms(a); err != nil {
			return nil, err
		}
		return a, p.advance()
	case tField:
		a, err := fieldAtom(p.lx.src, tok)
		if err != nil {
			return nil, err
		}
		if err := p.countTerms(a); err != nil {
			return nil, err
		}
		return a, p.advance()
	case tAnd:
		return nil, errorf(p.lx.src, tok.pos, "expected a term after AND")
	}
	// tEOF, tRParen and tOr never reach here: callers check endsTerms first.
	return nil, errorf(p.lx.src, tok.pos, "expected a term")
}

// deeper enters one more level of nesting.
func (p *parser) deeper(pos int) error {
	p.depth++
	if p.depth > maxDepth {
		return errorf(p.lx.src, pos, "too deeply nested (more than %d levels)", maxDepth)
	}
	return nil
}
