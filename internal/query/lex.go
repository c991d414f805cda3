package query

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a lexical token.
type tokKind int

const (
	tEOF    tokKind = iota
	tWord           // a bare word
	tPhrase         // a "quoted phrase"
	tField          // name:value
	tLParen         // (
	tRParen         // )
	tNeg            // - directly before a term
	tOr             // OR
	tAnd            // AND
)

// token is one lexical token; pos and end are byte offsets in the source.
type token struct {
	kind     tokKind
	pos, end int
	text     string // tWord, tPhrase: the text; tField: the name as written
	value    string // tField: the value, unquoted
	valuePos int    // tField: offset of the value (of its quote when quoted)
}

// lexer splits a query into tokens, one at a time.
type lexer struct {
	src string
	i   int
}

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// isWordEnd reports whether r ends a bare word or an unquoted value.
func isWordEnd(r rune) bool { return isSpace(r) || r == '(' || r == ')' || r == '"' }

// peekRune returns the rune at byte offset i, or -1 at the end.
func (l *lexer) peekRune(i int) rune {
	if i >= len(l.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(l.src[i:])
	return r
}

// skipSpace advances past white space.
func (l *lexer) skipSpace() {
	for l.i < len(l.src) {
		r, n := utf8.DecodeRuneInString(l.src[l.i:])
		if !isSpace(r) {
			return
		}
		l.i += n
	}
}

// scanUntil advances from i past runes for which stop is false; it returns the end.
func (l *lexer) scanUntil(i int, stop func(rune) bool) int {
	for i < len(l.src) {
		r, n := utf8.DecodeRuneInString(l.src[i:])
		if stop(r) {
			break
		}
		i += n
	}
	return i
}

// next returns the next token.
func (l *lexer) next() (token, error) {
	l.skipSpace()
	start := l.i
	if start >= len(l.src) {
		return token{kind: tEOF, pos: start, end: start}, nil
	}
	switch l.src[start] {
	case '(':
		l.i++
		return token{kind: tLParen, pos: start, end: l.i}, nil
	case ')':
		l.i++
		return token{kind: tRParen, pos: start, end: l.i}, nil
	case '"':
		text, end, err := l.quoted(start)
		if err != nil {
			return token{}, err
		}
		l.i = end
		return token{kind: tPhrase, pos: start, end: end, text: text}, nil
	case '-':
		if r := l.peekRune(start + 1); r == -1 || isSpace(r) || r == ')' {
			return token{}, errorf(l.src, start, `expected a term after "-"`)
		}
		l.i++
		return token{kind: tNeg, pos: start, end: l.i}, nil
	}
	if name := l.fieldName(start); name != "" {
		return l.field(start, name)
	}
	end := l.scanUntil(start, isWordEnd)
	l.i = end
	text := l.src[start:end]
	switch text {
	case "OR":
		return token{kind: tOr, pos: start, end: end}, nil
	case "AND":
		return token{kind: tAnd, pos: start, end: end}, nil
	}
	return token{kind: tWord, pos: start, end: end, text: text}, nil
}

// fieldName returns the name of a field term starting at i (letters, digits
// and underscores, starting with a letter, then a colon), or "" when the text
// there is not a field term. A URL such as http://x is not a field term.
func (l *lexer) fieldName(i int) string {
	j := i
	for j < len(l.src) {
		c := l.src[j]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || j > i && c >= '0' && c <= '9' {
			j++
			continue
		}
		break
	}
	if j == i || j >= len(l.src) || l.src[j] != ':' || strings.HasPrefix(l.src[j:], "://") {
		return ""
	}
	return l.src[i:j]
}

// field lexes name:value starting at start.
func (l *lexer) field(start int, name string) (token, error) {
	vpos := start + len(name) + 1
	tok := token{kind: tField, pos: start, text: name, valuePos: vpos}
	if l.peekRune(vpos) == '"' {
		text, end, err := l.quoted(vpos)
		if err != nil {
			return token{}, err
		}
		tok.value, tok.end = text, end
	} else {
		tok.end = l.scanUntil(vpos, isWordEnd)
		tok.value = l.src[vpos:tok.end]
	}
	if tok.value == "" {
		return token{}, errorf(l.src, vpos, "empty value after %q", name+":")
	}
	l.i = tok.end
	return tok, nil
}

// quoted reads a quoted string whose opening quote is at start; it returns
// the unescaped text and the offset after the closing quote.
func (l *lexer) quoted(start int) (string, int, error) {
	var b strings.Builder
	for i := start + 1; i < len(l.src); i++ {
		switch c := l.src[i]; c {
		case '"':
			return b.String(), i + 1, nil
		case '\\':
			if i+1 < len(l.src) && (l.src[i+1] == '"' || l.src[i+1] == '\\') {
				i++
				b.WriteByte(l.src[i])
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, errorf(l.src, start, "unterminated quote")
}
