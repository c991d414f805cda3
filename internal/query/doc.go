// Package query parses the Seed Archive search language, shared by the CLI's
// --where flag and the GUI's search box, into an AST (Query, Expr, Atom, And,
// Or, Not). The storage package compiles that AST to SQL.
//
// The language:
//
//	neural network        full text: every word must appear (AND); the LAST bare
//	                      word also matches as a prefix, so "neur" finds "neural"
//	neur* net             a bare word ending in * is a prefix wherever it is
//	"deep learning"       full text: an exact phrase (no prefix matching)
//	topic:AI              a field term; quote values with spaces:
//	topic:"Machine Learning"   provider:"Medical Xpress"   domain:medicalxpress.com
//	category:news  type:article  set:Reading  published:yes (no, true, false)
//	quality:>50  quality:50  heat:<=10  quality:10..20    (=, <, <=, >, >=, lo..hi)
//	date:2020  date:2020-02  date:2020-02-24  date:>=2020-01-01  date:2019..2020
//	has:images  has:body  has:related  has:topics
//	-term  -topic:AI  -"a phrase"  -(a OR b)    negation
//	a OR b                either (OR is upper case; AND is implicit and binds
//	                      tighter than OR; an explicit upper-case AND is allowed)
//	( ... )               grouping
//
// Field names are case-insensitive; text comparisons are case-insensitive. A
// date names a whole year, month or day: date:2020-02 is all of February 2020,
// date:>2020 starts in 2021 and date:<=2020-02 ends with February. Inside
// quotes, \" stands for a quote and \\ for a backslash. A full-text word
// without any letter or digit (such as "&") is ignored, and a prefix needs at
// least two letters or digits (a last word "n" matches only the word "n").
//
// A query holds at most MaxTerms (16) terms, each word of a phrase counting
// one, and MaxQueryBytes (4,096) bytes, so that any accepted query answers
// quickly (see limits.go).
//
// Malformed queries give an *Error with the byte offset of the problem.
// Term, WithTerm, WithoutTerm and HasTerm edit a query's text the way the GUI
// does when a facet is clicked, keeping the rest of the user's text as typed.
package query
