package gui

import (
	"strings"
	"testing"
)

// The bulk topic edits keep a topic written as a single string: adding
// makes it a list holding both, removing another topic leaves it.
func TestBulkTopicOnScalarTopics(t *testing.T) {
	h := newHarness(t, sampleArts)
	id := h.insertText("scalar.txt", "---\ntitle: \"Scalar topics\"\ntopics: \"AI\"\n---\n\nBody.\n")
	h.w.bulk.removeTopic([]int64{id}, "Health")
	h.settle()
	if got := h.bytesOf(id); !strings.Contains(got, "\ntopics: \"AI\"\n") {
		t.Fatalf("removing an absent topic changed the text:\n%s", got)
	}
	h.w.bulk.addTopic([]int64{id}, "Health")
	h.settle()
	if got := h.bytesOf(id); got != "---\ntitle: \"Scalar topics\"\ntopics: [\"AI\", Health]\n---\n\nBody.\n" {
		t.Fatalf("after adding Health:\n%s", got)
	}
	h.w.bulk.removeTopic([]int64{id}, "ai")
	h.settle()
	if got := h.get(id).Topics; len(got) != 1 || got[0] != "Health" {
		t.Errorf("after removing AI: topics %q", got)
	}
}
