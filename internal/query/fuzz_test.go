package query

import (
	"errors"
	"reflect"
	"testing"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "neural network", `"deep learning" -topic:AI`, `topic:"Machine Learning" OR provider:"Medical Xpress"`,
		"quality:>50 heat:<=10 quality:10..20", "date:2020-02 date:>=2020-01-01 date:2019..2020",
		"has:images -(a OR b) published:yes set:Reading", `a AND (b OR -"c\"d") ((e))`,
		`"unterminated`, "quality:>", "a OR", "(a", "a)", "foo:bar", "- x", "date:2021-02-30",
		"http://x.y/z café 12:30", "\x00\xff(\"", "--x", "a\u00a0b\u2003c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Parse(%q): error %T is not *Error", s, err)
			}
			if e.Pos < 0 || e.Pos > len(s) || e.Query != s {
				t.Fatalf("Parse(%q): error pos %d outside the query (or query %q)", s, e.Pos, e.Query)
			}
			_ = e.Caret()
			return
		}
		canon := q.String()
		again, err := Parse(canon)
		if err != nil {
			t.Fatalf("canonical %q of %q does not parse: %v", canon, s, err)
		}
		if again.String() != canon {
			t.Fatalf("canonical form not stable: %q -> %q -> %q", s, canon, again.String())
		}
		if !reflect.DeepEqual(stripPos(again.Expr), stripPos(q.Expr)) {
			t.Fatalf("canonical %q of %q parses to a different tree", canon, s)
		}
		for _, term := range []string{"topic:AI", "-x", "a OR b"} {
			with := WithTerm(s, term)
			if _, err := Parse(with); err != nil {
				t.Fatalf("WithTerm(%q, %q) = %q: %v", s, term, with, err)
			}
			if !HasTerm(with, term) {
				t.Fatalf("HasTerm(WithTerm(%q, %q) = %q) is false", s, term, with)
			}
			without := WithoutTerm(with, term)
			if _, err := Parse(without); err != nil {
				t.Fatalf("WithoutTerm(%q, %q) = %q: %v", with, term, without, err)
			}
			if HasTerm(without, term) {
				t.Fatalf("HasTerm(WithoutTerm(%q, %q) = %q) is true", with, term, without)
			}
		}
	})
}
