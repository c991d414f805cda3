//go:build race

package storage

// raceEnabled reports a build with the race detector.
const raceEnabled = true

// raceSkip reports whether the race build leaves out case k of a table
// checked on one goroutine, checking one case in every of: the race detector
// finds nothing more in the others, which the build without it (make
// test-short) checks. A test numbers its cases so that each order and each
// query is still among those checked (k = query + order index).
func raceSkip(k, of int) bool { return k%of != 0 }
