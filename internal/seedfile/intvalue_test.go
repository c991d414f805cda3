package seedfile

import "testing"

func TestInt(t *testing.T) {
	tests := []struct {
		line    string
		want    int64
		ok, bad bool
	}{
		{"quality: 80", 80, true, false},
		{"quality: -3", -3, true, false},
		{"quality: 0", 0, true, false},
		{"quality: 0x1F", 31, true, false},
		{"quality: 9223372036854775807", 9223372036854775807, true, false},
		{"quality: 9223372036854775808", 0, false, true},
		{"quality: 99999999999999999999999", 0, false, true},
		{"quality: high", 0, false, true},
		{`quality: "80"`, 0, false, true},
		{"quality: 80.5", 0, false, true},
		{"quality: [1, 2]", 0, false, true},
		{"quality: ~", 0, false, false},
		{"quality:", 0, false, false},
		{"title: x", 0, false, false},
	}
	for _, tt := range tests {
		doc, err := Parse([]byte("---\n" + tt.line + "\n---\n"))
		if err != nil {
			t.Fatalf("%s: %v", tt.line, err)
		}
		v, ok, err := doc.Int("quality")
		if v != tt.want || ok != tt.ok || (err != nil) != tt.bad {
			t.Errorf("%s: Int = %d, %v, %v; want %d, %v, error %v", tt.line, v, ok, err, tt.want, tt.ok, tt.bad)
		}
	}
}
