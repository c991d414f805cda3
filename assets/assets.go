// Package assets holds the files Seed Archive ships inside its binaries: the
// application icon and a few dozen sample seed files that a new archive starts
// with. It has no Fyne dependency, so the CLI can use it too.
package assets

import (
	"embed"
	"io/fs"
)

// IconPNG is the application icon, 512×512 PNG.
//
//go:embed icon.png
var IconPNG []byte

//go:embed samples/*.txt
var samples embed.FS

//go:embed samples/images/*.jpg
var sampleImages embed.FS

// Samples is the bundled sample archive: seed files at the root of the FS,
// covering the variations real files show (CRLF, a BOM, comments, unknown
// fields, Markdown bodies with --- lines, related articles with images).
var Samples fs.FS = mustSub(samples, "samples")

// SampleImages holds the images the samples reference, named by
// images.FileName(url), so a new archive's thumbnails work offline from the
// first start.
var SampleImages fs.FS = mustSub(sampleImages, "samples/images")

func mustSub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return s
}
