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
	join := func(n int, sep string, term func(i int) string) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = term(i)
		}
		return strings.Join(parts, sep)
	}
	fields := func(n int) string {
		return join(n, " ", func(i int) string { return []string{"quality:>1", "-type:x", "has:body"}[i%3] })
	}
	groups := func(n int) string {
		return join(n, " ", func(i int) string { return `("w` + string(rune('a'+i)) + `" OR heat:1)` }) // quoted: no prefix
	}
	negated := func(n int) string { return "-" + words(n, " -") }
	long := "topic:" + strings.Repeat("é", (MaxQueryBytes-6)/2)
	tests := []struct {
		name   string
		ok     string // the longest accepted query of the shape
		bad    string // one more
		badPos int    // where the error points in bad
		msg    string
	}{
		// The last bare word is a prefix, which weighs PrefixWeight.
		{"words", words(MaxTerms-1, " "), words(MaxTerms, " "), lastWord(words(MaxTerms, " "), 0), "too many terms"},
		{"or", words(MaxTerms-1, " OR "), words(MaxTerms, " OR "), lastWord(words(MaxTerms, " OR "), 0), "too many terms"},
		{"negated", negated(MaxTerms - 1), negated(MaxTerms), lastWord(negated(MaxTerms), 1), "too many terms"},
		{"prefixes", words(MaxTerms/PrefixWeight, "* ") + "*", words(MaxTerms/PrefixWeight+1, "* ") + "*", lastWord(words(MaxTerms/PrefixWeight+1, "* "), 0), "too many terms"},
		{"fields", fieldOr(MaxTerms), fieldOr(MaxTerms + 1), strings.LastIndex(fieldOr(MaxTerms+1), "topic:"), "too many terms"},
		{"fields and words", fields(MaxTerms/2) + " " + words(MaxTerms/2-1, " "), fields(MaxTerms/2+1) + " " + words(MaxTerms/2-1, " "), len(fields(MaxTerms/2+1)) + 1 + lastWord(words(MaxTerms/2-1, " "), 0), "too many terms"},
		// Each word of a phrase weighs PhraseWordWeight.
		{"phrase", phrase(MaxPhraseWords), phrase(MaxPhraseWords + 1), 0, "phrase too long"},
		{"phrase and words", "a " + phrase(MaxPhraseWords-1), "a b " + phrase(MaxPhraseWords-1), 4, "too many terms"},
		{"hyphenated", hyphenated(MaxPhraseWords), "x " + hyphenated(MaxPhraseWords), 2, "too many terms"},
		// A group weighs GroupWeight besides its terms.
		{"groups", groups(MaxTerms / (GroupWeight + 2)), groups(MaxTerms/(GroupWeight+2) + 1), strings.LastIndex(groups(MaxTerms/(GroupWeight+2)+1), "(") + 1, "too many terms"},
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
	// A phrase of 2,000 words fits in MaxQueryBytes, and is refused for its words.
	if _, err := Parse(`"` + strings.Repeat("a ", 2000) + `"`); err == nil || !strings.Contains(err.Error(), "col 1: phrase too long") {
		t.Errorf("2,000-word phrase: %v", err)
	}
	// A 120 KB query is refused before it is even lexed, quickly.
	if _, err := Parse(`"` + strings.Repeat("word ", 24_000) + `"`); err == nil || !strings.Contains(err.Error(), "query too long") {
		t.Errorf("120 KB query: %v", err)
	}
}

// lastWord returns where the last word of s begins, skipping a leading "-" of at most skip bytes.
func lastWord(s string, skip int) int {
	i := strings.LastIndex(s, " ") + 1
	if skip > 0 && strings.HasPrefix(s[i:], "-") {
		i++
	}
	return i
}

// TestSizeOf checks how queries weigh: a word or term one, a prefix
// PrefixWeight, a word of a phrase PhraseWordWeight, a group GroupWeight
// more, skipped atoms nothing.
func TestSizeOf(t *testing.T) {
	isSet := func(a *Atom) bool { return a.Field == "set" }
	tests := []struct {
		q    string
		want int
	}{
		{"", 0},
		{"neural", PrefixWeight}, // the last bare word is a prefix
		{"neural*", PrefixWeight},
		{"neural* network heat:1", 1 + PrefixWeight*2},
		{`"deep neural network"`, 3 * PhraseWordWeight},
		{`"deep"`, 1},
		{"deep neural network", 2 + PrefixWeight},
		{`deep (neural network) "x y"`, 2 + PrefixWeight + 2*PhraseWordWeight}, // parentheses inside an AND make no group
		{"deep learning topic:AI quality:>3", 3 + PrefixWeight},
		{"study OR heat:1", 1 + PrefixWeight},
		{`"a b" OR "c d e"`, 5 * PhraseWordWeight}, // the query's own OR is no group
		{"x -y -z", 2 + PrefixWeight},
		{"(study OR heat:1) (brain OR heat:2) and more", 2*(GroupWeight+2) + 1 + PrefixWeight},
		{"-(brain quality:>3) -brain", GroupWeight + 2 + PrefixWeight},
		{"a b OR c d", 2*GroupWeight + 3 + PrefixWeight},
		{"(a OR b) c", GroupWeight + 2 + PrefixWeight},
		{"covid-19-vaccine trial", 3*PhraseWordWeight + PrefixWeight},
		{"trial covid-19-vaccine", 1 + 3*PhraseWordWeight}, // a prefix phrase weighs as a phrase
		{"set:A set:B word phrase", 1 + PrefixWeight},
		{"set:A OR set:B", 0},
	}
	for _, tt := range tests {
		q, err := Parse(tt.q)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if got := SizeOf(q.Expr, isSet); got != tt.want {
			t.Errorf("SizeOf(%q) = %d, want %d", tt.q, got, tt.want)
		}
	}
}

func TestAtomTerms(t *testing.T) {
	tests := []struct {
		a    Atom
		want int
	}{
		{Atom{Value: "neural"}, 1},
		{Atom{Value: "neural", Prefix: true}, PrefixWeight},
		{Atom{Value: "&"}, 1},
		{Atom{Value: "deep learning models", Quoted: true}, 3 * PhraseWordWeight},
		{Atom{Value: "deep", Quoted: true}, 1},
		{Atom{Value: "covid-19-vaccine"}, 3 * PhraseWordWeight},
		{Atom{Value: "日本 語"}, 2 * PhraseWordWeight},
		{Atom{Field: "topic", Value: "Machine Learning"}, 1},
	}
	for _, tt := range tests {
		if got := tt.a.Terms(); got != tt.want {
			t.Errorf("%+v.Terms() = %d, want %d", tt.a, got, tt.want)
		}
	}
}
