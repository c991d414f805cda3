//go:build race

package main

// raceEnabled tells the smoke test that the app runs under the race
// detector, whose shadow memory multiplies the resident size.
const raceEnabled = true

// raceMemoryFactor is how much more memory the app may hold under -race.
const raceMemoryFactor = 4

// raceCPUFactor is how much more CPU the idle app may use under -race.
const raceCPUFactor = 3
