// Package widgets holds small reusable Fyne widgets shared by the article
// editor, the reader and the main window: Thumbnail (an image thumbnail that
// loads off the UI thread from a ThumbnailSource and shows a tidy placeholder
// while pending or after a failure), Chip and ChipList (removable tags with an
// autocompleting entry), an entry that reports Escape (EscEntry), a wrapping
// flow layout, and Markdown rendering that never fetches remote images.
package widgets
