// Package fyneenv gives Fyne's environment settings the desktop app's
// defaults before Fyne reads them. Fyne reads FYNE_CACHE once, in its
// internal cache package's initialisation, so setting it from main is too
// late; importing this package from main (for its side effect) is not.
//
// It imports syscall only, on purpose: Go initialises a package as soon as
// its imports are, in import-path order, and "github.com/..." sorts before
// "os", so this package runs before os and therefore before anything that
// imports os, Fyne's cache among them. TestFyneReadsTheDefaults in
// cmd/seedarchive checks the order in the app's own binary.
package fyneenv

import "syscall"

// CacheDuration is how long Fyne keeps what it drew for an object or a text
// no longer on screen (its textures, renderers and text measurements), unless
// $FYNE_CACHE says otherwise. Fyne's default is a minute, and every text the
// app draws is a texture of its own, so stepping through articles in the
// editor holds the textures of every one shown within the duration. A
// shorter duration hands that memory back sooner (with the app's heap trim,
// see cmd/seedarchive), and drawing a text again is cheap next to a frame.
//
// It must be over 10 s: while a window is idle, Fyne walks its whole tree
// to keep the caches of what it shows alive once the last walk is older
// than the duration less 10 s, so below 10 s it walks at every frame, 60
// times a second, and the idle app uses several times the CPU
// (TestSmokeStartsOnLargeArchive in cmd/seedarchive bounds it); 11 s walks
// once a second.
const CacheDuration = "11s"

func init() {
	if _, ok := syscall.Getenv("FYNE_CACHE"); !ok {
		_ = syscall.Setenv("FYNE_CACHE", CacheDuration) // fails only on a key or value with NUL
	}
}
