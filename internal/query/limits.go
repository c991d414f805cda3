package query

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// The bounds of an accepted query. Every query the parser accepts must
// answer within a second on an archive of 100,000 articles, so a query is
// weighed by what it costs to run, not by its length in words:
//
//   - The words and quoted phrases side by side at the top of a query (not
//     negated, not ORed, not prefixes) are the query's own list. Full-text
//     search intersects them in one pass, a few milliseconds a word even for
//     the commonest words, so together they count one term, up to MaxWords
//     words. A pasted title or a typed list of words is such a list.
//   - Every other term counts one: a field term (a condition checked for
//     every row), a prefix (it merges the lists of the words it begins), and
//     any other word, each word of a phrase too (ORed or negated words merge
//     whole lists).
//   - A group, terms in parentheses that are ORed with others or negated
//     (study OR heat:1), -(brain quality:>3), or the terms one side of an OR
//     joins, counts one term more: its words become a list of their own,
//     probed for every row, the costliest shape.
//
// A query longer than MaxQueryBytes, weighing more than MaxTerms terms, or
// with more than MaxWords words in its own list is refused, with the
// position of the term that crosses the bound. The storage compiler applies
// MaxTerms and MaxWords again to a query with its smart sets expanded (see
// SizeOf). BenchmarkLongestQueries in cmd/seedctl times the longest
// accepted query of each shape at 100,000 articles;
// TestLongestQueriesAnswerQuickly checks them on a smaller archive.
const (
	// MaxQueryBytes bounds the text of a query: room for MaxWords words
	// and MaxTerms terms with long values (topic:"..." of 150 characters),
	// far beyond what is typed into a search box.
	MaxQueryBytes = 4096
	// MaxTerms bounds the terms of a query: its own list of words counts
	// one, each group one, and each other term its Terms.
	MaxTerms = 16
	// MaxWords bounds the words of a query's own list: a pasted title of
	// 20 or 30 words, or a long list of plain words, fits well.
	MaxWords = 64
	// MaxPhraseWords bounds the words of one quoted phrase. It equals
	// MaxWords, but a long pasted text gets an error about the phrase.
	MaxPhraseWords = MaxWords
)

// Terms is how many terms the atom counts for against MaxTerms when it is
// not in the query's own list: the words full-text search splits its text
// into (at least one; a-b-c is three), or one for a field term.
func (a *Atom) Terms() int {
	if a.Field != "" {
		return 1
	}
	return max(textWords(a.Value), 1)
}

// Size is what a query weighs against its bounds.
type Size struct {
	// Terms counts against MaxTerms: one for the query's own list of
	// words, if it has one, one for each group, and each other atom's Terms.
	Terms int
	// Words counts against MaxWords: the words of the query's own list.
	Words int
}

// SizeOf weighs the parsed query e. Atoms for which skip returns true weigh
// nothing (the storage compiler weighs a set: term when it expands it); skip
// may be nil.
func SizeOf(e Expr, skip func(*Atom) bool) Size {
	w := weigher{skip: skip}
	w.query(e)
	return w.size
}

// weigher adds up a query's Size in the order its atoms are written and
// remembers the first atom that takes it past a bound.
type weigher struct {
	skip   func(*Atom) bool
	size   Size
	listed bool   // the own list's term is counted
	over   *Atom  // the first atom past a bound
	why    string // the bound it crosses
}

// query weighs the parsed query e: the parts of its top AND are at the top.
func (w *weigher) query(e Expr) {
	switch e := e.(type) {
	case And:
		for _, x := range e {
			w.expr(x, true)
		}
	case Or:
		for _, x := range e {
			w.expr(x, false)
		}
	case nil:
	default:
		w.expr(e, true)
	}
}

// expr weighs a part of the query; top tells whether it is a part of the
// query's top AND. An AND or OR here is a group, which counts one term
// besides its parts.
func (w *weigher) expr(e Expr, top bool) {
	switch e := e.(type) {
	case *Atom:
		w.atom(e, top)
	case And:
		w.size.Terms++
		for _, x := range e {
			w.expr(x, false)
		}
	case Or:
		w.size.Terms++
		for _, x := range e {
			w.expr(x, false)
		}
	case Not:
		w.expr(e.X, false)
	}
}

func (w *weigher) atom(a *Atom, top bool) {
	if w.skip != nil && w.skip(a) {
		return
	}
	n := a.Terms()
	switch {
	case top && a.Field == "" && !a.Prefix:
		if a.Quoted && n > MaxPhraseWords {
			w.cross(a, fmt.Sprintf("phrase too long: at most %d words (this one has %d)", MaxPhraseWords, n))
		}
		w.size.Words += n
		if !w.listed {
			w.listed = true
			w.size.Terms++
		}
	default:
		w.size.Terms += n
	}
	switch {
	case w.size.Words > MaxWords:
		w.cross(a, fmt.Sprintf("too many words: a query may hold at most %d side by side", MaxWords))
	case w.size.Terms > MaxTerms:
		w.cross(a, fmt.Sprintf("too many terms: at most %d, where the words side by side count one together, every other word or term one, and each group one more", MaxTerms))
	}
}

// cross records a as the first atom past a bound, unless one is already.
func (w *weigher) cross(a *Atom, why string) {
	if w.over == nil {
		w.over, w.why = a, why
	}
}

// checkSize refuses a parsed query past MaxTerms or MaxWords, pointing at
// the atom that crosses the bound.
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
