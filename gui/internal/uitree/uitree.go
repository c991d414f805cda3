// Package uitree walks a tree of Fyne objects the way the canvas does,
// through containers and widgets' renderers, for GUI tests that look for
// what is on screen.
package uitree

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Walk calls visit on o and, when visit returns true, on its children:
// a container's objects, a widget's renderer's objects.
func Walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if !visit(o) {
		return
	}
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		Walk(c, visit)
	}
}

// Holds reports whether obj is o or under it.
func Holds(o, obj fyne.CanvasObject) bool {
	found := false
	Walk(o, func(c fyne.CanvasObject) bool {
		found = found || c == obj
		return !found
	})
	return found
}
