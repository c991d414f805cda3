package transfer

import (
	"testing"

	"github.com/seedarchive/seedarchive/internal/seedfile"
)

func TestLinkedName(t *testing.T) {
	withURL := "---\ntitle: \"Brain Waves\"\npublishedDateTime: 2020-02-24T17:51:00Z\nwebUrl: \"https://x.test/a\"\nprovider:\n  domain: phys.org\n---\n"
	noURL := "---\ntitle: \"No link\"\n---\n"
	tests := []struct {
		tmpl, text string
		index      int
		want       string
	}{
		{"", withURL, 1041, "041_" + hashOf([]byte("https://x.test/a")) + ".txt"},
		{"", noURL, 7, "007_" + hashOf([]byte(noURL)) + ".txt"},
		{"{date:2006-01}/{provider.domain}/{slug}.md", withURL, 0, "2020-02/phys.org/brain-waves.md"},
		{"{provider.domain}/{file}", noURL, 3, "unknown/003_" + hashOf([]byte(noURL)) + ".txt"},
	}
	for _, tt := range tests {
		doc, err := seedfile.Parse([]byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		got, err := LinkedName(tt.tmpl, tt.index, doc)
		if err != nil || got != tt.want {
			t.Errorf("LinkedName(%q, %d) = %q, %v; want %q", tt.tmpl, tt.index, got, err, tt.want)
		}
	}
	doc, _ := seedfile.Parse([]byte(noURL))
	if _, err := LinkedName("{nope}.txt", 0, doc); err == nil {
		t.Error("an unknown placeholder was accepted")
	}
}
