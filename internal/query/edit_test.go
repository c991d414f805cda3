package query

import "testing"

func TestTerm(t *testing.T) {
	tests := []struct{ field, value, want string }{
		{"topic", "AI", "topic:AI"},
		{"topic", "Machine Learning", `topic:"Machine Learning"`},
		{"provider", "Medical Xpress", `provider:"Medical Xpress"`},
		{"domain", "medicalxpress.com", "domain:medicalxpress.com"},
		{"topic", `say "hi"`, `topic:"say \"hi\""`},
		{"topic", `a\b`, `topic:a\b`},
		{"topic", `a\ b`, `topic:"a\\ b"`},
		{"topic", "f(x)", `topic:"f(x)"`},
		{"topic", "", `topic:""`},
		{"topic", "-x", `topic:-x`},
		{"quality", ">50", "quality:>50"},
		{"set", "To read", `set:"To read"`},
		{"", "neural", "neural"},
		{"", "deep learning", `"deep learning"`},
		{"", "OR", `"OR"`},
		{"", "-x", `"-x"`},
		{"", "topic:x", `"topic:x"`},
	}
	for _, tt := range tests {
		got := Term(tt.field, tt.value)
		if got != tt.want {
			t.Errorf("Term(%q, %q) = %q, want %q", tt.field, tt.value, got, tt.want)
			continue
		}
		// The rendered term reads back as that value.
		q, err := Parse(got)
		if tt.value == "" || tt.field == "quality" {
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", got, err)
			continue
		}
		if a, ok := q.Expr.(*Atom); !ok || a.Value != tt.value || a.Field != tt.field {
			t.Errorf("Parse(%q) = %#v, want field %q value %q", got, q.Expr, tt.field, tt.value)
		}
	}
}

func TestHasTerm(t *testing.T) {
	tests := []struct {
		q, term string
		want    bool
	}{
		{"topic:AI", "topic:AI", true},
		{"neural topic:ai", "topic:AI", true},
		{`neural topic:"AI"`, "topic:AI", true},
		{`topic:"Machine Learning" x`, `topic:"machine learning"`, true},
		{"quality:>=050", "quality:>=50", true},
		{"published:true", "published:yes", true},
		{"-topic:AI", "topic:AI", false},
		{"-topic:AI", "-topic:AI", true},
		{"topic:AI OR x", "topic:AI", false},
		{"(topic:AI x) y", "topic:AI", false},
		{"topic:AIs", "topic:AI", false},
		{"neur", "neur", true},
		{"topic:AI type:blog", "type:blog topic:AI", true},
		{"topic:AI", "type:blog topic:AI", false},
		{"", "topic:AI", false},
		{"topic:AI", "", false},
		{"topic:AI (", "topic:AI", true}, // malformed q: word search
		{"topic:AI (", "topic:ML", false},
		{"topic:AI", "topic:", false}, // malformed term
	}
	for _, tt := range tests {
		if got := HasTerm(tt.q, tt.term); got != tt.want {
			t.Errorf("HasTerm(%q, %q) = %v, want %v", tt.q, tt.term, got, tt.want)
		}
	}
}

func TestWithTerm(t *testing.T) {
	tests := []struct{ q, term, want string }{
		{"", "topic:AI", "topic:AI"},
		{"   ", "topic:AI", "topic:AI"},
		{"neur", "topic:AI", "neur topic:AI"},
		{"neur  ", "topic:AI", "neur topic:AI"},
		{"  (a  b)   c", `topic:"Machine Learning"`, `  (a  b)   c topic:"Machine Learning"`},
		{"topic:AI", "topic:AI", "topic:AI"},
		{"x topic:ai", "topic:AI", "x topic:ai"},
		{"a OR b", "topic:AI", "(a OR b) topic:AI"},
		{"", "a OR b", "a OR b"},
		{"x", "a OR b", "x (a OR b)"},
		{"x", "(a OR b)", "x (a OR b)"},
		{"x", "topic:AI type:blog", "x topic:AI type:blog"},
		{"x type:blog", "topic:AI type:blog", "x type:blog topic:AI"},
		{"x", "topic:AI topic:AI", "x topic:AI"},
		{"x -topic:AI y", "topic:AI", "x y topic:AI"},
		{"x AND -topic:AI", "topic:AI", "x topic:AI"},
		{"-topic:AI", "topic:AI", "topic:AI"},
		{"x topic:AI", "-topic:AI", "x -topic:AI"},
		{"-topic:AI OR b", "topic:AI", "(-topic:AI OR b) topic:AI"},
		{"topic:AI (", "type:blog", "topic:AI ( type:blog"}, // malformed q: appended
		{"topic:AI (", "topic:AI", "topic:AI ("},
		{"x", "topic:", "x topic:"}, // malformed term: appended as is
		{"x", "  ", "x"},
	}
	for _, tt := range tests {
		got := WithTerm(tt.q, tt.term)
		if got != tt.want {
			t.Errorf("WithTerm(%q, %q) = %q, want %q", tt.q, tt.term, got, tt.want)
		}
		_, qErr := Parse(tt.q)
		term, termErr := Parse(tt.term)
		if qErr == nil && termErr == nil && term.Expr != nil && !HasTerm(got, tt.term) {
			t.Errorf("HasTerm(WithTerm(%q, %q)) is false", tt.q, tt.term)
		}
	}
}

func TestWithoutTerm(t *testing.T) {
	tests := []struct{ q, term, want string }{
		{"topic:AI", "topic:AI", ""},
		{"neural  topic:ai   date:2020", "topic:AI", "neural date:2020"},
		{`x topic:"Machine  Learning"`, `topic:"Machine  Learning"`, "x"},
		{"topic:AI x topic:AI", "topic:AI", "x"},
		{"x AND topic:AI", "topic:AI", "x"},
		{"topic:AI AND x", "topic:AI", "x"},
		{"(a  OR b) topic:AI", "topic:AI", "(a  OR b)"},
		{"(a OR b) topic:AI c", "topic:AI", "(a OR b) c"},
		{"a OR b", "a", "a OR b"},
		{"a OR b", "a OR b", ""},
		{"-topic:AI x", "topic:AI", "-topic:AI x"},
		{"-topic:AI x", "-topic:AI", "x"},
		{"(topic:AI x) y", "topic:AI", "(topic:AI x) y"},
		{"x y z", "y", "x z"},
		{"topic:AI type:blog x", "type:blog topic:AI", "x"},
		{"x", "y", "x"},
		{"  x  ", "y", "  x  "},
		{"topic:AI (", "topic:AI", "("}, // malformed q: word removal
		{"x", "topic:", "x"},
	}
	for _, tt := range tests {
		got := WithoutTerm(tt.q, tt.term)
		if got != tt.want {
			t.Errorf("WithoutTerm(%q, %q) = %q, want %q", tt.q, tt.term, got, tt.want)
		}
		if _, err := Parse(tt.q); err == nil {
			if _, err := Parse(got); err != nil {
				t.Errorf("WithoutTerm(%q, %q) = %q does not parse: %v", tt.q, tt.term, got, err)
			}
		}
	}
}

func TestUsesField(t *testing.T) {
	tests := []struct {
		q, field string
		want     bool
	}{
		{"git:modified", "git", true},
		{"a -(b OR git:new)", "git", true},
		{"topic:git git", "git", false},
		{"", "git", false},
		{"git:dirty", "git", false}, // malformed
		{"(a OR topic:x) b", "topic", true},
	}
	for _, tt := range tests {
		if got := UsesField(tt.q, tt.field); got != tt.want {
			t.Errorf("UsesField(%q, %q) = %v, want %v", tt.q, tt.field, got, tt.want)
		}
	}
}
