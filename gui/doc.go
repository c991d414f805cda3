// Package gui is Seed Archive's desktop window: a toolbar with a search box
// taking the query language, a sidebar of facets, a paged article table with
// in-cell editing and multi-selection, the article editor, reading and
// gallery views, bulk actions with an archive-level undo stack, and import
// and export with progress.
//
// Everything slow (SQLite queries, facet counts, import, export) runs off the
// UI goroutine; results come back through fyne.Do. The package never imports
// fyne.io/fyne/v2/app, so its tests run headless with fyne.io/fyne/v2/test:
// cmd/seedarchive creates the app and calls New.
package gui
