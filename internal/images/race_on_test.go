//go:build race

package images

// shrinkBy divides the sides of the large test images: the race detector
// makes decoding and scaling them about twenty times slower, and a quarter
// of the pixels keeps those tests within seconds while their budgets,
// thumbnail sizes and limits scale along.
const shrinkBy = 2
