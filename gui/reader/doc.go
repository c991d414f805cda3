// Package reader is Seed Archive's offline reading view: one article at a
// time, laid out for reading (title, provider and date, topics, excerpt,
// image thumbnails, the Markdown body and the related articles), with
// keyboard navigation to the next and previous article of the window's list.
package reader
