// Package table holds the article table's parts that know nothing of the
// window. Pager pages the result of a query from a Source (the archive) off
// the UI goroutine through a Runner: its count, the ids of every match and
// an LRU cache of row pages. Column is one column the table can show
// (AllColumns, DefaultColumns): how it shows, sorts and edits a row's
// field. CutLabel cuts a text to its width with an ellipsis (Fitters
// measure it), ScrollBar maps rows rather than pixels, HoverTip shows a cut
// cell's whole text, and IDIndex finds an article's row in a listed result.
// Package gui uses them through this exported API only.
package table
