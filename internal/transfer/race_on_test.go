//go:build race

package transfer

// raceEnabled reports a build with the race detector.
const raceEnabled = true
