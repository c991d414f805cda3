package main

import "testing"

func TestPlural(t *testing.T) {
	tests := []struct {
		n           int
		plural, was string
	}{
		{0, "0 cached images", "0 cached images were"},
		{1, "1 cached image", "1 cached image was"},
		{2, "2 cached images", "2 cached images were"},
	}
	for _, tt := range tests {
		if got := plural(tt.n, "cached image"); got != tt.plural {
			t.Errorf("plural(%d) = %q, want %q", tt.n, got, tt.plural)
		}
		if got := wereStored(tt.n, "cached image"); got != tt.was {
			t.Errorf("wereStored(%d) = %q, want %q", tt.n, got, tt.was)
		}
	}
}
