// Package numfmt formats the numbers people read in the app and the CLI:
// counts with thousands separators ("1,405") and sizes ("2.0 MB"). Both
// front ends format through it so that one count reads the same everywhere.
package numfmt

import (
	"fmt"
	"strconv"
)

// Int is n with a comma every three digits: 100,000.
func Int[T ~int | ~int64](n T) string {
	if n < 0 {
		return "-" + Int(-n)
	}
	s := strconv.FormatInt(int64(n), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Bytes is a size in binary units with one decimal: "2.0 MB".
func Bytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	default:
		return fmt.Sprintf("%d B", n)
	}
}
