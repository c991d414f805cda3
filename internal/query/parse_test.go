package query

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  \t ", ""},
		{"neural", "neural"},
		{"  neural   network  ", "neural network"},
		{`"deep learning"`, `"deep learning"`},
		{`"say \"hi\" \\ now"`, `"say \"hi\" \\ now"`},
		{`"a\b"`, `"a\\b"`}, // a lone backslash is literal
		{`""`, `""`},
		{`"OR"`, `"OR"`},
		{`or and`, `or and`}, // lower case: plain words
		{"covid-19 café", "covid-19 café"},
		{"http://example.com/a?b=c", "http://example.com/a?b=c"},
		{"12:30", "12:30"},
		{"topic:AI", "topic:AI"},
		{"Topic:AI", "topic:AI"},
		{`topic:"Machine Learning"`, `topic:"Machine Learning"`},
		{`topic:"AI"`, `topic:AI`},
		{`topic:"a\"b"`, `topic:"a\"b"`},
		{`topic:"(x)"`, `topic:"(x)"`},
		{`topic:C++`, `topic:C++`},
		{`provider:"Medical Xpress"`, `provider:"Medical Xpress"`},
		{`domain:medicalxpress.com`, `domain:medicalxpress.com`},
		{`category:news type:article`, `category:news type:article`},
		{`published:yes published:TRUE published:No published:false`, `published:yes published:yes published:no published:no`},
		{`set:"My reading"`, `set:"My reading"`},
		{`quality:>50`, `quality:>50`},
		{`quality:50`, `quality:50`},
		{`quality:=050`, `quality:50`},
		{`quality:>=-5 quality:<3 quality:<=0`, `quality:>=-5 quality:<3 quality:<=0`},
		{`heat:<=10`, `heat:<=10`},
		{`quality:10..20`, `quality:10..20`},
		{`quality:"10..20"`, `quality:10..20`},
		{`quality:7..7`, `quality:7..7`},
		{`date:2020-02`, `date:2020-02`},
		{`date:2020 date:2020-02-24`, `date:2020 date:2020-02-24`},
		{`date:>=2020-01-01 date:<2021 date:>2020-02 date:<=2019`, `date:>=2020-01-01 date:<2021 date:>2020-02 date:<=2019`},
		{`date:2019..2020`, `date:2019..2020`},
		{`date:2020-06..2020`, `date:2020-06..2020`},
		{`date:2024-02-29`, `date:2024-02-29`},
		{`HAS:Images has:body has:related has:topics`, `has:images has:body has:related has:topics`},
		{`GIT:Modified git:added -git:clean git:untracked`, `git:modified git:new -git:clean git:untracked`},
		{`-neural`, `-neural`},
		{`-topic:AI`, `-topic:AI`},
		{`-"a phrase"`, `-"a phrase"`},
		{`--x`, `--x`},
		{`a OR b`, `a OR b`},
		{`a b OR c`, `a b OR c`},
		{`a (b OR c)`, `a (b OR c)`},
		{`(a b) c`, `a b c`},
		{`((a))`, `a`},
		{`a OR (b OR c)`, `a OR b OR c`},
		{`(a OR b) OR c`, `a OR b OR c`},
		{`-(a OR b)`, `-(a OR b)`},
		{`-(a b)`, `-(a b)`},
		{`a AND b`, `a b`},
		{`(a OR b) AND c`, `(a OR b) c`},
		{`a"b"`, `a "b"`},
		{`a(b)`, `a b`},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		got := q.String()
		if got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		again, err := Parse(got)
		if err != nil {
			t.Errorf("Parse(%q) (canonical of %q): %v", got, tt.in, err)
			continue
		}
		if !reflect.DeepEqual(stripPos(again.Expr), stripPos(q.Expr)) {
			t.Errorf("canonical %q of %q parses differently", got, tt.in)
		}
	}
}

// stripPos returns a copy of e with the atoms' positions zeroed.
func stripPos(e Expr) Expr {
	switch e := e.(type) {
	case *Atom:
		c := *e
		c.Pos = 0
		return &c
	case Not:
		return Not{X: stripPos(e.X)}
	case And:
		out := make(And, len(e))
		for i, x := range e {
			out[i] = stripPos(x)
		}
		return out
	case Or:
		out := make(Or, len(e))
		for i, x := range e {
			out[i] = stripPos(x)
		}
		return out
	}
	return e
}

func TestParseTree(t *testing.T) {
	q, err := Parse(`neur -"x y" (topic:AI OR quality:10..20) date:>2020 net`)
	if err != nil {
		t.Fatal(err)
	}
	want := And{
		&Atom{Value: "neur", Pos: 0},
		Not{X: &Atom{Value: "x y", Quoted: true, Pos: 6}},
		Or{
			&Atom{Field: "topic", Value: "AI", Pos: 13},
			&Atom{Field: "quality", Value: "10", High: "20", Op: OpRange, Pos: 25},
		},
		&Atom{Field: "date", Value: "2020", Op: OpGt, Pos: 41},
		&Atom{Value: "net", Prefix: true, Pos: 52},
	}
	if !reflect.DeepEqual(q.Expr, want) {
		var got, exp []Atom
		walk(q.Expr, func(a *Atom) { got = append(got, *a) })
		walk(want, func(a *Atom) { exp = append(exp, *a) })
		t.Errorf("got %s %+v\nwant %s %+v", q, got, want, exp)
	}
}

func TestPrefixIsLastBareWord(t *testing.T) {
	tests := []struct {
		in     string
		prefix string // the Values of the prefix atoms, space-separated
	}{
		{"neur", "neur"},
		{"neural net", "net"},
		{"neur topic:AI", "neur"},
		{`neur "net"`, "neur"},
		{`"net"`, ""},
		{`topic:AI`, ""},
		{`a OR (b -c)`, "c"},
		{`neur* net`, "neur* net"},
		{`* net`, "net"},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		walk(q.Expr, func(a *Atom) {
			if a.Prefix {
				got = append(got, a.Value)
			}
		})
		want := strings.Fields(tt.prefix)
		if strings.Join(got, " ") != tt.prefix {
			t.Errorf("%q: prefix atoms %q, want %q", tt.in, got, want)
		}
	}
}

// walk calls fn for every atom of e.
func walk(e Expr, fn func(*Atom)) {
	switch e := e.(type) {
	case *Atom:
		fn(e)
	case Not:
		walk(e.X, fn)
	case And:
		for _, x := range e {
			walk(x, fn)
		}
	case Or:
		for _, x := range e {
			walk(x, fn)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in  string
		pos int
		msg string
	}{
		{`"abc`, 0, `unterminated quote`},
		{`neural "deep learning`, 7, `unterminated quote`},
		{`topic:"AI`, 6, `unterminated quote`},
		{`"a\"`, 0, `unterminated quote`},
		{`topic:`, 6, `empty value after "topic:"`},
		{`topic: AI`, 6, `empty value after "topic:"`},
		{`(topic:)`, 7, `empty value after "topic:"`},
		{`topic:""`, 6, `empty value after "topic:"`},
		{`Provider:`, 9, `empty value after "Provider:"`},
		{`foo:bar`, 0, `unknown field "foo" (known: category, date, domain, git, has, heat, provider, published, quality, set, topic, type)`},
		{`a title:x`, 2, `unknown field "title" (known: category, date, domain, git, has, heat, provider, published, quality, set, topic, type)`},
		{`quality:>`, 9, `expected a number after "quality:>"`},
		{`topic:AI quality:>`, 18, `expected a number after "quality:>"`},
		{`quality:abc`, 8, `expected a number after "quality:", found "abc"`},
		{`quality:>=5x`, 10, `expected a number after "quality:>=", found "5x"`},
		{`heat:1.5`, 5, `expected a number after "heat:", found "1.5"`},
		{`quality:99999999999999999999`, 8, `expected a number after "quality:", found "99999999999999999999"`},
		{`quality:10..`, 12, `expected a number after "quality:10.."`},
		{`quality:..20`, 8, `expected a number after "quality:"`},
		{`quality:1..x`, 11, `expected a number after "quality:1..", found "x"`},
		{`quality:20..10`, 8, `empty range: 20 is after 10`},
		{`quality:>1..2`, 9, `expected a number after "quality:>", found "1..2"`},
		{`date:x`, 5, `expected a date (YYYY, YYYY-MM or YYYY-MM-DD) after "date:", found "x"`},
		{`date:>=`, 7, `expected a date after "date:>="`},
		{`date:2020-1`, 5, `expected a date (YYYY, YYYY-MM or YYYY-MM-DD) after "date:", found "2020-1"`},
		{`date:2020/01`, 5, `expected a date (YYYY, YYYY-MM or YYYY-MM-DD) after "date:", found "2020/01"`},
		{`date:20200101`, 5, `expected a date (YYYY, YYYY-MM or YYYY-MM-DD) after "date:", found "20200101"`},
		{`date:2020-13`, 5, `bad date "2020-13": no such month`},
		{`date:2020-00-10`, 5, `bad date "2020-00-10": no such month`},
		{`date:2021-02-29`, 5, `bad date "2021-02-29": no such day`},
		{`date:2021-04-00`, 5, `bad date "2021-04-00": no such day`},
		{`date:<2020-02-30`, 6, `bad date "2020-02-30": no such day`},
		{`date:2021..2020`, 5, `empty range: 2021 is after 2020`},
		{`date:2020-03..2020-02`, 5, `empty range: 2020-03 is after 2020-02`},
		{`date:2019..2020-13`, 11, `bad date "2020-13": no such month`},
		{`has:pictures`, 4, `unknown has: value "pictures" (known: body, duplicate, images, related, topics)`},
		{`has:"im ages"`, 5, `unknown has: value "im ages" (known: body, duplicate, images, related, topics)`},
		{`git:dirty`, 4, `unknown git: value "dirty" (known: clean, conflicted, deleted, modified, new, renamed, untracked)`},
		{`published:maybe`, 10, `expected yes or no after "published:", found "maybe"`},
		{`OR`, 0, `expected a term before OR`},
		{`OR a`, 0, `expected a term before OR`},
		{`a OR`, 2, `expected a term after OR`},
		{`a OR OR b`, 2, `expected a term after OR`},
		{`(a OR) b`, 3, `expected a term after OR`},
		{`(OR a)`, 1, `expected a term before OR`},
		{`a AND`, 2, `expected a term after AND`},
		{`AND a`, 0, `expected a term before AND`},
		{`a AND AND b`, 2, `expected a term after AND`},
		{`a AND OR b`, 2, `expected a term after AND`},
		{`a OR AND b`, 5, `expected a term before AND`},
		{`-`, 0, `expected a term after "-"`},
		{`a - b`, 2, `expected a term after "-"`},
		{`(a -)`, 3, `expected a term after "-"`},
		{`-OR a`, 0, `expected a term after "-"`},
		{`(`, 0, `unclosed parenthesis: missing )`},
		{`(a`, 0, `unclosed parenthesis: missing )`},
		{`a (b (c)`, 2, `unclosed parenthesis: missing )`},
		{`)`, 0, `unexpected ): no matching (`},
		{`a)`, 1, `unexpected ): no matching (`},
		{`(a))`, 3, `unexpected ): no matching (`},
		{`topic:AI)x`, 8, `unexpected ): no matching (`},
		{`()`, 0, `empty parentheses`},
		{`a ( ) b`, 2, `empty parentheses`},
		{`café foo:x`, 6, `unknown field "foo" (known: category, date, domain, git, has, heat, provider, published, quality, set, topic, type)`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%q): want *Error, got %v", tt.in, err)
			continue
		}
		if e.Pos != tt.pos || e.Msg != tt.msg {
			t.Errorf("Parse(%q): got pos %d %q, want pos %d %q", tt.in, e.Pos, e.Msg, tt.pos, tt.msg)
		}
		if e.Query != tt.in {
			t.Errorf("Parse(%q): error query %q", tt.in, e.Query)
		}
	}
}

func TestParseTooDeep(t *testing.T) {
	in := ""
	for range maxDepth + 1 {
		in += "("
	}
	_, err := Parse(in + "a")
	var e *Error
	if !errors.As(err, &e) || e.Pos != maxDepth || e.Msg != "too deeply nested (more than 64 levels)" {
		t.Errorf("got %v", err)
	}
	ok := ""
	for range maxDepth {
		ok += "-"
	}
	if _, err := Parse(ok + "a"); err != nil {
		t.Errorf("%d negations: %v", maxDepth, err)
	}
}

func TestErrorRendering(t *testing.T) {
	_, err := Parse("topic:AI quality:>")
	var e *Error
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	if got, want := err.Error(), `col 19: expected a number after "quality:>"`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := e.Caret(), "topic:AI quality:>\n                  ^"; got != want {
		t.Errorf("Caret() =\n%s\nwant\n%s", got, want)
	}

	// Columns count characters, not bytes; control characters become spaces.
	_, err = Parse("café\tfoo:x")
	if !errors.As(err, &e) {
		t.Fatal(err)
	}
	if e.Pos != 6 || e.Col() != 6 {
		t.Errorf("pos %d col %d, want 6 and 6", e.Pos, e.Col())
	}
	if got, want := e.Caret(), "café foo:x\n     ^"; got != want {
		t.Errorf("Caret() =\n%s\nwant\n%s", got, want)
	}

	cause := errors.New("cause")
	wrapped := &Error{Pos: 0, Msg: "m", Query: "q", Err: cause}
	if !errors.Is(wrapped, cause) {
		t.Error("Unwrap does not reach the cause")
	}
}

func TestDateInterval(t *testing.T) {
	tests := []struct{ in, from, to string }{
		{"date:2020", "2020-01-01", "2021-01-01"},
		{"date:2020-02", "2020-02-01", "2020-03-01"},
		{"date:2020-12", "2020-12-01", "2021-01-01"},
		{"date:2020-02-29", "2020-02-29", "2020-03-01"},
		{"date:2020-12-31", "2020-12-31", "2021-01-01"},
		{"date:>=2020-01-01", "2020-01-01", ""},
		{"date:>2020", "2021-01-01", ""},
		{"date:<2021", "", "2021-01-01"},
		{"date:<=2020-02", "", "2020-03-01"},
		{"date:2019..2020", "2019-01-01", "2021-01-01"},
		{"date:2019-06..2019-06-15", "2019-06-01", "2019-06-16"},
		{"date:9999", "9999-01-01", "9999-12-32"},
		{"date:0000-01", "0000-01-01", "0000-02-01"},
		{"quality:5", "", ""},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		from, to := q.Expr.(*Atom).DateInterval()
		if from != tt.from || to != tt.to {
			t.Errorf("%s: [%s, %s), want [%s, %s)", tt.in, from, to, tt.from, tt.to)
		}
	}
}

func TestStringOfBuiltTrees(t *testing.T) {
	tests := []struct {
		e    Expr
		want string
	}{
		{&Atom{Value: "two words"}, `"two words"`},
		{&Atom{Value: "OR"}, `"OR"`},
		{&Atom{Value: "-x"}, `"-x"`},
		{&Atom{Value: "topic:x"}, `"topic:x"`},
		{&Atom{Value: ""}, `""`},
		{&Atom{Field: "topic", Value: ""}, `topic:""`},
		{Or{And{&Atom{Value: "a"}, &Atom{Value: "b"}}, Or{&Atom{Value: "c"}, &Atom{Value: "d"}}}, `a b OR (c OR d)`},
		{Not{X: Not{X: &Atom{Value: "a"}}}, `--a`},
		{Not{}, `-()`},
		{And{Or{&Atom{Value: "a"}, &Atom{Value: "b"}}, &Atom{Value: "c"}}, `(a OR b) c`},
	}
	for _, tt := range tests {
		if got := tt.e.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	var nilQuery *Query
	if nilQuery.String() != "" {
		t.Error("nil Query renders non-empty")
	}
}
