//go:build !race

package images

// shrinkBy divides the sides of the large test images (see race_on_test.go).
const shrinkBy = 1
