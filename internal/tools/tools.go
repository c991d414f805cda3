//go:build tools

// Package tools pins modules the code will use, so go mod tidy keeps them.
package tools

import (
	_ "fyne.io/fyne/v2/app"
	_ "fyne.io/fyne/v2/test"
	_ "fyne.io/fyne/v2/widget"
	_ "github.com/pmezard/go-difflib/difflib"
	_ "github.com/schollz/progressbar/v3"
	_ "golang.org/x/image/draw"
	_ "golang.org/x/image/webp"
	_ "gopkg.in/yaml.v3"
	_ "modernc.org/sqlite"
)
