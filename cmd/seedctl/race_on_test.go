//go:build race

package main

// raceEnabled reports a build with the race detector, whose timings say
// nothing about a query's cost.
const raceEnabled = true
