package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seedarchive/seedarchive/internal/termsafe"
)

// Error is a malformed query, or a term that cannot be used (an unknown set).
type Error struct {
	Pos   int    // 0-based byte offset of the problem in Query
	Msg   string // what is wrong, e.g. `expected a number after "quality:>"`
	Query string // the query text Pos refers to
	Err   error  // the underlying cause, if any
}

// Error renders the problem with a 1-based column (in characters), e.g.
// `col 12: expected a number after "quality:>"`.
func (e *Error) Error() string {
	return fmt.Sprintf("col %d: %s", e.Col(), e.Msg)
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Col is the 1-based column of Pos, counted in characters.
func (e *Error) Col() int {
	pos := min(max(e.Pos, 0), len(e.Query))
	return utf8.RuneCountInString(e.Query[:pos]) + 1
}

// Caret renders the query on one line and a caret under the problem on the
// next, for terminals (no trailing newline). Control characters and
// direction overrides in the query (termsafe.Unsafe) are shown as spaces,
// so they cannot drive the terminal and the caret stays aligned.
func (e *Error) Caret() string {
	line := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || termsafe.Unsafe(r) {
			return ' '
		}
		return r
	}, e.Query)
	return line + "\n" + strings.Repeat(" ", e.Col()-1) + "^"
}

// errorf builds an *Error at pos in q.
func errorf(q string, pos int, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Query: q}
}
