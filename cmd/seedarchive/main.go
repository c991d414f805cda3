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
// live heap is small and steady (~12 MB, mostly parsed fonts, at any archive
// size) while drawing allocates much, so the default 100 doubled it in
// memory. Measured under Xvfb at 100,000 articles: 50 took 10–25 MiB off
// RSS against 100, 30 took 3–5 MiB more with no change in the time from a
// key to the rows shown (BenchmarkTypingShowsRows, within its run-to-run
// spread).
const gcPercent = 30

// trimEvery is how often the app hands the C heap's freed memory back to
// the system. Mesa keeps each texture Fyne draws in it; once Fyne frees
// them, glibc keeps the pages unless asked: after stepping through 40
// articles, a trim took RSS from 215 to 197 MiB under Xvfb. Handing back
// 64 MiB takes 5 ms (TestTrimHeapHandsBackFreedMemory), off the UI thread.
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
