package seedfile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// deleteLayoutEdits pin down which lines Delete removes: each want is the
// source with those lines deleted by hand (see the Delete doc comment).
var deleteLayoutEdits = []editCase{
	// Top-level groups take the blank line that sets them off.
	{"mapping group in the middle", seedLike,
		seedWith("\nprovider:\n  name: Medical Xpress\n  domain: medicalxpress.com\n", ""), del("provider")},
	{"list group in the middle", seedLike,
		seedWith("\ntopics:\n  - AI\n  - Machine Learning\n  - Space\n", ""), del("topics")},
	{"list of mappings group", seedLike,
		seedWith(seedRelated, ""), del("related")},
	{"empty list deletes the group", seedLike,
		seedWith("\ntopics:\n  - AI\n  - Machine Learning\n  - Space\n", ""), set("topics", []string{})},
	{"group first", "---\nprovider:\n  name: X\n\ntitle: \"t\"\n---\n", "---\ntitle: \"t\"\n---\n", del("provider")},
	{"group last", "---\ntitle: \"t\"\n\ntopics:\n  - A\n---\nbody\n", "---\ntitle: \"t\"\n---\nbody\n", del("topics")},
	{"group last before a blank line", "---\ntitle: \"t\"\n\ntopics:\n  - A\n\n---\n", "---\ntitle: \"t\"\n\n---\n", del("topics")},
	{"group alone", "---\ntopics:\n  - A\n---\n", "---\n---\n", del("topics")},
	{"compact list group", "---\ntitle: \"t\"\n\ntopics:\n- A\n- B\n\nrelated:\n- quality: 1\n---\n",
		"---\ntitle: \"t\"\n\nrelated:\n- quality: 1\n---\n", del("topics")},
	{"scalar group", "---\ntitle: \"t\"\n\nprovider: Someone\n\ntopics: [a]\n---\n", "---\ntitle: \"t\"\n\ntopics: [a]\n---\n", del("provider")},
	{"flow list group", "---\ntitle: \"t\"\n\ntopics: [a, b]\n\nprovider: {name: n}\n---\n", "---\ntitle: \"t\"\n\nprovider: {name: n}\n---\n", del("topics")},
	{"null group", "---\ntitle: \"t\"\n\nprovider:\n\ntopics: [a]\n---\n", "---\ntitle: \"t\"\n\ntopics: [a]\n---\n", del("provider")},
	{"group with blank lines inside", "---\na: 1\n\ntopics:\n  - A\n\n  - B\n\nb: 2\n---\n", "---\na: 1\n\nb: 2\n---\n", del("topics")},
	{"group not set off", "---\ntitle: \"t\"\ntopics:\n  - A\nquality: 1\n---\n", "---\ntitle: \"t\"\nquality: 1\n---\n", del("topics")},
	{"group set off above only", "---\ntitle: \"t\"\n\ntopics:\n  - A\nquality: 1\n---\n", "---\ntitle: \"t\"\n\nquality: 1\n---\n", del("topics")},
	{"group set off below only", "---\ntitle: \"t\"\ntopics:\n  - A\n\nquality: 1\n---\n", "---\ntitle: \"t\"\n\nquality: 1\n---\n", del("topics")},
	{"group between double blank lines", "---\na: 1\n\n\ntopics:\n  - A\n\n\nb: 2\n---\n", "---\na: 1\n\n\n\nb: 2\n---\n", del("topics")},
	{"blank line with spaces", "---\na: 1\n  \ntopics:\n  - A\n\nb: 2\n---\n", "---\na: 1\n\nb: 2\n---\n", del("topics")},
	{"blank line of a keep block scalar stays", "---\nexcerpt: |+\n  a\n\ntopics:\n  - A\n---\n", "---\nexcerpt: |+\n  a\n\n---\n", del("topics")},
	{"indented root", "---\n  title: x\n\n  topics:\n    - A\n\n  quality: 1\n---\n", "---\n  title: x\n\n  quality: 1\n---\n", del("topics")},

	// Comments above an entry stay: the codec does not tie them to it.
	{"comment directly above a group stays", seedWith("\nprovider:", "\n# who\nprovider:"),
		seedWith("\nprovider:\n  name: Medical Xpress\n  domain: medicalxpress.com\n", "\n# who\n"), del("provider")},
	{"comment above the blank line stays", seedWith("\nprovider:", "# who\n\nprovider:"),
		seedWith("\nprovider:\n  name: Medical Xpress\n  domain: medicalxpress.com\n", "# who\n"), del("provider")},
	{"comment directly above a scalar stays", "---\na: 1\n# about b\nb: 2\nc: 3\n---\n", "---\na: 1\n# about b\nc: 3\n---\n", del("b")},

	// Comment lines indented under an entry's last line go with it.
	{"indented comment after a group", "---\na: 1\n\ntopics:\n  - A\n  # more soon\n\nb: 2\n---\n", "---\na: 1\n\nb: 2\n---\n", del("topics")},
	{"indented comments after a scalar", "---\na: 1\nb: 2\n  # one\n    # two\nc: 3\n---\n", "---\na: 1\nc: 3\n---\n", del("b")},
	{"indented comment after a blank line stays", "---\na: 1\nb: 2\n\n  # later\nc: 3\n---\n", "---\na: 1\n\n  # later\nc: 3\n---\n", del("b")},
	{"indented comment under a list item", "---\nt:\n  - A\n    # about A\n  # about B\n  - B\n---\n", "---\nt:\n  # about B\n  - B\n---\n", del("t.0")},
	{"sibling comment of a nested key stays", seedWith("  domain: medicalxpress.com\n", "  domain: medicalxpress.com\n  # end\n"),
		seedWith("  domain: medicalxpress.com\n", "  # end\n"), del("provider.domain")},

	// Other entries keep their lines only; blank lines are not theirs.
	{"scalar first", seedLike, seedWith("category: news\n", ""), del("category")},
	{"scalar last", "---\ntitle: x\nquality: 1\n---\n", "---\ntitle: x\n---\n", del("quality")},
	{"unknown mapping between blank lines", "---\na: 1\n\ncustom:\n  k: v\n\nb: 2\n---\n", "---\na: 1\n\n\nb: 2\n---\n", del("custom")},
	{"nested mapping", seedLike, seedWith("    provider:\n      name: Mirage News\n      domain: miragenews.com\n", ""), del("related.0.provider")},
}

// seedRelated is the related group of seedLike with the blank line above it.
const seedRelated = "\nrelated:\n  - title: \"Related one\"\n    excerpt: \"Its excerpt\"\n    type: article\n" +
	"    provider:\n      name: Mirage News\n      domain: miragenews.com\n    quality: 39\n" +
	"    images:\n      - url: \"https://img.example/1.jpg\"\n        width: 400\n        height: 452\n"

func TestDeleteLayout(t *testing.T) { runEditCases(t, deleteLayoutEdits) }

// TestDeleteUndoesInsert checks that setting a missing group field and then
// deleting it gives back the original bytes.
func TestDeleteUndoesInsert(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		path  string
		value any
	}{
		{"provider", seedWith("\nprovider:\n  name: Medical Xpress\n  domain: medicalxpress.com\n", ""), "provider", Provider{"P", "p.example"}},
		{"topics", seedWith("\ntopics:\n  - AI\n  - Machine Learning\n  - Space\n", ""), "topics", []string{"A", "B"}},
		{"related", seedWith(seedRelated, ""), "related", []Related{{Title: "R", Quality: 1}}},
		{"topics last", "---\ntitle: \"t\"\n---\n", "topics", []string{"A"}},
		{"provider first", "---\ntopics:\n  - A\n---\n", "provider", Provider{Name: "P"}},
		{"empty front matter", "---\n---\nbody\n", "topics", []string{"A"}},
	}
	for _, tt := range tests {
		for _, v := range variants {
			t.Run(tt.name+"/"+v.name, func(t *testing.T) {
				src := v.apply(tt.src)
				d, err := Parse([]byte(src))
				if err != nil {
					t.Fatal(err)
				}
				if err := d.Set(tt.path, tt.value); err != nil {
					t.Fatal(err)
				}
				if err := d.Delete(strings.Split(tt.path, ".")[0]); err != nil {
					t.Fatal(err)
				}
				if got := string(d.Bytes()); got != src {
					t.Fatalf("diff (want→got):\n%s", lineDiff([]byte(src), []byte(got)))
				}
			})
		}
	}
}

// TestDeleteKeepsOtherEntries deletes every top-level entry of the test
// files in turn: the result must be the original less a run of whole lines,
// and every other entry must keep its exact text.
func TestDeleteKeepsOtherEntries(t *testing.T) {
	docs := map[string]string{"seedLike": seedLike}
	files, _ := filepath.Glob("testdata/variants/*.txt")
	files = append(files, filepath.Join("testdata", "000_e1c4307fd34dea77.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(name)] = string(b)
	}
	for name, text := range docs {
		for _, v := range variants {
			src := []byte(v.apply(text))
			d, err := Parse(src)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if d.root == nil {
				continue
			}
			for i := 0; i+1 < len(d.root.Content); i += 2 {
				key := d.root.Content[i].Value
				if key == "secured" || strings.Contains(key, ".") {
					continue
				}
				t.Run(name+"/"+v.name+"/"+key, func(t *testing.T) {
					checkDeleteEntry(t, src, key)
				})
			}
		}
	}
}

// checkDeleteEntry deletes the top-level key from src and checks that only
// whole lines went and that the other entries kept their text.
func checkDeleteEntry(t *testing.T, src []byte, key string) {
	t.Helper()
	d, _ := Parse(src)
	flow := d.root.Style&yaml.FlowStyle != 0
	before := entryTexts(d)
	if err := d.Delete(key); err != nil {
		t.Fatal(err)
	}
	got := d.Bytes()
	if !flow && !wholeLinesRemoved(src, got) {
		t.Fatalf("not a run of whole lines removed:\n%s", lineDiff(src, got))
	}
	after := entryTexts(d)
	delete(before, key)
	for k, text := range before {
		if after[k] != text {
			t.Errorf("entry %s changed: %q -> %q", k, text, after[k])
		}
	}
}

// wholeLinesRemoved reports whether got is src less one non-empty run of
// whole lines.
func wholeLinesRemoved(src, got []byte) bool {
	n := len(src) - len(got)
	if n <= 0 {
		return false
	}
	for q := 0; q <= len(got); q++ {
		if (q == 0 || src[q-1] == '\n') && src[q+n-1] == '\n' &&
			bytes.Equal(src[:q], got[:q]) && bytes.Equal(src[q+n:], got[q:]) {
			return true
		}
	}
	return false
}

// entryTexts returns the text of each top-level entry by key.
func entryTexts(d *Document) map[string]string {
	out := map[string]string{}
	if d.root == nil {
		return out
	}
	for i := 0; i+1 < len(d.root.Content); i += 2 {
		out[d.root.Content[i].Value] = d.entryText(d.childSlot(d.root.Content[i].Value, d.root, i))
	}
	return out
}
