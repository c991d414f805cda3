package seedfile

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Int reads the whole number at path, for the archive's typed columns,
// which must not take a value that is not a number as 0. ok is false when
// the document does not hold path or holds null there. err says what is
// wrong when it holds something else than an integer that fits in 64 bits:
// a word (quality: high), a quoted or decimal number, a number too large,
// a list.
func (d *Document) Int(path string) (v int64, ok bool, err error) {
	n, _, _ := d.lookup(path)
	if n == nil || isNull(n) {
		return 0, false, nil
	}
	if n.Kind != yaml.ScalarNode {
		return 0, false, fmt.Errorf("%s holds a %s, not a whole number", path, kindName(n))
	}
	if n.Tag != "!!int" {
		return 0, false, fmt.Errorf("%s holds %s, not a whole number", path, strconv.Quote(n.Value))
	}
	digits := strings.TrimLeft(n.Value, "+-")
	if digits == "0" || digits != "" && digits[0] != '0' { // no octal or hex prefix
		if v, err := strconv.ParseInt(n.Value, 10, 64); err == nil {
			return v, true, nil
		}
	} else {
		var u uint64
		if err := n.Decode(&u); err == nil && u <= math.MaxInt64 {
			return int64(u), true, nil
		}
	}
	return 0, false, fmt.Errorf("%s holds %s, too large for a whole number", path, n.Value)
}
