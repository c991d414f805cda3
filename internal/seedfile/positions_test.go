package seedfile

import (
	"slices"
	"testing"
)

// TestLineStarts: the YAML line starts of a front matter are those a byte
// by byte scan with yamlBreak finds, whatever breaks it mixes (CRLF, lone
// CR, NEL, LS, PS) and whatever multi-byte characters share their first
// bytes without being breaks (Â, ’, €).
func TestLineStarts(t *testing.T) {
	tests := []struct {
		name string
		fm   string
		want []int
	}{
		{"LF", "a: 1\nb: 2\n", []int{0, 5, 10}},
		{"CRLF", "a: 1\r\nb: 2\r\n", []int{0, 6, 12}},
		{"lone CR", "a: 1\rb: 2\n", []int{0, 5, 10}},
		{"NEL, LS, PS", "a: \"x\u0085y\u2028z\u2029\"\n", []int{0, 7, 11, 15, 17}},
		{"look-alikes", "a: Â’€\u00a0\nb: \u2027\u202a\n", []int{0, 14, 24}},
		{"break at the end, cut", "a: \xc2", []int{0}},
		{"empty", "", []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm := []byte(tt.fm)
			var naive []int
			naive = append(naive, 0)
			for i := 0; i < len(fm); {
				if n := yamlBreak(fm, i); n > 0 {
					i += n
					naive = append(naive, i)
					continue
				}
				i++
			}
			d := &Document{src: fm, fmStart: 0, fmEnd: len(fm)}
			got := d.lineStarts()
			if !slices.Equal(got, tt.want) || !slices.Equal(got, naive) {
				t.Errorf("lineStarts = %v, want %v (byte by byte: %v)", got, tt.want, naive)
			}
		})
	}
}
