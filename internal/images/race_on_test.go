//go:build race

package images

// shrinkBy divides the sides of the large test images: the race detector
// instruments every pixel access of decoding and scaling them, and a
// quarter of the pixels keeps those tests short while their budgets,
// thumbnail sizes and limits scale along.
const shrinkBy = 2
