// Package gui is Seed Archive's desktop window: a toolbar with a search box
// taking the query language, a sidebar of facets, a paged article table with
// in-cell editing and multi-selection, the article editor, reading and
// gallery views, bulk actions with an archive-level undo stack, import and
// export with progress, and image fetching (on demand, and in the background
// after imports) into the archive's image cache, which every thumbnail reads.
//
// Everything slow (SQLite queries, facet counts, import, export) runs off the
// UI goroutine; results come back through fyne.Do. The package never imports
// fyne.io/fyne/v2/app, so its tests run headless with fyne.io/fyne/v2/test:
// cmd/seedarchive creates the app and calls New.
package gui
