package seedfile

import (
	"fmt"
	"strings"
)

// changedLines compares two texts line by line (lines keep their endings)
// and returns the lines only in a (removed) and only in b (added), after
// dropping the common prefix and suffix. For a one-field edit that is
// exactly the field's old and new lines.
func changedLines(a, b []byte) (removed, added []string) {
	la, lb := splitKeep(string(a)), splitKeep(string(b))
	p := 0
	for p < len(la) && p < len(lb) && la[p] == lb[p] {
		p++
	}
	s := 0
	for s < len(la)-p && s < len(lb)-p && la[len(la)-1-s] == lb[len(lb)-1-s] {
		s++
	}
	return la[p : len(la)-s], lb[p : len(lb)-s]
}

// splitKeep splits text into lines, each keeping its line ending.
func splitKeep(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// lineDiff formats changedLines for a failure message.
func lineDiff(a, b []byte) string {
	rm, add := changedLines(a, b)
	var sb strings.Builder
	for _, l := range rm {
		fmt.Fprintf(&sb, "-%q\n", l)
	}
	for _, l := range add {
		fmt.Fprintf(&sb, "+%q\n", l)
	}
	return sb.String()
}
