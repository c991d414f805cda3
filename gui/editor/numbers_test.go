package editor

import (
	"context"
	"strings"
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

// TestLoadedNumbersAsStorageReadsThem: a number field that came with the
// file holding what storage keeps as no value (a quoted number, a word),
// at the top level or in a related article, shows as invalid with the
// message check gives, without blocking a save of other fields; a whole
// number shows no message.
func TestLoadedNumbersAsStorageReadsThem(t *testing.T) {
	tests := []struct {
		name, old, new string
		related        int    // -1: the top-level quality, else the related article
		want           string // the message, "" for none
	}{
		{"quoted", "quality: 39\nheat", "quality: \"80\"\nheat", -1, `Quality holds "80", not a whole number: it is kept as no value`},
		{"single-quoted", "quality: 39\nheat", "quality: '80'\nheat", -1, `Quality holds "80", not a whole number: it is kept as no value`},
		{"word", "quality: 39\nheat", "quality: high\nheat", -1, `Quality holds "high", not a whole number: it is kept as no value`},
		{"number", "quality: 39\nheat", "quality: 80\nheat", -1, ""},
		{"related quoted", "    quality: 39\n", "    quality: \"80\"\n", 0, `Related.0.quality holds "80", not a whole number: it is kept as no value`},
		{"related out of range", "    quality: 12\n", "    quality: 99999999999999999999\n", 1, `Related.1.quality holds "99999999999999999999", not a whole number: it is kept as no value`},
		{"related number", "    quality: 12\n", "    quality: 7\n", 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			text := string(h.text)
			if !strings.Contains(text, tt.old) {
				t.Fatalf("the sample lacks %q", tt.old)
			}
			doc, err := seedfile.Parse([]byte(strings.Replace(text, tt.old, tt.new, 1)))
			if err != nil {
				t.Fatal(err)
			}
			if err := h.store.Update(context.Background(), h.id, doc); err != nil {
				t.Fatal(err)
			}
			h.e.Load(h.id)
			h.settle()
			q := h.field("quality")
			if tt.related >= 0 {
				q = h.e.v.related.cards[tt.related].fields["quality"]
			}
			got := ""
			if q.msg.Visible() {
				got = q.msg.Text
			}
			if got != tt.want {
				t.Fatalf("message %q, want %q", got, tt.want)
			}
			h.typeInto(h.field("title"), "!")
			if !h.e.Valid() {
				t.Error("the loaded value blocks saving another field")
			}
			h.setText(q, "81")
			if q.msg.Visible() || !h.e.Valid() || !strings.Contains(string(h.e.Text()), "quality: 81\n") {
				t.Errorf("after typing 81: message %v %q, valid %v", q.msg.Visible(), q.msg.Text, h.e.Valid())
			}
		})
	}
}
