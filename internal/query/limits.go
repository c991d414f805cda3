package query

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// The bounds of an accepted query. Every query the parser accepts must
// answer within a second on an archive of 100,000 articles, so a query is
// weighed by what its parts cost at worst, when every word is in most
// articles:
//
//   - A term weighs one: a word or a field term. A word costs full-text
//     search a merge of the list of articles holding it; a field term is a
//     condition checked for every row.
//   - A prefix (the last bare word, or a word written with a trailing *)
//     weighs PrefixWeight: it merges the lists of all the words it begins.
//   - Each word of a phrase (or of a bare word that full-text search splits
//     into several, such as a-b-c) weighs PhraseWordWeight: besides finding
//     the articles holding all its words, full-text search compares their
//     positions in each of them.
//   - A group, terms in parentheses that are ORed with others or negated,
//     (study OR heat:1) or -(brain quality:>3), or the terms one side of an
//     OR joins, weighs GroupWeight besides its terms: its words become a list
//     of its own, probed for every row, the costliest shape.
//
// A query longer than MaxQueryBytes or weighing more than MaxTerms is
// refused, and so is a phrase of more than MaxPhraseWords words, with the
// position of the term that crosses the bound. The storage compiler applies
// MaxTerms again to a query with its smart sets expanded (see SizeOf).
// BenchmarkLongestQueries in cmd/seedctl times the longest accepted query of
// each shape at 100,000 articles; TestLongestQueriesAnswerQuickly checks
// them on a smaller archive.
const (
	// MaxQueryBytes bounds the text of a query: room for MaxTerms terms
	// with long values (topic:"..." of 90 characters), far beyond what is
	// typed into a search box.
	MaxQueryBytes = 4096
	// MaxTerms bounds what a query weighs: 40 words or field terms, or a
	// pasted title of 20 words as a phrase, 20 prefixes, or 4 groups of
	// two terms.
	MaxTerms = 40
	// PhraseWordWeight is what each word of a phrase weighs.
	PhraseWordWeight = 2
	// PrefixWeight is what a prefix of one word weighs.
	PrefixWeight = 2
	// GroupWeight is what a group weighs besides its terms.
	GroupWeight = 8
	// MaxPhraseWords bounds the words of one quoted phrase: as many as
	// MaxTerms allows, so that a long pasted text gets an error about the
	// phrase.
	MaxPhraseWords = MaxTerms / PhraseWordWeight
)

// Terms is what the atom weighs against MaxTerms: one for a field term or
// a single word, PrefixWeight for a prefix of one word, PhraseWordWeight
// for each word full-text search splits a longer text into.
func (a *Atom) Terms() int {
	switch n := textWords(a.Value); {
	case a.Field != "":
		return 1
	case n > 1:
		return n * PhraseWordWeight
	case a.Prefix:
		return PrefixWeight
	}
	return 1
}

// SizeOf is what the parsed query e weighs against MaxTerms. Atoms for
// which skip returns true weigh nothing (the storage compiler weighs a set:
// term when it expands it); skip may be nil.
func SizeOf(e Expr, skip func(*Atom) bool) int {
	w := weigher{skip: skip}
	w.query(e)
	return w.terms
}

// weigher adds up what a query weighs in the order its atoms are written
// and remembers the first atom that takes it past a bound.
type weigher struct {
	skip  func(*Atom) bool
	terms int
	over  *Atom  // the first atom past a bound
	why   string // the bound it crosses
}

// query weighs the parsed query e, whose own AND or OR is no group.
func (w *weigher) query(e Expr) {
	switch e := e.(type) {
	case And:
		for _, x := range e {
			w.expr(x)
		}
	case Or:
		for _, x := range e {
			w.expr(x)
		}
	case nil:
	default:
		w.expr(e)
	}
}

// expr weighs a part of the query; an AND or OR here is a group.
func (w *weigher) expr(e Expr) {
	switch e := e.(type) {
	case *Atom:
		w.atom(e)
	case And:
		w.terms += GroupWeight
		for _, x := range e {
			w.expr(x)
		}
	case Or:
		w.terms += GroupWeight
		for _, x := range e {
			w.expr(x)
		}
	case Not:
		w.expr(e.X)
	}
}

func (w *weigher) atom(a *Atom) {
	if w.skip != nil && w.skip(a) {
		return
	}
	if n := textWords(a.Value); a.Quoted && n > MaxPhraseWords {
		w.cross(a, fmt.Sprintf("phrase too long: at most %d words (this one has %d)", MaxPhraseWords, n))
	}
	if w.terms += a.Terms(); w.terms > MaxTerms {
		w.cross(a, fmt.Sprintf("too many terms: at most %d, where a prefix or a word of a phrase counts %d and a group in parentheses %d more", MaxTerms, PhraseWordWeight, GroupWeight))
	}
}

// cross records a as the first atom past a bound, unless one is already.
func (w *weigher) cross(a *Atom, why string) {
	if w.over == nil {
		w.over, w.why = a, why
	}
}

// checkSize refuses a parsed query past MaxTerms or with a phrase of more
// than MaxPhraseWords words, pointing at the atom that crosses the bound.
func checkSize(q string, e Expr) error {
	w := weigher{}
	w.query(e)
	if w.over != nil {
		return errorf(q, w.over.Pos, "%s", w.why)
	}
	return nil
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
