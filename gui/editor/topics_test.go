package editor

import (
	"testing"
)

// A topic written as a single string shows in the editor, and adding a
// topic there keeps it.
func TestEditorKeepsSingleStringTopic(t *testing.T) {
	base, err := newBaseline([]byte("---\ntitle: \"T\"\ntopics: \"AI\"\n---\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(base.st.topics) != 1 || base.st.topics[0] != "AI" {
		t.Fatalf("editor topics %q, want [AI]", base.st.topics)
	}
	st := base.st.clone()
	st.topics = append(st.topics, "Health")
	doc, errs, err := build(base, st)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if got := doc.Article().Topics; len(got) != 2 || got[0] != "AI" || got[1] != "Health" {
		t.Errorf("saved topics %q, want [AI Health]:\n%s", got, doc.Bytes())
	}
}
