// Command seedarchive is Seed Archive's desktop app: it opens the archive
// ($SEEDARCHIVE_DB, else the last one used, else the default) and shows the
// main window.
package main

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/seedarchive/seedarchive/assets"
	"github.com/seedarchive/seedarchive/gui"
)

func main() {
	a := app.NewWithID("dev.seedarchive.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	arc, err := gui.OpenStartupArchive(a)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seedarchive:", err)
		gui.ShowStartupError(a, err)
		os.Exit(1)
	}
	gui.New(a, arc).ShowAndRun()
}
