package uitree

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestWalkReachesWidgetsInsides(t *testing.T) {
	test.NewTempApp(t)
	entry := widget.NewEntry()
	label := widget.NewLabel("x")
	inner := container.NewVBox(label)
	root := container.NewVBox(entry, inner)

	var seen []fyne.CanvasObject
	Walk(root, func(o fyne.CanvasObject) bool {
		seen = append(seen, o)
		return o != inner // skip what is inside inner
	})
	if seen[0] != root || seen[1] != entry {
		t.Fatalf("walk starts %v, want the root then the entry", seen[:2])
	}
	if len(seen) < 4 {
		t.Fatalf("walk saw %d objects: it did not enter the entry's renderer", len(seen))
	}
	for _, o := range seen {
		if o == label {
			t.Fatal("walk entered a container its visit declined")
		}
	}

	if !Holds(root, label) || !Holds(inner, label) || Holds(inner, entry) {
		t.Fatal("Holds: want root and inner to hold the label, inner not the entry")
	}
}
