package query

import (
	"errors"
	"strings"
	"testing"
)

// words returns n distinct words separated by sep.
func words(n int, sep string) string {
	w := make([]string, n)
	for i := range w {
		w[i] = "w" + strings.Repeat("x", i%7) + string(rune('a'+i%26))
	}
	return strings.Join(w, sep)
}

// TestQueryBounds checks each bound: the longest accepted query of each
// shape parses, and one more term, word or byte is refused at the place
// it crosses the bound.
func TestQueryBounds(t *testing.T) {
	phrase := func(n int) string { return `"` + words(n, " ") + `"` }
	fieldOr := func(n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = `topic:"T ` + strings.Repeat("x", i%5) + `"`
		}
		return strings.Join(parts, " OR ")
	}
	hyphenated := func(n int) string { return strings.Repeat("ab-", n-1) + "ab" }
	long := "topic:" + strings.Repeat("é", (MaxQueryBytes-6)/2)
	tests := []struct {
		name   string
		ok     string // the longest accepted query of the shape
		bad    string // one more
		badPos int    // where the error points in bad
		msg    string
	}{
		{"words", words(MaxTerms, " "), words(MaxTerms+1, " "), strings.LastIndex(words(MaxTerms+1, " "), " ") + 1, "too many terms"},
		{"or", words(MaxTerms, " OR "), words(MaxTerms+1, " OR "), strings.LastIndex(words(MaxTerms+1, " OR "), " ") + 1, "too many terms"},
		{"fields", fieldOr(MaxTerms), fieldOr(MaxTerms + 1), strings.LastIndex(fieldOr(MaxTerms+1), "topic:"), "too many terms"},
		{"phrase", phrase(MaxPhraseWords), phrase(MaxPhraseWords + 1), 0, "phrase too long"},
		{"phrase and words", "a " + phrase(MaxTerms-1), "a b " + phrase(MaxTerms-1), 4, "too many terms"},
		{"hyphenated", hyphenated(MaxTerms), "x " + hyphenated(MaxTerms), 2, "too many terms"},
		{"bytes", long, long + "é", MaxQueryBytes, "query too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse(tt.ok); err != nil {
				t.Errorf("the longest accepted query is refused: %v", err)
			}
			_, err := Parse(tt.bad)
			var e *Error
			if !errors.As(err, &e) || !strings.HasPrefix(e.Msg, tt.msg) {
				t.Fatalf("one more: err = %v, want %q", err, tt.msg)
			}
			if e.Pos != tt.badPos {
				t.Errorf("error at %d, want %d: %v", e.Pos, tt.badPos, err)
			}
		})
	}
	// A 120 KB query is refused before it is even lexed, quickly.
	if _, err := Parse(`"` + strings.Repeat("word ", 24_000) + `"`); err == nil || !strings.Contains(err.Error(), "query too long") {
		t.Errorf("120 KB query: %v", err)
	}
}

func TestAtomTerms(t *testing.T) {
	tests := []struct {
		a    Atom
		want int
	}{
		{Atom{Value: "neural"}, 1},
		{Atom{Value: "&"}, 1},
		{Atom{Value: "deep learning models", Quoted: true}, 3},
		{Atom{Value: "covid-19-vaccine"}, 3},
		{Atom{Value: "日本 語"}, 2},
		{Atom{Field: "topic", Value: "Machine Learning"}, 1},
	}
	for _, tt := range tests {
		if got := tt.a.Terms(); got != tt.want {
			t.Errorf("%+v.Terms() = %d, want %d", tt.a, got, tt.want)
		}
	}
}
