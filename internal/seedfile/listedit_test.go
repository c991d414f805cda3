package seedfile

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func add(path string, items ...string) func(*Document) error {
	return func(d *Document) error { _, err := d.AddToList(path, items...); return err }
}

func remove(path string, items ...string) func(*Document) error {
	return func(d *Document) error { _, err := d.RemoveFromList(path, items...); return err }
}

// listAddRemove are list edits that keep every value: a single string
// where the list belongs is its first item.
var listAddRemove = []editCase{
	{"add to quoted scalar", "---\ntopics: \"AI\"\ntitle: x\n---\n", "---\ntopics: [\"AI\", Health]\ntitle: x\n---\n", add("topics", "Health")},
	{"add to plain scalar with comment", "---\ntopics: AI # main\ntitle: x\n---\n", "---\ntopics: [AI, Health, \"a, b\"] # main\ntitle: x\n---\n", add("topics", "Health", "a, b")},
	{"add to single-quoted scalar", "---\ntopics: 'it''s'\n---\n", "---\ntopics: ['it''s', Health]\n---\n", add("topics", "Health")},
	{"add to scalar with a comma", "---\ntopics: AI, ML\ntitle: x\n---\n", "---\ntopics:\n  - AI, ML\n  - Health\ntitle: x\n---\n", add("topics", "Health")},
	{"add to number scalar", "---\ntopics: 42\n---\n", "---\ntopics:\n  - \"42\"\n  - Health\n---\n", add("topics", "Health")},
	{"add to block scalar", "---\ntopics: |\n  AI\ntitle: x\n---\n", "---\ntopics:\n  - \"AI\\n\"\n  - Health\ntitle: x\n---\n", add("topics", "Health")},
	{"add present scalar (case)", "---\ntopics: \"AI\"\n---\n", "---\ntopics: \"AI\"\n---\n", add("topics", "ai")},
	{"add to block list", topicsSrc, topicsWith("  - AI\n  - Machine Learning # ML\n  - Space\n  - Health\n"), add("topics", "Health", "space")},
	{"add to flow list", "---\ntopics: [AI]\n---\n", "---\ntopics: [AI, Health]\n---\n", add("topics", "Health")},
	{"add to null", "---\ntopics:\ntitle: x\n---\n", "---\ntopics:\n  - Health\ntitle: x\n---\n", add("topics", "Health")},
	{"add to missing", "---\ntitle: x\n---\n", "---\ntitle: x\n\ntopics:\n  - Health\n---\n", add("topics", "Health")},
	{"remove other from scalar", "---\ntopics: \"AI\"\n---\n", "---\ntopics: \"AI\"\n---\n", remove("topics", "Health")},
	{"remove the scalar", "---\ntitle: x\ntopics: \"AI\"\n---\n", "---\ntitle: x\n---\n", remove("topics", "ai")},
	{"remove from block list", topicsSrc, topicsWith("  - AI\n  - Space\n"), remove("topics", "machine learning")},
	{"remove from missing", "---\ntitle: x\n---\n", "---\ntitle: x\n---\n", remove("topics", "AI")},
}

func TestListAddRemove(t *testing.T) { runEditCases(t, listAddRemove) }

// TestListAddRemoveRefusals checks that values that are not strings are
// refused with the field and the line, and the document is unchanged.
func TestListAddRemoveRefusals(t *testing.T) {
	tests := []struct {
		name, src string
		do        func(*Document) (bool, error)
		want      string
	}{
		{"mapping", "---\ntopics:\n  a: b\n---\n", func(d *Document) (bool, error) { return d.AddToList("topics", "x") }, "topics is not a list of strings; edit it as text (it holds a mapping)"},
		{"list with a mapping", "---\ntopics:\n  - AI\n  - {a: b}\n---\n", func(d *Document) (bool, error) { return d.AddToList("topics", "x") }, "item 2 on line 4 is a mapping"},
		{"list with a null", "---\ntopics:\n  - AI\n  -\n---\n", func(d *Document) (bool, error) { return d.RemoveFromList("topics", "AI") }, "item 2 on line 4 is a null"},
		{"secured", "---\nsecured: x\n---\n", func(d *Document) (bool, error) { return d.AddToList("secured", "x") }, "read-only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			changed, err := tt.do(d)
			if err == nil || changed || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("changed %v, err %v; want a refusal with %q", changed, err, tt.want)
			}
			if tt.name != "secured" && !errors.Is(err, errNotList) {
				t.Errorf("err %v is not errNotList", err)
			}
			if string(d.Bytes()) != tt.src {
				t.Errorf("refused edit changed the text: %q", d.Bytes())
			}
		})
	}
}

// TestListAddReports checks the changed result.
func TestListAddReports(t *testing.T) {
	d, _ := Parse([]byte("---\ntopics: AI\n---\n"))
	if changed, err := d.AddToList("topics", "AI"); changed || err != nil {
		t.Errorf("adding a present item: changed %v, err %v", changed, err)
	}
	if changed, err := d.AddToList("topics", "Health"); !changed || err != nil {
		t.Errorf("adding an item: changed %v, err %v", changed, err)
	}
	if changed, err := d.RemoveFromList("topics", "ai", "health"); !changed || err != nil || d.Has("topics") {
		t.Errorf("removing both: changed %v, err %v, text %q", changed, err, d.Bytes())
	}
}

func TestListItems(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"---\ntopics: \"AI\"\n---\n", []string{"AI"}},
		{"---\ntopics: [AI, Space]\n---\n", []string{"AI", "Space"}},
		{"---\ntopics:\n  - AI\n  - {a: b}\n---\n", []string{"AI"}},
		{"---\nt: &t [AI]\ntopics: *t\n---\n", []string{"AI"}},
		{"---\ntopics:\n---\n", nil},
		{"---\ntopics: {a: b}\n---\n", nil},
		{"---\ntitle: x\n---\n", nil},
	}
	for _, tt := range tests {
		d, err := Parse([]byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := d.ListItems("topics"); !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("%q: ListItems = %q, want %q", tt.src, got, tt.want)
		}
	}
}
