// Package table is the article table of the desktop app, knowing nothing of
// its window.
//
// Table shows a Results (package gui's result model: rows, selection,
// cursor, order) a window of rows at a time in a Grid of Cells under
// Headers, with a row-based ScrollBar, keyboard and mouse selection, sorting
// by a header, and in-cell editing (CellEditor); the window hands it
// callbacks (OnEdit, OnSort, OnDelete...) and tells it when the results
// change. Pager pages the result of a query from a Source (the archive) off
// the UI goroutine through a Runner: its count, the ids of every match and
// an LRU cache of row pages. Column is one column the table can show
// (AllColumns, DefaultColumns): how it shows, sorts and edits a row's field.
// CutLabel cuts a text to its width with an ellipsis (Fitters measure it),
// HoverTip shows a cut cell's whole text, and IDIndex finds an article's row
// in a listed result. Package gui uses all of them through this exported API
// only.
package table
