package query

import (
	"unicode"
	"unicode/utf8"
)

// The bounds of an accepted query. Every query the parser accepts must
// answer within a second on an archive of 100,000 articles, and the cost of
// a query grows with its terms: each full-text word merges the list of
// articles holding it (a common word is in most of them) and each field
// term is a condition checked for every row. The costliest shape mixes
// words with other terms in groups, (study OR heat:1) (brain OR heat:2)
// ...: each group's words become a list of their own, probed for every
// row when counting. So the parser refuses a query
// longer than MaxQueryBytes or with more than MaxTerms terms, and a phrase
// of more than MaxPhraseWords words, with the position where the bound is
// crossed. The storage compiler applies MaxTerms again to a query with its
// smart sets expanded. BenchmarkLongestQueries in cmd/seedctl times the
// longest accepted query of each shape at 100,000 articles;
// TestLongestQueriesAnswerQuickly checks them on a smaller archive.
const (
	// MaxQueryBytes bounds the text of a query: room for MaxTerms terms
	// with long values (topic:"..." of 250 characters), far beyond what
	// is typed into a search box.
	MaxQueryBytes = 4096
	// MaxTerms bounds the terms of a query: each field term and each word
	// of full text (a word of a phrase, or each part of a bare word such as
	// a-b-c, which full-text search splits into words) counts one.
	MaxTerms = 16
	// MaxPhraseWords bounds the words of one quoted phrase. It equals
	// MaxTerms, but a long pasted sentence gets an error about the phrase.
	MaxPhraseWords = MaxTerms
)

// Terms is how many terms the atom counts for against MaxTerms: the words
// full-text search splits its text into (at least one), or one for a field term.
func (a *Atom) Terms() int {
	if a.Field != "" {
		return 1
	}
	return max(textWords(a.Value), 1)
}

// textWords counts the words full-text search finds in s: runs of letters,
// digits and private-use characters, as the unicode61 tokenizer splits text.
func textWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		word := unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

// checkLength refuses a query longer than MaxQueryBytes, pointing at the
// first character past the bound.
func checkLength(q string) error {
	if len(q) <= MaxQueryBytes {
		return nil
	}
	pos := MaxQueryBytes
	for pos > 0 && !utf8.RuneStart(q[pos]) {
		pos--
	}
	return errorf(q, pos, "query too long: at most %d bytes (this one has %d)", MaxQueryBytes, len(q))
}

// countTerms adds the atom's terms to the parser's count and refuses the
// atom that takes the query past MaxTerms, or a phrase of more than
// MaxPhraseWords words.
func (p *parser) countTerms(a *Atom) error {
	n := a.Terms()
	if a.Quoted && n > MaxPhraseWords {
		return errorf(p.lx.src, a.Pos, "phrase too long: at most %d words (this one has %d)", MaxPhraseWords, n)
	}
	p.terms += n
	if p.terms > MaxTerms {
		return errorf(p.lx.src, a.Pos, "too many terms: a query may hold at most %d (each word of a phrase counts)", MaxTerms)
	}
	return nil
}
