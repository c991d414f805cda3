package termsafe

import (
	"testing"
	"unicode/utf8"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain name.txt", "plain name.txt"},
		{`C:\dir\file`, `C:\dir\file`},
		{"Ünïcödé 日本語 — ok", "Ünïcödé 日本語 — ok"},
		{"evil\nfake.txt:1: injected.txt", `evil\nfake.txt:1: injected.txt`},
		{"a\rb\tc", `a\rb\tc`},
		{"\x1b[2J\x1b]0;title\x07", `\x1b[2J\x1b]0;title\x07`},
		{"nul\x00del\x7f", `nul\x00del\x7f`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"bad \xff\xfe utf8", `bad \xff\xfe utf8`},
		{"txt.\u202eexe", `txt.\u202eexe`},
		{"\u2066iso\u2069 \u200e\u200f\u061c", `\u2066iso\u2069 \u200e\u200f\u061c`},
		{"line\u2028para\u2029", `line\u2028para\u2029`},
		{"zero\u200bwidth soft\u00adhyphen", "zero\u200bwidth soft\u00adhyphen"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestEscapeLeavesNothingUnsafe checks every rune of the first planes and
// every single byte: what Escape returns is valid UTF-8 without an unsafe
// character.
func TestEscapeLeavesNothingUnsafe(t *testing.T) {
	check := func(in string) {
		out := Escape(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Escape(%q) = %q: not UTF-8", in, out)
		}
		for _, r := range out {
			if Unsafe(r) {
				t.Fatalf("Escape(%q) = %q keeps %U", in, out, r)
			}
		}
	}
	for r := rune(0); r < 0x30000; r++ {
		check("a" + string(r) + "b")
	}
	for c := 0; c < 256; c++ {
		check("a" + string([]byte{byte(c)}) + "b")
	}
}

func FuzzEscape(f *testing.F) {
	f.Add("evil\nfake.txt:1: injected.txt")
	f.Add("\x1b[31mred\u202e")
	f.Fuzz(func(t *testing.T, in string) {
		out := Escape(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Escape(%q) = %q: not UTF-8", in, out)
		}
		for _, r := range out {
			if Unsafe(r) {
				t.Fatalf("Escape(%q) = %q keeps %U", in, out, r)
			}
		}
		if !needsEscape(in) && out != in {
			t.Fatalf("Escape(%q) = %q changed safe text", in, out)
		}
	})
}
