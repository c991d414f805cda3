package seedfile

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func TestParseRefusals(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"empty file", "", 1, "no front matter"},
		{"no opening", "title: x\n---\n", 1, "no front matter"},
		{"opening not alone", "--- x\ntitle: x\n---\n", 1, "no front matter"},
		{"text before opening", "\n---\ntitle: x\n---\n", 1, "no front matter"},
		{"no closing", "---\ntitle: x\n", 1, "no closing ---"},
		{"only opening", "---", 1, "no closing ---"},
		{"bad yaml", "---\ntitle: x\nexcerpt: [unclosed\n---\n", 3, "invalid YAML"},
		{"bad indentation", "---\ntitle: x\n  bad: y\n---\n", 3, "invalid YAML"},
		{"unterminated quote", "---\na: 1\ntitle: \"x\n---\n", 3, "invalid YAML"},
		{"list item in mapping", "---\na: 1\nb: 2\nc: 3\n- d\n---\n", 5, "invalid YAML"},
		{"bad after multi-line flow", "---\na: [1,\n  2]\nb: 1\n- x\n---\n", 5, "invalid YAML"},
		{"unclosed flow mapping", "---\na: 1\np: {name: x\n---\n", 3, "invalid YAML"},
		{"tab indentation", "---\nprovider:\n\tname: x\n---\n", 3, "invalid YAML"},
		{"duplicate top", "---\ntitle: a\nquality: 1\ntitle: b\n---\n", 4, `duplicate key "title" (first defined on line 2)`},
		{"duplicate nested", "---\nprovider:\n  name: a\n  name: b\n---\n", 4, `duplicate key "name"`},
		{"duplicate deep in list", "---\nrelated:\n  - title: a\n    images:\n      - url: x\n        url: y\n---\n", 6, `duplicate key "url"`},
		{"duplicate in flow", "---\np: {a: 1, a: 2}\n---\n", 2, `duplicate key "a"`},
		{"top not mapping: list", "---\n- a\n- b\n---\n", 2, "not a YAML mapping"},
		{"top not mapping: scalar", "---\n\njust text\n---\n", 3, "not a YAML mapping"},
		{"invalid utf8", "---\ntitle: ok\nexcerpt: \xff\xfe\n---\n", 3, "invalid UTF-8"},
		{"invalid utf8 in body", "---\ntitle: ok\n---\n\nbody \xc3\n", 5, "invalid UTF-8"},
		{"binary", "---\ntitle: a\x00b\n---\n", 2, "NUL"},
		{"binary in body", "---\ntitle: x\n---\nx\n\x00", 5, "NUL"},
		{"alias bomb", aliasBomb(6), 5, "YAML aliases expand to more than 10000 nodes (at *a2)"},
		{"alias bomb in a flow mapping", "---\n{a0: &a0 [x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x], a1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0],\n a2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1],\n b: [*a2, *a2]}\n---\n", 4, "expand to more than"},
		{"recursive alias", "---\ntitle: x\na: &x [1, *x]\n---\n", 3, "the YAML alias *x repeats the value it is inside (line 3)"},
		{"recursive alias in a mapping", "---\np: &p\n  name: x\n  self: *p\n---\n", 4, "repeats the value it is inside (line 2)"},
		{"alias as key", "---\na: &k x\n*k : y\n---\n", 3, "alias as a mapping key"},
		{"anchor on key", "---\ntitle: x\n&k a: x\n---\n", 3, "anchor on a mapping key"},
		{"unknown anchor", "---\ntitle: x\nb: *nope\n---\n", 3, "unknown anchor"},
		{"complex key", "---\ntitle: x\n? [a, b]\n: c\n---\n", 3, "key is not a scalar"},
		{"mapping key", "---\n{a: 1}: x\n---\n", 2, "key is not a scalar"},
		{"document marker", "---\ntitle: x\n--- b\nb: 1\n---\n", 3, "document marker"},
		{"document end marker", "---\ntitle: x\n...\nb: 1\n---\n", 3, "document marker"},
		{"bom then junk", "\uFEFFtitle: x\n", 1, "no front matter"},
		{"crlf bad yaml", "---\r\ntitle: x\r\nexcerpt: [\r\n---\r\n", 3, "invalid YAML"},
		{"line after LS", "---\nexcerpt: \"a\u2028b\"\ntitle: x\ntitle: y\n---\n", 4, "duplicate key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(tt.in))
			if err == nil {
				t.Fatalf("Parse accepted it: %q", d.Bytes())
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.Line != tt.line || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("got %q, want line %d with %q", err, tt.line, tt.msg)
			}
			if want := "line " + strconv.Itoa(pe.Line) + ": " + pe.Msg; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err.Error(), want)
			}
		})
	}
}

func TestParseRefusesOversize(t *testing.T) {
	big := "---\ntitle: x\n---\n" + strings.Repeat("a", MaxSize)
	_, err := Parse([]byte(big))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 1 || !strings.Contains(pe.Msg, "limit") {
		t.Fatalf("got %v, want a size refusal on line 1", err)
	}
	ok := "---\ntitle: x\n---\n" + strings.Repeat("a", MaxSize-len("---\ntitle: x\n---\n"))
	if _, err := Parse([]byte(ok)); err != nil {
		t.Fatalf("a file of exactly MaxSize bytes is refused: %v", err)
	}
}

func TestParseAccepts(t *testing.T) {
	tests := []struct{ name, in, body string }{
		{"empty front matter", "---\n---\n", ""},
		{"comment-only front matter", "---\n# nothing\n---\nbody", "body"},
		{"trailing spaces on markers", "---  \ntitle: x\n---\t \n\nbody\n", "body\n"},
		{"closing at end of file", "---\ntitle: x\n---", ""},
		{"separator only", "---\ntitle: x\n---\n\n", ""},
		{"two blank lines", "---\ntitle: x\n---\n\n\nbody", "\nbody"},
		{"mixed endings use the first", "---\r\ntitle: x\n---\r\nbody\r\n", "body\r\n"},
		{"four dashes are a plain key", "---\n----: x\n---\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(d.Bytes()) != tt.in || d.Body() != tt.body || d.Article().Body != tt.body {
				t.Errorf("Bytes %q Body %q, want %q", d.Bytes(), d.Body(), tt.body)
			}
		})
	}
}

// aliasBomb returns the "billion laughs": levels of lists of ten aliases
// of the list before.
func aliasBomb(levels int) string {
	var b strings.Builder
	b.WriteString("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < levels; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	b.WriteString("---\n")
	return b.String()
}
