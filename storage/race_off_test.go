//go:build !race

package storage

// raceEnabled reports a build with the race detector.
const raceEnabled = false

// raceSkip reports whether the race build leaves out case k of a table (see
// race_on_test.go): never without the race detector.
func raceSkip(k, of int) bool { return false }
