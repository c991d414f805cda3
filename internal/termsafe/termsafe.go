// Package termsafe escapes text for printing to a terminal or a log, so that
// a file name or title taken from an archive or a zip cannot move the
// cursor, change colours, forge an extra output line or reorder what
// follows it on screen.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every unsafe character (see Unsafe) written as a Go
// escape: \n, \t, \r for those three, \xNN for other C0 controls, DEL and
// bytes that are not UTF-8, and \uNNNN for C1 controls and Unicode
// direction and line separators. Other text, backslashes included, is kept
// as it is, so ordinary names print unchanged. Use it on every name, title
// or reason that seedctl prints for people; never on article bytes, which
// must be written byte for byte, nor on JSON, which escapes them already.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && Unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case Unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Unsafe reports whether printing r raw could change how a terminal shows
// the text around it: C0 controls (line breaks and tabs too, which would
// let one name pass for several lines or columns), DEL, C1 controls (0x9B
// starts an escape sequence on some terminals), the bidirectional marks,
// embeddings, overrides and isolates (U+061C, U+200E-U+200F,
// U+202A-U+202E, U+2066-U+2069), which reorder what follows them, and the
// line and paragraph separators U+2028 and U+2029.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// needsEscape reports whether s holds an unsafe character or a byte that is
// not UTF-8; most text does not, and Escape returns it without copying.
func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || Unsafe(r) {
			return true
		}
		i += n
	}
	return false
}
