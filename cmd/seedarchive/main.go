// Command seedarchive is Seed Archive's desktop app: it opens the archive
// ($SEEDARCHIVE_DB, else the last one used, else the default) and shows the
// main window.
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/seedarchive/seedarchive/assets"
	"github.com/seedarchive/seedarchive/gui"
	_ "github.com/seedarchive/seedarchive/internal/fyneenv" // before Fyne reads its environment
)

// gcPercent is the app's GC target unless $GOGC or $GOMEMLIMIT is set: its
// live heap is small and steady (mostly parsed fonts, at any archive size)
// while drawing allocates much, so the default 100 lets the heap grow to
// twice the live heap between collections. A lower target trades GC CPU for
// a smaller RSS; when changing it, rerun the GUI's BenchmarkTypingShowsRows
// (the time from a key to the rows shown must not grow) and
// TestSmokeStartsOnLargeArchive (the app's memory bound).
const gcPercent = 30

// trimEvery is how often the app hands the C heap's freed memory back to
// the system. Mesa keeps each texture Fyne draws in it; once Fyne frees
// them, glibc keeps the pages unless asked. A trim is quick
// (TestTrimHeapHandsBackFreedMemory logs how long one takes) and runs off
// the UI thread, so a few seconds keeps RSS close to what is in use at little
// cost; a shorter period trims more often for little more memory back.
const trimEvery = 5 * time.Second

func main() {
	// A user who tunes Go's GC gets exactly the settings given.
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(gcPercent)
		limitMemory(gcPercent)
	}
	go trimHeapEvery(trimEvery)
	a := app.NewWithID("dev.seedarchive.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	arc, err := gui.OpenStartupArchive(a)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seedarchive:", err)
		gui.ShowStartupError(a, err)
		os.Exit(1)
	}
	w := gui.New(a, arc)
	noDepthBuffer()
	w.ShowAndRun()
}

// trimHeapEvery trims the C heap every d, if the C library can.
func trimHeapEvery(d time.Duration) {
	for range time.Tick(d) {
		if !trimHeap() {
			return
		}
	}
}
