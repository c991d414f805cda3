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
		return join(n, " ", func(i int) string { return "(w" + string(rune('a'+i)) + " OR heat:1)" })
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
		// The last bare word is a prefix, a term of its own.
		{"words", words(MaxWords+1, " "), words(MaxWords+2, " "), len(words(MaxWords, " ")) + 1, "too many words"},
		{"phrase", phrase(MaxPhraseWords), phrase(MaxPhraseWords + 1), 0, "phrase too long"},
		{"phrase and words", phrase(MaxWords-1) + " a b", phrase(MaxWords-1) + " a b c", len(phrase(MaxWords-1)) + 3, "too many words"},
		{"phrases", phrase(MaxWords/2) + " " + phrase(MaxWords/2), phrase(MaxWords/2) + " " + phrase(MaxWords/2+1), len(phrase(MaxWords/2)) + 1, "too many words"},
		{"list and fields", phrase(MaxWords) + " " + fields(MaxTerms-1), phrase(MaxWords) + " " + fields(MaxTerms), strings.LastIndex(fields(MaxTerms), " ") + len(phrase(MaxWords)) + 2, "too many terms"},
		{"or", words(MaxTerms, " OR "), words(MaxTerms+1, " OR "), lastWord(words(MaxTerms+1, " OR "), 1), "too many terms"},
		{"or phrases", phrase(MaxTerms/2) + " OR " + phrase(MaxTerms/2), phrase(MaxTerms/2) + " OR " + phrase(MaxTerms/2+1), len(phrase(MaxTerms/2)) + 4, "too many terms"},
		{"negated", negated(MaxTerms), negated(MaxTerms + 1), lastWord(negated(MaxTerms+1), 1), "too many terms"},
		{"groups", groups(MaxTerms / 3), groups(MaxTerms/3 + 1), strings.LastIndex(groups(MaxTerms/3+1), "(") + 1, "too many terms"},
		{"fields", fieldOr(MaxTerms), fieldOr(MaxTerms + 1), strings.LastIndex(fieldOr(MaxTerms+1), "topic:"), "too many terms"},
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

// lastWord returns where the last word of s begins, skipping a leading "-" of at most skip bytes.
func lastWord(s string, skip int) int {
	i := strings.LastIndex(s, " ") + 1
	if skip > 0 && strings.HasPrefix(s[i:], "-") {
		i++
	}
	return i
}

// TestSizeOf checks how queries weigh: the words side by side at the top
// count one term together, every other word or term one, and skipped
// atoms nothing.
func TestSizeOf(t *testing.T) {
	isSet := func(a *Atom) bool { return a.Field == "set" }
	tests := []struct {
		q    string
		want Size
	}{
		{"", Size{}},
		{"neural", Size{Terms: 1}}, // a lone last word is a prefix
		{`"deep neural network"`, Size{Terms: 1, Words: 3}},       // a phrase
		{"deep neural network", Size{Terms: 2, Words: 2}},         // the last word is a prefix
		{`deep (neural network) "x y"`, Size{Terms: 2, Words: 4}}, // parentheses inside an AND do not group
		{"deep learning topic:AI quality:>3", Size{Terms: 4, Words: 1}},
		{"study OR heat:1", Size{Terms: 2}},
		{`"a b" OR "c d e"`, Size{Terms: 5}},
		{"x -y -z", Size{Terms: 3, Words: 1}},
		{"x y* z", Size{Terms: 3, Words: 1}},
		{"(study OR heat:1) (brain OR heat:2) and more", Size{Terms: 8, Words: 1}}, // a group counts one more
		{"-(brain quality:>3) -brain", Size{Terms: 4}},
		{"a b OR c d", Size{Terms: 6}},
		{"(a OR b) c", Size{Terms: 4}},
		{"covid-19-vaccine trial", Size{Terms: 2, Words: 3}},
		{"set:A set:B word phrase", Size{Terms: 2, Words: 1}},
		{"set:A OR set:B", Size{}},
	}
	for _, tt := range tests {
		q, err := Parse(tt.q)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		if got := SizeOf(q.Expr, isSet); got != tt.want {
			t.Errorf("SizeOf(%q) = %+v, want %+v", tt.q, got, tt.want)
		}
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
